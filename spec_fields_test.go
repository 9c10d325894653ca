package enhancedconnections_test

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// documentedField is one field the reference pages (testdata/sources: seeds 000-004 and
// api-facts.md; for the authorization and tag APIs, the vendor SDK's models and the HWC pages
// named in the spec) document for an operation. kind is "param" (path, query), "request" (request body)
// or "response" (success response body); nested fields are written parent.child, array items
// parent[].child.
type documentedField struct {
	op, kind, field string
}

func fieldsOf(op, kind string, names ...string) []documentedField {
	out := make([]documentedField, len(names))
	for i, n := range names {
		out[i] = documentedField{op, kind, n}
	}
	return out
}

// prefixed writes the fields of a nested object under prefix.
func prefixed(prefix string, names ...string) []string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = prefix + n
	}
	return out
}

var (
	peerInfoFields = []string{"peer_id", "status", "name", "err_msg", "update_time"}
	hostFields     = []string{"name", "ip"}
	routeFields    = []string{"name", "cidr", "create_time"}
	statusFields   = []string{"is_success", "message"}
)

// connectionFields: the connection object of list (api-facts.md §3.3) and show (§3.4, seed 004,
// seed 003 for isPrivis). elastic_resource_pools is HWC-only; routes is undocumented on the pages
// but listed by api-facts.md (read by the HWC Terraform provider).
func connectionFields(prefix string) []string {
	var out []string
	out = append(out, prefixed(prefix, "id", "name", "status", "dest_vpc_id", "dest_network_id", "create_time",
		"isPrivis", "ipv6_enable", "available_queue_info", "elastic_resource_pools", "hosts", "routes")...)
	out = append(out, prefixed(prefix+"available_queue_info[].", peerInfoFields...)...)
	out = append(out, prefixed(prefix+"elastic_resource_pools[].", peerInfoFields...)...)
	out = append(out, prefixed(prefix+"hosts[].", hostFields...)...)
	out = append(out, prefixed(prefix+"routes[].", routeFields...)...)
	return out
}

