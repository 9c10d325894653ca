package enhancedconnections_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// The Go names that CHANGELOG.md, README.md and CONTRIBUTING.md write in code spans
// (`gen.ConnectionActive`, `wrapper.Client.WaitActive`) are the module's, checked against its
// source: CHANGELOG once told users to write `gen.ACTIVE`, a constant renamed before it was
// released (issue 19). A name that CHANGELOG says is gone is listed in removedNames, and must
// stay gone.

// docPackages maps the package names the documents use to their directories.
var docPackages = map[string]string{
	"enhancedconnections": ".", "gen": "gen", "wrapper": "wrapper", "signer": "wrapper/signer",
	"credentials": "wrapper/credentials", "fake": "fake",
}

// removedNames are the names CHANGELOG's Breaking sections say were removed or renamed.
var removedNames = []string{
	"gen.FilterActive", "gen.FilterDeleted", "gen.ConnectionStatusFilter.Valid",
	"wrapper.NewSigner", "wrapper.NewSignerFromCredentials", "wrapper.NewDerivedSigner", "wrapper.Signer",
	"wrapper.SignatureError", "wrapper.VerifySignature", "wrapper.VerifySignatureAt", "wrapper.MaxClockSkew",
	"wrapper.Validator", "wrapper.DefaultValidator",
}

// goName finds pkg.Name and pkg.Type.Member in code spans.
var (
	codeSpan = regexp.MustCompile("`[^`\n]+`")
	goName   = regexp.MustCompile(`\b(enhancedconnections|gen|wrapper|signer|credentials|fake)\.([A-Z]\w*)(?:\.([A-Z]\w*))?`)
)

// apiNames are the exported names of a package: top-level names, and Type.Member for methods,
// struct fields and interface methods; aliases maps a type alias to its target ("signer.Credentials").
type apiNames struct {
	names   map[string]bool
	aliases map[string]string
}

func readAPI(t *testing.T, dir string) apiNames {
	t.Helper()
	api := apiNames{names: map[string]bool{}, aliases: map[string]string{}}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	for _, e := range entries {
		if !strings.HasSuffix(e.Name(), ".go") || strings.HasSuffix(e.Name(), "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, filepath.Join(dir, e.Name()), nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range f.Decls {
			switch d := d.(type) {
			case *ast.FuncDecl:
				if d.Recv == nil {
					api.names[d.Name.Name] = true
					continue
				}
				recv := d.Recv.List[0].Type
				if star, ok := recv.(*ast.StarExpr); ok {
					recv = star.X
				}
				if idx, ok := recv.(*ast.IndexExpr); ok {
					recv = idx.X
				}
				if id, ok := recv.(*ast.Ident); ok {
					api.names[id.Name+"."+d.Name.Name] = true
				}
			case *ast.GenDecl:
				for _, s := range d.Specs {
					switch s := s.(type) {
					case *ast.ValueSpec:
						for _, n := range s.Names {
							api.names[n.Name] = true
						}
					case *ast.TypeSpec:
						api.names[s.Name.Name] = true
						if sel, ok := s.Type.(*ast.SelectorExpr); ok && s.Assign.IsValid() {
							if pkg, ok := sel.X.(*ast.Ident); ok {
								api.aliases[s.Name.Name] = pkg.Name + "." + sel.Sel.Name
							}
						}
						var fields *ast.FieldList
						switch tt := s.Type.(type) {
						case *ast.StructType:
							fields = tt.Fields
						case *ast.InterfaceType:
							fields = tt.Methods
						}
						if fields == nil {
							continue
						}
						for _, fl := range fields.List {
							for _, n := range fl.Names {
								api.names[s.Name.Name+"."+n.Name] = true
							}
						}
					}
				}
			}
		}
	}
	return api
}

// exists reports whether pkg.name (name may be Type.Member) is in the module's API.
func exists(apis map[string]apiNames, pkg, name string) bool {
	api, ok := apis[pkg]
	if !ok {
		return false
	}
	if api.names[name] {
		return true
	}
	typ, member, ok := strings.Cut(name, ".")
	if !ok {
		return false
	}
	if target, ok := api.aliases[typ]; ok {
		tpkg, tname, _ := strings.Cut(target, ".")
		return exists(apis, tpkg, tname+"."+member)
	}
	return false
}

func TestDocumentsNameOnlyWhatExists(t *testing.T) {
	apis := map[string]apiNames{}
	for pkg, dir := range docPackages {
		apis[pkg] = readAPI(t, dir)
	}
	for _, gone := range removedNames {
		pkg, name, _ := strings.Cut(gone, ".")
		if exists(apis, pkg, name) {
			t.Errorf("%s exists again: take it out of removedNames (and CHANGELOG's words that it is gone)", gone)
		}
	}
	checked := 0
	for _, doc := range []string{"CHANGELOG.md", "README.md", "CONTRIBUTING.md"} {
		text, err := os.ReadFile(doc)
		if err != nil {
			t.Fatal(err)
		}
		for i, line := range strings.Split(string(text), "\n") {
			for _, span := range codeSpan.FindAllString(line, -1) {
				for _, m := range goName.FindAllStringSubmatch(span, -1) {
					name := m[2]
					if m[3] != "" {
						name += "." + m[3]
					}
					checked++
					if exists(apis, m[1], name) {
						continue
					}
					if doc == "CHANGELOG.md" && slices.Contains(removedNames, m[1]+"."+name) {
						continue
					}
					t.Errorf("%s:%d: %s names %s.%s, which the module does not have", doc, i+1, span, m[1], name)
				}
			}
		}
	}
	if checked < 30 {
		t.Errorf("only %d names checked: is the pattern broken?", checked)
	}
}

// The check itself: a renamed constant is not found, a member through a type alias is.
func TestDocumentNameCheck(t *testing.T) {
	apis := map[string]apiNames{}
	for pkg, dir := range docPackages {
		apis[pkg] = readAPI(t, dir)
	}
	for name, want := range map[string]bool{
		"gen.ACTIVE": false, "gen.ConnectionActive": true, "wrapper.Client.WaitActive": true,
		"wrapper.Client.Wait": false, "wrapper.Credentials.SecretKey": true, "wrapper.Config.Middleware": true,
		"signer.Keys": true, "fake.Options.ActivationDelay": true,
	} {
		pkg, rest, _ := strings.Cut(name, ".")
		if got := exists(apis, pkg, rest); got != want {
			t.Errorf("exists(%s) = %v, want %v", name, got, want)
		}
	}
}
