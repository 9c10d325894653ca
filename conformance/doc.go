// Package conformance judges the real-world corpus of testdata/realworld with a second,
// independent OpenAPI validator, pb33f/libopenapi-validator, which the main module does not
// use: kin-openapi (the spec's own tests and the fake DLI) and this validator must both agree
// with every verdict of the corpus.
//
// It is a module of its own because libopenapi-validator needs a newer Go than the main module
// declares, and so that it never enters what package wrapper links. It has no code, only
// tests: cd conformance && go test ./...
package conformance
