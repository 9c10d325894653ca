package wrapper

import (
	"bytes"
	"cmp"
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/dli-openapi/enhanced-connections/gen"
	"github.com/dli-openapi/enhanced-connections/wrapper/signer"
)

// These tests play servers, gateways and transports that misbehave, and check that the client
// keeps its credentials, its memory and its promises.

// witness is a second origin on loopback that records everything that reaches it.
type witness struct {
	*httptest.Server
	requests atomic.Int64
	mu       sync.Mutex
	headers  []http.Header
	bodies   int64
}

func newWitness(t *testing.T, tls bool) *witness {
	w := &witness{}
	h := http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		n, _ := io.Copy(io.Discard, r.Body)
		w.mu.Lock()
		w.headers = append(w.headers, r.Header.Clone())
		w.bodies += n
		w.mu.Unlock()
		w.requests.Add(1)
		rw.WriteHeader(http.StatusOK)
		_, _ = io.WriteString(rw, `{"is_success":true,"message":"","connection_id":"`+testConnID+`","id":"`+testConnID+`","status":"ACTIVE"}`)
	})
	if tls {
		w.Server = httptest.NewTLSServer(h)
	} else {
		w.Server = httptest.NewServer(h)
	}
	t.Cleanup(w.Close)
	return w
}

// authModes are the two ways the client authenticates.
var authModes = map[string]func(*Config){
	"AK/SK": func(cfg *Config) {},
	"token": func(cfg *Config) { cfg.Credentials = Credentials{}; cfg.AuthToken = NewSecret(testIAMToken) },
}

func TestRedirectsNeverCarryCredentialsElsewhere(t *testing.T) {
	for _, status := range []int{301, 302, 303, 307, 308} {
		for mode, auth := range authModes {
			for _, sameOrigin := range []bool{false, true} {
				name := fmt.Sprintf("%d %s same-origin=%t", status, mode, sameOrigin)
				t.Run(name, func(t *testing.T) {
					other := newWitness(t, false)
					var calls atomic.Int64
					srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
						calls.Add(1)
						target := other.URL + r.URL.Path
						if sameOrigin {
							target = r.URL.Path + "/moved"
						}
						http.Redirect(w, r, target, status)
					}))
					defer srv.Close()
					c := newTestClient(t, srv.URL, auth)

					_, err := c.CreateEnhancedConnection(context.Background(), vtBigCreate(2))
					var re *RedirectError
					require.ErrorAs(t, err, &re)
					assert.Equal(t, status, re.StatusCode)
					assert.Contains(t, re.Location, "/datasource/enhanced-connections")
					assert.Equal(t, "CreateEnhancedConnection", re.Operation)

					_, err = c.ShowEnhancedConnection(context.Background(), testConnID)
					require.ErrorAs(t, err, &re, "a GET is not followed either")

					assert.Equal(t, int64(2), calls.Load(), "one request per call: the redirect was not followed, not even to the endpoint")
					assert.Zero(t, other.requests.Load(), "nothing reached the other origin")
					assert.Zero(t, other.bodies)
				})
			}
		}
	}
}

func TestHTTPSRedirectToHTTPSendsNothing(t *testing.T) {
	for mode, auth := range authModes {
		t.Run(mode, func(t *testing.T) {
			plain := newWitness(t, false)
			srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				http.Redirect(w, r, plain.URL+r.URL.Path, http.StatusFound)
			}))
			defer srv.Close()
			c := newTestClient(t, srv.URL, auth, func(cfg *Config) { cfg.HTTPClient = srv.Client() })
			_, err := c.ShowEnhancedConnection(context.Background(), testConnID)
			var re *RedirectError
			require.ErrorAs(t, err, &re)
			assert.Equal(t, http.StatusFound, re.StatusCode)
			assert.True(t, strings.HasPrefix(re.Location, "http://"))
			assert.Zero(t, plain.requests.Load(), "no token went out in clear")
		})
	}
}

