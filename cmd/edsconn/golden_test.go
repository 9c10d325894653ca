package main

import (
	"bytes"
	"context"
	"flag"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	enhancedconnections "github.com/dli-openapi/enhanced-connections"
)

// The golden files make a change of wording a reviewed diff: go test ./cmd/edsconn -update
// rewrites them.
var update = flag.Bool("update", false, "rewrite the golden files under testdata/golden")

const goldenDir = "testdata/golden"

// golden compares got with the file, or writes it with -update.
func golden(t *testing.T, name string, got string) {
	t.Helper()
	path := filepath.Join(goldenDir, name)
	if *update {
		require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
		require.NoError(t, os.WriteFile(path, []byte(got), 0o644))
		return
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "no golden file %s: run go test ./cmd/edsconn -update and review the diff", path)
	assert.Equal(t, string(want), got, "%s differs: run go test ./cmd/edsconn -update and review the diff", path)
}

// goldenFiles checks that a golden directory holds only the files the test wrote, so that a
// removed command leaves no stale file behind.
func goldenFiles(t *testing.T, dir string, names []string) {
	t.Helper()
	if *update {
		entries, _ := os.ReadDir(filepath.Join(goldenDir, dir))
		keep := map[string]bool{}
		for _, n := range names {
			keep[n] = true
		}
		for _, e := range entries {
			if !keep[e.Name()] {
				require.NoError(t, os.Remove(filepath.Join(goldenDir, dir, e.Name())))
			}
		}
		return
	}
	entries, err := os.ReadDir(filepath.Join(goldenDir, dir))
	require.NoError(t, err)
	var have []string
	for _, e := range entries {
		have = append(have, e.Name())
	}
	sort.Strings(names)
	assert.Equal(t, names, have, "golden files in %s", dir)
}

// Every command's help, as -h prints it: the same on stdout for --help and `help COMMAND`, and
// the same for an operationId and its aliases.
func TestGoldenHelp(t *testing.T) {
	var names []string
	check := func(file string, args ...string) {
		t.Helper()
		code, out, errOut := runCLI(t, args...)
		require.Equal(t, exitOK, code, "%v: %s", args, errOut)
		assert.Empty(t, errOut, "%v: help goes to stdout", args)
		golden(t, filepath.Join("help", file), out)
		names = append(names, file)
		for _, alt := range [][]string{append(args[:len(args)-1:len(args)-1], "-h"), {"help", args[0]}} {
			if args[0] == "help" {
				break
			}
			code, again, _ := runCLI(t, alt...)
			assert.Equal(t, exitOK, code, "%v", alt)
			assert.Equal(t, out, again, "%v prints what %v does", alt, args)
		}
	}
	check("edsconn.txt", "help")
	for _, op := range specOperations {
		check(op.id+".txt", op.id, "--help")
		for _, a := range aliasesOf(op.id) {
			code, out, _ := runCLI(t, a, "--help")
			require.Equal(t, exitOK, code)
			_, want, _ := runCLI(t, op.id, "--help")
			assert.Equal(t, want, out, "alias %s has the help of %s", a, op.id)
		}
	}
	for _, b := range builtins {
		if b.name == "fake-server" {
			continue // its flags are fakeserver.go's own, reworked elsewhere; its help is its own
		}
		check(b.name+".txt", b.name, "--help")
	}
	goldenFiles(t, "help", names)
}

// Every table the CLI prints for an answer, from the examples of the spec's answers.
func TestGoldenTables(t *testing.T) {
	doc, err := enhancedconnections.Load(context.Background())
	require.NoError(t, err)
	var names []string
	for _, op := range specOperations {
		spec := doc.Paths.Value(op.path).GetOperation(op.method)
		var examples map[string]any
		noContent := false
		for code, resp := range spec.Responses.Map() {
			if code[0] != '2' {
				continue
			}
			if resp.Value.Content.Get("application/json") == nil {
				noContent = true // a 204: the command prints "ok", no table
				continue
			}
			examples = map[string]any{}
			for name, ex := range resp.Value.Content.Get("application/json").Examples {
				examples[name] = ex.Value.Value
			}
		}
		if noContent {
			continue
		}
		require.NotEmpty(t, examples, "%s: the spec has no example of its answer", op.id)
		var b strings.Builder
		keys := make([]string, 0, len(examples))
		for k := range examples {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			g, err := toGeneric(examples[k])
			require.NoError(t, err)
			var out bytes.Buffer
			require.NoError(t, renderAnswer(&out, g, op.answer, ""), "%s %s", op.id, k)
			b.WriteString("# example " + k + "\n" + out.String() + "\n")
		}
		golden(t, filepath.Join("table", op.id+".txt"), b.String())
		names = append(names, op.id+".txt")
	}
	goldenFiles(t, "table", names)
}

// The completion scripts, generated from the command list.
func TestGoldenCompletion(t *testing.T) {
	var names []string
	for _, shell := range []string{"bash", "zsh", "fish"} {
		code, out, errOut := runCLI(t, "completion", shell)
		require.Equal(t, exitOK, code, errOut)
		golden(t, filepath.Join("completion", "edsconn."+shell), out)
		names = append(names, "edsconn."+shell)
	}
	goldenFiles(t, "completion", names)
}
