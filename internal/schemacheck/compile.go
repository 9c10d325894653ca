package schemacheck

import (
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/getkin/kin-openapi/openapi3"
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
	formatIPv4:  "must be an IPv4 address",
	formatInt32: "must be a 32-bit integer",
	formatInt64: "must be a 64-bit integer",
}

// Keywords the checks implement, and annotations that do not constrain a request. Anything
// else in a compiled schema is an error: better to refuse to start than to let a rule the
// spec states be skipped without anyone noticing.
var (
	checkedKeywords = []string{
		"type", "nullable", "enum", "format", "pattern", "minLength", "maxLength",
		"minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum",
		"items", "minItems", "maxItems", "properties", "required", "not", "allOf",
	}
	annotationKeywords = []string{
		"description", "title", "example", "examples", "deprecated", "externalDocs",
		// A default is applied by the server to an absent value; the client sends what it has.
		"default",
	}
)

// Compiler compiles the schemas of one document, compiling a schema reached through several
// $refs only once (which also lets recursive schemas compile).
type Compiler struct {
	done map[*openapi3.Schema]*Schema
}

// NewCompiler returns a compiler with nothing compiled yet.
func NewCompiler() *Compiler {
	return &Compiler{done: make(map[*openapi3.Schema]*Schema)}
}

// Compile compiles one schema of a loaded document; $refs must be resolved (as
// openapi3.Loader does). where names the schema in errors, e.g. "CreateEnhancedConnection body".
func Compile(ref *openapi3.SchemaRef, where string) (*Schema, error) {
	return NewCompiler().Compile(ref, where)
}

// Compile is the package-level Compile, sharing already compiled subschemas.
func (c *Compiler) Compile(ref *openapi3.SchemaRef, where string) (*Schema, error) {
	if ref == nil || ref.Value == nil {
		if ref != nil && ref.Ref != "" {
			return nil, fmt.Errorf("%s: unresolved $ref %q", where, ref.Ref)
		}
		return nil, fmt.Errorf("%s: no schema", where)
	}
	return c.compile(ref.Value, where)
}

func (c *Compiler) compile(s *openapi3.Schema, where string) (*Schema, error) {
	if done, ok := c.done[s]; ok {
		return done, nil
	}
	out := &Schema{where: where, maxLength: -1, maxItems: -1}
	c.done[s] = out
	if err := checkKeywords(s, where); err != nil {
		return nil, err
	}
	if err := out.compileScalar(s, where); err != nil {
		return nil, err
	}
	if err := c.compileChildren(out, s, where); err != nil {
		return nil, err
	}
	return out, nil
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

func (out *Schema) compileScalar(s *openapi3.Schema, where string) error {
	if s.Type != nil {
		for _, name := range *s.Type {
			i := slices.IndexFunc(typeNames, func(t typeName) bool { return t.name == name })
			if i < 0 {
				return fmt.Errorf("%s: unknown type %q", where, name)
			}
			out.types |= typeNames[i].mask
		}
		out.typeMsg = "must be " + describeTypes(out.types)
	}
	out.nullable = s.Nullable || out.types&tNull != 0

	if len(s.Enum) > 0 {
		names := make([]string, 0, len(s.Enum))
		for _, e := range s.Enum {
			v, ok := jsonValue(e)
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
		m, err := CompilePattern(s.Pattern)
		if err != nil {
			return fmt.Errorf("%s: %w", where, err)
		}
		out.pattern = m
		out.patternMsg = "must match " + s.Pattern
	}

	if s.Min != nil {
		out.minimum, out.hasMinimum = *s.Min, true
	}
	if s.Max != nil {
		out.maximum, out.hasMaximum = *s.Max, true
	}
	// OpenAPI 3.0 states exclusiveMinimum as a flag on minimum, 3.1 as the bound itself.
	if eb := s.ExclusiveMin; eb.Value != nil {
		if !out.hasMinimum || *eb.Value >= out.minimum {
			out.minimum, out.hasMinimum, out.exclMinimum = *eb.Value, true, true
		}
	} else if eb.Bool != nil && *eb.Bool && out.hasMinimum {
		out.exclMinimum = true
	}
	if eb := s.ExclusiveMax; eb.Value != nil {
		if !out.hasMaximum || *eb.Value <= out.maximum {
			out.maximum, out.hasMaximum, out.exclMax = *eb.Value, true, true
		}
	} else if eb.Bool != nil && *eb.Bool && out.hasMaximum {
		out.exclMax = true
	}

	out.minItems = int(min(s.MinItems, math.MaxInt32))
	if s.MaxItems != nil {
		out.maxItems = int(min(*s.MaxItems, math.MaxInt32))
	}
	return nil
}

func (c *Compiler) compileChildren(out *Schema, s *openapi3.Schema, where string) error {
	var err error
	if s.Items != nil {
		if out.items, err = c.Compile(s.Items, where+".items"); err != nil {
			return err
		}
	}
	for name, ref := range s.Properties {
		p := property{name: name, required: slices.Contains(s.Required, name)}
		if p.schema, err = c.Compile(ref, where+"."+name); err != nil {
			return err
		}
		out.props = append(out.props, p)
	}
	for _, name := range s.Required {
		if _, ok := s.Properties[name]; !ok {
			out.props = append(out.props, property{name: name, required: true})
		}
	}
	slices.SortFunc(out.props, func(a, b property) int { return strings.Compare(a.name, b.name) })
	out.props = slices.CompactFunc(out.props, func(a, b property) bool { return a.name == b.name })

	if s.Not != nil {
		if out.not, err = c.Compile(s.Not, where+".not"); err != nil {
			return err
		}
		out.notMsg = describeNot(s.Not.Value)
	}
	for i, ref := range s.AllOf {
		sub, err := c.Compile(ref, fmt.Sprintf("%s.allOf[%d]", where, i))
		if err != nil {
			return err
		}
		out.allOf = append(out.allOf, sub)
	}
	return nil
}

// jsonValue turns an enum value of the spec into the form checks compare against.
func jsonValue(v any) (any, bool) {
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
func describeNot(s *openapi3.Schema) string {
	switch {
	case s.Pattern != "" && len(s.Enum) == 0 && s.Not == nil && len(s.AllOf) == 0:
		return "must not match " + s.Pattern
	case len(s.Enum) > 0 && s.Pattern == "":
		names := make([]string, 0, len(s.Enum))
		for _, e := range s.Enum {
			names = append(names, fmt.Sprint(describeValue(e)))
		}
		return "must not be one of " + strings.Join(names, ", ")
	}
	return "must not match the schema under not"
}
