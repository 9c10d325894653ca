package wrapper

import (
	"bytes"
	"context"
	"errors"
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/httptrace"
	"strconv"
	"sync/atomic"
	"time"
)

// RetryPolicy says how often and how patiently idempotent calls are repeated. Retries are small
// enough to write here rather than import a library: the popular retrying HTTP clients resend
// POSTs by default, which is exactly what must never happen to a create.
type RetryPolicy struct {
	// MaxAttempts counts the first attempt too; 1 disables retries; 0 means the default (4).
	MaxAttempts int
	// BaseDelay is the ceiling of the first wait, doubled for every further attempt; 0 means
	// 200 ms. Each wait is drawn uniformly below its ceiling ("full jitter"), so that many
	// clients throttled together do not come back together.
	BaseDelay time.Duration
	// MaxDelay caps the ceiling of a wait; 0 means 5 s.
	MaxDelay time.Duration
	// MaxRetryAfter is the longest Retry-After the client will sit out; a longer one ends the
	// call with the 429/503 error instead. 0 means 30 s.
	MaxRetryAfter time.Duration
}

// DefaultRetryPolicy is used for the zero RetryPolicy.
var DefaultRetryPolicy = RetryPolicy{MaxAttempts: 4, BaseDelay: 200 * time.Millisecond, MaxDelay: 5 * time.Second, MaxRetryAfter: 30 * time.Second}

func (p RetryPolicy) withDefaults() RetryPolicy {
	d := DefaultRetryPolicy
	if p.MaxAttempts > 0 {
		d.MaxAttempts = p.MaxAttempts
	}
	if p.BaseDelay > 0 {
		d.BaseDelay = p.BaseDelay
	}
	if p.MaxDelay > 0 {
		d.MaxDelay = p.MaxDelay
	}
	if p.MaxRetryAfter > 0 {
		d.MaxRetryAfter = p.MaxRetryAfter
	}
	return d
}

// backoff is the wait before attempt+1 (attempt counts from 1).
func (p RetryPolicy) backoff(attempt int) time.Duration {
	ceiling := p.BaseDelay << min(attempt-1, 30)
	if ceiling <= 0 || ceiling > p.MaxDelay {
		ceiling = p.MaxDelay
	}
	return rand.N(ceiling) + 1
}

// retryableStatus are the answers that say "not now" without saying the request did anything.
func retryableStatus(code int) bool {
	switch code {
	case http.StatusTooManyRequests, http.StatusBadGateway, http.StatusServiceUnavailable, http.StatusGatewayTimeout:
		return true
	}
	return false
}

// idempotentMethod: the API's GETs read, its DELETEs and its PUT (replace the hosts) end in the
// same state however often they run. Its POSTs create connections and routes or bind queues.
func idempotentMethod(m string) bool {
	switch m {
	case http.MethodGet, http.MethodHead, http.MethodPut, http.MethodDelete, http.MethodOptions:
		return true
	}
	return false
}

// retryTransport repeats idempotent requests on throttling, gateway errors and broken
// connections, and a non-idempotent one only when the transport proves that none of its bytes
// were written. It reads each answer completely, so that a connection dropped in the middle of
// a body counts as a failed attempt of the call rather than a decode error after it.
type retryTransport struct {
	next http.RoundTripper
	// prepare heads and signs each attempt's request (see attemptHeaders); nil leaves it as is.
	prepare func(*http.Request) error
	policy  RetryPolicy
	// attempts counts every attempt sent, for tests and metrics.
	attempts atomic.Int64
}

// RoundTrip implements http.RoundTripper. As its contract requires, req is not modified and
// req.Body is closed on every path: the first attempt sends req.Body itself (the transport below
// closes it), later attempts send copies from req.GetBody.
func (t *retryTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	ctx := req.Context()
	idempotent := idempotentMethod(req.Method)
	for attempt := 1; ; attempt++ {
		var wrote atomic.Bool
		r, err := t.attemptRequest(req, attempt, &wrote)
		if err != nil {
			return nil, err
		}
		t.attempts.Add(1)
		resp, err := t.next.RoundTrip(r)
		if err == nil {
			err = bufferBody(resp)
			if err != nil {
				resp = nil
			}
		}

		if attempt >= t.policy.MaxAttempts || ctx.Err() != nil {
			return resp, err
		}
		var wait time.Duration
		switch {
		case err != nil:
			// A POST may be resent only if it never left: once its headers were written the
			// server may have acted on it, and a second create would be a second connection.
			if !idempotent && wrote.Load() {
				return nil, err
			}
			wait = t.policy.backoff(attempt)
		case retryableStatus(resp.StatusCode) && idempotent:
			var ok bool
			if wait, ok = t.retryAfter(resp, attempt); !ok {
				return resp, nil
			}
		default:
			return resp, nil
		}
		if !sleep(ctx, wait) {
			return resp, err
		}
	}
}

