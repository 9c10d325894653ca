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

// Seeds adds n inputs of a Generator for T to a fuzz target's corpus.
func Seeds[T any](f *testing.F, seed uint64, n int, strs ...string) {
	g := NewGenerator(reflect.TypeFor[T](), seed, strs...)
	for i := 0; i < n; i++ {
		f.Add(g.Next())
	}
}
