package schemacheck

import (
	"encoding/json"
	"fmt"
	"math"
	"reflect"
	"strconv"
	"unicode/utf8"
)

// Check checks v against s and records what it breaks in r, with paths starting at root
// (e.g. a parameter name; "" for a request body). v may be a typed value (the generated
// structs, pointers, slices, maps with string keys, basic kinds) or a value decoded from JSON
// into any. A nil v is JSON null.
func (s *Schema) Check(r *Report, root string, v any) {
	s.CheckValue(r, root, reflect.ValueOf(v))
}

// CheckValue is Check for a value already in reflect form (e.g. a struct field), which avoids
// boxing it in an interface.
func (s *Schema) CheckValue(r *Report, root string, v reflect.Value) {
	r.pushName(root)
	defer r.pop()
	if v.IsValid() && !s.checkDynamic(r, v) {
		return
	}
	s.check(r, v)
}

// CheckString checks one string, such as a path parameter, without boxing it in an interface.
func (s *Schema) CheckString(r *Report, root, v string) {
	r.pushName(root)
	s.checkStr(r, v)
	r.pop()
}

// Validate checks v and returns the first DefaultLimit violations (nil if v is valid). The
// error is set when v holds a Go type whose JSON encoding cannot be predicted.
func (s *Schema) Validate(v any) ([]Violation, error) {
	var r Report
	r.Reset(DefaultLimit)
	s.Check(&r, "", v)
	return r.Violations, r.Err
}

var jsonNumberType = reflect.TypeFor[json.Number]()

// check checks any value: pointers and interfaces are followed, nil ones are null.
func (s *Schema) check(r *Report, v reflect.Value) {
	for {
		switch v.Kind() {
		case reflect.Invalid:
			s.checkNull(r)
			return
		case reflect.Pointer, reflect.Map, reflect.Slice:
			if v.IsNil() { // encoding/json sends a nil map or slice as null, not {} or []
				s.checkNull(r)
				return
			}
		case reflect.Interface:
			if v.IsNil() {
				s.checkNull(r)
				return
			}
			v = v.Elem()
			if !s.checkDynamic(r, v) {
				return
			}
			continue
		}
		if v.Kind() != reflect.Pointer {
			break
		}
		v = v.Elem()
	}
	s.checkValue(r, v)
}

// checkDynamic vets a value whose type is only known at run time (the checked value itself,
// or what an interface holds) and reports whether check should go on with it. It checks a
// json.Number itself, which encodes as a number although its kind is string; the statically
// typed paths never meet one (supported refuses it), so they need not pay for the test.
func (s *Schema) checkDynamic(r *Report, v reflect.Value) bool {
	t := v.Type()
	if t == jsonNumberType {
		f, err := strconv.ParseFloat(v.String(), 64)
		if err != nil {
			r.fail(fmt.Errorf("schemacheck: json.Number %q is not a number", truncate(v.String())))
			return false
		}
		s.checkNum(r, f)
		return false
	}
	if err := supported(t); err != nil {
		r.fail(err)
		return false
	}
	return true
}

// truncate shortens a value quoted in an error: enough to recognise it, never a whole body.
func truncate(s string) string {
	const limit = 40
	if utf8.RuneCountInString(s) <= limit {
		return s
	}
	return string([]rune(s)[:limit]) + "…"
}

// checkValue checks a value that is neither null nor a pointer or interface.
func (s *Schema) checkValue(r *Report, v reflect.Value) {
	if r.stop() {
		return
	}
	switch v.Kind() {
	case reflect.String:
		s.checkStr(r, v.String())
	case reflect.Bool:
		s.checkBool(r, v.Bool())
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		s.checkNum(r, float64(v.Int()))
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		s.checkNum(r, float64(v.Uint()))
	case reflect.Float32, reflect.Float64:
		s.checkNum(r, v.Float())
	case reflect.Slice, reflect.Array:
		s.checkArray(r, v)
	case reflect.Map:
		s.checkMap(r, v)
	case reflect.Struct:
		s.checkStruct(r, v)
	default:
		r.fail(unsupportedError(v.Type(), "kind "+v.Kind().String()))
	}
}

// checkNull checks JSON null, which only a nullable schema admits. As in kin-openapi, a
// schema with allOf also admits it when every allOf subschema does.
func (s *Schema) checkNull(r *Report) {
	if s.nullable {
		return
	}
	if s.not != nil && r.probe(func() { s.not.checkNull(r) }) {
		r.addFixed("not", s.notMsg)
		return
	}
	if len(s.allOf) > 0 {
		for _, sub := range s.allOf {
			sub.checkNull(r)
		}
		return
	}
	s.typeError(r, "null")
}

