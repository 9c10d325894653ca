package wrapper

import (
	"net/http"
	"testing"

	"github.com/dli-openapi/enhanced-connections/internal/jsondec/jsondectest"
)

// roundTripFunc is an http.RoundTripper made of a function, for transports written in a test.
type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

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
