package jsondectest

import (
	"math"
	"math/rand/v2"
	"reflect"
	"strconv"
	"strings"
	"unicode/utf8"
)

// A Generator writes JSON inputs for a Go type, deterministically from a seed: valid documents
// for the type (Valid), and documents with the mutations a decoder must treat as encoding/json
// does (Next). It is not safe for concurrent use.
type Generator struct {
	t       reflect.Type
	r       *rand.Rand
	strs    []string
	buf     []byte
	depth   int  // containers open around the value being written
	mutate  bool // whether the document being written gets structural mutations
	mutRate float64
	// deep is whether the document may still get a value nested around the depth limit: at
	// most one, since such a document is 20 KB or more.
	deep bool
}

// NewGenerator returns a Generator of inputs for t, seeded with seed. strs are values that
// strings are often drawn from, such as the values of the type's enums.
func NewGenerator(t reflect.Type, seed uint64, strs ...string) *Generator {
	return &Generator{t: t, r: rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15)), strs: strs}
}

// Valid returns a document that encoding/json decodes into the type without error: random
// fields present or absent, in field order or not, nulls, empty and nil slices, unknown fields,
// keys in other cases, escapes, whitespace, numbers at the limits of their type. It does not
// know which fields the spec requires, so some are absent.
func (g *Generator) Valid() []byte {
	g.mutate = false
	return g.document()
}

// Next returns the next input: a quarter are Valid documents; the others carry mutations that
// encoding/json may or may not accept: keys in folded forms and near misses, duplicate keys,
// nulls and values of the wrong kind anywhere, bad escapes and lone surrogates, invalid UTF-8
// and control characters, numbers past int32/int64/float limits, with fractions, exponents,
// leading zeros or signs, nesting around encoding/json's depth limit in unknown fields, and,
// for about one input in five, a damaged text: truncated, with trailing data, a BOM, a
// trailing comma or a changed byte.
func (g *Generator) Next() []byte {
	switch k := g.r.IntN(20); {
	case k < 5:
		return g.Valid()
	case k < 16:
		g.mutate, g.mutRate = true, []float64{0.02, 0.08, 0.25}[g.r.IntN(3)]
		return g.document()
	default:
		g.mutate, g.mutRate = g.r.IntN(2) == 0, 0.05
		return g.damage(g.document())
	}
}

func (g *Generator) document() []byte {
	g.buf, g.depth = g.buf[:0], 0
	g.deep = g.mutate && g.chance(0.03)
	g.space()
	g.value(g.t)
	g.space()
	return append([]byte(nil), g.buf...)
}

// chance reports true with probability p.
func (g *Generator) chance(p float64) bool { return g.r.Float64() < p }

// mut reports whether to apply a mutation here.
func (g *Generator) mut() bool { return g.mutate && g.chance(g.mutRate) }

func (g *Generator) pick(list []string) string { return list[g.r.IntN(len(list))] }

func (g *Generator) emit(s string) { g.buf = append(g.buf, s...) }

// space writes whitespace between tokens, usually none.
func (g *Generator) space() {
	if g.chance(0.1) {
		g.emit(g.pick([]string{" ", "\n", "\t", "\r\n", "  \n\t ", "\r"}))
	}
}

// value writes a value for t, or, as a mutation, null or a value of another kind.
func (g *Generator) value(t reflect.Type) {
	if g.mut() {
		if g.chance(0.5) {
			g.emit("null")
		} else {
			g.anyValue(2)
		}
		return
	}
	switch t.Kind() {
	case reflect.Pointer:
		if g.chance(0.15) {
			g.emit("null")
			return
		}
		g.value(t.Elem())
	case reflect.Struct:
		g.object(t)
	case reflect.Slice, reflect.Array:
		g.array(t.Elem())
	case reflect.Map:
		g.mapValue(t)
	case reflect.Interface:
		g.anyValue(3)
	case reflect.String:
		g.str()
	case reflect.Bool:
		g.emit(g.pick([]string{"true", "false"}))
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		g.integer(t.Bits(), true)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		g.integer(t.Bits(), false)
	case reflect.Float32, reflect.Float64:
		g.float(t.Bits())
	default:
		g.anyValue(2)
	}
}

