package wrapper

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"unicode/utf8"
)

// APIError is a failure reported by DLI or by the API gateway in front of it: any non-2xx
// answer, and a 2xx answer whose body says `"is_success": false`. Match it with errors.As.
type APIError struct {
	// Operation is the spec's operationId, e.g. "CreateEnhancedConnection".
	Operation string
	// StatusCode is the HTTP status of the answer.
	StatusCode int
	// Code is the DLI or gateway error code (`error_code`, e.g. "DLI.0001", "APIGW.0301"),
	// empty when the body carried none.
	Code string
	// Message is `error_msg` (or `message` of an `is_success: false` answer).
	Message string
	// RequestID is the X-Request-Id header of the answer: quote it to the vendor's support.
	RequestID string
	// Body holds the raw answer, at most maxErrorBody bytes, when it was not a DLI error body
	// (a gateway's HTML page, say); nil otherwise.
	Body []byte
}

// maxErrorBody bounds what an APIError keeps of a body nobody could parse: enough to recognise
// a proxy's page, not enough to hold a large answer in every error value.
const maxErrorBody = 2048

// Error implements error. It names the operation, the status, the code and the request id, which
// is what someone reading a log needs to act or to open a ticket.
func (e *APIError) Error() string {
	var b strings.Builder
	b.WriteString("dli: ")
	b.WriteString(e.Operation)
	fmt.Fprintf(&b, ": HTTP %d", e.StatusCode)
	if e.Code != "" {
		b.WriteString(" ")
		b.WriteString(e.Code)
	}
	switch {
	case e.Message != "":
		b.WriteString(": ")
		b.WriteString(e.Message)
	case len(e.Body) > 0:
		b.WriteString(": ")
		b.WriteString(summarizeBody(e.Body))
	}
	if e.RequestID != "" {
		b.WriteString(" (request id ")
		b.WriteString(e.RequestID)
		b.WriteString(")")
	}
	return b.String()
}

// Temporary reports whether the same request may succeed if sent again later: throttling and
// the gateway's 502/503/504. Whether it is safe to send again is a separate question that only
// the operation's idempotency answers.
func (e *APIError) Temporary() bool { return retryableStatus(e.StatusCode) }

// IsNotFound reports whether err says that the connection (or another named object) does not
// exist. DLI answers a missing connection with HTTP 400 and DLI.0001 ("Connection ... does not
// exist." on OTC, "... is not exist" on HWC), and an unknown queue with DLI.0002, so the status
// alone cannot tell.
func IsNotFound(err error) bool {
	var e *APIError
	if !errors.As(err, &e) {
		return false
	}
	switch {
	case e.StatusCode == http.StatusNotFound:
		return true
	case e.Code == "DLI.0002" || e.Code == "DLI.0023":
		return true
	case e.Code == "DLI.0001":
		m := strings.ToLower(e.Message)
		return strings.Contains(m, "not exist") || strings.Contains(m, "does not exist")
	}
	return false
}

// IsThrottled reports whether err is a 429 from DLI or its gateway.
func IsThrottled(err error) bool {
	var e *APIError
	return errors.As(err, &e) && e.StatusCode == http.StatusTooManyRequests
}

// IsUnauthorized reports whether the credentials were refused (401, or 403 from the gateway):
// retrying will not help, fixing the AK/SK, token or clock will.
func IsUnauthorized(err error) bool {
	var e *APIError
	return errors.As(err, &e) && (e.StatusCode == http.StatusUnauthorized || e.StatusCode == http.StatusForbidden)
}

// errorBody is every shape of error body seen from DLI and its gateway: DLI's own
// error_code/error_msg, the gateway's code/message variant that the vendor SDK also accepts, and
// the success envelope of an `is_success: false` answer.
type errorBody struct {
	ErrorCode string `json:"error_code"`
	ErrorMsg  string `json:"error_msg"`
	Code      string `json:"code"`
	Message   string `json:"message"`
	IsSuccess *bool  `json:"is_success"`
}

// parseAPIError builds the APIError of an answer. It never fails: a body that is not JSON is
// kept (truncated) in Body, so that a proxy's HTML page still reaches the caller.
func parseAPIError(operation string, status int, header http.Header, body []byte) *APIError {
	e := &APIError{Operation: operation, StatusCode: status}
	if header != nil {
		e.RequestID = header.Get("X-Request-Id")
	}
	var eb errorBody
	trimmed := bytes.TrimSpace(body)
	if len(trimmed) > 0 && trimmed[0] == '{' && json.Unmarshal(trimmed, &eb) == nil {
		e.Code = firstNonEmpty(eb.ErrorCode, eb.Code)
		e.Message = firstNonEmpty(eb.ErrorMsg, eb.Message)
		if e.Code != "" || e.Message != "" || eb.IsSuccess != nil {
			return e
		}
	}
	if len(trimmed) > 0 {
		if len(trimmed) > maxErrorBody {
			trimmed = trimmed[:maxErrorBody]
		}
		e.Body = append([]byte(nil), trimmed...)
	}
	return e
}

func firstNonEmpty(values ...string) string {
	for _, v := range values {
		if v != "" {
			return v
		}
	}
	return ""
}

// summarizeBody turns an unparsed body into one short line for Error(): the <title> of an HTML
// page when there is one, else the first bytes with whitespace collapsed.
func summarizeBody(body []byte) string {
	s := string(body)
	// Lower only ASCII letters: strings.ToLower turns each invalid UTF-8 byte into a 3-byte
	// U+FFFD, and an index into its result would not be an index into s (found by fuzzing).
	lower := string(appendLower(make([]byte, 0, len(s)), s))
	if i := strings.Index(lower, "<title>"); i >= 0 {
		start := i + len("<title>")
		if j := strings.Index(lower[start:], "</title>"); j >= 0 {
			return "HTML page: " + strings.TrimSpace(s[start:start+j])
		}
	}
	s = strings.Join(strings.Fields(s), " ")
	const max = 120
	if len(s) > max {
		cut := max
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		s = s[:cut] + "..."
	}
	return s
}
