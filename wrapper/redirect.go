package wrapper

import (
	"errors"
	"net/http"
)

// Credentials must reach the configured endpoint and nothing else. Two guards see to it:
//
//   - The client's http.Client follows no redirect: DLI never redirects, and a gateway or proxy
//     that does would otherwise receive the next hop's signature, token and (for 307 and 308)
//     body. The redirect answer itself becomes a *RedirectError carrying its status and Location.
//   - Below every middleware, the transport refuses any request whose origin (scheme, host,
//     port) is not the endpoint's, so that no layer above, the caller's own middleware
//     included, can send a signed request elsewhere, or over http when the endpoint is https.

// noRedirects is the client's CheckRedirect: hand the redirect answer back instead of following.
func noRedirects(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }

// errOtherOrigin is what the origin guard returns for a request to another origin.
var errOtherOrigin = errors.New("refusing to send a request to an origin other than the endpoint's")

// originGuard passes on only requests to the endpoint's origin.
type originGuard struct {
	// scheme and host are the endpoint's as written, which every request the client builds
	// carries; origin is the canonical form, for requests spelled otherwise.
	scheme, host, origin string
	next                 http.RoundTripper
}

// RoundTrip implements http.RoundTripper; like every RoundTripper it closes the body of a
// request it does not send.
func (g *originGuard) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.URL == nil || (req.URL.Scheme != g.scheme || req.URL.Host != g.host) && originOf(req.URL.Scheme, req.URL.Host) != g.origin {
		if req.Body != nil {
			_ = req.Body.Close()
		}
		return nil, errOtherOrigin
	}
	return g.next.RoundTrip(req)
}
