package fake

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"mime"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync/atomic"
	"time"
)

// maxBodyBytes is the largest request body accepted: the gateway's limit for AK/SK-signed
// requests. A 20,000-host create is about 0.7 MB.
const maxBodyBytes = 12 << 20

// busyRetryAfter is the Retry-After of the 503 given to a body that found no room in
// Options.MaxBodyBytesInFlight: bodies ahead of it are read and validated within seconds.
const busyRetryAfter = 1 * time.Second

// bodyStage reads the request body, after authentication has judged everything it can without
// it, so that a refused request costs no body bytes. It first waits for room under
// Options.MaxBodyBytesInFlight (at most Options.ReadBodyTimeout), then reads the body within
// Options.ReadBodyTimeout up to the gateway's limit, refuses a JSON body followed by more data, and makes the body replayable,
// because the signature check and the validator both read it. The room is held until the
// stages after it (validation, the operation) have answered.
func (s *Server) bodyStage(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !hasBody(r) {
			next.ServeHTTP(w, r)
			return
		}
		if r.ContentLength > maxBodyBytes {
			s.answerUnread(w, r, func(w http.ResponseWriter) {
				writeError(w, http.StatusRequestEntityTooLarge, codeTooLarge, "Request entity too large.")
			})
			return
		}
		want := r.ContentLength
		if want < 0 { // chunked: the size is known only at the end
			want = maxBodyBytes
		}
		wait, cancel := context.WithTimeout(r.Context(), s.opts.ReadBodyTimeout)
		held, err := s.bodies.acquire(wait, want)
		cancel()
		if err != nil {
			if r.Context().Err() != nil {
				return // the client left; nobody reads an answer
			}
			s.answerUnread(w, r, func(w http.ResponseWriter) {
				w.Header().Set("Retry-After", strconv.Itoa(int(busyRetryAfter/time.Second)))
				writeError(w, http.StatusServiceUnavailable, codeBackendDown,
					"Too many request bodies are being processed; retry later.")
			})
			return
		}
		defer s.bodies.release(held)
		// Admitted: the whole body must now come within ReadBodyTimeout, counted afresh so that
		// a body admitted at the end of its wait is not cut off for having waited. Not every
		// ResponseWriter reaches a connection (a recorder does not); then the read is unbounded.
		_ = http.NewResponseController(w).SetReadDeadline(time.Now().Add(s.opts.ReadBodyTimeout))

		body, err := readBody(r.Body, r.ContentLength, &s.bodyBytesRead)
		_ = r.Body.Close()
		if err != nil {
			// What is left of the body is unread: the connection cannot carry another request.
			w.Header().Set("Connection", "close")
			var ne net.Error
			switch {
			case errors.Is(err, errBodyTooLarge):
				writeError(w, http.StatusRequestEntityTooLarge, codeTooLarge, "Request entity too large.")
			case errors.As(err, &ne) && ne.Timeout():
				writeError(w, http.StatusRequestTimeout, codeParameter,
					"body: not received in full within "+s.opts.ReadBodyTimeout.String()+".")
			default:
				writeError(w, http.StatusBadRequest, codeParameter, "body: cannot read the request body.")
			}
			return
		}
		s.obs.setBody(infoFrom(r.Context()).rec, body)
		if isJSON(r.Header.Get("Content-Type")) && trailingData(body) {
			writeError(w, http.StatusBadRequest, codeParameter, "body: unexpected data after the JSON value.")
			return
		}
		r.ContentLength = int64(len(body))
		r.GetBody = func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(body)), nil }
		r.Body, _ = r.GetBody()
		next.ServeHTTP(w, r)
	})
}

// errBodyTooLarge is readBody's refusal of a body over maxBodyBytes.
var errBodyTooLarge = errors.New("fake: request body too large")

// readBody reads a whole body into one buffer sized from its Content-Length (no regrowth for
// the usual case), counting every byte as it is read in *counted, which tests use to prove
// that a refused or waiting request was not read.
func readBody(body io.Reader, contentLength int64, counted *atomic.Int64) ([]byte, error) {
	var buf bytes.Buffer
	if contentLength > 0 {
		buf.Grow(int(contentLength) + bytes.MinRead) // ReadFrom wants MinRead spare to see EOF
	}
	_, err := buf.ReadFrom(io.LimitReader(countingReader{body, counted}, maxBodyBytes+1))
	if err != nil {
		return nil, err
	}
	if buf.Len() > maxBodyBytes {
		return nil, errBodyTooLarge
	}
	return buf.Bytes(), nil
}

// isJSON reports whether a Content-Type is JSON, the only kind of body the API takes; other
// kinds are left to the validator to refuse.
func isJSON(contentType string) bool {
	mt, _, err := mime.ParseMediaType(contentType)
	return err == nil && (mt == "application/json" || strings.HasSuffix(mt, "+json"))
}

// trailingData reports whether body holds a complete JSON value followed by anything but
// blanks. encoding/json decoders, the validator's and the generated router's, stop after the
// first value and would accept `{...}xyz`. A body that is not valid JSON for another reason is
// left to the validator, which names the problem.
func trailingData(body []byte) bool {
	if json.Valid(body) {
		return false
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	var skip struct{} // decoding into an empty struct checks the value and keeps nothing of it
	if err := dec.Decode(&skip); err != nil {
		var typeErr *json.UnmarshalTypeError
		if !errors.As(err, &typeErr) { // a syntax error inside the value itself
			return false
		}
	}
	_, err := dec.Token()
	return err != io.EOF
}

// countingReader adds the bytes read through it to n.
type countingReader struct {
	r io.Reader
	n *atomic.Int64
}

func (c countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n.Add(int64(n))
	return n, err
}
