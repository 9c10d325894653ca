package wrapper

import "net/http"

// headerTransport adds what every DLI call carries: the User-Agent and X-Project-Id that the
// vendor SDK sends (and signs), and the IAM token when one authenticates. It runs before the
// signer, so the signer sees and signs these headers.
type headerTransport struct {
	next      http.RoundTripper
	userAgent string
	projectID string
	authToken string
}

func (t *headerTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	r := req.Clone(req.Context())
	r.Header.Set("User-Agent", t.userAgent)
	r.Header.Set("X-Project-Id", t.projectID)
	if t.authToken != "" {
		r.Header.Set("X-Auth-Token", t.authToken)
	}
	return t.next.RoundTrip(r)
}

// newTransport chains retries over headers over signing over the caller's transport. Retries sit
// outermost so that every attempt is re-headered and re-signed with a fresh X-Sdk-Date.
func newTransport(cfg Config, base http.RoundTripper, policy RetryPolicy) *retryTransport {
	if base == nil {
		base = http.DefaultTransport
	}
	var rt = base
	if cfg.Credentials.AccessKey != "" {
		rt = NewSignerFromCredentials(cfg.Credentials).RoundTripper(rt)
	}
	ua := cfg.UserAgent
	if ua == "" {
		ua = defaultUserAgent
	}
	rt = &headerTransport{next: rt, userAgent: ua, projectID: cfg.ProjectID, authToken: cfg.AuthToken}
	return &retryTransport{next: rt, policy: policy}
}

// defaultUserAgent names this client in the service's logs.
const defaultUserAgent = "enhanced-connections-go/1"
