package schemacheck

import (
	"encoding"
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"sync"
)

// The checks judge a Go value by the JSON encoding/json would produce for it, reading that
// encoding off the value's structure. That only holds for types whose encoding follows their
// structure; anything else (custom marshalers, []byte, ",string" fields, embedded structs,
// channels, ...) is refused rather than guessed at.

var (
	marshalerType     = reflect.TypeFor[json.Marshaler]()
	textMarshalerType = reflect.TypeFor[encoding.TextMarshaler]()

	typeErrors sync.Map // reflect.Type -> error (nil: supported)
	fieldMaps  sync.Map // reflect.Type -> map[string]jsonField
)

// jsonField is how encoding/json encodes one struct field.
type jsonField struct {
	index     int
	omitEmpty bool
	omitZero  bool
	// zeroMethod: the field's type has an IsZero method, which omitzero asks instead.
	zeroMethod bool
}

func unsupportedError(t reflect.Type, why string) error {
	return fmt.Errorf("schemacheck: cannot check Go type %v: %s", t, why)
}

// supported returns nil if every value of type t can be checked, and why not otherwise.
func supported(t reflect.Type) error {
	switch t {
	case reflect.TypeFor[string](), reflect.TypeFor[float64](), reflect.TypeFor[bool](),
		reflect.TypeFor[map[string]any](), reflect.TypeFor[[]any]():
		return nil // the shapes of decoded JSON, met at every value of it
	}
	if err, ok := typeErrors.Load(t); ok {
		e, _ := err.(error)
		return e
	}
	err := supportedUncached(t, map[reflect.Type]bool{})
	typeErrors.Store(t, err)
	return err
}

func supportedUncached(t reflect.Type, visiting map[reflect.Type]bool) error {
	if visiting[t] {
		return nil // a recursive type: its other parts decide
	}
	visiting[t] = true
	if t == jsonNumberType {
		// Only met as the dynamic type of an interface or as the checked value itself.
		return unsupportedError(t, "a json.Number field (declare it as any or float64)")
	}
	if t.Implements(marshalerType) || reflect.PointerTo(t).Implements(marshalerType) ||
		t.Implements(textMarshalerType) || reflect.PointerTo(t).Implements(textMarshalerType) {
		if t.Kind() != reflect.Interface {
			return unsupportedError(t, "it has its own JSON or text encoding")
		}
	}
	switch t.Kind() {
	case reflect.Bool, reflect.String,
		reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64,
		reflect.Float32, reflect.Float64, reflect.Interface:
		return nil
	case reflect.Pointer, reflect.Array:
		return supportedUncached(t.Elem(), visiting)
	case reflect.Slice:
		if t.Elem().Kind() == reflect.Uint8 {
			return unsupportedError(t, "a byte slice is sent as a base64 string")
		}
		return supportedUncached(t.Elem(), visiting)
	case reflect.Map:
		if t.Key().Kind() != reflect.String {
			return unsupportedError(t, "map keys must be strings")
		}
		return supportedUncached(t.Elem(), visiting)
	case reflect.Struct:
		fields, err := jsonFields(t)
		if err != nil {
			return err
		}
		for _, f := range fields {
			if err := supportedUncached(t.Field(f.index).Type, visiting); err != nil {
				return err
			}
		}
		return nil
	}
	return unsupportedError(t, "kind "+t.Kind().String()+" has no JSON encoding")
}

// jsonFields returns the JSON names of the fields of struct type t, as encoding/json names
// them, for the plain structs oapi-codegen generates.
func jsonFields(t reflect.Type) (map[string]jsonField, error) {
	if m, ok := fieldMaps.Load(t); ok {
		return m.(map[string]jsonField), nil
	}
	m := make(map[string]jsonField)
	for i := range t.NumField() {
		f := t.Field(i)
		tag, hasTag := f.Tag.Lookup("json")
		if tag == "-" {
			continue
		}
		name, opts, _ := strings.Cut(tag, ",")
		if f.Anonymous && (name == "" || !hasTag) {
			return nil, unsupportedError(t, "embedded field "+f.Name+" would be flattened")
		}
		if !f.IsExported() {
			continue
		}
		if name == "" {
			name = f.Name
		}
		jf := jsonField{index: i}
		for opt := range strings.SplitSeq(opts, ",") {
			switch opt {
			case "omitempty":
				jf.omitEmpty = true
			case "omitzero":
				jf.omitZero = true
				jf.zeroMethod = f.Type.Implements(zeroerType)
			case "string":
				return nil, unsupportedError(t, "field "+f.Name+" is sent quoted (,string)")
			}
		}
		if _, dup := m[name]; dup {
			return nil, unsupportedError(t, "two fields are named "+name+" in JSON")
		}
		m[name] = jf
	}
	fieldMaps.Store(t, m)
	return m, nil
}

// isEmptyValue is encoding/json's test for omitempty.
func isEmptyValue(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.Array, reflect.Map, reflect.Slice, reflect.String:
		return v.Len() == 0
	case reflect.Interface, reflect.Pointer:
		return v.IsNil()
	case reflect.Bool,
		reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr,
		reflect.Float32, reflect.Float64:
		return v.IsZero()
	}
	return false
}

type zeroer interface{ IsZero() bool }

var zeroerType = reflect.TypeFor[zeroer]()

// isZero is encoding/json's test for omitzero: an IsZero method if the type has one (f says),
// else the zero value.
func isZero(v reflect.Value, f *jsonField) bool {
	if f.zeroMethod {
		if v.Kind() == reflect.Pointer && v.IsNil() {
			return true
		}
		return v.Interface().(zeroer).IsZero()
	}
	return v.IsZero()
}
