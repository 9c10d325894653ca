package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
)

// builtinFlags is the command line of a hand-written command: its flags (with the global ones
// when it calls the API), its positional arguments and its help.
type builtinFlags struct {
	name string
	// args names the positional arguments; minArgs of them are required.
	args    []string
	minArgs int
	text    string
	fs      *flag.FlagSet
	g       *globalFlags
	docs    []flagDoc
}

// newBuiltinFlags starts the command line of a hand-written command; output is the default of
// -o for a command that calls the API, "" for one that does not (and takes no global flags).
func newBuiltinFlags(name, text, output string, args ...string) *builtinFlags {
	b := &builtinFlags{name: name, text: text, args: args, minArgs: len(args), fs: flag.NewFlagSet(name, flag.ContinueOnError)}
	b.fs.SetOutput(io.Discard)
	b.fs.Usage = func() {}
	if output != "" {
		b.g = &globalFlags{}
		b.docs = b.g.register(b.fs, output)
	}
	return b
}

func (b *builtinFlags) usageLine() string {
	line := "edsconn " + b.name
	for i, a := range b.args {
		if i >= b.minArgs {
			a = "[" + a + "]"
		}
		line += " " + a
	}
	return line + " [flags]"
}

// parse reads the command line. ok is false when the command is done: help was printed (exit
// 0) or the command line refused (exit 2), and code says which.
func (b *builtinFlags) parse(e *env, args []string) (pos []string, code int, ok bool) {
	pos, err := parseInterleaved(b.fs, args)
	if errors.Is(err, flag.ErrHelp) {
		b.help(e.stdout)
		return nil, exitOK, false
	}
	if err != nil {
		return nil, e.usageFail(b.name, b.usageLine(), err), false
	}
	if len(pos) < b.minArgs || len(pos) > len(b.args) {
		var err error
		switch {
		case len(b.args) == 0:
			err = fmt.Errorf("takes no arguments, got %s", quoteAll(pos))
		case len(pos) > len(b.args):
			err = fmt.Errorf("takes at most %d argument%s (%s), got %d: unexpected %s", len(b.args), plural(len(b.args)),
				strings.Join(b.args, " "), len(pos), quoteAll(pos[len(b.args):]))
		default:
			err = fmt.Errorf("missing %s", strings.Join(b.args[len(pos):b.minArgs], " "))
		}
		return nil, e.usageFail(b.name, b.usageLine(), err), false
	}
	return pos, exitOK, true
}

func (b *builtinFlags) help(w io.Writer) {
	fmt.Fprintf(w, "Usage: %s\n\n", b.usageLine())
	fmt.Fprint(w, wrap(b.text, "", helpWidth))
	own := docsFromFlagSet(b.fs)
	writeFlagDocs(w, groupCommand, own)
	writeFlagDocs(w, groupGlobal, b.docs)
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Exit codes: see 'edsconn help'.")
}

// flagNames lists the command's flags, for completion.
func (b *builtinFlags) flagNames() []string {
	var names []string
	b.fs.VisitAll(func(f *flag.Flag) { names = append(names, dashes(f.Name)) })
	return names
}
