package fake

import (
	"bytes"
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"net/http"
	"strconv"
	"sync"
	"time"
)

// Fault is a failure to inject into one request, to test how a client copes with the network
// and the gateway. Fields combine in this order: Delay, then Drop, else Status; a Fault with
// none of Drop and Status only delays the request.
type Fault struct {
	// Status, when not 0, answers with this status (400-599) instead of the operation's answer:
	// 429 and 502/504 as the gateway sends them (APIGW codes), 500 as DLI sends it (DLI.0999).
	Status int
	// HTML answers with a proxy's HTML error page instead of the DLI JSON body.
	HTML bool
	// RetryAfter adds a Retry-After header (whole seconds, rounded up). With Status 0 it implies
	// Status 429, the throttling answer it belongs to.
	RetryAfter time.Duration
	// Delay waits this long before answering (or, with AfterHandler, after the operation ran). The
	// wait ends early when the client gives up; nothing is answered then.
	Delay time.Duration
	// Drop closes the connection after writing part of an answer: before the operation, the
	// first bytes of a status line and headers; with AfterHandler, the operation's complete
	// headers and half of its body. It needs a hijackable connection (a real server, not a
	// ResponseRecorder, which gets http.ErrAbortHandler instead).
	Drop bool
	// AfterHandler runs the operation first and applies the fault to its answer: the create has
	// happened, the client sees a failure. That is how a test proves a client does not blindly
	// retry a non-idempotent call whose bytes reached the server.
	AfterHandler bool
}

// faultInjector holds the queued faults and the random source.
type faultInjector struct {
	mu        sync.Mutex
	queues    map[string][]Fault // by operationId, "" for any operation
	rng       *rand.Rand
	errorRate float64
	latency   time.Duration
}

func newFaultInjector(errorRate float64, latency time.Duration, seed int64) *faultInjector {
	return &faultInjector{
		queues:    make(map[string][]Fault),
		rng:       rand.New(rand.NewPCG(uint64(seed), 0x9e3779b97f4a7c15)),
		errorRate: errorRate,
		latency:   latency,
	}
}

// InjectFaults queues faults for operationID (a spec operationId; "" for whichever operation
// comes next). Each routed request consumes at most one fault: the first queued for its
// operation, else the first queued for "", else possibly a random one (Options.ErrorRate).
// It panics on an operationID the spec does not define or a Status outside 400-599: a typo
// would otherwise make a test pass without injecting anything.
func (s *Server) InjectFaults(operationID string, faults ...Fault) {
	if operationID != "" && !s.spec.operations[operationID] {
		panic(fmt.Sprintf("fake: InjectFaults: the spec has no operation %q", operationID))
	}
	queued := make([]Fault, 0, len(faults)) // the caller's slice stays as it was
	for _, f := range faults {
		if f.Status == 0 && f.RetryAfter > 0 {
			f.Status = http.StatusTooManyRequests
		}
		if f.Status != 0 && (f.Status < 400 || f.Status > 599) {
			panic(fmt.Sprintf("fake: InjectFaults: status %d is not an error status", f.Status))
		}
		queued = append(queued, f)
	}
	s.faults.mu.Lock()
	defer s.faults.mu.Unlock()
	s.faults.queues[operationID] = append(s.faults.queues[operationID], queued...)
}

// next picks the fault for one request of operationID, and the random latency to add first.
func (fi *faultInjector) next(operationID string) (f Fault, ok bool, latency time.Duration) {
	fi.mu.Lock()
	defer fi.mu.Unlock()
	if fi.latency > 0 {
		latency = time.Duration(fi.rng.Int64N(int64(fi.latency) + 1))
	}
	for _, key := range []string{operationID, ""} {
		if q := fi.queues[key]; len(q) > 0 {
			fi.queues[key] = q[1:]
			return q[0], true, latency
		}
	}
	if fi.errorRate > 0 && fi.rng.Float64() < fi.errorRate {
		statuses := []int{500, 502, 503, 504}
		st := statuses[fi.rng.IntN(len(statuses))]
		return Fault{Status: st, HTML: st == 502 && fi.rng.IntN(2) == 0}, true, latency
	}
	return Fault{}, false, latency
}

