package credentials

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"strings"
	"time"
)

// IAM's federation API, as the vendor SDK calls it (core/auth/internal/iam_helper.go).
const (
	oidcTokenPath      = "/v3.0/OS-AUTH/id-token/tokens"
	securityTokensPath = "/v3.0/OS-CREDENTIAL/securitytokens"
	// DefaultFederatedKeyLifetime is what the keys exchanged for an id token are asked to live,
	// the vendor SDK's choice; IAM accepts 15 minutes to 24 hours.
	DefaultFederatedKeyLifetime = 6 * time.Hour
)

// maxIDToken bounds the id token file: a JWT is a few kilobytes.
const maxIDToken = 64 << 10

// OIDC exchanges an OpenID Connect id token for temporary keys at IAM, the way CCE workload
// identity and other federated workloads authenticate: the token (read from a file at every
// exchange, because projected service-account tokens rotate) goes to
// POST /v3.0/OS-AUTH/id-token/tokens with the identity provider's id, and the IAM token that
// comes back to POST /v3.0/OS-CREDENTIAL/securitytokens for an AK/SK and security token.
//
// Unlike the vendor SDK, which always asks its global IAM endpoint (and gets 403 IAM.0002
// outside the default site), the exchange goes to the IAM endpoint of the configured region.
type OIDC struct {
	// IdentityProvider is the IdP id registered in IAM (HUAWEICLOUD_SDK_IDP_ID).
	IdentityProvider string
	// TokenFile holds the id token (HUAWEICLOUD_SDK_ID_TOKEN_FILE).
	TokenFile string
	// IAMEndpoint is the base URL of IAM, e.g. "https://iam.eu-de.otc.t-systems.com".
	IAMEndpoint string
	// Lifetime is asked for the keys; 0 means DefaultFederatedKeyLifetime.
	Lifetime time.Duration
	// Client sends the two requests; nil means a client of its own.
	Client *http.Client
}

// source names the exchange in values and errors.
func (o *OIDC) source() string {
	return "OIDC federation (identity provider " + o.IdentityProvider + " at " + o.IAMEndpoint + ")"
}

// Retrieve reads the id token and exchanges it for keys.
func (o *OIDC) Retrieve(ctx context.Context) (Value, error) {
	idToken, err := readTokenFile(o.TokenFile)
	if err != nil {
		return Value{}, &SourceError{Source: o.source(), Err: err}
	}
	client := o.Client
	if client == nil {
		client = newServiceClient()
	}
	base := strings.TrimSuffix(o.IAMEndpoint, "/")

	// 1. id token -> IAM token (X-Subject-Token). Not signed: the id token authenticates.
	body, _ := json.Marshal(map[string]any{"auth": map[string]any{"id_token": map[string]string{"id": idToken}}})
	req, err := newRequest(ctx, http.MethodPost, base+oidcTokenPath, body)
	if err != nil {
		return Value{}, &SourceError{Source: o.source(), Err: err}
	}
	req.Header.Set("Content-Type", "application/json;charset=UTF-8")
	req.Header.Set("X-Idp-Id", o.IdentityProvider)
	a, err := send(client, req)
	if err != nil {
		return Value{}, &SourceError{Source: o.source(), Err: err}
	}
	if a.status != http.StatusCreated && a.status != http.StatusOK {
		return Value{}, failure(o.source(), a, idToken)
	}
	iamToken := a.header.Get("X-Subject-Token")
	if iamToken == "" {
		return Value{}, &SourceError{Source: o.source(), StatusCode: a.status,
			Err: fmt.Errorf("IAM answered the id token exchange without X-Subject-Token: %w", errAnswer)}
	}

	// 2. IAM token -> temporary AK/SK and security token.
	lifetime := o.Lifetime
	if lifetime <= 0 {
		lifetime = DefaultFederatedKeyLifetime
	}
	body, _ = json.Marshal(map[string]any{"auth": map[string]any{"identity": map[string]any{
		"methods": []string{"token"},
		"token":   map[string]any{"id": iamToken, "duration_seconds": int(lifetime / time.Second)},
	}}})
	if req, err = newRequest(ctx, http.MethodPost, base+securityTokensPath, body); err != nil {
		return Value{}, &SourceError{Source: o.source(), Err: err}
	}
	req.Header.Set("Content-Type", "application/json;charset=UTF-8")
	req.Header.Set("X-Auth-Token", iamToken)
	if a, err = send(client, req); err != nil {
		return Value{}, &SourceError{Source: o.source(), Err: err}
	}
	if a.status != http.StatusCreated && a.status != http.StatusOK {
		return Value{}, failure(o.source(), a, idToken, iamToken)
	}
	var keys struct {
		Credential *tempKeys `json:"credential"`
	}
	if err := json.Unmarshal(a.body, &keys); err != nil || keys.Credential == nil {
		if err == nil {
			err = fmt.Errorf(`no "credential" in IAM's answer: %w`, errAnswer)
		}
		return Value{}, &SourceError{Source: o.source(), StatusCode: a.status, Err: err}
	}
	return keys.Credential.value(o.source()), nil
}

// readTokenFile reads a token from a file the platform keeps current, trimmed, bounded.
func readTokenFile(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer func() { _ = f.Close() }()
	b, err := io.ReadAll(io.LimitReader(f, maxIDToken+1))
	if err != nil {
		return "", err
	}
	if len(b) > maxIDToken {
		return "", fmt.Errorf("token file %s is longer than %d bytes", path, maxIDToken)
	}
	token := strings.TrimSpace(string(b))
	if token == "" {
		return "", fmt.Errorf("token file %s is empty", path)
	}
	return token, nil
}
