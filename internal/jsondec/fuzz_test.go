package jsondec_test

import (
	"testing"

	"github.com/dli-openapi/enhanced-connections/internal/jsondec/jsondectest"
)

// One fuzz target per shape: any input must decode as encoding/json decodes it (Check). The
// corpus starts from the edge tables and generated inputs; inputs of the deep-nesting edges
// are left out of the corpus so that mutating them stays cheap.

func seedCorpus[T any](f *testing.F, edges []string) {
	for _, in := range edges {
		if len(in) < 4096 {
			f.Add([]byte(in))
		}
	}
	jsondectest.Seeds[T](f, 1, 64, shapeStrings...)
}

func FuzzDecodeConnList(f *testing.F) {
	seedCorpus[connList](f, connEdges)
	f.Fuzz(func(t *testing.T, data []byte) {
		jsondectest.Check(t, data, decodeConnList)
	})
}

func FuzzDecodeConns(f *testing.F) {
	seedCorpus[[]conn](f, []string{`[]`, `null`, `[{}]`, `[{"hosts":[{"ip":"a"}]},{}]`})
	f.Fuzz(func(t *testing.T, data []byte) {
		jsondectest.Check(t, data, decodeConns)
	})
}

func FuzzDecodeScalars(f *testing.F) {
	seedCorpus[scalars](f, scalarEdges)
	f.Fuzz(func(t *testing.T, data []byte) {
		jsondectest.Check(t, data, decodeScalars)
	})
}

func FuzzDecodeRecords(f *testing.F) {
	seedCorpus[records](f, recordsEdges)
	f.Fuzz(func(t *testing.T, data []byte) {
		jsondectest.Check(t, data, decodeRecords, recordsRequired...)
	})
}
