package schemacheck

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
)

// Schema is a compiled schema: the checks of one schema node and its subschemas. It is safe
// for concurrent use; per-Go-type plans are cached on it as values are checked.
type Schema struct {
	where string // location in the spec, for plan errors

	types    typeMask // allowed JSON types; 0 allows any
	typeMsg  string
	nullable bool

	enum    []any // JSON values: string, float64, bool or nil
	enumMsg string

	minLength, maxLength int // maxLength < 0: none
	format               format
	pattern              *Matcher
	patternMsg           string

	minimum, maximum       float64
	hasMinimum, hasMaximum bool
	exclMinimum, exclMax   bool // the bound itself is excluded

	minItems, maxItems int // maxItems < 0: none
	uniqueItems        bool
	items              *Schema

	props []property // sorted by name

	not    *Schema
	notMsg string
	allOf  []*Schema

	plans    sync.Map                   // reflect.Type -> *structPlan
	lastPlan atomic.Pointer[structPlan] // the plan most recently used: nearly always the one
}

type property struct {
	name     string
	schema   *Schema // nil for a required name the schema does not describe
	required bool
}

type typeMask uint8

const (
	tString typeMask = 1 << iota
	tNumber
	tInteger
	tBoolean
	tArray
	tObject
	tNull
)

type typeName struct {
	mask typeMask
	name string
}

var typeNames = []typeName{
	{tString, "string"}, {tNumber, "number"}, {tInteger, "integer"}, {tBoolean, "boolean"},
	{tArray, "array"}, {tObject, "object"}, {tNull, "null"},
}

type format uint8

const (
	formatNone format = iota
	formatIPv4
	formatInt32
	formatInt64
)

var formatMessages = [...]string{
	formatIPv4:  "must be an IPv4 address such as 192.168.0.10",
	formatInt32: "must be a 32-bit integer",
	formatInt64: "must be a 64-bit integer",
}

// Compiler compiles the schemas of one Rules, compiling a schema of Rules.Schemas reached
// through several $refs only once (which also lets recursive schemas compile).
type Compiler struct {
	defs map[string]*Node
	done map[string]*Schema
	// patterns holds each pattern compiled once: the same one (a project id's, for instance)
	// recurs across parameters and operations, and a program's first request pays for each.
	patterns map[string]*Matcher
}

// NewCompiler returns a compiler that resolves $refs in defs (Rules.Schemas; nil when no
// schema has a $ref).
func NewCompiler(defs map[string]*Node) *Compiler {
	return &Compiler{defs: defs, done: make(map[string]*Schema), patterns: make(map[string]*Matcher)}
}

// Compile compiles one schema. where names the schema in errors, e.g.
// "CreateEnhancedConnection body".
func Compile(n *Node, where string) (*Schema, error) {
	return NewCompiler(nil).Compile(n, where)
}

// Compile is the package-level Compile, resolving $refs in the compiler's schemas and sharing
// already compiled ones.
func (c *Compiler) Compile(n *Node, where string) (*Schema, error) {
	if n == nil {
		return nil, fmt.Errorf("%s: no schema", where)
	}
	if n.Ref == "" {
		return c.compile(n, where)
	}
	if done, ok := c.done[n.Ref]; ok {
		return done, nil
	}
	def, err := c.resolve(n, where)
	if err != nil {
		return nil, err
	}
	out := newSchema(where)
	c.done[n.Ref] = out // before compiling: a recursive schema reaches itself
	if err := c.fill(out, def, where); err != nil {
		return nil, err
	}
	return out, nil
}

// resolve returns the schema n refers to, or n itself.
func (c *Compiler) resolve(n *Node, where string) (*Node, error) {
	for range 64 {
		if n.Ref == "" {
			return n, nil
		}
		def, ok := c.defs[n.Ref]
		if !ok || def == nil {
			return nil, fmt.Errorf("%s: unresolved $ref %q", where, n.Ref)
		}
		n = def
	}
	return nil, fmt.Errorf("%s: $ref %q: too many $refs in a row", where, n.Ref)
}

func newSchema(where string) *Schema {
	return &Schema{where: where, maxLength: -1, maxItems: -1}
}

func (c *Compiler) compile(n *Node, where string) (*Schema, error) {
	out := newSchema(where)
	if err := c.fill(out, n, where); err != nil {
		return nil, err
	}
	return out, nil
}

func (c *Compiler) fill(out *Schema, n *Node, where string) error {
	if err := c.compileScalar(out, n, where); err != nil {
		return err
	}
	return c.compileChildren(out, n, where)
}

