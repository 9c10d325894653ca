package fake

import (
	"bytes"
	"context"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/google/uuid"
)

// RecordedRequest is one request as the server received it, for tests that check what a client
// sent (headers, retries) rather than what it got.
type RecordedRequest struct {
	// Time is when the request arrived, on Options.Now.
	Time time.Time
	// Method and Path are the request line; RawQuery is the query string as sent.
	Method, Path, RawQuery string
	// OperationID is the spec operation the request matched, IAMLookupOperationID for the IAM
	// project lookup, one of the platform operation ids (MetadataKeysOperationID, ...) for a
	// platform service, "" for an unknown route.
	OperationID string
	// Header is a copy of the request headers, with every value of X-Security-Token replaced by
	// "[REDACTED]", and every value of any header of a request to a platform path (whose
	// headers carry session, id, IAM and pod tokens): the names show what a client sent.
	Header http.Header
	// Body holds the first 64 KiB of the request body (all of it for any normal request but a
	// create or update with thousands of hosts), once the body stage has read it; nil for the
	// platform services, whose bodies carry tokens.
	Body []byte
	// Status is the status answered, set before the first byte of the answer is sent; 0 when
	// no answer has been sent (yet), the connection was dropped or the client left first.
	Status int
}

// maxRecorded bounds the request log so that a long-running fake (the CLI) does not grow
// without end; the oldest entries go first.
const maxRecorded = 10000

// maxRecordedBody bounds the body kept per logged request.
const maxRecordedBody = 64 << 10

// observer counts operation calls and keeps the request log. A request is logged when it
// arrives and its entry filled in as it goes, each field before the client can see what it
// records: whatever a client observed of an answer (a status, a dropped connection), its
// request is already in the log with that outcome.
type observer struct {
	now      func() time.Time
	mu       sync.Mutex
	calls    map[string]int
	requests []*RecordedRequest
}

func newObserver(now func() time.Time) *observer {
	return &observer{now: now, calls: make(map[string]int)}
}

func (o *observer) called(operationID string) {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.calls[operationID]++
}

// arrived logs a new request; its entry is changed only through the observer's methods.
func (o *observer) arrived(rec *RecordedRequest) {
	o.mu.Lock()
	defer o.mu.Unlock()
	// Trimming in batches keeps appends O(1) on average; Requests shows the newest maxRecorded.
	if len(o.requests) >= 2*maxRecorded {
		o.requests = append(o.requests[:0:0], o.requests[len(o.requests)-maxRecorded:]...)
	}
	o.requests = append(o.requests, rec)
}

func (o *observer) update(rec *RecordedRequest, f func(*RecordedRequest)) {
	if rec == nil { // a stage used without the record stage in front
		return
	}
	o.mu.Lock()
	defer o.mu.Unlock()
	f(rec)
}

func (o *observer) setOperation(rec *RecordedRequest, id string) {
	o.update(rec, func(r *RecordedRequest) { r.OperationID = id })
}

func (o *observer) setBody(rec *RecordedRequest, body []byte) {
	kept := bytes.Clone(body[:min(len(body), maxRecordedBody)])
	o.update(rec, func(r *RecordedRequest) { r.Body = kept })
}

func (o *observer) setStatus(rec *RecordedRequest, status int) {
	o.update(rec, func(r *RecordedRequest) { r.Status = status })
}

// snapshot returns a copy of rec as it stands (the header and body shared, not to be changed).
func (o *observer) snapshot(rec *RecordedRequest) RecordedRequest {
	o.mu.Lock()
	defer o.mu.Unlock()
	return *rec
}

