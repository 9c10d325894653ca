// Package fromspec turns a loaded OpenAPI document into schemacheck.Rules, the form of the
// request rules that a program reads at run time without an OpenAPI parser. It runs at
// generation time (internal/cmd/genrules) and in tests; nothing a client binary links imports
// it.
//
// It refuses a schema that states a keyword the checks do not implement, so that no rule of the
// spec is ever silently dropped on its way to the validator.
package fromspec

import (
	"fmt"
	"maps"
	"slices"
	"sort"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/dli-openapi/enhanced-connections/internal/schemacheck"
)

// Keywords the checks implement, and annotations that do not constrain a request. Anything
// else in a schema is an error: better to refuse to generate than to let a rule the spec
// states be skipped without anyone noticing.
var (
	checkedKeywords = []string{
		"type", "nullable", "enum", "format", "pattern", "minLength", "maxLength",
		"minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum",
		"items", "minItems", "maxItems", "uniqueItems", "properties", "required", "not", "allOf",
	}
	annotationKeywords = []string{
		"description", "title", "example", "examples", "deprecated", "externalDocs",
		// A default is applied by the server to an absent value; the client sends what it has.
		"default",
	}
)

// Rules returns the request rules of every operation of doc and its servers, and checks that
// every schema compiles. $refs must be resolved (as openapi3.Loader does). doc is only read.
func Rules(doc *openapi3.T) (*schemacheck.Rules, error) {
	if doc == nil || doc.Paths == nil {
		return nil, fmt.Errorf("fromspec: no paths in the document")
	}
	c := newConverter()
	rules := &schemacheck.Rules{Servers: []schemacheck.Server{}, Operations: []schemacheck.Operation{}}
	for _, s := range doc.Servers {
		server := schemacheck.Server{URL: s.URL}
		if v, ok := s.Extensions["x-iam-url"]; ok {
			iam, isString := v.(string)
			if !isString || iam == "" {
				return nil, fmt.Errorf("fromspec: server %s: x-iam-url must be a non-empty string, got %v", s.URL, v)
			}
			server.IAMURL = iam
		}
		for name, v := range s.Variables {
			if server.Variables == nil {
				server.Variables = make(map[string][]string)
			}
			server.Variables[name] = slices.Clone(v.Enum)
		}
		rules.Servers = append(rules.Servers, server)
	}
	seen := make(map[string]bool)
	paths := doc.Paths.Map()
	for _, path := range slices.Sorted(maps.Keys(paths)) {
		item := paths[path]
		ops := item.Operations()
		for _, method := range slices.Sorted(maps.Keys(ops)) {
			op := ops[method]
			if op.OperationID == "" {
				return nil, fmt.Errorf("fromspec: %s %s has no operationId", method, path)
			}
			if seen[op.OperationID] {
				return nil, fmt.Errorf("fromspec: operationId %s is used twice", op.OperationID)
			}
			seen[op.OperationID] = true
			out, err := c.operation(method, path, item, op)
			if err != nil {
				return nil, fmt.Errorf("fromspec: %w", err)
			}
			rules.Operations = append(rules.Operations, *out)
		}
	}
	slices.SortFunc(rules.Operations, func(a, b schemacheck.Operation) int { return strings.Compare(a.ID, b.ID) })
	if len(c.defs) > 0 {
		rules.Schemas = c.defs
	}
	if err := compiles(rules); err != nil {
		return nil, fmt.Errorf("fromspec: %w", err)
	}
	return rules, nil
}

// Schema converts one schema; defs holds the schemas its $refs name (nil if none). where names
// the schema in errors, e.g. "CreateEnhancedConnection body".
func Schema(ref *openapi3.SchemaRef, where string) (node *schemacheck.Node, defs map[string]*schemacheck.Node, err error) {
	c := newConverter()
	node, err = c.schema(ref, where)
	if err != nil {
		return nil, nil, err
	}
	if len(c.defs) > 0 {
		defs = c.defs
	}
	return node, defs, nil
}

// compiles compiles every schema of rules, so that the generator fails rather than the
// program that reads its output.
func compiles(rules *schemacheck.Rules) error {
	c := schemacheck.NewCompiler(rules.Schemas)
	for _, op := range rules.Operations {
		for _, p := range op.Parameters {
			if _, err := c.Compile(p.Schema, fmt.Sprintf("%s %s parameter %s", op.ID, p.In, p.Name)); err != nil {
				return err
			}
		}
		if op.Body != nil {
			if _, err := c.Compile(op.Body, op.ID+" body"); err != nil {
				return err
			}
		}
	}
	return nil
}

