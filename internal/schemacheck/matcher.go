package schemacheck

import (
	"fmt"
	"regexp"
	"regexp/syntax"
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
	re  *regexp.Regexp
	src string
	dfa *dfa // nil when the program needs assertions the DFA does not model
}

// CompilePattern compiles an OpenAPI pattern as kin-openapi does: ECMA-262 `\uXXXX` escapes
// are rewritten to Go's `\x{XXXX}`, then the result is compiled with Go regexp syntax.
func CompilePattern(pattern string) (*Matcher, error) {
	goPattern := uEscape.ReplaceAllString(pattern, `\x{${code}}`)
	re, err := regexp.Compile(goPattern)
	if err != nil {
		return nil, fmt.Errorf("pattern %q: %w", pattern, err)
	}
	m := &Matcher{re: re, src: pattern}
	// Parse exactly as regexp.Compile does, so both run the same program.
	parsed, err := syntax.Parse(goPattern, syntax.Perl)
	if err != nil {
		return nil, fmt.Errorf("pattern %q: %w", pattern, err)
	}
	prog, err := syntax.Compile(parsed.Simplify())
	if err != nil {
		return nil, fmt.Errorf("pattern %q: %w", pattern, err)
	}
	m.dfa = newDFA(prog)
	return m, nil
}

// uEscape is kin-openapi's rewrite of ECMA-262 code point escapes (openapi3.intoGoRegexp).
var uEscape = regexp.MustCompile(`(?P<replaced_with_slash_x>\\u)(?P<code>[0-9A-F]{4})`)

// String returns the pattern as written in the spec.
func (m *Matcher) String() string { return m.src }

// MatchString reports whether s contains a match of the pattern.
func (m *Matcher) MatchString(s string) bool {
	if m.dfa != nil {
		if ok, decided := m.dfa.match(s); decided {
			return ok
		}
	}
	return m.re.MatchString(s)
}
