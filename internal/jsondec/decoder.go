package jsondec

import "errors"

// maxDepth is encoding/json's limit on nested objects and arrays (its scanner's
// maxNestingDepth): 10000 levels are accepted, the 10001st is a syntax error.
const maxDepth = 10000

// A Decoder reads one JSON document for the decode functions generated from the spec. It is
// made by Unmarshal and handed to them; they call one method per value, in document order.
// Every method checks the syntax of what it consumes, so when one returns a *SyntaxError it is
// the first one in the input, as encoding/json reports it.
type Decoder struct {
	data []byte
	// pos is the index of the next unread byte.
	pos int
	// depth counts the objects and arrays open at pos, the typed ones and the skipped ones.
	depth int
	// keyBuf holds the last key that needed unescaping; buf the last such string value.
	keyBuf, buf []byte
	// stack holds the kinds ('{' or '[') of the containers Skip is inside.
	stack    []byte
	stackBuf [32]byte
	// The targets of the pointer fields of the common types come from slabs.
	strs  slab[string]
	i64s  slab[int64]
	i32s  slab[int32]
	ints  slab[int]
	f64s  slab[float64]
	f32s  slab[float32]
	bools slab[bool]
}

// Unmarshal decodes data, one JSON value with only whitespace around it, into v with decode,
// a function generated for T. Like encoding/json it checks the whole input: when decode fails
// with a type or missing-field error, the input is scanned to its end and a syntax error found
// anywhere in it is returned instead.
func Unmarshal[T any](data []byte, v *T, decode func(*Decoder, *T) error) error {
	if v == nil {
		return errors.New("jsondec: Unmarshal into a nil pointer")
	}
	d := &Decoder{data: data}
	d.stack = d.stackBuf[:0]
	if err := decode(d, v); err != nil {
		if _, ok := err.(*SyntaxError); ok {
			return err
		}
		if serr := Valid(data); serr != nil {
			return serr
		}
		return err
	}
	return d.end()
}

// Valid returns the first syntax error of data as a *SyntaxError, or nil when data is one JSON
// value with only whitespace around it: what encoding/json accepts.
func Valid(data []byte) error {
	d := &Decoder{data: data}
	d.stack = d.stackBuf[:0]
	if err := d.Skip(); err != nil {
		return err
	}
	return d.end()
}

// end checks that only whitespace follows the top-level value.
func (d *Decoder) end() error {
	d.next()
	if d.pos < len(d.data) {
		return d.errAt(d.pos, "after top-level value")
	}
	return nil
}

// next skips whitespace and returns the byte at pos without consuming it, or 0 at the end of
// the input (a 0 byte in the input is refused as any other invalid byte by the caller, which
// tells the two apart by pos).
func (d *Decoder) next() byte {
	if d.pos < len(d.data) {
		if c := d.data[d.pos]; c > ' ' {
			return c
		}
	}
	return d.nextSlow()
}

func (d *Decoder) nextSlow() byte {
	for d.pos < len(d.data) {
		switch c := d.data[d.pos]; c {
		case ' ', '\t', '\n', '\r':
			d.pos++
		default:
			return c
		}
	}
	return 0
}

// errAt is the syntax error for the byte at index i, or for the end of the input when i is
// past it, with encoding/json's offsets.
func (d *Decoder) errAt(i int, msg string) error {
	if i >= len(d.data) {
		return &SyntaxError{Offset: int64(len(d.data)), msg: "unexpected end of JSON input"}
	}
	return &SyntaxError{Offset: int64(i) + 1, msg: "invalid character " + msg}
}

// open consumes the '{' or '[' at pos.
func (d *Decoder) open() error {
	d.pos++
	d.depth++
	if d.depth > maxDepth {
		return &SyntaxError{Offset: int64(d.pos), msg: "exceeded max depth"}
	}
	return nil
}

