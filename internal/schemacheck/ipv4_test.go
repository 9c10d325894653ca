package schemacheck

import (
	"net/netip"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/stretchr/testify/assert"
)

// kinIPv4 is what kin-openapi accepts for `format: ipv4` once told to check it.
var kinIPv4 = openapi3.NewIPValidator(true)

func TestIsIPv4AgreesWithNetipAndKinOpenAPI(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want bool
	}{
		{"0.0.0.0", true},
		{"10.0.0.1", true},
		{"192.168.0.1", true},
		{"255.255.255.255", true},
		{"1.2.3.4", true},
		{"256.1.1.1", false},
		{"1.2.3.256", false},
		{"1.2.3.1000", false},
		{"01.2.3.4", false}, // leading zeros: netip (and so kin-openapi) refuses them
		{"1.2.3.04", false},
		{"1.2.3.00", false},
		{"1.2.3", false},
		{"1.2.3.4.5", false},
		{"1..2.3", false},
		{".1.2.3", false},
		{"1.2.3.", false},
		{"1.2.3.4 ", false},
		{" 1.2.3.4", false},
		{"1.2.3.4/24", false},
		{"1.2.3.4%eth0", false},
		{"::1", false},
		{"::ffff:1.2.3.4", false},
		{"", false},
		{"a.b.c.d", false},
		{"1.2.3.-4", false},
		{"+1.2.3.4", false},
		{"１.2.3.4", false}, // fullwidth digit
	} {
		assert.Equal(t, tc.want, isIPv4(tc.in), "%q", tc.in)
		assert.Equal(t, tc.want, netipIs4(tc.in), "netip on %q", tc.in)
		assert.Equal(t, tc.want, kinIPv4.Validate(tc.in) == nil, "kin-openapi on %q", tc.in)
	}
}

func FuzzIPv4(f *testing.F) {
	for _, s := range []string{"1.2.3.4", "01.2.3.4", "255.255.255.255", "::ffff:1.2.3.4", "1.2.3.4%z", "0.0.0.0"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := isIPv4(s), netipIs4(s); got != want {
			t.Fatalf("%q: isIPv4 %v, netip %v", s, got, want)
		}
	})
}

func netipIs4(s string) bool {
	a, err := netip.ParseAddr(s)
	return err == nil && a.Is4()
}
