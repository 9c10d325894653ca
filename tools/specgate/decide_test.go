package main

import (
	"strings"
	"testing"
)

func mustVersion(t *testing.T, s string) version {
	t.Helper()
	v, err := parseVersion(s)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

var (
	addedRequired = change{ID: "new-required-request-property", Level: levelErr, Operation: "POST",
		OperationID: "CreateEnhancedConnection", Path: "/v2.0/{project_id}/datasource/enhanced-connections",
		Text: "added the new required request property `owner`"}
	removedPrivilege = change{ID: "api-removed-without-deprecation", Level: levelErr, Operation: "GET",
		OperationID: "ShowEnhancedConnectionPrivilege", Path: "/v2.0/{project_id}/datasource/enhanced-connections/{connection_id}/privileges",
		Text: "api removed without deprecation"}
	addedOptional = change{ID: "new-optional-request-property", Level: levelInfo, Operation: "POST",
		OperationID: "CreateEnhancedConnection", Path: "/v2.0/{project_id}/datasource/enhanced-connections",
		Text: "added the new optional request property `color`"}
	warnOnly = change{ID: "response-property-became-optional", Level: levelWarn, Operation: "GET",
		OperationID: "ShowEnhancedConnection", Text: "the response property `name` became optional"}
	componentOnly = change{ID: "api-security-component-removed", Level: levelErr, Text: "removed the security component `AkSk`"}
)

const (
	logNone     = "# Changelog\n\n## [0.1.0] - 2025-06-01\n\n### Added\n\n- everything\n"
	logNoBreak  = "# Changelog\n\n## [Unreleased] (0.2.0)\n\n### Added\n\n- `CreateEnhancedConnection` takes `color`\n\n## [0.1.0] - 2025-06-01\n"
	logNamed    = "# Changelog\n\n## [Unreleased] (0.2.0)\n\n### Breaking\n\n- `CreateEnhancedConnection`: `owner` is required\n\n## [0.1.0] - 2025-06-01\n"
	logOtherOp  = "# Changelog\n\n## [Unreleased] (0.2.0)\n\n### Breaking\n\n- `ShowEnhancedConnectionPrivilege` is gone\n\n## [0.1.0] - 2025-06-01\n"
	logElsewere = "# Changelog\n\n## [Unreleased] (0.2.0)\n\n### Changed\n\n- CreateEnhancedConnection needs `owner`\n\n### Breaking changes\n\n- none\n\n## [0.1.0]\n"
	logByPath   = "## [2.0.0] - 2025-07-01\n\n### Breaking\n\n- POST /v2.0/{project_id}/datasource/enhanced-connections needs `owner`\n"
)

func TestDecide(t *testing.T) {
	tests := []struct {
		name              string
		released, current string
		changes           []change
		log               string
		// want are substrings of the problems, one entry per problem; none means the gate passes.
		want [][]string
	}{
		{name: "no change, version of the release", released: "0.1.0", current: "0.1.0", log: logNone},
		{name: "no change, next version described", released: "0.1.0", current: "0.2.0", log: logNoBreak},
		{name: "additive change, next version", released: "0.1.0", current: "0.2.0",
			changes: []change{addedOptional, warnOnly}, log: logNoBreak},
		{name: "additive change, patch version is enough", released: "0.1.0", current: "0.1.1",
			changes: []change{addedOptional}, log: "## [Unreleased] (0.1.1)\n"},
		{name: "additive change, version not moved", released: "0.1.0", current: "0.1.0",
			changes: []change{addedOptional}, log: logNone,
			want: [][]string{{"still 0.1.0", "a released version never changes", "Set info.version to 0.1.1", `"## [Unreleased] (0.1.1)"`}}},
		{name: "breaking change, version not moved", released: "0.1.0", current: "0.1.0",
			changes: []change{addedRequired}, log: logNone,
			want: [][]string{{"1 of them breaking", "Set info.version to 0.2.0"}}},
		{name: "breaking change, only a patch bump", released: "0.1.0", current: "0.1.1",
			changes: []change{addedRequired}, log: "## [Unreleased] (0.1.1)\n\n### Breaking\n\n- CreateEnhancedConnection\n",
			want: [][]string{{"in 0.x a breaking change moves the minor version", "set info.version in spec.yaml to 0.2.0 (it says 0.1.1)"}}},
		{name: "breaking change, bump, no changelog section", released: "0.1.0", current: "0.2.0",
			changes: []change{addedRequired}, log: logNone,
			want: [][]string{{"CHANGELOG.md has no section for 0.2.0", "## [Unreleased] (0.2.0)\n\n### Breaking\n\n" +
				"- `CreateEnhancedConnection` (POST /v2.0/{project_id}/datasource/enhanced-connections): added the new required request property `owner`\n"}}},
		{name: "breaking change, bump, section without a Breaking subsection", released: "0.1.0", current: "0.2.0",
			changes: []change{addedRequired}, log: logNoBreak,
			want: [][]string{{`to section "## [Unreleased] (0.2.0)" (line 3 of CHANGELOG.md)`, "### Breaking\n\n- `CreateEnhancedConnection`"}}},
		{name: "breaking change named outside the Breaking subsection", released: "0.1.0", current: "0.2.0",
			changes: []change{addedRequired}, log: logElsewere,
			want: [][]string{{`to its "### Breaking" subsection (in section "## [Unreleased] (0.2.0)", line 3`, "- `CreateEnhancedConnection`"}}},
		{name: "a longer operationId does not name a shorter one", released: "0.1.0", current: "0.2.0",
			changes: []change{addedRequired, removedPrivilege}, log: logOtherOp,
			want: [][]string{{"- `CreateEnhancedConnection`"}}},
		{name: "breaking change, bump and changelog entry", released: "0.1.0", current: "0.2.0",
			changes: []change{addedRequired, addedOptional}, log: logNamed},
		{name: "breaking change, pre-release of the next minor", released: "0.1.0", current: "0.2.0-rc.1",
			changes: []change{addedRequired}, log: "## [0.2.0-rc.1] - 2025-07-01\n\n### Breaking\n\n- `CreateEnhancedConnection`\n"},
		{name: "breaking change in 0.x, move to 1.0.0", released: "0.4.2", current: "1.0.0",
			changes: []change{addedRequired}, log: "## [1.0.0]\n\n### Breaking\n\n- `CreateEnhancedConnection`\n"},
		{name: "breaking change in 1.x, minor bump", released: "1.2.0", current: "1.3.0",
			changes: []change{addedRequired}, log: "## [1.3.0]\n\n### Breaking\n\n- `CreateEnhancedConnection`\n",
			want: [][]string{{"from 1.0.0 on a breaking change moves the major version", "to 2.0.0"}}},
		{name: "breaking change in 1.x, major bump, named by method and path", released: "1.2.0", current: "2.0.0",
			changes: []change{{ID: "x", Level: levelErr, Operation: "POST", Path: addedRequired.Path, Text: "t"}}, log: logByPath},
		{name: "change to a shared component is named by its rule id", released: "0.1.0", current: "0.2.0",
			changes: []change{componentOnly}, log: "## [Unreleased] (0.2.0)\n\n### Breaking\n\n- AkSk is gone\n",
			want: [][]string{{"- `api-security-component-removed`: removed the security component `AkSk`"}}},
		{name: "version went backwards", released: "0.2.0", current: "0.1.9", log: logNamed,
			want: [][]string{{"info.version 0.1.9 in spec.yaml is below the newest release, 0.2.0", "set info.version to 0.2.1 or higher"}}},
		{name: "a pre-release is below its release", released: "0.2.0", current: "0.2.0-rc.1",
			want: [][]string{{"below the newest release"}}},
		{name: "bump without breaking change needs a section too", released: "0.1.0", current: "0.1.1", log: logNone,
			want: [][]string{{"no section for 0.1.1"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := decide(decision{
				released: mustVersion(t, tt.released), releasedDir: "spec/released/" + tt.released + "/",
				current: mustVersion(t, tt.current), specPath: "spec.yaml",
				changes: tt.changes, log: parseChangelog(tt.log), logPath: "CHANGELOG.md",
			})
			if len(got) != len(tt.want) {
				t.Fatalf("got %d problems, want %d:\n%s", len(got), len(tt.want), strings.Join(got, "\n---\n"))
			}
			for i, subs := range tt.want {
				for _, s := range subs {
					if !strings.Contains(got[i], s) {
						t.Errorf("problem %d lacks %q:\n%s", i, s, got[i])
					}
				}
			}
		})
	}
}

// The message for a missing entry lists only what is missing, so that pasting it is enough.
func TestDecideListsOnlyMissingNames(t *testing.T) {
	got := decide(decision{
		released: mustVersion(t, "0.1.0"), current: mustVersion(t, "0.2.0"),
		changes: []change{addedRequired, removedPrivilege}, log: parseChangelog(logNamed), logPath: "CHANGELOG.md",
	})
	if len(got) != 1 {
		t.Fatalf("want one problem, got %q", got)
	}
	if !strings.Contains(got[0], "- `ShowEnhancedConnectionPrivilege`") || strings.Contains(got[0], "- `CreateEnhancedConnection`") {
		t.Errorf("want only ShowEnhancedConnectionPrivilege listed:\n%s", got[0])
	}
}
