package main

import (
	"fmt"
	"regexp"
	"strconv"

	"golang.org/x/mod/semver"
)

// version is a semantic version as the spec's info.version writes it: MAJOR.MINOR.PATCH with an
// optional pre-release and build, without the "v" that Go module versions carry.
type version struct {
	text                string
	major, minor, patch int
	pre                 string
}

// semverRE is the expression semver.org gives for semver 2.0.0.
var semverRE = regexp.MustCompile(`^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)` +
	`(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?` +
	`(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$`)

func parseVersion(s string) (version, error) {
	m := semverRE.FindStringSubmatch(s)
	if m == nil {
		return version{}, fmt.Errorf("%q is not a semantic version MAJOR.MINOR.PATCH (semver.org)", s)
	}
	v := version{text: s, pre: m[4]}
	for i, p := range []*int{&v.major, &v.minor, &v.patch} {
		n, err := strconv.Atoi(m[i+1])
		if err != nil {
			return version{}, fmt.Errorf("%q: %w", s, err)
		}
		*p = n
	}
	return v, nil
}

func (v version) String() string { return v.text }

// compare orders versions as semver does: a pre-release comes before its release, build
// metadata is ignored.
func (v version) compare(w version) int { return semver.Compare("v"+v.text, "v"+w.text) }

// allowsBreakingFrom reports whether moving from old to v may break users: in 0.x the minor
// version must grow (semver §4: anything may change, so the minor plays the major's part), from
// 1.0.0 on the major version must.
func (v version) allowsBreakingFrom(old version) bool {
	if old.major == 0 {
		return v.major > 0 || v.minor > old.minor
	}
	return v.major > old.major
}

// nextBreaking is the lowest release that allowsBreakingFrom(old).
func nextBreaking(old version) string {
	if old.major == 0 {
		return fmt.Sprintf("0.%d.0", old.minor+1)
	}
	return fmt.Sprintf("%d.0.0", old.major+1)
}

// nextCompatible is the release to suggest after old for changes that break nobody: the release
// of a pre-release, else in 0.x the next patch version and from 1.0.0 on the next minor version
// (README's policy: 1.x adds in minor versions).
func nextCompatible(old version) string {
	switch {
	case old.pre != "":
		return fmt.Sprintf("%d.%d.%d", old.major, old.minor, old.patch)
	case old.major == 0:
		return fmt.Sprintf("0.%d.%d", old.minor, old.patch+1)
	default:
		return fmt.Sprintf("%d.%d.0", old.major, old.minor+1)
	}
}
