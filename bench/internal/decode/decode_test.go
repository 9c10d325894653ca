package decode

import (
	"errors"
	"strings"
	"testing"

	"github.com/dli-openapi/enhanced-connections/gen"
)

func cases(t *testing.T) []Case {
	t.Helper()
	doc, err := Documented()
	if err != nil {
		t.Fatal(err)
	}
	return append(doc, Edge()...)
}

func reference(t *testing.T) Decoder {
	t.Helper()
	all := All()
	if all[0].Name != Reference {
		t.Fatalf("the first decoder is %q, want the reference %q", all[0].Name, Reference)
	}
	return all[0]
}

// TestStdIsWhatTheCasesSay keeps the agreement table honest: for every case, encoding/json
// does what the case's Std column says.
func TestStdIsWhatTheCasesSay(t *testing.T) {
	ref := reference(t)
	for _, c := range cases(t) {
		t.Run(c.Name, func(t *testing.T) {
			if err := c.CheckStd(Run(ref, c)); err != nil {
				t.Errorf("encoding/json does not %q: %v", c.Std, err)
			}
		})
	}
}

// TestDocumentedAnswersAgree proves that every benchmarked decoder decodes the benchmarked
// answers exactly as encoding/json does, so that their timings compare the same work.
func TestDocumentedAnswersAgree(t *testing.T) {
	ref := reference(t)
	doc, err := Documented()
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range All() {
		for _, c := range doc {
			if v := Compare(Run(ref, c), Run(d, c)); !v.Agree {
				t.Errorf("%s on %s: %s", d.Name, c.Name, v.Detail)
			}
		}
	}
}

// TestDecoderNamesAreBenchmarkKeys: a name becomes lib=<name> in a benchmark name, where a
// slash would start a sub-benchmark and a space would break benchstat's parsing.
func TestDecoderNamesAreBenchmarkKeys(t *testing.T) {
	seen := map[string]bool{}
	for _, d := range All() {
		if d.Name == "" || strings.ContainsAny(d.Name, "/ \t=") || seen[d.Name] {
			t.Errorf("decoder name %q: empty, duplicate, or has a slash, space or '='", d.Name)
		}
		seen[d.Name] = true
		if d.List == nil || d.Show == nil {
			t.Errorf("decoder %q lacks a list or show function", d.Name)
		}
	}
}

func TestCompare(t *testing.T) {
	name := func(s string) Outcome {
		return Outcome{Value: &gen.ShowEnhancedConnectionResponse{Name: s}}
	}
	fail := Outcome{Err: errors.New("boom")}
	for _, tc := range []struct {
		name     string
		ref, got Outcome
		agree    bool
		detail   string // a part of Detail
	}{
		{"both refuse", fail, Outcome{Err: errors.New("other words")}, true, ""},
		{"same value", name("a"), name("a"), true, ""},
		{"accepts what the reference refuses", fail, name("a"), false, `accepts it: {"id":"","name":"a","status":""}`},
		{"refuses what the reference accepts", name("a"), fail, false, "refuses it: boom"},
		{"other string, invalid byte shown", name("a\uFFFDb"), name("a\xffb"), false, `name: "a\xffb" (encoding/json: "a�b")`},
		{"absent field", name("a"), Outcome{Value: &gen.ShowEnhancedConnectionResponse{}}, false, `name: "" (encoding/json: "a")`},
		{"other slice length", Outcome{Value: &gen.ShowEnhancedConnectionResponse{Hosts: []gen.Host{{}}}},
			Outcome{Value: &gen.ShowEnhancedConnectionResponse{}}, false, "hosts: absent (encoding/json: 1 elements)"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			v := Compare(tc.ref, tc.got)
			if v.Agree != tc.agree || !strings.Contains(v.Detail, tc.detail) {
				t.Errorf("Compare = %+v, want agree %v and a detail containing %q", v, tc.agree, tc.detail)
			}
		})
	}
}

func TestRunTurnsAPanicIntoAnError(t *testing.T) {
	d := Generic("panics", "test", func([]byte, any) error { panic("bad input") })
	o := Run(d, Case{Name: "x", Answer: List, Input: []byte(`{}`)})
	if !errors.Is(o.Err, ErrPanic) || !strings.Contains(o.Err.Error(), "bad input") {
		t.Errorf("Run of a panicking decoder = %v, want an error wrapping ErrPanic", o.Err)
	}
}
