package jsondec_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/dli-openapi/enhanced-connections/internal/jsondec"
)

func TestErrors(t *testing.T) {
	secret := "sk-" + strings.Repeat("Q", 12)
	for _, tc := range []struct {
		name, in string
		decode   func([]byte) error
		// kind is "syntax", "type" or "missing"; path and msg what the error must say.
		kind, path, msg string
	}{
		{"type in a list element", `{"connections":[{},{"create_time":"` + secret + `"}]}`, decodeListData,
			"type", "connections[1].create_time", "jsondec: connections[1].create_time: want int64, got string"},
		{"type, folded key", `{"CONNECTIONS":[{"Hosts":[{"ip":1}]}]}`, decodeListData,
			"type", "connections[0].hosts[0].ip", "jsondec: connections[0].hosts[0].ip: want string, got number"},
		{"out of range", `{"count":2147483648}`, decodeListData,
			"type", "count", "jsondec: count: want int32, got number out of range"},
		{"fraction", `{"connections":[{"create_time":1.5}]}`, decodeListData,
			"type", "connections[0].create_time", "jsondec: connections[0].create_time: want int64, got number with a fraction or an exponent"},
		{"object for a string", `{"message":{"a":"` + secret + `"}}`, decodeListData,
			"type", "message", "jsondec: message: want string, got object"},
		{"top level", `["` + secret + `"]`, decodeListData, "type", "", "jsondec: want object, got array"},
		{"fallback", `{"id":"a","rev":1,"items":[],"counts":{"` + secret + `":1.5}}`, decodeRecordsData,
			"type", "counts", "jsondec: counts: want int32, got number"},
		{"syntax in a string", `{"connections":[{"name":"` + secret + "\x01" + `"}]}`, decodeListData,
			"syntax", "connections[0].name", "jsondec: syntax error at offset 41 in connections[0].name: invalid character in string literal"},
		{"syntax in an unknown field", `{"connections":[{"` + secret + `":[1,]}]}`, decodeListData,
			"syntax", "connections[0]", "jsondec: syntax error at offset 39 in connections[0]: invalid character looking for beginning of value"},
		{"syntax after a type error", `{"count":"x","message":01}`, decodeListData,
			"syntax", "", "jsondec: syntax error at offset 25: invalid character after object key:value pair"},
		{"end of input", `{"connections":[{"name":"` + secret, decodeListData,
			"syntax", "connections[0].name", "jsondec: syntax error at offset 40 in connections[0].name: unexpected end of JSON input"},
		{"depth", `{"x":` + deepArrays(10000) + `}`, decodeListData,
			"syntax", "", "jsondec: syntax error at offset 10005: exceeded max depth"},
		{"missing", `{"id":"a","rev":1,"items":[{"key":"k"},{"value":"` + secret + `"}]}`, decodeRecordsData,
			"missing", "items[1].key", "jsondec: required field items[1].key is missing"},
		{"null is missing", `{"id":null,"rev":1,"items":[]}`, decodeRecordsData,
			"missing", "id", "jsondec: required field id is missing"},
		{"missing in a pointer", `{"id":"a","rev":1,"items":[],"sub":{"tags":[]}}`, decodeRecordsData,
			"missing", "sub.code", "jsondec: required field sub.code is missing"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.decode([]byte(tc.in))
			if err == nil {
				t.Fatal("no error")
			}
			var (
				syn  *jsondec.SyntaxError
				typ  *jsondec.TypeError
				miss *jsondec.MissingFieldError
				path string
			)
			switch {
			case errors.As(err, &syn):
				path = syn.Path
				if tc.kind == "syntax" {
					// The offset is encoding/json's.
					var want *json.SyntaxError
					if !errors.As(json.Unmarshal([]byte(tc.in), new(any)), &want) || want.Offset != syn.Offset {
						t.Errorf("offset %d, encoding/json's %v", syn.Offset, want)
					}
				}
			case errors.As(err, &typ):
				path = typ.Path
			case errors.As(err, &miss):
				path = miss.Path
			}
			kind := map[bool]string{syn != nil: "syntax", typ != nil: "type", miss != nil: "missing"}[true]
			if kind != tc.kind || path != tc.path || err.Error() != tc.msg {
				t.Errorf("got %s error at %q: %q\nwant %s error at %q: %q", kind, path, err, tc.kind, tc.path, tc.msg)
			}
			// Wrapped, it is still matched; no verb prints the input.
			wrapped := fmt.Errorf("list: %w", err)
			if !errors.As(wrapped, &syn) && !errors.As(wrapped, &typ) && !errors.As(wrapped, &miss) {
				t.Error("not matched through %w")
			}
			for _, verb := range []string{"%v", "%+v", "%s", "%q", "%#v"} {
				if s := fmt.Sprintf(verb, err); strings.Contains(s, secret) {
					t.Errorf("%s prints the input: %s", verb, s)
				}
			}
		})
	}
}

func decodeListData(data []byte) error {
	var v connList
	return jsondec.Unmarshal(data, &v, decodeConnList)
}

func decodeRecordsData(data []byte) error {
	var v records
	return jsondec.Unmarshal(data, &v, decodeRecords)
}

func TestPaths(t *testing.T) {
	for _, tc := range []struct {
		build func() error
		want  string
	}{
		{func() error { return jsondec.InField(jsondec.Missing("ip"), "hosts") }, "hosts.ip"},
		{func() error { return jsondec.InField(jsondec.InIndex(jsondec.Missing("ip"), 3), "hosts") }, "hosts[3].ip"},
		{func() error { return jsondec.InIndex(jsondec.InIndex(jsondec.Missing("a"), 2), 1) }, "[1][2].a"},
		{func() error { return jsondec.InField(jsondec.Missing("ip"), "") }, "ip"},
		{func() error { return jsondec.InField(jsondec.Missing("ip"), []byte("h")) }, "h.ip"},
	} {
		var m *jsondec.MissingFieldError
		if err := tc.build(); !errors.As(err, &m) || m.Path != tc.want {
			t.Errorf("path %v, want %q", err, tc.want)
		}
	}
	other := errors.New("other")
	if err := jsondec.InField(jsondec.InIndex(other, 1), "x"); err != other {
		t.Errorf("an error of another type changed: %v", err)
	}
}

func TestUnmarshalNil(t *testing.T) {
	if err := jsondec.Unmarshal[connList]([]byte(`{}`), nil, decodeConnList); err == nil {
		t.Error("Unmarshal into nil succeeded")
	}
}

// TestValid checks Valid against encoding/json's Valid and its offsets on the edge inputs.
func TestValid(t *testing.T) {
	for _, in := range append(append(append([]string{}, scalarEdges...), connEdges...), recordsEdges...) {
		err := jsondec.Valid([]byte(in))
		var want *json.SyntaxError
		jerr := json.Unmarshal([]byte(in), new(json.RawMessage))
		switch {
		case errors.As(jerr, &want):
			var got *jsondec.SyntaxError
			if !errors.As(err, &got) || got.Offset != want.Offset {
				t.Errorf("%.80q: %v, want offset %d", in, err, want.Offset)
			}
		case err != nil:
			t.Errorf("%.80q: %v, encoding/json accepts it", in, err)
		}
	}
}