// member is one key-value pair of an object being written.
type member struct {
	key  string // as written, quotes and escapes included
	name string // the field's name; "" for an unknown key
	typ  reflect.Type
}

func (g *Generator) object(t reflect.Type) {
	fields := jsonFields(t)
	var ms []member
	for _, f := range fields {
		if g.chance(0.8) {
			ms = append(ms, member{g.key(f.name, fields), f.name, f.typ})
		}
	}
	if len(ms) > 0 && g.chance(0.15) {
		// Duplicate keys, each decoded into the same field: structs merge, and a slice
		// decoded again and again exposes what an earlier, longer array left in its capacity.
		m := ms[g.r.IntN(len(ms))]
		for n := 1 + g.r.IntN(4); n > 0; n-- {
			m.key = g.key(m.name, fields)
			ms = append(ms, m)
		}
	}
	for n := 0; n < 2 && g.chance(0.15); n++ {
		ms = append(ms, member{key: g.unknownKey()})
	}
	if g.chance(0.3) {
		g.r.Shuffle(len(ms), func(i, j int) { ms[i], ms[j] = ms[j], ms[i] })
	}
	g.emit("{")
	g.depth++
	for i, m := range ms {
		if i > 0 {
			g.emit(",")
		}
		g.space()
		g.emit(m.key)
		g.space()
		g.emit(":")
		g.space()
		if m.typ == nil {
			g.unknownValue()
		} else {
			g.value(m.typ)
		}
		g.space()
	}
	g.emit("}")
	g.depth--
}

// key writes the key for the field named name of fields: usually exact; else in another
// case, with a letter in a form that folds to it ('ſ' for s, the Kelvin sign for k), escaped,
// or a near miss that must not match. In a Valid document, a spelling that encoding/json
// would match to another field (or none) is replaced by the exact name.
func (g *Generator) key(name string, fields []field) string {
	if !g.chance(0.15) && !g.mut() {
		return quoteRaw(name)
	}
	quoted, seen := g.spell(name)
	if !g.mutate {
		if f := resolve(fields, seen); f == nil || f.name != name {
			return quoteRaw(name)
		}
	}
	return quoted
}

// spell returns a spelling of name, quoted as written and as encoding/json reads it.
func (g *Generator) spell(name string) (quoted, seen string) {
	var b strings.Builder
	switch g.r.IntN(7) {
	case 0:
		b.WriteString(strings.ToUpper(name))
	case 1:
		for _, c := range name {
			if g.chance(0.5) {
				c = []rune(strings.ToUpper(string(c)))[0]
			}
			b.WriteRune(c)
		}
	case 2: // folded forms
		for _, c := range name {
			switch {
			case (c == 's' || c == 'S') && g.chance(0.7):
				c = 'ſ'
			case (c == 'k' || c == 'K') && g.chance(0.7):
				c = '\u212a'
			}
			b.WriteRune(c)
		}
	case 3: // escapes of every case
		var w strings.Builder
		for _, c := range name {
			switch {
			case g.chance(0.3):
				w.WriteString(escapeRune(c, g.chance(0.5)))
				b.WriteRune(c)
			case c == 's' && g.chance(0.5):
				w.WriteString(`\u017f`)
				b.WriteRune('ſ')
			default:
				w.WriteRune(c)
				b.WriteRune(c)
			}
		}
		return `"` + w.String() + `"`, b.String()
	case 4: // near misses
		switch g.r.IntN(4) {
		case 0:
			b.WriteString(name + "_")
		case 1:
			b.WriteString(name[:len(name)-1])
		case 2:
			return quoteRaw(name + "\xff"), name + "\ufffd"
		default:
			b.WriteString(" " + name)
		}
	case 5:
		b.WriteString(strings.ToLower(name))
	default:
		return `"` + name + `\u0000"`, name + "\x00"
	}
	return quoteRaw(b.String()), b.String()
}

func (g *Generator) unknownKey() string {
	return quoteRaw(g.pick([]string{"unknown", "x", "", Secret, "extra_" + Secret, "Ünknown", "a\xffb"}))
}

