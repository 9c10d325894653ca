package jsondec

import (
	"strconv"
	"strings"
)

// A SyntaxError is input that is not JSON, found before anything after it was decoded. Offset
// is counted as encoding/json counts it (the bytes read when the error was found: the offending
// byte included, or the input's length when it ended too early), so it equals the Offset of
// the *json.SyntaxError that encoding/json returns for the same input.
type SyntaxError struct {
	// Offset is the number of bytes read when the error was found.
	Offset int64
	// Path names the field the error was found in ("hosts[3].ip"); empty at the top level.
	Path string
	// msg says what was expected; it never quotes the input.
	msg string
}

// Error says where the input stopped being JSON and what was expected there, without quoting
// any of the input: answers can echo secrets.
func (e *SyntaxError) Error() string {
	return "jsondec: syntax error at offset " + strconv.FormatInt(e.Offset, 10) + pathSuffix(e.Path) + ": " + e.msg
}

// A TypeError is a JSON value that does not fit the Go value it was decoded into (a string for
// an integer, a number beyond int32, an object for a string), where encoding/json returns an
// *json.UnmarshalTypeError.
type TypeError struct {
	// Offset is the offset of the first byte of the value.
	Offset int64
	// Path names the field ("connections[12].create_time"); empty at the top level.
	Path string
	// Want is the kind of value the Go type takes: "string", "integer", "number", "boolean",
	// "object", "array", or a Go type for values decoded through encoding/json.
	Want string
	// Got describes the JSON value found, by kind only ("string", "number out of range"):
	// never its text.
	Got string
}

// Error names the field, the expected and the found kind, and never the value.
func (e *TypeError) Error() string {
	return "jsondec: " + pathPrefix(e.Path) + "want " + e.Want + ", got " + e.Got
}

// A MissingFieldError is a field that the spec marks required and that an object lacks or
// holds as null. It is the one place where a decoder built on this package fails and
// encoding/json does not (encoding/json leaves such a field at its zero value).
type MissingFieldError struct {
	// Path names the missing field ("connections[12].id").
	Path string
}

// Error names the missing field.
func (e *MissingFieldError) Error() string {
	return "jsondec: required field " + e.Path + " is missing"
}

// Missing returns the error for the required field name, absent or null in the object being
// decoded; callers on the way out add the path to that object with InField and InIndex.
func Missing(name string) error {
	return &MissingFieldError{Path: name}
}

// InField adds the field name to the path of err, which was returned while decoding that
// field's value, and returns err. Pass the field's name as the spec spells it, so that paths
// read the same whatever case the input used; an empty name (an unknown field) leaves the path
// as it is. Errors of other types are returned unchanged. It is meant for the error path only:
// it allocates the new path.
func InField[K ~string | ~[]byte](err error, name K) error {
	if len(name) == 0 {
		return err
	}
	if p := pathOf(err); p != nil {
		*p = joinPath(string(name), *p)
	}
	return err
}

// InIndex adds the array index i to the path of err, which was returned while decoding that
// element, and returns err. Errors of other types are returned unchanged.
func InIndex(err error, i int) error {
	if p := pathOf(err); p != nil {
		*p = joinPath("["+strconv.Itoa(i)+"]", *p)
	}
	return err
}

// pathOf returns the path field of the errors this package makes.
func pathOf(err error) *string {
	switch e := err.(type) {
	case *SyntaxError:
		return &e.Path
	case *TypeError:
		return &e.Path
	case *MissingFieldError:
		return &e.Path
	}
	return nil
}

// joinPath puts the segment head (a name or "[i]") before the path rest.
func joinPath(head, rest string) string {
	if rest == "" || strings.HasPrefix(rest, "[") {
		return head + rest
	}
	return head + "." + rest
}

func pathSuffix(path string) string {
	if path == "" {
		return ""
	}
	return " in " + path
}

func pathPrefix(path string) string {
	if path == "" {
		return ""
	}
	return path + ": "
}
