package main

import (
	"encoding/json"
	"testing"
)

func TestSectionFor(t *testing.T) {
	log := parseChangelog("# Changelog\n\n" +
		"## [Unreleased] (0.3.0)\n\n- a\n\n" +
		"```md\n## [9.9.9] inside a fence is no heading\n```\n\n" +
		"## [0.2.0-rc.1] - 2025-07-01\n\n" +
		"## 10.2.0\n\n" +
		"## [0.2.0] - 2025-06-01\n\n" +
		"## v1.4.0\n")
	tests := []struct {
		version string
		heading string // "" for none
		line    int
	}{
		{"0.3.0", "## [Unreleased] (0.3.0)", 3},
		{"0.2.0", "## [0.2.0] - 2025-06-01", 15},
		{"0.2.0-rc.1", "## [0.2.0-rc.1] - 2025-07-01", 11},
		{"10.2.0", "## 10.2.0", 13},
		{"1.4.0", "## v1.4.0", 17},
		{"9.9.9", "", 0},
		{"2.0", "", 0},
	}
	for _, tt := range tests {
		s := log.sectionFor(tt.version)
		switch {
		case s == nil && tt.heading != "":
			t.Errorf("%s: no section, want %q", tt.version, tt.heading)
		case s != nil && (s.heading != tt.heading || s.line != tt.line):
			t.Errorf("%s: got %q at line %d, want %q at line %d", tt.version, s.heading, s.line, tt.heading, tt.line)
		}
	}
}

func TestBreakingText(t *testing.T) {
	tests := []struct {
		name, body, want string
		found            bool
	}{
		{"none", "### Added\n\n- x\n", "", false},
		{"one", "### Added\n\n- x\n\n### Breaking\n\n- y\n\n### Fixed\n\n- z\n", "\n- y\n\n", true},
		{"heading with more words, any case", "### BREAKING changes\n- y\n", "- y\n", true},
		{"two of them", "### Breaking\n- a\n### Fixed\n- b\n### Breaking (spec)\n- c\n", "- a\n- c\n", true},
		{"a deeper heading stays inside", "### Breaking\n#### spec\n- a\n", "#### spec\n- a\n", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			log := parseChangelog("## [0.2.0]\n" + tt.body)
			got, found := log.sections[0].breakingText()
			if got != tt.want || found != tt.found {
				t.Errorf("got %q %v, want %q %v", got, found, tt.want, tt.found)
			}
		})
	}
}

func TestMentions(t *testing.T) {
	const path = "/v2.0/{project_id}/datasource/enhanced-connections"
	tests := []struct {
		text, name string
		want       bool
	}{
		{"- `ShowEnhancedConnection`: gone", "ShowEnhancedConnection", true},
		{"ShowEnhancedConnection.", "ShowEnhancedConnection", true},
		{"- `ShowEnhancedConnectionPrivilege`: gone", "ShowEnhancedConnection", false},
		{"- XShowEnhancedConnection", "ShowEnhancedConnection", false},
		{"POST " + path + ": owner", "POST " + path, true},
		{"POST " + path + "/{connection_id}", "POST " + path, false},
		{"POST " + path + "-v2", "POST " + path, false},
		{"GET " + path, "POST " + path, false},
	}
	for _, tt := range tests {
		if got := mentions(tt.text, tt.name); got != tt.want {
			t.Errorf("mentions(%q, %q) = %v, want %v", tt.text, tt.name, got, tt.want)
		}
	}
}

func TestLevelFromJSON(t *testing.T) {
	tests := []struct {
		json    string
		want    level
		wantErr bool
	}{
		{`3`, levelErr, false},
		{`2`, levelWarn, false},
		{`"ERR"`, levelErr, false},
		{`"warn"`, levelWarn, false},
		{`"INFO"`, levelInfo, false},
		{`"FATAL"`, 0, true},
		{`{}`, 0, true},
	}
	for _, tt := range tests {
		var l level
		err := json.Unmarshal([]byte(tt.json), &l)
		if (err != nil) != tt.wantErr || (err == nil && l != tt.want) {
			t.Errorf("%s: got %v, %v; want %v, error %v", tt.json, l, err, tt.want, tt.wantErr)
		}
	}
}

func TestChangeName(t *testing.T) {
	tests := []struct {
		c    change
		want string
	}{
		{change{ID: "r", OperationID: "ListX", Operation: "GET", Path: "/x"}, "ListX"},
		{change{ID: "r", Operation: "GET", Path: "/x"}, "GET /x"},
		{change{ID: "r", Path: "/x"}, "/x"},
		{change{ID: "r"}, "r"},
	}
	for _, tt := range tests {
		if got := tt.c.name(); got != tt.want {
			t.Errorf("%+v: got %q, want %q", tt.c, got, tt.want)
		}
	}
}
