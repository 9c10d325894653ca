package schemacheck

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// node decodes a schema written as JSON; a keyword Node does not hold fails the test, so that
// no test schema states a rule that would be silently dropped.
func node(t testing.TB, src string) *Node {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader([]byte(src)))
	dec.DisallowUnknownFields()
	var n Node
	require.NoError(t, dec.Decode(&n), src)
	return &n
}

func compileJSON(t testing.TB, src string) *Schema {
	t.Helper()
	s, err := Compile(node(t, src), "test")
	require.NoError(t, err, src)
	return s
}

// Keywords outside the supported set are refused by package fromspec, before they reach a
// Node; what a Node can state but the checks cannot honour is refused here.
func TestCompileRefusesWhatItCannotCheck(t *testing.T) {
	for _, src := range []string{
		`{"type": "string", "format": "uuid"}`,
		`{"type": "string", "format": "date-time"}`,
		`{"type": "object", "properties": {"a": {"type": "string", "format": "email"}}}`,
		`{"type": "array", "items": {"not": {"format": "email"}}}`,
		`{"allOf": [{"type": "text"}]}`,
		`{"type": "string", "pattern": "(unclosed"}`,
		`{"enum": [["a"]]}`,
		`{"enum": [{"a": 1}]}`,
	} {
		_, err := Compile(node(t, src), "test")
		assert.Error(t, err, src)
	}
}

func TestCompileNamesWhere(t *testing.T) {
	_, err := Compile(node(t, `{"type": "object", "properties": {"id": {"type": "string", "format": "uuid"}}}`), "Op body")
	require.Error(t, err)
	assert.Contains(t, err.Error(), "Op body.id")
	assert.Contains(t, err.Error(), `"uuid"`)
}

func TestTypesEncoding(t *testing.T) {
	assert.Equal(t, Types{"string"}, node(t, `{"type": "string"}`).Type)
	assert.Equal(t, Types{"string", "null"}, node(t, `{"type": ["string", "null"]}`).Type)
	for _, tc := range []struct {
		types Types
		json  string
	}{{Types{"string"}, `"string"`}, {Types{"string", "null"}, `["string","null"]`}} {
		b, err := json.Marshal(tc.types)
		require.NoError(t, err)
		assert.JSONEq(t, tc.json, string(b))
	}
	var bad Types
	assert.Error(t, json.Unmarshal([]byte(`3`), &bad))
}

func TestCompileRecursiveSchema(t *testing.T) {
	defs := map[string]*Node{
		"#/node": node(t, `{"type": "object", "required": ["name"], "properties": {
			"name": {"type": "string", "minLength": 1},
			"children": {"type": "array", "items": {"$ref": "#/node"}}}}`),
	}
	s, err := NewCompiler(defs).Compile(&Node{Ref: "#/node"}, "tree")
	require.NoError(t, err)
	tree := map[string]any{"name": "a", "children": []any{
		map[string]any{"name": "b"},
		map[string]any{"name": "c", "children": []any{map[string]any{"name": ""}}},
	}}
	vs, err := s.Validate(tree)
	require.NoError(t, err)
	require.Len(t, vs, 1)
	assert.Equal(t, Violation{Path: "children[1].children[0].name", Rule: "minLength", Message: "must be at least 1 character long, got 0"}, vs[0])
}

func TestCompileSharesARefCompiledOnce(t *testing.T) {
	defs := map[string]*Node{"#/id": node(t, `{"type": "string", "maxLength": 3}`)}
	c := NewCompiler(defs)
	a, err := c.Compile(&Node{Ref: "#/id"}, "a")
	require.NoError(t, err)
	b, err := c.Compile(&Node{Ref: "#/id"}, "b")
	require.NoError(t, err)
	assert.Same(t, a, b)
}

func TestCompileNotOfARefDescribesTheTarget(t *testing.T) {
	defs := map[string]*Node{"#/reserved": node(t, `{"enum": ["default", "admin"]}`)}
	s, err := NewCompiler(defs).Compile(node(t, `{"type": "string", "not": {"$ref": "#/reserved"}}`), "name")
	require.NoError(t, err)
	vs, err := s.Validate("admin")
	require.NoError(t, err)
	require.Len(t, vs, 1)
	assert.Equal(t, Violation{Rule: "not", Message: "must not be one of default, admin"}, vs[0])
}

func TestCompileUnresolvedRef(t *testing.T) {
	_, err := Compile(&Node{Ref: "#/components/schemas/Missing"}, "test")
	assert.ErrorContains(t, err, "unresolved")
	_, err = NewCompiler(map[string]*Node{"#/a": {Ref: "#/a"}}).Compile(&Node{Ref: "#/a"}, "loop")
	assert.Error(t, err)
	_, err = Compile(nil, "test")
	assert.Error(t, err)
}

func TestDecodeRules(t *testing.T) {
	rules, err := DecodeRules(bytes.NewReader([]byte(`{"servers": [], "operations": [{"operationId": "Op", "method": "GET", "path": "/x",
		"parameters": [{"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 0}}]}]}`)))
	require.NoError(t, err)
	require.Len(t, rules.Operations, 1)
	assert.Equal(t, 0.0, *rules.Operations[0].Parameters[0].Schema.Minimum)
	var buf bytes.Buffer
	require.NoError(t, rules.Encode(&buf))
	again, err := DecodeRules(&buf)
	require.NoError(t, err)
	assert.Equal(t, rules, again)

	for _, src := range []string{
		`{"operations": [{"operationId": "Op", "body": {"type": "object", "maxProperties": 3}}]}`,
		`{"operations": [], "extra": 1}`,
		`{"operations": []} {}`,
		`{"operations": [`,
	} {
		_, err := DecodeRules(bytes.NewReader([]byte(src)))
		assert.Error(t, err, src)
	}
}
