package specrules_test

import (
	"reflect"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	enhancedconnections "github.com/dli-openapi/enhanced-connections"
	"github.com/dli-openapi/enhanced-connections/internal/schemacheck/fromspec"
	"github.com/dli-openapi/enhanced-connections/internal/specrules"
)

// The generated rules and version are exactly what internal/cmd/genrules writes from the spec
// now: a spec changed without `go generate ./...` fails here, not only in CI's generate step.
func TestGeneratedFromTheSpec(t *testing.T) {
	doc, err := enhancedconnections.Load(t.Context())
	require.NoError(t, err)
	rules, err := fromspec.Rules(doc)
	require.NoError(t, err)
	if !reflect.DeepEqual(rules, specrules.Rules()) {
		t.Fatalf("internal/specrules/rules.gen.go is stale or wrong: run `go generate ./...` (internal/cmd/genrules writes it)")
	}
	assert.Equal(t, doc.Info.Version, specrules.InfoVersion)
	assert.NotSame(t, specrules.Rules(), specrules.Rules(), "every caller gets rules of its own")
}
