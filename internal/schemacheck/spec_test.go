package schemacheck

import (
	"context"
	"slices"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/stretchr/testify/require"

	enhancedconnections "github.com/dli-openapi/enhanced-connections"
)

// specDoc loads the embedded spec, the source of the patterns and schemas under test.
func specDoc(t testing.TB) *openapi3.T {
	t.Helper()
	doc, err := enhancedconnections.Load(context.Background())
	require.NoError(t, err)
	return doc
}

// specPatterns returns every pattern of the spec's schemas and parameters, sorted.
func specPatterns(t testing.TB) []string {
	doc := specDoc(t)
	seen := map[*openapi3.Schema]bool{}
	var out []string
	var walk func(ref *openapi3.SchemaRef)
	walk = func(ref *openapi3.SchemaRef) {
		if ref == nil || ref.Value == nil || seen[ref.Value] {
			return
		}
		s := ref.Value
		seen[s] = true
		if s.Pattern != "" {
			out = append(out, s.Pattern)
		}
		walk(s.Items)
		walk(s.Not)
		for _, p := range s.Properties {
			walk(p)
		}
		for _, sub := range s.AllOf {
			walk(sub)
		}
	}
	for _, s := range doc.Components.Schemas {
		walk(s)
	}
	for _, p := range doc.Components.Parameters {
		walk(p.Value.Schema)
	}
	for _, item := range doc.Paths.Map() {
		for _, op := range item.Operations() {
			for _, p := range op.Parameters {
				walk(p.Value.Schema)
			}
		}
	}
	slices.Sort(out)
	out = slices.Compact(out)
	require.NotEmpty(t, out)
	return out
}
