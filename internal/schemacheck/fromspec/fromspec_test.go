package fromspec

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	enhancedconnections "github.com/dli-openapi/enhanced-connections"
	"github.com/dli-openapi/enhanced-connections/internal/schemacheck"
)

// schemaRef parses a schema written as JSON.
func schemaRef(t testing.TB, src string) *openapi3.SchemaRef {
	t.Helper()
	var s openapi3.Schema
	require.NoError(t, json.Unmarshal([]byte(src), &s), src)
	return openapi3.NewSchemaRef("", &s)
}

// compile converts a schema and compiles the result, as the generator and the wrapper do.
func compile(ref *openapi3.SchemaRef, where string) (*schemacheck.Schema, error) {
	n, defs, err := Schema(ref, where)
	if err != nil {
		return nil, err
	}
	return schemacheck.NewCompiler(defs).Compile(n, where)
}

func TestRefusesKeywordsTheChecksDoNotImplement(t *testing.T) {
	for _, src := range []string{
		`{"type": "string", "pattern": "^a$"}`, // a pattern without its words
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
		`{"type": "array", "items": {"not": {"minProperties": 1}}}`,
		`{"allOf": [{"type": "object", "discriminator": {"propertyName": "kind"}}]}`,
		`{"type": "string", "pattern": "(unclosed"}`,
	} {
		_, err := compile(schemaRef(t, src), "test")
		assert.Error(t, err, src)
	}
}

func TestNamesTheUnsupportedKeywordAndWhere(t *testing.T) {
	_, _, err := Schema(schemaRef(t, `{"type": "object", "properties": {"tags": {"type": "object", "maxProperties": 3}}}`), "Op body")
	require.Error(t, err)
	assert.Contains(t, err.Error(), "Op body.tags")
	assert.Contains(t, err.Error(), "maxProperties")
}

func TestAcceptsAnnotationsAndDropsThem(t *testing.T) {
	for _, src := range []string{
		`{"type": "string", "description": "d", "title": "t", "example": "x", "deprecated": true}`,
		`{"type": "integer", "format": "int32", "minimum": 0, "default": 100}`,
		`{"type": "number", "format": "double", "exclusiveMinimum": true, "minimum": 0}`,
		`{"type": "string", "x-go-name": "Foo", "externalDocs": {"url": "https://example.com"}}`,
		`{"type": "object", "additionalProperties": true}`,
		`{"type": "string", "nullable": true, "enum": ["a", "b", null]}`,
	} {
		n, _, err := Schema(schemaRef(t, src), "test")
		require.NoError(t, err, src)
		b, err := json.Marshal(n)
		require.NoError(t, err)
		for _, dropped := range []string{"description", "title", "example", "deprecated", "default", "x-go-name", "externalDocs", "additionalProperties"} {
			assert.NotContains(t, string(b), dropped, src)
		}
		_, err = compile(schemaRef(t, src), "test")
		assert.NoError(t, err, src)
	}
}

// OpenAPI 3.1 states an exclusive bound as a number, 3.0 as a flag on minimum or maximum; the
// rules hold the 3.0 form with the tighter bound.
func TestExclusiveBounds(t *testing.T) {
	for _, tc := range []struct {
		src      string
		min, max *float64
		exMin    bool
		exMax    bool
	}{
		{`{"type": "number", "minimum": 0, "exclusiveMinimum": true}`, ptr(0.0), nil, true, false},
		{`{"type": "number", "maximum": 1, "exclusiveMaximum": true}`, nil, ptr(1.0), false, true},
		{`{"type": "number", "exclusiveMinimum": true}`, nil, nil, false, false},
		{`{"type": "number", "exclusiveMinimum": 2}`, ptr(2.0), nil, true, false},
		{`{"type": "number", "minimum": 3, "exclusiveMinimum": 2}`, ptr(3.0), nil, false, false},
		{`{"type": "number", "minimum": 1, "exclusiveMinimum": 2}`, ptr(2.0), nil, true, false},
		{`{"type": "number", "maximum": 5, "exclusiveMaximum": 4}`, nil, ptr(4.0), false, true},
		{`{"type": "number", "maximum": 3, "exclusiveMaximum": 4}`, nil, ptr(3.0), false, false},
	} {
		n, _, err := Schema(schemaRef(t, tc.src), "test")
		require.NoError(t, err, tc.src)
		assert.Equal(t, tc.min, n.Minimum, tc.src)
		assert.Equal(t, tc.max, n.Maximum, tc.src)
		assert.Equal(t, tc.exMin, n.ExclusiveMinimum, tc.src)
		assert.Equal(t, tc.exMax, n.ExclusiveMaximum, tc.src)
	}
}

func ptr[T any](v T) *T { return &v }

func TestRecursiveSchemaThroughARef(t *testing.T) {
	node := &openapi3.Schema{Type: &openapi3.Types{"object"}, Required: []string{"name"}}
	node.Properties = openapi3.Schemas{
		"name":     openapi3.NewSchemaRef("", &openapi3.Schema{Type: &openapi3.Types{"string"}, MinLength: 1}),
		"children": openapi3.NewSchemaRef("", &openapi3.Schema{Type: &openapi3.Types{"array"}, Items: openapi3.NewSchemaRef("#/node", node)}),
	}
	s, err := compile(openapi3.NewSchemaRef("#/node", node), "tree")
	require.NoError(t, err)
	tree := map[string]any{"name": "a", "children": []any{
		map[string]any{"name": "b"},
		map[string]any{"name": "c", "children": []any{map[string]any{"name": ""}}},
	}}
	vs, err := s.Validate(tree)
	require.NoError(t, err)
	require.Len(t, vs, 1)
	assert.Equal(t, schemacheck.Violation{Path: "children[1].children[0].name", Rule: "minLength", Message: "must be at least 1 character long, got 0"}, vs[0])

	// Without a $ref the cycle cannot be written down: refused, not looped on.
	loop := &openapi3.Schema{Type: &openapi3.Types{"array"}}
	loop.Items = openapi3.NewSchemaRef("", loop)
	_, _, err = Schema(openapi3.NewSchemaRef("", loop), "loop")
	assert.ErrorContains(t, err, "without a $ref")
}

