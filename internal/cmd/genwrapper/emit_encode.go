package main

import (
	"fmt"
	"sort"
	"strings"
)

// emitEncoders writes encode.gen.go: an appender per struct type reachable from a request body,
// each writing exactly the bytes json.Marshal writes for the same value (same field order, same
// omissions, same escaping), without reflection. The wrapper's differential test and fuzz target
// hold them to that.
func emitEncoders(ops []*opModel, g *goTypes) ([]byte, error) {
	types := map[string]bool{}
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
			for s := f.shape; s != nil; s = s.elem {
				if s.kind == kStruct {
					if err := visit(s.name); err != nil {
						return err
					}
				}
			}
		}
		return nil
	}
	for _, op := range ops {
		if op.BodyType != "" {
			if err := visit(op.BodyType); err != nil {
				return nil, err
			}
		}
	}
	names := sortedKeys(types)
	sort.Strings(names)

	var e emitter
	e.b.WriteString(header)
	e.p("")
	e.p("package wrapper")
	e.p("")
	e.p("import (")
	e.p("\t\"strconv\"")
	e.p("")
	e.p("\t\"github.com/dli-openapi/enhanced-connections/gen\"")
	e.p(")")
	e.p("")
	e.p("var _ = strconv.AppendInt // not every spec has an integer in a request body")
	for _, name := range names {
		fields, _ := g.structFields(name)
		e.p("")
		e.p("// append%s appends the JSON of v, byte for byte what json.Marshal(v) writes.", name)
		e.p("func append%s(b []byte, v *gen.%s) []byte {", name, name)
		e.p("\tb = append(b, '{')")
		for _, f := range fields {
			if err := emitField(&e, name, f); err != nil {
				return nil, err
			}
		}
		e.p("\treturn closeObject(b)")
		e.p("}")
	}
	return e.source(), nil
}

// emitField writes one field followed by a comma; closeObject turns the last comma into '}'.
func emitField(e *emitter, typeName string, f field) error {
	key := fmt.Sprintf("`%s:`", jsonQuote(f.json))
	ref := "v." + f.goName
	s := f.shape
	switch {
	case s.kind == kPointer:
		// A nil pointer is omitted with omitempty, null without; a set one is its value even when
		// that is the zero value.
		if f.omitEmpty {
			e.p("\tif %s != nil {", ref)
		} else {
			e.p("\tif %s == nil {", ref)
			e.p("\t\tb = append(b, %s...)", fmt.Sprintf("`%s:null,`", jsonQuote(f.json)))
			e.p("\t} else {")
		}
		e.p("\t\tb = append(b, %s...)", key)
		v, err := valueExpr(s.elem, "*"+ref, "\t\t")
		if err != nil {
			return fmt.Errorf("%s.%s: %w", typeName, f.goName, err)
		}
		e.p("%s", v)
		e.p("\t\tb = append(b, ',')")
		e.p("\t}")
		markHelpers(e, v)
	default:
		if cond := emptyCheck(s, ref); f.omitEmpty && cond != "" {
			e.p("\tif %s {", cond)
			e.p("\t\tb = append(b, %s...)", key)
			inner := ref
			if s.kind == kSlice {
				inner = nonNil + ref
			}
			v, err := valueExpr(s, inner, "\t\t")
			if err != nil {
				return fmt.Errorf("%s.%s: %w", typeName, f.goName, err)
			}
			e.p("%s", v)
			e.p("\t\tb = append(b, ',')")
			e.p("\t}")
			markHelpers(e, v)
			return nil
		}
		e.p("\tb = append(b, %s...)", key)
		v, err := valueExpr(s, ref, "\t")
		if err != nil {
			return fmt.Errorf("%s.%s: %w", typeName, f.goName, err)
		}
		e.p("%s", v)
		e.p("\tb = append(b, ',')")
		markHelpers(e, v)
	}
	return nil
}

// markHelpers records the helpers of helperSource that a piece of generated code calls.
func markHelpers(e *emitter, code string) {
	for name := range helperSource {
		if strings.Contains(code, name+"(") {
			e.use(name)
		}
	}
}