// faultStage applies the fault of each request: before the operation (the request never
// reaches authentication, validation or the operation, as when the gateway fails) or after it.
func (s *Server) faultStage(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		f, ok, latency := s.faults.next(infoFrom(r.Context()).operationID)
		ctx := r.Context()
		if !sleep(ctx, latency) {
			return
		}
		if !ok {
			next.ServeHTTP(w, r)
			return
		}
		// After the handler, the operation has run and its answer is held back in buf.
		var buf *bufferedResponse
		if f.AfterHandler {
			buf = newBufferedResponse()
			next.ServeHTTP(buf, r)
		}
		if !sleep(ctx, f.Delay) {
			return
		}
		switch {
		case f.Drop:
			drop(w, buf)
		case f.Status != 0 && buf == nil: // the body stage has not run
			s.answerUnread(w, r, func(w http.ResponseWriter) { writeFault(w, f) })
		case f.Status != 0:
			writeFault(w, f)
		case buf != nil:
			buf.copyTo(w)
		default:
			next.ServeHTTP(w, r)
		}
	})
}

// sleep waits d unless ctx ends first; it reports whether to go on answering.
func sleep(ctx context.Context, d time.Duration) bool {
	if d <= 0 {
		return true
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		return false
	}
}

// writeFault answers with the error of f.
func writeFault(w http.ResponseWriter, f Fault) {
	if f.RetryAfter > 0 {
		w.Header().Set("Retry-After", strconv.Itoa(int(math.Ceil(f.RetryAfter.Seconds()))))
	}
	if f.HTML {
		text := strconv.Itoa(f.Status) + " " + http.StatusText(f.Status)
		w.Header().Set("Content-Type", "text/html")
		w.WriteHeader(f.Status)
		_, _ = fmt.Fprintf(w, "<html>\r\n<head><title>%s</title></head>\r\n<body>\r\n<center><h1>%s</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n", text, text)
		return
	}
	code, msg := codeServer, "Internal service error."
	switch {
	case f.Status == http.StatusTooManyRequests:
		code, msg = codeThrottled, "The throttling threshold has been reached."
	case f.Status == http.StatusBadGateway || f.Status == http.StatusServiceUnavailable:
		code, msg = codeBackendDown, "Backend unavailable."
	case f.Status == http.StatusGatewayTimeout:
		code, msg = codeBackendTimeout, "Backend timeout."
	case f.Status < 500:
		code, msg = codeParameter, http.StatusText(f.Status)+"."
	}
	writeError(w, f.Status, code, msg)
}

// drop writes part of an answer and closes the connection, like a proxy or network failing
// mid-answer. Without buf it cuts into the headers; with buf it sends buf's headers and half of
// its body, so the client learns the status but cannot read the body.
func drop(w http.ResponseWriter, buf *bufferedResponse) {
	conn, rw, err := http.NewResponseController(w).Hijack()
	if err != nil {
		// Not hijackable (HTTP/2, a recorder): abort the answer, which the server turns into a
		// reset stream or a closed connection.
		panic(http.ErrAbortHandler)
	}
	defer func() { _ = conn.Close() }()
	if buf == nil {
		_, _ = rw.WriteString("HTTP/1.1 200 OK\r\nContent-Type: applica")
		_ = rw.Flush()
		return
	}
	h := w.Header().Clone()
	for k, v := range buf.header {
		h[k] = v
	}
	h.Set("Content-Length", strconv.Itoa(buf.body.Len()))
	_, _ = fmt.Fprintf(rw, "HTTP/1.1 %d %s\r\n", buf.statusCode(), http.StatusText(buf.statusCode()))
	_ = h.Write(rw)
	_, _ = rw.WriteString("\r\n")
	_, _ = rw.Write(buf.body.Bytes()[:buf.body.Len()/2])
	_ = rw.Flush()
}

// bufferedResponse holds an operation's answer until the fault after it is decided.
type bufferedResponse struct {
	header http.Header
	status int
	body   bytes.Buffer
}

func newBufferedResponse() *bufferedResponse { return &bufferedResponse{header: make(http.Header)} }

func (b *bufferedResponse) Header() http.Header { return b.header }

func (b *bufferedResponse) WriteHeader(code int) {
	if b.status == 0 {
		b.status = code
	}
}

func (b *bufferedResponse) Write(p []byte) (int, error) {
	if b.status == 0 {
		b.status = http.StatusOK
	}
	return b.body.Write(p)
}

func (b *bufferedResponse) statusCode() int {
	if b.status == 0 {
		return http.StatusOK
	}
	return b.status
}

// copyTo sends the buffered answer unchanged.
func (b *bufferedResponse) copyTo(w http.ResponseWriter) {
	for k, v := range b.header {
		w.Header()[k] = v
	}
	w.WriteHeader(b.statusCode())
	_, _ = w.Write(b.body.Bytes())
}
