package fake

import (
	"context"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const createBody = `{"name":"faulty","dest_vpc_id":"v","dest_network_id":"n"}`

// plainClient is a fresh client per test, so a dropped connection never leaks into another
// test's pool.
func plainClient(t *testing.T, timeout time.Duration) *http.Client {
	t.Helper()
	tr := &http.Transport{DisableKeepAlives: true}
	t.Cleanup(tr.CloseIdleConnections)
	return &http.Client{Transport: tr, Timeout: timeout}
}

func TestFaultStatuses(t *testing.T) {
	tests := []struct {
		name        string
		fault       Fault
		status      int
		contentType string
		wantCode    string
		wantBody    string
		retryAfter  string
	}{
		{"500 from DLI", Fault{Status: 500}, 500, "application/json", codeServer, "", ""},
		{"502 from the gateway", Fault{Status: 502}, 502, "application/json", codeBackendDown, "", ""},
		{"503", Fault{Status: 503}, 503, "application/json", codeBackendDown, "", ""},
		{"504", Fault{Status: 504}, 504, "application/json", codeBackendTimeout, "", ""},
		{"502 HTML page", Fault{Status: 502, HTML: true}, 502, "text/html", "", "<h1>502 Bad Gateway</h1>", ""},
		{"504 HTML page", Fault{Status: 504, HTML: true}, 504, "text/html", "", "<h1>504 Gateway Timeout</h1>", ""},
		{"429 with Retry-After", Fault{Status: 429, RetryAfter: 1500 * time.Millisecond}, 429, "application/json", codeThrottled, "", "2"},
		{"Retry-After alone means 429", Fault{RetryAfter: 3 * time.Second}, 429, "application/json", codeThrottled, "", "3"},
		{"503 with Retry-After", Fault{Status: 503, RetryAfter: time.Second}, 503, "application/json", codeBackendDown, "", "1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := start(t, Options{})
			r.InjectFaults("CreateEnhancedConnection", tt.fault)
			client := plainClient(t, 5*time.Second)

			a, err := send(t, client, "POST", r.URL()+connsPath(project), createBody, nil)
			require.NoError(t, err)
			assert.Equal(t, tt.status, a.status)
			assert.Equal(t, tt.contentType, a.header.Get("Content-Type"))
			assert.Equal(t, tt.retryAfter, a.header.Get("Retry-After"))
			if tt.wantCode != "" {
				code, _ := a.errorBody(t)
				assert.Equal(t, tt.wantCode, code)
			}
			assert.Contains(t, string(a.body), tt.wantBody)
			assert.Equal(t, 0, r.Calls("CreateEnhancedConnection"), "the fault hit before the operation")
			assert.Equal(t, 0, r.Connections(project))

			again, err := send(t, client, "POST", r.URL()+connsPath(project), createBody, nil)
			require.NoError(t, err)
			assert.Equal(t, http.StatusCreated, again.status, "one fault, one request")
			assert.Equal(t, 1, r.Connections(project))
		})
	}
}

// TestFaultDelay shows that a delay holds the answer back without asserting on durations: with
// an hour's delay, the request is logged and unanswered, and stays so until the client gives up;
// a short one still answers.
func TestFaultDelay(t *testing.T) {
	lines := make(chan string, 4)
	r := start(t, Options{Logger: slog.New(slog.NewTextHandler(lineWriter(lines), nil))})
	r.InjectFaults("ListEnhancedConnections", Fault{Delay: time.Hour}, Fault{Delay: time.Millisecond})

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	failed := make(chan error)
	go func() {
		req, err := http.NewRequestWithContext(ctx, "GET", r.URL()+connsPath(project), nil)
		if err == nil {
			var resp *http.Response
			if resp, err = plainClient(t, 0).Do(req); err == nil {
				_ = resp.Body.Close()
			}
		}
		failed <- err
	}()
	waitFor(t, func() bool { return len(r.Requests()) == 1 })
	select {
	case line := <-lines:
		t.Fatalf("the delayed request was done with early: %s", line)
	case err := <-failed:
		t.Fatalf("the delayed request was answered early: %v", err)
	default:
	}
	assert.Zero(t, r.Requests()[0].Status, "nothing answered during the delay")
	cancel()
	assert.ErrorIs(t, <-failed, context.Canceled)
	// The server stops waiting as soon as the client leaves: it logs the request unanswered.
	assert.Contains(t, receiveLine(t, lines), "status=0")
	assert.Equal(t, 0, r.Calls(""))

	a, err := send(t, plainClient(t, safetyNet), "GET", r.URL()+connsPath(project), "", nil)
	require.NoError(t, err)
	assert.Equal(t, http.StatusOK, a.status, "a bare delay still answers")
	assert.Contains(t, receiveLine(t, lines), "status=200")
}

