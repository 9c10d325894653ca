package wrapper

import (
	"encoding/json"
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"sync"

	"github.com/dli-openapi/enhanced-connections/internal/schemacheck"
)

// ValidationError means the request broke the spec and was therefore not sent: retrying it
// unchanged cannot succeed, and no server state changed.
type ValidationError struct {
	Operation  string
	Violations []Violation
	// Omitted counts further violations that were found but not listed, so that an error
	// about a huge body stays small.
	Omitted int
}

// Violation is one broken rule, located precisely enough to fix the request.
type Violation struct {
	In      string // "path", "query", "header" or "body"
	Field   string // parameter name, or path inside the body such as "hosts[3].ip" ("" for the body itself)
	Rule    string // the JSON Schema keyword, e.g. "pattern", "maxItems", "required"
	Message string // what the rule asks, naming its limit; never the offending value
}

// errorListed bounds how many violations Error spells out; all are in Violations.
const errorListed = 5

// Error lists the first few violations on one line, e.g.
// `dli: CreateEnhancedConnection: invalid request: body hosts[3].ip: must be an IPv4 address such as 192.168.0.10 (format)`.
func (e *ValidationError) Error() string {
	var b strings.Builder
	b.WriteString("dli: ")
	b.WriteString(e.Operation)
	b.WriteString(": invalid request: ")
	for i, v := range e.Violations[:min(len(e.Violations), errorListed)] {
		if i > 0 {
			b.WriteString("; ")
		}
		b.WriteString(v.In)
		if v.Field != "" {
			b.WriteByte(' ')
			b.WriteString(v.Field)
		}
		b.WriteString(": ")
		b.WriteString(v.Message)
		b.WriteString(" (")
		b.WriteString(v.Rule)
		b.WriteByte(')')
	}
	if more := len(e.Violations) - errorListed + e.Omitted; more > 0 {
		b.WriteString("; and " + strconv.Itoa(more) + " more")
	}
	return b.String()
}

// validator checks requests against the spec before they are sent, so that an invalid request
// fails in the caller's process with the field and the rule, instead of as a vague DLI.0001
// after a round trip (or, worse, being accepted in a form the other cloud rejects). The checks
// come from rules generated from the spec at build time (no OpenAPI or YAML parsing at run
// time) and run over the generated request types directly, which costs less than json.Marshal of
// the body. An operation's checks are compiled on its first call, so that a program pays at
// start for none of them and later only for the operations it uses. It is safe for concurrent use.
type validator struct {
	compiler *schemacheck.Compiler
	byID     map[string]*schemacheck.Operation
	// mu serialises compiling: the compiler is not safe for concurrent use.
	mu sync.Mutex
	// cache maps an operationId to its *opChecks once compiled; read without the lock.
	cache sync.Map
}

// opChecks are the compiled checks of one operation.
type opChecks struct {
	id           string
	path         []pathParam
	named        *schemacheck.Params // query and header parameters
	body         *schemacheck.Schema
	bodyRequired bool
}

type pathParam struct {
	name   string
	schema *schemacheck.Schema
}

// maxViolations is how many violations one ValidationError lists.
const maxViolations = schemacheck.DefaultLimit

var reports = sync.Pool{New: func() any { return schemacheck.NewReport(maxViolations) }}

var sharedValidator struct {
	once sync.Once
	v    *validator
	err  error
}

// defaultValidator returns the validator of the embedded spec, shared by every client.
func defaultValidator() (*validator, error) {
	sharedValidator.once.Do(func() {
		rules, err := loadRules()
		if err != nil {
			sharedValidator.err = fmt.Errorf("dli: validator: %w", err)
			return
		}
		sharedValidator.v, sharedValidator.err = newValidator(rules)
	})
	return sharedValidator.v, sharedValidator.err
}

// newValidator indexes the operations of rules, which is only read; nothing is compiled yet.
func newValidator(rules *schemacheck.Rules) (*validator, error) {
	if rules == nil || len(rules.Operations) == 0 {
		return nil, fmt.Errorf("dli: validator: no operations in the rules")
	}
	v := &validator{compiler: schemacheck.NewCompiler(rules.Schemas),
		byID: make(map[string]*schemacheck.Operation, len(rules.Operations))}
	for i := range rules.Operations {
		op := &rules.Operations[i]
		if op.ID == "" {
			return nil, fmt.Errorf("dli: validator: %s %s has no operationId", op.Method, op.Path)
		}
		if _, dup := v.byID[op.ID]; dup {
			return nil, fmt.Errorf("dli: validator: operationId %s is used twice", op.ID)
		}
		v.byID[op.ID] = op
	}
	return v, nil
}

// checks returns the compiled checks of operationID, compiling them on first use.
func (v *validator) checks(operationID string) (*opChecks, error) {
	if c, ok := v.cache.Load(operationID); ok {
		return c.(*opChecks), nil
	}
	v.mu.Lock()
	defer v.mu.Unlock()
	if c, ok := v.cache.Load(operationID); ok {
		return c.(*opChecks), nil
	}
	op := v.byID[operationID]
	if op == nil {
		return nil, fmt.Errorf("dli: validate: unknown operation %q", operationID)
	}
	c, err := compileOperation(v.compiler, op)
	if err != nil {
		return nil, fmt.Errorf("dli: validator: %w", err)
	}
	v.cache.Store(operationID, c)
	return c, nil
}

