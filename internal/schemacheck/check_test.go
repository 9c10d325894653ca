package schemacheck

import (
	"encoding/json"
	"math"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// want is an expected violation: its path and rule.
type want struct{ path, rule string }

func pathsAndRules(vs []Violation) []want {
	out := make([]want, 0, len(vs))
	for _, v := range vs {
		out = append(out, want{v.Path, v.Rule})
	}
	return out
}

func TestKeywords(t *testing.T) {
	const (
		name   = `{"type": "string", "minLength": 1, "maxLength": 4, "pattern": "^[a-z]+$"}`
		ipv4   = `{"type": "string", "format": "ipv4"}`
		tagKey = `{"type": "string", "pattern": "^[a-z_]+$", "not": {"pattern": "^_sys_"}}`
		limit  = `{"type": "integer", "format": "int32", "minimum": 0, "maximum": 10}`
		status = `{"type": "string", "enum": ["ACTIVE", "DELETED"]}`
		list   = `{"type": "array", "minItems": 1, "maxItems": 2, "items": {"type": "string", "maxLength": 2}}`
		object = `{"type": "object", "required": ["a", "b"], "properties": {"a": {"type": "string"}, "b": {"type": "array", "items": {"type": "integer"}}, "c": {"type": "boolean"}}}`
		allOf  = `{"allOf": [{"type": "string", "minLength": 2}, {"type": "string", "maxLength": 3}]}`
		unique = `{"type": "array", "uniqueItems": true, "items": {"type": "string", "minLength": 1}}`
	)
	for _, tc := range []struct {
		name   string
		schema string
		value  any
		want   []want
	}{
		{"string ok", name, "abcd", nil},
		{"minLength", name, "", []want{{"", "minLength"}}},
		{"maxLength counts runes", `{"type": "string", "maxLength": 3}`, "ééé", nil},
		{"maxLength", name, "abcde", []want{{"", "maxLength"}}},
		{"pattern", name, "ab1", []want{{"", "pattern"}}},
		{"one violation per value", name, "ABCDEF", []want{{"", "maxLength"}}},
		{"type", name, 3.0, []want{{"", "type"}}},
		{"null", name, nil, []want{{"", "type"}}},
		{"nullable", `{"type": "string", "nullable": true}`, nil, nil},
		{"ipv4", ipv4, "10.0.0.1", nil},
		{"ipv4 bad", ipv4, "10.0.0.01", []want{{"", "format"}}},
		{"format ignored on other types", ipv4 + ``, true, []want{{"", "type"}}},
		{"not", tagKey, "_sys_x", []want{{"", "not"}}},
		{"not ok", tagKey, "sys_x", nil},
		{"integer ok", limit, 3.0, nil},
		{"integer typed", limit, int32(3), nil},
		{"integer fraction", limit, 1.5, []want{{"", "type"}}},
		{"minimum", limit, -1.0, []want{{"", "minimum"}}},
		{"maximum", limit, uint8(11), []want{{"", "maximum"}}},
		{"int32 format", `{"type": "integer", "format": "int32"}`, float64(math.MaxInt32 + 1), []want{{"", "format"}}},
		{"exclusiveMinimum", `{"type": "number", "minimum": 0, "exclusiveMinimum": true}`, 0.0, []want{{"", "exclusiveMinimum"}}},
		{"exclusiveMaximum", `{"type": "number", "maximum": 1, "exclusiveMaximum": true}`, 1, []want{{"", "exclusiveMaximum"}}},
		{"NaN", `{"type": "number"}`, math.NaN(), []want{{"", "type"}}},
		{"enum", status, "ACTIVE", nil},
		{"enum bad", status, "active", []want{{"", "enum"}}},
		{"enum number", `{"type": "integer", "enum": [1, 2]}`, int64(2), nil},
		{"enum number bad", `{"type": "integer", "enum": [1, 2]}`, 3, []want{{"", "enum"}}},
		{"boolean", `{"type": "boolean"}`, "true", []want{{"", "type"}}},
		{"array ok", list, []any{"a", "bb"}, nil},
		{"minItems", list, []string{}, []want{{"", "minItems"}}},
		{"maxItems and items", list, []string{"a", "bbb", "c"}, []want{{"", "maxItems"}, {"[1]", "maxLength"}}},
		{"nil slice is null", list, []string(nil), []want{{"", "type"}}},
		{"object ok", object, map[string]any{"a": "x", "b": []any{1.0}}, nil},
		{"required", object, map[string]any{"b": []any{}}, []want{{"a", "required"}}},
		{"required null", object, map[string]any{"a": "x", "b": nil}, []want{{"b", "required"}}},
		{"optional null", object, map[string]any{"a": "x", "b": []any{}, "c": nil}, []want{{"c", "type"}}},
		{"nested", object, map[string]any{"a": "x", "b": []any{1.0, "2"}}, []want{{"b[1]", "type"}}},
		{"additional properties allowed", object, map[string]any{"a": "x", "b": []any{}, "z": 1.0}, nil},
		{"uniqueItems ok", unique, []string{"q1", "q2"}, nil},
		{"uniqueItems", unique, []string{"q1", "q2", "q1"}, []want{{"", "uniqueItems"}}},
		{"uniqueItems decoded", unique, []any{"q1", "q1"}, []want{{"", "uniqueItems"}}},
		{"uniqueItems and items", unique, []string{"", ""}, []want{{"[0]", "minLength"}, {"[1]", "minLength"}, {"", "uniqueItems"}}},
		{"uniqueItems numbers as JSON compares them", `{"type": "array", "uniqueItems": true}`, []any{1.0, json.Number("1")}, []want{{"", "uniqueItems"}}},
		{"not an object", object, []any{}, []want{{"", "type"}}},
		{"typed map", object, map[string]string{"a": "x"}, []want{{"b", "required"}}},
		{"allOf ok", allOf, "abc", nil},
		{"allOf", allOf, "abcd", []want{{"", "maxLength"}}},
		{"allOf null", `{"allOf": [{"type": "string", "nullable": true}]}`, nil, nil},
		{"json.Number", `{"type": "integer", "minimum": 1}`, json.Number("0"), []want{{"", "minimum"}}},
		{"json.Number in a map", `{"properties": {"n": {"type": "integer", "maximum": 1}}}`, map[string]any{"n": json.Number("2")}, []want{{"n", "maximum"}}},
		{"empty schema", `{}`, []any{1.0, "x"}, nil},
		{"empty schema null", `{}`, nil, []want{{"", "type"}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			vs, err := compileJSON(t, tc.schema).Validate(tc.value)
			require.NoError(t, err)
			assert.Equal(t, tc.want, nilIfEmpty(pathsAndRules(vs)))
		})
	}
}

func nilIfEmpty(ws []want) []want {
	if len(ws) == 0 {
		return nil
	}
	return ws
}

func TestMessagesNameTheLimit(t *testing.T) {
	for _, tc := range []struct {
		schema string
		value  any
		msg    string
	}{
		{`{"type": "string", "maxLength": 64}`, strings.Repeat("a", 65), "must be at most 64 characters long, got 65"},
		{`{"type": "string", "minLength": 1}`, "", "must be at least 1 character long, got 0"},
		{`{"type": "string", "pattern": "^[A-Za-z0-9_]+$"}`, "a-b", "must match ^[A-Za-z0-9_]+$"},
		{`{"type": "string", "format": "ipv4"}`, "1.2.3", "must be an IPv4 address such as 192.168.0.10"},
		{`{"type": "string", "not": {"pattern": "^_sys_"}}`, "_sys_a", "must not match ^_sys_"},
		{`{"type": "array", "maxItems": 20000}`, make([]int, 20001), "must have at most 20000 items, got 20001"},
		{`{"type": "integer", "minimum": 0}`, -1, "must be at least 0, got -1"},
		{`{"type": "string", "enum": ["ACTIVE", "DELETED"]}`, "X", "must be one of ACTIVE, DELETED"},
		{`{"type": "string"}`, 1, "must be a string, got number"},
		{`{"type": "array"}`, nil, "must be an array, got null"},
	} {
		vs, err := compileJSON(t, tc.schema).Validate(tc.value)
		require.NoError(t, err)
		require.Len(t, vs, 1, tc.schema)
		assert.Equal(t, tc.msg, vs[0].Message)
	}
}

// Typed values are judged as encoding/json would send them.

type typedHost struct {
	IP   *string `json:"ip,omitempty"`
	Name *string `json:"name,omitempty"`
}

type typedBody struct {
	Name   string      `json:"name"`
	Hosts  []typedHost `json:"hosts,omitempty"`
	List   []string    `json:"list"`
	Count  int32       `json:"count,omitempty"`
	Flag   *bool       `json:"flag,omitempty"`
	Opt    string      `json:"opt,omitzero"`
	Any    any         `json:"any,omitempty"`
	Skip   chan int    `json:"-"`
	hidden string
}

const typedSchema = `{
	"type": "object",
	"required": ["name", "list", "count"],
	"properties": {
		"name": {"type": "string", "minLength": 1, "pattern": "^[a-z]+$"},
		"hosts": {"type": "array", "maxItems": 2, "items": {"type": "object", "properties": {
			"ip": {"type": "string", "format": "ipv4"},
			"name": {"type": "string", "maxLength": 3}}}},
		"list": {"type": "array", "items": {"type": "string"}},
		"count": {"type": "integer", "minimum": 1},
		"flag": {"type": "boolean"},
		"opt": {"type": "string", "minLength": 2},
		"any": {"type": "object", "required": ["k"]}
	}
}`

func TestTypedValues(t *testing.T) {
	s := compileJSON(t, typedSchema)
	str := func(s string) *string { return &s }
	valid := func() typedBody {
		return typedBody{Name: "ok", List: []string{}, Count: 1, Hosts: []typedHost{{IP: str("10.0.0.1"), Name: str("abc")}}}
	}
	for _, tc := range []struct {
		name   string
		mutate func(b *typedBody)
		want   []want
	}{
		{"valid", func(b *typedBody) {}, nil},
		{"empty required string is present, caught by minLength", func(b *typedBody) { b.Name = "" }, []want{{"name", "minLength"}}},
		{"nil required slice is sent as null", func(b *typedBody) { b.List = nil }, []want{{"list", "required"}}},
		{"omitempty zero is absent, so missing", func(b *typedBody) { b.Count = 0 }, []want{{"count", "required"}}},
		{"nil pointers are absent", func(b *typedBody) { b.Hosts = []typedHost{{}} }, nil},
		{"empty optional slice is omitted", func(b *typedBody) { b.Hosts = []typedHost{} }, nil},
		{"item fields", func(b *typedBody) {
			b.Hosts = []typedHost{{IP: str("1.2.3")}, {Name: str("abcd")}}
		}, []want{{"hosts[0].ip", "format"}, {"hosts[1].name", "maxLength"}}},
		{"omitzero", func(b *typedBody) { b.Opt = "x" }, []want{{"opt", "minLength"}}},
		{"pointer to bool", func(b *typedBody) { b.Flag = new(bool) }, nil},
		{"interface field", func(b *typedBody) { b.Any = map[string]any{} }, []want{{"any.k", "required"}}},
		{"interface holding a typed struct", func(b *typedBody) { b.Any = typedHost{} }, []want{{"any.k", "required"}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b := valid()
			tc.mutate(&b)
			vs, err := s.Validate(&b)
			require.NoError(t, err)
			assert.Equal(t, tc.want, nilIfEmpty(pathsAndRules(vs)))
			vs, err = s.Validate(b) // a value, not a pointer: the same answer
			require.NoError(t, err)
			assert.Equal(t, tc.want, nilIfEmpty(pathsAndRules(vs)))
		})
	}
}

func TestTypedValuesMatchTheirJSON(t *testing.T) {
	// Whatever the typed value, checking it must agree with checking its JSON encoding.
	s := compileJSON(t, typedSchema)
	str := func(s string) *string { return &s }
	for _, b := range []typedBody{
		{},
		{Name: "ok", List: []string{}, Count: 1},
		{Name: "ok", List: nil, Count: 1},
		{Name: "Ok", List: []string{"x"}, Count: 2, Opt: "ab", Hosts: []typedHost{{IP: str("1.2.3.4")}, {}, {}}},
		{Name: "ok", List: []string{}, Count: -1, Hosts: []typedHost{{Name: str("")}}, Any: map[string]any{"k": 1}},
		{Name: "ok", List: []string{}, Count: 1, hidden: "unexported: never encoded, never checked"},
	} {
		typed, err := s.Validate(&b)
		require.NoError(t, err)
		raw, err := json.Marshal(&b)
		require.NoError(t, err)
		var decoded any
		require.NoError(t, json.Unmarshal(raw, &decoded))
		fromJSON, err := s.Validate(decoded)
		require.NoError(t, err)
		assert.Equal(t, pathsAndRules(fromJSON), pathsAndRules(typed), string(raw))
	}
}

type withMarshaler struct {
	When time.Time `json:"when"`
}

type withBytes struct {
	Data []byte `json:"data"`
}

type withStringOption struct {
	N int `json:"n,string"`
}

type Embedded struct {
	X string `json:"x"`
}

type withEmbedded struct {
	Embedded
}

// withDuplicate has two fields named "a" in JSON (built at run time: vet rightly flags it in
// source), which encoding/json would both drop.
var withDuplicate = reflect.New(reflect.StructOf([]reflect.StructField{
	{Name: "A", Type: reflect.TypeFor[string](), Tag: `json:"a"`},
	{Name: "B", Type: reflect.TypeFor[string](), Tag: `json:"a"`},
})).Elem().Interface()

func TestTypesWhoseJSONCannotBePredictedAreRefused(t *testing.T) {
	// A value is vetted where the checks reach it: the root, and what interfaces hold.
	s := compileJSON(t, `{"items": {}, "properties": {"f": {}}}`)
	for _, v := range []any{
		withMarshaler{}, &withBytes{}, withStringOption{}, withEmbedded{}, withDuplicate,
		make(chan int), map[int]string{}, json.RawMessage(`{}`), []any{func() {}},
		map[string]any{"f": complex(1, 2)},
	} {
		_, err := s.Validate(v)
		assert.Error(t, err, "%T", v)
	}
}

func TestReportCapsViolations(t *testing.T) {
	s := compileJSON(t, `{"type": "array", "maxItems": 3, "items": {"type": "string", "format": "ipv4"}}`)
	ips := make([]string, 100)
	r := NewReport(5)
	s.Check(r, "hosts", ips)
	require.Len(t, r.Violations, 5)
	assert.Equal(t, 96, r.Omitted)
	assert.Equal(t, 101, r.Total())
	assert.Equal(t, Violation{Path: "hosts", Rule: "maxItems", Message: "must have at most 3 items, got 100"}, r.Violations[0])
	assert.Equal(t, "hosts[0]", r.Violations[1].Path)
	assert.True(t, r.Failed())

	r.Reset(5)
	assert.False(t, r.Failed())
	s.Check(r, "hosts", []string{"1.1.1.1"})
	assert.False(t, r.Failed())
}

func TestCheckStringAndAdd(t *testing.T) {
	s := compileJSON(t, `{"type": "string", "pattern": "^[0-9a-f]{8}$"}`)
	r := NewReport(0)
	s.CheckString(r, "connection_id", "nope")
	r.Add("name", "required", "is required")
	assert.Equal(t, []want{{"connection_id", "pattern"}, {"name", "required"}}, pathsAndRules(r.Violations))
}

// A refusal says in words what a pattern accepts, from the spec's x-pattern-description, and
// which item repeats; never the expression, never the value.
func TestMessagesAreWords(t *testing.T) {
	for _, tc := range []struct {
		name, schema string
		value        any
		want         string
	}{
		{"pattern", `{"type": "string", "pattern": "^[A-Za-z0-9_]+$", "x-pattern-description": "letters, digits and underscores"}`,
			"a b", "must be letters, digits and underscores"},
		{"not", `{"type": "string", "not": {"pattern": "^_sys_", "x-pattern-description": "a key that starts with _sys_"}}`,
			"_sys_a", "must not be a key that starts with _sys_"},
		{"a pattern without words shows it", `{"type": "string", "pattern": "^a$"}`, "b", "must match ^a$"},
		{"uniqueItems", `{"type": "array", "uniqueItems": true}`, []string{"q1", "q2", "q1"}, "must not repeat an item: item 2 is item 0 again"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var n Node
			require.NoError(t, json.Unmarshal([]byte(tc.schema), &n))
			s, err := Compile(&n, "test")
			require.NoError(t, err)
			vs, err := s.Validate(tc.value)
			require.NoError(t, err)
			require.Len(t, vs, 1)
			assert.Equal(t, tc.want, vs[0].Message)
		})
	}
}

// uniqueItems compares objects by their content, and never takes a string for an object.
func TestUniqueItemsOfObjects(t *testing.T) {
	var n Node
	require.NoError(t, json.Unmarshal([]byte(`{"type": "array", "uniqueItems": true}`), &n))
	s, err := Compile(&n, "test")
	require.NoError(t, err)
	vs, err := s.Validate([]any{map[string]any{"a": 1.0, "b": "x"}, map[string]any{"b": "x", "a": 1.0}})
	require.NoError(t, err)
	assert.Equal(t, []want{{"", "uniqueItems"}}, pathsAndRules(vs))
	vs, err = s.Validate([]any{map[string]any{}, "{}"})
	require.NoError(t, err)
	assert.Empty(t, vs)
}
