package fake

import (
	"encoding/json"
	"io"
	"mime"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"

	"github.com/dli-openapi/enhanced-connections/internal/schemacheck"
)

// validateStage refuses a request the spec does not allow with 400 DLI.0001 and a message
// "<field>: <reason>", before the generated router decodes it. It checks, in this order, and
// stops at the first broken rule: the path parameters, the query and header parameters, then
// the body (its Content-Type, its presence, its JSON, its schema). The field is a parameter's
// name, "Content-Type", "body", or a JSON pointer into the body such as "hosts/3/ip"; the
// reason never quotes the value.
func (s *Server) validateStage(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		m := infoFrom(r.Context()).route
		if m == nil { // not behind routingStage: nothing to validate against
			next.ServeHTTP(w, r)
			return
		}
		if field, reason, ok := m.op.check(r, m.pathParams); !ok {
			writeError(w, http.StatusBadRequest, codeParameter, field+": "+reason)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// reports are reused between requests; each keeps one violation, the one the answer names.
var reports = sync.Pool{New: func() any { return schemacheck.NewReport(1) }}

// check validates r against op; pathParams are those routing found.
func (op *specOp) check(r *http.Request, pathParams map[string]string) (field, reason string, ok bool) {
	rep := reports.Get().(*schemacheck.Report)
	defer reports.Put(rep)
	rep.Reset(1)
	for _, p := range op.path {
		v, found := pathParams[p.name]
		if !found {
			return p.name, "is required", false
		}
		p.schema.CheckString(rep, p.name, v)
		if rep.Failed() {
			return p.name, firstReason(rep), false
		}
	}
	var query url.Values
	for _, p := range op.named {
		var values []string
		if p.in == "query" {
			if query == nil {
				query = r.URL.Query()
			}
			values = query[p.name]
		} else {
			values = r.Header.Values(p.name)
		}
		if len(values) == 0 {
			if p.required {
				return p.name, "is required", false
			}
			continue
		}
		if reason, ok := p.checkText(rep, values[0]); !ok {
			return p.name, reason, false
		}
	}
	if op.body == nil {
		return "", "", true
	}
	return op.checkBody(rep, r)
}

// checkText reads one parameter value as its type says and checks it.
func (p *checkedParam) checkText(rep *schemacheck.Report, text string) (reason string, ok bool) {
	var v any
	switch p.kind {
	case "string":
		p.schema.CheckString(rep, p.name, text)
		if rep.Failed() {
			return firstReason(rep), false
		}
		return "", true
	case "integer":
		n, err := strconv.ParseInt(text, 10, 64)
		if err != nil {
			return "must be an integer", false
		}
		v = float64(n)
	case "number":
		f, err := strconv.ParseFloat(text, 64)
		if err != nil {
			return "must be a number", false
		}
		v = f
	case "boolean":
		b, err := strconv.ParseBool(text)
		if err != nil {
			return "must be true or false", false
		}
		v = b
	}
	p.schema.Check(rep, p.name, v)
	if rep.Failed() {
		return firstReason(rep), false
	}
	return "", true
}

// checkBody checks the body the body stage read (and made replayable): a JSON media type, then
// present when required, then JSON, then the schema.
func (op *specOp) checkBody(rep *schemacheck.Report, r *http.Request) (field, reason string, ok bool) {
	data, err := replayBody(r)
	if err != nil {
		return "body", "cannot be read", false
	}
	if len(data) == 0 {
		if op.bodyReq {
			return "body", "a request body is required", false
		}
		return "", "", true
	}
	if mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type")); err != nil || mt != "application/json" {
		return "Content-Type", "must be application/json", false
	}
	var decoded any
	if err := json.Unmarshal(data, &decoded); err != nil {
		return "body", "is not valid JSON", false
	}
	op.body.Check(rep, "", decoded)
	if !rep.Failed() {
		return "", "", true
	}
	if len(rep.Violations) == 0 || rep.Violations[0].Path == "" {
		return "body", firstReason(rep), false
	}
	return jsonPointer(rep.Violations[0].Path), firstReason(rep), false
}

// replayBody returns the body without consuming it: the body stage set GetBody, and a request
// that did not pass it (a handler mounted elsewhere) is read and put back.
func replayBody(r *http.Request) ([]byte, error) {
	if r.Body == nil || r.Body == http.NoBody {
		return nil, nil
	}
	if r.GetBody != nil {
		rc, err := r.GetBody()
		if err != nil {
			return nil, err
		}
		defer rc.Close()
		return io.ReadAll(rc)
	}
	data, err := io.ReadAll(r.Body)
	_ = r.Body.Close()
	r.Body = io.NopCloser(strings.NewReader(string(data)))
	return data, err
}

// firstReason is the message of the report's first violation.
func firstReason(rep *schemacheck.Report) string {
	switch {
	case len(rep.Violations) > 0:
		return rep.Violations[0].Message
	case rep.Err != nil:
		return "cannot be checked"
	}
	return "breaks the spec"
}

// jsonPointer turns a violation's path ("hosts[3].ip") into the JSON pointer form the fake's
// answers use ("hosts/3/ip"), kin-openapi's form, which clients of the fake already parse.
func jsonPointer(path string) string {
	var b strings.Builder
	for i := 0; i < len(path); i++ {
		switch c := path[i]; c {
		case '.', '[':
			if b.Len() > 0 {
				b.WriteByte('/')
			}
		case ']':
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}