type converter struct {
	defs   map[string]*schemacheck.Node
	origin map[string]*openapi3.Schema // the schema each key of defs was made from
	inline map[*openapi3.Schema]bool   // inline schemas being converted: a cycle needs a $ref
}

func newConverter() *converter {
	return &converter{
		defs:   make(map[string]*schemacheck.Node),
		origin: make(map[string]*openapi3.Schema),
		inline: make(map[*openapi3.Schema]bool),
	}
}

func (c *converter) operation(method, path string, item *openapi3.PathItem, op *openapi3.Operation) (*schemacheck.Operation, error) {
	out := &schemacheck.Operation{ID: op.OperationID, Method: method, Path: path}
	// Operation parameters override path item parameters of the same name and location.
	var params []*openapi3.Parameter
	for _, refs := range []openapi3.Parameters{item.Parameters, op.Parameters} {
		for _, ref := range refs {
			p := ref.Value
			if p == nil {
				return nil, fmt.Errorf("%s: unresolved parameter %q", op.OperationID, ref.Ref)
			}
			params = slices.DeleteFunc(params, func(q *openapi3.Parameter) bool {
				return q.Name == p.Name && q.In == p.In
			})
			params = append(params, p)
		}
	}
	for _, p := range params {
		where := fmt.Sprintf("%s %s parameter %s", op.OperationID, p.In, p.Name)
		switch p.In {
		case openapi3.ParameterInPath, openapi3.ParameterInQuery, openapi3.ParameterInHeader:
		default:
			return nil, fmt.Errorf("%s: parameters in %s are not supported", where, p.In)
		}
		if p.Schema == nil {
			return nil, fmt.Errorf("%s: only parameters with a schema are supported", where)
		}
		schema, err := c.schema(p.Schema, where)
		if err != nil {
			return nil, err
		}
		out.Parameters = append(out.Parameters, schemacheck.Parameter{Name: p.Name, In: p.In, Required: p.Required, Schema: schema})
	}

	if ref := op.RequestBody; ref != nil {
		rb := ref.Value
		if rb == nil {
			return nil, fmt.Errorf("%s: unresolved request body %q", op.OperationID, ref.Ref)
		}
		for mediaType := range rb.Content {
			if mediaType != "application/json" {
				return nil, fmt.Errorf("%s: request body of type %s is not supported", op.OperationID, mediaType)
			}
		}
		mt := rb.Content.Get("application/json")
		if mt == nil || mt.Schema == nil {
			return nil, fmt.Errorf("%s: request body without an application/json schema", op.OperationID)
		}
		schema, err := c.schema(mt.Schema, op.OperationID+" body")
		if err != nil {
			return nil, err
		}
		out.Body, out.BodyRequired = schema, rb.Required
	}
	return out, nil
}

func (c *converter) schema(ref *openapi3.SchemaRef, where string) (*schemacheck.Node, error) {
	if ref == nil || ref.Value == nil {
		if ref != nil && ref.Ref != "" {
			return nil, fmt.Errorf("%s: unresolved $ref %q", where, ref.Ref)
		}
		return nil, fmt.Errorf("%s: no schema", where)
	}
	s := ref.Value
	if ref.Ref == "" {
		if c.inline[s] {
			return nil, fmt.Errorf("%s: a schema contains itself without a $ref", where)
		}
		c.inline[s] = true
		defer delete(c.inline, s)
		out := &schemacheck.Node{}
		if err := c.fill(out, s, where); err != nil {
			return nil, err
		}
		return out, nil
	}
	if origin, ok := c.origin[ref.Ref]; ok {
		if origin != s {
			return nil, fmt.Errorf("%s: $ref %q names two different schemas", where, ref.Ref)
		}
		return &schemacheck.Node{Ref: ref.Ref}, nil
	}
	def := &schemacheck.Node{}
	c.origin[ref.Ref], c.defs[ref.Ref] = s, def // before filling: a recursive schema reaches itself
	if err := c.fill(def, s, where); err != nil {
		return nil, err
	}
	return &schemacheck.Node{Ref: ref.Ref}, nil
}