func compileOperation(c *schemacheck.Compiler, op *schemacheck.Operation) (*opChecks, error) {
	out := &opChecks{id: op.ID}
	var named []schemacheck.Param
	for _, p := range op.Parameters {
		where := fmt.Sprintf("%s %s parameter %s", op.ID, p.In, p.Name)
		schema, err := c.Compile(p.Schema, where)
		if err != nil {
			return nil, err
		}
		switch p.In {
		case inPath:
			out.path = append(out.path, pathParam{name: p.Name, schema: schema})
		case inQuery, inHeader:
			named = append(named, schemacheck.Param{Name: p.Name, In: p.In, Required: p.Required, Schema: schema})
		default:
			return nil, fmt.Errorf("%s: parameters in %s are not supported", where, p.In)
		}
	}
	out.named = schemacheck.NewParams(named)
	if op.Body != nil {
		schema, err := c.Compile(op.Body, op.ID+" body")
		if err != nil {
			return nil, err
		}
		out.body, out.bodyRequired = schema, op.BodyRequired
	}
	return out, nil
}

// Parameter locations, as the spec names them.
const (
	inPath   = "path"
	inQuery  = "query"
	inHeader = "header"
)

// validate checks one request of operationID before it is sent. pathNames and pathValues are
// the path parameters, paired by position; params is the generated XxxParams struct or a pointer
// to it (nil allowed), whose fields are matched to query and header parameters by their `form`
// or `json` names, a nil pointer field being an absent parameter; body is the generated request
// body value or a pointer to it (nil when the operation has none), judged as encoding/json would
// send it, or raw JSON as []byte or json.RawMessage.
//
// It returns a *ValidationError listing what breaks the spec, or another error when the
// operation is unknown or the arguments cannot be checked (a params field that matches no
// parameter, a body for an operation without one, a Go type with its own JSON encoding).
func (v *validator) validate(operationID string, pathNames, pathValues []string, params any, body any) error {
	op, err := v.checks(operationID)
	if err != nil {
		return err
	}
	r := reports.Get().(*schemacheck.Report)
	defer reports.Put(r)
	r.Reset(maxViolations)

	var ends [4]int // len(r.Violations) after the path, query, header and body checks
	for _, p := range op.path {
		found := false
		for i, name := range pathNames {
			if name == p.name && i < len(pathValues) {
				p.schema.CheckString(r, p.name, pathValues[i])
				found = true
				break
			}
		}
		if !found {
			r.Add(p.name, "required", "is required")
		}
	}
	ends[0] = len(r.Violations)
	for i, in := range []string{inQuery, inHeader} {
		if err := op.named.Check(r, params, in); err != nil {
			return fmt.Errorf("dli: %s: validate: %w", operationID, err)
		}
		ends[1+i] = len(r.Violations)
	}
	if err := op.checkBody(r, body); err != nil {
		return err
	}
	ends[3] = len(r.Violations)
	if r.Err != nil {
		return fmt.Errorf("dli: %s: validate: %w", operationID, r.Err)
	}
	if !r.Failed() {
		return nil
	}
	e := &ValidationError{Operation: operationID, Omitted: r.Omitted, Violations: make([]Violation, len(r.Violations))}
	in := [4]string{"path", "query", "header", "body"}
	section := 0
	for i, sv := range r.Violations {
		for i >= ends[section] {
			section++
		}
		e.Violations[i] = Violation{In: in[section], Field: sv.Path, Rule: sv.Rule, Message: sv.Message}
	}
	return e
}

func (op *opChecks) checkBody(r *schemacheck.Report, body any) error {
	if isNilValue(body) {
		if op.body != nil && op.bodyRequired {
			r.Add("", "required", "a request body is required")
		}
		return nil
	}
	if op.body == nil {
		return fmt.Errorf("dli: %s: validate: the operation takes no request body, got %T", op.id, body)
	}
	var raw []byte
	switch b := body.(type) {
	case json.RawMessage:
		raw = b
	case []byte:
		raw = b
	default:
		op.body.Check(r, "", body)
		return nil
	}
	var decoded any
	if err := json.Unmarshal(raw, &decoded); err != nil {
		r.Add("", "type", "must be JSON")
		return nil
	}
	op.body.Check(r, "", decoded)
	return nil
}

// isNilValue reports whether v is nil or a nil pointer: no value at all.
func isNilValue(v any) bool {
	if v == nil {
		return true
	}
	rv := reflect.ValueOf(v)
	return rv.Kind() == reflect.Pointer && rv.IsNil()
}

// Validate checks one request of operationID against the spec as a Client does before sending
// it, without sending anything: for tools that check input ahead of time (a plan, a CI step).
// pathParams maps path parameter names to values (project_id included); params is the
// operation's generated XxxParams (or nil); body is its generated request body value, or raw JSON
// as []byte. It returns a *ValidationError naming each broken rule, or an error when the
// operation is unknown or the arguments cannot be checked.
func Validate(operationID string, pathParams map[string]string, params, body any) error {
	v, err := defaultValidator()
	if err != nil {
		return err
	}
	names := make([]string, 0, len(pathParams))
	values := make([]string, 0, len(pathParams))
	for name, value := range pathParams {
		names, values = append(names, name), append(values, value)
	}
	return v.validate(operationID, names, values, params, body)
}
