package schemacheck

import (
	"fmt"
	"reflect"
	"strings"
	"sync"
)

// Param is one query or header parameter of an operation.
type Param struct {
	Name     string
	In       string // "query" or "header"
	Required bool
	Schema   *Schema
}

// Params checks the query and header parameters of one operation, read from the fields of a
// generated params struct (oapi-codegen's XxxParams): a field is matched to a parameter by
// its `form` tag name, else its `json` tag name (headers case-insensitively), and a nil
// pointer field is an absent parameter. It is safe for concurrent use.
type Params struct {
	list  []Param
	plans sync.Map // reflect.Type -> *paramsPlan
}

type paramsPlan struct {
	fields  []paramField
	missing []int // required parameters no field can carry: always missing
	err     error
}

type paramField struct {
	index     int // field index
	param     int // index in Params.list
	omitEmpty bool
}

// NewParams returns the checks of the given parameters.
func NewParams(list []Param) *Params {
	return &Params{list: list}
}

// Check checks the parameters located in `in` ("query" or "header") that params carries;
// params is a struct, a pointer to one, or nil (no parameter set). The error says that params
// cannot be checked at all: not a struct, or a field that matches no parameter (a params
// struct of another operation, or a spec that dropped a parameter the code still sets).
func (p *Params) Check(r *Report, params any, in string) error {
	v := reflect.ValueOf(params)
	for v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface {
		if v.IsNil() {
			v = reflect.Value{}
			break
		}
		v = v.Elem()
	}
	if !v.IsValid() {
		for i := range p.list {
			if q := &p.list[i]; q.In == in && q.Required {
				r.Add(q.Name, "required", "is required")
			}
		}
		return nil
	}
	if v.Kind() != reflect.Struct {
		return fmt.Errorf("schemacheck: params must be a struct or a pointer to one, got %v", v.Type())
	}
	plan := p.plan(v.Type())
	if plan.err != nil {
		return plan.err
	}
	for _, i := range plan.missing {
		if q := &p.list[i]; q.In == in {
			r.Add(q.Name, "required", "is required")
		}
	}
	for _, f := range plan.fields {
		q := &p.list[f.param]
		if q.In != in {
			continue
		}
		fv := v.Field(f.index)
		if isNull(fv) || (f.omitEmpty && isEmptyValue(fv)) {
			if q.Required {
				r.Add(q.Name, "required", "is required")
			}
			continue
		}
		q.Schema.CheckValue(r, q.Name, fv)
	}
	return nil
}

func (p *Params) plan(t reflect.Type) *paramsPlan {
	if cached, ok := p.plans.Load(t); ok {
		return cached.(*paramsPlan)
	}
	cached, _ := p.plans.LoadOrStore(t, p.buildPlan(t))
	return cached.(*paramsPlan)
}

func (p *Params) buildPlan(t reflect.Type) *paramsPlan {
	plan := &paramsPlan{}
	matched := make([]bool, len(p.list))
	for i := range t.NumField() {
		f := t.Field(i)
		if !f.IsExported() {
			continue
		}
		name, omitEmpty, skip := paramName(f)
		if skip {
			continue
		}
		j := p.find(name)
		if j < 0 {
			plan.err = fmt.Errorf("schemacheck: params field %v.%s (%q) matches no query or header parameter", t, f.Name, name)
			return plan
		}
		if err := supported(f.Type); err != nil {
			plan.err = err
			return plan
		}
		matched[j] = true
		plan.fields = append(plan.fields, paramField{index: i, param: j, omitEmpty: omitEmpty})
	}
	for j, q := range p.list {
		if q.Required && !matched[j] {
			plan.missing = append(plan.missing, j)
		}
	}
	return plan
}

// paramName returns the parameter name of a params struct field, from its form tag (query
// parameters in oapi-codegen) or else its json tag (headers).
func paramName(f reflect.StructField) (name string, omitEmpty, skip bool) {
	for _, key := range []string{"form", "json"} {
		tag, ok := f.Tag.Lookup(key)
		if !ok {
			continue
		}
		if tag == "-" {
			return "", false, true
		}
		name, opts, _ := strings.Cut(tag, ",")
		if name == "" {
			name = f.Name
		}
		return name, strings.Contains(","+opts+",", ",omitempty,"), false
	}
	return f.Name, false, false
}

func (p *Params) find(name string) int {
	for j, q := range p.list {
		if q.In == "query" && q.Name == name {
			return j
		}
	}
	for j, q := range p.list {
		if q.In == "header" && strings.EqualFold(q.Name, name) {
			return j
		}
	}
	return -1
}