// mismatch is the error for a value at pos that a Go value of kind want cannot hold: a
// *TypeError naming the kind found, or a *SyntaxError when no value starts there.
func (d *Decoder) mismatch(want string) error {
	var got string
	switch c := d.next(); {
	case c == '"':
		got = "string"
	case c == '{':
		got = "object"
	case c == '[':
		got = "array"
	case c == 't' || c == 'f':
		got = "boolean"
	case c == '-' || '0' <= c && c <= '9':
		got = "number"
	default:
		return d.errAt(d.pos, "looking for beginning of value")
	}
	return &TypeError{Offset: int64(d.pos), Want: want, Got: got}
}

// literal consumes lit (true, false or null), which starts at pos.
func (d *Decoder) literal(lit string) error {
	if len(d.data)-d.pos >= len(lit) && string(d.data[d.pos:d.pos+len(lit)]) == lit {
		d.pos += len(lit)
		return nil
	}
	for i := 0; i < len(lit); i++ {
		if j := d.pos + i; j >= len(d.data) || d.data[j] != lit[i] {
			return d.errAt(j, "in literal "+lit)
		}
	}
	panic("unreachable")
}

// Null consumes the next value and reports true if it is null, and otherwise consumes
// nothing. Generated code asks it before a required field's value, since null leaves a Go
// string unchanged but must count as absent.
func (d *Decoder) Null() bool {
	if d.next() == 'n' && len(d.data)-d.pos >= 4 && string(d.data[d.pos:d.pos+4]) == "null" {
		d.pos += 4
		return true
	}
	return false
}

// BeginObject starts decoding an object into a struct. It returns true when the value is an
// object, whose members NextKey then reads; false with a nil error when the value is null,
// which leaves the struct unchanged as encoding/json does; and false with a *TypeError for any
// other value.
func (d *Decoder) BeginObject() (bool, error) {
	switch d.next() {
	case '{':
		return true, d.open()
	case 'n':
		return false, d.literal("null")
	}
	return false, d.mismatch("object")
}

// NextKey reads the next member's key of the object begun by BeginObject and consumes the ':'
// after it; first is true for the first call on an object. It returns more=false at the
// closing '}', which it consumes. The key is unescaped, with invalid UTF-8 and lone surrogates
// replaced by U+FFFD as encoding/json does; it aliases the input or a buffer of the Decoder
// and is valid until the next NextKey call.
func (d *Decoder) NextKey(first bool) (key []byte, more bool, err error) {
	c := d.next()
	if !first {
		switch c {
		case ',':
			d.pos++
			c = d.next()
		case '}':
			d.pos++
			d.depth--
			return nil, false, nil
		default:
			return nil, false, d.errAt(d.pos, "after object key:value pair")
		}
	} else if c == '}' {
		d.pos++
		d.depth--
		return nil, false, nil
	}
	if c != '"' {
		return nil, false, d.errAt(d.pos, "looking for beginning of object key string")
	}
	key, err = d.readKey()
	if err != nil {
		return nil, false, err
	}
	if d.next() != ':' {
		return nil, false, d.errAt(d.pos, "after object key")
	}
	d.pos++
	return key, true, nil
}

// BeginArray starts decoding an array. It returns true when the value is an array, whose
// elements NextElem then announces; false with a nil error when the value is null (the caller
// decides what null means: BeginSlice sets nil); and false with a *TypeError otherwise.
func (d *Decoder) BeginArray() (bool, error) {
	switch d.next() {
	case '[':
		return true, d.open()
	case 'n':
		return false, d.literal("null")
	}
	return false, d.mismatch("array")
}

// BeginSlice is BeginArray for a slice: null sets *s to nil, as encoding/json does.
func BeginSlice[T any](d *Decoder, s *[]T) (bool, error) {
	ok, err := d.BeginArray()
	if !ok && err == nil {
		*s = nil
	}
	return ok, err
}

// NextElem reports whether another element follows in the array begun by BeginArray,
// consuming the ',' before it; first is true for the first call on an array. At the closing
// ']', which it consumes, it returns false. The caller then decodes the element with one call.
func (d *Decoder) NextElem(first bool) (bool, error) {
	c := d.next()
	switch {
	case c == ']':
		d.pos++
		d.depth--
		return false, nil
	case first:
		return true, nil
	case c == ',':
		d.pos++
		return true, nil
	}
	return false, d.errAt(d.pos, "after array element")
}
