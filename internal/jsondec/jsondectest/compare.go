package jsondectest

import (
	"fmt"
	"math"
	"reflect"
	"strconv"
)

// diff returns where a and b differ, or "" when they are equal. It is stricter than
// reflect.DeepEqual where a decoder can differ from encoding/json unseen: floats compare by
// their bits (-0 is not 0), slices by nil-ness, length, capacity and the elements between
// length and capacity too (an earlier, longer duplicate leaves them there, and a later one
// exposes them again), maps by nil-ness.
func diff(a, b reflect.Value, path string) string {
	if a.IsValid() != b.IsValid() {
		return fmt.Sprintf("%s: one is nil", where(path))
	}
	if !a.IsValid() {
		return ""
	}
	if a.Type() != b.Type() {
		return fmt.Sprintf("%s: type %v, want %v", where(path), b.Type(), a.Type())
	}
	switch a.Kind() {
	case reflect.Bool:
		if a.Bool() != b.Bool() {
			return fmt.Sprintf("%s: %v, want %v", where(path), b.Bool(), a.Bool())
		}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		if a.Int() != b.Int() {
			return fmt.Sprintf("%s: %d, want %d", where(path), b.Int(), a.Int())
		}
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		if a.Uint() != b.Uint() {
			return fmt.Sprintf("%s: %d, want %d", where(path), b.Uint(), a.Uint())
		}
	case reflect.Float32, reflect.Float64:
		if math.Float64bits(a.Float()) != math.Float64bits(b.Float()) {
			return fmt.Sprintf("%s: %g, want %g", where(path), b.Float(), a.Float())
		}
	case reflect.String:
		if a.String() != b.String() {
			return fmt.Sprintf("%s: %q, want %q", where(path), b.String(), a.String())
		}
	case reflect.Pointer, reflect.Interface:
		if a.IsNil() != b.IsNil() {
			return fmt.Sprintf("%s: nil is %v, want %v", where(path), b.IsNil(), a.IsNil())
		}
		if !a.IsNil() {
			return diff(a.Elem(), b.Elem(), path)
		}
	case reflect.Slice:
		if a.IsNil() != b.IsNil() {
			return fmt.Sprintf("%s: nil is %v, want %v", where(path), b.IsNil(), a.IsNil())
		}
		if a.Len() != b.Len() || a.Cap() != b.Cap() {
			return fmt.Sprintf("%s: len %d cap %d, want len %d cap %d", where(path), b.Len(), b.Cap(), a.Len(), a.Cap())
		}
		a, b = a.Slice(0, a.Cap()), b.Slice(0, b.Cap())
		for i := 0; i < a.Len(); i++ {
			if d := diff(a.Index(i), b.Index(i), path+"["+strconv.Itoa(i)+"]"); d != "" {
				return d
			}
		}
	case reflect.Array:
		for i := 0; i < a.Len(); i++ {
			if d := diff(a.Index(i), b.Index(i), path+"["+strconv.Itoa(i)+"]"); d != "" {
				return d
			}
		}
	case reflect.Map:
		if a.IsNil() != b.IsNil() {
			return fmt.Sprintf("%s: nil is %v, want %v", where(path), b.IsNil(), a.IsNil())
		}
		if a.Len() != b.Len() {
			return fmt.Sprintf("%s: %d entries, want %d", where(path), b.Len(), a.Len())
		}
		for it := a.MapRange(); it.Next(); {
			k := it.Key()
			bv := b.MapIndex(k)
			if !bv.IsValid() {
				return fmt.Sprintf("%s: no key %v", where(path), k)
			}
			if d := diff(it.Value(), bv, fmt.Sprintf("%s[%v]", path, k)); d != "" {
				return d
			}
		}
	case reflect.Struct:
		for i := 0; i < a.NumField(); i++ {
			if d := diff(a.Field(i), b.Field(i), join(path, a.Type().Field(i).Name)); d != "" {
				return d
			}
		}
	default:
		panic(fmt.Sprintf("jsondectest: cannot compare %v", a.Type()))
	}
	return ""
}

func where(path string) string {
	if path == "" {
		return "value"
	}
	return path
}

// join appends a field name to a path the way jsondec.InField builds paths.
func join(path, name string) string {
	if path == "" {
		return name
	}
	return path + "." + name
}
