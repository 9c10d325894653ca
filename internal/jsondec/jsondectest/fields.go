package jsondectest

import (
	"fmt"
	"reflect"
	"strings"
	"sync"
	"unicode"
)

// field is one member of a struct as encoding/json names it.
type field struct {
	name  string
	index int
	typ   reflect.Type
}

// fieldCache holds jsonFields by type: the generator and the presence walker ask for every
// object they write or visit.
var fieldCache sync.Map // reflect.Type -> []field

// jsonFields lists the fields encoding/json decodes into, in field order, for the structs
// generated code has: exported fields, named by their json tag (or by the Go name when the tag
// has none or an invalid one), "-" skipped. Embedded structs and two fields of one name, which
// encoding/json resolves by rules this package does not repeat, are refused.
func jsonFields(t reflect.Type) []field {
	if f, ok := fieldCache.Load(t); ok {
		return f.([]field)
	}
	f := structFields(t)
	fieldCache.Store(t, f)
	return f
}

func structFields(t reflect.Type) []field {
	var out []field
	seen := map[string]bool{}
	for i := 0; i < t.NumField(); i++ {
		sf := t.Field(i)
		if sf.Anonymous {
			panic(fmt.Sprintf("jsondectest: %v embeds %s, which is not supported", t, sf.Name))
		}
		if !sf.IsExported() {
			continue
		}
		tag := sf.Tag.Get("json")
		if tag == "-" {
			continue
		}
		name, _, _ := strings.Cut(tag, ",")
		if !validTag(name) {
			name = sf.Name
		}
		if seen[name] {
			panic(fmt.Sprintf("jsondectest: %v has two fields named %q, which is not supported", t, name))
		}
		seen[name] = true
		out = append(out, field{name: name, index: i, typ: sf.Type})
	}
	return out
}

// validTag is encoding/json's isValidTag.
func validTag(s string) bool {
	if s == "" {
		return false
	}
	for _, c := range s {
		switch {
		case strings.ContainsRune("!#$%&()*+-./:;<=>?@[]^_{|}~ ", c):
		case !unicode.IsLetter(c) && !unicode.IsDigit(c):
			return false
		}
	}
	return true
}

// resolve returns the field encoding/json decodes key into: the exact name first, else the
// first field whose name is equal under case folding (bytes.EqualFold is what encoding/json's
// folded names implement), else nil.
func resolve(fields []field, key string) *field {
	for i := range fields {
		if fields[i].name == key {
			return &fields[i]
		}
	}
	for i := range fields {
		if strings.EqualFold(fields[i].name, key) {
			return &fields[i]
		}
	}
	return nil
}
