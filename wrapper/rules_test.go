package wrapper

import (
	"os/exec"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	enhancedconnections "github.com/dli-openapi/enhanced-connections"
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

// What a program that imports the wrapper links: no OpenAPI, YAML or JSON Schema library (the
// validator reads rules generated at build time). Test-only imports do not count, as in a
// user's binary.
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
		for _, banned := range []string{"kin-openapi", "yaml", "jsonschema", "go-openapi",
			"github.com/dli-openapi/enhanced-connections/internal/schemacheck/fromspec"} {
			assert.NotContains(t, dep, banned)
		}
		assert.NotEqual(t, "github.com/dli-openapi/enhanced-connections", dep, "the root package parses the spec")
	}
}
