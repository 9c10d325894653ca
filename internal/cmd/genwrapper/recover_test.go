package main

import (
	"encoding/json"
	"strings"
	"testing"
)

// TestRecoverFromTheSpec: the spec's x-recover on CreateEnhancedConnection resolves to the
// lookup, parameters and fields the wrapper's recovery uses.
func TestRecoverFromTheSpec(t *testing.T) {
	ops := specOps(t, nil)
	var create *opModel
	for _, op := range ops {
		if op.Recover != nil && op.ID != "CreateEnhancedConnection" {
			t.Errorf("%s has x-recover", op.ID)
		}
		if op.ID == "CreateEnhancedConnection" {
			create = op
		}
	}
	r := create.Recover
	if r == nil {
		t.Fatal("CreateEnhancedConnection has no x-recover")
	}
	got := []string{r.Lookup.ID, r.Query[0].param.GoField, r.Query[0].body.goName, r.Limit.GoField, r.Offset.GoField,
		r.Items.goName, r.Key[0].item.goName, r.Match[0].body.goName, r.Match[1].item.goName, r.Created.goName,
		r.Answer[0].answer.goName, r.Answer[0].item.goName}
	want := []string{"ListEnhancedConnections", "Name", "Name", "Limit", "Offset",
		"Connections", "Name", "DestVpcID", "DestNetworkID", "CreateTime", "ConnectionID", "ID"}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("resolved\n%v\nwant\n%v", got, want)
	}
}

// TestRecoverRefusesWhatTheSpecLacks: an x-recover that names an operation, parameter or field
// the spec does not have, or of the wrong kind, stops the generator with a message naming it.
func TestRecoverRefusesWhatTheSpecLacks(t *testing.T) {
	for _, tc := range []struct {
		name   string
		edit   func(x map[string]any)
		errHas string
	}{
		{"unknown lookup", func(x map[string]any) { x["lookup"] = "ListConnections" }, `the spec has no operation "ListConnections"`},
		{"lookup not idempotent", func(x map[string]any) { x["lookup"] = "AssociateQueueToEnhancedConnection" }, "is not an idempotent operation"},
		{"unknown query parameter", func(x map[string]any) { x["query"] = map[string]any{"nom": "name"} }, `has no query parameter "nom"`},
		{"unknown body field", func(x map[string]any) { x["query"] = map[string]any{"name": "label"} }, `has no field "label"`},
		{"no query", func(x map[string]any) { x["query"] = map[string]any{} }, "listing everything is not a lookup"},
		{"page parameter of another type", func(x map[string]any) { x["page"] = map[string]any{"limit": "name", "offset": "offset"} }, "page.limit: name is *string"},
		{"unknown items", func(x map[string]any) { x["items"] = "entries" }, `has no field "entries"`},
		{"items not a list", func(x map[string]any) { x["items"] = "count" }, "count is int32, not an array of objects"},
		{"key field missing in the items", func(x map[string]any) { x["key"] = []any{"routetable_id"} }, `has no field "routetable_id"`},
		{"match field missing in the body", func(x map[string]any) { x["match"] = []any{"status"} }, `the body of CreateEnhancedConnection has no field "status"`},
		{"match field not a string", func(x map[string]any) { x["match"] = []any{"hosts"} }, "only strings are compared"},
		{"created not a time", func(x map[string]any) { x["created"] = "name" }, "want int64 milliseconds"},
		{"answer field missing", func(x map[string]any) { x["answer"] = map[string]any{"id": "id"} }, `the answer of CreateEnhancedConnection has no field "id"`},
		{"a typo among the keys", func(x map[string]any) { x["macth"] = x["match"]; delete(x, "match") }, `unknown key "macth"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := operationsWith(t, tc.edit)
			if err == nil || !strings.Contains(err.Error(), tc.errHas) || !strings.Contains(err.Error(), "CreateEnhancedConnection: x-recover") {
				t.Errorf("got %v, want an error with %q", err, tc.errHas)
			}
		})
	}
}

// specOps resolves the spec's operations with edit applied to the create's x-recover.
func specOps(t *testing.T, edit func(map[string]any)) []*opModel {
	t.Helper()
	ops, err := operationsWith(t, edit)
	if err != nil {
		t.Fatal(err)
	}
	return ops
}

func operationsWith(t *testing.T, edit func(map[string]any)) ([]*opModel, error) {
	t.Helper()
	doc, err := loadWithOrigins()
	if err != nil {
		t.Fatal(err)
	}
	g, err := loadGoTypes("../../../gen/dli.gen.go")
	if err != nil {
		t.Fatal(err)
	}
	if edit != nil {
		op := doc.Paths.Find("/v2.0/{project_id}/datasource/enhanced-connections").Post
		// A deep copy, so that each case starts from the spec's own extension.
		data, err := json.Marshal(op.Extensions[xRecover])
		if err != nil {
			t.Fatal(err)
		}
		var x map[string]any
		if err := json.Unmarshal(data, &x); err != nil {
			t.Fatal(err)
		}
		edit(x)
		op.Extensions[xRecover] = x
	}
	return operations(doc, g)
}
