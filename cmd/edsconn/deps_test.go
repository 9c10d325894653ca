package main

import (
	"os/exec"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Go runs the init of every package a binary links, whatever the command, so what edsconn
// links is what every command pays for at start. The fake routes and validates with the
// spec's generated rules and `version` reads a generated constant, so no OpenAPI or JSON Schema
// library and no YAML parser of the spec is linked: their package inits alone (jsonschema/v6's
// about 5 ms) took longer than the rest of an `edsconn list` against a server (bench/README.md,
// issue 18). The one YAML parser linked is go.yaml.in/yaml/v3, through wrapper/credentials,
// for the clouds.yaml every command that calls the API may read (its init: about 0.6 ms).
func TestLinksNoSpecParser(t *testing.T) {
	goCmd, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command on PATH: cannot list the command's dependencies")
	}
	out, err := exec.Command(goCmd, "list", "-deps", ".").CombinedOutput()
	require.NoError(t, err, "%s", out)
	deps := strings.Fields(string(out))
	require.Contains(t, deps, "github.com/dli-openapi/enhanced-connections/fake")
	for _, dep := range deps {
		if strings.HasPrefix(dep, "vendor/") || strings.HasPrefix(dep, "go.yaml.in/yaml/v3") {
			continue // the standard library's own copies; clouds.yaml's parser
		}
		for _, banned := range []string{"kin-openapi", "yaml", "jsonschema", "go-openapi", "golang.org/x/text", "gorilla",
			"github.com/dli-openapi/enhanced-connections/internal/schemacheck/fromspec"} {
			assert.NotContains(t, dep, banned)
		}
		assert.NotEqual(t, "github.com/dli-openapi/enhanced-connections", dep, "the root package parses the spec")
	}
}
