package wrapper

import (
	"context"
	"errors"
	"io"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestCallSeenByMiddleware: every attempt of a call sees the same Call, which names the
// operation and its path template, began before the first attempt, and ends once, after the
// last attempt, with what the call returns and how many attempts it took.
func TestCallSeenByMiddleware(t *testing.T) {
	tests := []struct {
		name     string
		statuses []int
		attempts int
		wantErr  bool
	}{
		{"first attempt succeeds", []int{200}, 1, false},
		{"one retry after 503", []int{503, 200}, 2, false},
		{"every attempt fails", []int{503, 503, 503, 503}, 4, true},
		{"a 400 is final", []int{400}, 1, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n := 0
			srv := newSignedServer(t, func(w http.ResponseWriter, _ *http.Request) {
				status := tt.statuses[min(n, len(tt.statuses)-1)]
				n++
				w.Header().Set("Content-Type", "application/json")
				w.WriteHeader(status)
				if status == 200 {
					_, _ = io.WriteString(w, emptyList)
					return
				}
				_, _ = io.WriteString(w, `{"error_code":"DLI.0001","error_msg":"no"}`)
			})
			var seen []*Call
			var ends []CallEnd
			before := time.Now()
			c := newTestClient(t, srv.URL, func(cfg *Config) {
				cfg.Middleware = []Middleware{func(req *http.Request, next Next) (*http.Response, error) {
					call := CallFromContext(req.Context())
					require.NotNil(t, call)
					if len(seen) == 0 {
						call.OnEnd(func(e CallEnd) { ends = append(ends, e) })
					}
					seen = append(seen, call)
					assert.Empty(t, ends, "the call ends after its last attempt")
					return next(req)
				}}
			})
			_, err := c.ListEnhancedConnections(context.Background(), nil)
			assert.Equal(t, tt.wantErr, err != nil, "%v", err)
			require.Len(t, seen, tt.attempts)
			for _, call := range seen {
				assert.Same(t, seen[0], call)
			}
			call := seen[0]
			assert.Equal(t, "ListEnhancedConnections", call.Operation())
			assert.Equal(t, "/v2.0/{project_id}/datasource/enhanced-connections", call.PathTemplate())
			assert.False(t, call.Start().Before(before))
			require.Len(t, ends, 1)
			assert.Equal(t, tt.attempts, ends[0].Attempts)
			assert.Equal(t, err, ends[0].Err, "the error the call returned")
		})
	}
}

// TestCallScrubs: text a server sent is cleaned of the client's secrets and bounded, as the
// client's own errors keep it.
func TestCallScrubs(t *testing.T) {
	c := newTestClient(t, "https://127.0.0.1:1")
	call := &Call{secrets: c.secrets}
	assert.NotContains(t, call.Scrub("req-"+testSK+"-"+testToken), testSK)
	assert.NotContains(t, call.Scrub("req-"+testSK+"-"+testToken), testToken)
	assert.LessOrEqual(t, len(call.Scrub(string(make([]byte, 10*maxErrorText)))), maxErrorText)
}

// TestNoCallWithoutMiddleware: a request no Client made has no Call, and a client without
// middleware makes none (it costs nothing then).
func TestNoCallWithoutMiddleware(t *testing.T) {
	assert.Nil(t, CallFromContext(context.Background()))
	var sawCall bool
	c := newTestClient(t, "https://127.0.0.1:1", func(cfg *Config) {
		cfg.HTTPClient = &http.Client{Transport: roundTripFunc(func(r *http.Request) (*http.Response, error) {
			sawCall = CallFromContext(r.Context()) != nil
			return nil, errors.New("not sent")
		})}
		cfg.Retry.MaxAttempts = 1
	})
	_, err := c.ListEnhancedConnections(context.Background(), nil)
	require.Error(t, err)
	assert.False(t, sawCall)
	assert.False(t, c.observed)
}