// unknownValue writes the value of an unknown key: any JSON, rarely nested around the depth
// limit of encoding/json, counted from the depth the value is at.
func (g *Generator) unknownValue() {
	if g.deep && g.chance(0.5) {
		g.deep = false
		g.nest(10000 - g.depth + g.r.IntN(4) - 1)
		return
	}
	g.anyValue(3)
}

// nest writes a value of n nested arrays and objects.
func (g *Generator) nest(n int) {
	closers := make([]byte, 0, n)
	for i := 0; i < n; i++ {
		if g.chance(0.7) {
			g.emit("[")
			closers = append(closers, ']')
		} else {
			g.emit(`{"a":`)
			closers = append(closers, '}')
		}
	}
	g.emit("1")
	for i := len(closers) - 1; i >= 0; i-- {
		g.buf = append(g.buf, closers[i])
	}
}

func (g *Generator) array(elem reflect.Type) {
	switch {
	case g.chance(0.08):
		g.emit("null")
		return
	case g.chance(0.12):
		g.emit("[" + g.pick([]string{"", " ", "\n"}) + "]")
		return
	}
	n := 1 + g.r.IntN(4)
	if g.chance(0.02) {
		n += g.r.IntN(20)
	}
	g.emit("[")
	g.depth++
	for i := 0; i < n; i++ {
		if i > 0 {
			g.emit(",")
		}
		g.space()
		g.value(elem)
		g.space()
	}
	g.emit("]")
	g.depth--
}

func (g *Generator) mapValue(t reflect.Type) {
	if g.chance(0.1) {
		g.emit("null")
		return
	}
	g.emit("{")
	g.depth++
	n := g.r.IntN(4)
	for i := 0; i < n; i++ {
		if i > 0 {
			g.emit(",")
		}
		switch t.Key().Kind() {
		case reflect.String:
			g.str()
		default:
			if g.mut() {
				g.emit(g.pick([]string{`"x"`, `"1.5"`, `"99999999999999999999"`, `""`}))
			} else {
				g.emit(`"` + strconv.Itoa(g.r.IntN(100)-50) + `"`)
			}
		}
		g.emit(":")
		g.value(t.Elem())
	}
	g.emit("}")
	g.depth--
}

// anyValue writes a JSON value of any kind, nested up to depth more levels.
func (g *Generator) anyValue(depth int) {
	k := g.r.IntN(7)
	if depth <= 0 {
		k = g.r.IntN(4)
	}
	switch k {
	case 0:
		g.emit(g.pick([]string{"null", "true", "false"}))
	case 1:
		g.float(64)
	case 2:
		g.integer(64, true)
	case 3:
		g.str()
	case 4, 5:
		g.emit("[")
		g.depth++
		for i, n := 0, g.r.IntN(4); i < n; i++ {
			if i > 0 {
				g.emit(",")
			}
			g.space()
			g.anyValue(depth - 1)
		}
		g.emit("]")
		g.depth--
	default:
		g.emit("{")
		g.depth++
		for i, n := 0, g.r.IntN(4); i < n; i++ {
			if i > 0 {
				g.emit(",")
			}
			g.emit(g.pick([]string{`"a"`, `"b"`, `"A"`, `"a"`, `"` + Secret + `"`}))
			g.emit(":")
			g.anyValue(depth - 1)
		}
		g.emit("}")
		g.depth--
	}
}

