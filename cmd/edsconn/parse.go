package main

import (
	"errors"
	"flag"
	"strings"
)

// parseInterleaved parses flags wherever they stand among the positional arguments, which the
// flag package alone does not (it stops at the first argument): `show ID -o table` and
// `show -o table ID` mean the same. After "--" everything is an argument, for values that start
// with a dash.
func parseInterleaved(fs *flag.FlagSet, args []string) ([]string, error) {
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, flagParseError(fs, err)
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return positional, nil
		}
		if consumed := len(args) - len(rest); consumed > 0 && args[consumed-1] == "--" {
			return append(positional, rest...), nil
		}
		positional = append(positional, rest[0])
		args = rest[1:]
	}
}

// isHelp reports whether an argument asks for help.
func isHelp(arg string) bool {
	switch strings.TrimLeft(arg, "-") {
	case "h", "help":
		return strings.HasPrefix(arg, "-")
	}
	return false
}

// flagParseError words the flag package's errors as users type flags: it says -name where the
// CLI documents --name, and which flag an unknown one probably meant.
func flagParseError(fs *flag.FlagSet, err error) error {
	if errors.Is(err, flag.ErrHelp) {
		return err
	}
	msg := err.Error()
	if name, ok := strings.CutPrefix(msg, "flag provided but not defined: -"); ok {
		return errors.New("unknown flag " + dashes(name) + suggestFlag(fs, name))
	}
	if name, ok := strings.CutPrefix(msg, "flag needs an argument: -"); ok {
		return errors.New(dashes(name) + " needs a value")
	}
	return err
}
