package jsondectest

import (
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/dli-openapi/enhanced-connections/internal/jsondec"
)

// Secret is planted by the Generator in string values and unknown keys; Compare fails when an
// error message of the decoder contains it, since answers can echo secrets and errors end up
// in logs.
const Secret = "s3cr3t-Zq"

// Check fails t unless decode, run by jsondec.Unmarshal, agrees with encoding/json on data (see
// Compare). required lists the fields decode tracks as required, as paths with "[]" for any
// index ("connections[].id").
func Check[T any](t testing.TB, data []byte, decode func(*jsondec.Decoder, *T) error, required ...string) {
	t.Helper()
	if err := Compare(data, decode, required...); err != nil {
		t.Fatalf("input %q:\n%v", data, err)
	}
}

// Outcome is what encoding/json and the decoder made of one input.
type Outcome int

const (
	// Equal: both decoded, to equal values.
	Equal Outcome = iota
	// SyntaxErr: both found the same syntax error, at the same offset.
	SyntaxErr
	// TypeErr: encoding/json returned a type error, the decoder a *jsondec.TypeError or a
	// *jsondec.MissingFieldError.
	TypeErr
	// MissingOnly: encoding/json decoded, the decoder reported a required field that is
	// absent or null (the documented divergence).
	MissingOnly
)

// Compare decodes data with encoding/json into a zero T and with decode, through
// jsondec.Unmarshal, into another, and returns an error describing any disagreement:
//   - when encoding/json returns a *json.SyntaxError, the decoder must return a
//     *jsondec.SyntaxError with the same Offset;
//   - when encoding/json returns a *json.UnmarshalTypeError, the decoder must return a
//     *jsondec.TypeError or a *jsondec.MissingFieldError;
//   - when encoding/json succeeds, the decoder must succeed with a value equal to
//     encoding/json's in every way a later decode or a reader can tell (see diff: -0 is not 0,
//     a nil slice is not an empty one, capacity and what lies beyond the length count), or
//     fail with a *jsondec.MissingFieldError;
//   - a *jsondec.MissingFieldError must name a field of required that is absent or null in an
//     object of data, and a decoder that succeeds must have found no such absence;
//   - no error message of the decoder may contain Secret.
func Compare[T any](data []byte, decode func(*jsondec.Decoder, *T) error, required ...string) error {
	_, err := Classify(data, decode, required...)
	return err
}

// Classify is Compare that also says which Outcome the input had.
func Classify[T any](data []byte, decode func(*jsondec.Decoder, *T) error, required ...string) (Outcome, error) {
	var want, got T
	werr := json.Unmarshal(data, &want)
	gerr := jsondec.Unmarshal(data, &got, decode)
	if gerr != nil && strings.Contains(gerr.Error(), Secret) {
		return 0, fmt.Errorf("decoder error quotes the input: %v", gerr)
	}
	var missing *jsondec.MissingFieldError
	isMissing := errors.As(gerr, &missing)
	checkMissing := func(o Outcome) (Outcome, error) {
		absent, err := absences(reflect.TypeFor[T](), data, required)
		if err != nil {
			return 0, fmt.Errorf("decoder: %v, but the input does not parse: %v", gerr, err)
		}
		if !slices.Contains(absent, missing.Path) {
			return 0, fmt.Errorf("decoder: %v; the required fields absent or null are %q", gerr, absent)
		}
		return o, nil
	}

	var wsyn *json.SyntaxError
	var wtype *json.UnmarshalTypeError
	switch {
	case errors.As(werr, &wsyn):
		var gsyn *jsondec.SyntaxError
		if !errors.As(gerr, &gsyn) {
			return 0, fmt.Errorf("encoding/json: %v (offset %d); decoder: %v", werr, wsyn.Offset, gerr)
		}
		if gsyn.Offset != wsyn.Offset {
			return 0, fmt.Errorf("encoding/json: %v at offset %d; decoder: %v", werr, wsyn.Offset, gerr)
		}
		return SyntaxErr, nil
	case errors.As(werr, &wtype):
		var gtype *jsondec.TypeError
		switch {
		case errors.As(gerr, &gtype):
			return TypeErr, nil
		case isMissing:
			return checkMissing(TypeErr)
		}
		return 0, fmt.Errorf("encoding/json: %v; decoder: %v", werr, gerr)
	case werr != nil:
		if gerr == nil {
			return 0, fmt.Errorf("encoding/json: %v; decoder succeeded", werr)
		}
		return TypeErr, nil
	case isMissing:
		return checkMissing(MissingOnly)
	case gerr != nil:
		return 0, fmt.Errorf("encoding/json succeeded; decoder: %v", gerr)
	}
	if d := diff(reflect.ValueOf(&want).Elem(), reflect.ValueOf(&got).Elem(), ""); d != "" {
		return 0, fmt.Errorf("decoded values differ: %s", d)
	}
	if len(required) > 0 {
		absent, err := absences(reflect.TypeFor[T](), data, required)
		if err != nil {
			return 0, err
		}
		if len(absent) > 0 {
			return 0, fmt.Errorf("decoder succeeded, but required fields are absent or null: %q", absent)
		}
	}
	return Equal, nil
}
