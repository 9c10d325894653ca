package jsondec_test

import (
	"errors"
	"fmt"

	"github.com/dli-openapi/enhanced-connections/internal/jsondec"
)

// tag is a struct with two required fields, as the generator sees gen.Tag.
type tag struct {
	Key   string `json:"key"`
	Value string `json:"value"`
}

var tagNames = []string{"key", "value"}

// tagField maps a key to a field: exact names first, then the folded names, which the
// generator computes with jsondec.Fold.
func tagField(key []byte) int {
	switch string(key) {
	case "key":
		return 0
	case "value":
		return 1
	}
	var buf [64]byte
	switch string(jsondec.AppendFold(buf[:0], key)) {
	case "KEY":
		return 0
	case "VALUE":
		return 1
	}
	return -1
}

// decodeTag is what the generator writes for a struct: one Decoder call per member, presence
// bits for the required fields (null counts as absent), the path added on the error path only.
func decodeTag(d *jsondec.Decoder, v *tag) error {
	if ok, err := d.BeginObject(); !ok {
		return err
	}
	var seen uint8
	for first := true; ; first = false {
		key, more, err := d.NextKey(first)
		if err != nil {
			return err
		}
		if !more {
			break
		}
		f := tagField(key)
		switch f {
		case 0:
			if !d.Null() {
				seen |= 1 << 0
				err = d.String(&v.Key)
			}
		case 1:
			if !d.Null() {
				seen |= 1 << 1
				err = d.String(&v.Value)
			}
		default:
			err = d.Skip()
		}
		if err != nil {
			return jsondec.InField(err, fieldName(tagNames, f))
		}
	}
	switch {
	case seen&(1<<0) == 0:
		return jsondec.Missing("key")
	case seen&(1<<1) == 0:
		return jsondec.Missing("value")
	}
	return nil
}

// decodeTags is what the generator writes for a slice: encoding/json's growth, truncation and
// empty-slice rules come from BeginSlice, Elem and EndSlice.
func decodeTags(d *jsondec.Decoder, s *[]tag) error {
	if ok, err := jsondec.BeginSlice(d, s); !ok {
		return err
	}
	i := 0
	for ; ; i++ {
		more, err := d.NextElem(i == 0)
		if err != nil {
			return err
		}
		if !more {
			break
		}
		if err := decodeTag(d, jsondec.Elem(s, i)); err != nil {
			return jsondec.InIndex(err, i)
		}
	}
	jsondec.EndSlice(s, i)
	return nil
}

func ExampleUnmarshal() {
	var tags []tag
	err := jsondec.Unmarshal([]byte(`[{"key":"env","VALUE":"prod","extra":[1,{}]}]`), &tags, decodeTags)
	fmt.Println(tags, err)

	err = jsondec.Unmarshal([]byte(`[{"key":"a","value":"b"},{"key":"c","value":null}]`), &tags, decodeTags)
	var missing *jsondec.MissingFieldError
	fmt.Println(errors.As(err, &missing), err)

	err = jsondec.Unmarshal([]byte(`[{"key":"a","value":1}]`), &tags, decodeTags)
	var typeErr *jsondec.TypeError
	fmt.Println(errors.As(err, &typeErr), err)

	err = jsondec.Unmarshal([]byte(`[{"key":"a","value":"b"},]`), &tags, decodeTags)
	var syntaxErr *jsondec.SyntaxError
	fmt.Println(errors.As(err, &syntaxErr), err)
	// Output:
	// [{env prod}] <nil>
	// true jsondec: required field [1].value is missing
	// true jsondec: [0].value: want string, got number
	// true jsondec: syntax error at offset 26 in [1]: invalid character looking for beginning of value
}