func TestFaultDelayHonoursTheClientGivingUp(t *testing.T) {
	lines := make(chan string, 1)
	r := start(t, Options{Logger: slog.New(slog.NewTextHandler(lineWriter(lines), nil))})
	r.InjectFaults("ListEnhancedConnections", Fault{Delay: time.Hour, Status: 500})
	_, err := send(t, plainClient(t, 100*time.Millisecond), "GET", r.URL()+connsPath(project), "", nil)
	require.Error(t, err, "the client times out")
	// The log line is written when the server is done with the request: it stopped waiting.
	assert.Contains(t, receiveLine(t, lines), "status=0")
	reqs := r.Requests()
	require.Len(t, reqs, 1)
	assert.Zero(t, reqs[0].Status)
	assert.Equal(t, 0, r.Calls(""))
	require.NoError(t, r.Close(), "Close does not wait for the hour")
}

func TestFaultDropBeforeTheOperation(t *testing.T) {
	r := start(t, Options{})
	r.InjectFaults("CreateEnhancedConnection", Fault{Drop: true})
	_, err := send(t, plainClient(t, 5*time.Second), "POST", r.URL()+connsPath(project), createBody, nil)
	require.Error(t, err, "the answer breaks off in its headers")
	assert.Equal(t, 0, r.Calls("CreateEnhancedConnection"))
	assert.Equal(t, 0, r.Connections(project))
	reqs := r.Requests()
	require.Len(t, reqs, 1)
	assert.Equal(t, "CreateEnhancedConnection", reqs[0].OperationID)
	assert.Equal(t, 0, reqs[0].Status, "nothing complete was answered")
}

func TestFaultsAfterTheOperation(t *testing.T) {
	tests := []struct {
		name       string
		fault      Fault
		timeout    time.Duration
		wantErr    bool
		wantStatus int
	}{
		{"connection dropped mid-body", Fault{Drop: true, AfterHandler: true}, 5 * time.Second, true, 0},
		{"gateway error after create", Fault{Status: 502, AfterHandler: true}, 5 * time.Second, false, 502},
		{"HTML page after create", Fault{Status: 504, HTML: true, AfterHandler: true}, 5 * time.Second, false, 504},
		{"answer too slow for the client", Fault{Delay: time.Hour, AfterHandler: true}, time.Second, true, 0},
		{"slow but complete", Fault{Delay: 50 * time.Millisecond, AfterHandler: true}, 5 * time.Second, false, 201},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := start(t, Options{})
			r.InjectFaults("CreateEnhancedConnection", tt.fault)
			a, err := send(t, plainClient(t, tt.timeout), "POST", r.URL()+connsPath(project), createBody, nil)
			if tt.wantErr {
				require.Error(t, err)
			} else {
				require.NoError(t, err)
				assert.Equal(t, tt.wantStatus, a.status)
			}
			// Whatever the client saw, the create happened: a retry would make a second one.
			// (waitFor: a client that timed out may have left before a slow machine ran it.)
			waitFor(t, func() bool {
				return r.Calls("CreateEnhancedConnection") == 1 && r.Connections(project) == 1
			})
		})
	}
}

func TestDroppedAnswerCarriesTheRealStatus(t *testing.T) {
	r := start(t, Options{})
	r.InjectFaults("CreateEnhancedConnection", Fault{Drop: true, AfterHandler: true})
	req, err := http.NewRequest("POST", r.URL()+connsPath(project), strings.NewReader(createBody))
	require.NoError(t, err)
	req.Header.Set("Content-Type", "application/json")
	resp, err := plainClient(t, 5*time.Second).Do(req)
	require.NoError(t, err, "the headers arrive complete")
	defer func() { _ = resp.Body.Close() }()
	assert.Equal(t, http.StatusCreated, resp.StatusCode)
	_, err = readAll(resp)
	assert.Error(t, err, "the body breaks off")
}

func TestFaultQueues(t *testing.T) {
	r := start(t, Options{})
	r.InjectFaults("", Fault{Status: 503})
	r.InjectFaults("ListEnhancedConnections", Fault{Status: 500}, Fault{Status: 502})
	client := plainClient(t, 5*time.Second)
	statuses := func(method, path, body string) int {
		a, err := send(t, client, method, r.URL()+path, body, nil)
		require.NoError(t, err)
		return a.status
	}
	assert.Equal(t, 500, statuses("GET", connsPath(project), ""), "the operation's queue comes first")
	assert.Equal(t, 503, statuses("POST", connsPath(project), createBody), "then the queue for any operation")
	assert.Equal(t, 502, statuses("GET", connsPath(project), ""))
	assert.Equal(t, 200, statuses("GET", connsPath(project), ""), "all consumed")
	assert.Equal(t, 404, statuses("GET", "/unknown", ""), "unknown routes consume nothing")
}

