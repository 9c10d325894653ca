package jsondec_test

import (
	"testing"

	"github.com/dli-openapi/enhanced-connections/internal/jsondec/jsondectest"
)

// generated is how many generated inputs each shape is checked on, per seed.
func generated(t *testing.T) int {
	if testing.Short() {
		return 1000
	}
	return 5000
}

var shapeStrings = []string{"ACTIVE", "CREATING", "DELETED", "FAILED", "red", "green", "blue"}

// TestDifferential runs every hand-written decoder against encoding/json on generated inputs
// and checks that the inputs reached every outcome: equal values, syntax errors, type errors
// and (for the shape with required fields) missing fields.
func TestDifferential(t *testing.T) {
	for _, seed := range []uint64{1, 2} {
		t.Run("connList", func(t *testing.T) {
			t.Parallel()
			st := jsondectest.Run(t, decodeConnList, jsondectest.Config{Seed: seed, N: generated(t), Strings: shapeStrings})
			checkStats(t, st, false)
		})
		t.Run("scalars", func(t *testing.T) {
			t.Parallel()
			st := jsondectest.Run(t, decodeScalars, jsondectest.Config{Seed: seed, N: generated(t), Strings: shapeStrings})
			checkStats(t, st, false)
		})
		t.Run("records", func(t *testing.T) {
			t.Parallel()
			st := jsondectest.Run(t, decodeRecords, jsondectest.Config{Seed: seed, N: generated(t), Strings: shapeStrings, Required: recordsRequired})
			checkStats(t, st, true)
		})
		t.Run("[]conn", func(t *testing.T) {
			t.Parallel()
			st := jsondectest.Run(t, decodeConns, jsondectest.Config{Seed: seed, N: generated(t) / 2, Strings: shapeStrings})
			checkStats(t, st, false)
		})
	}
}

func checkStats(t *testing.T, st jsondectest.Stats, missing bool) {
	t.Helper()
	t.Logf("%+v", st)
	if st.Equal == 0 || st.SyntaxErr == 0 || st.TypeErr == 0 || missing != (st.MissingOnly > 0) {
		t.Errorf("outcomes %+v: the inputs miss a kind of outcome", st)
	}
}