// A middleware that sends the request elsewhere is stopped below it, before anything is sent.
func TestNoLayerCanSendCredentialsToAnotherOrigin(t *testing.T) {
	other := newWitness(t, false)
	srv := newSignedServer(t, reply(200, "application/json", `{"id":"`+testConnID+`","status":"ACTIVE"}`))
	for mode, auth := range authModes {
		t.Run(mode, func(t *testing.T) {
			divert := Middleware(func(req *http.Request, next Next) (*http.Response, error) {
				u := *req.URL
				u.Host = strings.TrimPrefix(other.URL, "http://")
				r := req.Clone(req.Context())
				r.URL, r.Host = &u, u.Host
				return next(r)
			})
			c := newTestClient(t, srv.URL, auth, func(cfg *Config) { cfg.Middleware = []Middleware{divert} })
			_, err := c.ShowEnhancedConnection(context.Background(), testConnID)
			require.ErrorIs(t, err, errOtherOrigin)
			assert.Zero(t, other.requests.Load())
		})
	}
}

// endless writes the same bytes until the client goes away.
func endless(status int, header http.Header, chunk []byte) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		for k, v := range header {
			w.Header()[k] = v
		}
		w.WriteHeader(status)
		for {
			if _, err := w.Write(chunk); err != nil {
				return
			}
		}
	}
}

// gzipBomb is a gzip stream that inflates to n bytes of zeros: one member for 1 MiB repeated,
// which net/http's transparent decompression reads as one stream.
func gzipBomb(t testing.TB, n int) []byte {
	var member bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&member, gzip.BestCompression)
	_, _ = zw.Write(make([]byte, 1<<20))
	require.NoError(t, zw.Close())
	return bytes.Repeat(member.Bytes(), n>>20)
}

// TestAnswersAreBounded measures what the client allocates for an answer that never ends, in a
// process of its own (boundedChild, started through TestMain): the servers run here, the client
// there. Measured in this process, the count would include whatever goroutines earlier tests
// left winding down; under CPU load one such run counted 5 MB more than the client allocated.
func TestAnswersAreBounded(t *testing.T) {
	bomb := gzipBomb(t, 1<<30)
	tests := []struct {
		name    string
		handler http.HandlerFunc
		limit   int64  // Config.MaxAnswerBytes, 0 for the default
		most    uint64 // what the client may allocate
	}{
		// Doubling up to the limit allocates about twice the limit in all, and at most one and a
		// half times it is alive at once (the last two buffers, while one is copied).
		{"endless 200", endless(200, http.Header{"Content-Type": {"application/json"}}, bytes.Repeat([]byte(`{"id":"x",`), 3277)), 0, 2*DefaultMaxAnswerBytes + 4<<20},
		{"endless 500", endless(500, http.Header{"Content-Type": {"text/html"}}, bytes.Repeat([]byte("<p>error</p>"), 2731)), 0, 2*DefaultMaxAnswerBytes + 4<<20},
		{"a false Content-Length", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Length", "1099511627776")
			w.WriteHeader(200)
			_, _ = w.Write([]byte("{}"))
		}, 0, 2*DefaultMaxAnswerBytes + 4<<20},
		{"gzip bomb of 1 GiB", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Encoding", "gzip")
			w.Header().Set("Content-Type", "application/json")
			_, _ = w.Write(bomb)
		}, 0, 2*DefaultMaxAnswerBytes + 4<<20},
		{"a smaller limit", endless(200, nil, []byte("{                ")), 4096, 1 << 20},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := httptest.NewServer(tt.handler)
			defer srv.Close()
			got := runBoundedChild(t, srv.URL, tt.limit)
			assert.True(t, got.InvalidAnswer, "an *InvalidAnswerError: %s", got.Error)
			assert.True(t, got.TooLarge, "errors.Is(err, ErrAnswerTooLarge): %s", got.Error)
			assert.Contains(t, got.Error, "Config.MaxAnswerBytes")
			t.Logf("%s: allocated %.1f MB for an answer limit of %d bytes", tt.name, float64(got.Allocated)/1e6, cmp.Or(tt.limit, DefaultMaxAnswerBytes))
			assert.Less(t, got.Allocated, tt.most, "bounded by the limit, not by what the server sends")
		})
	}
}

