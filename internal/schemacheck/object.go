package schemacheck

import (
	"fmt"
	"reflect"
)

// structPlan maps the properties of one object schema to the fields of one struct type, so
// that checking a struct is a walk over field indexes with no name lookups.
type structPlan struct {
	typ    reflect.Type
	fields []fieldPlan // one per property of the schema, in the schema's order
	err    error       // the type cannot be checked against the schema
}

type fieldPlan struct {
	prop  *property
	field jsonField // index < 0: the struct has no field for the property
	// The field is a string or a pointer to one (the common case of generated types), checked
	// without the general walk when it holds a string.
	str, strPtr bool
}

// plan returns the plan of struct type t for s, building it on first use.
func (s *Schema) plan(t reflect.Type) *structPlan {
	if p := s.lastPlan.Load(); p != nil && p.typ == t {
		return p
	}
	var p *structPlan
	if cached, ok := s.plans.Load(t); ok {
		p = cached.(*structPlan)
	} else {
		built := s.buildPlan(t)
		cached, _ := s.plans.LoadOrStore(t, built)
		p = cached.(*structPlan)
	}
	s.lastPlan.Store(p)
	return p
}

func (s *Schema) buildPlan(t reflect.Type) *structPlan {
	p := &structPlan{typ: t}
	fields, err := jsonFields(t)
	if err != nil {
		p.err = err
		return p
	}
	for i := range s.props {
		fp := fieldPlan{prop: &s.props[i], field: jsonField{index: -1}}
		if f, ok := fields[s.props[i].name]; ok {
			fp.field = f
			ft := t.Field(f.index).Type
			fp.str = ft.Kind() == reflect.String && !f.omitZero && s.props[i].schema != nil
			fp.strPtr = ft.Kind() == reflect.Pointer && ft.Elem().Kind() == reflect.String &&
				!f.omitZero && s.props[i].schema != nil
		}
		p.fields = append(p.fields, fp)
	}
	return p
}

// checkStruct checks a struct as the JSON object encoding/json would make of it.
func (s *Schema) checkStruct(r *Report, v reflect.Value) {
	s.checkStructPlan(r, v, s.plan(v.Type()))
}

// checkStructPlan is checkStruct with the plan of v's type already looked up, as an array of
// structs does once for all its items.
func (s *Schema) checkStructPlan(r *Report, v reflect.Value, p *structPlan) {
	if r.stop() {
		return
	}
	if s.ownObject(r) {
		if p.err != nil {
			r.fail(fmt.Errorf("%s: %w", s.where, p.err))
			return
		}
		for i := range p.fields {
			if r.stop() {
				return
			}
			fp := &p.fields[i]
			if fp.field.index < 0 {
				s.checkProperty(r, fp.prop, reflect.Value{}, false, false)
				continue
			}
			f := v.Field(fp.field.index)
			if (fp.strPtr && !f.IsNil()) || (fp.str && !(fp.field.omitEmpty && f.Len() == 0)) {
				if fp.strPtr {
					f = f.Elem()
				}
				r.pushName(fp.prop.name)
				fp.prop.schema.checkStr(r, f.String())
				r.pop()
				continue
			}
			present := !(fp.field.omitEmpty && isEmptyValue(f)) && !(fp.field.omitZero && isZero(f, &fp.field))
			s.checkProperty(r, fp.prop, f, present, false)
		}
		s.notObject(r, v)
	}
	for _, sub := range s.allOf {
		sub.checkValue(r, v)
	}
}

// checkMap checks a map with string keys, such as a decoded JSON object.
func (s *Schema) checkMap(r *Report, v reflect.Value) {
	if v.Type().Key().Kind() != reflect.String {
		r.fail(unsupportedError(v.Type(), "map key of kind "+v.Type().Key().Kind().String()))
		return
	}
	if s.ownObject(r) {
		if m, ok := v.Interface().(map[string]any); ok {
			for i := range s.props {
				if r.stop() {
					return
				}
				e, present := m[s.props[i].name]
				s.checkProperty(r, &s.props[i], reflect.ValueOf(e), present, true)
			}
		} else {
			keyType := v.Type().Key()
			for i := range s.props {
				if r.stop() {
					return
				}
				e := v.MapIndex(reflect.ValueOf(s.props[i].name).Convert(keyType))
				s.checkProperty(r, &s.props[i], e, e.IsValid(), false)
			}
		}
		s.notObject(r, v)
	}
	for _, sub := range s.allOf {
		sub.checkValue(r, v)
	}
}

func (s *Schema) ownObject(r *Report) bool {
	if s.types != 0 && s.types&tObject == 0 {
		s.typeError(r, "object")
		return false
	}
	if s.enum != nil {
		r.addFixed("enum", s.enumMsg)
		return false
	}
	return true
}

func (s *Schema) notObject(r *Report, v reflect.Value) {
	if s.not != nil && r.probe(func() { s.not.checkValue(r, v) }) {
		r.addFixed("not", s.notMsg)
	}
}

// checkProperty checks one property of an object. A required property that is null counts as
// missing: for a typed struct that is a nil slice or pointer, which the caller thinks of as
// "not set" although encoding/json sends it as null. dynamic says that v was taken out of an
// interface, so its type must be vetted.
func (s *Schema) checkProperty(r *Report, p *property, v reflect.Value, present, dynamic bool) {
	switch {
	case !present:
		if p.required {
			r.pushName(p.name)
			r.addFixed("required", "is required")
			r.pop()
		}
	case p.schema == nil:
	case p.required && isNull(v):
		r.pushName(p.name)
		if !r.probe(func() { p.schema.checkNull(r) }) {
			r.addFixed("required", "is required and must not be null (a nil slice or pointer is sent as null)")
		}
		r.pop()
	default:
		r.pushName(p.name)
		if !dynamic || !v.IsValid() || p.schema.checkDynamic(r, v) {
			p.schema.check(r, v)
		}
		r.pop()
	}
}

// isNull reports whether v encodes as JSON null.
func isNull(v reflect.Value) bool {
	for {
		switch v.Kind() {
		case reflect.Invalid:
			return true
		case reflect.Map, reflect.Slice:
			return v.IsNil()
		case reflect.Pointer, reflect.Interface:
			if v.IsNil() {
				return true
			}
			v = v.Elem()
		default:
			return false
		}
	}
}