func (s *Schema) typeError(r *Report, got string) {
	r.add("type", func() string {
		if s.typeMsg == "" {
			return "must not be " + got
		}
		return s.typeMsg + ", got " + got
	})
}

// checkStr checks a string with the string keywords, then not and allOf. At most one
// violation is reported per schema: the first of type, enum, length, format, pattern, not.
func (s *Schema) checkStr(r *Report, v string) {
	if r.stop() {
		return
	}
	if s.ownString(r, v) && s.not != nil && r.probe(func() { s.not.checkStr(r, v) }) {
		r.addFixed("not", s.notMsg)
	}
	for _, sub := range s.allOf {
		sub.checkStr(r, v)
	}
}

func (s *Schema) ownString(r *Report, v string) bool {
	if s.types != 0 && s.types&tString == 0 {
		s.typeError(r, "string")
		return false
	}
	if s.enum != nil && !s.enumHas(v) {
		r.addFixed("enum", s.enumMsg)
		return false
	}
	if s.minLength > 0 || s.maxLength >= 0 {
		// len(v) bounds the rune count from above and len(v)/utf8.UTFMax from below: count
		// runes only when the bytes cannot decide.
		n := len(v)
		if (s.maxLength >= 0 && n > s.maxLength) || (s.minLength > 0 && n < s.minLength*utf8.UTFMax) {
			n = utf8.RuneCountInString(v)
		}
		if n < s.minLength {
			r.add("minLength", func() string {
				return "must be at least " + plural(s.minLength, "character") + " long" + ", got " + strconv.Itoa(n)
			})
			return false
		}
		if s.maxLength >= 0 && n > s.maxLength {
			r.add("maxLength", func() string {
				return "must be at most " + plural(s.maxLength, "character") + " long" + ", got " + strconv.Itoa(n)
			})
			return false
		}
	}
	if s.format == formatIPv4 && !isIPv4(v) {
		r.addFixed("format", formatMessages[formatIPv4])
		return false
	}
	if s.pattern != nil && !s.pattern.MatchString(v) {
		r.addFixed("pattern", s.patternMsg)
		return false
	}
	return true
}

func (s *Schema) enumHas(v any) bool {
	for _, e := range s.enum {
		if e == v {
			return true
		}
	}
	return false
}

// checkNum checks a number; whether it is an integer is decided by its value, as in JSON.
func (s *Schema) checkNum(r *Report, v float64) {
	if r.stop() {
		return
	}
	if s.ownNumber(r, v) && s.not != nil && r.probe(func() { s.not.checkNum(r, v) }) {
		r.addFixed("not", s.notMsg)
	}
	for _, sub := range s.allOf {
		sub.checkNum(r, v)
	}
}

func (s *Schema) ownNumber(r *Report, v float64) bool {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		r.addFixed("type", "must be a finite number") // JSON has no NaN or infinity
		return false
	}
	integerOnly := s.types&tInteger != 0 && s.types&tNumber == 0
	if s.types != 0 && s.types&(tInteger|tNumber) == 0 {
		s.typeError(r, "number")
		return false
	}
	if integerOnly && v != math.Trunc(v) {
		r.add("type", func() string { return "must be an integer, got " + formatFloat(v) })
		return false
	}
	if s.enum != nil && !s.enumHas(v) {
		r.addFixed("enum", s.enumMsg)
		return false
	}
	if integerOnly {
		switch {
		case s.format == formatInt32 && (v < math.MinInt32 || v > math.MaxInt32),
			s.format == formatInt64 && (v < math.MinInt64 || v >= math.MaxInt64+1.0):
			r.addFixed("format", formatMessages[s.format])
			return false
		}
	}
	if s.hasMinimum && (v < s.minimum || (s.exclMinimum && v == s.minimum)) {
		rule, bound := "minimum", "at least "
		if s.exclMinimum {
			rule, bound = "exclusiveMinimum", "greater than "
		}
		r.add(rule, func() string {
			return "must be " + bound + formatFloat(s.minimum) + ", got " + formatFloat(v)
		})
		return false
	}
	if s.hasMaximum && (v > s.maximum || (s.exclMax && v == s.maximum)) {
		rule, bound := "maximum", "at most "
		if s.exclMax {
			rule, bound = "exclusiveMaximum", "less than "
		}
		r.add(rule, func() string {
			return "must be " + bound + formatFloat(s.maximum) + ", got " + formatFloat(v)
		})
		return false
	}
	return true
}

