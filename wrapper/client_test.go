package wrapper

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/dli-openapi/enhanced-connections/gen"
	"github.com/dli-openapi/enhanced-connections/wrapper/signer"
)

const (
	testAK        = "HPUAEXAMPLEAK0000001"
	testSK        = "ExampleSecretKey0123456789abcdefghijklmnopq"
	testToken     = "temporary-security-token-value-0123456789"
	testProject   = "0123456789abcdef0123456789abcdef"
	testConnID    = "2a620c33-5609-40c9-affd-2b6453071b0f"
	testIAMToken  = "MIIaIAMtokenvalue0123456789"
	createdAnswer = `{"is_success":true,"message":"","connection_id":"2a620c33-5609-40c9-affd-2b6453071b0f"}`
)

// signedServer is an httptest server on loopback that recomputes the signature of every request
// it receives and answers 401 to any that does not verify, so every test below also proves the
// client signs each attempt correctly.
type signedServer struct {
	*httptest.Server
	mu       sync.Mutex
	requests []*http.Request
	bodies   [][]byte
	badSigs  atomic.Int64
}

func newSignedServer(t *testing.T, handler http.HandlerFunc) *signedServer {
	t.Helper()
	s := &signedServer{}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		r.Body = io.NopCloser(bytes.NewReader(body))
		r.GetBody = func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(body)), nil }
		s.mu.Lock()
		s.requests = append(s.requests, r.Clone(context.Background()))
		s.bodies = append(s.bodies, body)
		s.mu.Unlock()
		err := signer.Verify(r, func(ak string) (string, bool) { return testSK, ak == testAK })
		if err != nil || r.Header.Get("X-Security-Token") != testToken || r.Header.Get("X-Project-Id") != testProject {
			s.badSigs.Add(1)
			w.WriteHeader(http.StatusUnauthorized)
			_, _ = fmt.Fprintf(w, `{"error_code":"APIGW.0301","error_msg":"Incorrect IAM authentication information: %v"}`, err)
			return
		}
		handler(w, r)
	}))
	t.Cleanup(s.Close)
	return s
}

func (s *signedServer) count() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.requests)
}

func newTestClient(t testing.TB, endpoint string, mutate ...func(*Config)) *Client {
	t.Helper()
	cfg := testConfig(endpoint)
	for _, m := range mutate {
		m(&cfg)
	}
	c, err := New(cfg)
	require.NoError(t, err)
	return c
}

// testConfig is the Config of the tests' clients: temporary AK/SK and fast retries.
func testConfig(endpoint string) Config {
	return Config{
		Endpoint:    endpoint,
		ProjectID:   testProject,
		Credentials: signer.TemporaryKeys(testAK, testSK, testToken),
		Retry:       RetryPolicy{BaseDelay: time.Millisecond, MaxDelay: 5 * time.Millisecond},
	}
}

func validCreate() gen.CreateEnhancedConnectionRequest {
	ip1, ip2, h1, h2 := "192.168.0.1", "192.168.0.2", "ecs-97f8-0001", "ecs-97f8-0002"
	return gen.CreateEnhancedConnectionRequest{
		Name:          "test1",
		DestVpcID:     "22094d8f-c310-4621-913d-4c4d655d8495",
		DestNetworkID: "78f2562a-36e4-4b39-95b9-f5aab22e1281",
		Queues:        []string{"q1", "q2"},
		Hosts:         []gen.Host{{IP: ip1, Name: h1}, {IP: ip2, Name: h2}},
	}
}

func reply(status int, contentType, body string, header ...string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		for i := 0; i+1 < len(header); i += 2 {
			w.Header().Set(header[i], header[i+1])
		}
		w.Header().Set("Content-Type", contentType)
		w.WriteHeader(status)
		_, _ = io.WriteString(w, body)
	}
}