// boundedChildURL, in the environment of a test binary, makes TestMain run boundedChild against
// that URL instead of the tests; boundedChildLimit is its Config.MaxAnswerBytes.
const (
	boundedChildURL   = "WRAPPER_TEST_BOUNDED_URL"
	boundedChildLimit = "WRAPPER_TEST_BOUNDED_LIMIT"
)

// boundedResult is what boundedChild reports on its standard output.
type boundedResult struct {
	Allocated     uint64 // bytes the process allocated during the call
	Error         string
	TooLarge      bool // errors.Is(err, ErrAnswerTooLarge)
	InvalidAnswer bool // errors.As(err, **InvalidAnswerError)
}

// runBoundedChild runs this test binary as boundedChild against url and returns its report.
func runBoundedChild(t *testing.T, url string, limit int64) boundedResult {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), boundedChildURL+"="+url, boundedChildLimit+"="+strconv.FormatInt(limit, 10))
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	require.NoError(t, err, "the child process: %s", stderr.String())
	var got boundedResult
	require.NoError(t, json.Unmarshal(out, &got), "the child's report: %q", out)
	return got
}

// boundedChild makes one show against url, with no retry, in a process that does nothing else,
// and writes a boundedResult to standard output. It returns the exit code.
func boundedChild(url, limit string) int {
	maxBytes, err := strconv.ParseInt(limit, 10, 64)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 2
	}
	cfg := testConfig(url)
	cfg.Retry, cfg.MaxAnswerBytes = RetryPolicy{MaxAttempts: 1}, maxBytes
	c, err := New(cfg)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 2
	}
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	_, err = c.ShowEnhancedConnection(context.Background(), testConnID)
	runtime.ReadMemStats(&after)
	var ia *InvalidAnswerError
	res := boundedResult{Allocated: after.TotalAlloc - before.TotalAlloc,
		TooLarge: errors.Is(err, ErrAnswerTooLarge), InvalidAnswer: errors.As(err, &ia)}
	if err != nil {
		res.Error = err.Error()
	}
	if err := json.NewEncoder(os.Stdout).Encode(res); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 2
	}
	return 0
}

// silentReset forwards every request to its destination, as a proxy or a service mesh would,
// without firing any httptrace event, then reports a connection reset.
type silentReset struct {
	forward http.RoundTripper
	sent    atomic.Int64
}

func (s *silentReset) RoundTrip(r *http.Request) (*http.Response, error) {
	s.sent.Add(1)
	out := r.Clone(context.Background()) // a context of its own: no trace of the caller's fires
	resp, err := s.forward.RoundTrip(out)
	if err == nil {
		_ = resp.Body.Close()
	}
	return nil, &net.OpError{Op: "read", Net: "tcp", Err: syscall.ECONNRESET}
}

