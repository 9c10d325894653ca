package main

import (
	"fmt"
	"strings"
)

// decision is what the policy looks at: the newest release, the spec as it is now, what oasdiff
// found between them, and CHANGELOG.md.
type decision struct {
	released    version
	releasedDir string // for messages: spec/released/0.1.0/
	current     version
	specPath    string // for messages: spec/enhanced-connections.yaml
	changes     []change
	log         changelog
	logPath     string // for messages: CHANGELOG.md
}

// decide applies README's versioning policy and returns what breaks it, each problem with what
// to change and where; none means the spec may go out as d.current.
func decide(d decision) []string {
	brk := breaking(d.changes)
	switch c := d.current.compare(d.released); {
	case c < 0:
		return []string{fmt.Sprintf("info.version %s in %s is below the newest release, %s (%s): versions only "+
			"move forward; set info.version to %s or higher", d.current, d.specPath, d.released, d.releasedDir,
			nextCompatible(d.released))}
	case c == 0:
		if len(d.changes) == 0 {
			return nil
		}
		next := nextCompatible(d.released)
		if len(brk) > 0 {
			next = nextBreaking(d.released)
		}
		return []string{fmt.Sprintf("%s differs from release %s (%s): oasdiff reports %d change(s), %d of them "+
			"breaking, but info.version is still %s, and a released version never changes. Set info.version to %s "+
			"and describe the change in a %s section %q", d.specPath, d.released, d.releasedDir, len(d.changes),
			len(brk), d.current, next, d.logPath, unreleasedHeading(next))}
	}

	var problems []string
	if len(brk) > 0 && !d.current.allowsBreakingFrom(d.released) {
		rule := "in 0.x a breaking change moves the minor version"
		if d.released.major > 0 {
			rule = "from 1.0.0 on a breaking change moves the major version"
		}
		problems = append(problems, fmt.Sprintf("oasdiff reports %d breaking change(s) since %s (%s), and %s: "+
			"set info.version in %s to %s (it says %s), and rename CHANGELOG's section to %q",
			len(brk), d.released, d.releasedDir, rule, d.specPath, nextBreaking(d.released), d.current,
			unreleasedHeading(nextBreaking(d.released))))
	}
	sec := d.log.sectionFor(d.current.String())
	if sec == nil {
		msg := fmt.Sprintf("%s has no section for %s, the spec's info.version: add above its newest version's "+
			"section:\n\n%s\n", d.logPath, d.current, unreleasedHeading(d.current.String()))
		if len(brk) > 0 {
			msg += "\n### Breaking\n\n" + bullets(brk)
		}
		return append(problems, msg)
	}
	text, hasBreaking := sec.breakingText()
	var missing []change
	for _, c := range brk {
		if !mentions(text, c.name()) {
			missing = append(missing, c)
		}
	}
	if len(missing) == 0 {
		return problems
	}
	where := fmt.Sprintf("to its \"### Breaking\" subsection (in section %q, line %d of %s)", sec.heading, sec.line, d.logPath)
	add := bullets(missing)
	if !hasBreaking {
		where = fmt.Sprintf("to section %q (line %d of %s)", sec.heading, sec.line, d.logPath)
		add = "### Breaking\n\n" + add
	}
	return append(problems, fmt.Sprintf("%s does not name every breaking change since %s: each needs its "+
		"operationId (else its method and path) in the section's \"### Breaking\" subsection. Add %s:\n\n%s",
		d.logPath, d.released, where, add))
}

// unreleasedHeading is the heading of the changelog section of a version being prepared.
func unreleasedHeading(v string) string { return "## [Unreleased] (" + v + ")" }

// bullets are changelog lines that name each change, ready to paste.
func bullets(changes []change) string {
	var b strings.Builder
	for _, c := range changes {
		fmt.Fprintf(&b, "- `%s`", c.name())
		if w := c.where(); w != "" && w != c.name() {
			fmt.Fprintf(&b, " (%s)", w)
		}
		fmt.Fprintf(&b, ": %s\n", c.Text)
	}
	return b.String()
}