// Pieces of strings. Each is written as it stands between the quotes.
var (
	strPlain = []string{"a", "ACTIVE", "abc", "x y", "0", "192.168.0.1", "ecs-97f8-0001",
		"2a620c33-5609-40c9-affd-2b6453071b0f", "é", "日本語", "😀", "ſ", "\u212a", "\ufffd",
		Secret, "\x7f", "'"}
	strEscapes = []string{`\n`, `\t`, `\"`, `\\`, `\/`, `\b`, `\f`, `\r`, `\u00e9`, `\u00E9`,
		`\u0000`, `\u001f`, `\u0041`, `\uD83D\uDE00`, `\ud83d\ude00`, `\uFFFD`, `\u2028`}
	// strOdd are accepted by encoding/json and become U+FFFD: lone and mismatched surrogates,
	// invalid UTF-8 (a stray byte, a truncated sequence, an encoded surrogate, an overlong
	// form, a code point past U+10FFFF).
	strOdd = []string{`\uD800`, `\uDC00`, `\uDC00\uD800`, `\uD800\u0041`, `\uD800x`,
		`\uDBFF\uDFFF`, `\uD800\uD800\uDC00`, `\uD83D\u005C`, "\xff", "\xc3", "\xc3(", "\xe2\x82",
		"\xed\xa0\x80", "\xc0\xaf", "\xf4\x90\x80\x80", "\xf0\x9f\x98", "\x80", `\uD800\`}
	// strBad are syntax errors.
	strBad = []string{"\x01", "\x1f", "\n", "\t", `\x`, `\'`, `\a`, `\U0041`, `\u12`, `\uZZZZ`,
		`\u00G0`, "\x00"}
)

func (g *Generator) str() {
	if len(g.strs) > 0 && g.chance(0.3) {
		g.emit(quoteRaw(g.pick(g.strs)))
		return
	}
	g.emit(`"`)
	n := g.r.IntN(4)
	if g.chance(0.03) {
		n = 50 + g.r.IntN(100)
	}
	for i := 0; i < n; i++ {
		switch k := g.r.IntN(10); {
		case g.mut() && g.chance(0.1):
			g.emit(g.pick(strBad))
		case g.mut():
			g.emit(g.pick(strOdd))
		case k < 7:
			g.emit(g.pick(strPlain))
		default:
			g.emit(g.pick(strEscapes))
		}
	}
	g.emit(`"`)
}

// badNumbers are not JSON numbers.
var badNumbers = []string{"01", "-", "+1", "1.", ".5", "-.5", "1e", "1e+", "1.5e+", "--1", "0x10",
	"1_000", "-01", "00", "01.5", "Infinity", "-Infinity", "NaN", "1.5.2", "2e3e4", "0x1p3"}

// integer writes an integer within the range of a signed or unsigned integer of bits bits,
// or, as a mutation, one at or past its limits or one with a fraction, an exponent or a bad
// form.
func (g *Generator) integer(bits int, signed bool) {
	if g.mut() {
		lo, hi := int64(0), uint64(1)<<bits-1
		if signed {
			lo, hi = -1<<(bits-1), 1<<(bits-1)-1
		}
		if g.chance(0.15) {
			g.emit(g.pick(badNumbers))
			return
		}
		g.emit(g.pick([]string{
			strconv.FormatInt(lo, 10), strconv.FormatUint(hi, 10),
			strconv.FormatUint(hi+1, 10), "-" + strconv.FormatUint(uint64(-lo)+1, 10),
			"2147483647", "2147483648", "-2147483648", "-2147483649",
			"9223372036854775807", "9223372036854775808", "-9223372036854775808",
			"-9223372036854775809", "18446744073709551615", "18446744073709551616",
			"100000000000000000000000", "-0", "0", "1.0", "1e2", "1E2", "-0.0", "0.5", "1e-2",
			"0e0", "1E+2", "-1", "12345678901234567890",
		}))
		return
	}
	switch {
	case g.chance(0.3) && signed:
		g.emit(strconv.Itoa(g.r.IntN(200) - 100))
	case g.chance(0.3):
		g.emit(strconv.Itoa(g.r.IntN(100)))
	case signed:
		n := int64(g.r.Uint64()) >> (64 - bits)
		g.emit(strconv.FormatInt(n, 10))
	default:
		n := g.r.Uint64() >> (64 - bits)
		g.emit(strconv.FormatUint(n, 10))
	}
}

