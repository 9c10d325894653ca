// Command specgate is the breaking-change gate of the spec: it compares
// spec/enhanced-connections.yaml with the bundle of the newest release under spec/released/,
// prints oasdiff's changelog of the difference, and fails when the versioning policy of README.md
// is broken:
//
//   - info.version went below the newest release, or stayed on it although the spec changed;
//   - oasdiff reports a breaking change (level ERR) and info.version did not move as the policy
//     says (0.x: the minor version; 1.x and later: the major version);
//   - CHANGELOG.md has no section for an unreleased info.version, or that section's "Breaking"
//     subsection does not name every breaking change (its operationId, else its method and path);
//   - a file of a released version (spec/released/<version>/) changed or vanished since the
//     commit that added it, or a released bundle's info.version is not its directory's name.
//
// scripts/spec-gate.sh builds the pinned oasdiff and runs this with it; .ci/run runs that script.
// Every failure says what to change, where.
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run is main without the process, so that tests can call it.
func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("specgate", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var cfg config
	fs.StringVar(&cfg.repo, "repo", ".", "root of the repository (a git work tree)")
	fs.StringVar(&cfg.oasdiff, "oasdiff", "", "path of the oasdiff binary (required; go -C tools tool -n oasdiff prints it)")
	fs.StringVar(&cfg.spec, "spec", "spec/enhanced-connections.yaml", "the spec, relative to -repo")
	fs.StringVar(&cfg.released, "released", "spec/released", "directory of the released bundles, relative to -repo")
	fs.StringVar(&cfg.changelog, "changelog", "CHANGELOG.md", "the changelog, relative to -repo")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if cfg.oasdiff == "" || fs.NArg() != 0 {
		fmt.Fprintln(stderr, "specgate: want -oasdiff PATH and no arguments")
		fs.Usage()
		return 2
	}
	problems, err := gate(cfg, stdout)
	if err != nil {
		fmt.Fprintf(stderr, "specgate: %v\n", err)
		return 1
	}
	if len(problems) > 0 {
		for _, p := range problems {
			fmt.Fprintf(stdout, "\nspec-gate: FAIL: %s\n", p)
		}
		return 1
	}
	fmt.Fprintln(stdout, "spec-gate: ok")
	return 0
}
