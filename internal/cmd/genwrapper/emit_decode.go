package main

import (
	"fmt"
	"go/ast"
	"go/token"
	"sort"
	"strconv"

	"github.com/dli-openapi/enhanced-connections/internal/jsondec"
)

// emitDecoders writes internal/answers/decode.gen.go: a decoder per struct type reachable from a
// success answer, built on internal/jsondec, decoding exactly as encoding/json does (the
// generated differential test, decode_gen_test.go, holds them to it), without reflection. They
// live in a package of their own so that the bench module can compare them with JSON libraries.
func emitDecoders(ops []*opModel, g *goTypes) (src, test []byte, err error) {
	types := map[string]bool{}
	slices := map[string]bool{} // struct element types of slices
	var visit func(name string) error
	visit = func(name string) error {
		if types[name] {
			return nil
		}
		types[name] = true
		fields, err := g.structFields(name)
		if err != nil {
			return err
		}
		for _, f := range fields {
			s := f.shape
			if s.kind == kPointer {
				s = s.elem
			}
			switch {
			case s.kind == kStruct:
				if err := visit(s.name); err != nil {
					return err
				}
			case s.kind == kSlice && s.elem.kind == kStruct:
				slices[s.elem.name] = true
				if err := visit(s.elem.name); err != nil {
					return err
				}
			}
		}
		return nil
	}
	answers := map[string]bool{}
	for _, op := range ops {
		answers[op.SuccessType] = true
		if err := visit(op.SuccessType); err != nil {
			return nil, nil, err
		}
	}

	var e emitter
	e.b.WriteString(header)
	e.p("")
	e.p("package answers")
	e.p("")
	e.p("import (")
	e.p("\t\"github.com/dli-openapi/enhanced-connections/gen\"")
	e.p("\t\"github.com/dli-openapi/enhanced-connections/internal/jsondec\"")
	e.p(")")
	for _, name := range sortedKeys(answers) {
		e.p("")
		e.p("// Decode%s decodes a success answer, which must be a JSON object, into v.", name)
		e.p("func Decode%s(data []byte, v *gen.%s) error {", name, name)
		e.p("\tif err := WantObject(data); err != nil {")
		e.p("\t\treturn err")
		e.p("\t}")
		e.p("\treturn jsondec.Unmarshal(data, v, decodeJSON%s)", name)
		e.p("}")
	}
	enums := map[string]bool{}
	for _, name := range sortedKeys(types) {
		used, err := emitStructDecoder(&e, g, name)
		if err != nil {
			return nil, nil, err
		}
		for _, u := range used {
			enums[u] = true
		}
	}
	for _, name := range sortedKeys(slices) {
		e.p("")
		e.p("// decodeJSON%sSlice decodes an array of %s with encoding/json's growth and truncation.", name, name)
		e.p("func decodeJSON%sSlice(d *jsondec.Decoder, s *[]gen.%s) error {", name, name)
		e.p("\tif ok, err := jsondec.BeginSlice(d, s); !ok {")
		e.p("\t\treturn err")
		e.p("\t}")
		e.p("\ti := 0")
		e.p("\tfor ; ; i++ {")
		e.p("\t\tmore, err := d.NextElem(i == 0)")
		e.p("\t\tif err != nil {")
		e.p("\t\t\treturn err")
		e.p("\t\t}")
		e.p("\t\tif !more {")
		e.p("\t\t\tbreak")
		e.p("\t\t}")
		e.p("\t\tif err := decodeJSON%s(d, jsondec.Elem(s, i)); err != nil {", name)
		e.p("\t\t\treturn jsondec.InIndex(err, i)")
		e.p("\t\t}")
		e.p("\t}")
		e.p("\tjsondec.EndSlice(s, i)")
		e.p("\treturn nil")
		e.p("}")
	}
	for _, name := range sortedKeys(enums) {
		values, err := g.enumValues(name)
		if err != nil {
			return nil, nil, err
		}
		e.p("")
		e.p("// known%s are the values of gen.%s, whose strings a decode reuses instead of allocating.", name, name)
		e.p("var known%s = []gen.%s{%s}", name, name, values)
	}

	var te emitter
	te.b.WriteString(header)
	te.p("")
	te.p("package answers")
	te.p("")
	te.p("import (")
	te.p("\t\"testing\"")
	te.p("")
	te.p("\t\"github.com/dli-openapi/enhanced-connections/internal/jsondec/jsondectest\"")
	te.p(")")
	te.p("")
	te.p("// TestGeneratedDecodersMatchEncodingJSON runs every answer decoder against encoding/json on")
	te.p("// generated and mutated inputs: the same value, or an error whenever encoding/json errs.")
	te.p("func TestGeneratedDecodersMatchEncodingJSON(t *testing.T) {")
	for _, name := range sortedKeys(answers) {
		te.p("\tt.Run(%q, func(t *testing.T) {", name)
		te.p("\t\tst := jsondectest.Run(t, decodeJSON%s, jsondectest.Config{Seed: 1, N: decoderInputs})", name)
		te.p("\t\tcheckOutcomes(t, st)")
		te.p("\t})")
	}
	te.p("}")
	te.p("")
	te.p("// FuzzGeneratedDecoders checks every answer decoder against encoding/json on the fuzzer's input.")
	te.p("func FuzzGeneratedDecoders(f *testing.F) {")
	for _, name := range sortedKeys(answers) {
		te.p("\tjsondectest.Seeds[gen%s](f, 1, 20)", name)
	}
	te.p("\tf.Fuzz(func(t *testing.T, data []byte) {")
	for _, name := range sortedKeys(answers) {
		te.p("\t\tjsondectest.Check(t, data, decodeJSON%s)", name)
	}
	te.p("\t})")
	te.p("}")
	for _, name := range sortedKeys(answers) {
		te.p("")
		te.p("type gen%s = gen.%s", name, name)
	}
	testSrc := te.b.String()
	// The test file needs gen only for the aliases above.
	testSrc = replaceOnce(testSrc, "\t\"testing\"\n", "\t\"testing\"\n\n\t\"github.com/dli-openapi/enhanced-connections/gen\"\n")
	return e.source(), []byte(testSrc), nil
}

