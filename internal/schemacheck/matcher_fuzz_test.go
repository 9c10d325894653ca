package schemacheck

import (
	"regexp"
	"testing"
)

// FuzzMatcher checks the DFA against regexp on every pattern of the spec.
func FuzzMatcher(f *testing.F) {
	patterns := specPatterns(f)
	matchers := make([]*Matcher, len(patterns))
	regexps := make([]*regexp.Regexp, len(patterns))
	for i, p := range patterns {
		m, err := CompilePattern(p)
		if err != nil {
			f.Fatal(err)
		}
		matchers[i], regexps[i] = m, regexp.MustCompile(p)
	}
	// A few inputs per pattern: the table test runs them all, and the fuzzer spends its time
	// better mutating than replaying hundreds of seeds.
	for i := range patterns {
		for j := i; j < len(matcherInputs); j += 11 {
			f.Add(uint8(i), matcherInputs[j])
		}
	}
	f.Fuzz(func(t *testing.T, which uint8, in string) {
		i := int(which) % len(patterns)
		if got, want := matchers[i].MatchString(in), regexps[i].MatchString(in); got != want {
			t.Fatalf("pattern %q input %q: matcher %v, regexp %v", patterns[i], in, got, want)
		}
	})
}

// FuzzMatcherAnyPattern checks the DFA against regexp on arbitrary patterns, to cover
// constructs the spec does not use yet.
func FuzzMatcherAnyPattern(f *testing.F) {
	for _, p := range specPatterns(f) {
		f.Add(p, "192.168.0.1")
		f.Add(p, "_sys_x")
	}
	f.Add(`^(a|ab)(c|bcd)(d*)$`, "abcd")
	f.Add(`(?i)x+y?$`, "XXy")
	f.Add(`$^`, "")
	f.Add(`[^\n]*\z`, "a\nb")
	f.Fuzz(func(t *testing.T, pattern, in string) {
		re, err := regexp.Compile(pattern)
		if err != nil || len(pattern) > 200 {
			return
		}
		m, err := CompilePattern(pattern)
		if err != nil {
			return // a \u escape kin-openapi rewrites: a different pattern
		}
		if pattern != m.re().String() {
			return
		}
		if got, want := m.MatchString(in), re.MatchString(in); got != want {
			t.Fatalf("pattern %q input %q: matcher %v, regexp %v", pattern, in, got, want)
		}
	})
}
