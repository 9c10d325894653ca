package jsondectest

import (
	"reflect"
	"testing"

	"github.com/dli-openapi/enhanced-connections/internal/jsondec"
)

// Config says what Run generates and what it checks.
type Config struct {
	// Seed makes the inputs; the same seed gives the same inputs.
	Seed uint64
	// N is the number of inputs.
	N int
	// Required lists the fields the decoder tracks as required, as for Check.
	Required []string
	// Strings are values strings are often drawn from (the type's enum values).
	Strings []string
}

// Stats counts the outcomes of a Run, so that a test can show its inputs reached every kind
// of outcome rather than, say, only syntax errors.
type Stats struct {
	Equal, SyntaxErr, TypeErr, MissingOnly int
}

// Run checks decode against encoding/json, as Check does, on cfg.N inputs of a Generator for
// T, and fails t at the first disagreement, quoting the input.
func Run[T any](t testing.TB, decode func(*jsondec.Decoder, *T) error, cfg Config) Stats {
	t.Helper()
	g := NewGenerator(reflect.TypeFor[T](), cfg.Seed, cfg.Strings...)
	var st Stats
	for i := 0; i < cfg.N; i++ {
		data := g.Next()
		o, err := Classify(data, decode, cfg.Required...)
		if err != nil {
			t.Fatalf("seed %d, input %d %q:\n%v", cfg.Seed, i, data, err)
		}
		switch o {
		case Equal:
			st.Equal++
		case SyntaxErr:
			st.SyntaxErr++
		case TypeErr:
			st.TypeErr++
		case MissingOnly:
			st.MissingOnly++
		}
	}
	return st
}

// maxSeedLen bounds the inputs Seeds adds: the fuzzer mutates small inputs faster, and the
// deep-nesting ones (20 KB and more) are Run's to check.
const maxSeedLen = 2048

// Seeds adds to a fuzz target's corpus the inputs shorter than 2 KB among the first n of a
// Generator for T.
func Seeds[T any](f *testing.F, seed uint64, n int, strs ...string) {
	g := NewGenerator(reflect.TypeFor[T](), seed, strs...)
	for i := 0; i < n; i++ {
		if data := g.Next(); len(data) < maxSeedLen {
			f.Add(data)
		}
	}
}
