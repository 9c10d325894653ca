package wrapper

import (
	"errors"
	"strconv"
	"unicode/utf8"

	"github.com/dli-openapi/enhanced-connections/internal/jsondec"
)

// The request bodies are written by generated appenders (encode.gen.go) rather than by
// json.Marshal: its reflection walk cost more than validating the same body and was the largest
// part of a big create after the SHA-256 the signature needs. The appenders write exactly the
// bytes json.Marshal writes for the same value (same field order, same omissions, same escaping:
// HTML-safe, U+2028/U+2029, invalid UTF-8 as U+FFFD), so the body that is signed and sent, and
// the JSON the validator judged (it judges the value as encoding/json would send it), do not
// depend on which encoder ran. The differential test and FuzzAppendCreateBody (encode_test.go)
// hold them to that. This file has what the generated code calls.

// closeObject ends an object whose fields were each written with a trailing comma.
func closeObject(b []byte) []byte {
	if b[len(b)-1] == ',' {
		b[len(b)-1] = '}'
		return b
	}
	return append(b, '}')
}

// appendQueryString appends name=value to a query, escaped as url.Values.Encode does (a space as
// '+', which the signer rewrites to %20 as the vendor SDK does).
func appendQueryString(b []byte, name, value string) []byte {
	if len(b) > 0 {
		b = append(b, '&')
	}
	b = append(b, name...)
	b = append(b, '=')
	return appendQueryEscaped(b, value)
}

// appendQueryInt appends name=value for an integer parameter.
func appendQueryInt(b []byte, name string, value int64) []byte {
	if len(b) > 0 {
		b = append(b, '&')
	}
	b = append(b, name...)
	b = append(b, '=')
	return strconv.AppendInt(b, value, 10)
}

// appendQueryEscaped is url.QueryEscape without the intermediate string.
func appendQueryEscaped(b []byte, s string) []byte {
	const hex = "0123456789ABCDEF"
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9', c == '-', c == '_', c == '.', c == '~':
			b = append(b, c)
		case c == ' ':
			b = append(b, '+')
		default:
			b = append(b, '%', hex[c>>4], hex[c&15])
		}
	}
	return b
}

// describeDecodeError turns a decode error into the field it concerns and words that never
// quote the answer.
func describeDecodeError(err error) (field, reason string) {
	var te *jsondec.TypeError
	var se *jsondec.SyntaxError
	var me *missingFieldError
	switch {
	case errors.As(err, &me):
		return me.path, "missing, but the spec requires it"
	case errors.As(err, &te):
		return te.Path, "want " + te.Want + ", got " + te.Got
	case errors.As(err, &se):
		return se.Path, "not valid JSON (at byte " + strconv.FormatInt(se.Offset, 10) + ")"
	}
	return "", err.Error()
}

// appendJSONString appends s quoted as encoding/json quotes a string with HTML escaping on
// (json.Marshal's default): `"` and `\` escaped, \b \f \n \r \t by name, other control bytes and
// <, >, & as \u00XX, U+2028 and U+2029 as \u2028 and \u2029, each byte of invalid UTF-8 as
// \ufffd, everything else as is. It is a copy of encoding/json's appendString, kept in step with
// it by the differential tests; the common case (a name or an address in plain ASCII) is one
// scan and one copy.
func appendJSONString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			if jsonSafe[c] {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '\\', '"':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				// Other control bytes, and <, > and & (HTML escaping).
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			// Valid JSON, but line terminators in JavaScript: encoding/json escapes them.
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hex[r&0xF])
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

// jsonSafe lists the ASCII bytes encoding/json copies unescaped with HTML escaping on: printable
// ASCII and DEL, except `"`, `\`, <, > and &.
var jsonSafe = func() (t [utf8.RuneSelf]bool) {
	for c := 0x20; c < utf8.RuneSelf; c++ {
		t[c] = true
	}
	for _, c := range `"\<>&` {
		t[c] = false
	}
	return t
}()

// missingFieldError is the decode error of an answer that lacks a field the spec requires.
type missingFieldError struct{ path string }

func (e *missingFieldError) Error() string { return e.path + ": missing, but the spec requires it" }

func missingField(name string) error { return &missingFieldError{path: name} }

// inField puts the field (and the index, unless negative) an error was found in in front of
// its path: "connections[3].id".
func inField(err error, name string, index int) error {
	var m *missingFieldError
	if !errors.As(err, &m) {
		return err
	}
	prefix := name
	if index >= 0 {
		prefix += "[" + strconv.Itoa(index) + "]"
	}
	return &missingFieldError{path: prefix + "." + m.path}
}
