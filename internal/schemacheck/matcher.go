package schemacheck

import (
	"fmt"
	"regexp"
	"regexp/syntax"
	"strings"
	"sync"
)

// Matcher reports whether a string matches a schema pattern, with exactly the answers of
// regexp.MatchString, the engine kin-openapi uses.
//
// Go's regexp runs a backtracker or an NFA simulation for every call; for the short ASCII
// strings of a request (names, addresses, ids) that costs more than everything else in the
// check. A Matcher answers ASCII input from a DFA built lazily from the same compiled program
// (one table lookup per byte) and hands any other input, or a program the DFA does not cover,
// to regexp.
type Matcher struct {
	re  func() *regexp.Regexp // compiled on the first input the DFA does not decide
	src string
	dfa *dfa // nil when the program needs assertions the DFA does not model
}

// CompilePattern compiles an OpenAPI pattern as kin-openapi does: ECMA-262 `\uXXXX` escapes
// are rewritten to Go's `\x{XXXX}`, then the result is compiled with Go regexp syntax.
func CompilePattern(pattern string) (*Matcher, error) {
	goPattern := pattern
	if strings.Contains(pattern, `\u`) {
		goPattern = uEscape().ReplaceAllString(pattern, `\x{${code}}`)
	}
	// Parsed exactly as regexp.Compile parses, with its errors, so that the DFA and regexp run
	// the same program; regexp itself is compiled only when an input needs it (non-ASCII, or
	// a program the DFA does not cover), which most programs never see.
	parsed, err := syntax.Parse(goPattern, syntax.Perl)
	if err != nil {
		return nil, fmt.Errorf("pattern %q: %w", pattern, err)
	}
	prog, err := syntax.Compile(parsed.Simplify())
	if err != nil {
		return nil, fmt.Errorf("pattern %q: %w", pattern, err)
	}
	return &Matcher{src: pattern, dfa: newDFA(prog),
		re: sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(goPattern) })}, nil
}

// uEscape is kin-openapi's rewrite of ECMA-262 code point escapes (openapi3.intoGoRegexp),
// compiled on first use: as a package variable it was the dearest package init of every
// program linking the wrapper (0.28 ms of edsconn's 4.7 ms, GODEBUG=inittrace=1), and only a
// pattern with a \u escape needs it.
var uEscape = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`(?P<replaced_with_slash_x>\\u)(?P<code>[0-9A-F]{4})`)
})

// String returns the pattern as written in the spec.
func (m *Matcher) String() string { return m.src }

// MatchString reports whether s contains a match of the pattern.
func (m *Matcher) MatchString(s string) bool {
	if m.dfa != nil {
		if ok, decided := m.dfa.match(s); decided {
			return ok
		}
	}
	return m.re().MatchString(s)
}
