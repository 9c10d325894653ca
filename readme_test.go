package enhancedconnections_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"go/scanner"
	"go/token"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// A ```go block of README.md is either
//   - a complete file: its first line that is neither blank nor a comment starts with "package";
//   - or statements: the body of `func snippet(ctx context.Context) error`, with `return nil`
//     appended, importing each package of snippetImports that the block names (`wrapper.New`
//     imports wrapper). Anything else (a type, a func, another package) needs a complete file.
//
// Every block is built with `go build` against this module, the work tree as it is, through an
// overlay: nothing is written into the tree, and no go.mod is made up. A failure names the
// README line the compiler complains about.

// snippetImports are the packages a statement block may use without importing them.
var snippetImports = map[string]string{
	"context": "context", "errors": "errors", "fmt": "fmt", "http": "net/http", "json": "encoding/json", "log": "log",
	"os": "os", "slog": "log/slog", "strings": "strings", "time": "time",
	"enhancedconnections": "github.com/dli-openapi/enhanced-connections",
	"fake":                "github.com/dli-openapi/enhanced-connections/fake",
	"gen":                 "github.com/dli-openapi/enhanced-connections/gen",
	"wrapper":             "github.com/dli-openapi/enhanced-connections/wrapper",
	"signer":              "github.com/dli-openapi/enhanced-connections/wrapper/signer",
}

// goBlock is one ```go block: its text and the README line of its first line.
type goBlock struct {
	line int
	text string
}

func goBlocks(readme string) ([]goBlock, error) {
	var blocks []goBlock
	var cur *goBlock
	var body []string
	lines := strings.Split(readme, "\n")
	for i, l := range lines {
		t := strings.TrimSpace(l)
		switch {
		case cur == nil && t == "```go":
			cur, body = &goBlock{line: i + 2}, nil
		case cur != nil && t == "```":
			cur.text = strings.Join(body, "\n") + "\n"
			blocks = append(blocks, *cur)
			cur = nil
		case cur != nil:
			body = append(body, l)
		}
	}
	if cur != nil {
		return nil, fmt.Errorf("README.md:%d: ```go block never closed", cur.line-1)
	}
	return blocks, nil
}

// isFile reports whether a block is a complete Go file.
func isFile(text string) bool {
	for _, l := range strings.Split(text, "\n") {
		l = strings.TrimSpace(l)
		if l == "" || strings.HasPrefix(l, "//") {
			continue
		}
		return strings.HasPrefix(l, "package ")
	}
	return false
}

// wrap turns a block into a Go file, and says how many lines precede the block's first line in it.
func wrap(b goBlock) (src string, offset int) {
	if isFile(b.text) {
		return b.text, 0
	}
	used := map[string]bool{"context": true}
	var s scanner.Scanner
	fset := token.NewFileSet()
	s.Init(fset.AddFile("", -1, len(b.text)), []byte(b.text), nil, 0)
	prev := ""
	for {
		_, tok, lit := s.Scan()
		if tok == token.EOF {
			break
		}
		if tok == token.PERIOD && snippetImports[prev] != "" {
			used[prev] = true
		}
		prev = ""
		if tok == token.IDENT {
			prev = lit
		}
	}
	var names []string
	for n := range used {
		names = append(names, n)
	}
	sort.Strings(names)
	var h strings.Builder
	h.WriteString("package snippet\n\nimport (\n")
	for _, n := range names {
		fmt.Fprintf(&h, "\t%s %q\n", n, snippetImports[n])
	}
	h.WriteString(")\n\nfunc snippet(ctx context.Context) error {\n")
	header := h.String()
	return header + b.text + "\treturn nil\n}\n", strings.Count(header, "\n")
}

