package wrapper

import (
	"sync"

	"github.com/dli-openapi/enhanced-connections/internal/schemacheck"
	"github.com/dli-openapi/enhanced-connections/internal/specrules"
)

// specrules.Rules builds what the wrapper needs of the spec: the request rules of every
// operation and the servers, written as Go by internal/cmd/genrules at generation time (see
// generate.go). Nothing is parsed or decoded: a program pays for the rules on its first
// validation or region lookup, and New costs nothing for them.
var sharedRules struct {
	once  sync.Once
	rules *schemacheck.Rules
}

// loadRules builds the rules on first use; every caller gets the same read-only rules.
func loadRules() (*schemacheck.Rules, error) {
	sharedRules.once.Do(func() { sharedRules.rules = specrules.Rules() })
	return sharedRules.rules, nil
}