// documentedFields is the hand count from the seeds and api-facts.md.
func documentedFields() []documentedField {
	var d []documentedField
	add := func(f ...documentedField) { d = append(d, f...) }
	inConnection := []string{"project_id", "connection_id"}

	// Create: seeds 000/001 (HWC, 001 adds elastic_resource_pools), 002 (OTC), api-facts §3.1.
	add(fieldsOf("CreateEnhancedConnection", "param", "project_id")...)
	add(fieldsOf("CreateEnhancedConnection", "request", "name", "dest_vpc_id", "dest_network_id",
		"elastic_resource_pools", "queues", "routetable_id", "hosts", "hosts[].name", "hosts[].ip",
		"tags", "tags[].key", "tags[].value")...)
	add(fieldsOf("CreateEnhancedConnection", "response", "is_success", "message", "connection_id")...)

	// List: api-facts §3.3.
	add(fieldsOf("ListEnhancedConnections", "param", "project_id", "limit", "offset", "status", "name", "tags")...)
	add(fieldsOf("ListEnhancedConnections", "response",
		slices.Concat(statusFields, []string{"count", "connections"}, connectionFields("connections[]."))...)...)

	// Show: seed 004, seed 003, api-facts §3.4.
	add(fieldsOf("ShowEnhancedConnection", "param", inConnection...)...)
	add(fieldsOf("ShowEnhancedConnection", "response", slices.Concat(statusFields, connectionFields(""))...)...)

	// Update hosts: api-facts §3.7.
	add(fieldsOf("UpdateEnhancedConnection", "param", inConnection...)...)
	add(fieldsOf("UpdateEnhancedConnection", "request", "hosts", "hosts[].name", "hosts[].ip")...)
	add(fieldsOf("UpdateEnhancedConnection", "response", statusFields...)...)

	// Delete: api-facts §3.2.
	add(fieldsOf("DeleteEnhancedConnection", "param", inConnection...)...)
	add(fieldsOf("DeleteEnhancedConnection", "response", statusFields...)...)

	// Bind and unbind: api-facts §3.5, §3.6 (elastic_resource_pools HWC only).
	for _, op := range []string{"AssociateQueueToEnhancedConnection", "DisassociateQueueFromEnhancedConnection"} {
		add(fieldsOf(op, "param", inConnection...)...)
		add(fieldsOf(op, "request", "queues", "elastic_resource_pools")...)
		add(fieldsOf(op, "response", statusFields...)...)
	}

	// Privileges: api-facts §3.8 (project_id: the name the HWC Terraform provider reads).
	add(fieldsOf("ShowEnhancedConnectionPrivilege", "param", inConnection...)...)
	add(fieldsOf("ShowEnhancedConnectionPrivilege", "response", "is_success", "message", "connection_id",
		"privileges", "privileges[].object", "privileges[].applicant_project_id", "privileges[].privileges",
		"privileges[].project_id")...)

	// Routes: api-facts §3.9, §3.10, and §3.11 for the deprecated v2.0 paths.
	for _, op := range []string{"CreateRouteToEnhancedConnection", "CreateEnhancedConnectionRoutes"} {
		add(fieldsOf(op, "param", inConnection...)...)
		add(fieldsOf(op, "request", "name", "cidr")...)
		add(fieldsOf(op, "response", statusFields...)...)
	}
	for _, op := range []string{"DeleteRouteFromEnhancedConnection", "DeleteEnhancedConnectionRoutes"} {
		add(fieldsOf(op, "param", "project_id", "connection_id", "name")...)
		add(fieldsOf(op, "response", statusFields...)...)
	}

	// Authorization: api-facts §3.12, dli_02_0318 and the SDK's RunAuthorizationActionRequestBody
	// and Privilege; dli_02_0252 and the SDK's ListAuthorizationPrivilegesResponse and
	// AuthorizationPrivilege.
	add(fieldsOf("RunAuthorizationAction", "param", "project_id")...)
	add(fieldsOf("RunAuthorizationAction", "request", "user_name", "projectId", "action", "privileges",
		"privileges[].object", "privileges[].privileges")...)
	add(fieldsOf("RunAuthorizationAction", "response", statusFields...)...)
	add(fieldsOf("ListAuthorizationPrivileges", "param", "project_id", "object")...)
	add(fieldsOf("ListAuthorizationPrivileges", "response", slices.Concat(statusFields, []string{"object_name",
		"object_type", "count", "privileges"}, prefixed("privileges[].", "object", "is_admin", "user_name", "privileges"))...)...)

	// Tags: api-facts §3.13, dli_02_0396, 0397, 0501, 0513, 0399, 0398 and the SDK's models (the
	// answers of create and delete have no body).
	inResource := []string{"project_id", "resource_type", "resource_id"}
	for _, op := range []string{"BatchCreateResourceTags", "BatchDeleteResourceTags"} {
		add(fieldsOf(op, "param", inResource...)...)
		add(fieldsOf(op, "request", "tags", "tags[].key", "tags[].value")...)
	}
	add(fieldsOf("ShowResourceTags", "param", append(inResource, "limit", "offset")...)...)
	add(fieldsOf("ShowResourceTags", "response", "tags", "tags[].key", "tags[].value", "count")...)
	add(fieldsOf("ListResourcesTags", "param", "project_id", "resource_type", "limit", "offset")...)
	add(fieldsOf("ListResourcesTags", "response", "tags", "tags[].key", "tags[].values", "count")...)
	filterFields := []string{"without_any_tag", "tags", "tags[].key", "tags[].values", "matches", "matches[].key", "matches[].value"}
	resourceFields := slices.Concat([]string{"total_count", "resources"},
		prefixed("resources[].", "resource_id", "resource_name", "resource_detail", "tags"))
	add(fieldsOf("ListResourcesByTags", "param", "project_id", "resource_type", "limit", "offset")...)
	add(fieldsOf("ListResourcesByTags", "request", filterFields...)...)
	add(fieldsOf("ListResourcesByTags", "response", resourceFields...)...)
	add(fieldsOf("CountResourcesByTags", "param", "project_id", "resource_type")...)
	add(fieldsOf("CountResourcesByTags", "request", filterFields...)...)
	add(fieldsOf("CountResourcesByTags", "response", resourceFields...)...)
	return d
}