func TestCreateSendsSignedSpecBody(t *testing.T) {
	srv := newSignedServer(t, reply(http.StatusCreated, "application/json", createdAnswer))
	c := newTestClient(t, srv.URL)

	out, err := c.CreateEnhancedConnection(context.Background(), validCreate())
	require.NoError(t, err)
	require.NotNil(t, out.ConnectionID)
	assert.Equal(t, testConnID, out.ConnectionID)
	assert.Zero(t, srv.badSigs.Load(), "every request must carry a valid signature")

	require.Equal(t, 1, srv.count())
	r := srv.requests[0]
	assert.Equal(t, http.MethodPost, r.Method)
	assert.Equal(t, "/v2.0/"+testProject+"/datasource/enhanced-connections", r.URL.Path)
	assert.Equal(t, "application/json", r.Header.Get("Content-Type"))
	assert.Contains(t, r.Header.Get("Authorization"), "SDK-HMAC-SHA256 Access="+testAK)
	assert.Contains(t, r.Header.Get("Authorization"), "x-project-id", "X-Project-Id is signed, as the vendor SDK does")
	var sent map[string]any
	require.NoError(t, json.Unmarshal(srv.bodies[0], &sent))
	assert.Equal(t, "test1", sent["name"])
	assert.Len(t, sent["hosts"], 2)
}

func TestTokenAuthSendsXAuthToken(t *testing.T) {
	var got http.Header
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got = r.Header.Clone()
		reply(http.StatusOK, "application/json", `{"is_success":true,"message":"Deleted"}`)(w, r)
	}))
	defer srv.Close()
	c, err := New(Config{Endpoint: srv.URL, ProjectID: testProject, AuthToken: NewSecret(testIAMToken)})
	require.NoError(t, err)
	_, err = c.DeleteEnhancedConnection(context.Background(), testConnID)
	require.NoError(t, err)
	assert.Equal(t, testIAMToken, got.Get("X-Auth-Token"))
	assert.Equal(t, testProject, got.Get("X-Project-Id"))
	assert.Empty(t, got.Get("Authorization"), "no AK/SK configured, nothing to sign")
}

func TestTypedErrors(t *testing.T) {
	tests := []struct {
		name       string
		handler    http.HandlerFunc
		status     int
		code       string
		message    string
		requestID  string
		notFound   bool
		throttled  bool
		unauth     bool
		bodyHas    string
		errHas     string
		noRetryDue bool
	}{
		{
			name:      "400 missing connection answered as DLI does",
			handler:   reply(400, "application/json", `{"error_code":"DLI.0001","error_msg":"Connection 2a620c33-5609-40c9-affd-2b6453071b0f does not exist."}`, "X-Request-Id", "req-400"),
			status:    400,
			code:      "DLI.0001",
			message:   "Connection 2a620c33-5609-40c9-affd-2b6453071b0f does not exist.",
			requestID: "req-400",
			notFound:  true,
			errHas:    "HTTP 400 DLI.0001",
		},
		{
			name:    "400 parameter check is not a not-found",
			handler: reply(400, "application/json", `{"error_msg":"The format of message is error","error_code":"DLI.0001"}`),
			status:  400, code: "DLI.0001", message: "The format of message is error",
		},
		{
			name:    "401 gateway code/message variant",
			handler: reply(401, "application/json", `{"code":"APIGW.0301","message":"Incorrect IAM authentication information"}`),
			status:  401, code: "APIGW.0301", message: "Incorrect IAM authentication information", unauth: true,
		},
		{
			name:    "404 plain",
			handler: reply(404, "application/json", `{"error_code":"DLI.0023","error_msg":"No related resources found"}`),
			status:  404, code: "DLI.0023", message: "No related resources found", notFound: true,
		},
		{
			name:    "500 DLI body",
			handler: reply(500, "application/json", `{"error_code":"DLI.0999","error_msg":"Internal service error."}`, "X-Request-Id", "req-500"),
			status:  500, code: "DLI.0999", message: "Internal service error.", requestID: "req-500",
		},
		{
			name:    "502 HTML page from a proxy, after retries",
			handler: reply(502, "text/html", "<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>"),
			status:  502, bodyHas: "<title>502 Bad Gateway</title>", errHas: "HTML page: 502 Bad Gateway",
		},
		{
			name:    "200 with is_success false",
			handler: reply(200, "application/json", `{"is_success":false,"message":"Connection is being created"}`, "X-Request-Id", "req-200"),
			status:  200, message: "Connection is being created", requestID: "req-200",
		},
		{
			name:    "429 throttled",
			handler: reply(429, "application/json", `{"error_code":"APIGW.0308","error_msg":"The throttling threshold has been reached"}`, "Retry-After", "0"),
			status:  429, code: "APIGW.0308", message: "The throttling threshold has been reached", throttled: true,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := newSignedServer(t, tt.handler)
			c := newTestClient(t, srv.URL)
			_, err := c.ShowEnhancedConnection(context.Background(), testConnID)
			require.Error(t, err)
			var apiErr *APIError
			require.True(t, errors.As(err, &apiErr), "got %T: %v", err, err)
			assert.Equal(t, "ShowEnhancedConnection", apiErr.Operation)
			assert.Equal(t, tt.status, apiErr.StatusCode)
			assert.Equal(t, tt.code, apiErr.Code)
			assert.Equal(t, tt.requestID, apiErr.RequestID)
			if tt.message != "" {
				assert.Equal(t, tt.message, apiErr.Message)
			}
			if tt.bodyHas != "" {
				assert.Contains(t, string(apiErr.Body), tt.bodyHas)
			}
			if tt.errHas != "" {
				assert.Contains(t, err.Error(), tt.errHas)
			}
			if tt.requestID != "" {
				assert.Contains(t, err.Error(), tt.requestID)
			}
			assert.Equal(t, tt.notFound, IsNotFound(err))
			assert.Equal(t, tt.throttled, IsThrottled(err))
			assert.Equal(t, tt.unauth, IsUnauthorized(err))
			assert.Zero(t, srv.badSigs.Load())
		})
	}
}