func replaceOnce(s, old, new string) string {
	for i := 0; i+len(old) <= len(s); i++ {
		if s[i:i+len(old)] == old {
			return s[:i] + new + s[i+len(old):]
		}
	}
	return s
}

// emitStructDecoder writes decodeJSON<name> and its field matcher; it returns the enum types
// its fields use.
func emitStructDecoder(e *emitter, g *goTypes, name string) ([]string, error) {
	fields, err := g.structFields(name)
	if err != nil {
		return nil, err
	}
	var enums []string
	e.p("")
	e.p("// field%s maps a key to a field of gen.%s as encoding/json does: the exact name, else the", name, name)
	e.p("// folded name (the first field wins when two fold equal); -1 for an unknown key.")
	e.p("func field%s(key []byte) int {", name)
	e.p("\tswitch string(key) {")
	for i, f := range fields {
		e.p("\tcase %q:", f.json)
		e.p("\t\treturn %d", i)
	}
	e.p("\t}")
	e.p("\tvar buf [64]byte")
	e.p("\tswitch string(jsondec.AppendFold(buf[:0], key)) {")
	folded := map[string]bool{}
	for i, f := range fields {
		fo := jsondec.Fold(f.json)
		if folded[fo] {
			continue
		}
		folded[fo] = true
		e.p("\tcase %q:", fo)
		e.p("\t\treturn %d", i)
	}
	e.p("\t}")
	e.p("\treturn -1")
	e.p("}")
	e.p("")
	e.p("// decodeJSON%s decodes an object into v; null leaves v as it is.", name)
	e.p("func decodeJSON%s(d *jsondec.Decoder, v *gen.%s) error {", name, name)
	e.p("\tif ok, err := d.BeginObject(); !ok {")
	e.p("\t\treturn err")
	e.p("\t}")
	e.p("\tfor first := true; ; first = false {")
	e.p("\t\tkey, more, err := d.NextKey(first)")
	e.p("\t\tif err != nil {")
	e.p("\t\t\treturn err")
	e.p("\t\t}")
	e.p("\t\tif !more {")
	e.p("\t\t\treturn nil")
	e.p("\t\t}")
	e.p("\t\tswitch field%s(key) {", name)
	for i, f := range fields {
		stmt, enum, err := decodeStmt(f.shape, "&v."+f.goName)
		if err != nil {
			return nil, fmt.Errorf("%s.%s: %w", name, f.goName, err)
		}
		if enum != "" {
			enums = append(enums, enum)
		}
		markHelpers(e, stmt)
		e.p("\t\tcase %d:", i)
		e.p("\t\t\tif err := %s; err != nil {", stmt)
		e.p("\t\t\t\treturn jsondec.InField(err, %q)", f.json)
		e.p("\t\t\t}")
	}
	e.p("\t\tdefault:")
	e.p("\t\t\tif err := d.Skip(); err != nil {")
	e.p("\t\t\t\treturn err")
	e.p("\t\t\t}")
	e.p("\t\t}")
	e.p("\t}")
	e.p("}")
	return enums, nil
}

