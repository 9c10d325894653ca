package main

import (
	"flag"
	"fmt"
	"io"
	"strings"
)

// envelope names the fields of DLI's success envelope, which every answer may carry and the
// wrapper already checks (is_success false is an error): tables leave them out.
var envelope = map[string]bool{"is_success": true, "message": true}

// opFlags are the flags of one operation command, built from its descriptor.
type opFlags struct {
	fs *flag.FlagSet
	g  *globalFlags
	// path are the flags of the path parameters, which may also be given as arguments:
	// `route-delete ID --name r1` as well as `route-delete ID r1`, since route-add takes --name.
	// pathFlags are their names, the alias included (--connection-id for resource_id).
	path      []*fieldFlag
	pathFlags [][]string
	query     []*fieldFlag
	body      []*fieldFlag
	// bodyOnly are the body's properties no flag can spell (nested objects, say).
	bodyOnly []prop
	// docs describe every flag for help and completion, in groups.
	docs map[string][]flagDoc
	// bodyJSON and bodyFile give the whole body (--body, --file); clear allows sending a required
	// array empty (--clear); all fetches every page (--all).
	bodyJSON, bodyFile string
	clear, all         bool
	// clearable are the required arrays the spec allows empty: sending one empty removes
	// everything it held, so it takes --clear.
	clearable []prop
	pager     *pager
	failed    error
}

// flagDoc is one flag as help shows it.
type flagDoc struct {
	name    string   // without dashes
	arg     string   // the value's placeholder, "" for a boolean
	aliases []string // other spellings, with their placeholder when it differs
	notes   []string // required, repeatable, one of ..., the range, the default
	text    string
}

// The groups of flags in help, in order.
const (
	groupQuery   = "Query flags"
	groupBody    = "Body flags"
	groupCommand = "Flags"
	groupGlobal  = "Global flags"
)

// newOpFlags builds the flag set of op. Query parameters and top-level body properties get a
// flag named after them in kebab-case; the short names of flagAliases are added where they fit.
// A spec name that would collide with a flag of the CLI is prefixed with query- or body-.
func newOpFlags(op *operation, invoked string) *opFlags {
	o := &opFlags{fs: flag.NewFlagSet(invoked, flag.ContinueOnError), g: &globalFlags{}, docs: map[string][]flagDoc{}}
	o.fs.SetOutput(io.Discard)
	o.fs.Usage = func() {}
	taken := map[string]bool{"h": true, "help": true, "body": true, "file": true, "clear": true, "all": true}
	for _, d := range o.g.register(o.fs, "json") {
		taken[d.name] = true
		o.docs[groupGlobal] = append(o.docs[groupGlobal], d)
	}
	// Every field's own name first, so that an alias never takes a name the spec uses.
	var bodyProps []prop
	for _, p := range op.args {
		o.path = append(o.path, o.field(p.name, p.schema, "path-", taken))
	}
	for _, p := range op.query {
		o.query = append(o.query, o.field(p.name, p.schema, "query-", taken))
	}
	if op.body != nil {
		for _, p := range op.body.props {
			s := p.schema
			if !s.isScalar() && !s.isScalarList() && !s.isObjectList() {
				o.bodyOnly = append(o.bodyOnly, p)
				continue
			}
			o.body = append(o.body, o.field(p.name, s, "body-", taken))
			bodyProps = append(bodyProps, p)
		}
	}
	for _, f := range o.path {
		names := []string{f.flag}
		for _, a := range flagAliases {
			if a.field == f.field && !a.pair && !taken[a.flag] {
				taken[a.flag] = true
				o.fs.Var(&aliasFlag{target: f, flag: a.flag}, a.flag, "")
				names = append(names, a.flag)
			}
		}
		o.pathFlags = append(o.pathFlags, names)
	}
	for i, p := range op.query {
		o.document(groupQuery, o.query[i], p.required, p.description, taken)
	}
	for i, p := range bodyProps {
		o.document(groupBody, o.body[i], p.required, p.schema.description, taken)
		if p.required && p.schema.typ == "array" && p.schema.minItems == 0 {
			o.clearable = append(o.clearable, p)
		}
	}
	if op.body != nil {
		o.fs.StringVar(&o.bodyJSON, "body", "", "")
		o.fs.StringVar(&o.bodyFile, "file", "", "")
		o.docs[groupCommand] = append(o.docs[groupCommand],
			flagDoc{name: "body", arg: "JSON", text: "The whole request body as a JSON object; the body flags override its fields or add to its arrays."},
			flagDoc{name: "file", arg: "FILE", text: "Read the whole request body (a JSON object) from FILE, - for standard input; the body flags override or extend it."})
		if len(o.clearable) > 0 {
			names := make([]string, len(o.clearable))
			for i, p := range o.clearable {
				names[i] = p.name
			}
			o.fs.BoolVar(&o.clear, "clear", false, "")
			o.docs[groupCommand] = append(o.docs[groupCommand], flagDoc{name: "clear",
				text: fmt.Sprintf("Send %s as an empty list, which removes every one; without --clear an empty %s is refused, so that a forgotten flag cannot wipe it.",
					strings.Join(names, " and "), strings.Join(names, " or "))})
		}
	}
	if o.pager = newPager(op); o.pager != nil {
		o.fs.BoolVar(&o.all, "all", false, "")
		o.docs[groupCommand] = append(o.docs[groupCommand], flagDoc{name: "all",
			text: fmt.Sprintf("Fetch every page (%s and %s move on until a short page) and print them as one answer, %s of every page together.",
				o.pager.limit, o.pager.offset, o.pager.list)})
	}
	return o
}

// field registers the flag of one query parameter or body property under its kebab-case name.
func (o *opFlags) field(name string, s *schema, prefix string, taken map[string]bool) *fieldFlag {
	flagName := kebab(name)
	if taken[flagName] {
		flagName = prefix + flagName
	}
	taken[flagName] = true
	f := &fieldFlag{field: name, flag: flagName, schema: s, failed: &o.failed}
	o.fs.Var(f, flagName, "")
	return f
}

// document adds a field's flag to help, with the aliases of flagAliases that fit it.
func (o *opFlags) document(group string, f *fieldFlag, required bool, text string, taken map[string]bool) {
	d := flagDoc{name: f.flag, text: text}
	s := f.schema
	switch {
	case s.typ == "boolean":
	case s.isObjectList():
		d.arg = objectForm(s.items)
	default:
		d.arg = typeWord(s)
	}
	for _, a := range flagAliases {
		joined := a.pair && s.typ == "string"
		if a.field != f.field || taken[a.flag] || (a.pair && !fitsPair(s) && !joined) {
			continue
		}
		taken[a.flag] = true
		if joined {
			o.fs.Var(&joinFlag{target: f, flag: a.flag}, a.flag, "")
			d.aliases = append(d.aliases, a.flag+" KEY=VALUE (repeatable, joined with commas)")
			continue
		}
		if a.pair {
			o.fs.Var(&pairFlag{target: f, flag: a.flag}, a.flag, "")
			first, second := s.items.props[0], s.items.props[1]
			form := metavar(first.name) + "=" + metavar(second.name)
			if !second.required || (second.schema.typ == "array" && second.schema.minItems == 0) {
				form = metavar(first.name) + "[=" + metavar(second.name) + "]" // the value may be left out
			}
			d.aliases = append(d.aliases, a.flag+" "+form)
			continue
		}
		o.fs.Var(&aliasFlag{target: f, flag: a.flag}, a.flag, "")
		d.aliases = append(d.aliases, a.flag)
	}
	if required {
		d.notes = append(d.notes, "required")
	}
	if s.typ == "array" {
		d.notes = append(d.notes, "repeatable")
		s = s.items
	}
	if f.schema.deprecated {
		d.notes = append(d.notes, "deprecated")
	}
	if len(s.enum) > 0 {
		d.notes = append(d.notes, "one of "+strings.Join(s.enum, ", "))
	}
	if s.typ == "integer" {
		d.notes = append(d.notes, fmt.Sprintf("%d to %d", s.min, s.max))
	}
	if f.schema.def != "" {
		d.notes = append(d.notes, "default "+f.schema.def)
	}
	o.docs[group] = append(o.docs[group], d)
}

// pager pages an operation whose query has limit and offset (DLI's paging parameters) and
// whose answer holds one list.
type pager struct {
	limit, offset string
	list          string
	// pageSize is the limit's default in the spec, 0 when it has none.
	pageSize int64
}

func newPager(op *operation) *pager {
	var limit, offset *param
	for i, q := range op.query {
		switch {
		case q.name == "limit" && q.schema.typ == "integer":
			limit = &op.query[i]
		case q.name == "offset" && q.schema.typ == "integer":
			offset = &op.query[i]
		}
	}
	list := listProp(op.answer)
	if limit == nil || offset == nil || list == "" {
		return nil
	}
	p := &pager{limit: limit.name, offset: offset.name, list: list}
	fmt.Sscan(limit.schema.def, &p.pageSize)
	return p
}

// listProp is the one array of objects among an answer's fields besides the envelope, whose
// other fields are scalars: what a table shows one row per element of. "" when there is none.
func listProp(s *schema) string {
	if s == nil {
		return ""
	}
	list := ""
	for _, p := range s.props {
		switch {
		case envelope[p.name], p.schema.isScalar():
		case p.schema.typ == "array" && p.schema.items != nil && p.schema.items.typ == "object":
			if list != "" {
				return ""
			}
			list = p.name
		default:
			return ""
		}
	}
	return list
}

// flagNames lists every flag of the command, for completion.
func (o *opFlags) flagNames() []string {
	var names []string
	o.fs.VisitAll(func(f *flag.Flag) {
		if len(f.Name) > 1 {
			names = append(names, "--"+f.Name)
		} else {
			names = append(names, "-"+f.Name)
		}
	})
	return names
}
