package enhancedconnections_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The authorization API (RunAuthorizationAction, ListAuthorizationPrivileges) and the tag API
// for resource type dli_enhanced_datasource: what their sources state, as schema rules.

var (
	authOp    = []string{"RunAuthorizationAction"}
	privsOp   = []string{"ListAuthorizationPrivileges"}
	addTagsOp = []string{"BatchCreateResourceTags"}
	delTagsOp = []string{"BatchDeleteResourceTags"}
	filterOps = []string{"ListResourcesByTags", "CountResourcesByTags"}
	pagedOps  = []string{"ShowResourceTags", "ListResourcesTags", "ListResourcesByTags"}
	tagAPIOps = []string{"BatchCreateResourceTags", "BatchDeleteResourceTags", "ShowResourceTags",
		"ListResourcesTags", "ListResourcesByTags", "CountResourcesByTags"}
	resourceOps = []string{"BatchCreateResourceTags", "BatchDeleteResourceTags", "ShowResourceTags"}
)

func grantBody(edit func(m map[string]any)) map[string]any {
	m := map[string]any{
		"projectId": "330e068af1334c9782f4226acc00a2e2",
		"action":    "grant",
		"privileges": []any{map[string]any{
			"object": "edsconnections." + testConnectionID, "privileges": []any{"BIND_QUEUE"},
		}},
	}
	if edit != nil {
		edit(m)
	}
	return m
}

func tagsBody(tags ...any) map[string]any {
	if tags == nil {
		tags = []any{}
	}
	return map[string]any{"tags": tags}
}

func filterBody(key string, value any) map[string]any { return map[string]any{key: value} }

func tagFilter(key string, values ...any) []any {
	if values == nil {
		values = []any{}
	}
	return []any{map[string]any{"key": key, "values": values}}
}