func TestRetriesIdempotentCalls(t *testing.T) {
	tests := []struct {
		name     string
		failures []http.HandlerFunc
		attempts int
		wantErr  bool
	}{
		{name: "503 then success", failures: []http.HandlerFunc{reply(503, "text/html", "<title>busy</title>")}, attempts: 2},
		{name: "429 with Retry-After then success", failures: []http.HandlerFunc{reply(429, "application/json", `{"error_code":"APIGW.0308","error_msg":"throttled"}`, "Retry-After", "0")}, attempts: 2},
		{name: "502, 504 then success", failures: []http.HandlerFunc{reply(502, "text/html", "x"), reply(504, "text/html", "y")}, attempts: 3},
		{name: "connection dropped mid-answer then success", failures: []http.HandlerFunc{dropMidBody}, attempts: 2},
		{name: "four 503s exhaust the budget", failures: []http.HandlerFunc{reply(503, "text/html", "a"), reply(503, "text/html", "b"), reply(503, "text/html", "c"), reply(503, "text/html", "d")}, attempts: 4, wantErr: true},
		{name: "500 is not retried", failures: []http.HandlerFunc{reply(500, "application/json", `{"error_code":"DLI.0999","error_msg":"x"}`)}, attempts: 1, wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var n atomic.Int64
			srv := newSignedServer(t, func(w http.ResponseWriter, r *http.Request) {
				i := int(n.Add(1)) - 1
				if i < len(tt.failures) {
					tt.failures[i](w, r)
					return
				}
				reply(200, "application/json", `{"is_success":true,"message":"Deleted"}`)(w, r)
			})
			c := newTestClient(t, srv.URL)
			_, err := c.DeleteEnhancedConnection(context.Background(), testConnID)
			if tt.wantErr {
				require.Error(t, err)
			} else {
				require.NoError(t, err)
			}
			assert.Equal(t, tt.attempts, srv.count(), "attempts that reached the server")
			assert.Zero(t, srv.badSigs.Load(), "each attempt is signed afresh and verifies")
		})
	}
}

// dropMidBody promises a body, sends part of it and cuts the connection.
func dropMidBody(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Content-Length", "200")
	w.WriteHeader(200)
	_, _ = io.WriteString(w, `{"is_success":tr`)
	if f, ok := w.(http.Flusher); ok {
		f.Flush()
	}
	if hj, ok := w.(http.Hijacker); ok {
		conn, _, err := hj.Hijack()
		if err == nil {
			_ = conn.Close()
		}
	}
}

// TestCreateIsNeverRetriedOnceSent is the retry rule alone (WithRecover(false)): with the
// recovery on, a create is sent again only after a lookup listed nothing of its name
// (recover_test.go).
func TestCreateIsNeverRetriedOnceSent(t *testing.T) {
	tests := []struct {
		name    string
		handler http.HandlerFunc
	}{
		{name: "503", handler: reply(503, "text/html", "<title>busy</title>")},
		{name: "429", handler: reply(429, "application/json", `{"error_code":"APIGW.0308","error_msg":"t"}`, "Retry-After", "0")},
		{name: "dropped after the server acted", handler: dropMidBody},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := newSignedServer(t, tt.handler)
			c := newTestClient(t, srv.URL)
			_, err := c.CreateEnhancedConnection(context.Background(), validCreate(), WithRecover(false))
			require.Error(t, err)
			assert.Equal(t, 1, srv.count(), "a create that reached the server is never sent twice")
		})
	}
}

