package main

import (
	"regexp"
	"strings"
)

// changelog is CHANGELOG.md in Keep a Changelog form: "## " headings, one per version, with
// "### " subsections.
type changelog struct {
	sections []section
}

// section is one "## " heading and the lines up to the next one.
type section struct {
	heading string // the heading line as written, "## [0.2.0] - 2025-06-01"
	line    int    // 1-based line of the heading
	lines   []string
}

func parseChangelog(text string) changelog {
	var c changelog
	inFence := false
	for i, l := range strings.Split(strings.TrimSuffix(text, "\n"), "\n") {
		if strings.HasPrefix(strings.TrimSpace(l), "```") {
			inFence = !inFence
		}
		if !inFence && strings.HasPrefix(l, "## ") {
			c.sections = append(c.sections, section{heading: strings.TrimRight(l, " \r"), line: i + 1})
			continue
		}
		if n := len(c.sections); n > 0 {
			c.sections[n-1].lines = append(c.sections[n-1].lines, l)
		}
	}
	return c
}

// versionToken matches v as a whole token of a heading: "[0.2.0]", "(0.2.0)", "0.2.0 -", not
// "10.2.0" or "0.2.0-rc.1".
func versionToken(v string) *regexp.Regexp {
	return regexp.MustCompile(`(^|[\s\[(v])` + regexp.QuoteMeta(v) + `($|[\s\])])`)
}

// sectionFor is the section whose heading names version v, or nil.
func (c changelog) sectionFor(v string) *section {
	re := versionToken(v)
	for i := range c.sections {
		if re.MatchString(strings.TrimPrefix(c.sections[i].heading, "## ")) {
			return &c.sections[i]
		}
	}
	return nil
}

// breakingText is the text of the section's "### Breaking..." subsection (any heading of that
// level starting with "Breaking", such as "### Breaking changes"), and whether it has one.
func (s section) breakingText() (string, bool) {
	var b strings.Builder
	found, in := false, false
	for _, l := range s.lines {
		if strings.HasPrefix(l, "### ") {
			in = strings.HasPrefix(strings.ToLower(strings.TrimSpace(strings.TrimPrefix(l, "### "))), "breaking")
			found = found || in
			continue
		}
		if in {
			b.WriteString(l)
			b.WriteByte('\n')
		}
	}
	return b.String(), found
}

// mentions reports whether text names name as a whole word: "ShowEnhancedConnection" is not
// named by "ShowEnhancedConnectionPrivilege", a path not by a longer path.
func mentions(text, name string) bool {
	word := `A-Za-z0-9_` // the characters that would make name part of a longer identifier
	if strings.Contains(name, "/") {
		word = `A-Za-z0-9_/{}-` // ... or of a longer path
	}
	re := regexp.MustCompile(`(^|[^` + word + `])` + regexp.QuoteMeta(name) + `($|[^` + word + `])`)
	return re.MatchString(text)
}