func (s *Schema) checkBool(r *Report, v bool) {
	if r.stop() {
		return
	}
	if s.ownBool(r, v) && s.not != nil && r.probe(func() { s.not.checkBool(r, v) }) {
		r.addFixed("not", s.notMsg)
	}
	for _, sub := range s.allOf {
		sub.checkBool(r, v)
	}
}

func (s *Schema) ownBool(r *Report, v bool) bool {
	if s.types != 0 && s.types&tBoolean == 0 {
		s.typeError(r, "boolean")
		return false
	}
	if s.enum != nil && !s.enumHas(v) {
		r.addFixed("enum", s.enumMsg)
		return false
	}
	return true
}

// checkArray checks a slice or array. Unlike a scalar, an array reports its own violation
// and still checks every item, so that one error lists what to fix.
func (s *Schema) checkArray(r *Report, v reflect.Value) {
	n := v.Len()
	if s.ownArray(r, n) {
		if s.not != nil && r.probe(func() { s.not.checkValue(r, v) }) {
			r.addFixed("not", s.notMsg)
		}
	}
	switch {
	case s.items == nil:
	case v.Type().Elem().Kind() == reflect.Struct:
		plan := s.items.plan(v.Type().Elem()) // once, not per item
		for i := 0; i < n && !r.stop(); i++ {
			r.pushIndex(i)
			s.items.checkStructPlan(r, v.Index(i), plan)
			r.pop()
		}
	default:
		for i := 0; i < n && !r.stop(); i++ {
			r.pushIndex(i)
			s.items.check(r, v.Index(i))
			r.pop()
		}
	}
	if s.uniqueItems && !r.stop() {
		s.checkUnique(r, v)
	}
	for _, sub := range s.allOf {
		sub.checkValue(r, v)
	}
}

// checkUnique reports the first item that repeats an earlier one. Scalars are compared as JSON
// compares them (1 and 1.0 are equal); objects and arrays by their encoding, which
// encoding/json writes with sorted keys.
func (s *Schema) checkUnique(r *Report, v reflect.Value) {
	n := v.Len()
	if n < 2 {
		return
	}
	seen := make(map[any]int, n)
	for i := range n {
		key, ok := scalarKey(v.Index(i))
		if !ok {
			b, err := json.Marshal(v.Index(i).Interface())
			if err != nil {
				r.fail(fmt.Errorf("schemacheck: %s: uniqueItems: %w", s.where, err))
				return
			}
			key = jsonText(b)
		}
		if first, dup := seen[key]; dup {
			r.add("uniqueItems", func() string {
				return "must not repeat an item: item " + strconv.Itoa(i) + " is item " + strconv.Itoa(first) + " again"
			})
			return
		}
		seen[key] = i
	}
}

// jsonText is the encoding of an object or array item, kept apart from string items.
type jsonText string

// scalarKey is an item as a comparable JSON scalar: the string, the number as a float64 (as JSON
// compares 1 and 1.0 equal), the boolean, or nil for null. ok is false for anything else.
func scalarKey(v reflect.Value) (key any, ok bool) {
	for v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface {
		if v.IsNil() {
			return nil, true
		}
		v = v.Elem()
	}
	switch v.Kind() {
	case reflect.String:
		if v.Type() == jsonNumberType {
			f, err := strconv.ParseFloat(v.String(), 64)
			return f, err == nil
		}
		return v.String(), true
	case reflect.Bool:
		return v.Bool(), true
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return float64(v.Int()), true
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return float64(v.Uint()), true
	case reflect.Float32, reflect.Float64:
		return v.Float(), true
	}
	return nil, false
}

func (s *Schema) ownArray(r *Report, n int) bool {
	if s.types != 0 && s.types&tArray == 0 {
		s.typeError(r, "array")
		return false
	}
	if s.enum != nil { // enum values are scalars: no array is one of them
		r.addFixed("enum", s.enumMsg)
		return false
	}
	if n < s.minItems {
		r.add("minItems", func() string {
			return "must have at least " + plural(s.minItems, "item") + ", got " + strconv.Itoa(n)
		})
		return false
	}
	if s.maxItems >= 0 && n > s.maxItems {
		r.add("maxItems", func() string {
			return "must have at most " + plural(s.maxItems, "item") + ", got " + strconv.Itoa(n)
		})
		return false
	}
	return true
}

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return strconv.Itoa(n) + " " + noun + "s"
}

func formatFloat(f float64) string { return strconv.FormatFloat(f, 'g', -1, 64) }
