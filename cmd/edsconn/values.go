package main

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// fieldFlag is the flag of one query parameter or top-level body property: it parses and checks
// what the user writes against the field's schema, so that a value the spec cannot take is
// refused with the flag's name before anything is sent.
type fieldFlag struct {
	field  string // the spec's name
	flag   string // the flag's name
	schema *schema
	// set is true once the flag was given; value is then a scalar (string, int64, float64,
	// bool), or for an array the elements given, in order.
	set   bool
	value any
	// failed records why the last value was refused, for the error message (the flag package
	// only keeps the text).
	failed *error
}

func (f *fieldFlag) String() string {
	if f == nil || !f.set {
		return ""
	}
	return fmt.Sprint(f.value)
}

// IsBoolFlag lets a boolean field be given as --flag, as well as --flag=false.
func (f *fieldFlag) IsBoolFlag() bool { return f.schema.typ == "boolean" }

func (f *fieldFlag) Set(text string) error { return f.setAs(f.flag, text) }

// setAs sets the flag as given under name, its own or an alias, which an error then names.
func (f *fieldFlag) setAs(name, text string) error {
	v, err := f.parse(text)
	if err != nil {
		*f.failed = &flagError{flag: name, value: text, err: err}
		return err
	}
	if f.schema.typ == "array" {
		list, _ := f.value.([]any)
		f.value = append(list, v)
	} else {
		f.value = v
	}
	f.set = true
	return nil
}

func (f *fieldFlag) parse(text string) (any, error) {
	switch {
	case f.schema.isScalar():
		return parseScalar(f.schema, text)
	case f.schema.isScalarList():
		return parseScalar(f.schema.items, text)
	case f.schema.isObjectList():
		return parseObject(f.schema.items, text)
	}
	return nil, fmt.Errorf("this field is only accepted in --body")
}

// appendObject adds one element to an array of objects, for a pair alias. An element whose
// first property repeats an earlier one's, and whose second is a list, adds to that list
// instead (--tag env=a --tag env=b is one key with two values, as the filter wants it).
func (f *fieldFlag) appendObject(obj map[string]any) {
	list, _ := f.value.([]any)
	first, second := f.schema.items.props[0].name, f.schema.items.props[1].name
	if more, ok := obj[second].([]any); ok {
		for _, e := range list {
			if have, _ := e.(map[string]any); have != nil && have[first] == obj[first] {
				values, _ := have[second].([]any)
				have[second] = append(values, more...)
				f.set = true
				return
			}
		}
	}
	f.value = append(list, obj)
	f.set = true
}

// joinFlag is a pair alias of a string field that holds key=value pairs separated by commas
// (the tags filter of ListEnhancedConnections): each --tag KEY=VALUE adds one pair, so that
// --tag means the same on every command.
type joinFlag struct {
	target *fieldFlag
	flag   string
}

func (j *joinFlag) String() string { return "" }

func (j *joinFlag) Set(text string) error {
	key, _, ok := strings.Cut(text, "=")
	var err error
	switch {
	case !ok:
		err = errors.New("want KEY=VALUE")
	case strings.TrimSpace(key) == "":
		err = errors.New("the KEY before = is empty: want KEY=VALUE")
	case strings.Contains(text, ","):
		err = errors.New("one KEY=VALUE per --" + j.flag + ": give the flag again for the next")
	}
	if err != nil {
		*j.target.failed = &flagError{flag: j.flag, value: text, err: err}
		return err
	}
	if have, _ := j.target.value.(string); j.target.set && have != "" {
		text = have + "," + text
	}
	j.target.value, j.target.set = text, true
	return nil
}

// aliasFlag is another name of a field's flag.
type aliasFlag struct {
	target *fieldFlag
	flag   string
}

func (a *aliasFlag) String() string        { return "" }
func (a *aliasFlag) Set(text string) error { return a.target.setAs(a.flag, text) }
func (a *aliasFlag) IsBoolFlag() bool      { return a.target.IsBoolFlag() }

// pairFlag is a pair alias: FIRST=SECOND for the two properties of an array's objects.
type pairFlag struct {
	target *fieldFlag
	flag   string
}

func (p *pairFlag) String() string { return "" }

func (p *pairFlag) Set(text string) error {
	obj, err := parsePair(p.target.schema.items, text)
	if err != nil {
		*p.target.failed = &flagError{flag: p.flag, value: text, err: err}
		return err
	}
	p.target.appendObject(obj)
	return nil
}

// fitsPair reports whether the objects of an array have exactly two properties, the first a
// string: the shape a pair alias spells as FIRST=SECOND.
func fitsPair(s *schema) bool {
	if !s.isObjectList() || len(s.items.props) != 2 {
		return false
	}
	first := s.items.props[0].schema
	return first.typ == "string" && len(first.enum) == 0
}

