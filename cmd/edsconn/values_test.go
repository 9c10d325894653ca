package main

import (
	"bytes"
	"flag"
	"io"
	"math"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestKebabAndMetavar(t *testing.T) {
	for in, want := range map[string]string{
		"dest_vpc_id": "dest-vpc-id", "projectId": "project-id", "isPrivis": "is-privis", "limit": "limit",
		"X-Project-Id": "x-project-id", "ipv6_enable": "ipv6-enable", "resource_id": "resource-id",
	} {
		assert.Equal(t, want, kebab(in), in)
	}
	assert.Equal(t, "CONNECTION_ID", metavar("connection_id"))
	assert.Equal(t, "PROJECT_ID", metavar("projectId"))
}

func TestParseInterleaved(t *testing.T) {
	tests := []struct {
		args []string
		pos  []string
		o    string
		all  bool
	}{
		{[]string{"id", "-o", "table"}, []string{"id"}, "table", false},
		{[]string{"-o", "table", "id"}, []string{"id"}, "table", false},
		{[]string{"a", "--all", "b", "-o=table"}, []string{"a", "b"}, "table", true},
		{[]string{"--", "-not-a-flag", "-o"}, []string{"-not-a-flag", "-o"}, "json", false},
		{[]string{"a", "--", "--all"}, []string{"a", "--all"}, "json", false},
		{nil, nil, "json", false},
	}
	for _, tt := range tests {
		fs := flag.NewFlagSet("t", flag.ContinueOnError)
		fs.SetOutput(io.Discard)
		o := fs.String("o", "json", "")
		all := fs.Bool("all", false, "")
		pos, err := parseInterleaved(fs, tt.args)
		require.NoError(t, err, "%v", tt.args)
		assert.Equal(t, tt.pos, pos, "%v", tt.args)
		assert.Equal(t, tt.o, *o, "%v", tt.args)
		assert.Equal(t, tt.all, *all, "%v", tt.args)
	}
}

var (
	testInt32 = &schema{typ: "integer", format: "int32", min: 0, max: math.MaxInt32}
	testEnum  = &schema{typ: "string", enum: []string{"ACTIVE", "DELETED"}}
	testItem  = &schema{typ: "object", props: []prop{
		{name: "key", required: true, schema: &schema{typ: "string"}},
		{name: "values", schema: &schema{typ: "array", items: &schema{typ: "string"}}},
		{name: "weight", schema: &schema{typ: "integer", min: -5, max: 5}},
	}}
)

func TestParseScalar(t *testing.T) {
	tests := []struct {
		s    *schema
		in   string
		want any
		err  string
	}{
		{testInt32, "100", int64(100), ""},
		{testInt32, "2147483647", int64(2147483647), ""},
		{testInt32, "2147483648", nil, "out of range: want an integer from 0 to 2147483647"},
		{testInt32, "4294967297", nil, "out of range"},
		{testInt32, "99999999999999999999", nil, "out of range"},
		{testInt32, "-1", nil, "out of range"},
		{testInt32, "1.5", nil, "want an integer from 0 to 2147483647"},
		{testEnum, "active", "ACTIVE", ""},
		{testEnum, "Deleted", "DELETED", ""},
		{testEnum, "gone", nil, "want one of ACTIVE, DELETED"},
		{&schema{typ: "boolean"}, "true", true, ""},
		{&schema{typ: "boolean"}, "yes", nil, "want true or false"},
		{&schema{typ: "number"}, "2.5", 2.5, ""},
		{&schema{typ: "string"}, "", "", ""},
	}
	for _, tt := range tests {
		got, err := parseScalar(tt.s, tt.in)
		if tt.err != "" {
			assert.ErrorContains(t, err, tt.err, tt.in)
			continue
		}
		require.NoError(t, err, tt.in)
		assert.Equal(t, tt.want, got, tt.in)
	}
}

func TestParseObject(t *testing.T) {
	tests := []struct {
		in   string
		want map[string]any
		err  string
	}{
		{"key=env", map[string]any{"key": "env"}, ""},
		{"key=env,values=a,values=b", map[string]any{"key": "env", "values": []any{"a", "b"}}, ""},
		{"values=a,key=env,weight=-2", map[string]any{"key": "env", "values": []any{"a"}, "weight": int64(-2)}, ""},
		{"key=a,b,values=c", map[string]any{"key": "a,b", "values": []any{"c"}}, ""}, // a comma splits only before a property
		{"key=a=b", map[string]any{"key": "a=b"}, ""},
		{"key=", map[string]any{"key": ""}, ""},
		{"values=a", nil, "key= is required"},
		{"name=x", nil, "want key=STRING,values=STRING,weight=INT"},
		{"key=a,key=b", nil, "key= given twice"},
		{"key=a,weight=9", nil, "weight: out of range: want an integer from -5 to 5"},
	}
	for _, tt := range tests {
		got, err := parseObject(testItem, tt.in)
		if tt.err != "" {
			assert.ErrorContains(t, err, tt.err, tt.in)
			continue
		}
		require.NoError(t, err, tt.in)
		assert.Equal(t, tt.want, got, tt.in)
	}
}

func TestParsePair(t *testing.T) {
	nonEmpty := &schema{typ: "string", nonEmpty: true}
	host := &schema{typ: "object", props: []prop{{name: "name", required: true, schema: nonEmpty}, {name: "ip", required: true, schema: nonEmpty}}}
	tagValues := &schema{typ: "object", props: []prop{{name: "key", required: true, schema: nonEmpty},
		{name: "values", required: true, schema: &schema{typ: "array", items: &schema{typ: "string"}}}}}
	deleteTag := &schema{typ: "object", props: []prop{{name: "key", required: true, schema: nonEmpty}, {name: "value", schema: &schema{typ: "string"}}}}
	tag := &schema{typ: "object", props: []prop{{name: "key", required: true, schema: nonEmpty}, {name: "value", required: true, schema: &schema{typ: "string"}}}}
	tests := []struct {
		item *schema
		in   string
		want map[string]any
		err  string
	}{
		{host, "db1=10.0.0.1", map[string]any{"name": "db1", "ip": "10.0.0.1"}, ""},
		{host, "db1", nil, "want NAME=IP"},
		// A deploy script's unset $DB_IP, or $DB_NAME: a host needs both.
		{host, "db1=", nil, "the IP after = is empty: want NAME=IP, both given"},
		{host, "=10.0.0.1", nil, "the NAME before = is empty: want NAME=IP"},
		{tagValues, "env=prod", map[string]any{"key": "env", "values": []any{"prod"}}, ""},
		{tagValues, "env", map[string]any{"key": "env", "values": []any{}}, ""}, // any value of the key
		{deleteTag, "env", map[string]any{"key": "env"}, ""},                    // the value is optional
		{deleteTag, "env=prod", map[string]any{"key": "env", "value": "prod"}, ""},
		{tag, "env", nil, "want KEY=VALUE"},
		{tag, "env=", map[string]any{"key": "env", "value": ""}, ""}, // the spec takes an empty value
	}
	for _, tt := range tests {
		got, err := parsePair(tt.item, tt.in)
		if tt.err != "" {
			assert.EqualError(t, err, tt.err, tt.in)
			continue
		}
		require.NoError(t, err, tt.in)
		assert.Equal(t, tt.want, got, tt.in)
	}

	// --tag env=a --tag env=b is one key with two values in a filter.
	f := &fieldFlag{field: "tags", flag: "tags", schema: &schema{typ: "array", items: tagValues}}
	for _, in := range []string{"env=a", "team=x", "env=b"} {
		obj, err := parsePair(tagValues, in)
		require.NoError(t, err)
		f.appendObject(obj)
	}
	assert.Equal(t, []any{map[string]any{"key": "env", "values": []any{"a", "b"}}, map[string]any{"key": "team", "values": []any{"x"}}}, f.value)

	assert.True(t, fitsPair(&schema{typ: "array", items: host}))
	assert.True(t, fitsPair(&schema{typ: "array", items: tagValues}))
	assert.False(t, fitsPair(&schema{typ: "array", items: testItem}), "three properties")
	assert.False(t, fitsPair(&schema{typ: "string"}))
}

// A spec name that collides with a flag of the CLI gets a prefix; a name shared by the query and
// the body goes to the query; what no flag can spell is named as --body only; a required array
// the spec allows empty takes --clear; limit and offset with one list in the answer make --all.
func TestOperationFlagsFromADescriptor(t *testing.T) {
	nested := &schema{typ: "object", props: []prop{{name: "deep", schema: &schema{typ: "object", props: []prop{{name: "x", schema: &schema{typ: "string"}}}}}}}
	op := &operation{
		id: "TestOperation", method: "POST", path: "/v3/{project_id}/things/{resource_id}",
		args: []param{{name: "resource_id", required: true, schema: &schema{typ: "string"}}},
		query: []param{
			{name: "limit", schema: &schema{typ: "integer", min: 0, max: 1000, def: "10"}},
			{name: "offset", schema: &schema{typ: "integer", min: 0, max: math.MaxInt32}},
			{name: "timeout", schema: &schema{typ: "string"}},
		},
		body: &schema{typ: "object", props: []prop{
			{name: "limit", schema: &schema{typ: "integer", min: 0, max: 9}},
			{name: "projectId", schema: &schema{typ: "string"}},
			{name: "tags", required: true, schema: &schema{typ: "array", items: testItem}},
			{name: "items", required: true, schema: &schema{typ: "array", minItems: 1, items: &schema{typ: "string"}}},
			{name: "detail", schema: nested},
			{name: "hosts", schema: &schema{typ: "array", items: &schema{typ: "object", props: []prop{
				{name: "name", schema: &schema{typ: "string"}}, {name: "ip", schema: &schema{typ: "string"}}}}}},
		}},
		bodyRequired: true,
		answer: &schema{typ: "object", props: []prop{
			{name: "total_count", schema: &schema{typ: "integer"}},
			{name: "resources", schema: &schema{typ: "array", items: &schema{typ: "object", props: []prop{{name: "resource_id", schema: &schema{typ: "string"}}}}}},
		}},
	}
	o := newOpFlags(op, op.id)
	for _, name := range []string{"limit", "offset", "query-timeout", "body-limit", "body-project-id", "tags", "items", "hosts", "host", "page-size", "clear", "all", "body", "file"} {
		assert.NotNil(t, o.fs.Lookup(name), "--%s", name)
	}
	assert.Nil(t, o.fs.Lookup("detail"), "a nested object is --body only")
	require.Len(t, o.bodyOnly, 1)
	assert.Equal(t, "detail", o.bodyOnly[0].name)
	require.Len(t, o.clearable, 1)
	assert.Equal(t, "tags", o.clearable[0].name, "items has minItems 1: the spec refuses it empty, no --clear needed")
	require.NotNil(t, o.pager)
	assert.Equal(t, pager{limit: "limit", offset: "offset", list: "resources", pageSize: 10}, *o.pager)

	_, err := parseInterleaved(o.fs, []string{"r1", "--tags", "key=a,values=x", "--limit", "5", "--body-limit", "3", "--host", "h=1.2.3.4",
		"--projectId", "p"})
	require.Error(t, err, "flags are kebab-case only")
	o = newOpFlags(op, op.id)
	pos, err := parseInterleaved(o.fs, []string{"r1", "--tags", "key=a,values=x", "--limit", "5", "--body-limit", "3", "--host", "h=1.2.3.4",
		"--body-project-id", "p", "--items", "i1"})
	require.NoError(t, err)
	assert.Equal(t, []string{"r1"}, pos)
	assert.Equal(t, map[string]any{"limit": int64(5)}, o.queryValues())
	body, err := o.buildBody(op, strings.NewReader(""))
	require.NoError(t, err)
	assert.JSONEq(t, `{"limit": 3, "projectId": "p", "tags": [{"key": "a", "values": ["x"]}], "items": ["i1"],
		"hosts": [{"name": "h", "ip": "1.2.3.4"}]}`, string(body))

	var help bytes.Buffer
	opCommand{op: op, name: op.id}.help(&help)
	assert.Contains(t, help.String(), "Only in --body or --file: detail.")
	assert.Contains(t, help.String(), "--tags key=STRING,values=STRING,weight=INT  (required; repeatable)")
	assert.Contains(t, help.String(), "--limit INT, --page-size  (0 to 1000; default 10)")
	assert.Contains(t, help.String(), "--body-project-id STRING\n")
}

func TestRenderAnswer(t *testing.T) {
	peer := &schema{typ: "object", props: []prop{{name: "name", schema: &schema{typ: "string"}}, {name: "status", schema: &schema{typ: "string"}}}}
	item := &schema{typ: "object", props: []prop{
		{name: "id", schema: &schema{typ: "string"}},
		{name: "note", schema: &schema{typ: "string"}},
		{name: "at", schema: &schema{typ: "integer", epochMillis: true}},
		{name: "peers", schema: &schema{typ: "array", items: peer}},
		{name: "hosts", schema: &schema{typ: "array", items: &schema{typ: "object", props: []prop{{name: "ip", schema: &schema{typ: "string"}}}}}},
		{name: "labels", schema: &schema{typ: "array", items: &schema{typ: "string"}}},
	}}
	list := &schema{typ: "object", props: []prop{
		{name: "is_success", schema: &schema{typ: "boolean"}}, {name: "message", schema: &schema{typ: "string"}},
		{name: "count", schema: &schema{typ: "integer"}}, {name: "items", schema: &schema{typ: "array", items: item}},
	}}
	render := func(v string, s *schema) string {
		t.Helper()
		g, err := toGeneric(jsonRaw(v))
		require.NoError(t, err)
		var b bytes.Buffer
		require.NoError(t, renderAnswer(&b, g, s, ""))
		return b.String()
	}
	assert.Equal(t, "count: 2\n"+
		"ID  NOTE  AT                    PEERS                HOSTS  LABELS\n"+
		"a   \"\"    1970-01-01T00:00:01Z  q1=ACTIVE,q2=FAILED  2      x,y\n"+
		"b   -     -                     none                 0      none\n"+
		"message: two of them\n",
		render(`{"is_success": true, "message": "two of them", "count": 2, "items": [
			{"id": "a", "note": "", "at": 1000, "peers": [{"name": "q1", "status": "ACTIVE"}, {"name": "q2", "status": "FAILED"}],
			 "hosts": [{"ip": "1"}, {"ip": "2"}], "labels": ["x", "y"]},
			{"id": "b", "peers": [], "hosts": [], "labels": []}]}`, list),
		"what the answer has shows, empty too (\"\", none, 0); what it lacks is -")
	assert.Equal(t, "ID\nc\n", render(`{"items": [{"id": "c", "note": null}]}`, list), "a column no row has (null) is left out")
	assert.Equal(t, "count: 0\nno items\n", render(`{"count": 0, "items": []}`, list))
	assert.Equal(t, "TOTAL_COUNT\n0\n", render(`{"total_count": 0}`, &schema{typ: "object", props: []prop{
		{name: "total_count", schema: &schema{typ: "integer"}}}}), "a 0 the API sent shows")
	assert.Equal(t, "ok: Deleted\n", render(`{"is_success": true, "message": "Deleted"}`, &schema{typ: "object", props: list.props[:2]}))
	assert.Equal(t, "ID  NOTE\nx   two words\n", render(`{"id": "x", "note": "two\nwords"}`, item), "a value stays on its line")
}

// jsonRaw lets toGeneric decode a literal.
type jsonRaw string

func (j jsonRaw) MarshalJSON() ([]byte, error) { return []byte(j), nil }
