package schemacheck

import (
	"strconv"
	"strings"
)

// DefaultLimit is how many violations a Report keeps unless told otherwise: enough to fix a
// request in one go, few enough that a 20,001-host body does not give a megabyte of text.
const DefaultLimit = 20

// Violation is one broken rule of a schema.
type Violation struct {
	// Path locates the value, e.g. "hosts[3].ip"; empty for the checked value itself.
	Path string
	// Rule is the JSON Schema keyword that failed ("pattern", "maxLength", "required", ...).
	Rule string
	// Message says what was expected in a few words and names the limit; it never quotes the
	// offending value, which may be large or sensitive.
	Message string
}

// Report collects the violations of one or more checks. Reusing a Report (after Reset) keeps
// its buffers, so a check that finds nothing allocates nothing.
type Report struct {
	// Violations holds the first violations found, at most the limit given to Reset.
	Violations []Violation
	// Omitted counts the violations found beyond the limit.
	Omitted int
	// Err is set when a value cannot be checked at all (a Go type that encoding/json would not
	// encode as its fields say); the check is then incomplete and must not count as a pass.
	Err error

	limit int
	path  []segment

	probing     int  // > 0 while evaluating a subschema of "not": record nothing, note failure
	probeFailed bool // a violation was found while probing
}

// segment is one step of a path: a property name, or an array index when index >= 0.
type segment struct {
	name  string
	index int
}

// NewReport returns an empty report that keeps at most limit violations.
func NewReport(limit int) *Report {
	r := &Report{}
	r.Reset(limit)
	return r
}

// Reset empties the report for reuse, keeping at most limit violations (DefaultLimit if
// limit <= 0).
func (r *Report) Reset(limit int) {
	if limit <= 0 {
		limit = DefaultLimit
	}
	clear(r.Violations)
	r.Violations = r.Violations[:0]
	r.Omitted = 0
	r.Err = nil
	r.limit = limit
	r.path = r.path[:0]
	r.probing = 0
	r.probeFailed = false
}

// Failed reports whether any violation was found or a value could not be checked.
func (r *Report) Failed() bool {
	return len(r.Violations) > 0 || r.Omitted > 0 || r.Err != nil
}

// Total is the number of violations found, kept or not.
func (r *Report) Total() int { return len(r.Violations) + r.Omitted }

func (r *Report) pushName(name string) { r.path = append(r.path, segment{name: name, index: -1}) }
func (r *Report) pushIndex(i int)      { r.path = append(r.path, segment{index: i}) }
func (r *Report) pop()                 { r.path = r.path[:len(r.path)-1] }

// stop reports whether checking can end early: only while probing, where one failure decides.
func (r *Report) stop() bool { return r.probing > 0 && r.probeFailed }

// add records a violation at the current path; msg is built only when it is kept.
func (r *Report) add(rule string, msg func() string) {
	if r.probing > 0 {
		r.probeFailed = true
		return
	}
	if len(r.Violations) >= r.limit {
		r.Omitted++
		return
	}
	r.Violations = append(r.Violations, Violation{Path: r.pathString(), Rule: rule, Message: msg()})
}

// addFixed is add for a message known at compile time.
func (r *Report) addFixed(rule, msg string) {
	if r.probing > 0 {
		r.probeFailed = true
		return
	}
	if len(r.Violations) >= r.limit {
		r.Omitted++
		return
	}
	r.Violations = append(r.Violations, Violation{Path: r.pathString(), Rule: rule, Message: msg})
}

// Add records a violation found outside a schema check, such as a missing path parameter;
// path is the whole path.
func (r *Report) Add(path, rule, message string) {
	if len(r.Violations) >= r.limit {
		r.Omitted++
		return
	}
	r.Violations = append(r.Violations, Violation{Path: path, Rule: rule, Message: message})
}

// fail records that the value could not be checked; the first reason wins.
func (r *Report) fail(err error) {
	if r.Err == nil {
		r.Err = err
	}
	if r.probing > 0 {
		r.probeFailed = true
	}
}

// probe runs check without recording and reports whether it found no violation.
func (r *Report) probe(check func()) bool {
	saved := r.probeFailed
	r.probing++
	r.probeFailed = false
	check()
	failed := r.probeFailed
	r.probing--
	r.probeFailed = saved
	return !failed
}

func (r *Report) pathString() string {
	var b strings.Builder
	for _, s := range r.path {
		if s.index >= 0 {
			b.WriteByte('[')
			b.WriteString(strconv.Itoa(s.index))
			b.WriteByte(']')
			continue
		}
		if s.name == "" {
			continue
		}
		if b.Len() > 0 {
			b.WriteByte('.')
		}
		b.WriteString(s.name)
	}
	return b.String()
}
