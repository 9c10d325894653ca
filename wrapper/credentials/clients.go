package credentials

import (
	"net"
	"net/http"
	"time"
)

// The platform services get HTTP clients of their own, never the DLI client's: its transport
// admits only the DLI endpoint's origin, and these are other origins that receive no DLI
// credentials. Each client has its own transport, so nothing is shared with other clients of the
// process, and none follows a redirect (a credential service that redirects is not one).

// metadataTimeout bounds one request to the ECS metadata service. Off a cloud VM the link-local
// address answers nothing; the short dial timeout makes that fail in about a second instead of
// hanging a service's first call.
const (
	metadataDialTimeout = time.Second
	metadataTimeout     = 3 * time.Second
)

// newMetadataClient is for the link-local metadata address: no proxy (a proxy cannot reach the
// VM's link-local service, and must not see its keys), short timeouts.
func newMetadataClient() *http.Client {
	return &http.Client{
		Timeout: metadataTimeout,
		Transport: &http.Transport{
			Proxy:                 nil,
			DialContext:           (&net.Dialer{Timeout: metadataDialTimeout}).DialContext,
			ResponseHeaderTimeout: metadataTimeout,
			MaxIdleConns:          1,
			IdleConnTimeout:       30 * time.Second,
		},
		CheckRedirect: noRedirect,
	}
}

// serviceTimeout bounds one request to IAM or CCE pod identity.
const serviceTimeout = 15 * time.Second

// newServiceClient is for IAM and pod identity: the environment's proxy, TLS with the system
// roots, bounded.
func newServiceClient() *http.Client {
	return &http.Client{
		Timeout: serviceTimeout,
		Transport: &http.Transport{
			Proxy:                 http.ProxyFromEnvironment,
			DialContext:           (&net.Dialer{Timeout: 5 * time.Second, KeepAlive: 30 * time.Second}).DialContext,
			TLSHandshakeTimeout:   5 * time.Second,
			ResponseHeaderTimeout: serviceTimeout,
			MaxIdleConns:          2,
			IdleConnTimeout:       90 * time.Second,
			ForceAttemptHTTP2:     true,
		},
		CheckRedirect: noRedirect,
	}
}

func noRedirect(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
