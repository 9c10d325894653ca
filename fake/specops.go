package fake

import (
	"fmt"
	"strings"
	"sync"

	"github.com/dli-openapi/enhanced-connections/internal/schemacheck"
	"github.com/dli-openapi/enhanced-connections/internal/specrules"
)

// The fake routes and validates with the spec's request rules as Go (internal/specrules), the
// rules the wrapper validates with, compiled once per process when the first Server is built.
// It links no OpenAPI, YAML or JSON Schema library: a program that embeds the fake (edsconn)
// pays nothing for it at start, and nothing until it builds a Server. Its tests keep
// kin-openapi as a second opinion on the same requests (validate_kin_test.go).

// specOps are the operations of the spec, ready to route and check requests. They are only read
// once built, as one Server's many goroutines and many Servers do.
type specOps struct {
	ops        []*specOp
	operations map[string]bool // operationIds of the spec
}

// specOp is one operation: its path template as segments, and its compiled checks.
type specOp struct {
	id, method string
	segments   []pathSegment
	literals   int // literal segments: of two templates that match, the one with more wins
	path       []checkedParam
	named      []checkedParam // query and header parameters, in the spec's order
	body       *schemacheck.Schema
	bodyReq    bool
}

// pathSegment is a literal segment of a path template, or a parameter ("{name}").
type pathSegment struct {
	literal, param string
}

// checkedParam is one parameter with its compiled schema; kind is its type, which says how
// the text of a query or header value is read ("string", "integer", "number", "boolean").
type checkedParam struct {
	name, in, kind string
	required       bool
	schema         *schemacheck.Schema
}

// sharedSpecOps is built on the first New of a Server: compiling every operation's checks
// takes about a millisecond, paid once per process and never by one that builds no Server.
var sharedSpecOps = sync.OnceValues(func() (*specOps, error) { return newSpecOps(specrules.Rules()) })

// newSpecOps compiles the rules. A parameter of a type the fake cannot read from text, or in
// a place it does not check, is an error, so that no rule of the spec is silently skipped.
func newSpecOps(rules *schemacheck.Rules) (*specOps, error) {
	c := schemacheck.NewCompiler(rules.Schemas)
	s := &specOps{operations: make(map[string]bool, len(rules.Operations))}
	for i := range rules.Operations {
		op := &rules.Operations[i]
		so := &specOp{id: op.ID, method: op.Method}
		for _, seg := range strings.Split(strings.TrimPrefix(op.Path, "/"), "/") {
			if name, ok := strings.CutPrefix(seg, "{"); ok {
				so.segments = append(so.segments, pathSegment{param: strings.TrimSuffix(name, "}")})
				continue
			}
			so.segments = append(so.segments, pathSegment{literal: seg})
			so.literals++
		}
		for _, p := range op.Parameters {
			schema, err := c.Compile(p.Schema, op.ID+" "+p.In+" parameter "+p.Name)
			if err != nil {
				return nil, fmt.Errorf("fake: %w", err)
			}
			kind, err := paramKind(rules, p)
			if err != nil {
				return nil, fmt.Errorf("fake: %s: %w", op.ID, err)
			}
			cp := checkedParam{name: p.Name, in: p.In, kind: kind, required: p.Required, schema: schema}
			switch p.In {
			case "path":
				so.path = append(so.path, cp)
			case "query", "header":
				so.named = append(so.named, cp)
			default:
				return nil, fmt.Errorf("fake: %s: parameters in %s are not checked", op.ID, p.In)
			}
		}
		if op.Body != nil {
			schema, err := c.Compile(op.Body, op.ID+" body")
			if err != nil {
				return nil, fmt.Errorf("fake: %w", err)
			}
			so.body, so.bodyReq = schema, op.BodyRequired
		}
		s.ops = append(s.ops, so)
		s.operations[op.ID] = true
	}
	return s, nil
}

// paramKind is the type of a parameter's schema (following a $ref), which must be one whose
// values the fake reads from text.
func paramKind(rules *schemacheck.Rules, p schemacheck.Parameter) (string, error) {
	n := p.Schema
	for range 64 { // Compile has refused an unresolved or endless $ref chain already
		if n == nil || n.Ref == "" {
			break
		}
		n = rules.Schemas[n.Ref]
	}
	if n == nil || len(n.Type) != 1 {
		return "", fmt.Errorf("%s parameter %s: a parameter needs exactly one type", p.In, p.Name)
	}
	switch k := n.Type[0]; k {
	case "string", "integer", "number", "boolean":
		return k, nil
	default:
		return "", fmt.Errorf("%s parameter %s: type %s is not read from text", p.In, p.Name, k)
	}
}

// route finds the operation of method and the escaped path, and its path parameters. Of the
// templates the path matches, the one with the most literal segments wins, as "/tags" beats
// "/{connection_id}". pathKnown reports a path that matched some template under another method.
// Segments are compared and checked as sent, escapes included, as the API gateway sees them: a
// connection id spelled with a percent escape is refused by its pattern, not decoded.
func (s *specOps) route(method, escapedPath string) (op *specOp, params map[string]string, pathKnown bool) {
	segs := strings.Split(strings.TrimPrefix(escapedPath, "/"), "/")
	for _, cand := range s.ops {
		if len(cand.segments) != len(segs) || (op != nil && cand.literals <= op.literals) {
			continue
		}
		values, ok := cand.match(segs)
		if !ok {
			continue
		}
		if cand.method != method {
			pathKnown = true
			continue
		}
		op, params = cand, values
	}
	return op, params, pathKnown
}

// match matches the segments of a request path against op's template.
func (op *specOp) match(segs []string) (map[string]string, bool) {
	var values map[string]string
	for i, t := range op.segments {
		switch seg := segs[i]; {
		case t.param == "":
			if seg != t.literal {
				return nil, false
			}
		case seg == "":
			return nil, false
		default:
			if values == nil {
				values = make(map[string]string, len(op.path))
			}
			values[t.param] = seg
		}
	}
	return values, true
}