func TestInjectFaultsRefusesMistakes(t *testing.T) {
	s, err := New(Options{})
	require.NoError(t, err)
	assert.Panics(t, func() { s.InjectFaults("CreateConnection", Fault{Status: 500}) }, "no such operation")
	assert.Panics(t, func() { s.InjectFaults("", Fault{Status: 302}) }, "not an error status")
	assert.NotPanics(t, func() { s.InjectFaults("DeleteRouteFromEnhancedConnection", Fault{Status: 599}) })
	mine := []Fault{{RetryAfter: time.Second}}
	s.InjectFaults("", mine...)
	assert.Equal(t, 0, mine[0].Status, "the caller's faults are not changed")
}

func TestDropWithoutAConnectionAborts(t *testing.T) {
	s, err := New(Options{})
	require.NoError(t, err)
	s.InjectFaults("", Fault{Drop: true})
	rec := httptest.NewRecorder()
	req := httptest.NewRequest("GET", connsPath(project), nil)
	assert.PanicsWithValue(t, http.ErrAbortHandler, func() { s.ServeHTTP(rec, req) })
}

func TestRandomFaults(t *testing.T) {
	run := func(seed int64) []int {
		r := start(t, Options{ErrorRate: 0.5, Seed: seed})
		client := plainClient(t, 5*time.Second)
		var got []int
		for range 40 {
			a, err := send(t, client, "GET", r.URL()+connsPath(project), "", nil)
			require.NoError(t, err)
			got = append(got, a.status)
		}
		failed := 0
		for _, st := range got {
			if st != 200 {
				assert.Contains(t, []int{500, 502, 503, 504}, st)
				failed++
			}
		}
		assert.Equal(t, 40-failed, r.Calls("ListEnhancedConnections"), "failed requests reach no operation")
		assert.Greater(t, failed, 5)
		assert.Less(t, failed, 35)
		return got
	}
	first := run(7)
	assert.Equal(t, first, run(7), "the same seed replays the same faults")
	assert.NotEqual(t, first, run(8))
}

func TestRandomFaultsEverywhere(t *testing.T) {
	r := start(t, Options{ErrorRate: 1})
	a, err := send(t, plainClient(t, 5*time.Second), "POST", r.URL()+connsPath(project), createBody, nil)
	require.NoError(t, err)
	assert.GreaterOrEqual(t, a.status, 500)
	assert.Equal(t, 0, r.Connections(project))
}

func TestRandomLatency(t *testing.T) {
	draw := func(seed int64) []time.Duration {
		fi := newFaultInjector(0, 20*time.Millisecond, seed)
		var out []time.Duration
		for range 50 {
			_, ok, d := fi.next("ListEnhancedConnections")
			assert.False(t, ok)
			assert.GreaterOrEqual(t, d, time.Duration(0))
			assert.LessOrEqual(t, d, 20*time.Millisecond)
			out = append(out, d)
		}
		return out
	}
	assert.Equal(t, draw(1), draw(1))

	r := start(t, Options{Latency: 30 * time.Millisecond, Seed: 3})
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, "GET", r.URL()+connsPath(project), nil)
	require.NoError(t, err)
	resp, err := plainClient(t, 0).Do(req)
	require.NoError(t, err)
	_ = resp.Body.Close()
	assert.Equal(t, http.StatusOK, resp.StatusCode, "latency only delays")
}

func TestOptionsAreChecked(t *testing.T) {
	for _, o := range []Options{
		{ErrorRate: -0.1},
		{ErrorRate: 1.5},
		{Latency: -time.Second},
		{ActivationDelay: -time.Second},
		{Credentials: map[string]string{"ak": ""}},
		{Tokens: []string{""}},
	} {
		_, err := New(o)
		assert.Error(t, err, "%+v", o)
	}
}

// TestFaultBeforeTheBodyAnswersAtOnce: a fault before the operation answers without waiting for
// a body that the client has announced but not sent.
func TestFaultBeforeTheBodyAnswersAtOnce(t *testing.T) {
	r := start(t, Options{})
	r.InjectFaults("CreateEnhancedConnection", Fault{Status: 503})
	c := dialRaw(t, r)
	c.writeHead("POST", connsPath(project), http.Header{"Content-Type": {"application/json"}}, len(createBody))
	resp, _, err := c.readResponse()
	require.NoError(t, err)
	assert.Equal(t, http.StatusServiceUnavailable, resp.StatusCode)
	assert.True(t, resp.Close)
	assert.Zero(t, r.bodyBytesRead.Load())
}
