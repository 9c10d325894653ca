// Command genrules writes the request rules and servers of the embedded spec
// (schemacheck.Rules) and its info.version as Go code of package internal/specrules, a function
// that builds the rules and a constant, so that a program using the wrapper or the fake neither
// links an OpenAPI or YAML parser nor parses or decodes anything when it starts:
//
//	go run ./internal/cmd/genrules -o internal/specrules/rules.gen.go
//
// The output depends only on the spec. go generate runs it (see generate.go); CI fails if the
// committed file differs from what it writes.
package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"os"

	enhancedconnections "github.com/dli-openapi/enhanced-connections"
	"github.com/dli-openapi/enhanced-connections/internal/schemacheck/fromspec"
)

func main() {
	out := flag.String("o", "", "output file (required)")
	flag.Parse()
	if *out == "" || flag.NArg() > 0 {
		fmt.Fprintln(os.Stderr, "usage: genrules -o FILE")
		os.Exit(2)
	}
	if err := run(*out); err != nil {
		fmt.Fprintln(os.Stderr, "genrules:", err)
		os.Exit(1)
	}
}

func run(out string) error {
	doc, err := enhancedconnections.Load(context.Background())
	if err != nil {
		return err
	}
	rules, err := fromspec.Rules(doc)
	if err != nil {
		return err
	}
	src, err := goSource("specrules", "Rules", doc.Info.Version, rules)
	if err != nil {
		return err
	}
	// Unchanged output is not rewritten, so that its modification time stays too.
	if old, err := os.ReadFile(out); err == nil && bytes.Equal(old, src) {
		return nil
	}
	return os.WriteFile(out, src, 0o644)
}