func (c *converter) fill(out *schemacheck.Node, s *openapi3.Schema, where string) error {
	if err := checkKeywords(s, where); err != nil {
		return err
	}
	if s.Type != nil {
		out.Type = schemacheck.Types(slices.Clone(*s.Type))
	}
	out.Nullable = s.Nullable
	for _, e := range s.Enum {
		v, ok := schemacheck.JSONValue(e)
		if !ok {
			return fmt.Errorf("%s: enum value %v is not a JSON scalar", where, e)
		}
		out.Enum = append(out.Enum, v)
	}
	out.Format = s.Format
	out.Pattern = s.Pattern
	if s.Pattern != "" {
		words, _ := s.Extensions["x-pattern-description"].(string)
		if strings.TrimSpace(words) == "" {
			return fmt.Errorf("%s: pattern %q has no x-pattern-description: say in words what it accepts "+
				"(\"letters, digits and underscores\"), which is what a refusal shows instead of the expression", where, s.Pattern)
		}
		out.PatternDescription = words
	}
	out.UniqueItems = s.UniqueItems
	out.MinLength, out.MaxLength = s.MinLength, clonePtr(s.MaxLength)
	out.MinItems, out.MaxItems = s.MinItems, clonePtr(s.MaxItems)

	out.Minimum, out.Maximum = clonePtr(s.Min), clonePtr(s.Max)
	// OpenAPI 3.0 states exclusiveMinimum as a flag on minimum, 3.1 as the bound itself; the
	// rules use the 3.0 form, keeping the tighter bound when both are given.
	if eb := s.ExclusiveMin; eb.Value != nil {
		if out.Minimum == nil || *eb.Value >= *out.Minimum {
			out.Minimum, out.ExclusiveMinimum = clonePtr(eb.Value), true
		}
	} else if eb.Bool != nil && *eb.Bool && out.Minimum != nil {
		out.ExclusiveMinimum = true
	}
	if eb := s.ExclusiveMax; eb.Value != nil {
		if out.Maximum == nil || *eb.Value <= *out.Maximum {
			out.Maximum, out.ExclusiveMaximum = clonePtr(eb.Value), true
		}
	} else if eb.Bool != nil && *eb.Bool && out.Maximum != nil {
		out.ExclusiveMaximum = true
	}

	var err error
	if s.Items != nil {
		if out.Items, err = c.schema(s.Items, where+".items"); err != nil {
			return err
		}
	}
	if len(s.Properties) > 0 {
		out.Properties = make(map[string]*schemacheck.Node, len(s.Properties))
		for _, name := range slices.Sorted(maps.Keys(s.Properties)) {
			if out.Properties[name], err = c.schema(s.Properties[name], where+"."+name); err != nil {
				return err
			}
		}
	}
	out.Required = slices.Clone(s.Required)
	if s.Not != nil {
		if out.Not, err = c.schema(s.Not, where+".not"); err != nil {
			return err
		}
	}
	for i, ref := range s.AllOf {
		sub, err := c.schema(ref, fmt.Sprintf("%s.allOf[%d]", where, i))
		if err != nil {
			return err
		}
		out.AllOf = append(out.AllOf, sub)
	}
	return nil
}

func checkKeywords(s *openapi3.Schema, where string) error {
	if s.Always != nil {
		return fmt.Errorf("%s: boolean schemas are not supported", where)
	}
	m, err := s.MarshalYAML()
	if err != nil {
		return fmt.Errorf("%s: %w", where, err)
	}
	keys, _ := m.(map[string]any)
	var unknown []string
	for k := range keys {
		if strings.HasPrefix(k, "x-") || slices.Contains(checkedKeywords, k) ||
			slices.Contains(annotationKeywords, k) {
			continue
		}
		if k == "additionalProperties" {
			// Only the default (any additional property allowed) can be stated.
			if ap := s.AdditionalProperties; ap.Schema == nil && ap.Has != nil && *ap.Has {
				continue
			}
		}
		unknown = append(unknown, k)
	}
	if len(unknown) > 0 {
		sort.Strings(unknown)
		return fmt.Errorf("%s: unsupported keyword(s) %s: schemacheck would ignore them",
			where, strings.Join(unknown, ", "))
	}
	return nil
}

func clonePtr[T any](p *T) *T {
	if p == nil {
		return nil
	}
	v := *p
	return &v
}
