// Package answers decodes the success answers of the spec's operations into the generated types
// (package gen): one Decode function per answer type, generated from the spec and gen/ by
// internal/cmd/genwrapper (decode.gen.go) on internal/jsondec. Each decodes exactly what
// encoding/json decodes, and fails whenever encoding/json fails (decode_gen_test.go proves it
// on generated and mutated inputs, and fuzzes it), several times faster and without reflection.
//
// A success answer must moreover be a JSON object: an empty body, null, an array or a string
// would otherwise pass as an empty answer. What an answer must contain beyond that (the fields
// the spec requires) is the wrapper's check, after it has read is_success.
package answers

import "errors"

// ErrNotAnObject is the error of a success answer that is not a JSON object.
var ErrNotAnObject = errors.New("not a JSON object")

// ErrEmpty is the error of a success answer without a body.
var ErrEmpty = errors.New("empty body")

// WantObject refuses data that is empty or not a JSON object, before it is decoded.
func WantObject(data []byte) error {
	for _, c := range data {
		switch c {
		case ' ', '\t', '\r', '\n':
			continue
		case '{':
			return nil
		}
		return ErrNotAnObject
	}
	return ErrEmpty
}
