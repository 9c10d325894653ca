package wrapper

import (
	"bytes"
	_ "embed"
	"sync"

	"github.com/dli-openapi/enhanced-connections/internal/schemacheck"
)

// rulesJSON is what the wrapper needs of the spec: the request rules of every operation and the
// servers, written by internal/cmd/genrules from the embedded spec at generation time (see
// generate.go). Reading it takes the standard library only, where the spec itself needs an
// OpenAPI and a YAML parser.
//
//go:embed rules.gen.json
var rulesJSON []byte

var specRules struct {
	once  sync.Once
	rules *schemacheck.Rules
	err   error
}

// loadRules decodes rulesJSON on first use; every caller gets the same read-only rules.
func loadRules() (*schemacheck.Rules, error) {
	specRules.once.Do(func() {
		specRules.rules, specRules.err = schemacheck.DecodeRules(bytes.NewReader(rulesJSON))
	})
	return specRules.rules, specRules.err
}
