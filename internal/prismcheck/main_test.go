package main

import (
	"testing"

	"github.com/dli-openapi/enhanced-connections/gen"
)

// TestEveryOperationHasAnAcceptedCheck: CI runs the checks against Prism, but a new operation
// without one should fail go test already, naming the file to change. Building the checks sends
// nothing.
func TestEveryOperationHasAnAcceptedCheck(t *testing.T) {
	client, err := gen.NewClient("http://127.0.0.1:9")
	if err != nil {
		t.Fatal(err)
	}
	checks, err := allChecks(client, client, "../../testdata/examples")
	if err != nil {
		t.Fatal(err)
	}
	accepted, refused := map[string]bool{}, map[string]bool{}
	for _, c := range checks {
		if c.refuseStatus == 0 {
			accepted[c.op] = true
		} else {
			refused[c.op] = true
		}
	}
	ops, err := specOperations(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	for _, op := range ops {
		if !accepted[op] {
			t.Errorf("the spec's %s has no check that Prism must accept: add one to internal/prismcheck (bodilessChecks, familyChecks or a seed example in testdata/examples)", op)
		}
	}
	if len(refused) == 0 {
		t.Error("no check of a request Prism must refuse")
	}
	for op := range accepted {
		found := false
		for _, o := range ops {
			found = found || o == op
		}
		if !found {
			t.Errorf("internal/prismcheck checks %s, which the spec does not have", op)
		}
	}
}
