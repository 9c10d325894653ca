package jsondec

import (
	"encoding/json"
	"errors"
	"reflect"
	"strings"
)

// Raw consumes the next value, checked as Skip checks it, and returns its bytes, which alias
// the input.
func (d *Decoder) Raw() ([]byte, error) {
	d.next()
	start := d.pos
	if err := d.Skip(); err != nil {
		return nil, err
	}
	return d.data[start:d.pos], nil
}

// Fallback decodes the next value into v, a pointer to a Go value that generated code does not
// decode itself (an interface, a map), with encoding/json on the value's raw bytes, which keeps
// encoding/json's semantics by construction. A value encoding/json refuses gives a *TypeError
// built from its error's kinds only, since encoding/json's message quotes the value.
func (d *Decoder) Fallback(v any) error {
	raw, err := d.Raw()
	if err != nil {
		return err
	}
	start := int64(d.pos - len(raw))
	if err := json.Unmarshal(raw, v); err != nil {
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) {
			got, _, _ := strings.Cut(te.Value, " ")
			return &TypeError{Offset: start + te.Offset, Want: te.Type.String(), Got: got}
		}
		return &TypeError{Offset: start, Want: reflect.TypeOf(v).String(), Got: "a value encoding/json refuses"}
	}
	return nil
}
