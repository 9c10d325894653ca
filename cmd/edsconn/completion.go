package main

import (
	"context"
	"fmt"
	"io"
	"sort"
	"strings"
)

func newCompletionFlags() *builtinFlags {
	return newBuiltinFlags("completion", "Prints a completion script for bash, zsh or fish, generated from the same "+
		"command list as help: every operationId and short name, and each command's flags. Load it with "+
		"`source <(edsconn completion bash)` (bash, zsh), or `edsconn completion fish | source` (fish); or save it "+
		"where your shell loads completions from, such as /etc/bash_completion.d/edsconn, a directory of $fpath as "+
		"_edsconn, or ~/.config/fish/completions/edsconn.fish.", "", "bash|zsh|fish")
}

func completionFlags() *builtinFlags { return newCompletionFlags() }

func runCompletion(_ context.Context, e *env, args []string) int {
	b := newCompletionFlags()
	pos, code, ok := b.parse(e, args)
	if !ok {
		return code
	}
	cmds := completionCommands()
	switch pos[0] {
	case "bash":
		writeBash(e.stdout, cmds)
	case "zsh":
		writeZsh(e.stdout, cmds)
	case "fish":
		writeFish(e.stdout, cmds)
	default:
		return e.usageFail(b.name, b.usageLine(), fmt.Errorf("unknown shell %q: want bash, zsh or fish", pos[0]))
	}
	return exitOK
}

// completionCommand is one command as completion knows it: the names that invoke it, its
// summary and its flags.
type completionCommand struct {
	names   []string
	summary string
	flags   []string
}

// completionCommands lists every command: operations with their aliases, then the builtins.
func completionCommands() []completionCommand {
	var out []completionCommand
	for _, op := range specOperations {
		out = append(out, completionCommand{
			names:   append([]string{op.id}, aliasesOf(op.id)...),
			summary: op.summary,
			flags:   newOpFlags(op, op.id).flagNames(),
		})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].names[0] < out[j].names[0] })
	for _, b := range builtins {
		c := completionCommand{names: []string{b.name}, summary: b.summary}
		if b.flags != nil {
			c.flags = b.flags().flagNames()
		}
		out = append(out, c)
	}
	return out
}

func allNames(cmds []completionCommand) []string {
	var names []string
	for _, c := range cmds {
		names = append(names, c.names...)
	}
	return names
}

// Values some flags take, whatever the command.
const (
	outputValues   = "json table"
	progressValues = "auto always never"
	shells         = "bash zsh fish"
)

func writeBash(w io.Writer, cmds []completionCommand) {
	fmt.Fprintln(w, "# bash completion for edsconn, written by `edsconn completion bash`.")
	fmt.Fprintln(w, "_edsconn() {")
	fmt.Fprintln(w, `    local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]}`)
	fmt.Fprintf(w, "    local commands=%q\n", strings.Join(allNames(cmds), " "))
	fmt.Fprintln(w, `    if [ "$COMP_CWORD" -eq 1 ]; then`)
	fmt.Fprintln(w, `        COMPREPLY=($(compgen -W "$commands" -- "$cur"))`)
	fmt.Fprintln(w, "        return")
	fmt.Fprintln(w, "    fi")
	fmt.Fprintln(w, `    case $prev in`)
	fmt.Fprintf(w, "        -o|--o) COMPREPLY=($(compgen -W %q -- \"$cur\")); return ;;\n", outputValues)
	fmt.Fprintf(w, "        --progress) COMPREPLY=($(compgen -W %q -- \"$cur\")); return ;;\n", progressValues)
	fmt.Fprintln(w, `        --file) COMPREPLY=($(compgen -f -- "$cur")); return ;;`)
	fmt.Fprintln(w, "    esac")
	fmt.Fprintln(w, "    local flags=")
	fmt.Fprintln(w, `    case ${COMP_WORDS[1]} in`)
	for _, c := range cmds {
		switch c.names[0] {
		case "help":
			fmt.Fprintln(w, `        help) COMPREPLY=($(compgen -W "$commands" -- "$cur")); return ;;`)
			continue
		case "completion":
			fmt.Fprintf(w, "        completion) COMPREPLY=($(compgen -W %q -- \"$cur\")); return ;;\n", shells)
			continue
		}
		fmt.Fprintf(w, "        %s) flags=%q ;;\n", strings.Join(c.names, "|"), strings.Join(c.flags, " "))
	}
	fmt.Fprintln(w, "    esac")
	fmt.Fprintln(w, `    if [[ $cur == -* ]]; then`)
	fmt.Fprintln(w, `        COMPREPLY=($(compgen -W "$flags" -- "$cur"))`)
	fmt.Fprintln(w, "    fi")
	fmt.Fprintln(w, "}")
	fmt.Fprintln(w, "complete -o default -F _edsconn edsconn")
}

