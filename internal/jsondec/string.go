package jsondec

import (
	"unicode"
	"unicode/utf16"
	"unicode/utf8"
)

// readString reads the string at pos (its opening quote) and returns its unescaped bytes:
// the input itself when the string has no escape and is valid UTF-8, else d.buf, valid until
// the next string value.
func (d *Decoder) readString() ([]byte, error) {
	data := d.data
	start := d.pos + 1
	i := start
	for i < len(data) && plainByte[data[i]] {
		i++
	}
	if i < len(data) && data[i] == '"' {
		d.pos = i + 1
		return data[start:i], nil
	}
	return d.unquoteSlow(start, i, &d.buf)
}

// readKey is readString for object keys, into d.keyBuf: a key must survive its value's
// strings.
func (d *Decoder) readKey() ([]byte, error) {
	data := d.data
	start := d.pos + 1
	i := start
	for i < len(data) && plainByte[data[i]] {
		i++
	}
	if i < len(data) && data[i] == '"' {
		d.pos = i + 1
		return data[start:i], nil
	}
	return d.unquoteSlow(start, i, &d.keyBuf)
}

// unquoteSlow goes on with the string whose content starts at data[start] from data[i], the
// first byte the fast loop stopped at. A string that is only non-ASCII but valid UTF-8 is
// still returned as a slice of the input; anything else is unescaped into *scratch exactly as
// encoding/json's unquoteBytes does, and *scratch keeps the grown buffer for the next string.
func (d *Decoder) unquoteSlow(start, i int, scratch *[]byte) ([]byte, error) {
	data := d.data
	for i < len(data) {
		c := data[i]
		if plainByte[c] {
			i++
			continue
		}
		if c == '"' {
			d.pos = i + 1
			return data[start:i], nil
		}
		if c < utf8.RuneSelf {
			break // an escape or a control character
		}
		r, n := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && n == 1 {
			break
		}
		i += n
	}
	buf := append((*scratch)[:0], data[start:i]...)
	for {
		if i >= len(data) {
			return nil, d.errAt(i, "")
		}
		c := data[i]
		switch {
		case plainByte[c]:
			buf = append(buf, c)
			i++
		case c == '"':
			d.pos = i + 1
			*scratch = buf[:0]
			return buf, nil
		case c == '\\':
			n, err := d.escapeLen(i)
			if err != nil {
				return nil, err
			}
			if n == 6 {
				var r rune
				r, n = d.unicodeEscape(i)
				buf = utf8.AppendRune(buf, r)
			} else {
				buf = append(buf, unescapeByte[data[i+1]])
			}
			i += n
		case c < utf8.RuneSelf:
			return nil, d.errAt(i, "in string literal")
		default:
			// Invalid UTF-8 becomes U+FFFD one byte at a time, as utf8.DecodeRune reads it.
			r, n := utf8.DecodeRune(data[i:])
			buf = utf8.AppendRune(buf, r)
			i += n
		}
	}
}

// unicodeEscape decodes the checked \uXXXX at data[i] and returns the rune and the length
// consumed: a surrogate pair written as two escapes is joined (12 bytes), and any other
// surrogate becomes U+FFFD on its own (6 bytes), as encoding/json does.
func (d *Decoder) unicodeEscape(i int) (rune, int) {
	r := hex4(d.data[i+2:])
	if !utf16.IsSurrogate(r) {
		return r, 6
	}
	if j := i + 6; j+6 <= len(d.data) && d.data[j] == '\\' && d.data[j+1] == 'u' {
		if r2 := hex4(d.data[j+2:]); r2 >= 0 {
			if dec := utf16.DecodeRune(r, r2); dec != unicode.ReplacementChar {
				return dec, 12
			}
		}
	}
	return unicode.ReplacementChar, 6
}

// hex4 is the value of the four hexadecimal digits at the start of b, or -1.
func hex4(b []byte) rune {
	var r rune
	for _, c := range b[:4] {
		v := hexVal(c)
		if v < 0 {
			return -1
		}
		r = r<<4 | v
	}
	return r
}

// unescapeByte maps the byte after a backslash to the byte it stands for.
var unescapeByte = [256]byte{'"': '"', '\\': '\\', '/': '/', 'b': '\b', 'f': '\f', 'n': '\n', 'r': '\r', 't': '\t'}

// StringOf decodes the next value into *p, a string type: null leaves *p unchanged.
func StringOf[S ~string](d *Decoder, p *S) error {
	switch d.next() {
	case '"':
		b, err := d.readString()
		if err != nil {
			return err
		}
		*p = S(b)
		return nil
	case 'n':
		return d.literal("null")
	}
	return d.mismatch("string")
}

// StringPtrOf decodes the next value into *p: null sets nil, a string is stored in *p's
// pointee, allocated if *p is nil.
func StringPtrOf[S ~string](d *Decoder, p **S) error {
	switch d.next() {
	case '"':
		b, err := d.readString()
		if err != nil {
			return err
		}
		*Alloc(p) = S(b)
		return nil
	case 'n':
		if err := d.literal("null"); err != nil {
			return err
		}
		*p = nil
		return nil
	}
	return d.mismatch("string")
}

// String decodes the next value into *p: null leaves *p unchanged.
func (d *Decoder) String(p *string) error { return StringOf(d, p) }

// StringPtr decodes the next value into *p: null sets nil, a string is stored in *p's pointee,
// allocated if *p is nil.
func (d *Decoder) StringPtr(p **string) error {
	switch d.next() {
	case '"':
		b, err := d.readString()
		if err != nil {
			return err
		}
		*target(p, &d.strs) = string(b)
		return nil
	case 'n':
		if err := d.literal("null"); err != nil {
			return err
		}
		*p = nil
		return nil
	}
	return d.mismatch("string")
}

// Enum is StringOf for a type with known values (an enum of the spec): a string equal to one
// of known is stored as that value, without allocating; any other string is stored as
// StringOf stores it, since encoding/json accepts any string.
func Enum[S ~string](d *Decoder, p *S, known []S) error {
	switch d.next() {
	case '"':
		b, err := d.readString()
		if err != nil {
			return err
		}
		*p = intern(b, known)
		return nil
	case 'n':
		return d.literal("null")
	}
	return d.mismatch("string")
}

// EnumPtr is StringPtrOf with Enum's reuse of known values.
func EnumPtr[S ~string](d *Decoder, p **S, known []S) error {
	switch d.next() {
	case '"':
		b, err := d.readString()
		if err != nil {
			return err
		}
		*Alloc(p) = intern(b, known)
		return nil
	case 'n':
		if err := d.literal("null"); err != nil {
			return err
		}
		*p = nil
		return nil
	}
	return d.mismatch("string")
}

// intern returns the value of known equal to b, or b as a new S.
func intern[S ~string](b []byte, known []S) S {
	for _, k := range known {
		if string(k) == string(b) {
			return k
		}
	}
	return S(b)
}
