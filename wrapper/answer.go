package wrapper

import (
	"io"
	"sync"
)

// DefaultMaxAnswerBytes is the answer size limit when Config.MaxAnswerBytes is 0: 16 MiB. The
// largest answer the spec allows for one connection is ShowEnhancedConnection with 20,000 hosts
// of 128-character names, about 3.3 MB; a list page of the default 100 connections is a few
// hundred KB unless the connections carry thousands of hosts each. 16 MiB leaves five times the
// largest show, and bounds what a broken or hostile server can make the client allocate (the
// buffer grows with what arrives, to at most twice the limit while it is copied).
const DefaultMaxAnswerBytes = 16 << 20

// maxPresize is the largest Content-Length readAnswer allocates for up front; a larger (or
// false) claim makes the buffer grow as the bytes arrive, so that a server cannot make the
// client allocate much before sending anything.
const maxPresize = 4 << 20

// maxPooledAnswer is the largest answer buffer kept for reuse: a list of 10,000 connections
// (about 4 MB) reuses its buffer, a rare larger answer leaves it to the garbage collector.
const maxPooledAnswer = 8 << 20

// answerBuffers recycles answer buffers. Nothing decoded from an answer points into its buffer
// (strings are copied out), so the buffer is free again once the answer is decoded.
var answerBuffers = sync.Pool{New: func() any { return new([]byte) }}

// readAnswer reads a whole answer body, at most limit bytes, into a pooled buffer, which the
// caller gives back with releaseAnswer. Past the limit it stops reading and returns
// ErrAnswerTooLarge; a Content-Length over the limit fails before anything is read. The body
// is not closed here.
func readAnswer(body io.Reader, contentLength, limit int64) (*[]byte, error) {
	if contentLength > limit {
		return nil, ErrAnswerTooLarge
	}
	bp := answerBuffers.Get().(*[]byte)
	b := (*bp)[:0]
	if contentLength >= 0 {
		// One byte more than announced, so that the read that finds the end grows nothing.
		if want := int(min(contentLength, maxPresize)) + 1; cap(b) < want {
			b = make([]byte, 0, want)
		}
	} else if cap(b) == 0 {
		b = make([]byte, 0, 512)
	}
	for {
		if len(b) == cap(b) {
			if int64(len(b)) > limit {
				*bp = b
				releaseAnswer(bp)
				return nil, ErrAnswerTooLarge
			}
			// Double, as append would, but never beyond one byte past the limit: that byte is how
			// a body of exactly the limit tells itself from a longer one.
			next := int64(2 * cap(b))
			if next >= limit {
				next = limit + 1
			}
			grown := make([]byte, len(b), int(next))
			copy(grown, b)
			b = grown
		}
		n, err := body.Read(b[len(b):cap(b)])
		b = b[:len(b)+n]
		if int64(len(b)) > limit {
			*bp = b
			releaseAnswer(bp)
			return nil, ErrAnswerTooLarge
		}
		if err != nil {
			*bp = b
			if err == io.EOF {
				return bp, nil
			}
			releaseAnswer(bp)
			return nil, err
		}
	}
}

// releaseAnswer gives an answer buffer back for reuse.
func releaseAnswer(bp *[]byte) {
	if bp == nil || cap(*bp) > maxPooledAnswer {
		return
	}
	*bp = (*bp)[:0]
	answerBuffers.Put(bp)
}