func TestPostIsRetriedOnlyWhenItProvablyNeverLeft(t *testing.T) {
	t.Run("a silent transport that forwarded, then reset", func(t *testing.T) {
		srv := newSignedServer(t, reply(201, "application/json", createdAnswer))
		rt := &silentReset{forward: http.DefaultTransport}
		c := newTestClient(t, srv.URL, func(cfg *Config) { cfg.HTTPClient = &http.Client{Transport: rt} })
		// The retry rule alone: with the recovery on, the lookup would go through rt too.
		_, err := c.CreateEnhancedConnection(context.Background(), vtBigCreate(2), WithRecover(false))
		require.ErrorIs(t, err, syscall.ECONNRESET)
		assert.Equal(t, int64(1), rt.sent.Load(), "the create was sent once")
		assert.Equal(t, 1, srv.count(), "and reached the server once")
	})
	t.Run("a refused dial is retried", func(t *testing.T) {
		var dials atomic.Int64
		refused := roundTripFunc(func(r *http.Request) (*http.Response, error) {
			dials.Add(1)
			return nil, &net.OpError{Op: "dial", Net: "tcp", Err: syscall.ECONNREFUSED}
		})
		c := newTestClient(t, "http://127.0.0.1:1", func(cfg *Config) { cfg.HTTPClient = &http.Client{Transport: refused} })
		_, err := c.CreateEnhancedConnection(context.Background(), vtBigCreate(2))
		require.ErrorIs(t, err, syscall.ECONNREFUSED)
		assert.Equal(t, int64(DefaultRetryPolicy().MaxAttempts), dials.Load())
	})
	t.Run("a failed DNS lookup is retried", func(t *testing.T) {
		var lookups atomic.Int64
		unresolved := roundTripFunc(func(r *http.Request) (*http.Response, error) {
			lookups.Add(1)
			return nil, &net.DNSError{Err: "no such host", Name: "dli.example.invalid", IsNotFound: true}
		})
		c := newTestClient(t, "http://127.0.0.1:1", func(cfg *Config) { cfg.HTTPClient = &http.Client{Transport: unresolved} })
		_, err := c.CreateEnhancedConnection(context.Background(), vtBigCreate(2))
		var dns *net.DNSError
		require.ErrorAs(t, err, &dns)
		assert.Equal(t, int64(DefaultRetryPolicy().MaxAttempts), lookups.Load())
	})
	t.Run("a dial error after the headers were written is not", func(t *testing.T) {
		assert.False(t, neverLeft(&net.OpError{Op: "dial"}, true))
		assert.False(t, neverLeft(errors.New("EOF"), false))
		assert.False(t, neverLeft(&net.OpError{Op: "write", Err: syscall.EPIPE}, false))
		assert.True(t, neverLeft(fmt.Errorf("wrapped: %w", &net.OpError{Op: "proxyconnect"}), false))
	})
}

func TestNothingEmptyIsASuccess(t *testing.T) {
	tests := []struct {
		name      string
		status    int
		body      string
		call      func(*Client) error
		wantField string
		wantWhy   string
	}{
		{"create: empty body", 201, "", createCall, "", "empty body"},
		{"create: null", 201, "null", createCall, "", "not a JSON object"},
		{"create: an array", 201, "[]", createCall, "", "not a JSON object"},
		{"create: a string", 201, `"ok"`, createCall, "", "not a JSON object"},
		{"create: {}", 201, "{}", createCall, "connection_id", "missing"},
		{"create: success without the id", 201, `{"is_success":true,"message":"ok"}`, createCall, "connection_id", "missing"},
		{"create: a null id", 201, `{"is_success":true,"connection_id":null}`, createCall, "connection_id", "missing"},
		{"create: an id of the wrong type", 201, `{"connection_id":42}`, createCall, "connection_id", "want string"},
		{"create: truncated", 201, `{"connection_id":"` + testConnID, createCall, "connection_id", "not valid JSON"},
		{"show: {}", 200, "{}", showCall, "id", "missing"},
		{"show: no status", 200, `{"id":"` + testConnID + `"}`, showCall, "status", "missing"},
		{"list: an entry without id", 200, `{"count":1,"connections":[{"status":"ACTIVE"}]}`, listCall, "connections[0].id", "missing"},
		{"delete: null", 200, "null", deleteCall, "", "not a JSON object"},
		{"delete: empty", 200, "  ", deleteCall, "", "empty body"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := newSignedServer(t, reply(tt.status, "application/json", tt.body, "X-Request-Id", "req-1"))
			err := tt.call(newTestClient(t, srv.URL))
			var ia *InvalidAnswerError
			require.ErrorAs(t, err, &ia)
			assert.Equal(t, tt.status, ia.StatusCode)
			assert.Equal(t, tt.wantField, ia.Field)
			assert.Contains(t, ia.Reason, tt.wantWhy)
			assert.Equal(t, "req-1", ia.RequestID)
			assert.Contains(t, err.Error(), "invalid answer")
		})
	}
	t.Run("unknown extra fields are accepted", func(t *testing.T) {
		srv := newSignedServer(t, reply(201, "application/json", `{"is_success":true,"connection_id":"`+testConnID+`","new_field":{"a":[1,2]}}`))
		out, err := newTestClient(t, srv.URL).CreateEnhancedConnection(context.Background(), vtBigCreate(2))
		require.NoError(t, err)
		assert.Equal(t, testConnID, out.ConnectionID)
	})
}