func TestCreateRetriedWhenNothingWasSent(t *testing.T) {
	// A port that refuses connections: the POST provably never left, so it may be retried.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	addr := ln.Addr().String()
	require.NoError(t, ln.Close())

	var dials atomic.Int64
	base := &http.Transport{DialContext: func(ctx context.Context, network, a string) (net.Conn, error) {
		dials.Add(1)
		return (&net.Dialer{}).DialContext(ctx, network, a)
	}}
	c := newTestClient(t, "http://"+addr, func(cfg *Config) { cfg.HTTPClient = &http.Client{Transport: base} })
	_, err = c.CreateEnhancedConnection(context.Background(), validCreate())
	require.Error(t, err)
	assert.Equal(t, int64(DefaultRetryPolicy().MaxAttempts), dials.Load(), "refused dials are safe to retry, even for a create")
}

func TestRetryAfterTooLongIsNotWaited(t *testing.T) {
	srv := newSignedServer(t, reply(429, "application/json", `{"error_code":"APIGW.0308","error_msg":"t"}`, "Retry-After", "3600"))
	c := newTestClient(t, srv.URL)
	start := time.Now()
	_, err := c.ShowEnhancedConnection(context.Background(), testConnID)
	require.True(t, IsThrottled(err))
	assert.Equal(t, 1, srv.count())
	assert.Less(t, time.Since(start), time.Minute, "an hour's Retry-After ends the call instead of blocking it")
}

func TestRetryHonoursContext(t *testing.T) {
	srv := newSignedServer(t, reply(503, "text/html", "x", "Retry-After", "20"))
	c := newTestClient(t, srv.URL)
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	_, err := c.ShowEnhancedConnection(ctx, testConnID)
	require.Error(t, err)
	assert.Equal(t, 1, srv.count(), "the wait for Retry-After is cut short by the context")
}

func TestInvalidRequestReachesNoServer(t *testing.T) {
	srv := newSignedServer(t, reply(201, "application/json", createdAnswer))
	c := newTestClient(t, srv.URL)

	bad := validCreate()
	bad.Name = "has-dash"
	_, err := c.CreateEnhancedConnection(context.Background(), bad)
	var verr *ValidationError
	require.True(t, errors.As(err, &verr), "got %T: %v", err, err)
	assert.Contains(t, err.Error(), "name")
	assert.Contains(t, err.Error(), "pattern")

	_, err = c.ShowEnhancedConnection(context.Background(), "not-a-uuid")
	require.True(t, errors.As(err, &verr))
	assert.Contains(t, err.Error(), "connection_id")

	_, err = c.UpdateEnhancedConnection(context.Background(), testConnID, gen.UpdateEnhancedConnectionRequest{Hosts: make([]gen.Host, 20001)})
	require.True(t, errors.As(err, &verr))
	assert.Contains(t, err.Error(), "hosts")

	assert.Zero(t, srv.count(), "no invalid request left the process")

	off := newTestClient(t, srv.URL, func(cfg *Config) { cfg.DisableValidation = true })
	_, err = off.CreateEnhancedConnection(context.Background(), bad)
	require.NoError(t, err, "with validation off the server decides")
	assert.Equal(t, 1, srv.count())
}

func TestUpdateWithNilHostsSendsEmptyList(t *testing.T) {
	srv := newSignedServer(t, reply(200, "application/json", `{"is_success":true,"message":""}`))
	c := newTestClient(t, srv.URL)
	_, err := c.UpdateEnhancedConnection(context.Background(), testConnID, gen.UpdateEnhancedConnectionRequest{})
	require.NoError(t, err)
	assert.JSONEq(t, `{"hosts":[]}`, string(srv.bodies[0]))
}

// showSequence answers ShowEnhancedConnection with each body in turn, repeating the last.
func showSequence(bodies ...string) http.HandlerFunc {
	var n atomic.Int64
	return func(w http.ResponseWriter, r *http.Request) {
		i := min(int(n.Add(1))-1, len(bodies)-1)
		reply(200, "application/json", bodies[i])(w, r)
	}
}

