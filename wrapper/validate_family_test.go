package wrapper

import (
	"math/rand/v2"
	"strings"
)

// Generators of valid bodies for the authorization and tag APIs, for the differential test of
// the validator against kin-openapi (TestValidateAgreesWithKinOpenAPI): vtMutate breaks them.

var (
	vtObjects    = []string{"edsconnections." + vtConnID, "databases.db1", "x"}
	vtPrivileges = []string{"BIND_QUEUE", "SELECT", "ALL"}
	vtProjects   = []string{"330e068af1334c9782f4226acc00a2e2", "a", strings.Repeat("P", 64)}
	vtUsers      = []string{"", "user1", strings.Repeat("u", 256)}
	vtDelKeys    = []string{"env", " env ", "_sys_x", "k#1", strings.Repeat("k", 128)}
)

// vtFamilyBody is the path and the generator of valid bodies of an operation of the
// authorization and tag APIs (nil for any other operation).
func vtFamilyBody(operationID string) (map[string]string, func(*rand.Rand) any) {
	tagPath := vtPath("resource_type", "dli_enhanced_datasource", "resource_id", vtConnID)
	switch operationID {
	case "RunAuthorizationAction":
		return vtPath(), vtGenAuthorization
	case "BatchCreateResourceTags":
		return tagPath, func(rng *rand.Rand) any { return map[string]any{"tags": vtGenTagList(rng, 1+rng.IntN(5))} }
	case "BatchDeleteResourceTags":
		return tagPath, vtGenDeleteTags
	case "ListResourcesByTags", "CountResourcesByTags":
		return vtPath("resource_type", "dli_enhanced_datasource"), vtGenResourceFilter
	}
	return nil, nil
}

func vtGenAuthorization(rng *rand.Rand) any {
	b := map[string]any{"action": vtPick(rng, []string{"grant", "revoke", "update"})}
	if rng.IntN(3) > 0 {
		b["projectId"] = vtPick(rng, vtProjects)
	}
	if rng.IntN(3) == 0 {
		b["user_name"] = vtPick(rng, vtUsers)
	}
	privs := make([]any, rng.IntN(3))
	for i := range privs {
		names := make([]any, rng.IntN(3))
		for j := range names {
			names[j] = vtPick(rng, vtPrivileges)
		}
		privs[i] = map[string]any{"object": vtPick(rng, vtObjects), "privileges": names}
	}
	b["privileges"] = privs
	return b
}

func vtGenTagList(rng *rand.Rand, n int) []any {
	tags := make([]any, n)
	for i := range tags {
		tags[i] = map[string]any{"key": vtPick(rng, vtTagKeys), "value": vtPick(rng, vtTagValues)}
	}
	return tags
}

func vtGenDeleteTags(rng *rand.Rand) any {
	tags := make([]any, 1+rng.IntN(5))
	for i := range tags {
		t := map[string]any{"key": vtPick(rng, vtDelKeys)}
		if rng.IntN(2) == 0 {
			t["value"] = vtPick(rng, vtTagValues)
		}
		tags[i] = t
	}
	return map[string]any{"tags": tags}
}

func vtGenResourceFilter(rng *rand.Rand) any {
	b := map[string]any{}
	if rng.IntN(3) == 0 {
		b["without_any_tag"] = rng.IntN(2) == 0
	}
	if rng.IntN(3) > 0 {
		tags := make([]any, rng.IntN(4))
		for i := range tags {
			values := make([]any, rng.IntN(3))
			for j := range values {
				values[j] = vtPick(rng, vtTagValues)
			}
			tags[i] = map[string]any{"key": vtPick(rng, vtTagKeys), "values": values}
		}
		b["tags"] = tags
	}
	if rng.IntN(2) == 0 {
		b["matches"] = []any{map[string]any{"key": "resource_name", "value": vtPick(rng, vtNames)}}
	}
	return b
}
