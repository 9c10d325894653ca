package main

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/dli-openapi/enhanced-connections/wrapper"
)

// refusal words a request the spec refuses (a *wrapper.ValidationError, raised before anything
// is sent) in the command line's terms: each broken rule names the argument or flag that gave
// the value, the value when the user typed it, and the rule in the spec's words.
func (c opCommand) refusal(o *opFlags, r *request, v *wrapper.ValidationError) string {
	var body map[string]any
	if r.body != nil {
		_ = json.Unmarshal(r.body, &body)
	}
	lines := make([]string, 0, len(v.Violations))
	for _, viol := range v.Violations {
		lines = append(lines, c.where(o, r, body, viol)+": "+viol.Message+c.hint(viol))
	}
	if more := v.Omitted; more > 0 {
		lines = append(lines, fmt.Sprintf("and %d more", more))
	}
	if len(lines) == 1 {
		return lines[0] + " (nothing was sent)"
	}
	return "the spec refuses this request, so nothing was sent:\n  " + strings.Join(lines, "\n  ")
}

// where names what gave the value a violation is about.
func (c opCommand) where(o *opFlags, r *request, body map[string]any, v wrapper.Violation) string {
	switch v.In {
	case "path":
		if v.Field == "project_id" {
			return "the project id (--project-id, $" + wrapper.EnvProjectID + ")"
		}
		for i, a := range c.op.args {
			if a.name == v.Field && i < len(r.args) {
				return metavar(a.name) + " " + strconv.Quote(r.args[i])
			}
		}
	case "header":
		if strings.EqualFold(v.Field, "X-Project-Id") {
			return "the project id (--project-id, $" + wrapper.EnvProjectID + ")"
		}
	case "query":
		for _, f := range o.query {
			if f.field == v.Field {
				return dashes(f.flag) + " " + strconv.Quote(fmt.Sprint(r.query[f.field]))
			}
		}
	case "body":
		if v.Field == "" {
			return "the body"
		}
		top := v.Field
		if i := strings.IndexAny(top, ".["); i >= 0 {
			top = top[:i]
		}
		mention := o.mention(top)
		if mention == "--body" {
			return v.Field + " (in --body or --file)"
		}
		if top == v.Field {
			if s, ok := body[top].(string); ok {
				return mention + " " + strconv.Quote(s)
			}
			return mention
		}
		return v.Field + " (" + mention + ")"
	}
	return v.In + " " + v.Field
}

// hint adds where to find a value the user could not know: a connection's id.
func (c opCommand) hint(v wrapper.Violation) string {
	if v.In == "path" && (v.Field == "connection_id" || v.Field == "resource_id") {
		return "; 'edsconn list' shows the ids of your connections"
	}
	return ""
}
