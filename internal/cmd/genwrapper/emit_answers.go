package main

import "fmt"

// emitAnswers writes answers.gen.go: for every success type, its decoder and its envelope
// reader (is_success and message).
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
	e.p("import \"github.com/dli-openapi/enhanced-connections/gen\"")
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
		e.p("func decode%s(data []byte, out any) error { return unmarshalAnswer(data, out.(*gen.%s)) }", name, name)
		e.p("")
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
		e.p("\treturn %s, %s", okExpr, msgExpr)
		e.p("}")
	}
	return []byte(e.b.String()), nil
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