// emptyCheck is the condition under which omitempty keeps a field (encoding/json's isEmptyValue);
// "" for kinds omitempty never omits (structs).
func emptyCheck(s *shape, ref string) string {
	switch s.kind {
	case kString:
		return ref + ` != ""`
	case kBool:
		return ref
	case kInt32, kInt64, kInt, kFloat64:
		return ref + " != 0"
	case kSlice:
		return "len(" + ref + ") > 0"
	case kOther:
		return ref + " != nil"
	}
	return ""
}

// valueExpr returns statements that append the JSON of the value ref of shape s.
func valueExpr(s *shape, ref, indent string) (string, error) {
	switch s.kind {
	case kString:
		if s.name != "" {
			ref = "string(" + ref + ")"
		}
		return indent + "b = appendJSONString(b, " + ref + ")", nil
	case kBool:
		return indent + "b = strconv.AppendBool(b, bool(" + ref + "))", nil
	case kInt32, kInt64, kInt:
		return indent + "b = strconv.AppendInt(b, int64(" + ref + "), 10)", nil
	case kStruct:
		if ref[0] == '*' {
			return indent + "b = append" + s.name + "(b, " + ref[1:] + ")", nil
		}
		return indent + "b = append" + s.name + "(b, &" + ref + ")", nil
	case kOther:
		return indent + "b = appendMarshaled(b, " + ref + ")", nil
	case kSlice:
		inner, err := valueExpr(s.elem, "(*x)", indent+"\t\t")
		if s.elem.kind == kPointer {
			inner, err = pointerElem(s.elem, indent+"\t\t")
		}
		if err != nil {
			return "", err
		}
		if s.elem.kind == kStruct {
			inner = indent + "\t\tb = append" + s.elem.name + "(b, x)"
		}
		if strings.HasPrefix(ref, nonNil) {
			// Inside an omitempty check: the slice has elements.
			ref = strings.TrimPrefix(ref, nonNil)
			return indent + "b = append(b, '[')\n" +
				indent + "for i := range " + ref + " {\n" +
				indent + "\tif i > 0 {\n" + indent + "\t\tb = append(b, ',')\n" + indent + "\t}\n" +
				indent + "\tx := &" + ref + "[i]\n" +
				strings.ReplaceAll(inner, "\n"+indent+"\t\t", "\n"+indent+"\t")[1:] + "\n" +
				indent + "}\n" +
				indent + "b = append(b, ']')", nil
		}
		out := indent + "if " + ref + " == nil {\n" +
			indent + "\tb = append(b, \"null\"...)\n" +
			indent + "} else {\n" +
			indent + "\tb = append(b, '[')\n" +
			indent + "\tfor i := range " + ref + " {\n" +
			indent + "\t\tif i > 0 {\n" + indent + "\t\t\tb = append(b, ',')\n" + indent + "\t\t}\n" +
			indent + "\t\tx := &" + ref + "[i]\n" +
			inner + "\n" +
			indent + "\t}\n" +
			indent + "\tb = append(b, ']')\n" +
			indent + "}"
		return out, nil
	}
	return "", fmt.Errorf("a %s cannot be encoded by the generated appenders; teach genwrapper (emit_encode.go)", s.goType())
}

// nonNil marks a slice reference known to have elements, whose null case need not be written.
const nonNil = "\x00"

// pointerElem appends a slice element that is a pointer: null when nil.
func pointerElem(s *shape, indent string) (string, error) {
	inner, err := valueExpr(s.elem, "(**x)", indent+"\t")
	if err != nil {
		return "", err
	}
	if s.elem.kind == kStruct {
		inner = indent + "\tb = append" + s.elem.name + "(b, *x)"
	}
	return indent + "if *x == nil {\n" + indent + "\tb = append(b, \"null\"...)\n" + indent + "} else {\n" + inner + "\n" + indent + "}", nil
}

// jsonQuote is a JSON object key as json.Marshal writes it; the spec's names are plain ASCII,
// which needs no escaping, and anything else is refused so that a generated key is never wrong.
func jsonQuote(name string) string {
	for _, c := range name {
		if c < 0x20 || c > 0x7e || c == '"' || c == '\\' || c == '<' || c == '>' || c == '&' || c == '`' {
			panic(fmt.Sprintf("genwrapper: JSON name %q needs escaping; teach jsonQuote", name))
		}
	}
	return `"` + name + `"`
}
