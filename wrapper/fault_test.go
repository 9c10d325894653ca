package wrapper_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/dli-openapi/enhanced-connections/fake"
	"github.com/dli-openapi/enhanced-connections/gen"
	"github.com/dli-openapi/enhanced-connections/wrapper"
	"github.com/dli-openapi/enhanced-connections/wrapper/signer"
)

// These tests complement TestFaultsAgainstTheFake (fake_test.go) with bursts, retry budgets,
// resets on every idempotent method, client deadlines, gateway HTML pages, and the full matrix
// of faults around a create. Every figure they log (attempts, time) is what the README quotes.

// faultClient is a client of srv with fast backoff (1-10 ms) and the default budget of 4
// attempts; mutate adjusts the config.
func faultClient(t *testing.T, srv *fake.Running, mutate func(*wrapper.Config)) *wrapper.Client {
	t.Helper()
	cfg := wrapper.Config{
		Endpoint:    srv.URL(),
		ProjectID:   fakeProject,
		Credentials: signer.Keys(fakeAK, fakeSK),
		Retry:       wrapper.RetryPolicy{BaseDelay: time.Millisecond, MaxDelay: 10 * time.Millisecond, MaxRetryAfter: 2 * time.Second},
	}
	if mutate != nil {
		mutate(&cfg)
	}
	c, err := wrapper.New(cfg)
	require.NoError(t, err)
	return c
}

// startFaultFake starts a signed fake with one connection in it, and returns the connection id.
func startFaultFake(t *testing.T) (*fake.Running, *wrapper.Client, string) {
	t.Helper()
	srv, c := startSignedFake(t, fake.Options{})
	created, err := c.CreateEnhancedConnection(context.Background(), seedCreate("faulty"))
	require.NoError(t, err)
	return srv, c, created.ConnectionID
}

// attempts counts the requests of operationID that reached the fake (answered, faulted or
// dropped): the client's attempts.
func attempts(srv *fake.Running, operationID string) int {
	n := 0
	for _, r := range srv.Requests() {
		if r.OperationID == operationID {
			n++
		}
	}
	return n
}

// settledAttempts is attempts once the fake has logged at least want requests of operationID
// (or after 3 s): the fake logs a request when its handler returns, which for a delayed answer
// is after the client gave up. The client has returned by then, so no further request can come.
func settledAttempts(srv *fake.Running, operationID string, want int) int {
	deadline := time.Now().Add(3 * time.Second)
	for attempts(srv, operationID) < want && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
	return attempts(srv, operationID)
}

// idempotentOps are the calls the client may repeat: each runs one operation on conn.
var idempotentOps = []struct {
	op  string
	run func(ctx context.Context, c *wrapper.Client, conn string) error
}{
	{"ShowEnhancedConnection", func(ctx context.Context, c *wrapper.Client, conn string) error {
		_, err := c.ShowEnhancedConnection(ctx, conn)
		return err
	}},
	{"ListEnhancedConnections", func(ctx context.Context, c *wrapper.Client, _ string) error {
		_, err := c.ListEnhancedConnections(ctx, nil)
		return err
	}},
	{"UpdateEnhancedConnection", func(ctx context.Context, c *wrapper.Client, conn string) error {
		ip, name := "10.0.0.9", "db-1"
		_, err := c.UpdateEnhancedConnection(ctx, conn, gen.UpdateEnhancedConnectionRequest{Hosts: []gen.Host{{IP: ip, Name: name}}})
		return err
	}},
	{"DeleteEnhancedConnection", func(ctx context.Context, c *wrapper.Client, conn string) error {
		_, err := c.DeleteEnhancedConnection(ctx, conn)
		return err
	}},
}

