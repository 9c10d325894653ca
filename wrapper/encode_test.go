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

	"github.com/dli-openapi/enhanced-connections/gen"
)

// The appenders of encode.go must write what encoding/json writes for the same value, byte for
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
// pointers to new values, slices to two elements. A field of a kind it does not know fails the
// test, so that a field added to the generated types cannot be silently left out by the
// appenders.
func encFill(t *testing.T, v reflect.Value, s string) {
	t.Helper()
	switch v.Kind() {
	case reflect.String:
		v.SetString(s)
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
		t.Fatalf("a field of kind %s in the generated types: teach encode.go and this test about it", v.Kind())
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

func TestAppendCreateBodyMatchesJSONMarshal(t *testing.T) {
	cases := map[string]gen.CreateEnhancedConnectionRequest{
		"zero":        {},
		"20000 hosts": vtBigCreate(20000),
	}
	for name, raw := range encSeedExamples(t) {
		var r gen.CreateEnhancedConnectionRequest
		if strings.HasPrefix(name, "CreateEnhancedConnection.") {
			require.NoError(t, json.Unmarshal(raw, &r), name)
			cases[name] = r
		}
	}
	rt := ""
	cases["empty lists and empty strings"] = gen.CreateEnhancedConnectionRequest{
		ElasticResourcePools: []string{}, Queues: []string{}, Hosts: []gen.Host{}, Tags: []gen.Tag{},
		RoutetableID: &rt,
	}
	cases["hosts with one field or none"] = gen.CreateEnhancedConnectionRequest{
		Hosts: []gen.Host{{}, {IP: &rt}, {Name: &rt}, {IP: &rt, Name: &rt}},
		Tags:  []gen.Tag{{}},
	}
	for i, s := range encOdd {
		var r gen.CreateEnhancedConnectionRequest
		encFill(t, reflect.ValueOf(&r).Elem(), s)
		cases["every field set, odd string "+string(rune('a'+i))] = r
	}
	for name, r := range cases {
		t.Run(name, func(t *testing.T) {
			encWantEqual(t, appendCreateBody(nil, &r), &r)
			// Appending after existing bytes leaves them alone.
			got := appendCreateBody([]byte("prefix"), &r)
			require.Equal(t, "prefix", string(got[:6]))
			encWantEqual(t, got[6:], &r)
		})
	}
}

func TestAppendUpdateBodyMatchesJSONMarshal(t *testing.T) {
	ip, name := "192.168.0.1", "ecs<1>&"
	cases := map[string]gen.UpdateEnhancedConnectionRequest{
		"nil hosts":   {},
		"empty hosts": {Hosts: []gen.Host{}},
		"hosts":       {Hosts: []gen.Host{{}, {IP: &ip}, {Name: &name}, {IP: &ip, Name: &name}}},
		"20000 hosts": {Hosts: vtBigCreate(20000).Hosts},
	}
	for name, raw := range encSeedExamples(t) {
		var r gen.UpdateEnhancedConnectionRequest
		if strings.HasPrefix(name, "UpdateEnhancedConnection.") {
			require.NoError(t, json.Unmarshal(raw, &r), name)
			cases[name] = r
		}
	}
	for i, s := range encOdd {
		var r gen.UpdateEnhancedConnectionRequest
		encFill(t, reflect.ValueOf(&r).Elem(), s)
		cases["every field set, odd string "+string(rune('a'+i))] = r
	}
	for name, r := range cases {
		t.Run(name, func(t *testing.T) {
			encWantEqual(t, appendUpdateBody(nil, &r), &r)
		})
	}
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
func FuzzAppendCreateBody(f *testing.F) {
	for _, raw := range encSeedExamples(f) {
		f.Add(raw, "")
		f.Add(raw, "<a&b>\u2028\xff\x00")
	}
	f.Add([]byte(`{"name":"\u003c\u2028\ud800","tags":[{"key":"é","value":"\u0000"}],"routetable_id":"x","elastic_resource_pools":[]}`), "")
	f.Add([]byte(`{"hosts":null}`), "\xed\xa0\x80")
	f.Fuzz(func(t *testing.T, data []byte, s string) {
		var create gen.CreateEnhancedConnectionRequest
		if json.Unmarshal(data, &create) == nil {
			if s != "" {
				create.Name = s
				create.Queues = append(create.Queues, s)
				create.Hosts = append(create.Hosts, gen.Host{IP: &s}, gen.Host{Name: &s})
				create.Tags = append(create.Tags, gen.Tag{Key: s, Value: s})
				create.RoutetableID = &s
			}
			encWantEqual(t, appendCreateBody(nil, &create), &create)
			encWantEqual(t, appendUpdateBody(nil, &gen.UpdateEnhancedConnectionRequest{Hosts: create.Hosts}), &gen.UpdateEnhancedConnectionRequest{Hosts: create.Hosts})
		}
		var update gen.UpdateEnhancedConnectionRequest
		if json.Unmarshal(data, &update) == nil {
			if s != "" {
				update.Hosts = append(update.Hosts, gen.Host{IP: &s, Name: &s})
			}
			encWantEqual(t, appendUpdateBody(nil, &update), &update)
		}
	})
}

// BenchmarkAppendCreateBody20000Hosts is the appender on the body of
// BenchmarkJSONMarshalCreate20000Hosts (validate_bench_test.go), into a reused buffer as the
// client's pool gives it.
func BenchmarkAppendCreateBody20000Hosts(b *testing.B) {
	body := vtBigCreate(20000)
	buf := appendCreateBody(nil, &body)
	b.SetBytes(int64(len(buf)))
	b.ReportAllocs()
	for b.Loop() {
		buf = appendCreateBody(buf[:0], &body)
	}
}
