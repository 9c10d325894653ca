package wrapper

import (
	"net"
	"net/http"
	"time"
)

// The client's own transport. http.DefaultTransport keeps 2 idle connections per host: N
// goroutines sharing a client over HTTP/1.1 then open a new TLS connection for most calls
// (measured in bench/: more than 900 handshakes per 1,000 calls at 64 goroutines), which costs a
// handshake of CPU on both sides and, on a real network, two more round trips each time. It is
// also shared with every other user in the process. So every Client builds its own transport,
// sized to keep a connection for every call in flight:
//
//   - idle connections are kept up to MaxConnsPerHost, or defaultMaxIdleConnsPerHost when that
//     is 0 (no bound on connections): N goroutines keep N connections, never more than they
//     needed at once, and IdleConnTimeout closes those nobody used for that long;
//   - HTTP/2 when the server offers it in TLS (one connection carries every call);
//   - the environment's proxy (HTTPS_PROXY, NO_PROXY) and the system roots (which SSL_CERT_FILE
//     and SSL_CERT_DIR change), as for any Go program;
//   - time limits on the dial, the TLS handshake and an idle HTTP/2 connection's health check,
//     so that a dead network fails a call long before its own Timeout where possible (a failed
//     dial is retried even for a create: nothing was sent).

// Defaults of the client's own transport.
const (
	// defaultMaxIdleConnsPerHost is the idle pool of a client with no MaxConnsPerHost: above any
	// concurrency one client of one endpoint should see, so that it never closes a connection
	// it is about to need again.
	defaultMaxIdleConnsPerHost = 1024
	defaultIdleConnTimeout     = 90 * time.Second
	defaultDialTimeout         = 10 * time.Second
	defaultKeepAlive           = 30 * time.Second
	defaultTLSHandshakeTimeout = 10 * time.Second
	// An HTTP/2 connection that received nothing for h2PingAfter is pinged, and closed when
	// the answer takes longer than h2PingTimeout: a connection every call shares must not hang
	// them all after a silent network failure.
	h2PingAfter   = 30 * time.Second
	h2PingTimeout = 15 * time.Second
)

// transportFor returns the transport a client sends through: the caller's, when cfg.HTTPClient
// has one, else a new one of the client's own (also returned as own). The connection settings
// of cfg shape only a transport of the client's own; with the caller's they are refused, so
// that no setting is silently ignored.
func transportFor(cfg Config) (base http.RoundTripper, own *http.Transport, err error) {
	if cfg.MaxConnsPerHost < 0 || cfg.IdleConnTimeout < 0 {
		return nil, nil, configError("MaxConnsPerHost and IdleConnTimeout must not be negative")
	}
	if cfg.HTTPClient != nil && cfg.HTTPClient.Transport != nil {
		if cfg.MaxConnsPerHost != 0 || cfg.IdleConnTimeout != 0 {
			return nil, nil, configError("MaxConnsPerHost and IdleConnTimeout shape the client's own transport; " +
				"HTTPClient.Transport is set, so set them on that transport instead")
		}
		return cfg.HTTPClient.Transport, nil, nil
	}
	own = newTransport(cfg.MaxConnsPerHost, cfg.IdleConnTimeout)
	return own, own, nil
}

// newTransport builds a client's own transport (see above); maxConns 0 means no bound, idle 0
// the default idle timeout.
func newTransport(maxConns int, idle time.Duration) *http.Transport {
	dialer := &net.Dialer{Timeout: defaultDialTimeout, KeepAlive: defaultKeepAlive}
	maxIdle := defaultMaxIdleConnsPerHost
	if maxConns > 0 {
		maxIdle = maxConns
	}
	if idle == 0 {
		idle = defaultIdleConnTimeout
	}
	return &http.Transport{
		Proxy:                 http.ProxyFromEnvironment,
		DialContext:           dialer.DialContext,
		ForceAttemptHTTP2:     true,
		TLSHandshakeTimeout:   defaultTLSHandshakeTimeout,
		MaxIdleConnsPerHost:   maxIdle,
		MaxConnsPerHost:       maxConns,
		IdleConnTimeout:       idle,
		ExpectContinueTimeout: time.Second,
		HTTP2:                 &http.HTTP2Config{SendPingTimeout: h2PingAfter, PingTimeout: h2PingTimeout},
	}
}

// CloseIdleConnections closes the idle connections of the client's own transport, e.g. before a
// long pause, or when a service drops a client: they would otherwise stay open until
// Config.IdleConnTimeout. Calls in flight keep theirs, and later calls open new ones. It does
// nothing when Config.HTTPClient brought a transport: that one is the caller's to manage.
func (c *Client) CloseIdleConnections() {
	if c.transport != nil {
		c.transport().CloseIdleConnections()
	}
}
