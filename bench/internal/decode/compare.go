package decode

import (
	"encoding/json"
	"fmt"
	"reflect"
	"strconv"
	"strings"
)

// Verdict is how one decoder's outcome compares with encoding/json's on one case.
type Verdict struct {
	Agree bool
	// Detail says how it differs (empty when it agrees).
	Detail string
}

// Compare compares got with ref, the reference decoder's outcome of the same case. Two errors
// agree whatever their text: callers care that the input is refused, not how it is worded.
func Compare(ref, got Outcome) Verdict {
	switch {
	case ref.Err != nil && got.Err != nil:
		return Verdict{Agree: true}
	case ref.Err != nil:
		return Verdict{Detail: "accepts it: " + brief(got.Value)}
	case got.Err != nil:
		return Verdict{Detail: "refuses it: " + clip(got.Err.Error(), 90)}
	}
	if path, a, b, differs := firstDiff(reflect.ValueOf(ref.Value), reflect.ValueOf(got.Value), ""); differs {
		return Verdict{Detail: fmt.Sprintf("%s: %s (encoding/json: %s)", path, b, a)}
	}
	return Verdict{Agree: true}
}

// firstDiff walks a and b, values of the same type, and returns the path of the first place
// where they differ and both values there, with strings quoted so that an invalid byte shows.
func firstDiff(a, b reflect.Value, path string) (where, av, bv string, differs bool) {
	switch a.Kind() {
	case reflect.Pointer:
		if a.IsNil() || b.IsNil() {
			if a.IsNil() != b.IsNil() {
				return orTop(path), show(a), show(b), true
			}
			return "", "", "", false
		}
		return firstDiff(a.Elem(), b.Elem(), path)
	case reflect.Struct:
		for i := range a.NumField() {
			f := a.Type().Field(i)
			name := f.Name
			if tag, ok := f.Tag.Lookup("json"); ok {
				if n, _, _ := strings.Cut(tag, ","); n != "" {
					name = n
				}
			}
			if w, x, y, d := firstDiff(a.Field(i), b.Field(i), join(path, name)); d {
				return w, x, y, d
			}
		}
		return "", "", "", false
	case reflect.Slice:
		if a.Len() != b.Len() || a.IsNil() != b.IsNil() {
			return orTop(path), lenOf(a), lenOf(b), true
		}
		for i := range a.Len() {
			if w, x, y, d := firstDiff(a.Index(i), b.Index(i), path+"["+strconv.Itoa(i)+"]"); d {
				return w, x, y, d
			}
		}
		return "", "", "", false
	default:
		if !reflect.DeepEqual(a.Interface(), b.Interface()) {
			return orTop(path), show(a), show(b), true
		}
		return "", "", "", false
	}
}

func show(v reflect.Value) string {
	if v.Kind() == reflect.Pointer {
		if v.IsNil() {
			return "absent"
		}
		v = v.Elem()
	}
	if v.Kind() == reflect.String {
		return strconv.Quote(v.String())
	}
	return clip(fmt.Sprintf("%v", v.Interface()), 60)
}

func lenOf(v reflect.Value) string {
	if v.IsNil() {
		return "absent"
	}
	return strconv.Itoa(v.Len()) + " elements"
}

func join(path, name string) string {
	if path == "" {
		return name
	}
	return path + "." + name
}

func orTop(path string) string {
	if path == "" {
		return "(top level)"
	}
	return path
}

// brief is v as encoding/json encodes it, clipped: enough to see what a decoder made of an
// input that encoding/json refuses.
func brief(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprintf("%+v", v)
	}
	return clip(string(b), 90)
}