func familyInvalidCases() []payloadCase {
	long := func(n int) string { return "a" + strings.Repeat("b", n-1) }
	firstPrivilege := func(m map[string]any) map[string]any { return m["privileges"].([]any)[0].(map[string]any) }
	return []payloadCase{
		// RunAuthorizationAction (dli_02_0318, SDK RunAuthorizationActionRequestBody, Privilege).
		{name: "no action", ops: authOp, body: grantBody(func(m map[string]any) { delete(m, "action") }), pointer: "/action", rules: []string{"required"}},
		{name: "action share", ops: authOp, body: grantBody(func(m map[string]any) { m["action"] = "share" }), pointer: "/action", rules: []string{"enum"}},
		{name: "no privileges", ops: authOp, body: grantBody(func(m map[string]any) { delete(m, "privileges") }), pointer: "/privileges", rules: []string{"required"}},
		{name: "privilege without object", ops: authOp, body: grantBody(func(m map[string]any) { delete(firstPrivilege(m), "object") }), pointer: "/privileges/0/object", rules: []string{"required"}},
		{name: "empty object", ops: authOp, body: grantBody(func(m map[string]any) { firstPrivilege(m)["object"] = "" }), pointer: "/privileges/0/object", rules: []string{"minLength"}},
		{name: "privilege without its list", ops: authOp, body: grantBody(func(m map[string]any) { delete(firstPrivilege(m), "privileges") }), pointer: "/privileges/0/privileges", rules: []string{"required"}},
		{name: "projectId with a hyphen", ops: authOp, body: grantBody(func(m map[string]any) { m["projectId"] = "330e068a-f133" }), pointer: "/projectId", rules: []string{"pattern"}},
		{name: "projectId of 65 characters", ops: authOp, body: grantBody(func(m map[string]any) { m["projectId"] = strings.Repeat("a", 65) }), pointer: "/projectId", rules: []string{"maxLength"}},
		{name: "user_name of 257 characters", ops: authOp, body: grantBody(func(m map[string]any) { m["user_name"] = long(257) }), pointer: "/user_name", rules: []string{"maxLength"}},
		// ListAuthorizationPrivileges (dli_02_0252).
		{name: "empty object", ops: privsOp, query: "object=", param: "object", rules: []string{"minLength"}},
		// The tag API's path (dli_02_0396 ...): the connections' resource type only, ids up to 1,000.
		{name: "resource type dli_queue", ops: tagAPIOps, target: target{resourceType: "dli_queue"}, body: tagsBody(map[string]any{"key": "env", "value": "prod"}), param: "resource_type", rules: []string{"enum"}},
		{name: "resource id of 1001 characters", ops: resourceOps, target: target{resourceID: long(1001)}, body: tagsBody(map[string]any{"key": "env", "value": "prod"}), param: "resource_id", rules: []string{"maxLength"}},
		// BatchCreateResourceTags.
		{name: "21 tags", ops: addTagsOp, body: map[string]any{"tags": tagList(21)}, pointer: "/tags", rules: []string{"maxItems"}},
		{name: "no tags", ops: addTagsOp, body: tagsBody(), pointer: "/tags", rules: []string{"minItems"}},
		{name: "missing tags", ops: addTagsOp, body: map[string]any{}, pointer: "/tags", rules: []string{"required"}},
		{name: "tag key starting with _sys_", ops: addTagsOp, body: tagsBody(map[string]any{"key": "_sys_env", "value": "v"}), pointer: "/tags/0/key", rules: []string{"not"}},
		{name: "tag value of 256 characters", ops: addTagsOp, body: tagsBody(map[string]any{"key": "env", "value": long(256)}), pointer: "/tags/0/value", rules: []string{"maxLength"}},
		{name: "tag without value", ops: addTagsOp, body: tagsBody(map[string]any{"key": "env"}), pointer: "/tags/0/value", rules: []string{"required"}},
		// BatchDeleteResourceTags (dli_02_0397: at most 20, key not empty).
		{name: "21 tags", ops: delTagsOp, body: map[string]any{"tags": tagList(21)}, pointer: "/tags", rules: []string{"maxItems"}},
		{name: "no tags", ops: delTagsOp, body: tagsBody(), pointer: "/tags", rules: []string{"minItems"}},
		{name: "empty key", ops: delTagsOp, body: tagsBody(map[string]any{"key": ""}), pointer: "/tags/0/key", rules: []string{"minLength"}},
		{name: "key of 129 characters", ops: delTagsOp, body: tagsBody(map[string]any{"key": long(129)}), pointer: "/tags/0/key", rules: []string{"maxLength"}},
		{name: "tag without key", ops: delTagsOp, body: tagsBody(map[string]any{"value": "v"}), pointer: "/tags/0/key", rules: []string{"required"}},
		// Paging of the tag API.
		{name: "limit=0", ops: pagedOps, query: "limit=0", body: map[string]any{}, param: "limit", rules: []string{"minimum"}},
		{name: "offset=-1", ops: pagedOps, query: "offset=-1", body: map[string]any{}, param: "offset", rules: []string{"minimum"}},
		// ListResourcesByTags and CountResourcesByTags (dli_02_0399, 0398).
		{name: "21 filter tags", ops: filterOps, body: filterBody("tags", func() []any {
			out := make([]any, 21)
			for i := range out {
				out[i] = tagFilter("k" + strings.Repeat("x", i))[0]
			}
			return out
		}()), pointer: "/tags", rules: []string{"maxItems"}},
		{name: "filter key with a trailing space", ops: filterOps, body: filterBody("tags", tagFilter("env ")), pointer: "/tags/0/key", rules: []string{"pattern"}},
		{name: "filter key starting with _sys_", ops: filterOps, body: filterBody("tags", tagFilter("_sys_env")), pointer: "/tags/0/key", rules: []string{"not"}},
		{name: "filter key of 129 characters", ops: filterOps, body: filterBody("tags", tagFilter(long(129))), pointer: "/tags/0/key", rules: []string{"maxLength"}},
		{name: "filter tag without values", ops: filterOps, body: filterBody("tags", []any{map[string]any{"key": "env"}}), pointer: "/tags/0/values", rules: []string{"required"}},
		{name: "filter value of 256 characters", ops: filterOps, body: filterBody("tags", tagFilter("env", long(256))), pointer: "/tags/0/values/0", rules: []string{"maxLength"}},
		{name: "match on resource_id", ops: filterOps, body: filterBody("matches", []any{map[string]any{"key": "resource_id", "value": "x"}}), pointer: "/matches/0/key", rules: []string{"enum"}},
		{name: "match without value", ops: filterOps, body: filterBody("matches", []any{map[string]any{"key": "resource_name"}}), pointer: "/matches/0/value", rules: []string{"required"}},
		{name: "without_any_tag yes", ops: filterOps, body: filterBody("without_any_tag", "yes"), pointer: "/without_any_tag", rules: []string{"type"}},
	}
}