// decodeStmt is the call that decodes one value of shape s into the target ref (an address).
func decodeStmt(s *shape, ref string) (stmt, enum string, err error) {
	switch s.kind {
	case kString:
		if s.name != "" {
			return "jsondec.Enum(d, " + ref + ", known" + s.name + ")", s.name, nil
		}
		return "d.String(" + ref + ")", "", nil
	case kBool:
		return "d.Bool(" + ref + ")", "", nil
	case kInt32:
		return "d.Int32(" + ref + ")", "", nil
	case kInt64:
		return "d.Int64(" + ref + ")", "", nil
	case kInt:
		return "d.Int(" + ref + ")", "", nil
	case kFloat64:
		return "d.Float64(" + ref + ")", "", nil
	case kStruct:
		return "decodeJSON" + s.name + "(d, " + ref + ")", "", nil
	case kOther:
		return "d.Fallback(" + ref + ")", "", nil
	case kPointer:
		el := s.elem
		switch el.kind {
		case kString:
			if el.name != "" {
				return "jsondec.StringPtrOf(d, " + ref + ")", "", nil
			}
			return "d.StringPtr(" + ref + ")", "", nil
		case kBool:
			return "d.BoolPtr(" + ref + ")", "", nil
		case kInt32:
			return "d.Int32Ptr(" + ref + ")", "", nil
		case kInt64:
			return "d.Int64Ptr(" + ref + ")", "", nil
		case kInt:
			return "d.IntPtr(" + ref + ")", "", nil
		case kFloat64:
			return "d.Float64Ptr(" + ref + ")", "", nil
		case kStruct:
			return "decodeJSONPointer(d, " + ref + ", decodeJSON" + el.name + ")", "", nil
		}
	case kSlice:
		switch el := s.elem; {
		case el.kind == kStruct:
			return "decodeJSON" + el.name + "Slice(d, " + ref + ")", "", nil
		case el.kind == kString:
			return "decodeJSONStrings(d, " + ref + ")", "", nil
		}
	}
	return "", "", fmt.Errorf("a %s cannot be decoded by the generated decoders; teach genwrapper (emit_decode.go)", s.goType())
}

// enumValues lists the constants gen declares for a named string type, as Go expressions.
func (g *goTypes) enumValues(name string) (string, error) {
	var names []string
	for _, c := range g.consts {
		if c.typ == name {
			names = append(names, "gen."+c.name)
		}
	}
	if len(names) == 0 {
		return "", fmt.Errorf("gen declares no constants of %s", name)
	}
	sort.Strings(names)
	out := ""
	for i, n := range names {
		if i > 0 {
			out += ", "
		}
		out += n
	}
	return out, nil
}

// constDecl is one typed constant of gen.
type constDecl struct{ name, typ string }

// collectConsts reads gen's typed string constants (enum values).
func collectConsts(decls []ast.Decl) []constDecl {
	var out []constDecl
	for _, d := range decls {
		gd, ok := d.(*ast.GenDecl)
		if !ok || gd.Tok != token.CONST {
			continue
		}
		for _, s := range gd.Specs {
			vs := s.(*ast.ValueSpec)
			id, ok := vs.Type.(*ast.Ident)
			if !ok || len(vs.Names) != 1 || len(vs.Values) != 1 {
				continue
			}
			if lit, ok := vs.Values[0].(*ast.BasicLit); ok && lit.Kind == token.STRING {
				if _, err := strconv.Unquote(lit.Value); err == nil {
					out = append(out, constDecl{name: vs.Names[0].Name, typ: id.Name})
				}
			}
		}
	}
	return out
}