func connBody(status string, peers ...string) string {
	var infos []string
	for i := 0; i+1 < len(peers); i += 2 {
		infos = append(infos, fmt.Sprintf(`{"name":%q,"status":%q,"peer_id":"p","err_msg":%q,"update_time":1}`,
			peers[i], peers[i+1], map[bool]string{true: "subnet CIDR overlaps", false: ""}[peers[i+1] == "FAILED"]))
	}
	return fmt.Sprintf(`{"is_success":true,"message":"","id":%q,"name":"test1","status":%q,"available_queue_info":[%s]}`,
		testConnID, status, strings.Join(infos, ","))
}

func TestWaitActive(t *testing.T) {
	t.Run("CREATING then ACTIVE, with progress", func(t *testing.T) {
		srv := newSignedServer(t, showSequence(
			connBody("ACTIVE", "q1", "CREATING", "q2", "CREATING"),
			connBody("ACTIVE", "q1", "ACTIVE", "q2", "CREATING"),
			connBody("ACTIVE", "q1", "ACTIVE", "q2", "ACTIVE"),
		))
		c := newTestClient(t, srv.URL)
		var seen []WaitProgress
		conn, err := c.WaitActive(context.Background(), testConnID, WithPollInterval(time.Millisecond),
			WithProgress(func(p WaitProgress) { seen = append(seen, p) }))
		require.NoError(t, err)
		assert.Equal(t, gen.ConnectionActive, conn.Status)
		// Progress only: the poll that finds everything ACTIVE is the answer, not progress
		// (README's callback once logged "waiting for []" for it).
		require.Len(t, seen, 2)
		assert.Equal(t, []string{"queue q1 (CREATING)", "queue q2 (CREATING)"}, seen[0].Pending)
		assert.Equal(t, []string{"queue q2 (CREATING)"}, seen[1].Pending)
		assert.Equal(t, 2, seen[1].Poll)
	})
	t.Run("a connection CREATING without queues is what is pending", func(t *testing.T) {
		srv := newSignedServer(t, showSequence(connBody("CREATING"), connBody("ACTIVE")))
		var seen []WaitProgress
		_, err := newTestClient(t, srv.URL).WaitActive(context.Background(), testConnID, WithPollInterval(time.Millisecond),
			WithProgress(func(p WaitProgress) { seen = append(seen, p) }))
		require.NoError(t, err)
		require.Len(t, seen, 1)
		assert.Equal(t, []string{"connection " + testConnID + " (CREATING)"}, seen[0].Pending)
	})
	t.Run("a FAILED peering is reported before the error", func(t *testing.T) {
		srv := newSignedServer(t, showSequence(connBody("ACTIVE", "q1", "FAILED", "q2", "ACTIVE")))
		var seen []WaitProgress
		_, err := newTestClient(t, srv.URL).WaitActive(context.Background(), testConnID, WithPollInterval(time.Millisecond),
			WithProgress(func(p WaitProgress) { seen = append(seen, p) }))
		require.Error(t, err)
		require.Len(t, seen, 1)
		assert.Equal(t, []PeeringFailure{{Kind: "queue", Name: "q1", ErrMsg: "subnet CIDR overlaps"}}, seen[0].Failures)
	})
	t.Run("the default limit bounds a wait under context.Background", func(t *testing.T) {
		srv := newSignedServer(t, showSequence(connBody("ACTIVE")))
		var deadline time.Time
		var hasDeadline bool
		c := newTestClient(t, srv.URL, func(cfg *Config) {
			cfg.Timeout = time.Hour // longer than the wait's limit, so that the limit shows
			cfg.Middleware = []Middleware{func(req *http.Request, next Next) (*http.Response, error) {
				deadline, hasDeadline = req.Context().Deadline()
				return next(req)
			}}
		})
		before := time.Now()
		_, err := c.WaitActive(context.Background(), testConnID)
		after := time.Now()
		require.NoError(t, err)
		require.True(t, hasDeadline, "the poll ran under the wait's limit")
		assert.False(t, deadline.Before(before.Add(DefaultWaitLimit)), "deadline %s", deadline)
		assert.False(t, deadline.After(after.Add(DefaultWaitLimit)), "deadline %s", deadline)
		assert.Equal(t, 15*time.Minute, DefaultWaitLimit, "the CLI's --for default, as documented")
	})
	t.Run("WithWaitLimit ends the wait and says so", func(t *testing.T) {
		srv := newSignedServer(t, showSequence(connBody("ACTIVE", "q1", "CREATING")))
		_, err := newTestClient(t, srv.URL).WaitActive(context.Background(), testConnID, WithPollInterval(time.Millisecond),
			WithWaitLimit(20*time.Millisecond))
		require.ErrorIs(t, err, context.DeadlineExceeded)
		assert.Contains(t, err.Error(), "gave up at the wait's limit (WithWaitLimit; default 15m)")
		assert.Contains(t, err.Error(), "still waiting for queue q1 (CREATING)")
	})
	t.Run("WithWaitLimit(0) leaves the limit to ctx", func(t *testing.T) {
		srv := newSignedServer(t, showSequence(connBody("ACTIVE")))
		var hasDeadline bool
		c := newTestClient(t, srv.URL, func(cfg *Config) {
			cfg.Timeout = time.Hour
			cfg.Middleware = []Middleware{func(req *http.Request, next Next) (*http.Response, error) {
				d, ok := req.Context().Deadline()
				hasDeadline = ok && time.Until(d) > 30*time.Minute // only the call's hour
				return next(req)
			}}
		})
		_, err := c.WaitActive(context.Background(), testConnID, WithWaitLimit(0))
		require.NoError(t, err)
		assert.True(t, hasDeadline)
	})
	t.Run("FAILED carries err_msg", func(t *testing.T) {
		srv := newSignedServer(t, showSequence(
			connBody("ACTIVE", "q1", "CREATING"),
			connBody("ACTIVE", "q1", "FAILED"),
		))
		c := newTestClient(t, srv.URL)
		_, err := c.WaitActive(context.Background(), testConnID, WithPollInterval(time.Millisecond))
		var failed *PeeringFailedError
		require.True(t, errors.As(err, &failed), "got %v", err)
		require.Len(t, failed.Failures, 1)
		assert.Equal(t, PeeringFailure{Kind: "queue", Name: "q1", ErrMsg: "subnet CIDR overlaps"}, failed.Failures[0])
		assert.Contains(t, err.Error(), "subnet CIDR overlaps")
	})
	t.Run("cancelled context", func(t *testing.T) {
		srv := newSignedServer(t, showSequence(connBody("ACTIVE", "q1", "CREATING")))
		c := newTestClient(t, srv.URL)
		ctx, cancel := context.WithCancel(context.Background())
		polls := 0
		_, err := c.WaitActive(ctx, testConnID, WithPollInterval(time.Millisecond), WithProgress(func(p WaitProgress) {
			polls = p.Poll
			if p.Poll == 2 {
				cancel()
			}
		}))
		require.ErrorIs(t, err, context.Canceled)
		assert.Equal(t, 2, polls)
	})
	t.Run("deleted connection", func(t *testing.T) {
		srv := newSignedServer(t, showSequence(connBody("DELETED")))
		c := newTestClient(t, srv.URL)
		_, err := c.WaitActive(context.Background(), testConnID, WithPollInterval(time.Millisecond))
		require.ErrorIs(t, err, ErrConnectionDeleted)
	})
	t.Run("missing connection", func(t *testing.T) {
		srv := newSignedServer(t, reply(400, "application/json", `{"error_code":"DLI.0001","error_msg":"Connection x is not exist"}`))
		c := newTestClient(t, srv.URL)
		_, err := c.WaitActive(context.Background(), testConnID, WithPollInterval(time.Millisecond))
		assert.True(t, IsNotFound(err), "HWC wording too: %v", err)
	})
}