func TestFaultBurstsOfGatewayErrors(t *testing.T) {
	for _, o := range idempotentOps {
		t.Run(o.op+"/502, 503, 504 then success", func(t *testing.T) {
			srv, c, conn := startFaultFake(t)
			srv.InjectFaults(o.op, fake.Fault{Status: 502, HTML: true}, fake.Fault{Status: 503}, fake.Fault{Status: 504})
			start := time.Now()
			require.NoError(t, o.run(context.Background(), c, conn), "3 gateway errors fit the budget of 4 attempts")
			assert.Equal(t, 4, attempts(srv, o.op))
			assert.Equal(t, 1, srv.Calls(o.op), "the operation ran once, on the 4th attempt")
			t.Logf("%s: recovered from 3 consecutive 5xx in 4 attempts, %v", o.op, time.Since(start).Round(time.Millisecond))
		})
		t.Run(o.op+"/5 x 503 exhaust the budget", func(t *testing.T) {
			srv, c, conn := startFaultFake(t)
			srv.InjectFaults(o.op, fake.Fault{Status: 503}, fake.Fault{Status: 503}, fake.Fault{Status: 503}, fake.Fault{Status: 503}, fake.Fault{Status: 503})
			err := o.run(context.Background(), c, conn)
			var apiErr *wrapper.APIError
			require.True(t, errors.As(err, &apiErr), "typed error, got %T %v", err, err)
			assert.Equal(t, http.StatusServiceUnavailable, apiErr.StatusCode)
			assert.True(t, apiErr.Temporary())
			assert.Equal(t, o.op, apiErr.Operation)
			assert.NotEmpty(t, apiErr.Code, "the fake's gateway body carries an APIGW code")
			assert.Equal(t, 4, attempts(srv, o.op), "the default budget is 4 attempts")
			assert.Zero(t, srv.Calls(o.op))
			assert.Equal(t, 1, srv.Connections(fakeProject), "nothing changed")
		})
	}
}

func TestFaultThrottling(t *testing.T) {
	t.Run("Retry-After beyond MaxRetryAfter ends the call at once", func(t *testing.T) {
		srv, c, _ := startFaultFake(t)
		srv.InjectFaults("ListEnhancedConnections", fake.Fault{RetryAfter: 10 * time.Second})
		start := time.Now()
		_, err := c.ListEnhancedConnections(context.Background(), nil)
		elapsed := time.Since(start)
		assert.True(t, wrapper.IsThrottled(err), "got %v", err)
		assert.Equal(t, 1, attempts(srv, "ListEnhancedConnections"))
		assert.Less(t, elapsed, time.Second, "a 10 s Retry-After over a 2 s MaxRetryAfter is not sat out")
		t.Logf("429 with Retry-After 10s (MaxRetryAfter 2s): 1 attempt, gave up after %v", elapsed.Round(time.Millisecond))
	})
	t.Run("Retry-After within MaxRetryAfter is sat out, twice", func(t *testing.T) {
		srv, c, conn := startFaultFake(t)
		srv.InjectFaults("ShowEnhancedConnection", fake.Fault{RetryAfter: time.Second}, fake.Fault{RetryAfter: time.Second})
		start := time.Now()
		_, err := c.ShowEnhancedConnection(context.Background(), conn)
		elapsed := time.Since(start)
		require.NoError(t, err)
		assert.GreaterOrEqual(t, elapsed, 2*time.Second)
		assert.Equal(t, 3, attempts(srv, "ShowEnhancedConnection"))
		t.Logf("2 x 429 with Retry-After 1s: 3 attempts, %v", elapsed.Round(time.Millisecond))
	})
	t.Run("a burst of 429 without Retry-After exhausts the budget", func(t *testing.T) {
		srv, c, conn := startFaultFake(t)
		for range 4 {
			srv.InjectFaults("ShowEnhancedConnection", fake.Fault{Status: 429})
		}
		_, err := c.ShowEnhancedConnection(context.Background(), conn)
		assert.True(t, wrapper.IsThrottled(err), "got %v", err)
		assert.Equal(t, 4, attempts(srv, "ShowEnhancedConnection"))
	})
}

func TestFaultConnectionResets(t *testing.T) {
	for _, o := range idempotentOps {
		for _, after := range []bool{false, true} {
			name := o.op + "/reset before the operation"
			if after {
				name = o.op + "/reset mid-answer, after the operation ran"
			}
			t.Run(name, func(t *testing.T) {
				srv, c, conn := startFaultFake(t)
				srv.InjectFaults(o.op, fake.Fault{Drop: true, AfterHandler: after})
				start := time.Now()
				err := o.run(context.Background(), c, conn)
				assert.Equal(t, 2, attempts(srv, o.op), "one retry")
				wantCalls := 1
				if after {
					wantCalls = 2 // the operation ran, its answer was cut, the retry ran it again
				}
				assert.Equal(t, wantCalls, srv.Calls(o.op))
				if o.op == "DeleteEnhancedConnection" {
					assert.Zero(t, srv.Connections(fakeProject), "deleted")
					if after {
						// The first attempt deleted the connection; the retry is told that it
						// does not exist. The state is right; the caller sees IsNotFound.
						assert.True(t, err == nil || wrapper.IsNotFound(err), "got %v", err)
						t.Logf("%s after a reset mid-answer: err=%v (IsNotFound=%t)", o.op, err, wrapper.IsNotFound(err))
						return
					}
				}
				require.NoError(t, err)
				t.Logf("%s: recovered from a reset (after=%t) in 2 attempts, %v", o.op, after, time.Since(start).Round(time.Millisecond))
			})
		}
	}
}

