package decode

import (
	"errors"
	"fmt"
	"reflect"
	"strconv"
	"strings"

	"github.com/dli-openapi/enhanced-connections/bench/internal/fixture"
	"github.com/dli-openapi/enhanced-connections/gen"
)

// Answer says which generated type a case decodes into.
type Answer int

// The two answers of the study.
const (
	List Answer = iota // gen.ListEnhancedConnectionsResponse
	Show               // gen.ShowEnhancedConnectionResponse
)

// Case is one input of the agreement table.
type Case struct {
	Name   string
	Answer Answer
	Input  []byte
	// Documented cases are the answers the benchmarks decode: every decoder must agree on them.
	Documented bool
	// Std says what encoding/json does with Input; std checks it (the tests run it), so that
	// the table's descriptions stay true.
	Std string
	std func(o Outcome) error
}

// CheckStd reports whether o, encoding/json's outcome, is what c.Std says.
func (c Case) CheckStd(o Outcome) error {
	if c.std == nil {
		return nil
	}
	return c.std(o)
}

// Documented returns the documented answers: the list at every size of fixture.ListSizes and
// the show answer.
func Documented() ([]Case, error) {
	var cases []Case
	for _, n := range fixture.ListSizes {
		b, err := fixture.ListAnswer(n)
		if err != nil {
			return nil, err
		}
		cases = append(cases, Case{Name: "list" + strconv.Itoa(n), Answer: List, Input: b, Documented: true,
			Std: fmt.Sprintf("%d connections", n), std: wantConnections(n)})
	}
	b, err := fixture.ShowAnswer()
	if err != nil {
		return nil, err
	}
	cases = append(cases, Case{Name: "show", Answer: Show, Input: b, Documented: true,
		Std: "2 hosts", std: func(o Outcome) error {
			if o.Err != nil || len(o.Show().Hosts) != fixture.ShowHosts {
				return fmt.Errorf("want %d hosts, got %v", fixture.ShowHosts, o)
			}
			return nil
		}})
	return cases, nil
}

// Edge returns the edge cases: inputs on which JSON libraries are known to part from
// encoding/json.
func Edge() []Case {
	return []Case{
		{Name: "case-insensitive keys", Answer: List, Input: []byte(`{"IS_SUCCESS":true,"Count":3}`),
			Std: "matches keys case-insensitively: is_success true, count 3", std: func(o Outcome) error {
				l := o.List()
				return want(o.Err == nil && l.IsSuccess != nil && *l.IsSuccess && l.Count == 3, o)
			}},
		{Name: "duplicate key", Answer: List, Input: []byte(`{"count":1,"count":2}`),
			Std: "the last wins: count 2", std: wantCount(2)},
		{Name: "duplicate key in another case", Answer: List, Input: []byte(`{"count":1,"COUNT":2}`),
			Std: "the last wins: count 2", std: wantCount(2)},
		{Name: "key matching only by Unicode folding (ſ for s)", Answer: Show, Input: []byte(`{"\u017ftatus":"ACTIVE"}`),
			Std: "matches status", std: wantStatus("ACTIVE")},
		{Name: "key matching only by Unicode folding (K, the Kelvin sign)", Answer: List, Input: []byte("{\"count\":1,\"\u212aount\":2}"),
			Std: "ignores it: count 1", std: wantCount(1)},
		{Name: "invalid UTF-8 in a string", Answer: Show, Input: []byte("{\"name\":\"a\xffb\"}"),
			Std: "replaces the byte with U+FFFD", std: wantName("a\uFFFDb")},
		{Name: "lone surrogate escape", Answer: Show, Input: []byte(`{"name":"\ud800x"}`),
			Std: "replaces it with U+FFFD", std: wantName("\uFFFDx")},
		{Name: "surrogate pair escape", Answer: Show, Input: []byte(`{"name":"\ud83d\ude00"}`),
			Std: "decodes U+1F600", std: wantName("\U0001F600")},
		{Name: "high surrogate before a non-surrogate escape", Answer: Show, Input: []byte(`{"name":"\ud800\u0041"}`),
			Std: "U+FFFD then A", std: wantName("\uFFFDA")},
		{Name: "invalid escape", Answer: Show, Input: []byte(`{"name":"a\xb"}`),
			Std: "refuses", std: wantError},
		{Name: "escaped NUL", Answer: Show, Input: []byte(`{"name":"a\u0000b"}`),
			Std: "decodes a NUL byte", std: wantName("a\x00b")},
		{Name: "raw control character in a string", Answer: Show, Input: []byte("{\"name\":\"a\x01b\"}"),
			Std: "refuses", std: wantError},
		{Name: "trailing garbage", Answer: List, Input: []byte(`{"count":1} x`),
			Std: "refuses", std: wantError},
		{Name: "a second value", Answer: List, Input: []byte(`{"count":1}{"count":2}`),
			Std: "refuses", std: wantError},
		{Name: "fraction into int64", Answer: Show, Input: []byte(`{"create_time":1566888011125.5}`),
			Std: "refuses", std: wantError},
		{Name: "exponent into int64", Answer: Show, Input: []byte(`{"create_time":1e3}`),
			Std: "refuses", std: wantError},
		{Name: "int32 overflow", Answer: List, Input: []byte(`{"count":2147483648}`),
			Std: "refuses", std: wantError},
		{Name: "int64 overflow", Answer: Show, Input: []byte(`{"create_time":9223372036854775808}`),
			Std: "refuses", std: wantError},
		{Name: "string for a number", Answer: List, Input: []byte(`{"count":"1"}`),
			Std: "refuses", std: wantError},
		{Name: "leading zero", Answer: List, Input: []byte(`{"count":01}`),
			Std: "refuses", std: wantError},
		{Name: "syntax error in an unknown field", Answer: List, Input: []byte(`{"unknown":[1,,2],"count":1}`),
			Std: "refuses", std: wantError},
		{Name: "bad literal in an unknown field", Answer: List, Input: []byte(`{"unknown":tru,"count":1}`),
			Std: "refuses", std: wantError},
		{Name: "trailing comma in an object", Answer: List, Input: []byte(`{"count":1,}`),
			Std: "refuses", std: wantError},
		{Name: "trailing comma in an array", Answer: List, Input: []byte(`{"connections":[{},]}`),
			Std: "refuses", std: wantError},
		{Name: "truncated input", Answer: List, Input: []byte(`{"count":1`),
			Std: "refuses", std: wantError},
		{Name: "fraction into int32", Answer: List, Input: []byte(`{"count":1.0}`),
			Std: "refuses", std: wantError},
		{Name: "negative zero into int64", Answer: Show, Input: []byte(`{"create_time":-0}`),
			Std: "decodes 0", std: func(o Outcome) error {
				sh := o.Show()
				return want(o.Err == nil && sh.CreateTime == 0, o)
			}},
		{Name: "string for a bool", Answer: List, Input: []byte(`{"is_success":"true"}`),
			Std: "refuses", std: wantError},
		{Name: "nesting 5,000 deep in an unknown field", Answer: List, Input: nested(5000),
			Std: "accepts: count 1", std: wantCount(1)},
		{Name: "nesting 10,001 deep in an unknown field", Answer: List, Input: nested(10001),
			Std: "refuses (its depth limit is 10,000)", std: wantError},
		{Name: "UTF-8 byte order mark", Answer: List, Input: []byte("\xef\xbb\xbf{\"count\":1}"),
			Std: "refuses", std: wantError},
		{Name: "null array element", Answer: List, Input: []byte(`{"connections":[null]}`),
			Std: "one zero connection", std: func(o Outcome) error {
				l := o.List()
				return want(o.Err == nil && len(l.Connections) == 1 && reflect.ValueOf(l.Connections[0]).IsZero(), o)
			}},
		{Name: "empty input", Answer: List, Input: []byte{},
			Std: "refuses", std: wantError},
	}
}