// float writes a number for a float of bits bits, or, as a mutation, one past its range, a
// denormal, an underflow, a long literal or a bad form.
func (g *Generator) float(bits int) {
	if g.mut() {
		if g.chance(0.15) {
			g.emit(g.pick(badNumbers))
			return
		}
		g.emit(g.pick([]string{
			"1e308", "1.7976931348623157e308", "1.7976931348623159e308", "1e309", "-1e400",
			"4.9e-324", "5e-324", "2e-324", "1e-400", "-0", "-0.0", "0.1", "3.4028235e38",
			"3.4028236e38", "3.5e38", "1.401298464324817e-45", "1e-46",
			"123456789012345678901234567890.123456789012345678901234567890",
			"0.30000000000000000000000000000000000001", "9007199254740993", "1E+2", "1e-0",
		}))
		return
	}
	var f float64
	switch g.r.IntN(4) {
	case 0:
		f = float64(g.r.IntN(2000) - 1000)
	case 1:
		f = g.r.NormFloat64() * 1000
	case 2:
		f = math.Ldexp(g.r.Float64(), g.r.IntN(200)-100)
	default:
		f = float64(g.r.IntN(100)) / 8
	}
	if bits == 32 {
		f = float64(float32(f))
	}
	g.emit(strconv.FormatFloat(f, g.pick([]string{"g", "e", "f", "E"})[0], -1, bits))
}

// damage changes the text of a document.
func (g *Generator) damage(doc []byte) []byte {
	switch g.r.IntN(9) {
	case 0:
		if len(doc) > 0 {
			return doc[:g.r.IntN(len(doc))]
		}
	case 1:
		return append(doc, g.pick([]string{" ", "\n", "x", "{}", ",", "]", "}", "\x00", "null", " 1", "\xef\xbb\xbf"})...)
	case 2:
		return append([]byte(g.pick([]string{"\xef\xbb\xbf", " \n", "\x00", "\u00a0"})), doc...)
	case 3: // a trailing comma
		if i := lastIndexAny(doc, "}]"); i > 0 {
			return append(doc[:i:i], append([]byte(","), doc[i:]...)...)
		}
	case 4:
		if len(doc) > 0 {
			i := g.r.IntN(len(doc))
			return append(doc[:i:i], doc[i+1:]...)
		}
	case 5:
		if len(doc) > 0 {
			const bytes = "{}[],:\"\\0-.e \x00\xffnt"
			doc[g.r.IntN(len(doc))] = bytes[g.r.IntN(len(bytes))]
		}
	case 6: // a leading zero or a sign before a number
		for i := 0; i < len(doc); i++ {
			if c := doc[i]; ('1' <= c && c <= '9') && i > 0 && (doc[i-1] == ':' || doc[i-1] == '[') && g.chance(0.5) {
				return append(doc[:i:i], append([]byte(g.pick([]string{"0", "+", "-0", "00"})), doc[i:]...)...)
			}
		}
	case 7:
		return []byte(g.pick([]string{"", " ", "null", " null ", "[]", "{}", `"x"`, "1", "true", "nul", "{", "[", `{"`, `{"a"`, `{"a":`, "\xef\xbb\xbf{}"}))
	default:
		if len(doc) > 1 {
			i := g.r.IntN(len(doc))
			j := i + g.r.IntN(len(doc)-i)
			return append(doc[:j:j], append(append([]byte(nil), doc[i:j]...), doc[j:]...)...)
		}
	}
	return doc
}

func lastIndexAny(b []byte, chars string) int {
	return strings.LastIndexAny(string(b), chars)
}

// escapeRune writes c as \u escapes (a surrogate pair beyond the BMP), in upper or lower case.
func escapeRune(c rune, upper bool) string {
	format := func(r rune) string {
		s := strconv.FormatInt(int64(r), 16)
		s = strings.Repeat("0", 4-len(s)) + s
		if upper {
			s = strings.ToUpper(s)
		}
		return `\u` + s
	}
	if c > 0xffff {
		c -= 0x10000
		return format(0xd800+(c>>10)) + format(0xdc00+(c&0x3ff))
	}
	return format(c)
}

// quoteRaw quotes s for JSON, escaping only what JSON requires and leaving invalid UTF-8 as
// it is (strconv.Quote would escape it in Go's syntax).
func quoteRaw(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == '"' || c == '\\':
			b.WriteByte('\\')
			b.WriteByte(c)
		case c < 0x20:
			b.WriteString(escapeRune(rune(c), false))
		default:
			_, n := utf8.DecodeRuneInString(s[i:])
			b.WriteString(s[i : i+n])
			i += n
			continue
		}
		i++
	}
	b.WriteByte('"')
	return b.String()
}
