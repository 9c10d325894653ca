package credentials

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
)

// PodIdentity hands out the temporary keys of a CCE pod's identity: the pod's authorization
// token (read from TokenFile at every call, since the platform rotates it) goes as the
// Authorization header of POST URI, whose answer is the keys. The vendor SDK has this provider
// but its default chain never tries it; ours does, before the metadata service, which in a pod
// would answer for the node rather than for the pod.
type PodIdentity struct {
	// URI is HC_CONTAINER_CREDENTIALS_FULL_URI.
	URI string
	// TokenFile is HC_CONTAINER_AUTHORIZATION_TOKEN_FILE.
	TokenFile string
	// Client sends the request; nil means a client of its own.
	Client *http.Client
}

func (p *PodIdentity) source() string { return "CCE pod identity (" + p.URI + ")" }

// Retrieve asks the pod identity endpoint for keys.
func (p *PodIdentity) Retrieve(ctx context.Context) (Value, error) {
	token, err := readTokenFile(p.TokenFile)
	if err != nil {
		return Value{}, &SourceError{Source: p.source(), Err: err}
	}
	client := p.Client
	if client == nil {
		client = newServiceClient()
	}
	req, err := newRequest(ctx, http.MethodPost, p.URI, []byte("{}"))
	if err != nil {
		return Value{}, &SourceError{Source: p.source(), Err: err}
	}
	req.Header.Set("Content-Type", "application/json; charset=utf-8")
	req.Header.Set("Authorization", token)
	a, err := send(client, req)
	if err != nil {
		return Value{}, &SourceError{Source: p.source(), Err: err}
	}
	if a.status != http.StatusOK {
		return Value{}, failure(p.source(), a, token)
	}
	var body struct {
		Credentials *tempKeys `json:"credentials"`
	}
	if err := json.Unmarshal(a.body, &body); err != nil || body.Credentials == nil {
		if err == nil {
			err = fmt.Errorf(`no "credentials" in the answer: %w`, errAnswer)
		}
		return Value{}, &SourceError{Source: p.source(), StatusCode: a.status, Err: err}
	}
	return body.Credentials.value(p.source()), nil
}
