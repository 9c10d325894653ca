package jsondec_test

import (
	"bytes"
	"math/rand/v2"
	"testing"

	"github.com/dli-openapi/enhanced-connections/internal/jsondec"
)

// TestFold checks the fold against bytes.EqualFold, which encoding/json's folded names
// implement: two names fold to the same bytes exactly when EqualFold says they are equal.
func TestFold(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"create_time", "CREATE_TIME"}, {"isPrivis", "ISPRIVIS"}, {"ſ", "S"}, {"\u212a", "K"},
		{"é", "É"}, {"ß", "ß"}, {"ẞ", "ß"}, {"ς", "Σ"}, {"\xff", "\ufffd"}, {"", ""},
	} {
		if got := jsondec.Fold(tc.in); got != tc.want {
			t.Errorf("Fold(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	alphabet := []string{"a", "A", "s", "S", "ſ", "k", "K", "\u212a", "é", "É", "σ", "ς", "Σ",
		"ß", "ẞ", "ǆ", "ǅ", "Ǆ", "i", "I", "İ", "ı", "_", "1", "\xff", "\xc3"}
	r := rand.New(rand.NewPCG(1, 2))
	word := func() []byte {
		var b []byte
		for n := r.IntN(4); n > 0; n-- {
			b = append(b, alphabet[r.IntN(len(alphabet))]...)
		}
		return b
	}
	for i := 0; i < 20000; i++ {
		x, y := word(), word()
		same := bytes.Equal(jsondec.AppendFold(nil, x), jsondec.AppendFold(nil, y))
		if same != bytes.EqualFold(x, y) {
			t.Fatalf("%q, %q: folded equal %v, bytes.EqualFold %v", x, y, same, bytes.EqualFold(x, y))
		}
	}
}