func TestUnresolvedRef(t *testing.T) {
	_, _, err := Schema(&openapi3.SchemaRef{Ref: "#/components/schemas/Missing"}, "test")
	assert.ErrorContains(t, err, "unresolved")
	_, _, err = Schema(nil, "test")
	assert.Error(t, err)
}

func specDoc(t testing.TB) *openapi3.T {
	t.Helper()
	// A private copy: the document of Load is shared and read-only.
	doc, err := openapi3.NewLoader().LoadFromData(enhancedconnections.Spec())
	require.NoError(t, err)
	return doc
}

func TestSpecRequestSchemas(t *testing.T) {
	doc := specDoc(t)
	for _, name := range []string{"CreateEnhancedConnectionRequest", "UpdateEnhancedConnectionRequest",
		"QueueBindingRequest", "CreateRouteRequest", "ConnectionId", "ConnectionStatusFilter"} {
		_, err := compile(doc.Components.Schemas[name], name)
		assert.NoError(t, err, name)
	}
}

func TestRulesOfTheSpec(t *testing.T) {
	doc, err := enhancedconnections.Load(context.Background())
	require.NoError(t, err)
	rules, err := Rules(doc)
	require.NoError(t, err)
	var ids []string
	for _, op := range rules.Operations {
		ids = append(ids, op.ID)
		assert.NotEmpty(t, op.Method, op.ID)
		assert.NotEmpty(t, op.Path, op.ID)
	}
	assert.IsIncreasing(t, ids)
	var specOps int
	for _, item := range doc.Paths.Map() {
		specOps += len(item.Operations())
	}
	assert.Len(t, ids, specOps, "one rule set per operation of the spec")
	require.Len(t, rules.Servers, len(doc.Servers))
	for i, s := range doc.Servers {
		assert.Equal(t, s.URL, rules.Servers[i].URL)
		assert.Equal(t, s.Variables["region"].Enum, rules.Servers[i].Variables["region"])
		assert.Equal(t, s.Extensions["x-iam-url"], rules.Servers[i].IAMURL, "x-iam-url of %s", s.URL)
		assert.NotEmpty(t, rules.Servers[i].IAMURL, "every server of the spec names its IAM endpoint")
	}
}

// x-iam-url is read by clients to find a project id; a value they cannot use must stop the
// generator instead of being dropped.
func TestRulesRefuseAnUnusableIAMURL(t *testing.T) {
	for _, bad := range []any{"", 42, map[string]any{"url": "https://iam.example"}} {
		doc := specDoc(t)
		doc.Servers[0].Extensions["x-iam-url"] = bad
		_, err := Rules(doc)
		require.Error(t, err, "%v", bad)
		assert.Contains(t, err.Error(), "x-iam-url")
	}
}

// A keyword the checks do not implement must stop the rules from being generated, never be
// skipped.
func TestRulesRefuseUnsupportedKeywords(t *testing.T) {
	for _, tc := range []struct {
		name   string
		edit   func(doc *openapi3.T)
		inText string
	}{
		{"a pattern without words", func(doc *openapi3.T) {
			delete(doc.Components.Schemas["ConnectionName"].Value.Extensions, "x-pattern-description")
		}, "x-pattern-description"},
		{"format uuid", func(doc *openapi3.T) { doc.Components.Schemas["ConnectionId"].Value.Format = "uuid" }, `"uuid"`},
		{"readOnly", func(doc *openapi3.T) { doc.Components.Schemas["Host"].Value.Properties["ip"].Value.ReadOnly = true }, "readOnly"},
		{"multipleOf", func(doc *openapi3.T) {
			doc.Paths.Value("/v2.0/{project_id}/datasource/enhanced-connections").Get.Parameters[0].Value.Schema.Value.MultipleOf = ptr(10.0)
		}, "multipleOf"},
		{"additionalProperties", func(doc *openapi3.T) {
			doc.Components.Schemas["Tag"].Value.AdditionalProperties = openapi3.AdditionalProperties{Has: ptr(false)}
		}, "additionalProperties"},
		{"a parameter without schema", func(doc *openapi3.T) { doc.Components.Parameters["XProjectId"].Value.Schema = nil }, "X-Project-Id"},
		{"a parameter in a cookie", func(doc *openapi3.T) { doc.Components.Parameters["XProjectId"].Value.In = "cookie" }, "cookie"},
		{"a body of another media type", func(doc *openapi3.T) {
			rb := doc.Paths.Value("/v2.0/{project_id}/datasource/enhanced-connections").Post.RequestBody.Value
			rb.Content["text/plain"] = rb.Content["application/json"]
		}, "text/plain"},
		{"an operation without id", func(doc *openapi3.T) {
			doc.Paths.Value("/v2.0/{project_id}/datasource/enhanced-connections").Post.OperationID = ""
		}, "operationId"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			doc := specDoc(t)
			_, err := Rules(doc)
			require.NoError(t, err)
			tc.edit(doc)
			_, err = Rules(doc)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.inText)
		})
	}
	_, err := Rules(nil)
	assert.Error(t, err)
}
