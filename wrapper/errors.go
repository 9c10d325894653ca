package wrapper

import (
	"bytes"
	"encoding/json"
	"errors"
	"net/http"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Every error this package returns starts with "dli: " and, for a call, the operationId.

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
	// Message is `error_msg` (or `message` of an `is_success: false` answer), at most
	// maxErrorText bytes.
	Message string
	// RequestID is the X-Request-Id header of the answer: quote it to the vendor's support.
	RequestID string
	// Body holds the raw answer, at most maxErrorText bytes, when it was not a DLI error body
	// (a gateway's HTML page, say); nil otherwise.
	Body []byte
}

// maxErrorText bounds what an error keeps of text from the network: enough to recognise a
// proxy's page or read a DLI message, not enough to hold a large answer in every error value.
const maxErrorText = 2048

// Error implements error. It names the operation, the status, the code and the request id, which
// is what someone reading a log needs to act or to open a ticket.
func (e *APIError) Error() string {
	var b strings.Builder
	b.WriteString("dli: ")
	b.WriteString(e.Operation)
	b.WriteString(": HTTP ")
	b.WriteString(strconv.Itoa(e.StatusCode))
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
	writeRequestID(&b, e.RequestID)
	return b.String()
}

func writeRequestID(b *strings.Builder, id string) {
	if id != "" {
		b.WriteString(" (request id ")
		b.WriteString(id)
		b.WriteString(")")
	}
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

// RedirectError says that the server answered with a redirect. DLI never redirects; following
// one would send the credentials, and for 307 and 308 the body, to wherever the answer points,
// so the call ends here instead.
type RedirectError struct {
	Operation  string
	StatusCode int
	// Location is the redirect's target, as the server sent it.
	Location  string
	RequestID string
}

// Error implements error.
func (e *RedirectError) Error() string {
	var b strings.Builder
	b.WriteString("dli: ")
	b.WriteString(e.Operation)
	b.WriteString(": HTTP ")
	b.WriteString(strconv.Itoa(e.StatusCode))
	b.WriteString(": refusing to follow a redirect to ")
	b.WriteString(strconv.Quote(e.Location))
	b.WriteString(" (DLI never redirects: check the endpoint)")
	writeRequestID(&b, e.RequestID)
	return b.String()
}

// ErrAnswerTooLarge is wrapped by the *InvalidAnswerError of an answer longer than
// Config.MaxAnswerBytes.
var ErrAnswerTooLarge = errors.New("answer larger than the limit (Config.MaxAnswerBytes)")

// InvalidAnswerError says that an answer is not what the operation promises: a body that is
// empty, not JSON, not an object, lacks a field the spec requires (a create without its
// connection_id), has a field of the wrong type, or is too large. The call has failed; for a
// call that changes state the change may still have happened on the server.
type InvalidAnswerError struct {
	Operation  string
	StatusCode int
	RequestID  string
	// Field is the answer's field the problem is in, e.g. "connection_id" or
	// "connections[3].create_time"; empty for the answer as a whole.
	Field string
	// Reason says what is wrong, never quoting the answer.
	Reason string
	// Err is the underlying error, e.g. ErrAnswerTooLarge.
	Err error
}

// Error implements error.
func (e *InvalidAnswerError) Error() string {
	var b strings.Builder
	b.WriteString("dli: ")
	b.WriteString(e.Operation)
	b.WriteString(": HTTP ")
	b.WriteString(strconv.Itoa(e.StatusCode))
	b.WriteString(": invalid answer: ")
	if e.Field != "" {
		b.WriteString(e.Field)
		b.WriteString(": ")
	}
	b.WriteString(e.Reason)
	writeRequestID(&b, e.RequestID)
	return b.String()
}

// Unwrap returns the underlying error.
func (e *InvalidAnswerError) Unwrap() error { return e.Err }

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
// kept (scrubbed, then truncated) in Body, so that a proxy's HTML page still reaches the caller.
// Everything taken from the answer is scrubbed of the client's secrets before it is cut to
// size, so that a cut cannot leave part of a secret unrecognised.
func parseAPIError(operation string, status int, header http.Header, body []byte, s *scrubber) *APIError {
	e := &APIError{Operation: operation, StatusCode: status}
	if header != nil {
		e.RequestID = keepText(s, header.Get("X-Request-Id"))
	}
	var eb errorBody
	trimmed := bytes.TrimSpace(body)
	if len(trimmed) > 0 && trimmed[0] == '{' && json.Unmarshal(trimmed, &eb) == nil {
		e.Code = keepText(s, firstNonEmpty(eb.ErrorCode, eb.Code))
		e.Message = keepText(s, firstNonEmpty(eb.ErrorMsg, eb.Message))
		if e.Code != "" || e.Message != "" || eb.IsSuccess != nil {
			return e
		}
	}
	if len(trimmed) > 0 {
		e.Body = []byte(keepText(s, string(trimmed[:min(len(trimmed), scrubWindow)])))
	}
	return e
}

// scrubWindow is how much of a text is scrubbed before it is cut to maxErrorText: enough beyond
// the cut for a secret that straddles it, written with every character escaped, to be seen whole.
const scrubWindow = maxErrorText + 16<<10

// keepText scrubs text of secrets and cuts it to maxErrorText bytes on a rune boundary.
func keepText(s *scrubber, text string) string {
	text = s.scrub(text[:min(len(text), scrubWindow)])
	if len(text) <= maxErrorText {
		return text
	}
	cut := maxErrorText
	for cut > 0 && !utf8.RuneStart(text[cut]) {
		cut--
	}
	return text[:cut]
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
	lower := string(appendLowerASCII(make([]byte, 0, len(s)), s))
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

// appendLowerASCII appends s with only the ASCII letters lowered, so indexes stay indexes of s.
func appendLowerASCII(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		b = append(b, c)
	}
	return b
}
