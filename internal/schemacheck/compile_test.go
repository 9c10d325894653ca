package schemacheck

import (
	"encoding/json"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// schemaRef parses a schema written as JSON.
func schemaRef(t testing.TB, src string) *openapi3.SchemaRef {
	t.Helper()
	var s openapi3.Schema
	require.NoError(t, json.Unmarshal([]byte(src), &s), src)
	return openapi3.NewSchemaRef("", &s)
}

func compileJSON(t testing.TB, src string) *Schema {
	t.Helper()
	s, err := Compile(schemaRef(t, src), "test")
	require.NoError(t, err, src)
	return s
}

func TestCompileRefusesKeywordsItDoesNotCheck(t *testing.T) {
	for _, src := range []string{
		`{"type": "array", "uniqueItems": true}`,
		`{"type": "number", "multipleOf": 2}`,
		`{"oneOf": [{"type": "string"}, {"type": "integer"}]}`,
		`{"anyOf": [{"type": "string"}]}`,
		`{"type": "object", "additionalProperties": false}`,
		`{"type": "object", "additionalProperties": {"type": "string"}}`,
		`{"type": "object", "minProperties": 1}`,
		`{"type": "object", "maxProperties": 3}`,
		`{"type": "string", "readOnly": true}`,
		`{"type": "string", "writeOnly": true}`,
		`{"type": "string", "format": "uuid"}`,
		`{"type": "string", "format": "date-time"}`,
		`{"type": "string", "const": "x"}`,
		`{"type": "object", "properties": {"a": {"type": "string", "format": "email"}}}`,
		`{"type": "array", "items": {"not": {"uniqueItems": true}}}`,
		`{"allOf": [{"type": "object", "discriminator": {"propertyName": "kind"}}]}`,
		`{"type": "string", "pattern": "(unclosed"}`,
	} {
		_, err := Compile(schemaRef(t, src), "test")
		assert.Error(t, err, src)
	}
}

func TestCompileNamesTheUnsupportedKeywordAndWhere(t *testing.T) {
	_, err := Compile(schemaRef(t, `{"type": "object", "properties": {"tags": {"type": "array", "uniqueItems": true}}}`), "Op body")
	require.Error(t, err)
	assert.Contains(t, err.Error(), "Op body.tags")
	assert.Contains(t, err.Error(), "uniqueItems")
}

func TestCompileAcceptsAnnotations(t *testing.T) {
	for _, src := range []string{
		`{"type": "string", "description": "d", "title": "t", "example": "x", "deprecated": true}`,
		`{"type": "integer", "format": "int32", "minimum": 0, "default": 100}`,
		`{"type": "number", "format": "double", "exclusiveMinimum": true, "minimum": 0}`,
		`{"type": "string", "x-go-name": "Foo", "externalDocs": {"url": "https://example.com"}}`,
		`{"type": "object", "additionalProperties": true}`,
		`{"type": "string", "nullable": true, "enum": ["a", "b", null]}`,
	} {
		_, err := Compile(schemaRef(t, src), "test")
		assert.NoError(t, err, src)
	}
}

func TestCompileSpecRequestSchemas(t *testing.T) {
	doc := specDoc(t)
	c := NewCompiler()
	for _, name := range []string{"CreateEnhancedConnectionRequest", "UpdateEnhancedConnectionRequest",
		"QueueBindingRequest", "CreateRouteRequest", "ConnectionId", "ConnectionStatusFilter"} {
		_, err := c.Compile(doc.Components.Schemas[name], name)
		assert.NoError(t, err, name)
	}
}

func TestCompileRecursiveSchema(t *testing.T) {
	node := &openapi3.Schema{Type: &openapi3.Types{"object"}, Required: []string{"name"}}
	node.Properties = openapi3.Schemas{
		"name":     openapi3.NewSchemaRef("", &openapi3.Schema{Type: &openapi3.Types{"string"}, MinLength: 1}),
		"children": openapi3.NewSchemaRef("", &openapi3.Schema{Type: &openapi3.Types{"array"}, Items: openapi3.NewSchemaRef("#/node", node)}),
	}
	s, err := Compile(openapi3.NewSchemaRef("", node), "tree")
	require.NoError(t, err)
	tree := map[string]any{"name": "a", "children": []any{
		map[string]any{"name": "b"},
		map[string]any{"name": "c", "children": []any{map[string]any{"name": ""}}},
	}}
	vs, err := s.Validate(tree)
	require.NoError(t, err)
	require.Len(t, vs, 1)
	assert.Equal(t, Violation{Path: "children[1].children[0].name", Rule: "minLength", Message: "at least 1 character, got 0"}, vs[0])
}

func TestCompileUnresolvedRef(t *testing.T) {
	_, err := Compile(&openapi3.SchemaRef{Ref: "#/components/schemas/Missing"}, "test")
	assert.ErrorContains(t, err, "unresolved")
	_, err = Compile(nil, "test")
	assert.Error(t, err)
}
