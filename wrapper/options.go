package wrapper

import (
	"net/http"
	"time"
)

// CallOption changes one call: its time limit, its retries, or the headers it sends. Options
// are applied in order; a later one wins.
type CallOption func(*callSettings)

// callSettings are what the options of one call decide, starting from the client's own.
type callSettings struct {
	timeout time.Duration
	retry   RetryPolicy
	header  http.Header
	// noRecover turns off the recovery of a create whose answer was lost (WithRecover).
	noRecover bool
}

// WithTimeout bounds this call, retries included, instead of Config.Timeout.
func WithTimeout(d time.Duration) CallOption {
	return func(s *callSettings) {
		if d > 0 {
			s.timeout = d
		}
	}
}

// WithRetry uses p for this call instead of Config.Retry (zero fields take the defaults);
// WithRetry(RetryPolicy{MaxAttempts: 1}) sends the call once. What may be retried at all (see
// RetryPolicy) does not change.
func WithRetry(p RetryPolicy) CallOption {
	return func(s *callSettings) { s.retry = p.withDefaults() }
}

// WithHeader adds a header to every attempt of this call, e.g. a trace id. It is signed like
// the others; the headers the client sets itself (Authorization, X-Sdk-Date, X-Project-Id,
// X-Auth-Token, X-Security-Token, Content-Type, Host) cannot be replaced this way.
func WithHeader(name, value string) CallOption {
	return func(s *callSettings) {
		if s.header == nil {
			s.header = make(http.Header, 1)
		}
		s.header.Add(name, value)
	}
}

// settings applies opts to the client's defaults.
func (c *Client) settings(opts []CallOption) callSettings {
	s := callSettings{timeout: c.timeout, retry: c.retry}
	if len(opts) == 0 {
		return s
	}
	return applyOptions(s, opts)
}

// applyOptions is apart from settings so that the common call without options keeps its
// settings on the stack: the options take their address.
func applyOptions(s callSettings, opts []CallOption) callSettings {
	for _, o := range opts {
		if o != nil {
			o(&s)
		}
	}
	return s
}
