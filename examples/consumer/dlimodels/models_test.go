package dlimodels_test

import (
	"bytes"
	"context"
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	enhancedconnections "github.com/dli-openapi/enhanced-connections"

	"example.com/dli-consumer/dlimodels"
)

// seed is the create request of the vendor's getting-started procedure, verbatim.
const seed = `{
  "name": "test1",
  "dest_vpc_id": "22094d8f-c310-4621-913d-4c4d655d8495",
  "dest_network_id": "78f2562a-36e4-4b39-95b9-f5aab22e1281",
  "queues": ["q1","q2"],
  "hosts": [
    {"ip":"192.168.0.1", "name":"ecs-97f8-0001"},
    {"ip":"192.168.0.2", "name":"ecs-97f8-0002"}
  ]
}`

func TestSeedRoundTrip(t *testing.T) {
	var req dlimodels.CreateEnhancedConnectionRequest
	roundTrip(t, []byte(seed), &req)
	if req.Name != "test1" || len(req.Hosts) != 2 || req.Hosts[1].IP != "192.168.0.2" {
		t.Fatalf("decoded %+v", req)
	}
}

// models maps the spec's schema names to this repository's generated types.
var models = map[string]func() any{
	"CreateEnhancedConnectionRequest":         func() any { return new(dlimodels.CreateEnhancedConnectionRequest) },
	"CreateEnhancedConnectionResponse":        func() any { return new(dlimodels.CreateEnhancedConnectionResponse) },
	"UpdateEnhancedConnectionRequest":         func() any { return new(dlimodels.UpdateEnhancedConnectionRequest) },
	"QueueBindingRequest":                     func() any { return new(dlimodels.QueueBindingRequest) },
	"CreateRouteRequest":                      func() any { return new(dlimodels.CreateRouteRequest) },
	"StatusResponse":                          func() any { return new(dlimodels.StatusResponse) },
	"ListEnhancedConnectionsResponse":         func() any { return new(dlimodels.ListEnhancedConnectionsResponse) },
	"ShowEnhancedConnectionResponse":          func() any { return new(dlimodels.ShowEnhancedConnectionResponse) },
	"ShowEnhancedConnectionPrivilegeResponse": func() any { return new(dlimodels.ShowEnhancedConnectionPrivilegeResponse) },
	"Error": func() any { return new(dlimodels.Error) },
	// The authorization and tag APIs.
	"RunAuthorizationActionRequest":       func() any { return new(dlimodels.RunAuthorizationActionRequest) },
	"ListAuthorizationPrivilegesResponse": func() any { return new(dlimodels.ListAuthorizationPrivilegesResponse) },
	"BatchCreateResourceTagsRequest":      func() any { return new(dlimodels.BatchCreateResourceTagsRequest) },
	"BatchDeleteResourceTagsRequest":      func() any { return new(dlimodels.BatchDeleteResourceTagsRequest) },
	"ShowResourceTagsResponse":            func() any { return new(dlimodels.ShowResourceTagsResponse) },
	"ListResourcesTagsResponse":           func() any { return new(dlimodels.ListResourcesTagsResponse) },
	"ResourceInstancesFilter":             func() any { return new(dlimodels.ResourceInstancesFilter) },
	"ListResourcesByTagsResponse":         func() any { return new(dlimodels.ListResourcesByTagsResponse) },
	"CountResourcesByTagsResponse":        func() any { return new(dlimodels.CountResourcesByTagsResponse) },
}

// TestSpecExamplesRoundTrip decodes every request and response example of the spec this module
// depends on (the seeds' examples among them) into the generated models, strictly, and checks
// that encoding gives back the same JSON.
func TestSpecExamplesRoundTrip(t *testing.T) {
	doc, err := enhancedconnections.Load(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, item := range doc.Paths.Map() {
		for _, op := range item.Operations() {
			if op.RequestBody != nil {
				for _, mt := range op.RequestBody.Value.Content {
					for name, ex := range mt.Examples {
						n++
						check(t, op.OperationID+" request "+name, schemaName(mt.Schema.Ref), ex.Value.Value)
					}
				}
			}
			for status, rsp := range op.Responses.Map() {
				for _, mt := range rsp.Value.Content {
					for name, ex := range mt.Examples {
						n++
						check(t, op.OperationID+" "+status+" "+name, schemaName(mt.Schema.Ref), ex.Value.Value)
					}
				}
			}
		}
	}
	if n < 30 {
		t.Fatalf("only %d examples found in the spec", n)
	}
	t.Logf("%d examples round-tripped", n)
}

func schemaName(ref string) string { return ref[strings.LastIndex(ref, "/")+1:] }

func check(t *testing.T, what, schema string, value any) {
	t.Helper()
	newModel, ok := models[schema]
	if !ok {
		t.Errorf("%s: no generated model registered for schema %q", what, schema)
		return
	}
	raw, err := json.Marshal(value)
	if err != nil {
		t.Fatal(err)
	}
	t.Run(what, func(t *testing.T) { roundTrip(t, raw, newModel()) })
}

func roundTrip(t *testing.T, raw []byte, model any) {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(model); err != nil {
		t.Fatalf("decode into %T: %v\n%s", model, err, raw)
	}
	out, err := json.Marshal(model)
	if err != nil {
		t.Fatal(err)
	}
	var want, got any
	_ = json.Unmarshal(raw, &want)
	_ = json.Unmarshal(out, &got)
	if !reflect.DeepEqual(want, got) {
		t.Fatalf("%T changes the JSON:\n in: %s\nout: %s", model, raw, out)
	}
}

// Every model used above is a schema of the spec (the map has no stale names).
func TestModelsAreSpecSchemas(t *testing.T) {
	doc, err := enhancedconnections.Load(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for name := range models {
		if _, ok := doc.Components.Schemas[name]; !ok {
			t.Errorf("model %s has no schema in the spec", name)
		}
	}
}
