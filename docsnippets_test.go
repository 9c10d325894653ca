package enhancedconnections_test

import (
	"fmt"
	"go/ast"
	"go/doc/comment"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// A Go snippet in a doc comment is what `go doc` shows users, and nothing compiles it: a rename
// left `go doc wrapper.Client.Connections` showing gen.FilterActive, which no longer exists
// (issue 19). So every Go code block of a doc comment must be copied from an Example function
// or a test, which the compiler checks: its lines, in order, are lines of one Example or Test
// function's body. Comparing ignores indentation and trailing comments, a doc line that is
// only "..." (or "... // what goes there") stands for lines left out, and "{ ... }" at the end
// of a line for the block it opens. A block that is not Go (a
// shell command, a grammar) is recognised by isGoBlock.

// skippedDirs are not part of this module's packages, or hold no Go of ours.
var skippedDirs = map[string]bool{
	".git": true, "node_modules": true, "bench": true, "conformance": true, "examples": true, "tools": true,
	"testdata": true, "dist": true, "ts": true,
}

// docBlock is one code block of a doc comment.
type docBlock struct {
	where string // file:line of the comment
	lines []string
}

// functionBodies are the bodies of every Example and Test function of the module, as lines.
func functionBodies(t *testing.T, files map[string]*ast.File, fset *token.FileSet, src map[string][]byte) map[string][]string {
	t.Helper()
	bodies := map[string][]string{}
	for path, f := range files {
		if !strings.HasSuffix(path, "_test.go") {
			continue
		}
		for _, d := range f.Decls {
			fn, ok := d.(*ast.FuncDecl)
			if !ok || fn.Body == nil || !(strings.HasPrefix(fn.Name.Name, "Example") || strings.HasPrefix(fn.Name.Name, "Test")) {
				continue
			}
			start, end := fset.Position(fn.Body.Lbrace).Offset, fset.Position(fn.Body.Rbrace).Offset
			bodies[path+": "+fn.Name.Name] = normalizeLines(strings.Split(string(src[path][start+1:end]), "\n"))
		}
	}
	return bodies
}

var trailingComment = regexp.MustCompile(`\s+//.*$`)

// normalizeLines drops indentation, trailing comments, comment lines, blank lines and the
// "..." lines that stand for code left out.
func normalizeLines(lines []string) []string {
	var out []string
	for _, l := range lines {
		l = strings.TrimSpace(trailingComment.ReplaceAllString(l, ""))
		if block, ok := strings.CutSuffix(l, "{ ... }"); ok {
			l = block + "{"
		}
		if l == "" || strings.HasPrefix(l, "//") || l == "..." {
			continue
		}
		out = append(out, l)
	}
	return out
}

// isSubsequence reports whether want's lines appear in have in order.
func isSubsequence(want, have []string) bool {
	i := 0
	for _, h := range have {
		if i < len(want) && want[i] == h {
			i++
		}
	}
	return i == len(want)
}

// notGoLine: a shell command, a grammar's arrow, a signature line, or a YAML key (lower case, as
// a spec extension's are; Go's keyed fields are exported, hence upper case).
var notGoLine = regexp.MustCompile(`^(go|npm|npx|bash|sh|cd|export|edsconn) |\s->\s|^[A-Z0-9]+(-[A-Z0-9]+)*-HMAC-SHA256 |^[a-z][a-z0-9_-]*:(\s|$)`)

// isGoBlock reports whether a code block is Go, rather than shell commands or a grammar.
func isGoBlock(lines []string) bool {
	for _, l := range lines {
		if l = strings.TrimSpace(l); l != "" && !notGoLine.MatchString(l) {
			return true
		}
	}
	return false
}

// docBlocks returns the code blocks of every comment of the non-test files.
func docBlocks(files map[string]*ast.File, fset *token.FileSet) []docBlock {
	var p comment.Parser
	var blocks []docBlock
	for path, f := range files {
		if strings.HasSuffix(path, "_test.go") {
			continue
		}
		for _, cg := range f.Comments {
			for _, b := range p.Parse(cg.Text()).Content {
				if c, ok := b.(*comment.Code); ok {
					blocks = append(blocks, docBlock{
						where: fmt.Sprintf("%s:%d", path, fset.Position(cg.Pos()).Line),
						lines: strings.Split(strings.TrimRight(c.Text, "\n"), "\n"),
					})
				}
			}
		}
	}
	slices.SortFunc(blocks, func(a, b docBlock) int { return strings.Compare(a.where, b.where) })
	return blocks
}

// parseModule parses every Go file of the module's packages.
func parseModule(t *testing.T) (map[string]*ast.File, *token.FileSet, map[string][]byte) {
	t.Helper()
	fset := token.NewFileSet()
	files, src := map[string]*ast.File{}, map[string][]byte{}
	err := filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if path != "." && (skippedDirs[d.Name()] || strings.HasPrefix(d.Name(), ".")) {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") {
			return nil
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		f, err := parser.ParseFile(fset, path, b, parser.ParseComments)
		if err != nil {
			return err
		}
		files[path], src[path] = f, b
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return files, fset, src
}

func TestDocCommentSnippetsAreExamples(t *testing.T) {
	files, fset, src := parseModule(t)
	bodies := functionBodies(t, files, fset, src)
	checked := 0
	for _, b := range docBlocks(files, fset) {
		if !isGoBlock(b.lines) {
			continue
		}
		checked++
		want := normalizeLines(b.lines)
		found := false
		for _, body := range bodies {
			if isSubsequence(want, body) {
				found = true
				break
			}
		}
		if !found {
			t.Errorf("%s: this doc comment's Go block is in no Example or Test function, so nothing compiles it: "+
				"copy its lines from one (\"...\" may stand for lines left out):\n%s", b.where, strings.Join(b.lines, "\n"))
		}
	}
	if checked < 5 {
		t.Errorf("found %d Go blocks in doc comments; the module has more: is the walk broken?", checked)
	}
}

// The check itself: a block copied from a function passes, one with a renamed identifier or a
// line out of order does not, and shell blocks are not Go.
func TestDocSnippetCheck(t *testing.T) {
	body := normalizeLines(strings.Split(`
	ctx := context.Background()
	for conn, err := range client.Connections(ctx, nil) { // every page
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(conn.Name)
	}`, "\n"))
	for _, tc := range []struct {
		doc  string
		want bool
	}{
		{"for conn, err := range client.Connections(ctx, nil) {\n\t...\n\tfmt.Println(conn.Name)\n}", true},
		{"for conn, err := range client.Connections(ctx, nil) {\n\t... // handle err\n}", true},
		{"for conn, err := range client.Connections(ctx, nil) {\n\tif err != nil { ... }\n}", true},
		{"for conn, err := range client.Conns(ctx, nil) {\n}", false},
		{"fmt.Println(conn.Name)\nctx := context.Background()", false},
	} {
		if got := isSubsequence(normalizeLines(strings.Split(tc.doc, "\n")), body); got != tc.want {
			t.Errorf("%q: %v, want %v", tc.doc, got, tc.want)
		}
	}
	for _, tc := range []struct {
		block string
		goes  bool
	}{
		{"go run ./internal/cmd/genrules -o wrapper/rules.gen.go", false},
		{"record -> iam -> routing", false},
		{"SDK-HMAC-SHA256 Access=AK, SignedHeaders=a;b, Signature=hex", false},
		{"srv, err := fake.Start(fake.Options{})\n...", true},
	} {
		if got := isGoBlock(strings.Split(tc.block, "\n")); got != tc.goes {
			t.Errorf("isGoBlock(%q) = %v", tc.block, got)
		}
	}
}