// nested is a list answer whose unknown field x holds arrays depth deep.
func nested(depth int) []byte {
	return []byte(`{"x":` + strings.Repeat("[", depth) + strings.Repeat("]", depth) + `,"count":1}`)
}

func wantStatus(s gen.ConnectionStatus) func(Outcome) error {
	return func(o Outcome) error {
		sh := o.Show()
		return want(o.Err == nil && sh.Status == s, o)
	}
}

func want(ok bool, o Outcome) error {
	if !ok {
		return fmt.Errorf("unexpected outcome %v", o)
	}
	return nil
}

func wantError(o Outcome) error {
	if o.Err == nil {
		return fmt.Errorf("accepted, want an error: %v", o)
	}
	return nil
}

func wantCount(n int32) func(Outcome) error {
	return func(o Outcome) error {
		l := o.List()
		return want(o.Err == nil && l.Count == n, o)
	}
}

func wantConnections(n int) func(Outcome) error {
	return func(o Outcome) error {
		l := o.List()
		return want(o.Err == nil && len(l.Connections) == n && int(l.Count) == n, o)
	}
}

func wantName(s string) func(Outcome) error {
	return func(o Outcome) error {
		sh := o.Show()
		return want(o.Err == nil && sh.Name == s, o)
	}
}

// Outcome is what one decoder made of one input: the decoded value, or the error (a panic is
// an error too).
type Outcome struct {
	Value any // *gen.ListEnhancedConnectionsResponse or *gen.ShowEnhancedConnectionResponse
	Err   error
}

// List is the decoded list answer (zero if the case decodes a show answer).
func (o Outcome) List() *gen.ListEnhancedConnectionsResponse {
	if v, ok := o.Value.(*gen.ListEnhancedConnectionsResponse); ok {
		return v
	}
	return &gen.ListEnhancedConnectionsResponse{}
}

// Show is the decoded show answer (zero if the case decodes a list answer).
func (o Outcome) Show() *gen.ShowEnhancedConnectionResponse {
	if v, ok := o.Value.(*gen.ShowEnhancedConnectionResponse); ok {
		return v
	}
	return &gen.ShowEnhancedConnectionResponse{}
}

// String shows the outcome briefly: the error, or the decoded value as encoding/json encodes it.
func (o Outcome) String() string {
	if o.Err != nil {
		return "error: " + o.Err.Error()
	}
	return "value " + brief(o.Value)
}

// ErrPanic wraps a panic of a decoder.
var ErrPanic = errors.New("decoder panicked")

// Run decodes c.Input with d into a fresh value.
func Run(d Decoder, c Case) (o Outcome) {
	defer func() {
		if r := recover(); r != nil {
			o.Err = fmt.Errorf("%w: %v", ErrPanic, r)
		}
	}()
	// The input is copied so that a decoder that keeps or changes its buffer cannot affect the
	// next one.
	in := append([]byte(nil), c.Input...)
	switch c.Answer {
	case List:
		v := &gen.ListEnhancedConnectionsResponse{}
		return Outcome{v, d.List(in, v)}
	default:
		v := &gen.ShowEnhancedConnectionResponse{}
		return Outcome{v, d.Show(in, v)}
	}
}

// clip keeps table cells short.
func clip(s string, n int) string {
	s = strings.ReplaceAll(s, "\n", " ")
	if len(s) > n {
		return s[:n] + "…"
	}
	return s
}
