package wrapper

import (
	"context"
	"errors"
	"io"
	"net/http"
	"sync"
)

// A request body is encoded once per call into a pooled buffer and handed to net/http as
// readers over that buffer: one as req.Body, and a new one for every req.GetBody call, which
// the signer (to hash the body), the retry transport (for each further attempt) and http.Client
// (to follow a 307/308) make. A 20,000-host create is about 800 KB; allocating that per call was
// most of the bytes our client allocated, and the garbage collector's work for them.
//
// The buffer may go back to the pool only when nothing can read it any more. Returning from
// http.Client.Do is not enough: a RoundTripper may keep reading a request body, and close it,
// after RoundTrip has returned (net/http documents this; its Transport does it when an answer
// arrives before the body was written). So each reader holds a reference, dropped by its Close;
// the call holds one more, dropped when its answer has been read; the last one returns the
// buffer. A reader that is never closed (a RoundTripper breaking its contract) only means the
// buffer is left to the garbage collector, never that it is reused while still readable.

// maxPooledBody is the largest buffer kept for reuse. It holds the biggest create the spec
// allows with ordinary host names (20,000 hosts, about 800 KB, in a buffer grown by append to
// about 1 MB), so that such calls reuse their buffer, while a rare body of several MB (20,000
// hosts with 128-character names) is left to the garbage collector instead of staying in the
// pool.
const maxPooledBody = 2 << 20

var bodyBuffers = sync.Pool{New: func() any { return new([]byte) }}

// errBodyReleased is what GetBody returns after the call that owned the body has finished and
// every reader was closed; no code path of ours asks that late.
var errBodyReleased = errors.New("wrapper: request body read after its call ended")

// requestBody is one encoded request body and the references to its pooled buffer.
type requestBody struct {
	// mu guards everything below and the state of every bodyReader over this body.
	mu sync.Mutex
	// buf is the pooled buffer; nil once it went back to the pool.
	buf *[]byte
	// refs counts the call's own reference (until release) and every reader not yet closed.
	refs     int
	released bool
}

// newRequestBody encodes a body with appendTo into a pooled buffer. The caller must call
// release when its call has ended.
func newRequestBody(appendTo func([]byte) []byte) *requestBody {
	bp := bodyBuffers.Get().(*[]byte)
	*bp = appendTo((*bp)[:0])
	return &requestBody{buf: bp, refs: 1}
}

// size is the length of the encoded body.
func (b *requestBody) size() int {
	b.mu.Lock()
	defer b.mu.Unlock()
	return len(*b.buf)
}

// copyTo copies the encoded body into dst, which has room for size() bytes.
func (b *requestBody) copyTo(dst []byte) {
	b.mu.Lock()
	defer b.mu.Unlock()
	copy(dst, *b.buf)
}

// editRequest installs the body on a request built without one, as an oapi-codegen
// RequestEditorFn: Body and GetBody are readers over the buffer and ContentLength its length,
// so the request is sent with a Content-Length, hashed by the signer through GetBody without
// being consumed, and re-read for every retry and redirect.
func (b *requestBody) editRequest(_ context.Context, req *http.Request) error {
	rc, err := b.open()
	if err != nil {
		return err
	}
	if req.Body != nil {
		_ = req.Body.Close()
	}
	req.Body = rc
	req.GetBody = b.open
	req.ContentLength = int64(rc.(*bodyReader).len())
	return nil
}

// open returns a new reader over the body; it has the shape of http.Request.GetBody.
func (b *requestBody) open() (io.ReadCloser, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.buf == nil {
		return nil, errBodyReleased
	}
	b.refs++
	return &bodyReader{owner: b, data: *b.buf}, nil
}

// release drops the call's reference, once the call no longer needs the body. The buffer goes
// back to the pool now, or when the last reader is closed.
func (b *requestBody) release() {
	b.mu.Lock()
	defer b.mu.Unlock()
	if !b.released {
		b.released = true
		b.unref()
	}
}

// unref drops one reference; b.mu is held.
func (b *requestBody) unref() {
	b.refs--
	if b.refs > 0 {
		return
	}
	if cap(*b.buf) <= maxPooledBody {
		*b.buf = (*b.buf)[:0]
		bodyBuffers.Put(b.buf)
	}
	b.buf = nil
}

// bodyReader reads one requestBody. Close may come from another goroutine than Read (net/http
// closes request bodies from its connection goroutines), so a Close during a Read or WriteTo does
// not block: it marks the reader closed and the reference is dropped when that Read ends, never
// while bytes are still being copied out of the buffer.
type bodyReader struct {
	owner *requestBody
	data  []byte
	off   int
	// busy and closed are guarded by owner.mu.
	busy, closed bool
}

func (r *bodyReader) len() int { return len(r.data) }

// Read implements io.Reader.
func (r *bodyReader) Read(p []byte) (int, error) {
	if err := r.begin(); err != nil {
		return 0, err
	}
	n := copy(p, r.data[r.off:])
	r.off += n
	r.end()
	if n == 0 && len(p) > 0 {
		return 0, io.EOF
	}
	return n, nil
}

// WriteTo implements io.WriterTo, so that hashing the body for the signature reads the buffer in
// place rather than through a copy buffer, as it would a bytes.Reader.
func (r *bodyReader) WriteTo(w io.Writer) (int64, error) {
	if err := r.begin(); err != nil {
		return 0, err
	}
	n, err := w.Write(r.data[r.off:])
	if n > len(r.data)-r.off {
		n = len(r.data) - r.off
	}
	r.off += n
	r.end()
	if err == nil && r.off < len(r.data) {
		err = io.ErrShortWrite
	}
	return int64(n), err
}

// Close implements io.Closer; a second Close does nothing.
func (r *bodyReader) Close() error {
	r.owner.mu.Lock()
	defer r.owner.mu.Unlock()
	if r.closed {
		return nil
	}
	r.closed = true
	if !r.busy {
		r.owner.unref()
	}
	return nil
}

// begin marks the reader busy, so that a concurrent Close cannot free the buffer under it.
func (r *bodyReader) begin() error {
	r.owner.mu.Lock()
	defer r.owner.mu.Unlock()
	if r.closed {
		return http.ErrBodyReadAfterClose
	}
	r.busy = true
	return nil
}

// end drops the busy mark, and the reference of a Close that came during the read.
func (r *bodyReader) end() {
	r.owner.mu.Lock()
	defer r.owner.mu.Unlock()
	r.busy = false
	if r.closed {
		r.owner.unref()
	}
}
