package jsondectest

import (
	"bytes"
	"encoding/json"
	"reflect"
	"testing"
)

type kinds struct {
	S    string         `json:"s"`
	K    string         `json:"kind"`
	I8   int8           `json:"i8"`
	U16  *uint16        `json:"u16"`
	I32  *int32         `json:"i32"`
	I64  int64          `json:"i64"`
	F32  float32        `json:"f32"`
	F64  []float64      `json:"f64"`
	B    bool           `json:"b"`
	Arr  [2]string      `json:"arr"`
	M    map[string]any `json:"m"`
	MI   map[int]bool   `json:"mi"`
	Any  any            `json:"any"`
	Sub  *kinds2        `json:"sub"`
	Subs []kinds2       `json:"subs"`
}

type kinds2 struct {
	Name string `json:"name"`
	N    int    `json:"n"`
}

func TestGeneratorDeterministic(t *testing.T) {
	a := NewGenerator(reflect.TypeFor[kinds](), 7)
	b := NewGenerator(reflect.TypeFor[kinds](), 7)
	c := NewGenerator(reflect.TypeFor[kinds](), 8)
	differ := 0
	for i := 0; i < 500; i++ {
		x, y, z := a.Next(), b.Next(), c.Next()
		if !bytes.Equal(x, y) {
			t.Fatalf("input %d differs between two generators of one seed", i)
		}
		if !bytes.Equal(x, z) {
			differ++
		}
	}
	if differ < 400 {
		t.Errorf("only %d of 500 inputs differ between seeds 7 and 8", differ)
	}
}

// TestGeneratorValid checks that Valid writes what its doc promises: documents that
// encoding/json decodes into the type without error.
func TestGeneratorValid(t *testing.T) {
	g := NewGenerator(reflect.TypeFor[kinds](), 1, "ACTIVE")
	for i := 0; i < 3000; i++ {
		data := g.Valid()
		var v kinds
		if err := json.Unmarshal(data, &v); err != nil {
			t.Fatalf("Valid wrote %q, which encoding/json refuses: %v", data, err)
		}
	}
}

// TestGeneratorMutations checks that Next writes each kind of input its doc lists.
func TestGeneratorMutations(t *testing.T) {
	g := NewGenerator(reflect.TypeFor[kinds](), 1)
	want := map[string]string{
		"'ſ' for s":             "ſ",
		"Kelvin sign for k":     "\u212a",
		"escaped ſ":             `\u017f`,
		"upper-case key":        `"KIND"`,
		"BOM":                   "\xef\xbb\xbf",
		"lone surrogate":        `\uD800"`,
		"reversed pair":         `\uDC00\uD800`,
		"invalid UTF-8":         "\xff",
		"encoded surrogate":     "\xed\xa0\x80",
		"past int64":            "9223372036854775808",
		"past int32":            "2147483648",
		"exponent":              "1e2",
		"float overflow":        "1e400",
		"leading zero":          ":01",
		"bad escape":            `\x`,
		"secret":                Secret,
		"trailing comma":        ",}",
		"control character":     "\x01",
		"whitespace":            "\r\n",
		"unknown key":           `"unknown"`,
		"duplicate of the kind": `"kind":"`,
	}
	found := map[string]bool{}
	var kindKeys int
	for i := 0; i < 5000; i++ {
		data := g.Next()
		for name, s := range want {
			if bytes.Contains(data, []byte(s)) {
				found[name] = true
			}
		}
		if bytes.Count(data, []byte(`"kind":`)) > 1 {
			kindKeys++
		}
	}
	for name := range want {
		if !found[name] {
			t.Errorf("no input has a %s", name)
		}
	}
	if kindKeys == 0 {
		t.Error("no input repeats a key")
	}
	// Nesting around the limit is rare (such inputs are large): look further for it.
	depths := map[int]bool{}
	for i := 0; i < 50000 && len(depths) < 3; i++ {
		if d := maxDepth(g.Next()) - 10000; -1 <= d && d <= 1 {
			depths[d] = true
		}
	}
	if len(depths) < 3 {
		t.Errorf("nesting of 9999, 10000 and 10001 levels: found only %v (relative to 10000)", depths)
	}
}

// maxDepth is the deepest nesting of data, strings skipped.
func maxDepth(data []byte) int {
	depth, most, inString := 0, 0, false
	for i := 0; i < len(data); i++ {
		c := data[i]
		switch {
		case inString && c == '\\':
			i++
		case c == '"':
			inString = !inString
		case inString:
		case c == '[' || c == '{':
			depth++
			most = max(most, depth)
		case c == ']' || c == '}':
			depth--
		}
	}
	return most
}