func familyAcceptedCases() []payloadCase {
	long := func(n int) string { return "a" + strings.Repeat("b", n-1) }
	return []payloadCase{
		{name: "grant (HWC Terraform provider's body)", ops: authOp, body: grantBody(nil)},
		{name: "update to no privileges", ops: authOp, body: grantBody(func(m map[string]any) {
			m["action"] = "update"
			m["privileges"].([]any)[0].(map[string]any)["privileges"] = []any{}
		})},
		{name: "to a user of 256 characters", ops: authOp, body: grantBody(func(m map[string]any) { delete(m, "projectId"); m["user_name"] = long(256) })},
		{name: "projectId of 64 characters", ops: authOp, body: grantBody(func(m map[string]any) { m["projectId"] = strings.Repeat("A", 64) })},
		{name: "object of a connection", ops: privsOp, query: "object=edsconnections." + testConnectionID},
		{name: "object of a Flink job (reference page)", ops: privsOp, query: "object=jobs.flink.9561"},
		{name: "20 tags", ops: addTagsOp, body: map[string]any{"tags": tagList(20)}},
		{name: "tag with = and an empty value", ops: addTagsOp, body: tagsBody(map[string]any{"key": "a=b", "value": ""})},
		{name: "resource id of 1000 characters", ops: resourceOps, target: target{resourceID: long(1000)}, body: tagsBody(map[string]any{"key": "env", "value": "prod"})},
		{name: "20 tags", ops: delTagsOp, body: map[string]any{"tags": tagList(20)}},
		{name: "key only, characters unchecked", ops: delTagsOp, body: tagsBody(map[string]any{"key": " _sys_x#"})},
		{name: "limit=1&offset=0", ops: pagedOps, query: "limit=1&offset=0", body: map[string]any{}},
		{name: "no filter", ops: filterOps, body: map[string]any{}},
		{name: "any value of a key", ops: filterOps, body: filterBody("tags", tagFilter("env"))},
		{name: "every condition", ops: filterOps, body: map[string]any{
			"without_any_tag": false, "tags": tagFilter("a=b", "prod", "dev", ""),
			"matches": []any{map[string]any{"key": "resource_name", "value": "rds"}},
		}},
		{name: "20 filter tags", ops: filterOps, body: filterBody("tags", func() []any {
			out := make([]any, 20)
			for i := range out {
				out[i] = tagFilter("k" + strings.Repeat("x", i))[0]
			}
			return out
		}())},
	}
}

// The POSTs that clients may retry carry x-idempotent: the two that only read and the delete of
// tags, which its page calls idempotent. No other operation carries it.
func TestIdempotentExtension(t *testing.T) {
	doc := loadDoc(t)
	var marked []string
	for _, op := range operations {
		method, _, o := specOperation(t, doc, op.id)
		v, ok := o.Extensions["x-idempotent"]
		if !ok {
			continue
		}
		assert.Equal(t, true, v, "%s: x-idempotent is a boolean true", op.id)
		assert.Equal(t, "POST", method, "%s: only a POST needs the mark", op.id)
		marked = append(marked, op.id)
	}
	assert.ElementsMatch(t, []string{"ListResourcesByTags", "CountResourcesByTags", "BatchDeleteResourceTags"}, marked)
	assert.Contains(t, doc.Info.Description, "`x-idempotent: true`", "the info description documents the extension")
}

// Every resource_type of the tag API allows exactly the connections' type, so that generated
// clients fill it in; and every operation says that OTC does not document it as it is used here.
func TestTagAndAuthorizationOperations(t *testing.T) {
	doc := loadDoc(t)
	for _, id := range append(slices.Clone(tagAPIOps), "RunAuthorizationAction", "ListAuthorizationPrivileges") {
		_, path, op := specOperation(t, doc, id)
		assert.Contains(t, op.Description, "OTC", "%s: the description says what OTC documents", id)
		if !strings.Contains(path, "{resource_type}") {
			continue
		}
		var found bool
		for _, p := range doc.Paths.Value(path).Parameters {
			if p.Value.Name == "resource_type" {
				found = true
				assert.Equal(t, []any{testResourceType}, p.Value.Schema.Value.Enum, "%s: resource_type", id)
			}
		}
		assert.True(t, found, "%s declares resource_type", id)
	}
	for _, name := range []string{"Authorization", "ResourceTags"} {
		tag := doc.Tags.Get(name)
		require.NotNil(t, tag, name)
		assert.Contains(t, tag.Description, "OTC", "tag %s says what OTC documents", name)
	}
}
