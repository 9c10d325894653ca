package wrapper

import (
	"os/exec"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	enhancedconnections "github.com/dli-openapi/enhanced-connections"
	"github.com/dli-openapi/enhanced-connections/internal/schemacheck"
	"github.com/dli-openapi/enhanced-connections/internal/specrules"
)

// Regions and endpoints come from the spec's servers, through the generated rules.
func TestEndpointsAreTheSpecServers(t *testing.T) {
	doc, err := enhancedconnections.Load(t.Context())
	require.NoError(t, err)
	want := map[string]string{}
	for _, s := range doc.Servers {
		for _, region := range s.Variables["region"].Enum {
			want[region] = strings.ReplaceAll(s.URL, "{region}", region)
		}
	}
	require.NotEmpty(t, want)
	var regions []string
	for region, u := range want {
		regions = append(regions, region)
		got, err := Endpoint(region)
		require.NoError(t, err)
		assert.Equal(t, u, got)
	}
	slices.Sort(regions)
	assert.Equal(t, regions, Regions())
}

// What a program that imports the wrapper links: no OpenAPI or JSON Schema library and no YAML
// parser of the spec (the validator reads rules generated at build time). The one YAML parser it
// links is go.yaml.in/yaml/v3, for the clouds.yaml of Open Telekom Cloud users, and only through
// package credentials. Test-only imports do not count, as in a user's binary.
func TestWrapperLinksNoSpecParser(t *testing.T) {
	goCmd, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command on PATH: cannot list the wrapper's dependencies")
	}
	out, err := exec.Command(goCmd, "list", "-deps", ".").CombinedOutput()
	require.NoError(t, err, "%s", out)
	deps := strings.Fields(string(out))
	require.Contains(t, deps, "github.com/dli-openapi/enhanced-connections/internal/schemacheck")
	for _, dep := range deps {
		if strings.HasPrefix(dep, "go.yaml.in/yaml/v3") {
			continue
		}
		for _, banned := range []string{"kin-openapi", "yaml", "jsonschema", "go-openapi",
			"github.com/dli-openapi/enhanced-connections/internal/schemacheck/fromspec"} {
			assert.NotContains(t, dep, banned)
		}
		assert.NotEqual(t, "github.com/dli-openapi/enhanced-connections", dep, "the root package parses the spec")
	}
}

// Every pattern of the spec has words for its refusals, and they read as words: printable
// ASCII, none of a regular expression's syntax, no invisible character. A refusal shows them
// instead of the expression (issue 19: "must match ^([Aa][Cc]...)$" told no one what to type).
func TestEveryPatternHasWords(t *testing.T) {
	rules := specrules.Rules()
	n := 0
	var visit func(where string, node *schemacheck.Node)
	visit = func(where string, node *schemacheck.Node) {
		if node == nil {
			return
		}
		if node.Pattern != "" {
			n++
			words := node.PatternDescription
			assert.NotEmpty(t, words, "%s: pattern %s has no words", where, node.Pattern)
			for _, r := range words {
				assert.True(t, r >= ' ' && r <= '~', "%s: %q holds %U", where, words, r)
			}
			for _, syntax := range []string{"^", "$", "[", "]", "\\", "{", "}", "|", "*", "?"} {
				assert.NotContains(t, words, syntax, "%s: %q reads as an expression", where, words)
			}
		}
		visit(where+".items", node.Items)
		visit(where+".not", node.Not)
		for name, p := range node.Properties {
			visit(where+"."+name, p)
		}
		for _, s := range node.AllOf {
			visit(where+".allOf", s)
		}
	}
	for ref, node := range rules.Schemas {
		visit(ref, node)
	}
	for _, op := range rules.Operations {
		for _, p := range op.Parameters {
			visit(op.ID+" "+p.Name, p.Schema)
		}
		visit(op.ID+" body", op.Body)
	}
	assert.Greater(t, n, 10, "the spec's patterns were found")
}