func createCall(c *Client) error {
	_, err := c.CreateEnhancedConnection(context.Background(), vtBigCreate(2))
	return err
}

func showCall(c *Client) error {
	_, err := c.ShowEnhancedConnection(context.Background(), testConnID)
	return err
}

func listCall(c *Client) error {
	_, err := c.ListEnhancedConnections(context.Background(), nil)
	return err
}

func deleteCall(c *Client) error {
	_, err := c.DeleteEnhancedConnection(context.Background(), testConnID)
	return err
}

func TestWaitActiveWantsAnExplicitActive(t *testing.T) {
	answers := []string{
		`{}`, // not even an answer: an InvalidAnswerError ends the wait
	}
	_ = answers
	tests := []struct {
		name string
		body string
		done bool
	}{
		{"status absent from the peerings", `{"id":"` + testConnID + `","status":"ACTIVE","available_queue_info":[{"name":"q1"}]}`, false},
		{"connection CREATING", `{"id":"` + testConnID + `","status":"CREATING"}`, false},
		{"lower-case active", `{"id":"` + testConnID + `","status":"active"}`, false},
		{"explicit ACTIVE everywhere", `{"id":"` + testConnID + `","status":"ACTIVE","available_queue_info":[{"name":"q1","status":"ACTIVE"}],"elastic_resource_pools":[{"name":"p1","status":"ACTIVE"}]}`, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := newSignedServer(t, reply(200, "application/json", tt.body))
			c := newTestClient(t, srv.URL)
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			polls := 0
			conn, err := c.WaitActive(ctx, testConnID, WithPollInterval(time.Millisecond), WithProgress(func(p WaitProgress) {
				polls++
				if polls == 3 {
					cancel()
				}
			}))
			if tt.done {
				require.NoError(t, err)
				assert.Equal(t, gen.ConnectionActive, conn.Status)
				return
			}
			require.ErrorIs(t, err, context.Canceled, "still waiting after %d polls", polls)
			assert.Contains(t, err.Error(), "still waiting for")
		})
	}
	t.Run("200 {} is an invalid answer, not ACTIVE", func(t *testing.T) {
		srv := newSignedServer(t, reply(200, "application/json", `{}`))
		_, err := newTestClient(t, srv.URL).WaitActive(context.Background(), testConnID, WithPollInterval(time.Millisecond))
		var ia *InvalidAnswerError
		require.ErrorAs(t, err, &ia)
	})
}