// buildBlocks builds every block and returns the compiler's complaints with README lines.
func buildBlocks(t *testing.T, blocks []goBlock) []string {
	t.Helper()
	root, err := os.Getwd() // the module root: this file's package is the root package
	if err != nil {
		t.Fatal(err)
	}
	tmp := t.TempDir()
	replace := map[string]string{}
	type placed struct {
		block  goBlock
		offset int // lines of the file before the block's first line
	}
	files := map[string]placed{}
	var pkgs []string
	for _, b := range blocks {
		src, offset := wrap(b)
		name := fmt.Sprintf("readme_line_%d.go", b.line)
		file := filepath.Join(tmp, name)
		if err := os.WriteFile(file, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
		// A directory that does not exist in the module, so the overlay adds a package.
		pkg := fmt.Sprintf("readme_snippets_%d", b.line)
		replace[filepath.Join(root, "_readme", pkg, "snippet.go")] = file
		pkgs = append(pkgs, "./_readme/"+pkg)
		files[name] = placed{b, offset}
	}
	// go build -overlay: a JSON object whose Replace maps the file the build sees to the real one.
	ov, err := json.Marshal(map[string]map[string]string{"Replace": replace})
	if err != nil {
		t.Fatal(err)
	}
	overlay := filepath.Join(tmp, "overlay.json")
	if err := os.WriteFile(overlay, ov, 0o644); err != nil {
		t.Fatal(err)
	}
	args := append([]string{"build", "-overlay", overlay, "-o", os.DevNull}, pkgs...)
	cmd := exec.Command("go", args...)
	cmd.Dir = root
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if cmd.Run() == nil {
		return nil
	}
	// Compiler lines name the overlay's files: map them back to README lines.
	re := regexp.MustCompile(`(?m)^\S*(readme_line_\d+\.go):(\d+)(?::\d+)?: (.*)$`)
	var problems []string
	for _, m := range re.FindAllStringSubmatch(out.String(), -1) {
		f := files[m[1]]
		b := f.block
		n, _ := strconv.Atoi(m[2])
		line := b.line + n - 1 - f.offset
		if line < b.line {
			line = b.line // in the wrapper's import lines: a package name that is not in snippetImports
		}
		problems = append(problems, fmt.Sprintf("README.md:%d: %s", line, m[3]))
	}
	if len(problems) == 0 {
		problems = append(problems, "go build of README's Go blocks failed:\n"+out.String())
	}
	t.Logf("go build:\n%s", out.String())
	return problems
}

func TestReadmeGoBlocksCompile(t *testing.T) {
	readme, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	blocks, err := goBlocks(string(readme))
	if err != nil {
		t.Fatal(err)
	}
	if len(blocks) == 0 {
		t.Fatal("README.md has no ```go block: this test expects the usage examples to be there")
	}
	for _, p := range buildBlocks(t, blocks) {
		t.Error(p)
	}
}

// The check itself: a broken block is reported at its README line, a good one is not, whether a
// statement block or a complete file.
func TestReadmeCheckNamesTheLine(t *testing.T) {
	readme := strings.Join([]string{
		"# title", // 1
		"```go",   // 2
		"c, err := wrapper.New(wrapper.Config{})", // 3
		"if err != nil {",                         // 4
		"\treturn err",                            // 5
		"}",                                       // 6
		"_ = c.ShowEnhancedConnectio",             // 7: misspelt method
		"```",                                     // 8
		"```go",                                   // 9
		"// A complete file.",                     // 10
		"package main",                            // 11
		"",                                        // 12
		"func main() { var unused int }",          // 13
		"```",                                     // 14
		"```go",                                   // 15
		"fmt.Println(len(enhancedconnections.Spec()))", // 16: fine
		"```",             // 17
		"```go",           // 18
		"yaml.Marshal(1)", // 19: not a convention import
		"```",             // 20
	}, "\n")
	blocks, err := goBlocks(readme)
	if err != nil {
		t.Fatal(err)
	}
	if len(blocks) != 4 {
		t.Fatalf("found %d blocks, want 4", len(blocks))
	}
	got := strings.Join(buildBlocks(t, blocks), "\n")
	for _, want := range []string{
		"README.md:7: c.ShowEnhancedConnectio undefined",
		"README.md:13: declared and not used: unused",
		"README.md:19: undefined: yaml",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %q in:\n%s", want, got)
		}
	}
	if strings.Contains(got, "README.md:16") {
		t.Errorf("a good block was reported:\n%s", got)
	}
}