// Calls returns how many requests reached operationID (a spec operationId such as
// "CreateEnhancedConnection"), that is, passed routing, injected faults, authentication and
// validation; "" counts every operation of the spec. A request that a fault with AfterHandler
// hit counts, because the operation ran. The IAM project lookup (IAMLookupOperationID) counts
// once authenticated, and a platform operation (MetadataKeysOperationID, ...) whenever its
// service was not down; "" counts neither, as they are not DLI's.
func (s *Server) Calls(operationID string) int {
	s.obs.mu.Lock()
	defer s.obs.mu.Unlock()
	if operationID != "" {
		return s.obs.calls[operationID]
	}
	n := 0
	for op, c := range s.obs.calls {
		if s.spec.operations[op] {
			n += c
		}
	}
	return n
}

// Requests returns a copy of the log of received requests, oldest first (the latest 10,000),
// as it stands: a request is in it from its arrival, so requests still in flight are too.
func (s *Server) Requests() []RecordedRequest {
	s.obs.mu.Lock()
	defer s.obs.mu.Unlock()
	log := s.obs.requests[max(0, len(s.obs.requests)-maxRecorded):]
	out := make([]RecordedRequest, len(log))
	for i, r := range log {
		c := *r
		c.Header = r.Header.Clone()
		c.Body = bytes.Clone(r.Body)
		out[i] = c
	}
	return out
}

// requestInfo travels in the request context from the record stage to the stages after it.
type requestInfo struct {
	rec         *RecordedRequest // the log entry, changed only through the observer
	operationID string           // set by the routing stage
	route       *routeMatch      // set by the routing stage, for the validator
	verifyBody  bool             // set by the auth stage: the signature needs the body
}

type requestInfoKey struct{}

func infoFrom(ctx context.Context) *requestInfo {
	if ri, ok := ctx.Value(requestInfoKey{}).(*requestInfo); ok {
		return ri
	}
	return &requestInfo{}
}

// recordStage is the outermost stage: it gives each answer an X-Request-Id, as DLI does (clients
// quote it in errors), logs the request as it arrives and its status as it is answered, and
// writes the request log line of Options.Logger when done.
func (s *Server) recordStage(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		began := time.Now()
		rec := &RecordedRequest{
			Time:     s.obs.now(),
			Method:   r.Method,
			Path:     r.URL.Path,
			RawQuery: r.URL.RawQuery,
			Header:   recordedHeader(r),
		}
		s.obs.arrived(rec)
		info := &requestInfo{rec: rec}
		requestID := strings.ReplaceAll(uuid.NewString(), "-", "")
		w.Header().Set("X-Request-Id", requestID)
		s.clock.setDate(w.Header())
		sw := &statusWriter{ResponseWriter: w, obs: s.obs, rec: rec}
		if s.opts.Logger != nil {
			defer func() { logRequest(s.opts.Logger, s.obs.snapshot(rec), requestID, time.Since(began)) }()
		}
		next.ServeHTTP(sw, r.WithContext(context.WithValue(r.Context(), requestInfoKey{}, info)))
	})
}

// redacted replaces a header value that is a secret in RecordedRequest.
const redacted = "[REDACTED]"

// recordedHeader is the copy of r's headers the request log keeps: no value of
// X-Security-Token, and no value at all for a platform path. It is decided on arrival, so that
// Requests never shows a secret, even while the request is in flight.
func recordedHeader(r *http.Request) http.Header {
	h := r.Header.Clone()
	platform := isPlatformPath(r.URL.Path)
	for name, values := range h {
		if platform || name == "X-Security-Token" {
			for i := range values {
				values[i] = redacted
			}
		}
	}
	return h
}

// statusWriter records the status written through it before passing it on. Unwrap lets
// http.ResponseController reach the connection underneath, which Fault.Drop hijacks.
type statusWriter struct {
	http.ResponseWriter
	obs    *observer
	rec    *RecordedRequest
	status int
}

func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 && code >= 200 { // 1xx answers are not the final status
		w.status = code
		w.obs.setStatus(w.rec, code)
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
		w.obs.setStatus(w.rec, http.StatusOK)
	}
	return w.ResponseWriter.Write(b)
}

// Unwrap returns the wrapped writer, for http.ResponseController.
func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }
