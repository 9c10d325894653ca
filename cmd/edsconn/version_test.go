package main

import (
	"encoding/json"
	"os"
	"runtime"
	"runtime/debug"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gopkg.in/yaml.v3"
)

// specFileVersion reads info.version from the spec file itself, with another parser than the
// command uses.
func specFileVersion(t *testing.T) string {
	t.Helper()
	data, err := os.ReadFile("../../spec/enhanced-connections.yaml")
	require.NoError(t, err)
	var doc struct {
		Info struct {
			Version string `yaml:"version"`
		} `yaml:"info"`
	}
	require.NoError(t, yaml.Unmarshal(data, &doc))
	require.NotEmpty(t, doc.Info.Version)
	return doc.Info.Version
}

func TestVersionCommand(t *testing.T) {
	spec := specFileVersion(t)
	bi, ok := debug.ReadBuildInfo()
	want := fromBuildInfo(bi, ok).Version

	code, out, errOut := runCLI(t, "version")
	require.Equal(t, exitOK, code, errOut)
	assert.Equal(t, "edsconn "+want+" (github.com/dli-openapi/enhanced-connections)\n"+
		"spec    "+spec+" (info.version)\n"+
		"go      "+runtime.Version()+" "+runtime.GOOS+"/"+runtime.GOARCH+"\n", out)

	code, out, errOut = runCLI(t, "version", "-o", "json")
	require.Equal(t, exitOK, code, errOut)
	var got map[string]any
	require.NoError(t, json.Unmarshal([]byte(out), &got), out)
	assert.Equal(t, map[string]any{
		"module": "github.com/dli-openapi/enhanced-connections", "version": want, "spec": spec,
		"go": runtime.Version(), "platform": runtime.GOOS + "/" + runtime.GOARCH,
	}, got)
}

func TestVersionCommandRefusesBadUse(t *testing.T) {
	for _, args := range [][]string{{"version", "-o", "yaml"}, {"version", "extra"}, {"version", "-x"}} {
		code, out, errOut := runCLI(t, args...)
		assert.Equal(t, exitUsage, code, "%v", args)
		assert.Empty(t, out, "%v", args)
		assert.NotEmpty(t, errOut, "%v says why", args)
	}
}

func TestFromBuildInfo(t *testing.T) {
	const mod = "github.com/dli-openapi/enhanced-connections"
	tests := []struct {
		name string
		bi   *debug.BuildInfo
		ok   bool
		want versionInfo
	}{
		{"go install @v0.2.0", &debug.BuildInfo{Main: debug.Module{Path: mod, Version: "v0.2.0"}}, true,
			versionInfo{Module: mod, Version: "v0.2.0"}},
		{"go run in a checkout", &debug.BuildInfo{Main: debug.Module{Path: mod, Version: "(devel)"}}, true,
			versionInfo{Module: mod, Version: "(devel)"}},
		{"no version recorded", &debug.BuildInfo{Main: debug.Module{Path: mod}}, true,
			versionInfo{Module: mod, Version: "(devel)"}},
		{"go build in a git checkout", &debug.BuildInfo{
			Main: debug.Module{Path: mod, Version: "v0.2.1-0.20261201110026-a580d312956e+dirty"},
			Settings: []debug.BuildSetting{{Key: "vcs.revision", Value: "a580d312956e"}, {Key: "vcs.modified", Value: "true"},
				{Key: "vcs.time", Value: "2026-12-01T11:00:26Z"}}}, true,
			versionInfo{Module: mod, Version: "v0.2.1-0.20261201110026-a580d312956e+dirty", Revision: "a580d312956e", Modified: true}},
		{"clean checkout", &debug.BuildInfo{Main: debug.Module{Path: mod, Version: "v0.2.0"},
			Settings: []debug.BuildSetting{{Key: "vcs.revision", Value: "abc"}, {Key: "vcs.modified", Value: "false"}}}, true,
			versionInfo{Module: mod, Version: "v0.2.0", Revision: "abc"}},
		{"no build info", nil, false, versionInfo{Module: mod, Version: "unknown"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.want.Go, tt.want.Platform = runtime.Version(), runtime.GOOS+"/"+runtime.GOARCH
			assert.Equal(t, tt.want, fromBuildInfo(tt.bi, tt.ok))
		})
	}
}

// The usage lists the new command like every other.
func TestUsageListsVersion(t *testing.T) {
	code, out, _ := runCLI(t, "help")
	require.Equal(t, exitOK, code)
	assert.True(t, strings.Contains(out, "  version "), out)
}
