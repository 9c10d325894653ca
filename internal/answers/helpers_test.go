package answers

import (
	"testing"

	"github.com/dli-openapi/enhanced-connections/internal/jsondec/jsondectest"
)

// decoderInputs is how many generated inputs each answer decoder is checked on.
const decoderInputs = 3000

// checkOutcomes fails unless the inputs reached both decoded values and errors: a run that
// only ever hit syntax errors would prove nothing.
func checkOutcomes(t *testing.T, st jsondectest.Stats) {
	t.Helper()
	if st.Equal == 0 || st.SyntaxErr == 0 || st.TypeErr == 0 {
		t.Fatalf("the inputs missed a kind of outcome: %+v", st)
	}
	t.Logf("%+v", st)
}

func TestWantObject(t *testing.T) {
	for in, want := range map[string]error{"": ErrEmpty, " \n\t": ErrEmpty, "null": ErrNotAnObject, "[]": ErrNotAnObject,
		`"x"`: ErrNotAnObject, "1": ErrNotAnObject, " {": nil, "{}": nil} {
		if got := WantObject([]byte(in)); got != want {
			t.Errorf("WantObject(%q) = %v, want %v", in, got, want)
		}
	}
}
