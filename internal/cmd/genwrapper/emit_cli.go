package main

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
)

// emitCLI writes cmd/edsconn/commands.gen.go: one command descriptor per operation of the spec
// (its operationId, summary, description, positional arguments, query parameters, body and answer
// schemas) and the call of the wrapper's method. The CLI builds its flags, help, checks and
// tables from these descriptors at run time, so that a new operation or field gets its command
// and flag from go generate alone, and nothing in cmd/edsconn restates the spec.
//
// Schemas keep what the CLI needs and no more: types, enums, defaults, the integer range (of the
// format and of minimum/maximum, so that a flag can refuse 4294967297 for an int32 instead of
// sending it truncated), minItems (whether a required array may be sent empty), descriptions,
// deprecation, and properties in the spec's order, which is the order of help and of table
// columns. Everything else the wrapper validates before sending.
func emitCLI(doc *openapi3.T, ops []*opModel) ([]byte, error) {
	c := &cliEmitter{named: map[string]*openapi3.Schema{}, busy: map[string]bool{}}
	var e emitter
	e.b.WriteString(header)
	e.p("")
	e.p("package main")
	e.p("")
	e.p("import (")
	e.p("\t\"context\"")
	e.p("")
	e.p("\t\"github.com/dli-openapi/enhanced-connections/gen\"")
	e.p("\t\"github.com/dli-openapi/enhanced-connections/wrapper\"")
	e.p(")")
	e.p("")
	e.p("// specOperations lists every operation of the spec, by operationId: each is a command.")
	e.p("var specOperations = []*operation{")
	for _, op := range ops {
		e.p("\t&op%s,", op.ID)
	}
	e.p("}")
	for _, op := range ops {
		if err := c.operation(&e, doc, op); err != nil {
			return nil, fmt.Errorf("%s: %w", op.ID, err)
		}
	}
	// Writing a component finds the components it refers to: go on until none is new.
	lits := map[string]string{}
	for len(lits) < len(c.named) {
		for _, n := range sortedKeys(c.namedSet()) {
			if _, done := lits[n]; done {
				continue
			}
			lit, err := c.literal(c.named[n])
			if err != nil {
				return nil, fmt.Errorf("schema %s: %w", n, err)
			}
			lits[n] = lit
		}
	}
	for _, n := range sortedKeys(c.namedSet()) {
		e.p("")
		e.p("// schema%s is components/schemas/%s.", goIdent(n), n)
		e.p("var schema%s = &%s", goIdent(n), lits[n])
	}
	return e.source(), nil
}

// cliEmitter collects the component schemas the descriptors refer to, so that each is written
// once as a variable and shared, as in the spec.
type cliEmitter struct {
	named map[string]*openapi3.Schema
	// busy holds the inline schemas being written, to refuse a cycle (the CLI's descriptors are
	// plain values; a recursive schema would need pointers the generator does not write).
	busy map[string]bool
}

func (c *cliEmitter) namedSet() map[string]bool {
	set := make(map[string]bool, len(c.named))
	for n := range c.named {
		set[n] = true
	}
	return set
}

func (c *cliEmitter) operation(e *emitter, doc *openapi3.T, op *opModel) error {
	item := doc.Paths.Value(op.Path)
	spec := item.GetOperation(op.Method)
	e.p("")
	e.p("var op%s = operation{", op.ID)
	e.p("\tid:          %q,", op.ID)
	e.p("\tmethod:      %q,", op.Method)
	e.p("\tpath:        %q,", op.Path)
	e.p("\tsummary:     %q,", strings.TrimSpace(op.Summary))
	e.p("\tdescription: %q,", strings.TrimSpace(op.Description))
	if op.Deprecated {
		e.p("\tdeprecated:  true,")
	}
	e.p("\tidempotent:  %t,", op.Idempotent)
	if op.Recover != nil {
		e.p("\trecovered:   true,")
	}

	var args, callArgs []string
	for _, p := range op.PathParams[1:] {
		if p.Fixed != "" {
			continue // the wrapper fills it in
		}
		lit, err := c.paramLiteral(item, spec, openapi3.ParameterInPath, p.Name)
		if err != nil {
			return err
		}
		callArgs = append(callArgs, fmt.Sprintf("r.arg(%d)", len(args)))
		args = append(args, lit)
	}
	if len(args) > 0 {
		e.p("\targs: []param{")
		for _, a := range args {
			e.p("\t\t%s,", a)
		}
		e.p("\t},")
	}
	if len(op.QueryParams) > 0 {
		e.p("\tquery: []param{")
		for _, q := range op.QueryParams {
			lit, err := c.paramLiteral(item, spec, openapi3.ParameterInQuery, q.Name)
			if err != nil {
				return err
			}
			e.p("\t\t%s,", lit)
		}
		e.p("\t},")
	}
	if op.BodyType != "" {
		ref := spec.RequestBody.Value.Content.Get("application/json").Schema
		lit, err := c.ref(ref)
		if err != nil {
			return fmt.Errorf("request body: %w", err)
		}
		e.p("\tbody:         %s,", lit)
		e.p("\tbodyRequired: %t,", op.BodyRequired)
	}
	if !op.NoContent {
		resp := spec.Responses.Status(op.SuccessStatus)
		if resp == nil || resp.Value == nil || resp.Value.Content.Get("application/json") == nil {
			return fmt.Errorf("no application/json schema for the %d answer", op.SuccessStatus)
		}
		lit, err := c.ref(resp.Value.Content.Get("application/json").Schema)
		if err != nil {
			return fmt.Errorf("answer: %w", err)
		}
		e.p("\tanswer: %s,", lit)
	}

	e.p("\tcall: func(ctx context.Context, c *wrapper.Client, r *request) (any, error) {")
	if op.ParamsType != "" {
		e.p("\t\tvar params gen.%s", op.ParamsType)
		e.p("\t\tif err := r.decodeQuery(&params); err != nil {")
		e.p("\t\t\treturn nil, err")
		e.p("\t\t}")
		callArgs = append(callArgs, "&params")
	}
	if op.BodyType != "" {
		e.p("\t\tvar body gen.%s", op.BodyType)
		e.p("\t\tif err := r.decodeBody(&body); err != nil {")
		e.p("\t\t\treturn nil, err")
		e.p("\t\t}")
		callArgs = append(callArgs, "body")
	}
	if op.Deprecated {
		e.p("\t\t//lint:ignore SA1019 a deprecated operation is still in the spec, so it is still a command")
	}
	if op.NoContent {
		// The success has no body: the command prints an empty answer.
		e.p("\t\treturn noContent{}, c.%s(%s)", op.ID, strings.Join(append([]string{"ctx"}, callArgs...), ", "))
	} else {
		e.p("\t\treturn c.%s(%s)", op.ID, strings.Join(append([]string{"ctx"}, callArgs...), ", "))
	}
	e.p("\t},")
	e.p("}")
	return nil
}

