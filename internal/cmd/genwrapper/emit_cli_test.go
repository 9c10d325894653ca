package main

import (
	"go/format"
	"os"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
)

// The CLI emitter on a fixture in the shapes of the tag API, which the spec does not have yet:
// a path parameter with one allowed value is no argument, an x-idempotent POST is idempotent,
// properties keep the spec's order (not gen's, which is alphabetical), allOf is merged, int32
// ranges are narrowed by minimum and maximum, timestamps are marked, deprecated calls carry their
// lint directive.
func TestEmitCLIFixture(t *testing.T) {
	data, err := os.ReadFile("testdata/cli/spec.yaml")
	if err != nil {
		t.Fatal(err)
	}
	loader := openapi3.NewLoader()
	loader.IncludeOrigin = true
	doc, err := loader.LoadFromData(data)
	if err != nil {
		t.Fatal(err)
	}
	g, err := loadGoTypes("testdata/cli/gen.go.txt")
	if err != nil {
		t.Fatal(err)
	}
	ops, err := operations(doc, g)
	if err != nil {
		t.Fatal(err)
	}
	src, err := emitCLI(doc, ops)
	if err != nil {
		t.Fatal(err)
	}
	formatted, err := format.Source(src)
	if err != nil {
		t.Fatalf("the emitted code does not parse: %v\n%s", err, src)
	}
	out := string(formatted)
	for _, want := range []string{
		"var specOperations = []*operation{\n\t&opListResourcesByTags,\n\t&opShowResourceTags,\n}",
		// resource_type is the wrapper's: only resource_id is an argument, and the call passes it.
		`{name: "resource_id", description: "Id of the resource.", required: true, schema: &schema{typ: "string"}}`,
		"return c.ShowResourceTags(ctx, r.arg(0))",
		"//lint:ignore SA1019",
		"\tidempotent:  true,\n\tquery:",
		`{name: "limit", description: "Page size.", required: false, schema: &schema{typ: "integer", format: "int32", def: "1000", min: 1, max: 1000}}`,
		"return c.ListResourcesByTags(ctx, &params, body)",
		// The spec's order: zeta before alpha.
		"{name: \"zeta\", required: true, schema: &schema{typ: \"array\", items: schemaTagWithValues}},\n\t{name: \"alpha\"",
		`enum: []string{"one", "two"}`,
		`minItems: 1`,
		// allOf merged, the outer description kept, the timestamp marked.
		"var schemaFilterAnswer = &schema{typ: \"object\", description: \"The answer.\", props: []prop{\n\t{name: \"is_success\"",
		`max: 9223372036854775807, epochMillis: true`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("the emitted code lacks\n%s\n\nin\n%s", want, out)
		}
	}
	if strings.Contains(out, `name: "resource_type"`) {
		t.Errorf("resource_type, which has one allowed value, is an argument:\n%s", out)
	}
	if strings.Count(out, "//lint:ignore SA1019") != 1 {
		t.Errorf("only the deprecated operation's call carries the directive:\n%s", out)
	}
}

func TestIntegerRange(t *testing.T) {
	f := func(v float64) *float64 { return &v }
	tests := []struct {
		s      flatSchema
		lo, hi int64
		err    bool
	}{
		{flatSchema{format: "int32"}, -1 << 31, 1<<31 - 1, false},
		{flatSchema{format: "int32", min: f(0)}, 0, 1<<31 - 1, false},
		{flatSchema{format: "int64", min: f(0), max: f(10), exclusiveMax: true}, 0, 9, false},
		{flatSchema{min: f(0.5), max: f(2.5)}, 1, 2, false},
		{flatSchema{format: "int32", min: f(5), max: f(1)}, 0, 0, true},
		{flatSchema{format: "uint8"}, 0, 0, true},
	}
	for _, tt := range tests {
		lo, hi, err := integerRange(&tt.s)
		if (err != nil) != tt.err || (err == nil && (lo != tt.lo || hi != tt.hi)) {
			t.Errorf("integerRange(%+v) = %d, %d, %v; want %d, %d, error %t", tt.s, lo, hi, err, tt.lo, tt.hi, tt.err)
		}
	}
}
