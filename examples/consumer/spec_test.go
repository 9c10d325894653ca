package consumer_test

import (
	"bytes"
	"context"
	"testing"

	enhancedconnections "github.com/dli-openapi/enhanced-connections"
)

// The spec is also embedded in the module: no file to ship, and it is the one of the version in
// go.mod, like the spec that go generate read.
func TestEmbeddedSpec(t *testing.T) {
	spec := enhancedconnections.Spec()
	if !bytes.HasPrefix(spec, []byte("openapi: 3.0.3\n")) {
		t.Fatalf("Spec() does not start with the OpenAPI version: %.40q", spec)
	}
	doc, err := enhancedconnections.Load(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if op := doc.Paths.Find("/v2.0/{project_id}/datasource/enhanced-connections").Post; op == nil || op.OperationID != "CreateEnhancedConnection" {
		t.Fatalf("CreateEnhancedConnection not found in the embedded spec")
	}
}
