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
	// OperationID is the spec operation the request matched, "" for an unknown route.
	OperationID string
	// Header is a copy of the request headers.
	Header http.Header
	// Body holds the first 64 KiB of the request body (all of it for any normal request but a
	// create or update with thousands of hosts).
	Body []byte
	// Status is the status answered, 0 when the connection was dropped or the client left before
	// an answer.
	Status int
}

// maxRecorded bounds the request log so that a long-running fake (the CLI) does not grow
// without end; the oldest entries go first.
const maxRecorded = 10000

// maxRecordedBody bounds the body kept per logged request.
const maxRecordedBody = 64 << 10

// observer counts operation calls and keeps the request log.
type observer struct {
	now      func() time.Time
	mu       sync.Mutex
	calls    map[string]int
	requests []RecordedRequest
}

func newObserver(now func() time.Time) *observer {
	return &observer{now: now, calls: make(map[string]int)}
}

func (o *observer) called(operationID string) {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.calls[operationID]++
}

func (o *observer) record(r RecordedRequest) {
	o.mu.Lock()
	defer o.mu.Unlock()
	// Trimming in batches keeps appends O(1) on average; Requests shows the newest maxRecorded.
	if len(o.requests) >= 2*maxRecorded {
		o.requests = append(o.requests[:0:0], o.requests[len(o.requests)-maxRecorded:]...)
	}
	o.requests = append(o.requests, r)
}

// Calls returns how many requests reached operationID (a spec operationId such as
// "CreateEnhancedConnection"), that is, passed routing, injected faults, authentication and
// validation; "" counts every operation. A request that a fault with AfterHandler hit counts,
// because the operation ran.
func (s *Server) Calls(operationID string) int {
	s.obs.mu.Lock()
	defer s.obs.mu.Unlock()
	if operationID != "" {
		return s.obs.calls[operationID]
	}
	n := 0
	for _, c := range s.obs.calls {
		n += c
	}
	return n
}

// Requests returns a copy of the log of received requests, oldest first (the latest 10,000).
func (s *Server) Requests() []RecordedRequest {
	s.obs.mu.Lock()
	defer s.obs.mu.Unlock()
	log := s.obs.requests[max(0, len(s.obs.requests)-maxRecorded):]
	out := make([]RecordedRequest, len(log))
	for i, r := range log {
		r.Header = r.Header.Clone()
		r.Body = bytes.Clone(r.Body)
		out[i] = r
	}
	return out
}

// requestInfo travels in the request context from the record stage, which logs it, to the
// route stage, which fills it in.
type requestInfo struct {
	operationID string
	route       *routeMatch
	body        []byte // as read by the route stage
}

type requestInfoKey struct{}

func infoFrom(ctx context.Context) *requestInfo {
	if ri, ok := ctx.Value(requestInfoKey{}).(*requestInfo); ok {
		return ri
	}
	return &requestInfo{}
}

// recordStage is the outermost stage: it gives each answer an X-Request-Id, as DLI does (clients
// quote it in errors), and logs the request with its final status.
func (s *Server) recordStage(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		info := &requestInfo{}
		rec := RecordedRequest{
			Time:     s.obs.now(),
			Method:   r.Method,
			Path:     r.URL.Path,
			RawQuery: r.URL.RawQuery,
			Header:   r.Header.Clone(),
		}
		w.Header().Set("X-Request-Id", strings.ReplaceAll(uuid.NewString(), "-", ""))
		sw := &statusWriter{ResponseWriter: w}
		next.ServeHTTP(sw, r.WithContext(context.WithValue(r.Context(), requestInfoKey{}, info)))
		rec.OperationID = info.operationID
		rec.Body = bytes.Clone(info.body[:min(len(info.body), maxRecordedBody)])
		rec.Status = sw.status
		s.obs.record(rec)
	})
}

// statusWriter remembers the status written through it. Unwrap lets http.ResponseController
// reach the connection underneath, which Fault.Drop hijacks.
type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	return w.ResponseWriter.Write(b)
}

// Unwrap returns the wrapped writer, for http.ResponseController.
func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }
