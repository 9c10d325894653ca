package main

import (
	"flag"
	"fmt"
	"io"
	"strings"
)

// helpWidth is where help text wraps.
const helpWidth = 100

// help prints the help of an operation command, from its descriptor: the same text whether it
// was invoked by its operationId or by an alias.
func (c opCommand) help(w io.Writer) {
	op := c.op
	o := newOpFlags(op, op.id)
	args := ""
	for _, a := range op.args {
		args += " " + metavar(a.name)
	}
	fmt.Fprintf(w, "Usage: edsconn %s%s [flags]\n", op.id, args)
	for _, a := range commandAliases {
		if a.operation != op.id {
			continue
		}
		preset := ""
		if len(a.preset) > 0 {
			preset = "   (the same with " + strings.Join(a.preset, " ") + ")"
		}
		fmt.Fprintf(w, "   or: edsconn %s%s [flags]%s\n", a.name, args, preset)
	}
	fmt.Fprintln(w)
	fmt.Fprint(w, wrap(sentence(op.summary), "", helpWidth))
	if op.description != "" {
		fmt.Fprintln(w)
		fmt.Fprint(w, wrap(op.description, "", helpWidth))
	}
	fmt.Fprintln(w)
	fmt.Fprintf(w, "Request: %s %s\n", op.method, op.path)
	switch {
	case op.idempotent:
		fmt.Fprintln(w, "Retried after throttling, gateway errors and broken connections.")
	case op.recovered:
		fmt.Fprint(w, wrap(recoveredHelp, "", helpWidth))
	default:
		fmt.Fprintln(w, "Retried only when it provably never left (a failed dial): a repeat could act twice.")
	}
	if op.deprecated {
		fmt.Fprintln(w, "Deprecated: the spec marks this operation deprecated.")
	}
	if len(op.args) > 0 {
		fmt.Fprintln(w)
		fmt.Fprintln(w, "Arguments:")
		for i, a := range op.args {
			flags := make([]string, len(o.pathFlags[i]))
			for j, f := range o.pathFlags[i] {
				flags[j] = dashes(f)
			}
			fmt.Fprintf(w, "  %s  (or %s)\n", metavar(a.name), strings.Join(flags, ", "))
			fmt.Fprint(w, wrap(cmp(a.description, a.schema.description), "      ", helpWidth))
		}
	}
	writeFlagDocs(w, groupQuery, o.docs[groupQuery])
	if op.body != nil {
		title := groupBody + " (of the JSON body"
		if !op.bodyRequired {
			title += ", which is optional"
		}
		writeFlagDocs(w, title+"; --body or --file give it whole)", o.docs[groupBody])
		if len(o.bodyOnly) > 0 {
			names := make([]string, len(o.bodyOnly))
			for i, p := range o.bodyOnly {
				names[i] = p.name
			}
			fmt.Fprint(w, wrap("Only in --body or --file: "+strings.Join(names, ", ")+".", "  ", helpWidth))
		}
	}
	writeFlagDocs(w, groupCommand, o.docs[groupCommand])
	writeFlagDocs(w, groupGlobal, o.docs[groupGlobal])
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Exit codes: see 'edsconn help'.")
}

// writeFlagDocs prints a group of flags: the flag, its aliases and notes on one line, its
// description wrapped below.
func writeFlagDocs(w io.Writer, title string, docs []flagDoc) {
	if len(docs) == 0 {
		return
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, title+":")
	for _, d := range docs {
		line := "  " + dashes(d.name)
		if d.arg != "" {
			line += " " + d.arg
		}
		for _, a := range d.aliases {
			line += ", " + dashes(a)
		}
		if len(d.notes) > 0 {
			line += "  (" + strings.Join(d.notes, "; ") + ")"
		}
		fmt.Fprintln(w, line)
		if d.text != "" {
			fmt.Fprint(w, wrap(d.text, "      ", helpWidth))
		}
	}
}

// dashes writes a flag as users type it: -o, --name.
func dashes(name string) string {
	if len(name) == 1 || (len(name) > 1 && name[1] == ' ') {
		return "-" + name
	}
	return "--" + name
}

// docsFromFlagSet describes the flags of a hand-written command that have a usage text (the
// global flags, registered without one, are described by globalFlags.register).
func docsFromFlagSet(fs *flag.FlagSet) []flagDoc {
	var docs []flagDoc
	fs.VisitAll(func(f *flag.Flag) {
		if f.Usage == "" {
			return
		}
		arg, text := flag.UnquoteUsage(f)
		d := flagDoc{name: f.Name, arg: strings.ToUpper(arg), text: sentence(strings.ToUpper(text[:1]) + text[1:])}
		if bf, ok := f.Value.(interface{ IsBoolFlag() bool }); ok && bf.IsBoolFlag() {
			d.arg = ""
		} else if f.DefValue != "" {
			d.notes = append(d.notes, "default "+f.DefValue)
		}
		docs = append(docs, d)
	})
	return docs
}

// sentence ends a summary with a full stop.
func sentence(s string) string {
	s = strings.TrimSpace(s)
	if s == "" || strings.HasSuffix(s, ".") {
		return s
	}
	return s + "."
}

// wrap fills text into lines of at most width, each starting with indent. Paragraphs (blank
// line separated) stay paragraphs; the spec's own line breaks inside one are not kept.
func wrap(text, indent string, width int) string {
	var b strings.Builder
	for i, para := range strings.Split(strings.TrimSpace(text), "\n\n") {
		if i > 0 {
			b.WriteString("\n")
		}
		line := indent
		for _, word := range strings.Fields(para) {
			if len(line) > len(indent) && len(line)+1+len(word) > width {
				b.WriteString(line + "\n")
				line = indent
			}
			if len(line) > len(indent) {
				line += " "
			}
			line += word
		}
		b.WriteString(line + "\n")
	}
	return b.String()
}

// cmp returns a, or b when a is empty.
func cmp(a, b string) string {
	if a != "" {
		return a
	}
	return b
}
