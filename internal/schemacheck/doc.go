// Package schemacheck checks Go values against OpenAPI 3.0 schemas without encoding them.
//
// kin-openapi validates a request by decoding its JSON body into maps and walking the schema
// for every value, which for a 20,000-host body costs more than building the request. Here a
// schema is compiled once into a tree of checks (patterns become lazily built DFAs, formats
// hand-written parsers) and the checks run straight over the typed values the generated
// client is about to encode, through per-type plans cached on first use. Values decoded from
// JSON (map[string]any, []any, float64, string, bool, nil) are accepted too, which lets the
// checks be tested against kin-openapi on the same input.
//
// Schemas come as Nodes of Rules, the request rules of a spec in plain JSON, which package
// fromspec produces from a loaded spec at generation time; this package itself needs only the
// standard library, so a program that checks requests links no OpenAPI or YAML parser.
//
// A typed value is judged as encoding/json would send it: a field tagged omitempty that is
// empty is absent, a nil pointer, slice or map that is not omitted is null, and an empty
// string is present (so a required string that is "" is caught by minLength or pattern, never
// by required). Only the keywords this package implements can be written in a Node; fromspec
// refuses a schema with any other one, DecodeRules refuses a field it does not know and
// Compile refuses a format or type it does not check, so a new rule in the spec can never be
// silently skipped.
package schemacheck