func TestFaultDeadlines(t *testing.T) {
	t.Run("Config.Timeout ends a call whose answer is slower", func(t *testing.T) {
		srv, _, conn := startFaultFake(t)
		c := faultClient(t, srv, func(cfg *wrapper.Config) { cfg.Timeout = 300 * time.Millisecond })
		srv.InjectFaults("ShowEnhancedConnection", fake.Fault{Delay: 5 * time.Second})
		start := time.Now()
		_, err := c.ShowEnhancedConnection(context.Background(), conn)
		elapsed := time.Since(start)
		require.ErrorIs(t, err, context.DeadlineExceeded)
		assert.Less(t, elapsed, 2*time.Second)
		assert.Equal(t, 1, settledAttempts(srv, "ShowEnhancedConnection", 1), "no attempt after the deadline")
		t.Logf("5 s answer, 300 ms Timeout: %v after %v", err, elapsed.Round(time.Millisecond))
	})
	t.Run("a slow answer within the deadline succeeds", func(t *testing.T) {
		srv, _, conn := startFaultFake(t)
		c := faultClient(t, srv, func(cfg *wrapper.Config) { cfg.Timeout = 2 * time.Second })
		srv.InjectFaults("ShowEnhancedConnection", fake.Fault{Delay: 200 * time.Millisecond})
		_, err := c.ShowEnhancedConnection(context.Background(), conn)
		require.NoError(t, err)
	})
	t.Run("the deadline cuts the retries short", func(t *testing.T) {
		srv, _, conn := startFaultFake(t)
		c := faultClient(t, srv, func(cfg *wrapper.Config) {
			cfg.Timeout = 500 * time.Millisecond
			cfg.Retry.MaxRetryAfter = 5 * time.Second
		})
		srv.InjectFaults("ShowEnhancedConnection", fake.Fault{RetryAfter: 2 * time.Second})
		start := time.Now()
		_, err := c.ShowEnhancedConnection(context.Background(), conn)
		elapsed := time.Since(start)
		require.Error(t, err)
		assert.Less(t, elapsed, 1500*time.Millisecond, "the 2 s Retry-After wait ends with the 500 ms deadline")
		assert.Equal(t, 1, settledAttempts(srv, "ShowEnhancedConnection", 1))
		t.Logf("429 Retry-After 2s under a 500 ms Timeout: %v after %v", err, elapsed.Round(time.Millisecond))
	})
}

func TestFaultHTMLGatewayPages(t *testing.T) {
	t.Run("create: one attempt, typed error with the page title", func(t *testing.T) {
		srv, c := startSignedFake(t, fake.Options{})
		srv.InjectFaults("CreateEnhancedConnection", fake.Fault{Status: 502, HTML: true})
		_, err := c.CreateEnhancedConnection(context.Background(), seedCreate("html"), wrapper.WithRecover(false))
		var apiErr *wrapper.APIError
		require.True(t, errors.As(err, &apiErr), "got %T %v", err, err)
		assert.Equal(t, 502, apiErr.StatusCode)
		assert.Empty(t, apiErr.Code, "an HTML page has no DLI code")
		assert.Contains(t, string(apiErr.Body), "<html>")
		assert.LessOrEqual(t, len(apiErr.Body), 2048)
		assert.Contains(t, err.Error(), "HTML page: 502 Bad Gateway")
		assert.NotEmpty(t, apiErr.RequestID)
		assert.Equal(t, 1, attempts(srv, "CreateEnhancedConnection"))
		assert.Zero(t, srv.Connections(fakeProject))
		t.Logf("create behind a 502 HTML page: %v", err)
	})
	t.Run("show: pages until the budget ends, then the typed error", func(t *testing.T) {
		srv, c, conn := startFaultFake(t)
		for range 4 {
			srv.InjectFaults("ShowEnhancedConnection", fake.Fault{Status: 502, HTML: true})
		}
		_, err := c.ShowEnhancedConnection(context.Background(), conn)
		var apiErr *wrapper.APIError
		require.True(t, errors.As(err, &apiErr), "got %T %v", err, err)
		assert.Equal(t, 502, apiErr.StatusCode)
		assert.Contains(t, err.Error(), "HTML page: 502 Bad Gateway")
		assert.Equal(t, 4, attempts(srv, "ShowEnhancedConnection"))
	})
}

