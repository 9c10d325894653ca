package main

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"sync"

	"github.com/dli-openapi/enhanced-connections/wrapper"
)

// answerLog keeps the body of the last successful answer, as the server sent it, so that the CLI
// prints the API's answer and not its Go form: the generated types drop a 0 or an empty list
// through omitempty (`tags-count` printed {} where the service sent {"total_count": 0, ...}).
// The wrapper still decodes and checks every answer; this only keeps its bytes.
type answerLog struct {
	mu   sync.Mutex
	last []byte
}

// middleware records the body of every 2xx answer and hands the client an equal body. It reads
// at most the client's answer limit and one byte more, so that a longer answer still fails in
// the client with wrapper.ErrAnswerTooLarge.
func (a *answerLog) middleware(req *http.Request, next wrapper.Next) (*http.Response, error) {
	resp, err := next(req)
	if err != nil || resp.StatusCode/100 != 2 || resp.Body == nil {
		return resp, err
	}
	var buf bytes.Buffer
	_, readErr := io.Copy(&buf, io.LimitReader(resp.Body, wrapper.DefaultMaxAnswerBytes+1))
	resp.Body = struct {
		io.Reader
		io.Closer
	}{io.MultiReader(bytes.NewReader(buf.Bytes()), resp.Body), resp.Body}
	a.mu.Lock()
	a.last = nil
	if readErr == nil {
		a.last = bytes.Clone(buf.Bytes())
	}
	a.mu.Unlock()
	return resp, nil
}

// take returns the last answer recorded and forgets it.
func (a *answerLog) take() []byte {
	a.mu.Lock()
	defer a.mu.Unlock()
	b := a.last
	a.last = nil
	return b
}

// rawAnswer is an answer as the server sent it, which print writes as indented JSON.
type rawAnswer []byte

// decodeAnswer is a raw answer as encoding/json sees it, numbers kept exact.
func decodeAnswer(raw []byte) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, err
	}
	return v, nil
}
