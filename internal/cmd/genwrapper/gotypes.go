package main

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"reflect"
	"strconv"
	"strings"
)

// goTypes is what oapi-codegen generated in gen/, read from its source: the generator works from
// the very types the wrapper's code will use, so that a change in how a schema maps to Go (a
// pointer dropped by the overlay, say) changes the generated code with it.
type goTypes struct {
	decls  map[string]*ast.TypeSpec
	consts []constDecl
}

func loadGoTypes(path string) (*goTypes, error) {
	f, err := parser.ParseFile(token.NewFileSet(), path, nil, parser.SkipObjectResolution)
	if err != nil {
		return nil, err
	}
	g := &goTypes{decls: make(map[string]*ast.TypeSpec), consts: collectConsts(f.Decls)}
	for _, d := range f.Decls {
		gd, ok := d.(*ast.GenDecl)
		if !ok || gd.Tok != token.TYPE {
			continue
		}
		for _, s := range gd.Specs {
			ts := s.(*ast.TypeSpec)
			g.decls[ts.Name.Name] = ts
		}
	}
	return g, nil
}

// kind is the JSON-relevant shape of a Go type.
type kind int

const (
	kString kind = iota
	kBool
	kInt32
	kInt64
	kInt
	kFloat64
	kStruct
	kSlice
	kPointer
	kOther // interface{}, maps: left to encoding/json
)

// shape describes a Go type as far as encoding and decoding need.
type shape struct {
	kind kind
	// name is the gen type's name for structs and named scalar types ("" for builtins), e.g.
	// "Host" or "ConnectionStatus".
	name string
	elem *shape // slices and pointers
}

// goType is how the wrapper's code spells the type.
func (s *shape) goType() string {
	switch s.kind {
	case kPointer:
		return "*" + s.elem.goType()
	case kSlice:
		return "[]" + s.elem.goType()
	}
	if s.name != "" {
		return "gen." + s.name
	}
	switch s.kind {
	case kString:
		return "string"
	case kBool:
		return "bool"
	case kInt32:
		return "int32"
	case kInt64:
		return "int64"
	case kInt:
		return "int"
	case kFloat64:
		return "float64"
	}
	return "any"
}

// shapeOf resolves a type expression of the gen file.
func (g *goTypes) shapeOf(e ast.Expr) (*shape, error) {
	switch t := e.(type) {
	case *ast.StarExpr:
		el, err := g.shapeOf(t.X)
		if err != nil {
			return nil, err
		}
		return &shape{kind: kPointer, elem: el}, nil
	case *ast.ArrayType:
		if t.Len != nil {
			return nil, fmt.Errorf("arrays are not supported")
		}
		el, err := g.shapeOf(t.Elt)
		if err != nil {
			return nil, err
		}
		return &shape{kind: kSlice, elem: el}, nil
	case *ast.InterfaceType, *ast.MapType:
		return &shape{kind: kOther}, nil
	case *ast.Ident:
		switch t.Name {
		case "string":
			return &shape{kind: kString}, nil
		case "bool":
			return &shape{kind: kBool}, nil
		case "int32":
			return &shape{kind: kInt32}, nil
		case "int64":
			return &shape{kind: kInt64}, nil
		case "int":
			return &shape{kind: kInt}, nil
		case "float64":
			return &shape{kind: kFloat64}, nil
		case "any":
			return &shape{kind: kOther}, nil
		}
		ts := g.decls[t.Name]
		if ts == nil {
			return nil, fmt.Errorf("type %s is not declared in gen", t.Name)
		}
		if ts.Assign.IsValid() { // an alias: the same type under another name
			return g.shapeOf(ts.Type)
		}
		if _, ok := ts.Type.(*ast.StructType); ok {
			return &shape{kind: kStruct, name: t.Name}, nil
		}
		under, err := g.shapeOf(ts.Type)
		if err != nil {
			return nil, err
		}
		if under.kind > kFloat64 {
			return nil, fmt.Errorf("named type %s of a composite type is not supported", t.Name)
		}
		return &shape{kind: under.kind, name: t.Name}, nil
	}
	return nil, fmt.Errorf("type expression %T is not supported", e)
}

// field is one struct field and how encoding/json treats it.
type field struct {
	goName    string
	json      string
	omitEmpty bool
	shape     *shape
}

// structFields lists the fields of a gen struct in declaration order (json.Marshal's order).
func (g *goTypes) structFields(name string) ([]field, error) {
	ts := g.decls[name]
	if ts == nil {
		return nil, fmt.Errorf("type %s is not declared in gen", name)
	}
	if ts.Assign.IsValid() {
		id, ok := ts.Type.(*ast.Ident)
		if !ok {
			return nil, fmt.Errorf("alias %s is not of a named struct", name)
		}
		return g.structFields(id.Name)
	}
	st, ok := ts.Type.(*ast.StructType)
	if !ok {
		return nil, fmt.Errorf("type %s is not a struct", name)
	}
	var out []field
	for _, f := range st.Fields.List {
		if len(f.Names) != 1 {
			return nil, fmt.Errorf("%s: embedded or grouped fields are not supported", name)
		}
		if f.Tag == nil {
			return nil, fmt.Errorf("%s.%s has no json tag", name, f.Names[0].Name)
		}
		tag, err := strconv.Unquote(f.Tag.Value)
		if err != nil {
			return nil, err
		}
		js, ok := reflect.StructTag(tag).Lookup("json")
		if !ok {
			return nil, fmt.Errorf("%s.%s has no json tag", name, f.Names[0].Name)
		}
		jsName, opts, _ := strings.Cut(js, ",")
		if jsName == "-" {
			continue
		}
		sh, err := g.shapeOf(f.Type)
		if err != nil {
			return nil, fmt.Errorf("%s.%s: %w", name, f.Names[0].Name, err)
		}
		out = append(out, field{goName: f.Names[0].Name, json: jsName, omitEmpty: hasOpt(opts, "omitempty"), shape: sh})
		if hasOpt(opts, "string") || hasOpt(opts, "omitzero") {
			return nil, fmt.Errorf("%s.%s: json options %q are not supported", name, f.Names[0].Name, opts)
		}
	}
	return out, nil
}

func hasOpt(opts, want string) bool {
	for _, o := range strings.Split(opts, ",") {
		if o == want {
			return true
		}
	}
	return false
}

// responseType is the model type of an operation's answer with a status, read off the
// generated client's XxxHTTPResponse struct (field JSON201 *CreateEnhancedConnectionResponse).
func (g *goTypes) responseType(operationID string, status int) (string, error) {
	name := operationID + "HTTPResponse"
	ts := g.decls[name]
	if ts == nil {
		return "", fmt.Errorf("%s is not declared in gen", name)
	}
	st := ts.Type.(*ast.StructType)
	want := "JSON" + strconv.Itoa(status)
	for _, f := range st.Fields.List {
		if len(f.Names) == 1 && f.Names[0].Name == want {
			if star, ok := f.Type.(*ast.StarExpr); ok {
				if id, ok := star.X.(*ast.Ident); ok {
					return id.Name, nil
				}
			}
		}
	}
	return "", fmt.Errorf("%s has no field %s: the %d answer needs an application/json schema", name, want, status)
}