func TestConnectionsPagesThroughEverything(t *testing.T) {
	const total = 23
	var offsets []string
	srv := newSignedServer(t, func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		offsets = append(offsets, q.Get("offset"))
		var limit, offset int
		_, _ = fmt.Sscan(q.Get("limit"), &limit)
		_, _ = fmt.Sscan(q.Get("offset"), &offset)
		var items []string
		for i := offset; i < min(offset+limit, total); i++ {
			items = append(items, fmt.Sprintf(`{"id":"00000000-0000-0000-0000-%012d","name":"c%d","status":"ACTIVE"}`, i, i))
		}
		reply(200, "application/json", fmt.Sprintf(`{"is_success":true,"message":"","count":%d,"connections":[%s]}`, len(items), strings.Join(items, ",")))(w, r)
	})
	c := newTestClient(t, srv.URL)
	limit := int32(10)
	var names []string
	for conn, err := range c.Connections(context.Background(), &gen.ListEnhancedConnectionsParams{Limit: &limit}) {
		require.NoError(t, err)
		names = append(names, conn.Name)
	}
	assert.Len(t, names, total)
	assert.Equal(t, "c0", names[0])
	assert.Equal(t, "c22", names[total-1])
	assert.Equal(t, []string{"0", "10", "20"}, offsets)

	// Stopping early fetches no further page.
	offsets = nil
	for range c.Connections(context.Background(), &gen.ListEnhancedConnectionsParams{Limit: &limit}) {
		break
	}
	assert.Equal(t, []string{"0"}, offsets)
}