func TestRetryAfterNeverOverflowsOrGoesBackToBack(t *testing.T) {
	const ceiling = 30 * time.Second
	now := time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC)
	tests := []struct {
		header string
		want   time.Duration
		kind   retryAfterKind
	}{
		{"", 0, retryAfterNone},
		{"5", 5 * time.Second, retryAfterWait},
		{" 7 ", 7 * time.Second, retryAfterWait},
		{"30", 30 * time.Second, retryAfterWait},
		{"31", 0, retryAfterTooLong},
		{"9223372037", 0, retryAfterTooLong},
		{"99999999999999999999999999", 0, retryAfterTooLong},
		{"-5", 0, retryAfterNone},
		{"+5", 0, retryAfterNone},
		{"5.5", 0, retryAfterNone},
		{"soon", 0, retryAfterNone},
		{"Tue, 01 Dec 2026 10:00:10 GMT", 10 * time.Second, retryAfterWait},
		{"Tue, 01 Dec 2026 09:00:00 GMT", 0, retryAfterWait},
		{"Fri, 31 Dec 9999 23:59:59 GMT", 0, retryAfterTooLong},
	}
	for _, tt := range tests {
		d, kind := parseRetryAfter(tt.header, now, ceiling)
		assert.Equal(t, tt.kind, kind, "%q", tt.header)
		assert.Equal(t, tt.want, d, "%q", tt.header)
	}
	p := DefaultRetryPolicy()
	for _, h := range []string{"0", "-5", "garbage", "Tue, 01 Dec 2000 09:00:00 GMT"} {
		wait, ok := p.waitBeforeRetry(context.Background(), h, 1)
		assert.True(t, ok, h)
		assert.Positive(t, wait, "%q waits at least the backoff", h)
	}
	for _, h := range []string{"9223372037", "Fri, 31 Dec 9999 23:59:59 GMT"} {
		_, ok := p.waitBeforeRetry(context.Background(), h, 1)
		assert.False(t, ok, "%q gives up at once", h)
	}
	t.Run("a huge Retry-After ends the call at once with the 429", func(t *testing.T) {
		srv := newSignedServer(t, reply(429, "application/json", `{"error_code":"APIGW.0308","error_msg":"throttled"}`, "Retry-After", "9223372037"))
		err := showCall(newTestClient(t, srv.URL))
		require.True(t, IsThrottled(err), "%v", err)
		assert.Equal(t, 1, srv.count(), "no retry")
	})
}

// FuzzRetryAfter: whatever the header, the wait is never negative, never beyond the ceiling,
// and a value that parses as a wait never gives a zero wait once the backoff is added.
func FuzzRetryAfter(f *testing.F) {
	for _, s := range []string{"", "0", "5", "-5", "9223372037", "18446744073709551616", "Tue, 01 Dec 2026 10:00:10 GMT", "Mon, 02 Jan 2006 15:04:05 MST", "\x00"} {
		f.Add(s, int64(30))
	}
	now := time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, h string, ceilingSecs int64) {
		ceiling := time.Duration(max(min(ceilingSecs, 3600), 1)) * time.Second
		d, kind := parseRetryAfter(h, now, ceiling)
		if d < 0 || d > ceiling {
			t.Fatalf("%q: wait %v outside [0, %v]", h, d, ceiling)
		}
		if kind != retryAfterWait && d != 0 {
			t.Fatalf("%q: kind %d with a wait", h, kind)
		}
		p := RetryPolicy{MaxRetryAfter: ceiling}.withDefaults()
		if wait, ok := p.waitBeforeRetry(context.Background(), h, 1); ok && (wait <= 0 || wait > max(ceiling, p.MaxDelay)) {
			t.Fatalf("%q: waitBeforeRetry %v", h, wait)
		}
	})
}

// FuzzAnswerEnvelope feeds arbitrary success answers to every operation's decoder: it never
// panics, and an answer it accepts is a JSON object with every field the spec requires (or, for
// an operation whose success has no body, empty).
func FuzzAnswerEnvelope(f *testing.F) {
	for _, s := range []string{"", "null", "{}", "[]", createdAnswer, `{"id":"x","status":"ACTIVE"}`, `{"connections":[{}]}`, `{"is_success":false}`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, op := range allOperations {
			out := op.newAnswer()
			if err := op.decode(data, out); err != nil {
				_, _ = describeDecodeError(err)
				continue
			}
			trimmed := bytes.TrimLeft(data, " \t\r\n")
			if len(trimmed) == 0 && op.noContent {
				continue // a 204's empty body is its success
			}
			if len(trimmed) == 0 || trimmed[0] != '{' {
				t.Fatalf("%s accepted a non-object %q", op.id, data)
			}
			_, _ = op.envelope(out)
		}
	})
}

var _ = signer.Keys
