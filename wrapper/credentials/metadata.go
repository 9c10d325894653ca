package credentials

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/dli-openapi/enhanced-connections/wrapper/signer"
)

// DefaultMetadataEndpoint is the ECS metadata service, on the link-local address every VM of
// Huawei Cloud and Open Telekom Cloud reaches.
const DefaultMetadataEndpoint = "http://169.254.169.254"

// The metadata service's API, as the vendor SDK calls it (core/auth/internal/metadata_accessor.go).
const (
	metadataTokenPath    = "/meta-data/latest/api/token"
	metadataKeysPath     = "/openstack/latest/securitykey"
	metadataTokenHeader  = "X-Metadata-Token"
	metadataTTLHeader    = "X-Metadata-Token-Ttl-Seconds"
	metadataTokenTTL     = 6 * time.Hour
	metadataNoAgencyText = "Please configure Cloud Service Agency first"
)

// Metadata hands out the temporary keys of the ECS instance's agency from the metadata service:
// a session token first (PUT /meta-data/latest/api/token, which services that enforce tokens
// require), then GET /openstack/latest/securitykey with it. A service without the token API
// (404 or 405) is asked without one from then on ("v1"). Keys live about an hour and the
// service hands out new ones before they expire, so wrap Metadata in a Cache.
//
// A Metadata is safe for concurrent use.
type Metadata struct {
	endpoint string
	client   *http.Client
	now      func() time.Time

	mu           sync.Mutex
	token        signer.Secret // the session token, which reads the keys
	tokenExpires time.Time
	v1           bool // the service has no token API
}

// NewMetadata returns a Metadata of the service at endpoint ("" means DefaultMetadataEndpoint),
// asked with client (nil means a client of its own: no proxy, a 1 s dial timeout and 3 s per
// request, so that off a cloud VM it fails fast).
func NewMetadata(endpoint string, client *http.Client) *Metadata {
	if endpoint == "" {
		endpoint = DefaultMetadataEndpoint
	}
	if client == nil {
		client = newMetadataClient()
	}
	return &Metadata{endpoint: strings.TrimSuffix(endpoint, "/"), client: client, now: time.Now}
}

// Endpoint is the address of the metadata service asked.
func (m *Metadata) Endpoint() string { return m.endpoint }

// source names the service in values and errors.
func (m *Metadata) source() string { return "the ECS metadata service (" + m.endpoint + ")" }

// Retrieve fetches the agency's current keys.
func (m *Metadata) Retrieve(ctx context.Context) (Value, error) {
	token, err := m.sessionToken(ctx, false)
	if err != nil {
		return Value{}, err
	}
	a, err := m.keys(ctx, token)
	if err != nil {
		return Value{}, err
	}
	if a.status == http.StatusUnauthorized && !strings.Contains(string(a.body), metadataNoAgencyText) {
		// The token expired or the service began to require one: take a new token, once.
		if token, err = m.sessionToken(ctx, true); err != nil {
			return Value{}, err
		}
		if a, err = m.keys(ctx, token); err != nil {
			return Value{}, err
		}
	}
	switch {
	case a.status == http.StatusUnauthorized && strings.Contains(string(a.body), metadataNoAgencyText):
		e := failure(m.source(), a, token)
		e.Err = fmt.Errorf("the instance has no agency: give it one (ECS console, Management Information, Agency) to use its keys: %w", errAnswer)
		return Value{}, e
	case a.status != http.StatusOK:
		return Value{}, failure(m.source(), a, token)
	}
	var body struct {
		Credential *tempKeys `json:"credential"`
	}
	if err := json.Unmarshal(a.body, &body); err != nil || body.Credential == nil {
		if err == nil {
			err = fmt.Errorf(`no "credential" in the answer: %w`, errAnswer)
		}
		return Value{}, &SourceError{Source: m.source(), StatusCode: a.status, Err: err}
	}
	return body.Credential.value(m.source()), nil
}

// keys asks for the keys, with the session token when there is one.
func (m *Metadata) keys(ctx context.Context, token string) (answer, error) {
	req, err := newRequest(ctx, http.MethodGet, m.endpoint+metadataKeysPath, nil)
	if err != nil {
		return answer{}, &SourceError{Source: m.source(), Err: err}
	}
	if token != "" {
		req.Header.Set(metadataTokenHeader, token)
	}
	a, err := m.send(ctx, req)
	if err != nil {
		return answer{}, &SourceError{Source: m.source(), Err: noAnswer(err)}
	}
	return a, nil
}

// refusedRetries and refusedBackoff: a connection refused at once is a service that is starting
// or restarting (a VM's metadata agent, a fake), worth two more tries shortly after; a dial that
// times out (off a cloud VM, nothing answers at all) is not tried again.
const (
	refusedRetries = 2
	refusedBackoff = 100 * time.Millisecond
)

// send sends req, again after a refused connection (see refusedRetries).
func (m *Metadata) send(ctx context.Context, req *http.Request) (answer, error) {
	for try := 0; ; try++ {
		a, err := send(m.client, req)
		if err == nil || try == refusedRetries || !errors.Is(err, syscall.ECONNREFUSED) {
			return a, err
		}
		select {
		case <-time.After(refusedBackoff << try):
		case <-ctx.Done():
			return a, err
		}
		req = req.Clone(req.Context()) // bodiless: a copy is all a new attempt needs
	}
}

// noAnswer says what a metadata service that does not answer most likely means.
func noAnswer(err error) error {
	return fmt.Errorf("%w (nothing answers there: off a Huawei Cloud or Open Telekom Cloud server, configure keys "+
		"instead, or set %s=true)", err, EnvMetadataDisabled)
}

// sessionToken returns the session token to send, "" when the service has no token API.
// renew forces a new one.
func (m *Metadata) sessionToken(ctx context.Context, renew bool) (string, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	now := m.now()
	if m.v1 {
		return "", nil
	}
	if !renew && m.token.IsSet() && now.Before(m.tokenExpires) {
		return m.token.Reveal(), nil
	}
	req, err := newRequest(ctx, http.MethodPut, m.endpoint+metadataTokenPath, nil)
	if err != nil {
		return "", &SourceError{Source: m.source(), Err: err}
	}
	req.Header.Set(metadataTTLHeader, strconv.Itoa(int(metadataTokenTTL/time.Second)))
	a, err := m.send(ctx, req)
	if err != nil {
		return "", &SourceError{Source: m.source(), Err: noAnswer(err)}
	}
	switch a.status {
	case http.StatusOK:
		token := strings.TrimSpace(string(a.body))
		m.token = signer.NewSecret(token)
		// Renewed a minute early, so that no request carries a token about to lapse.
		m.tokenExpires = now.Add(metadataTokenTTL - time.Minute)
		return token, nil
	case http.StatusNotFound, http.StatusMethodNotAllowed:
		m.v1, m.token = true, signer.Secret{}
		return "", nil
	case http.StatusServiceUnavailable:
		// The vendor's reading: the token API is away for now; the keys may still come without.
		return "", nil
	}
	return "", failure(m.source(), a)
}