func TestConnectionsYieldsPageError(t *testing.T) {
	srv := newSignedServer(t, reply(500, "application/json", `{"error_code":"DLI.0999","error_msg":"boom"}`))
	c := newTestClient(t, srv.URL)
	var errs []error
	for _, err := range c.Connections(context.Background(), nil) {
		errs = append(errs, err)
	}
	require.Len(t, errs, 1)
	var apiErr *APIError
	assert.True(t, errors.As(errs[0], &apiErr))
}

// longToken is an IAM token of realistic length (they run to several KB) with the characters
// base64 and JSON escaping touch.
var longToken = "MIIZ" + strings.Repeat("a1+b2/c3=d4-", 450)

func TestSecretsNeverPrinted(t *testing.T) {
	// Gateways that quote what they received back, in every escaping an echo takes.
	echoes := map[string]func(r *http.Request) (contentType, body string){
		"DLI body": func(r *http.Request) (string, string) {
			return "application/json", fmt.Sprintf(`{"error_code":"APIGW.0301","error_msg":"x-security-token:%s|x-auth-token:%s"}`,
				r.Header.Get("X-Security-Token"), r.Header.Get("X-Auth-Token"))
		},
		"JSON with escaped slashes": func(r *http.Request) (string, string) {
			tok := strings.ReplaceAll(r.Header.Get("X-Auth-Token"), "/", `\/`)
			return "application/json", `{"error_code":"APIGW.0301","error_msg":"token ` + tok + `"}`
		},
		"JSON with unicode escapes": func(r *http.Request) (string, string) {
			tok := strings.ReplaceAll(r.Header.Get("X-Auth-Token"), "/", `\u002f`)
			tok = strings.ReplaceAll(tok, "+", `\u002B`)
			return "application/json", `{"error_code":"APIGW.0301","error_msg":"token ` + tok + `"}`
		},
		"HTML page past 2 KB": func(r *http.Request) (string, string) {
			return "text/html", "<html><head><title>401</title></head><body>" + strings.Repeat("padding ", 200) +
				"token=" + r.Header.Get("X-Auth-Token") + " security=" + r.Header.Get("X-Security-Token") + "</body></html>"
		},
		"percent-encoded in a URL": func(r *http.Request) (string, string) {
			return "text/html", "<a href=\"/login?t=" + url.QueryEscape(r.Header.Get("X-Auth-Token")) + "\">again</a>"
		},
		"HTML character references": func(r *http.Request) (string, string) {
			tok := strings.ReplaceAll(r.Header.Get("X-Auth-Token"), "/", "&#47;")
			return "text/html", "<p>" + strings.ReplaceAll(tok, "+", "&#x2B;") + "</p>"
		},
		"request id header": func(r *http.Request) (string, string) {
			return "application/json", `{"error_code":"APIGW.0301","error_msg":"no"}`
		},
	}
	for name, echo := range echoes {
		t.Run(name, func(t *testing.T) {
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				ct, body := echo(r)
				w.Header().Set("X-Request-Id", "req-"+r.Header.Get("X-Auth-Token")[:40])
				reply(401, ct, body)(w, r)
			}))
			defer srv.Close()
			var logs bytes.Buffer
			logger := slog.New(slog.NewJSONHandler(&logs, nil))
			cfg := Config{
				Endpoint:    srv.URL,
				ProjectID:   testProject,
				Credentials: signer.TemporaryKeys(testAK, testSK, testToken),
				AuthToken:   NewSecret(longToken),
				Middleware:  []Middleware{LogAttempts(logger)},
			}
			c, err := New(cfg)
			require.NoError(t, err)
			_, callErr := c.ShowEnhancedConnection(context.Background(), testConnID)
			require.Error(t, callErr)
			var apiErr *APIError
			require.ErrorAs(t, callErr, &apiErr)

			logger.Info("config", "cfg", cfg, "creds", cfg.Credentials, "err", callErr)
			type holder struct {
				cfg    Config
				client *Client
				Cfg    Config
			}
			h := holder{cfg: cfg, client: c, Cfg: cfg}
			js, err := json.Marshal(h.Cfg)
			require.NoError(t, err)
			credJS, err := json.Marshal(cfg.Credentials)
			require.NoError(t, err)
			outputs := []string{
				callErr.Error(), fmt.Sprintf("%+v", callErr), fmt.Sprintf("%#v", apiErr), string(apiErr.Body),
				apiErr.Message, apiErr.RequestID, logs.String(), string(js), string(credJS),
			}
			for _, v := range []any{cfg, &cfg, c, *c, h, &h, cfg.Credentials, cfg.AuthToken} {
				for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%X", "%d", "%p", "%T", "%8.3v"} {
					outputs = append(outputs, fmt.Sprintf(verb, v))
				}
				outputs = append(outputs, fmt.Sprint(v), fmt.Sprintln(v))
			}
			for i, out := range outputs {
				for _, secret := range []string{testSK, testToken, longToken[:scrubGram], longToken[len(longToken)-scrubGram:]} {
					assert.NotContains(t, out, secret, "output %d leaks a secret: %.300s", i, out)
				}
			}
			assert.Contains(t, callErr.Error(), "HTTP 401")
		})
	}
}