// parsePair reads FIRST=SECOND. SECOND may be left out (FIRST alone) where the spec lets the
// second property be absent, or be a list that may be empty (a tag filter's values: any
// value). Either part empty where the spec refuses it is refused here, naming it: --host db1=
// (a deploy script's unset $DB_IP) would otherwise reach the service as a host without an IP.
func parsePair(item *schema, text string) (map[string]any, error) {
	first, second := item.props[0], item.props[1]
	form := metavar(first.name) + "=" + metavar(second.name)
	a, b, ok := strings.Cut(text, "=")
	if a == "" && (first.required || first.schema.nonEmpty) {
		return nil, fmt.Errorf("the %s before = is empty: want %s", metavar(first.name), form)
	}
	if !ok {
		switch {
		case second.schema.typ == "array" && second.schema.minItems == 0:
			return map[string]any{first.name: a, second.name: []any{}}, nil
		case !second.required:
			return map[string]any{first.name: a}, nil
		}
		return nil, fmt.Errorf("want %s", form)
	}
	if b == "" && second.schema.nonEmpty {
		return nil, fmt.Errorf("the %s after = is empty: want %s, both given", metavar(second.name), form)
	}
	bv, err := parseElement(second.schema, b)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", second.name, err)
	}
	if second.schema.typ == "array" {
		bv = []any{bv}
	}
	return map[string]any{first.name: a, second.name: bv}, nil
}

// flagError is a value a flag refused.
type flagError struct {
	flag, value string
	err         error
}

func (e *flagError) Error() string {
	return fmt.Sprintf("--%s %s: %v", e.flag, strconv.Quote(e.value), e.err)
}

func (e *flagError) Unwrap() error { return e.err }

// parseScalar reads a string, integer, number or boolean as its schema allows.
func parseScalar(s *schema, text string) (any, error) {
	switch s.typ {
	case "integer":
		n, err := strconv.ParseInt(strings.TrimSpace(text), 10, 64)
		if err != nil && !errors.Is(err, strconv.ErrRange) {
			return nil, fmt.Errorf("want an integer from %d to %d", s.min, s.max)
		}
		if err != nil || n < s.min || n > s.max {
			return nil, fmt.Errorf("out of range: want an integer from %d to %d", s.min, s.max)
		}
		return n, nil
	case "number":
		x, err := strconv.ParseFloat(strings.TrimSpace(text), 64)
		if err != nil {
			return nil, fmt.Errorf("want a number")
		}
		return x, nil
	case "boolean":
		b, err := strconv.ParseBool(text)
		if err != nil {
			return nil, fmt.Errorf("want true or false")
		}
		return b, nil
	}
	if len(s.enum) == 0 {
		return text, nil
	}
	// The service compares states case-insensitively; the spec spells them one way.
	for _, v := range s.enum {
		if strings.EqualFold(v, text) {
			return v, nil
		}
	}
	return nil, fmt.Errorf("want one of %s", strings.Join(s.enum, ", "))
}

// parseElement reads a scalar, or one element of an array of scalars.
func parseElement(s *schema, text string) (any, error) {
	if s.typ == "array" {
		return parseScalar(s.items, text)
	}
	return parseScalar(s, text)
}

// parseObject reads key=value,key=value into one object of item. A comma splits only where the
// next property's name and "=" follow, so a value may itself hold commas; a property that is an
// array takes one element per key=value.
func parseObject(item *schema, text string) (map[string]any, error) {
	var starts []int
	for i := 0; i < len(text); i++ {
		if i != 0 && text[i-1] != ',' {
			continue
		}
		for _, p := range item.props {
			if strings.HasPrefix(text[i:], p.name+"=") {
				starts = append(starts, i)
				break
			}
		}
	}
	if len(starts) == 0 || starts[0] != 0 {
		return nil, fmt.Errorf("want %s", objectForm(item))
	}
	obj := map[string]any{}
	for n, start := range starts {
		end := len(text)
		if n+1 < len(starts) {
			end = starts[n+1] - 1 // the comma
		}
		key, val, _ := strings.Cut(text[start:end], "=")
		p, _ := item.prop(key)
		v, err := parseElement(p.schema, val)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", key, err)
		}
		if p.schema.typ == "array" {
			list, _ := obj[key].([]any)
			obj[key] = append(list, v)
			continue
		}
		if _, dup := obj[key]; dup {
			return nil, fmt.Errorf("%s= given twice", key)
		}
		obj[key] = v
	}
	for _, p := range item.props {
		v, ok := obj[p.name]
		switch {
		case p.required && !ok:
			return nil, fmt.Errorf("%s= is required (want %s)", p.name, objectForm(item))
		case v == "" && p.schema.nonEmpty:
			return nil, fmt.Errorf("%s= is empty (want %s)", p.name, objectForm(item))
		}
	}
	return obj, nil
}

// objectForm is how help spells an object flag: name=STRING,ip=STRING.
func objectForm(item *schema) string {
	parts := make([]string, len(item.props))
	for i, p := range item.props {
		parts[i] = p.name + "=" + typeWord(p.schema)
	}
	return strings.Join(parts, ",")
}

// typeWord is a value's placeholder in help.
func typeWord(s *schema) string {
	if s.typ == "array" && s.items != nil {
		return typeWord(s.items)
	}
	switch s.typ {
	case "integer":
		return "INT"
	case "number":
		return "NUMBER"
	case "boolean":
		return "BOOL"
	case "":
		return "JSON"
	}
	return "STRING"
}
