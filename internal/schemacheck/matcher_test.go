package schemacheck

import (
	"math/rand/v2"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// matcherInputs are strings that probe anchors, lengths, separators and the byte classes
// (ASCII, Latin-1 letters, the edge of the tag patterns' À-￼ range, invalid UTF-8).
var matcherInputs = []string{
	"", " ", "a", "A", "_", "-", ".", "0", "\n", "a\n", "\na",
	"test1", "test-1", "test_1", "Test 1", " test", "test ",
	"_sys_", "_sys_x", "x_sys_", "_SYS_x", "_sys",
	"env", "prod", "team data", "a b", "a  b", "a=b", "k:v+w@x.y-z",
	"été", "Ünïcødé", "日本語", "a\u00bfb", "\u00c0", "\ufffc", "\ufffd", "\xff", "a\x80b",
	"2a620c33-5609-40c9-affd-2b6453071b0f", "2A620C33-5609-40C9-AFFD-2B6453071B0F",
	"2a620c33-5609-40c9-affd-2b6453071b0", "2a620c33-5609-40c9-affd-2b6453071b0f0",
	"2a620c3356094-0c9-affd-2b6453071b0f", "g2620c33-5609-40c9-affd-2b6453071b0f",
	"0.0.0.0", "10.0.0.1", "192.168.0.1", "255.255.255.255", "256.0.0.1", "01.2.3.4",
	"1.2.3", "1.2.3.4.5", "1..2.3", "1.2.3.4 ", " 1.2.3.4", "1.2.3.4/24", "1.2.3.4/33",
	"127.0.0.0", "192.168.2.0/24", "10.0.0.0/0", "10.0.0.0/32", "10.0.0.0/", "10.0.0.0/08",
	"2407:c080:802:be7::/64", "::", "::1", "::/0", "fe80::1/129", "1:2:3:4:5:6:7:8", "1:2:3:4:5:6:7:8:9",
	"ecs-97f8-0001", "host-00001", "1host", "host..x", "h",
	"48cc2c48765f481480c7db940d6409d1", "48cc-2c48",
	strings.Repeat("a", 64), strings.Repeat("a", 65), strings.Repeat("x", 300),
	strings.Repeat("é", 70),
}

func TestMatcherAgreesWithRegexpOnSpecPatterns(t *testing.T) {
	for _, pattern := range specPatterns(t) {
		m, err := CompilePattern(pattern)
		require.NoError(t, err)
		require.NotNil(t, m.dfa, "the spec's patterns only use ^ and $, which the DFA models: %s", pattern)
		re := regexp.MustCompile(pattern)
		for _, in := range matcherInputs {
			assert.Equal(t, re.MatchString(in), m.MatchString(in), "pattern %q input %q", pattern, in)
			if isASCII(in) {
				_, decided := m.dfa.match(in)
				assert.True(t, decided, "ASCII input is answered by the DFA: %q on %q", pattern, in)
			}
		}
	}
}

func TestMatcherAgreesWithRegexpOnTrickyPatterns(t *testing.T) {
	patterns := []struct {
		pattern string
		dfa     bool // the DFA covers it (else regexp answers everything)
	}{
		{``, true},
		{`^`, true},
		{`$`, true},
		{`^$`, true},
		{`$^`, true},
		{`a`, true},
		{`^a`, true},
		{`a$`, true},
		{`^a$`, true},
		{`a*`, true},
		{`^a*$`, true},
		{`^(a|ab)(c|bcd)(d*)$`, true},
		{`abc|^x|y$`, true},
		{`(?i)^abc$`, true},
		{`(?s)^a.b$`, true},
		{`^a.b$`, true},
		{`[^a-c]`, true},
		{`^x{2,3}$`, true},
		{`^(?:a?){3}a{3}$`, true},
		{`^_sys_`, true},
		{`\x{00c0}`, true},
		{`^[À-￼]+$`, true},
		{`(^|a)b`, true},
		{`a(b$|c)`, true},
		{`\bfoo\b`, false},
		{`(?m)^a$`, false},
		{`\Bx`, false},
	}
	inputs := append([]string{"abc", "ABC", "xbcd", "abcd", "ab", "aaa", "aaaaaa", "xx", "xxx", "xxxx",
		"a\nb", "a.b", "axb", "foo", "a foo b", "ab\n", "b", "ab", "ac", "_sys_a", "xÀ", "À", "ÀÁ"},
		matcherInputs...)
	for _, tc := range patterns {
		m, err := CompilePattern(tc.pattern)
		require.NoError(t, err)
		assert.Equal(t, tc.dfa, m.dfa != nil, "pattern %q", tc.pattern)
		re := regexp.MustCompile(tc.pattern)
		for _, in := range inputs {
			assert.Equal(t, re.MatchString(in), m.MatchString(in), "pattern %q input %q", tc.pattern, in)
		}
	}
}

func TestCompilePatternRewritesUEscapesAsKinOpenAPI(t *testing.T) {
	m, err := CompilePattern(`^[a-z\u00C0-\u00FF]+$`)
	require.NoError(t, err)
	assert.True(t, m.MatchString("àé"))
	assert.False(t, m.MatchString("a1"))
	assert.Equal(t, `^[a-z\u00C0-\u00FF]+$`, m.String())

	_, err = CompilePattern(`^(a`)
	require.Error(t, err)
}

func TestMatcherStateBudgetFallsBackToRegexp(t *testing.T) {
	// (a|b)*a(a|b){12}: the DFA needs 2^13 states, beyond the budget.
	pattern := `(a|b)*a(a|b){12}$`
	m, err := CompilePattern(pattern)
	require.NoError(t, err)
	re := regexp.MustCompile(pattern)
	rng := rand.New(rand.NewPCG(1, 2))
	var b strings.Builder
	for range 30000 {
		b.WriteByte("ab"[rng.IntN(2)])
	}
	in := b.String()
	for i := 0; i < len(in); i += 1499 {
		assert.Equal(t, re.MatchString(in[i:]), m.MatchString(in[i:]))
		assert.Equal(t, re.MatchString(in[:i]), m.MatchString(in[:i]))
	}
	assert.True(t, m.dfa.full.Load(), "the budget was reached")
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}
