package fake

import (
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// lingerTimeout bounds how long, after an answer given without reading the body, the fake
// discards what the client still sends before it closes the connection.
const lingerTimeout = 2 * time.Second

// maxLingerBytes bounds what is discarded: a client that sends more than the gateway's limit
// after being refused gets its connection closed.
const maxLingerBytes = maxBodyBytes + 1<<20

// answerUnread sends an answer, written by answer, to a request whose body the body stage has
// not read: a refusal by routing, faults, authentication or the body budget.
//
// The answer goes out at once and the connection closes after it. Otherwise net/http would
// read a small body before sending the answer (waiting for it if the client holds it back),
// and keep a connection whose next bytes are an unread body. Once the answer has left, what
// the client still sends is discarded, not kept, for at most lingerTimeout: closing a socket
// with unread data makes the kernel reset the connection, and the reset can destroy the answer
// before the client reads it (net/http's own 500 ms guard against that is skipped when the
// client sent Connection: close, as Go's client does with DisableKeepAlives).
func (s *Server) answerUnread(w http.ResponseWriter, r *http.Request, answer func(http.ResponseWriter)) {
	if !hasBody(r) {
		answer(w)
		return
	}
	// Buffered to send it with a Content-Length: flushed without one, the answer would be
	// chunked, and its end would wait for the handler to return, after the discarding.
	buf := newBufferedResponse()
	answer(buf)
	buf.header.Set("Content-Length", strconv.Itoa(buf.body.Len()))
	buf.header.Set("Connection", "close")
	buf.copyTo(w)
	rc := http.NewResponseController(w)
	if err := rc.Flush(); err != nil {
		return
	}
	if strings.EqualFold(r.Header.Get("Expect"), "100-continue") {
		return // without a 100 Continue, the client sends no body
	}
	if err := rc.SetReadDeadline(time.Now().Add(min(lingerTimeout, s.opts.ReadBodyTimeout))); err != nil {
		return
	}
	_, _ = io.Copy(io.Discard, io.LimitReader(r.Body, maxLingerBytes))
}

// hasBody reports whether r comes with a body, announced by Content-Length or chunked.
func hasBody(r *http.Request) bool { return r.Body != nil && r.Body != http.NoBody }
