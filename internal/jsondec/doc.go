// Package jsondec is the runtime of the JSON decoders generated from the spec: one decode
// function per response type, written at generation time from the generated Go types, that
// calls a Decoder once per value with no reflection, closures or interface calls, and
// allocates only the values it stores (strings, the targets of pointers, slices).
//
// A decoder built on it, in the shape the generator writes (see the tests' decoders), produces
// exactly the value encoding/json's Unmarshal produces for the same input, and fails whenever
// encoding/json fails:
//
//   - The whole input is checked, as encoding/json checks it before storing anything: a syntax
//     error anywhere, in skipped unknown fields and after a type error too, is a *SyntaxError
//     at encoding/json's offset; so is nesting deeper than 10000 levels, a BOM, a trailing
//     comma, a leading zero, "+1", "1.", ".5", a control character or a bad escape in a
//     string. Unmarshal gets there without encoding/json's pre-scan: each call checks what it
//     consumes, and only a decode that failed for another reason scans the rest.
//   - Keys match a field by exact name first, else by the folded name of AppendFold (the
//     fold of encoding/json's fold.go); unknown keys are skipped. A duplicate key decodes
//     again into the same field: structs merge, pointers are reused, slices are decoded into
//     element by element (Elem, EndSlice), exposing what an earlier, longer array left in
//     their capacity, as encoding/json does.
//   - null leaves strings, numbers, booleans and structs unchanged and sets pointers and
//     slices to nil; [] makes an empty, non-nil slice.
//   - Strings are unescaped as encoding/json's unquote does: surrogate pairs joined, a lone
//     surrogate and each invalid UTF-8 byte replaced by U+FFFD.
//   - Integers take exactly what strconv.ParseInt accepts within the field's width (1.0 and
//     1e2 are type errors, -0 is 0), floats what strconv.ParseFloat accepts at the width;
//     a value of the wrong kind is a *TypeError.
//   - Interfaces and maps are decoded by encoding/json itself on the value's bytes
//     (Decoder.Fallback), which keeps its semantics by construction.
//
// There is one divergence, on purpose: generated code tracks the fields the spec marks
// required and returns a *MissingFieldError when an object lacks one or holds it as null,
// where encoding/json leaves the field at its zero value. Errors carry the path of the field
// ("connections[12].create_time", built on the way out by InField and InIndex) and never
// quote the input, which can echo secrets. A *TypeError or *MissingFieldError is the first in
// document order, as a decode stops there; encoding/json reports the first type error after
// decoding the rest, so the value left behind after an error differs (callers discard it).
//
// Generated code (ExampleUnmarshal shows its shape) matches keys with a switch on the exact
// names, then one on the folded names computed with Fold, giving a folded name to the first
// field in field order when two fields fold equal (encoding/json's precedence); passes the
// spec's field names to InField, so that paths never carry input; decodes a pointer to a
// struct with Null and Alloc, and the pointer fields of primitive types with the Ptr methods.
// Those methods take the pointers' targets from arrays of up to 128 shared by one decode,
// which halves the allocations of a list answer; each pointer still has a target of its own,
// but a target kept alive keeps its array alive.
//
// Not covered, because generated types do not have them: Unmarshaler and TextUnmarshaler
// implementations, the ",string" tag option, embedded structs, []byte as base64, unsigned
// integers, json.Number. The generator falls back to Decoder.Fallback for any such value.
//
// Package jsondectest holds the proof: a differential checker against encoding/json and an
// input generator, reusable over every generated decoder.
package jsondec
