package main

import (
	"context"
	"fmt"
	"runtime"
	"runtime/debug"

	"github.com/dli-openapi/enhanced-connections/internal/specrules"
)

// versionInfo is what `edsconn version` prints: enough to say which release, which spec and
// which Go a bug report is about.
type versionInfo struct {
	Module  string `json:"module"`
	Version string `json:"version"` // the module version, "(devel)" when built from a checkout
	Spec    string `json:"spec"`    // info.version of the embedded spec
	Go      string `json:"go"`
	// Platform is GOOS/GOARCH of the binary.
	Platform string `json:"platform"`
	// Revision and Modified come from the build's VCS stamp, when it has one (go build in a
	// git checkout); a module download has none, and needs none: Version names it.
	Revision string `json:"vcs_revision,omitempty"`
	Modified bool   `json:"vcs_modified,omitempty"`
}

// fromBuildInfo reads the module's version and VCS stamp from what the go command recorded in the
// binary. Every release's version is its tag (go install ...@v0.2.0 records v0.2.0); a binary
// built inside a checkout records "(devel)", or with VCS stamping a pseudo-version.
func fromBuildInfo(bi *debug.BuildInfo, ok bool) versionInfo {
	v := versionInfo{Module: "github.com/dli-openapi/enhanced-connections", Version: "unknown", Go: runtime.Version(),
		Platform: runtime.GOOS + "/" + runtime.GOARCH}
	if !ok || bi == nil {
		return v
	}
	if bi.Main.Path != "" {
		v.Module = bi.Main.Path
	}
	v.Version = bi.Main.Version
	if v.Version == "" {
		v.Version = "(devel)"
	}
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			v.Revision = s.Value
		case "vcs.modified":
			v.Modified = s.Value == "true"
		}
	}
	return v
}

func newVersionFlags() (*builtinFlags, *string) {
	b := newBuiltinFlags("version", "Prints the module's version (the release tag a binary was installed at, "+
		"(devel) in a checkout), the embedded spec's info.version, and the Go version and platform of the binary: "+
		"what a bug report needs.", "")
	output := b.fs.String("o", "text", "output `format`: text or json (table is text)")
	return b, output
}

func versionFlags() *builtinFlags { b, _ := newVersionFlags(); return b }

// runVersion prints the module version, the spec's info.version and Go's version.
func runVersion(_ context.Context, e *env, args []string) int {
	b, output := newVersionFlags()
	if _, code, ok := b.parse(e, args); !ok {
		return code
	}
	if *output == "table" {
		*output = "text"
	}
	if err := e.setOutput(*output, "text", "json"); err != nil {
		return e.fail(err)
	}
	v := fromBuildInfo(debug.ReadBuildInfo())
	// Generated from the spec with its rules (internal/specrules): reading the embedded YAML
	// here would link an OpenAPI parser into every command, whose package init alone cost
	// more than a whole `edsconn list` against a server.
	v.Spec = specrules.InfoVersion
	if e.output == "json" {
		return e.fail(e.print(v, nil))
	}
	rev := ""
	if v.Revision != "" {
		rev = ", revision " + v.Revision
		if v.Modified {
			rev += " (modified)"
		}
	}
	_, err := fmt.Fprintf(e.stdout, "edsconn %s (%s%s)\nspec    %s (info.version)\ngo      %s %s\n",
		v.Version, v.Module, rev, v.Spec, v.Go, v.Platform)
	return e.fail(err)
}
