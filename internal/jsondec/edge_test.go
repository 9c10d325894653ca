package jsondec_test

import (
	"strings"
	"testing"

	"github.com/dli-openapi/enhanced-connections/internal/jsondec/jsondectest"
)

// deepArrays is n nested arrays around a 1.
func deepArrays(n int) string { return strings.Repeat("[", n) + "1" + strings.Repeat("]", n) }

// deepObjects is n nested objects around a 1.
func deepObjects(n int) string { return strings.Repeat(`{"a":`, n) + "1" + strings.Repeat("}", n) }

// scalarEdges are inputs picked by hand for the scalars shape: each one is a rule of
// encoding/json that a decoder could miss.
var scalarEdges = []string{
	// null: no-op for values, nil for pointers and slices, after a value too.
	`{"s":"a","s":null,"i":1,"i":null,"f64":1.5,"f64":null,"b":true,"b":null,"color":"red","color":null}`,
	`{"sp":"a","sp":null,"ip":1,"ip":null,"i32p":1,"i32p":null,"i64p":1,"i64p":null}`,
	`{"f32p":1,"f32p":null,"f64p":1,"f64p":null,"bp":true,"bp":null,"cp":"red","cp":null,"lp":"x","lp":null}`,
	`{"in":{"a":"x"},"in":null,"inp":{"a":"x"},"inp":null,"strs":["a"],"strs":null}`,
	`{"strs":[null],"sps":[null,"a"],"ins":[null],"inps":[null,{}],"grid":[null,[],[null]]}`,
	`null`, ` null `,
	// Empty arrays are empty, non-nil slices.
	`{"strs":[],"sps":[],"grid":[[]],"ins":[],"inps":[]}`,
	// Duplicate keys: structs merge, pointers are reused, slices are decoded into element by
	// element, and a later, longer array exposes what an earlier one left in the capacity.
	`{"in":{"a":"x"},"in":{"n":1},"inp":{"a":"x"},"inp":{"n":2}}`,
	`{"strs":["a","b","c"],"strs":["x"],"strs":["y",null]}`,
	`{"ins":[{"a":"1","n":1},{"a":"2","n":2}],"ins":[{}],"ins":[{},{"xs":["q"]}]}`,
	`{"inps":[{"a":"1"},{"a":"2"}],"inps":[{}],"inps":[{},{"n":3}]}`,
	`{"grid":[[1,2,3],[4,5]],"grid":[[9]],"grid":[[],[7]]}`,
	`{"strs":["a","b","c","d","e"],"strs":["x"],"strs":["1","2","3","4","5","6"]}`,
	// Field names: exact first, then folded; the first of two fields that fold equal wins.
	`{"S":"x","SP":"y","I32":1,"i64P":2,"Color":"red","cOlOr":"green"}`,
	`{"ſ":"x","\u017f":"y","\u017fp":"z"}`,
	`{"KIND":"x"}`, "{\"\u212aind\":\"x\"}", `{"\u212Aind":"x"}`, `{"kInd":"x"}`,
	`{"DUP":"x"}`, `{"Dup":"x"}`, `{"dup":"a","DUP":"b","dUp":"c"}`,
	`{"notag":"x"}`, `{"NoTag":"x","NOTAG":"y"}`,
	`{"s\u0000":"x"}`, `{"s ":"x"}`, "{\"s\xff\":\"x\"}", `{"\u0073":"x"}`, `{"\\u0073":"x"}`,
	// Integers: ParseInt and the width's range; no fraction, no exponent; -0 is 0.
	`{"i32":2147483647,"i32p":-2147483648}`, `{"i32":2147483648}`, `{"i32":-2147483649}`,
	`{"i64":9223372036854775807,"i64p":-9223372036854775808}`, `{"i64":9223372036854775808}`,
	`{"i64":-9223372036854775809}`, `{"i64":-0,"i32":-0,"i":-0}`, `{"i64":1.0}`, `{"i64":1e2}`,
	`{"i64":-0.0}`, `{"i":"1"}`, `{"i32p":true}`, `{"i":100000000000000000000}`,
	`{"i":12345678901234567890}`, `{"i":[1]}`, `{"i":{}}`,
	// Floats: ParseFloat at the width; -0 keeps its sign; overflow is a type error, underflow
	// is not.
	`{"f64":-0,"f64p":-0.0,"f32":-0,"f32p":-0e0}`, `{"f64":1e400}`, `{"f64":-1e309}`,
	`{"f32":3.5e38}`, `{"f32":3.4028235e38}`, `{"f32":1e-46,"f64":1e-400}`, `{"f64":4.9e-324}`,
	`{"f64":1.7976931348623157e308}`, `{"f64":123456789012345678901234567890.123456789012345678901234567890}`,
	`{"f64":0.1,"f32":0.1}`, `{"f64":"1"}`, `{"f32":true}`,
	// Booleans: only true and false.
	`{"b":true,"bp":false}`, `{"b":"true"}`, `{"b":1}`, `{"b":tru}`, `{"b":True}`, `{"bp":nul}`,
	`{"b":truex}`,
	// Strings: escapes, pairs, lone surrogates and invalid UTF-8 to U+FFFD.
	`{"s":"\ud83d\ude00","sp":"\uD83D\uDE00","label":"\u00e9\u00E9"}`,
	`{"s":"\uD800","sp":"\uDC00\uD800","label":"\uD800\u0041","lp":"\uD800\uD800\uDC00"}`,
	`{"s":"\uDBFF\uDFFF","sp":"\uD800x","strs":["\uD83D\u005C","\uD800\\"]}`,
	"{\"s\":\"\xff\",\"sp\":\"\xed\xa0\x80\",\"label\":\"\xc0\xaf\",\"lp\":\"\xf4\x90\x80\x80\"}",
	"{\"s\":\"a\xc3\",\"sp\":\"\xe2\x82\",\"strs\":[\"\xf0\x9f\x98\",\"\x80\",\"\xef\xbf\xbd\"]}",
	`{"s":"a\u0000b","sp":"\"\\\/\b\f\n\r\t"}`, `{"s":"\u2028\u2029"}`,
	"{\"s\":\"a\x01\"}", "{\"s\":\"a\nb\"}", `{"s":"\x"}`, `{"s":"\'"}`, `{"s":"\u12"}`,
	`{"s":"\u12G4"}`, `{"s":"\U0041"}`, `{"s":"abc`, `{"s":"\`, `{"s":"\u`, `{"s":1}`,
	`{"s":["a"]}`, `{"strs":"a"}`,
	// Enums: known values are reused, escaped ones too; others are kept.
	`{"color":"red","cp":"blue"}`, `{"color":"r\u0065d"}`, `{"color":"purple","cp":""}`,
	`{"color":"RED"}`,
	// Syntax, anywhere, in skipped values too.
	``, ` `, "\xef\xbb\xbf{}", `{"s":"a",}`, `{,}`, `{"s":01}`, `{"i":+1}`, `{"f64":1.}`,
	`{"f64":.5}`, `{"f64":1e}`, `{"f64":1e+}`, `{"f64":-}`, `{"a" "b"}`, `{"s":"a"}x`,
	`{"s":"a"} {}`, `{"s" : "a" }  `, "\t\n\r {}\r\n", `{"s":"a" "b":1}`, `{"s"}`, `{"s":}`,
	`{"x":[1,]}`, `{"x":[,1]}`, `{"x":{"a":1,}}`, `{"x":{"a"}}`, `{"x":[01]}`, `{"x":"\x"}`,
	`{"x":nulL}`, `{"x":-01}`, `{"x":1.5.2}`, `{"x":[}`, `{"x":{]}`, `{}}`, `{}]`, `[`, `{`,
	"{\"x\":\"\x1f\"}", "{\"x\":\x00}", "{\x00}",
	// A type error does not hide a syntax error later, nor does a syntax error hide behind
	// an unknown field.
	`{"i":"x","s":01}`, `{"i":"x","x":[1,]}`, `{"i":"x"}x`, `{"strs":{"a":1,}}`,
	`{"i":"x","x":` + deepArrays(10000) + `}`,
	// Depth: encoding/json accepts 10000 levels and refuses the 10001st, counting the typed
	// levels too.
	`{"x":` + deepArrays(9999) + `}`, `{"x":` + deepArrays(10000) + `}`,
	`{"in":{"x":` + deepObjects(9998) + `}}`, `{"in":{"x":` + deepObjects(9999) + `}}`,
	`{"ins":[{"x":` + deepArrays(9997) + `}]}`, `{"ins":[{"x":` + deepArrays(9998) + `}]}`,
	`{"s":` + deepArrays(10001) + `}`,
	// Top level: whitespace around one value only.
	`[]`, `"x"`, `1`, `true`, `{} `, ` {}`, `{}{}`, `{} null`,
}

var connEdges = []string{
	`{"connections":[{"id":"a","status":"ACTIVE","create_time":1566888011125,"hosts":[{"ip":"1.2.3.4","name":"h"}],"available_queue_info":[{"name":"q","status":"FAILED","err_msg":"x","update_time":1}],"routes":[{"name":"r","cidr":"10.0.0.0/8","create_time":2}]}],"count":1,"is_success":true,"message":""}`,
	`{"connections":[{"status":"UNKNOWN"},{"status":"active"},{"STATUS":"DELETED"},{"Status":null}],"count":2147483648}`,
	`{"connections":[{},null,{"hosts":null}],"count":null,"is_success":"true"}`,
	`{"connections":{}}`, `{"connections":[[]]}`, `{"connections":[{"hosts":[{"ip":1}]}]}`,
	`{"connections":[{"create_time":1.5}]}`, `{"connections":[{"isprivis":true,"ISPRIVIS":false}]}`,
	`{"connections":[{"routes":[{"create_time":"1"}]}]}`,
}

var recordsEdges = []string{
	`{"id":"a","rev":1,"items":[]}`,
	`{"rev":1,"items":[]}`, `{"id":"a","items":[]}`, `{"id":"a","rev":1}`,
	`{"id":null,"rev":1,"items":[]}`, `{"id":"a","rev":null,"items":[]}`,
	`{"id":"a","rev":1,"items":null}`, `{"id":"a","id":null,"rev":1,"items":[]}`,
	`{"id":null,"id":"a","rev":1,"items":[]}`, `{"ID":"a","REV":1,"Items":[]}`,
	`{"id":"a","rev":1,"items":[{"key":"k"},{"value":"v"}]}`,
	`{"id":"a","rev":1,"items":[{"key":null,"value":"v"}]}`,
	`{"id":"a","rev":1,"items":[null]}`,
	`{"id":"a","rev":1,"items":[],"sub":{}}`, `{"id":"a","rev":1,"items":[],"sub":null}`,
	`{"id":"a","rev":1,"items":[],"sub":{"code":7,"tags":["x"]}}`,
	`{"id":"a","rev":"1","items":[]}`, `{"rev":"1","items":[]}`, `{"items":[{}],"x":01}`,
	`null`, `{}`, `[]`,
	// Interfaces and maps go through encoding/json.
	`{"id":"a","rev":1,"items":[],"any":{"a":[1,"x",null,true,{"b":-0}]}}`,
	`{"id":"a","rev":1,"items":[],"any":1e400}`, `{"id":"a","rev":1,"items":[],"any":[1e400]}`,
	`{"id":"a","rev":1,"items":[],"any":{"a":1},"any":[2]}`,
	`{"id":"a","rev":1,"items":[],"any":"\ud800"}`, `{"id":"a","rev":1,"items":[],"any":null}`,
	`{"id":"a","rev":1,"items":[],"counts":{"a":1},"counts":{"b":2},"counts":{"a":null}}`,
	`{"id":"a","rev":1,"items":[],"counts":{"a":1.5}}`, `{"id":"a","rev":1,"items":[],"counts":[]}`,
	`{"id":"a","rev":1,"items":[],"counts":{"a":1},"counts":null}`,
	`{"id":"a","rev":1,"items":[],"meta":{"a":{"b":[]}},"meta":{"c":1}}`,
	`{"id":"a","rev":1,"items":[],"by_num":{"x":"y"}}`, `{"id":"a","rev":1,"items":[],"by_num":{"-1":"y","01":"z"}}`,
	`{"id":"a","rev":1,"items":[],"by_num":{"99999999999999999999":"y"}}`,
	`{"id":"a","rev":1,"items":[],"meta":{"a":1,}}`,
}

func TestEdges(t *testing.T) {
	for _, in := range scalarEdges {
		jsondectest.Check(t, []byte(in), decodeScalars)
	}
	for _, in := range connEdges {
		jsondectest.Check(t, []byte(in), decodeConnList)
	}
	for _, in := range recordsEdges {
		jsondectest.Check(t, []byte(in), decodeRecords, recordsRequired...)
	}
	for _, in := range []string{`[]`, `null`, `[{}]`, `[{},]`, `[{}{}]`, `[{} ,{}]`, `[1]`, `{}`, `[null,{"id":"x"}]`} {
		jsondectest.Check(t, []byte(in), decodeConns)
	}
}
