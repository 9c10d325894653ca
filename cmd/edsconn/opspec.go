package main

import (
	"context"
	"strings"
	"unicode"

	"github.com/dli-openapi/enhanced-connections/wrapper"
)

// operation describes one operation of the spec as a command. The descriptors are generated
// from the spec (commands.gen.go, by internal/cmd/genwrapper); the flags, help, checks and
// tables of every operation command are built from them, so none of it is a copy of the spec.
type operation struct {
	id, method, path     string
	summary, description string
	deprecated           bool
	// idempotent says whether the wrapper retries the call (GET, PUT, DELETE, x-idempotent POST).
	idempotent bool
	// recovered says that the wrapper finds the result of the call again when its answer is
	// lost (the spec's x-recover; recover.go).
	recovered bool
	// args are the path parameters the caller gives, in the order of the path template; those
	// with a single allowed value (the tag API's resource_type) are the wrapper's to fill in.
	args  []param
	query []param
	// body is the JSON request body's schema, nil when the operation has none.
	body         *schema
	bodyRequired bool
	// answer is the schema of the documented success answer.
	answer *schema
	// call sends the request through the wrapper's method of the operation.
	call func(ctx context.Context, c *wrapper.Client, r *request) (any, error)
}

// param is a path or query parameter.
type param struct {
	name, description string
	required          bool
	schema            *schema
}

// schema is what the CLI needs of a JSON Schema of the spec: the type, to map it to a flag;
// enums and the integer range, to refuse a value before anything is sent; descriptions, defaults
// and deprecation, for help; properties in the spec's order, for help and table columns. The
// wrapper checks every other rule before sending.
type schema struct {
	typ         string // string, integer, number, boolean, array, object; "" when any value fits
	format      string
	description string
	enum        []string
	def         string // the default, as JSON; "" when there is none
	// min and max are the range of an integer: its format's, narrowed by minimum and maximum.
	min, max int64
	minItems int
	// nonEmpty marks a string the spec refuses empty (minLength, a format, a pattern).
	nonEmpty bool
	// epochMillis marks an integer the spec describes as milliseconds since the Unix epoch.
	epochMillis bool
	deprecated  bool
	items       *schema
	props       []prop
}

// prop is a property of an object schema.
type prop struct {
	name     string
	required bool
	schema   *schema
}

// isScalar reports whether a value of s is a single string, number or boolean.
func (s *schema) isScalar() bool {
	switch s.typ {
	case "string", "integer", "number", "boolean":
		return true
	}
	return false
}

// isScalarList reports whether s is an array of scalars.
func (s *schema) isScalarList() bool { return s.typ == "array" && s.items != nil && s.items.isScalar() }

// isFlatObject reports whether s is an object whose properties are scalars or arrays of
// scalars: one that a flag can spell as key=value,key=value.
func (s *schema) isFlatObject() bool {
	if s.typ != "object" || len(s.props) == 0 {
		return false
	}
	for _, p := range s.props {
		if !p.schema.isScalar() && !p.schema.isScalarList() {
			return false
		}
	}
	return true
}

// isObjectList reports whether s is an array of flat objects.
func (s *schema) isObjectList() bool {
	return s.typ == "array" && s.items != nil && s.items.isFlatObject()
}

// prop returns the property called name.
func (s *schema) prop(name string) (prop, bool) {
	for _, p := range s.props {
		if p.name == name {
			return p, true
		}
	}
	return prop{}, false
}

// kebab is a spec name as a flag: dest_vpc_id -> dest-vpc-id, projectId -> project-id,
// isPrivis -> is-privis.
func kebab(name string) string {
	var b strings.Builder
	prevLower := false
	for _, r := range name {
		switch {
		case r == '_' || r == '-' || r == '.' || r == ' ':
			b.WriteByte('-')
			prevLower = false
			continue
		case unicode.IsUpper(r):
			if prevLower {
				b.WriteByte('-')
			}
			b.WriteRune(unicode.ToLower(r))
			prevLower = false
			continue
		}
		b.WriteRune(r)
		prevLower = unicode.IsLower(r) || unicode.IsDigit(r)
	}
	return b.String()
}

// metavar is a spec name as a placeholder in usage lines: connection_id -> CONNECTION_ID.
func metavar(name string) string {
	return strings.ToUpper(strings.ReplaceAll(kebab(name), "-", "_"))
}

// noContent is the answer of an operation whose success has no body (a 204): it prints as {}
// in JSON and as "ok" in a table.
type noContent struct{}
