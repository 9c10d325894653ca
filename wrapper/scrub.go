package wrapper

import (
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// A gateway or proxy that refuses a request may quote what it received (the X-Auth-Token, the
// X-Security-Token, a header dump) in its error page, and that text ends up in an APIError that
// gets logged. Before any of it is kept, every secret of the client is removed from it, in
// whichever form the echo took: as is, JSON-escaped (`\/`, `\u002f`, surrogate pairs),
// percent-encoded (`%2F`) or as HTML character references (`&#47;`, `&#x2f;`, `&amp;`), and also
// when only part of it is echoed: every run of at least scrubGram characters that occurs in a
// secret is removed, so a token cut short by a length limit or split by a truncation does not
// survive either.

// scrubGram is the shortest part of a secret that is recognised on its own. Secrets shorter
// than that are recognised whole.
const scrubGram = 12

// scrubber removes a fixed set of secrets from text.
type scrubber struct {
	// grams returns every substring of length gram(s) of every secret s, by length. It is a func
	// for the reason Secret holds a func: fmt and dumpers print a func only as an address, and
	// these substrings are the secrets in pieces.
	grams func() map[int]map[string]struct{}
}

func newScrubber(secrets ...string) *scrubber {
	grams := make(map[int]map[string]struct{})
	for _, secret := range secrets {
		if secret == "" {
			continue
		}
		k := min(len(secret), scrubGram)
		set := grams[k]
		if set == nil {
			set = make(map[string]struct{}, len(secret)-k+1)
			grams[k] = set
		}
		for i := 0; i+k <= len(secret); i++ {
			set[secret[i:i+k]] = struct{}{}
		}
	}
	return &scrubber{grams: func() map[int]map[string]struct{} { return grams }}
}

// scrub returns text with every recognised secret, or part of one, replaced by [REDACTED].
func (s *scrubber) scrub(text string) string {
	if s == nil || text == "" {
		return text
	}
	grams := s.grams()
	if len(grams) == 0 {
		return text
	}
	dec, src := decodeEscapes(text)
	// marked[i] says that decoded byte i belongs to a secret.
	var marked []bool
	for k, set := range grams {
		for i := 0; i+k <= len(dec); i++ {
			if _, ok := set[string(dec[i:i+k])]; ok {
				if marked == nil {
					marked = make([]bool, len(dec))
				}
				for j := i; j < i+k; j++ {
					marked[j] = true
				}
			}
		}
	}
	if marked == nil {
		return text
	}
	var b strings.Builder
	b.Grow(len(text))
	last := 0 // text[last:] is not written yet
	for i := 0; i < len(dec); {
		if !marked[i] {
			i++
			continue
		}
		j := i
		for j < len(dec) && marked[j] {
			j++
		}
		start, end := src[i].start, src[j-1].end
		if start >= last {
			b.WriteString(text[last:start])
			b.WriteString(redacted)
		} else if end > last {
			// Two runs inside one escape (rare: a multi-byte rune written as one \u escape).
			b.WriteString(redacted)
		}
		last = max(last, end)
		i = j
	}
	b.WriteString(text[last:])
	return b.String()
}

// redacted replaces a secret in everything this package renders.
const redacted = "[REDACTED]"

// span is where in the source text one decoded byte came from.
type span struct{ start, end int }

// decodeEscapes undoes the escapings an echo may use, returning the decoded bytes and, for each,
// the span of text it came from (the bytes of one escape share its span).
func decodeEscapes(text string) ([]byte, []span) {
	dec := make([]byte, 0, len(text))
	src := make([]span, 0, len(text))
	emit := func(start, end int, bytes ...byte) {
		for _, c := range bytes {
			dec = append(dec, c)
			src = append(src, span{start, end})
		}
	}
	var runeBuf [utf8.UTFMax]byte
	emitRune := func(start, end int, r rune) {
		n := utf8.EncodeRune(runeBuf[:], r)
		emit(start, end, runeBuf[:n]...)
	}
	for i := 0; i < len(text); {
		c := text[i]
		switch c {
		case '\\':
			if r, n := jsonEscape(text[i:]); n > 0 {
				emitRune(i, i+n, r)
				i += n
				continue
			}
		case '%':
			if i+2 < len(text) && isHex(text[i+1]) && isHex(text[i+2]) {
				emit(i, i+3, hexVal(text[i+1])<<4|hexVal(text[i+2]))
				i += 3
				continue
			}
		case '&':
			if r, n := htmlReference(text[i:]); n > 0 {
				emitRune(i, i+n, r)
				i += n
				continue
			}
		}
		emit(i, i+1, c)
		i++
	}
	return dec, src
}

// jsonEscape decodes the JSON escape at the start of s: its rune and length, or 0, 0.
func jsonEscape(s string) (rune, int) {
	if len(s) < 2 {
		return 0, 0
	}
	switch s[1] {
	case '"', '\\', '/':
		return rune(s[1]), 2
	case 'b':
		return '\b', 2
	case 'f':
		return '\f', 2
	case 'n':
		return '\n', 2
	case 'r':
		return '\r', 2
	case 't':
		return '\t', 2
	case 'u':
		r, ok := hex4(s[2:])
		if !ok {
			return 0, 0
		}
		if utf16.IsSurrogate(r) && len(s) >= 12 && s[6] == '\\' && s[7] == 'u' {
			if r2, ok := hex4(s[8:]); ok {
				if d := utf16.DecodeRune(r, r2); d != utf8.RuneError {
					return d, 12
				}
			}
		}
		return r, 6
	}
	return 0, 0
}

// htmlReference decodes the character reference at the start of s (&#47; &#x2f; and the named
// ones an echo of a header may contain): its rune and length, or 0, 0.
func htmlReference(s string) (rune, int) {
	end := strings.IndexByte(s, ';')
	if end < 2 || end > 10 {
		return 0, 0
	}
	ref := s[1:end]
	switch ref {
	case "amp":
		return '&', end + 1
	case "lt":
		return '<', end + 1
	case "gt":
		return '>', end + 1
	case "quot":
		return '"', end + 1
	case "apos":
		return '\'', end + 1
	case "sol":
		return '/', end + 1
	case "plus":
		return '+', end + 1
	case "equals":
		return '=', end + 1
	}
	if ref[0] != '#' || len(ref) < 2 {
		return 0, 0
	}
	var r rune
	digits, base := ref[1:], rune(10)
	if digits[0] == 'x' || digits[0] == 'X' {
		digits, base = digits[1:], 16
	}
	if digits == "" {
		return 0, 0
	}
	for i := 0; i < len(digits); i++ {
		c := digits[i]
		switch {
		case base == 16 && isHex(c):
			r = r*16 + rune(hexVal(c))
		case c >= '0' && c <= '9':
			r = r*10 + rune(c-'0')
		default:
			return 0, 0
		}
		if r > utf8.MaxRune {
			return 0, 0
		}
	}
	return r, end + 1
}

func hex4(s string) (rune, bool) {
	if len(s) < 4 {
		return 0, false
	}
	var r rune
	for i := 0; i < 4; i++ {
		if !isHex(s[i]) {
			return 0, false
		}
		r = r<<4 | rune(hexVal(s[i]))
	}
	return r, true
}

func isHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

func hexVal(c byte) byte {
	switch {
	case c >= 'a':
		return c - 'a' + 10
	case c >= 'A':
		return c - 'A' + 10
	}
	return c - '0'
}
