package main

import (
	"fmt"
	"math"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
)

// flatSchema is a schema with allOf merged in: what a value of it must look like as one object.
type flatSchema struct {
	typ, format, description string
	enum                     []any
	def                      any
	min, max                 *float64
	exclusiveMin             bool
	exclusiveMax             bool
	minItems                 int
	deprecated               bool
	// nonEmpty: a string schema that refuses "" (minLength, a format, or a pattern that does not
	// match it), so that the CLI can refuse `--host db1=` in the flag's own words.
	nonEmpty bool
	items    *openapi3.SchemaRef
	props    []flatProp
	required map[string]bool
}

type flatProp struct {
	name string
	ref  *openapi3.SchemaRef
	line int
}

// flatten merges allOf into one schema: properties in the order of the parts, each part's in
// the spec's order. oneOf, anyOf and not only narrow what the declared type allows, which the
// wrapper checks; a schema without a declared type is left to --body (its typ stays empty).
func flatten(s *openapi3.Schema) (*flatSchema, error) {
	f := &flatSchema{required: map[string]bool{}}
	var merge func(s *openapi3.Schema) error
	merge = func(s *openapi3.Schema) error {
		if t := s.Type.Slice(); len(t) > 0 {
			if len(t) > 1 {
				return fmt.Errorf("a schema of several types (%v) is not supported", t)
			}
			if f.typ != "" && f.typ != t[0] {
				return fmt.Errorf("allOf of types %s and %s", f.typ, t[0])
			}
			f.typ = t[0]
		}
		if f.format == "" {
			f.format = s.Format
		}
		if len(s.Enum) > 0 {
			f.enum = s.Enum
		}
		if s.Default != nil {
			f.def = s.Default
		}
		if s.Min != nil {
			f.min, f.exclusiveMin = s.Min, s.ExclusiveMin.IsTrue()
		}
		if s.Max != nil {
			f.max, f.exclusiveMax = s.Max, s.ExclusiveMax.IsTrue()
		}
		f.minItems = max(f.minItems, int(s.MinItems))
		if s.MinLength > 0 || s.Format != "" || (s.Pattern != "" && !matchesEmpty(s.Pattern)) {
			f.nonEmpty = true
		}
		f.deprecated = f.deprecated || s.Deprecated
		if s.Items != nil {
			f.items = s.Items
		}
		for _, r := range s.AllOf {
			if r.Value == nil {
				continue
			}
			if err := merge(r.Value); err != nil {
				return err
			}
		}
		var props []flatProp
		for name, r := range s.Properties {
			line := 0
			if r.Origin != nil && r.Origin.Key != nil {
				line = r.Origin.Key.Line
			}
			props = append(props, flatProp{name: name, ref: r, line: line})
		}
		sort.Slice(props, func(i, j int) bool {
			if props[i].line != props[j].line {
				return props[i].line < props[j].line
			}
			return props[i].name < props[j].name
		})
	next:
		for _, p := range props {
			for i, q := range f.props {
				if q.name == p.name {
					f.props[i] = p // a later part's property refines an earlier one's
					continue next
				}
			}
			f.props = append(f.props, p)
		}
		for _, r := range s.Required {
			f.required[r] = true
		}
		return nil
	}
	if err := merge(s); err != nil {
		return nil, err
	}
	// The parts of an allOf describe themselves (the envelope, say), not the whole.
	f.description = strings.TrimSpace(s.Description)
	if f.typ == "" && len(f.props) > 0 {
		f.typ = "object"
	}
	return f, nil
}

// integerRange is the range of an integer schema: that of its format, narrowed by minimum and
// maximum.
func integerRange(f *flatSchema) (lo, hi int64, err error) {
	lo, hi = math.MinInt64, math.MaxInt64
	switch f.format {
	case "int32":
		lo, hi = math.MinInt32, math.MaxInt32
	case "int64", "":
	default:
		return 0, 0, fmt.Errorf("integer format %q is not supported", f.format)
	}
	if f.min != nil {
		m := int64(math.Ceil(*f.min))
		if f.exclusiveMin && float64(m) == *f.min {
			m++
		}
		lo = max(lo, m)
	}
	if f.max != nil {
		m := int64(math.Floor(*f.max))
		if f.exclusiveMax && float64(m) == *f.max {
			m--
		}
		hi = min(hi, m)
	}
	if lo > hi {
		return 0, 0, fmt.Errorf("no integer fits minimum %v and maximum %v", f.min, f.max)
	}
	return lo, hi, nil
}

// jsonText is a default value as the JSON a user would write.
func jsonText(v any) string {
	switch x := v.(type) {
	case string:
		return strconv.Quote(x)
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	}
	return fmt.Sprint(v)
}

// goIdent makes a component name a Go identifier suffix.
func goIdent(name string) string {
	var b strings.Builder
	up := true
	for _, r := range name {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9':
			if up && r >= 'a' && r <= 'z' {
				r -= 'a' - 'A'
			}
			b.WriteRune(r)
			up = false
		default:
			up = true
		}
	}
	return b.String()
}

// matchesEmpty reports whether a pattern of the spec accepts "": the patterns are written in the
// subset of ECMA-262 that Go's regexp reads the same way; one it cannot read counts as accepting
// it, so that the CLI never refuses what the spec allows.
func matchesEmpty(pattern string) bool {
	re, err := regexp.Compile(pattern)
	return err != nil || re.MatchString("")
}