// paramLiteral writes the descriptor of a path or query parameter, found in the operation or,
// failing that, in its path item (the operation's own wins, as in genwrapper's model).
func (c *cliEmitter) paramLiteral(item *openapi3.PathItem, op *openapi3.Operation, in, name string) (string, error) {
	var p *openapi3.Parameter
	for _, list := range []openapi3.Parameters{item.Parameters, op.Parameters} {
		for _, ref := range list {
			if ref.Value != nil && ref.Value.In == in && ref.Value.Name == name {
				p = ref.Value
			}
		}
	}
	if p == nil || p.Schema == nil {
		return "", fmt.Errorf("%s parameter %s has no schema", in, name)
	}
	s, err := c.ref(p.Schema)
	if err != nil {
		return "", fmt.Errorf("%s parameter %s: %w", in, name, err)
	}
	return fmt.Sprintf("{name: %q, description: %q, required: %t, schema: %s}",
		p.Name, strings.TrimSpace(p.Description), p.Required || in == openapi3.ParameterInPath, s), nil
}

const componentPrefix = "#/components/schemas/"

// ref is a schema as Go: a shared variable for a component, a literal for an inline schema.
func (c *cliEmitter) ref(r *openapi3.SchemaRef) (string, error) {
	if r == nil || r.Value == nil {
		return "nil", nil
	}
	if name, ok := strings.CutPrefix(r.Ref, componentPrefix); ok && !strings.Contains(name, "/") {
		c.named[name] = r.Value
		return "schema" + goIdent(name), nil
	}
	if r.Ref != "" {
		return "", fmt.Errorf("reference %s is not to components/schemas: teach genwrapper's CLI emitter", r.Ref)
	}
	lit, err := c.literal(r.Value)
	if err != nil {
		return "", err
	}
	return "&" + lit, nil
}

// literal writes one schema value.
func (c *cliEmitter) literal(s *openapi3.Schema) (string, error) {
	key := fmt.Sprintf("%p", s)
	if c.busy[key] {
		return "", fmt.Errorf("the schema refers to itself: recursive schemas are not supported")
	}
	c.busy[key] = true
	defer delete(c.busy, key)

	flat, err := flatten(s)
	if err != nil {
		return "", err
	}
	var f []string
	add := func(format string, args ...any) { f = append(f, fmt.Sprintf(format, args...)) }
	typ := flat.typ
	if typ != "" {
		add("typ: %q", typ)
	}
	if flat.format != "" {
		add("format: %q", flat.format)
	}
	if flat.description != "" {
		add("description: %q", flat.description)
	}
	if len(flat.enum) > 0 {
		var vals []string
		for _, v := range flat.enum {
			vals = append(vals, strconv.Quote(fmt.Sprint(v)))
		}
		add("enum: []string{%s}", strings.Join(vals, ", "))
	}
	if flat.def != nil {
		add("def: %q", jsonText(flat.def))
	}
	if typ == "integer" {
		lo, hi, err := integerRange(flat)
		if err != nil {
			return "", err
		}
		add("min: %d, max: %d", lo, hi)
		if strings.Contains(flat.description, "milliseconds since the Unix epoch") {
			// The spec's wording for every timestamp: tables show it as a time, JSON keeps it.
			add("epochMillis: true")
		}
	}
	if flat.minItems > 0 {
		add("minItems: %d", flat.minItems)
	}
	if flat.nonEmpty && typ == "string" {
		add("nonEmpty: true")
	}
	if flat.deprecated {
		add("deprecated: true")
	}
	if flat.items != nil {
		lit, err := c.ref(flat.items)
		if err != nil {
			return "", fmt.Errorf("items: %w", err)
		}
		add("items: %s", lit)
	}
	if len(flat.props) > 0 {
		var props []string
		for _, p := range flat.props {
			lit, err := c.ref(p.ref)
			if err != nil {
				return "", fmt.Errorf("property %s: %w", p.name, err)
			}
			props = append(props, fmt.Sprintf("{name: %q, required: %t, schema: %s}", p.name, flat.required[p.name], lit))
		}
		add("props: []prop{\n%s,\n}", strings.Join(props, ",\n"))
	}
	return "schema{" + strings.Join(f, ", ") + "}", nil
}
