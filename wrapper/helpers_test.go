package wrapper

import (
	"net/http"
)

// roundTripFunc is an http.RoundTripper made of a function, for transports written in a test.
type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }
