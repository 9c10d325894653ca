package schemacheck

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
)

// Rules is what a client needs of the spec at run time, in a form that encodes to JSON and
// decodes with the standard library alone: the request rules of every operation and the
// servers. It is produced from the spec by package fromspec (which needs an OpenAPI parser) at
// generation time, so that a program that checks requests does not link that parser nor parse
// YAML when it starts.
type Rules struct {
	// Servers are the spec's servers, in the spec's order.
	Servers []Server `json:"servers"`
	// Operations are sorted by operation id.
	Operations []Operation `json:"operations"`
	// Schemas holds the schemas reached through a $ref, by the $ref (e.g.
	// "#/components/schemas/Host"): a schema used in several places is written and compiled
	// once, and a recursive one can be written at all.
	Schemas map[string]*Node `json:"schemas,omitempty"`
}

// Server is one entry of the spec's servers.
type Server struct {
	URL string `json:"url"`
	// Variables maps each variable of URL to the values its enum allows (nil when it has no
	// enum), e.g. "region" to the region ids.
	Variables map[string][]string `json:"variables,omitempty"`
	// IAMURL is the server's x-iam-url extension: the IAM endpoint of its regions, a URL
	// template over the same variables, that a client asks for a project id it was not given.
	IAMURL string `json:"x-iam-url,omitempty"`
}

// Operation is the request rules of one operation.
type Operation struct {
	ID     string `json:"operationId"`
	Method string `json:"method"` // e.g. "POST"
	Path   string `json:"path"`   // the path template, e.g. "/v2.0/{project_id}/datasource/enhanced-connections"
	// Parameters are the parameters of the path item and of the operation, an operation's one
	// replacing the path item's of the same name and location, in the spec's order.
	Parameters []Parameter `json:"parameters,omitempty"`
	// Body is the schema of the application/json request body, nil when the operation takes
	// none.
	Body         *Node `json:"body,omitempty"`
	BodyRequired bool  `json:"bodyRequired,omitempty"`
}

// Parameter is one parameter of an operation.
type Parameter struct {
	Name     string `json:"name"`
	In       string `json:"in"` // "path", "query" or "header"
	Required bool   `json:"required,omitempty"`
	Schema   *Node  `json:"schema"`
}

// Node is one schema, restricted to the keywords the checks implement and spelled as in
// OpenAPI 3.0, so that a schema written as JSON decodes into it. Annotations (description,
// example, default, deprecated...) are dropped: they constrain nothing. Package fromspec refuses
// a schema that states any other keyword, so no rule of the spec is silently lost on the way.
type Node struct {
	// Ref names a schema of Rules.Schemas; a Node with a Ref has no other field.
	Ref string `json:"$ref,omitempty"`

	Type     Types `json:"type,omitempty"`
	Nullable bool  `json:"nullable,omitempty"`
	// Enum holds JSON scalars: string, float64, bool or nil.
	Enum   []any  `json:"enum,omitempty"`
	Format string `json:"format,omitempty"`

	Pattern string `json:"pattern,omitempty"`
	// PatternDescription says in words what Pattern accepts ("letters, digits and
	// underscores"), from the spec's x-pattern-description: a refusal quotes it, never the
	// regular expression, which people cannot read as what to type.
	PatternDescription string  `json:"x-pattern-description,omitempty"`
	MinLength          uint64  `json:"minLength,omitempty"`
	MaxLength          *uint64 `json:"maxLength,omitempty"`

	// Minimum and Maximum are bounds, excluded when ExclusiveMinimum or ExclusiveMaximum is
	// set (the OpenAPI 3.0 form; fromspec turns 3.1's numeric exclusive bounds into it).
	Minimum          *float64 `json:"minimum,omitempty"`
	Maximum          *float64 `json:"maximum,omitempty"`
	ExclusiveMinimum bool     `json:"exclusiveMinimum,omitempty"`
	ExclusiveMaximum bool     `json:"exclusiveMaximum,omitempty"`

	Items    *Node   `json:"items,omitempty"`
	MinItems uint64  `json:"minItems,omitempty"`
	MaxItems *uint64 `json:"maxItems,omitempty"`
	// UniqueItems refuses an array with two equal items; only arrays of scalars are checked.
	UniqueItems bool `json:"uniqueItems,omitempty"`

	Properties map[string]*Node `json:"properties,omitempty"`
	Required   []string         `json:"required,omitempty"`

	Not   *Node   `json:"not,omitempty"`
	AllOf []*Node `json:"allOf,omitempty"`
}

// Types is the type keyword: one type name, or several (OpenAPI 3.1). It encodes as a string
// when it holds one name and decodes from a string or an array.
type Types []string

// MarshalJSON writes one type as a string, several as an array.
func (t Types) MarshalJSON() ([]byte, error) {
	if len(t) == 1 {
		return json.Marshal(t[0])
	}
	return json.Marshal([]string(t))
}

// UnmarshalJSON reads a string or an array of strings.
func (t *Types) UnmarshalJSON(b []byte) error {
	if bytes.HasPrefix(bytes.TrimSpace(b), []byte(`"`)) {
		var one string
		if err := json.Unmarshal(b, &one); err != nil {
			return err
		}
		*t = Types{one}
		return nil
	}
	var many []string
	if err := json.Unmarshal(b, &many); err != nil {
		return err
	}
	*t = many
	return nil
}

// DecodeRules reads rules written as JSON. A field it does not know is an error: a rule that
// the generator writes and this package would ignore must stop the program, not be skipped.
func DecodeRules(r io.Reader) (*Rules, error) {
	dec := json.NewDecoder(r)
	dec.DisallowUnknownFields()
	var rules Rules
	if err := dec.Decode(&rules); err != nil {
		return nil, fmt.Errorf("schemacheck: decode rules: %w", err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, fmt.Errorf("schemacheck: decode rules: data after the rules")
	}
	return &rules, nil
}

// Encode writes rules as indented JSON ending in a newline. The output depends only on the
// rules (maps are written sorted by key), so a generated file is stable.
func (rules *Rules) Encode(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(rules)
}