// attemptRequest gives every attempt its own request, headed and signed afresh (a new
// X-Sdk-Date each time) by t.prepare: one clone of req, whose context carries the trace that
// records whether the request's headers were written (wrote). The first attempt takes
// req.Body itself, which hands the duty to close it to the transport below; later attempts
// take a fresh body from req.GetBody, since the first one has been consumed.
func (t *retryTransport) attemptRequest(req *http.Request, attempt int, wrote *atomic.Bool) (*http.Request, error) {
	hasBody := req.Body != nil && req.Body != http.NoBody
	if attempt > 1 && hasBody && req.GetBody == nil {
		return nil, errors.New("wrapper: cannot retry a request whose body cannot be read twice")
	}
	r := req.Clone(httptrace.WithClientTrace(req.Context(), &httptrace.ClientTrace{
		WroteHeaders: func() { wrote.Store(true) },
	}))
	if attempt > 1 && hasBody {
		body, err := req.GetBody()
		if err != nil {
			return nil, err
		}
		r.Body = body
	}
	if t.prepare != nil {
		if err := t.prepare(r); err != nil {
			// This attempt's body will not reach a transport that would close it.
			if r.Body != nil {
				_ = r.Body.Close()
			}
			return nil, err
		}
	}
	return r, nil
}

// retryAfter picks the wait after a throttled or unavailable answer: the server's Retry-After
// when it sends one we are willing to sit out, the backoff otherwise.
func (t *retryTransport) retryAfter(resp *http.Response, attempt int) (time.Duration, bool) {
	h := resp.Header.Get("Retry-After")
	if h == "" {
		return t.policy.backoff(attempt), true
	}
	var d time.Duration
	if secs, err := strconv.Atoi(h); err == nil {
		d = time.Duration(secs) * time.Second
	} else if at, err := http.ParseTime(h); err == nil {
		d = time.Until(at)
	} else {
		return t.policy.backoff(attempt), true
	}
	if d > t.policy.MaxRetryAfter {
		return 0, false
	}
	return max(d, 0), true
}

// bufferBody reads the whole answer so that the caller gets either all of it or an error from
// this attempt. DLI's answers are JSON documents well below a few MB. The bytes are kept in a
// *bufferedBody, so that Client.do decodes them without reading them into memory a second time.
func bufferBody(resp *http.Response) error {
	body, err := readAll(resp.Body, resp.ContentLength)
	_ = resp.Body.Close()
	if err != nil {
		return err
	}
	resp.Body = newBufferedBody(body)
	resp.ContentLength = int64(len(body))
	return nil
}

// maxPresize is the largest Content-Length readAll allocates for up front; a larger (or false)
// claim makes the buffer grow as the bytes arrive, so a server cannot make the client allocate
// more than this before sending anything.
const maxPresize = 8 << 20

// readAll is io.ReadAll, but allocates once when the length is known: io.ReadAll starts at 512
// bytes and grows as it reads, which for the 420 KB answer of a 1,000-connection list allocates
// and copies about twice the answer.
func readAll(r io.Reader, contentLength int64) ([]byte, error) {
	n := 512
	if contentLength > 0 && contentLength < maxPresize {
		// One byte more, so that the read that finds the end has room and grows nothing.
		n = int(contentLength) + 1
	}
	b := make([]byte, 0, n)
	for {
		m, err := r.Read(b[len(b):cap(b)])
		b = b[:len(b)+m]
		if err != nil {
			if err == io.EOF {
				err = nil
			}
			return b, err
		}
		if len(b) == cap(b) {
			b = append(b, 0)[:len(b)]
		}
	}
}

// bufferedBody is an answer held in memory by the retry transport. Reading it works as for any
// body; Client.do takes its bytes directly.
type bufferedBody struct {
	bytes.Reader
	data []byte
}

func newBufferedBody(data []byte) *bufferedBody {
	b := &bufferedBody{data: data}
	b.Reset(data)
	return b
}

// Close implements io.Closer; there is nothing to release.
func (*bufferedBody) Close() error { return nil }

// answerBytes returns the whole answer of resp: the bytes the retry transport already read, or
// (when something above it wrapped the body, such as http.Client with a Timeout) what is left
// to read.
func answerBytes(resp *http.Response) ([]byte, error) {
	if b, ok := resp.Body.(*bufferedBody); ok && b.Len() == len(b.data) {
		return b.data, nil
	}
	return io.ReadAll(resp.Body)
}

// sleep waits d or until ctx ends, and reports whether the wait ran to its end.
func sleep(ctx context.Context, d time.Duration) bool {
	if d <= 0 {
		return ctx.Err() == nil
	}
	timer := time.NewTimer(d)
	defer timer.Stop()
	select {
	case <-timer.C:
		return true
	case <-ctx.Done():
		return false
	}
}
