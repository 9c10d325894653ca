package fake

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"time"
)

// maxPlatformBody bounds the body of a platform request: an id token is a few kilobytes.
const maxPlatformBody = 64 << 10

// errPlatformBodyTooLarge is readPlatformBody's refusal of a body over maxPlatformBody.
var errPlatformBodyTooLarge = errors.New("the request body is larger than 64 KiB")

// readPlatformBody reads the small JSON body of a platform request within
// Options.ReadBodyTimeout, and decodes it into v, refusing data after the value. These bodies
// skip the DLI body stage (its budget is for DLI's bodies of up to 12 MB); the bound keeps
// them small instead.
func (s *Server) readPlatformBody(w http.ResponseWriter, r *http.Request, v any) error {
	_ = http.NewResponseController(w).SetReadDeadline(time.Now().Add(s.opts.ReadBodyTimeout))
	body, err := io.ReadAll(io.LimitReader(r.Body, maxPlatformBody+1))
	if err != nil {
		return errors.New("cannot read the request body")
	}
	if len(body) > maxPlatformBody {
		w.Header().Set("Connection", "close") // the rest is unread
		return errPlatformBodyTooLarge
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	if err := dec.Decode(v); err != nil {
		return errors.New("the request body is not the expected JSON object")
	}
	if _, err := dec.Token(); err != io.EOF {
		return errors.New("unexpected data after the JSON value")
	}
	return nil
}
