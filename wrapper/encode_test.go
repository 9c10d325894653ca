package wrapper

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/require"
)

// The generated appenders (encode.gen.go) must write what encoding/json writes for the same value, byte for
// byte: the signature covers those bytes, and the validator judges the value as encoding/json
// would send it.

// encSeedExamples are the documented request bodies of the repository's testdata, the seeds of
// the tests and the fuzz target below.
func encSeedExamples(tb testing.TB) map[string][]byte {
	tb.Helper()
	paths, err := filepath.Glob("../testdata/examples/*.request.*.json")
	require.NoError(tb, err)
	out := make(map[string][]byte, len(paths))
	for _, p := range paths {
		b, err := os.ReadFile(p)
		require.NoError(tb, err)
		out[filepath.Base(p)] = b
	}
	require.NotEmpty(tb, out)
	return out
}

// encOdd are strings that exercise every branch of encoding/json's escaping.
var encOdd = []string{
	"",
	"plain",
	`<script>&"quoted"\back</script>`,
	"\x00\x01\b\f\n\r\t\x1f\x7f",
	"line\u2028para\u2029end",
	"é中文😀",
	"\xff",                    // invalid byte
	"a\xe2\x80",               // truncated sequence
	"\xed\xa0\x80",            // surrogate half, invalid in UTF-8
	"\xc0\xaf",                // overlong
	"ok\xf4\x90\x80\x80tail",  // above U+10FFFF
	string(utf8.RuneError),    // a valid U+FFFD
	strings.Repeat("x<", 100), // escapes all along
}

// encFill sets every field reachable from v to a non-zero value built from s: strings to s,
// numbers to their length, booleans to true, pointers to new values, slices to two elements. A
// kind it does not know fails the test, so that a field of a new kind cannot be silently left out
// of the comparison.
func encFill(t *testing.T, v reflect.Value, s string) {
	t.Helper()
	switch v.Kind() {
	case reflect.String:
		v.SetString(s)
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Int, reflect.Int32, reflect.Int64:
		v.SetInt(int64(len(s)) - 3)
	case reflect.Pointer:
		v.Set(reflect.New(v.Type().Elem()))
		encFill(t, v.Elem(), s)
	case reflect.Slice:
		v.Set(reflect.MakeSlice(v.Type(), 2, 2))
		encFill(t, v.Index(0), s)
		encFill(t, v.Index(1), s+"2")
	case reflect.Struct:
		for i := range v.NumField() {
			encFill(t, v.Field(i), s)
		}
	default:
		t.Fatalf("a field of kind %s in the generated types: teach internal/cmd/genwrapper/emit_encode.go and this test about it", v.Kind())
	}
}

func encWantEqual(t testing.TB, got []byte, v any) {
	t.Helper()
	want, err := json.Marshal(v)
	require.NoError(t, err)
	if !bytes.Equal(got, want) {
		t.Fatalf("the appender differs from json.Marshal:\n got %.400q\nwant %.400q", got, want)
	}
}

// encBodyOperations are the operations with a request body.
func encBodyOperations(tb testing.TB) []*operation {
	var out []*operation
	for _, op := range allOperations {
		if op.encode != nil {
			out = append(out, op)
		}
	}
	require.NotEmpty(tb, out)
	return out
}

// TestEveryBodyEncoderMatchesJSONMarshal holds the generated appender of every operation with a
// body to json.Marshal: on the zero value, on every documented example, and on values with every
// field set to each string of encOdd.
func TestEveryBodyEncoderMatchesJSONMarshal(t *testing.T) {
	examples := encSeedExamples(t)
	for _, op := range encBodyOperations(t) {
		t.Run(op.id, func(t *testing.T) {
			encWantEqual(t, op.encode(nil, op.newBody()), op.newBody())
			for name, raw := range examples {
				if strings.HasPrefix(name, op.id+".") {
					v := op.newBody()
					require.NoError(t, json.Unmarshal(raw, v), name)
					encWantEqual(t, op.encode(nil, v), v)
				}
			}
			for _, s := range encOdd {
				v := op.newBody()
				encFill(t, reflect.ValueOf(v).Elem(), s)
				encWantEqual(t, op.encode([]byte("reused"), v)[len("reused"):], v)
			}
		})
	}
	t.Run("20000 hosts", func(t *testing.T) {
		body := vtBigCreate(20000)
		encWantEqual(t, opCreateEnhancedConnection.encode(nil, &body), &body)
	})
}

// TestAppendJSONStringMatchesJSONMarshal compares the string quoting with encoding/json's on
// every one- and two-byte string (every ASCII escape, every lone invalid byte and most invalid
// pairs) and on every rune of the Basic Multilingual Plane, alone and between ASCII.
func TestAppendJSONStringMatchesJSONMarshal(t *testing.T) {
	var got []byte
	check := func(s string) {
		want, err := json.Marshal(s)
		require.NoError(t, err)
		got = appendJSONString(got[:0], s)
		if !bytes.Equal(got, want) {
			t.Fatalf("%q: got %s, want %s", s, got, want)
		}
	}
	for a := range 256 {
		check(string([]byte{byte(a)}))
		for b := range 256 {
			check(string([]byte{byte(a), byte(b)}))
		}
	}
	for r := rune(0x80); r < 0x10000; r++ {
		check("a" + string(r) + "<b")
	}
	for _, s := range encOdd {
		check(s)
	}
}

// FuzzAppendCreateBody decodes arbitrary JSON into the create and update request types, puts an
// arbitrary string (which JSON input cannot carry when it is not valid UTF-8) into every kind
// of field, and checks both appenders against json.Marshal on the result. The seeds are the
// documented request bodies.

// FuzzAppendBodies decodes the input into every body type and compares the appender with
// json.Marshal, with s put into every string field.
func FuzzAppendBodies(f *testing.F) {
	for _, raw := range encSeedExamples(f) {
		f.Add(raw, "x")
	}
	f.Add([]byte(`{"hosts":null}`), "\xed\xa0\x80")
	f.Add([]byte(`{"tags":[{"key":"<k>","value":"&"}]}`), "\u2028")
	ops := encBodyOperations(f)
	f.Fuzz(func(t *testing.T, data []byte, s string) {
		for _, op := range ops {
			v := op.newBody()
			if json.Unmarshal(data, v) != nil {
				continue
			}
			encWantEqual(t, op.encode(nil, v), v)
			if s != "" {
				encFill(t, reflect.ValueOf(v).Elem(), s)
				encWantEqual(t, op.encode(nil, v), v)
			}
		}
	})
}

// BenchmarkAppendCreateBody20000Hosts is the appender on the body of
// BenchmarkJSONMarshalCreate20000Hosts (validate_bench_test.go), into a reused buffer as the
// client's pool gives it.
func BenchmarkAppendCreateBody20000Hosts(b *testing.B) {
	body := vtBigCreate(20000)
	buf := opCreateEnhancedConnection.encode(nil, &body)
	b.SetBytes(int64(len(buf)))
	b.ReportAllocs()
	for b.Loop() {
		buf = opCreateEnhancedConnection.encode(buf[:0], &body)
	}
}
