package main

import "fmt"

// emitAnswers writes answers.gen.go: for every success type, its envelope reader (is_success
// and message) and the check of the fields the spec requires.
func emitAnswers(ops []*opModel, g *goTypes) ([]byte, error) {
	seen := map[string]bool{}
	for _, op := range ops {
		seen[op.SuccessType] = true
	}
	var e emitter
	e.b.WriteString(header)
	e.p("")
	e.p("package wrapper")
	e.p("")
	e.p("import (")
	e.p("\t\"github.com/dli-openapi/enhanced-connections/gen\"")
	e.p("\t\"github.com/dli-openapi/enhanced-connections/internal/answers\"")
	e.p(")")
	checks := &requiredChecks{g: g, has: map[string]bool{}}
	for _, name := range sortedKeys(seen) {
		if _, err := checks.needs(name); err != nil {
			return nil, err
		}
	}
	for _, name := range sortedKeys(seen) {
		fields, err := g.structFields(name)
		if err != nil {
			return nil, err
		}
		byJSON := map[string]field{}
		for _, f := range fields {
			byJSON[f.json] = f
		}
		e.p("")
		e.p("// decode%s decodes a success answer into out, a *gen.%s.", name, name)
		e.p("func decode%s(data []byte, out any) error { return answers.Decode%s(data, out.(*gen.%s)) }", name, name, name)
		e.p("")
		if checks.has[name] {
			e.p("// required%s reports the first field the spec requires that a decoded answer lacks.", name)
			e.p("func required%s(out any) error { return check%s(out.(*gen.%s)) }", name, name, name)
		}
		e.p("// envelope%s reads is_success (absent counts as true) and message of a decoded answer.", name)
		e.p("func envelope%s(out any) (ok bool, message string) {", name)
		ok, msg := byJSON["is_success"], byJSON["message"]
		if ok.goName == "" && msg.goName == "" {
			e.p("\treturn true, \"\"")
			e.p("}")
			continue
		}
		e.p("\tv := out.(*gen.%s)", name)
		okExpr, msgExpr := "true", `""`
		if ok.goName != "" {
			okExpr, err = flagExpr(ok, "v")
			if err != nil {
				return nil, fmt.Errorf("%s: %w", name, err)
			}
		}
		if msg.goName != "" {
			msgExpr, err = textExpr(msg, "v")
			if err != nil {
				return nil, fmt.Errorf("%s: %w", name, err)
			}
		}
		markHelpers(&e, okExpr+msgExpr)
		e.p("\treturn %s, %s", okExpr, msgExpr)
		e.p("}")
	}
	for _, name := range sortedKeys(checks.has) {
		if !checks.has[name] {
			continue
		}
		if err := checks.emit(&e, name); err != nil {
			return nil, err
		}
	}
	return e.source(), nil
}

// requiredChecks finds the answer types that have required fields, themselves or in what they
// contain: a field oapi-codegen wrote without omitempty is one the spec requires.
type requiredChecks struct {
	g   *goTypes
	has map[string]bool // struct name -> whether it needs a check
}

func (r *requiredChecks) needs(name string) (bool, error) {
	if v, ok := r.has[name]; ok {
		return v, nil
	}
	r.has[name] = false // a recursive type's own fields decide
	fields, err := r.g.structFields(name)
	if err != nil {
		return false, err
	}
	need := false
	for _, f := range fields {
		if !f.omitEmpty {
			switch f.shape.kind {
			case kInt32, kInt64, kInt, kBool, kFloat64:
				return false, fmt.Errorf("%s.%s: a required number or boolean in an answer cannot be told from an absent one after decoding; teach the decoders (emit_decode.go) to track its presence", name, f.goName)
			}
			need = true
		}
		if inner := structIn(f.shape); inner != "" {
			n, err := r.needs(inner)
			if err != nil {
				return false, err
			}
			need = need || n
		}
	}
	r.has[name] = need
	return need, nil
}

// structIn is the struct a field holds directly, through a pointer or as slice elements.
func structIn(s *shape) string {
	for ; s != nil; s = s.elem {
		if s.kind == kStruct {
			return s.name
		}
	}
	return ""
}

// emit writes check<name>, which reports the first required field that is absent or empty.
func (r *requiredChecks) emit(e *emitter, name string) error {
	fields, _ := r.g.structFields(name)
	e.p("")
	e.p("// check%s reports the first field the spec requires that the answer lacks.", name)
	e.p("func check%s(v *gen.%s) error {", name, name)
	for _, f := range fields {
		ref := "v." + f.goName
		if !f.omitEmpty {
			switch f.shape.kind {
			case kString:
				e.p("\tif %s == \"\" {", ref)
				e.p("\t\treturn missingField(%q)", f.json)
				e.p("\t}")
			case kSlice, kPointer, kOther:
				e.p("\tif %s == nil {", ref)
				e.p("\t\treturn missingField(%q)", f.json)
				e.p("\t}")
			}
		}
		inner := structIn(f.shape)
		if inner == "" || !r.has[inner] {
			continue
		}
		switch f.shape.kind {
		case kStruct:
			e.p("\tif err := check%s(&%s); err != nil {", inner, ref)
			e.p("\t\treturn inField(err, %q, -1)", f.json)
			e.p("\t}")
		case kPointer:
			e.p("\tif %s != nil {", ref)
			e.p("\t\tif err := check%s(%s); err != nil {", inner, ref)
			e.p("\t\t\treturn inField(err, %q, -1)", f.json)
			e.p("\t\t}")
			e.p("\t}")
		case kSlice:
			if f.shape.elem.kind != kStruct {
				return fmt.Errorf("%s.%s: required fields inside a slice of %s are not supported", name, f.goName, f.shape.elem.goType())
			}
			e.p("\tfor i := range %s {", ref)
			e.p("\t\tif err := check%s(&%s[i]); err != nil {", inner, ref)
			e.p("\t\t\treturn inField(err, %q, i)", f.json)
			e.p("\t\t}")
			e.p("\t}")
		}
	}
	e.p("\treturn nil")
	e.p("}")
	return nil
}

// flagExpr reads an is_success field: absent (a nil pointer) counts as success, since several
// documented answers omit it.
func flagExpr(f field, v string) (string, error) {
	switch {
	case f.shape.kind == kPointer && f.shape.elem.kind == kBool:
		return fmt.Sprintf("%s.%s == nil || *%s.%s", v, f.goName, v, f.goName), nil
	case f.shape.kind == kBool:
		return "", fmt.Errorf("is_success must stay a pointer: absent and false differ (check spec/go-overlay.yaml)")
	}
	return "", fmt.Errorf("is_success is a %s, not a boolean", f.shape.goType())
}

func textExpr(f field, v string) (string, error) {
	switch {
	case f.shape.kind == kPointer && f.shape.elem.kind == kString:
		return fmt.Sprintf("deref(%s.%s)", v, f.goName), nil
	case f.shape.kind == kString:
		return fmt.Sprintf("string(%s.%s)", v, f.goName), nil
	}
	return "", fmt.Errorf("message is a %s, not a string", f.shape.goType())
}
