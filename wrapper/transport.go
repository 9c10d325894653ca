package wrapper

import "net/http"

// attemptHeaders makes one attempt's request what every DLI call carries: the User-Agent and
// X-Project-Id that the vendor SDK sends (and signs), the IAM token when one authenticates, and
// then the AK/SK signature, last, so that the signer sees and signs those headers. It edits the
// request the retry transport cloned for this attempt, in place: a clone per layer (headers,
// then signing) cost two more copies of the request and its headers on every attempt.
type attemptHeaders struct {
	userAgent string
	projectID string
	authToken string
	// signer is nil when no AK/SK is configured (token auth, or none against a fake).
	signer *Signer
}

// prepare heads and signs r, which belongs to one attempt and to nobody else.
func (h *attemptHeaders) prepare(r *http.Request) error {
	r.Header.Set("User-Agent", h.userAgent)
	r.Header.Set("X-Project-Id", h.projectID)
	if h.authToken != "" {
		r.Header.Set("X-Auth-Token", h.authToken)
	}
	if h.signer != nil {
		return h.signer.sign(r, nil)
	}
	return nil
}

// newTransport puts retries, headers and signing over the caller's transport. Retries sit
// outermost so that every attempt is re-headered and re-signed with a fresh X-Sdk-Date.
func newTransport(cfg Config, base http.RoundTripper, policy RetryPolicy) *retryTransport {
	if base == nil {
		base = http.DefaultTransport
	}
	ua := cfg.UserAgent
	if ua == "" {
		ua = defaultUserAgent
	}
	h := &attemptHeaders{userAgent: ua, projectID: cfg.ProjectID, authToken: cfg.AuthToken}
	if cfg.Credentials.AccessKey != "" {
		h.signer = NewSignerFromCredentials(cfg.Credentials)
	}
	return &retryTransport{next: base, prepare: h.prepare, policy: policy}
}

// defaultUserAgent names this client in the service's logs.
const defaultUserAgent = "enhanced-connections-go/1"