func (c *Compiler) compileScalar(out *Schema, s *Node, where string) error {
	for _, name := range s.Type {
		i := slices.IndexFunc(typeNames, func(t typeName) bool { return t.name == name })
		if i < 0 {
			return fmt.Errorf("%s: unknown type %q", where, name)
		}
		out.types |= typeNames[i].mask
	}
	if len(s.Type) > 0 {
		out.typeMsg = "must be " + describeTypes(out.types)
	}
	out.nullable = s.Nullable || out.types&tNull != 0

	if len(s.Enum) > 0 {
		names := make([]string, 0, len(s.Enum))
		for _, e := range s.Enum {
			v, ok := JSONValue(e)
			if !ok {
				return fmt.Errorf("%s: enum value %v is not a JSON scalar", where, e)
			}
			out.enum = append(out.enum, v)
			names = append(names, fmt.Sprint(describeValue(v)))
		}
		out.enumMsg = "must be one of " + strings.Join(names, ", ")
	}

	out.minLength = int(min(s.MinLength, math.MaxInt32))
	if s.MaxLength != nil {
		out.maxLength = int(min(*s.MaxLength, math.MaxInt32))
	}
	switch s.Format {
	case "":
	case "ipv4":
		out.format = formatIPv4
	case "int32":
		out.format = formatInt32
	case "int64":
		out.format = formatInt64
	case "float", "double":
		// Every JSON number the client can send is a double.
	default:
		return fmt.Errorf("%s: unsupported format %q: schemacheck would ignore it", where, s.Format)
	}
	if s.Pattern != "" {
		m, err := c.pattern(s.Pattern)
		if err != nil {
			return fmt.Errorf("%s: %w", where, err)
		}
		out.pattern = m
		out.patternMsg = patternMessage("must be ", "must match ", s)
	}

	if s.Minimum != nil {
		out.minimum, out.hasMinimum, out.exclMinimum = *s.Minimum, true, s.ExclusiveMinimum
	}
	if s.Maximum != nil {
		out.maximum, out.hasMaximum, out.exclMax = *s.Maximum, true, s.ExclusiveMaximum
	}

	out.uniqueItems = s.UniqueItems
	out.minItems = int(min(s.MinItems, math.MaxInt32))
	if s.MaxItems != nil {
		out.maxItems = int(min(*s.MaxItems, math.MaxInt32))
	}
	return nil
}

// pattern returns the Matcher of src, compiling it on first use.
func (c *Compiler) pattern(src string) (*Matcher, error) {
	if m, ok := c.patterns[src]; ok {
		return m, nil
	}
	m, err := CompilePattern(src)
	if err != nil {
		return nil, err
	}
	c.patterns[src] = m
	return m, nil
}

func (c *Compiler) compileChildren(out *Schema, s *Node, where string) error {
	var err error
	if s.Items != nil {
		if out.items, err = c.Compile(s.Items, where+".items"); err != nil {
			return err
		}
	}
	for name, sub := range s.Properties {
		p := property{name: name, required: slices.Contains(s.Required, name)}
		if p.schema, err = c.Compile(sub, where+"."+name); err != nil {
			return err
		}
		out.props = append(out.props, p)
	}
	for _, name := range s.Required {
		if _, ok := s.Properties[name]; !ok {
			out.props = append(out.props, property{name: name, required: true})
		}
	}
	// Required properties first, in the order the schema lists them, then the others by name:
	// the order in which refusals are found, so that the first one named is the one an OpenAPI
	// validator (kin-openapi checks `required` in its order) names too.
	rank := func(p property) int {
		if i := slices.Index(s.Required, p.name); i >= 0 {
			return i
		}
		return len(s.Required)
	}
	slices.SortFunc(out.props, func(a, b property) int {
		if c := rank(a) - rank(b); c != 0 {
			return c
		}
		return strings.Compare(a.name, b.name)
	})
	out.props = slices.CompactFunc(out.props, func(a, b property) bool { return a.name == b.name })

	if s.Not != nil {
		if out.not, err = c.Compile(s.Not, where+".not"); err != nil {
			return err
		}
		not, err := c.resolve(s.Not, where+".not")
		if err != nil {
			return err
		}
		out.notMsg = describeNot(not)
	}
	for i, sub := range s.AllOf {
		compiled, err := c.Compile(sub, fmt.Sprintf("%s.allOf[%d]", where, i))
		if err != nil {
			return err
		}
		out.allOf = append(out.allOf, compiled)
	}
	return nil
}

// JSONValue turns an enum value into the form checks compare against, which is what
// encoding/json decodes JSON into; ok is false for a value JSON cannot hold.
func JSONValue(v any) (value any, ok bool) {
	switch v := v.(type) {
	case nil, string, bool, float64:
		return v, true
	case float32:
		return float64(v), true
	case int:
		return float64(v), true
	case int64:
		return float64(v), true
	case uint64:
		return float64(v), true
	}
	return nil, false
}

func describeValue(v any) any {
	if v == nil {
		return "null"
	}
	return v
}

func describeTypes(t typeMask) string {
	var names []string
	for _, tn := range typeNames {
		if t&tn.mask != 0 {
			names = append(names, tn.name)
		}
	}
	if len(names) == 1 {
		switch names[0] {
		case "integer", "object", "array":
			return "an " + names[0]
		}
		return "a " + names[0]
	}
	return "of type " + strings.Join(names, " or ")
}

// describeNot phrases the message of a failed "not", which otherwise says nothing useful.
func describeNot(s *Node) string {
	switch {
	case s.Pattern != "" && len(s.Enum) == 0 && s.Not == nil && len(s.AllOf) == 0:
		return patternMessage("must not be ", "must not match ", s)
	case len(s.Enum) > 0 && s.Pattern == "":
		names := make([]string, 0, len(s.Enum))
		for _, e := range s.Enum {
			names = append(names, fmt.Sprint(describeValue(e)))
		}
		return "must not be one of " + strings.Join(names, ", ")
	}
	return "must not match the schema under not"
}

// patternMessage words a pattern rule: the spec's description of what it accepts after words
// ("must be letters, digits and underscores"), or the expression itself after raw when the
// rules carry no description (rules written by hand; fromspec requires one).
func patternMessage(words, raw string, s *Node) string {
	if s.PatternDescription != "" {
		return words + s.PatternDescription
	}
	return raw + s.Pattern
}
