// Package enhancedconnections holds the OpenAPI 3.0.3 description of the DLI enhanced datasource
// connection API, the single source of truth of this module: gen/ and the request rules that the
// wrapper and the fake DLI check requests with (internal/specrules) are generated from it.
// Neither package wrapper nor package fake nor the CLI imports this package, so none of their
// binaries links an OpenAPI or YAML parser.
//
// Consuming repositories can read the exact file of the version they depend on:
//
//	doc, err := enhancedconnections.Load(ctx)
//	op := doc.Paths.Find("/v2.0/{project_id}/datasource/enhanced-connections").Post
package enhancedconnections

import (
	"context"
	_ "embed"
	"fmt"
	"sync"

	"github.com/getkin/kin-openapi/openapi3"
)

// SpecPath is the path of the spec inside this module.
const SpecPath = "spec/enhanced-connections.yaml"

//go:embed spec/enhanced-connections.yaml
var specYAML []byte

// Spec returns the raw bytes of spec/enhanced-connections.yaml. The slice is a copy, so
// callers may change it.
func Spec() []byte {
	return append([]byte(nil), specYAML...)
}

var loaded struct {
	once sync.Once
	doc  *openapi3.T
	err  error
}

// Load parses the embedded spec and validates it, examples included, and returns the document.
// Parsing happens once per process; every caller gets the same document, which must therefore be
// treated as read-only. ctx is only used by the first call.
func Load(ctx context.Context) (*openapi3.T, error) {
	loaded.once.Do(func() {
		loaded.doc, loaded.err = parse(ctx)
	})
	return loaded.doc, loaded.err
}

func parse(ctx context.Context) (*openapi3.T, error) {
	loader := openapi3.NewLoader()
	loader.Context = ctx
	doc, err := loader.LoadFromData(specYAML)
	if err != nil {
		return nil, fmt.Errorf("enhancedconnections: parse %s: %w", SpecPath, err)
	}
	// kin-openapi skips `format: ipv4` unless told to globally; the pattern beside every ipv4
	// format makes the examples check catch a bad address without touching global state.
	if err := doc.Validate(ctx, openapi3.EnableExamplesValidation()); err != nil {
		return nil, fmt.Errorf("enhancedconnections: validate %s: %w", SpecPath, err)
	}
	return doc, nil
}
