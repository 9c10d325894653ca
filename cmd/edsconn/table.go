package main

import (
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"
)

// renderAnswer lays out an answer (as toGeneric decodes it) for people, from its schema alone,
// so that a new operation or field gets its table from go generate like its flags:
//
//   - an answer holding one list (an array of objects) beside scalars is a table with a row per
//     element, after a "name: value" line per scalar (count: 3);
//   - any other answer is a table of one row;
//   - an answer that is only DLI's envelope prints "ok", with its message.
//
// Columns are the properties in the spec's order, named as in the spec; a column no row has
// (absent or null in every row) is left out. What the answer has is shown, zeros and empty
// values too: a 0 as 0, an empty string as "", an empty list as none (or 0 where a list is
// shown by its length). The envelope's message, when there is one, ends the output. Every line
// starts with indent.
func renderAnswer(w io.Writer, v any, s *schema, indent string) error {
	m, _ := v.(map[string]any)
	if s == nil || s.typ != "object" || m == nil {
		_, err := fmt.Fprintf(w, "%s%s\n", indent, cell(v, s))
		return err
	}
	var rest []prop
	for _, p := range s.props {
		if !envelope[p.name] {
			rest = append(rest, p)
		}
	}
	message, _ := m["message"].(string)
	if len(rest) == 0 {
		line := "ok"
		if message != "" {
			line += ": " + message
		}
		_, err := fmt.Fprintf(w, "%s%s\n", indent, line)
		return err
	}
	var err error
	if list := listProp(s); list != "" {
		p, _ := s.prop(list)
		for _, q := range rest {
			if q.name == list {
				continue
			}
			if val, ok := m[q.name]; ok && present(val) {
				fmt.Fprintf(w, "%s%s: %s\n", indent, q.name, cell(val, q.schema))
			}
		}
		rows, _ := m[list].([]any)
		if len(rows) == 0 {
			fmt.Fprintf(w, "%sno %s\n", indent, list)
		} else {
			err = table(w, p.schema.items.props, rows, indent)
		}
	} else {
		err = table(w, rest, []any{m}, indent)
	}
	if err == nil && message != "" {
		_, err = fmt.Fprintf(w, "%smessage: %s\n", indent, message)
	}
	return err
}

// table writes rows (objects) under columns, leaving out the columns no row has a value for.
func table(w io.Writer, columns []prop, rows []any, indent string) error {
	cells := make([][]string, len(rows))
	used := make([]bool, len(columns))
	for i, r := range rows {
		obj, _ := r.(map[string]any)
		cells[i] = make([]string, len(columns))
		for j, c := range columns {
			val, ok := obj[c.name]
			if ok && present(val) {
				cells[i][j] = cell(val, c.schema)
				used[j] = true
			} else {
				cells[i][j] = "-"
			}
		}
	}
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	line := func(vals func(j int) string) {
		var parts []string
		for j := range columns {
			if used[j] {
				parts = append(parts, vals(j))
			}
		}
		fmt.Fprintf(tw, "%s%s\n", indent, strings.Join(parts, "\t"))
	}
	line(func(j int) string { return strings.ToUpper(columns[j].name) })
	for i := range rows {
		line(func(j int) string { return cells[i][j] })
	}
	return tw.Flush()
}

// present reports whether the answer has a value: null is none; "", 0 and [] are values.
func present(v any) bool { return v != nil }

// cell is one value in a table: a time for an epoch-milliseconds integer, arrays of scalars
// joined with commas, peerings (objects with a name and a status) as name=STATUS, other arrays
// of objects by their count, objects as compact JSON.
func cell(v any, s *schema) string {
	switch x := v.(type) {
	case nil:
		return "-"
	case string:
		if x == "" {
			return `""`
		}
		return oneLine(x)
	case json.Number:
		if s != nil && s.epochMillis {
			if ms, err := strconv.ParseInt(x.String(), 10, 64); err == nil {
				return time.UnixMilli(ms).UTC().Format(time.RFC3339)
			}
		}
		return x.String()
	case bool:
		return strconv.FormatBool(x)
	case []any:
		var item *schema
		if s != nil {
			item = s.items
		}
		if item != nil && item.typ == "object" {
			_, hasName := item.prop("name")
			_, hasStatus := item.prop("status")
			if len(x) == 0 && hasName && hasStatus {
				return "none"
			}
			if !hasName || !hasStatus {
				return strconv.Itoa(len(x))
			}
			parts := make([]string, len(x))
			for i, e := range x {
				obj, _ := e.(map[string]any)
				parts[i] = fmt.Sprintf("%v=%v", obj["name"], obj["status"])
			}
			return strings.Join(parts, ",")
		}
		if len(x) == 0 {
			return "none"
		}
		parts := make([]string, len(x))
		for i, e := range x {
			parts[i] = cell(e, item)
		}
		return strings.Join(parts, ",")
	}
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	return string(b)
}

// oneLine keeps a table a table: a value's line breaks and tabs become spaces.
func oneLine(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '\n' || r == '\r' || r == '\t' {
			return ' '
		}
		return r
	}, s)
}