// zshEscape makes s fit in a single-quoted zsh word that _describe splits at its first
// unescaped colon.
func zshEscape(s string) string {
	return strings.ReplaceAll(strings.ReplaceAll(s, "'", `'\''`), ":", `\:`)
}

func writeZsh(w io.Writer, cmds []completionCommand) {
	fmt.Fprintln(w, "#compdef edsconn")
	fmt.Fprintln(w, "# zsh completion for edsconn, written by `edsconn completion zsh`.")
	fmt.Fprintln(w, "_edsconn() {")
	fmt.Fprintln(w, "  local -a commands flags")
	fmt.Fprintln(w, "  commands=(")
	for _, c := range cmds {
		for i, n := range c.names {
			summary := c.summary
			if i > 0 {
				summary += " (" + c.names[0] + ")"
			}
			fmt.Fprintf(w, "    '%s:%s'\n", zshEscape(n), zshEscape(summary))
		}
	}
	fmt.Fprintln(w, "  )")
	fmt.Fprintln(w, "  if (( CURRENT == 2 )); then")
	fmt.Fprintln(w, "    _describe -t commands 'edsconn command' commands")
	fmt.Fprintln(w, "    return")
	fmt.Fprintln(w, "  fi")
	fmt.Fprintln(w, "  case ${words[CURRENT-1]} in")
	fmt.Fprintf(w, "    (-o|--o) compadd %s; return ;;\n", outputValues)
	fmt.Fprintf(w, "    (--progress) compadd %s; return ;;\n", progressValues)
	fmt.Fprintln(w, "    (--file) _files; return ;;")
	fmt.Fprintln(w, "  esac")
	fmt.Fprintln(w, "  case ${words[2]} in")
	for _, c := range cmds {
		switch c.names[0] {
		case "help":
			fmt.Fprintln(w, "    (help) _describe -t commands 'edsconn command' commands; return ;;")
			continue
		case "completion":
			fmt.Fprintf(w, "    (completion) compadd %s; return ;;\n", shells)
			continue
		}
		fmt.Fprintf(w, "    (%s) flags=(%s) ;;\n", strings.Join(c.names, "|"), strings.Join(c.flags, " "))
	}
	fmt.Fprintln(w, "  esac")
	fmt.Fprintln(w, "  if [[ $PREFIX == -* ]]; then")
	fmt.Fprintln(w, "    compadd -- $flags")
	fmt.Fprintln(w, "  else")
	fmt.Fprintln(w, "    _files")
	fmt.Fprintln(w, "  fi")
	fmt.Fprintln(w, "}")
	fmt.Fprintln(w, `if [[ $funcstack[1] == _edsconn ]]; then`)
	fmt.Fprintln(w, `  _edsconn "$@"`)
	fmt.Fprintln(w, "else")
	fmt.Fprintln(w, "  compdef _edsconn edsconn")
	fmt.Fprintln(w, "fi")
}

// fishQuote quotes s as a single-quoted fish word.
func fishQuote(s string) string {
	return "'" + strings.ReplaceAll(strings.ReplaceAll(s, `\`, `\\`), "'", `\'`) + "'"
}

func writeFish(w io.Writer, cmds []completionCommand) {
	fmt.Fprintln(w, "# fish completion for edsconn, written by `edsconn completion fish`.")
	fmt.Fprintln(w, "complete -c edsconn -f")
	for _, c := range cmds {
		for i, n := range c.names {
			summary := c.summary
			if i > 0 {
				summary += " (" + c.names[0] + ")"
			}
			fmt.Fprintf(w, "complete -c edsconn -n __fish_use_subcommand -a %s -d %s\n", fishQuote(n), fishQuote(summary))
		}
	}
	fmt.Fprintf(w, "complete -c edsconn -n '__fish_seen_subcommand_from help' -a %s\n", fishQuote(strings.Join(allNames(cmds), " ")))
	fmt.Fprintf(w, "complete -c edsconn -n '__fish_seen_subcommand_from completion' -a %s\n", fishQuote(shells))
	for _, c := range cmds {
		cond := fishQuote("__fish_seen_subcommand_from " + strings.Join(c.names, " "))
		for _, f := range c.flags {
			switch {
			case f == "-o":
				fmt.Fprintf(w, "complete -c edsconn -n %s -o o -x -a %s\n", cond, fishQuote(outputValues))
			case f == "--file":
				fmt.Fprintf(w, "complete -c edsconn -n %s -l file -r -F\n", cond)
			case f == "--progress":
				fmt.Fprintf(w, "complete -c edsconn -n %s -l progress -x -a %s\n", cond, fishQuote(progressValues))
			default:
				fmt.Fprintf(w, "complete -c edsconn -n %s -l %s\n", cond, strings.TrimPrefix(f, "--"))
			}
		}
	}
}