// TestFaultCreateIsNeverDuplicated runs one create under every kind of fault, injected before
// the operation (the create never happened) and after it (it happened, the client sees a
// failure). Whatever the client reports, the fake must hold exactly as many connections as
// creates it executed, never more than the one create asked for, and must have received the
// create's bytes at most once. This is the retry rule alone (WithRecover(false)); TestRecoverCreate
// (recover_test.go) runs the same faults with the recovery on.
func TestFaultCreateIsNeverDuplicated(t *testing.T) {
	kinds := []struct {
		name  string
		fault fake.Fault
		check func(t *testing.T, err error)
	}{
		{"500", fake.Fault{Status: 500}, wantStatus(500)},
		{"502", fake.Fault{Status: 502}, wantStatus(502)},
		{"503", fake.Fault{Status: 503}, wantStatus(503)},
		{"504", fake.Fault{Status: 504}, wantStatus(504)},
		{"502 HTML page", fake.Fault{Status: 502, HTML: true}, wantStatus(502)},
		{"429 Retry-After 1s", fake.Fault{RetryAfter: time.Second}, wantStatus(429)},
		{"connection reset", fake.Fault{Drop: true}, func(t *testing.T, err error) {
			var apiErr *wrapper.APIError
			assert.False(t, errors.As(err, &apiErr), "a reset is a transport error, got %v", err)
			assert.Contains(t, err.Error(), "CreateEnhancedConnection")
		}},
		{"answer after the deadline", fake.Fault{Delay: 3 * time.Second}, func(t *testing.T, err error) {
			assert.ErrorIs(t, err, context.DeadlineExceeded)
		}},
	}
	var summary []string
	for _, k := range kinds {
		for _, after := range []bool{false, true} {
			t.Run(fmt.Sprintf("%s/after=%t", k.name, after), func(t *testing.T) {
				srv, _ := startSignedFake(t, fake.Options{})
				c := faultClient(t, srv, func(cfg *wrapper.Config) { cfg.Timeout = 500 * time.Millisecond })
				f := k.fault
				f.AfterHandler = after
				srv.InjectFaults("CreateEnhancedConnection", f)
				_, err := c.CreateEnhancedConnection(context.Background(), seedCreate("once"), wrapper.WithRecover(false))
				require.Error(t, err)
				k.check(t, err)
				sent := settledAttempts(srv, "CreateEnhancedConnection", 1)
				calls, conns := srv.Calls("CreateEnhancedConnection"), srv.Connections(fakeProject)
				assert.Equal(t, 1, sent, "the create was sent once, never repeated")
				assert.Equal(t, calls, conns, "connections = creates executed")
				assert.LessOrEqual(t, conns, 1, "never more than the one create asked for")
				if after {
					assert.Equal(t, 1, conns, "the create ran before the fault")
				} else {
					assert.Zero(t, conns, "the fault came first")
				}
				summary = append(summary, fmt.Sprintf("%s after=%t: sent %d, executed %d, connections %d, error %q",
					k.name, after, sent, calls, conns, firstLine(err.Error())))
			})
		}
	}
	t.Logf("creates under %d fault cases, none duplicated:\n%s", len(summary), strings.Join(summary, "\n"))
}

func wantStatus(status int) func(t *testing.T, err error) {
	return func(t *testing.T, err error) {
		var apiErr *wrapper.APIError
		if assert.True(t, errors.As(err, &apiErr), "typed error, got %T %v", err, err) {
			assert.Equal(t, status, apiErr.StatusCode)
			assert.Equal(t, "CreateEnhancedConnection", apiErr.Operation)
		}
	}
}

func firstLine(s string) string {
	s, _, _ = strings.Cut(s, "\n")
	if len(s) > 110 {
		s = s[:110] + "..."
	}
	return s
}