func TestConfig(t *testing.T) {
	t.Run("unknown region is an error, not a panic", func(t *testing.T) {
		_, err := New(Config{Region: "mars-north-1", ProjectID: testProject, AuthToken: NewSecret("t")})
		require.ErrorIs(t, err, ErrInvalidConfig)
		assert.Contains(t, err.Error(), "mars-north-1")
		assert.Contains(t, err.Error(), "eu-de")
	})
	tests := map[string]string{
		"cn-north-4":  "https://dli.cn-north-4.myhuaweicloud.com",
		"eu-west-101": "https://dli.eu-west-101.myhuaweicloud.eu",
		"eu-de":       "https://dli.eu-de.otc.t-systems.com",
	}
	for region, want := range tests {
		got, err := Endpoint(region)
		require.NoError(t, err)
		assert.Equal(t, want, got)
	}
	assert.Contains(t, Regions(), "ap-southeast-1")
	assert.GreaterOrEqual(t, len(Regions()), 20)

	t.Run("environment", func(t *testing.T) {
		t.Setenv(EnvAccessKey, testAK)
		t.Setenv(EnvSecretKey, testSK)
		t.Setenv(EnvSecurityToken, testToken)
		t.Setenv(EnvProjectID, testProject)
		t.Setenv(EnvRegion, "eu-de")
		t.Setenv(EnvAuthToken, "")
		t.Setenv(EnvEndpoint, "")
		cfg := ConfigFromEnv()
		assert.Equal(t, testAK, cfg.Credentials.AccessKey)
		assert.Equal(t, testSK, cfg.Credentials.SecretKey.Reveal())
		assert.Equal(t, testToken, cfg.Credentials.SecurityToken.Reveal())
		assert.False(t, cfg.AuthToken.IsSet())
		assert.Equal(t, "eu-de", cfg.Region)
		assert.True(t, cfg.HasAuth())
		_, err := New(cfg)
		require.NoError(t, err)
	})
	bad := []Config{
		{Region: "eu-de", AuthToken: NewSecret("t")},
		{ProjectID: testProject, AuthToken: NewSecret("t")},
		{Region: "eu-de", ProjectID: testProject, Credentials: Credentials{AccessKey: testAK}},
		{Region: "eu-de", ProjectID: testProject, Credentials: Credentials{SecurityToken: NewSecret(testToken)}},
	}
	for i, cfg := range bad {
		_, err := New(cfg)
		assert.ErrorIs(t, err, ErrInvalidConfig, "config %d", i)
	}
}