// properties merges the properties of s and of its allOf members.
func properties(s *openapi3.Schema) map[string]*openapi3.SchemaRef {
	out := map[string]*openapi3.SchemaRef{}
	if s == nil {
		return out
	}
	for _, sub := range s.AllOf {
		for k, v := range properties(sub.Value) {
			out[k] = v
		}
	}
	for k, v := range s.Properties {
		out[k] = v
	}
	return out
}

// schemaFields lists the fields of an object schema, nested objects and array items included.
func schemaFields(prefix string, s *openapi3.Schema, out map[string]bool, depth int) {
	if depth > 8 {
		return
	}
	for name, p := range properties(s) {
		path := prefix + name
		out[path] = true
		v := p.Value
		switch {
		case v.Items != nil && len(properties(v.Items.Value)) > 0:
			schemaFields(path+"[].", v.Items.Value, out, depth+1)
		case len(properties(v)) > 0:
			schemaFields(path+".", v, out, depth+1)
		}
	}
}

// specFields returns the fields the spec has for an operation, by kind.
func specFields(t testing.TB, doc *openapi3.T, opID string) map[string]map[string]bool {
	t.Helper()
	out := map[string]map[string]bool{"param": {}, "request": {}, "response": {}}
	_, path, op := specOperation(t, doc, opID)
	for _, p := range append(slices.Clone(doc.Paths.Value(path).Parameters), op.Parameters...) {
		out["param"][p.Value.Name] = true
	}
	if op.RequestBody != nil {
		if mt := op.RequestBody.Value.Content.Get("application/json"); mt != nil && mt.Schema != nil {
			schemaFields("", mt.Schema.Value, out["request"], 0)
		}
	}
	for code, resp := range op.Responses.Map() {
		if !strings.HasPrefix(code, "2") {
			continue
		}
		if mt := resp.Value.Content.Get("application/json"); mt != nil && mt.Schema != nil {
			schemaFields("", mt.Schema.Value, out["response"], 0)
		}
	}
	return out
}

func TestFieldInventory(t *testing.T) {
	doc := loadDoc(t)
	documented := documentedFields()
	kinds := []string{"param", "request", "response"}

	var lines []string
	lines = append(lines, fmt.Sprintf("%-40s %-24s %-24s %s", "operation", "documented p/req/resp=all", "spec p/req/resp=all", "spec only"))
	var totalDoc, totalSpec int
	for _, op := range operations {
		spec := specFields(t, doc, op.id)
		docCount := map[string]int{}
		seen := map[documentedField]bool{}
		for _, f := range documented {
			if f.op != op.id {
				continue
			}
			require.False(t, seen[f], "field listed twice: %v", f)
			seen[f] = true
			docCount[f.kind]++
			assert.True(t, spec[f.kind][f.field], "%s: documented %s field %q is missing from the spec", op.id, f.kind, f.field)
		}
		var extra []string
		specCount := map[string]int{}
		for _, kind := range kinds {
			specCount[kind] = len(spec[kind])
			assert.GreaterOrEqual(t, specCount[kind], docCount[kind], "%s: %s fields", op.id, kind)
			for name := range spec[kind] {
				if !seen[documentedField{op.id, kind, name}] {
					extra = append(extra, kind+":"+name)
				}
			}
		}
		sort.Strings(extra)
		sum := func(m map[string]int) int { return m["param"] + m["request"] + m["response"] }
		totalDoc += sum(docCount)
		totalSpec += sum(specCount)
		lines = append(lines, fmt.Sprintf("%-40s %2d/%2d/%2d = %-13d %2d/%2d/%2d = %-13d %s", op.id,
			docCount["param"], docCount["request"], docCount["response"], sum(docCount),
			specCount["param"], specCount["request"], specCount["response"], sum(specCount),
			strings.Join(extra, " ")))
		assert.NotZero(t, sum(docCount), "%s has no documented fields: list them, with their source, in documentedFields (spec_fields_test.go)", op.id)
	}
	lines = append(lines, fmt.Sprintf("%-40s %-24d %d", "total", totalDoc, totalSpec))
	t.Log("field inventory (param / request body / success response):\n" + strings.Join(lines, "\n"))

	assert.Len(t, documented, totalDoc, "every documented field belongs to one of the %d operations", len(operations))
	assert.GreaterOrEqual(t, totalSpec, totalDoc)
}
