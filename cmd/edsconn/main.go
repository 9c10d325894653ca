// Command edsconn manages DLI enhanced datasource connections ("edsconn" is the vendor's own
// abbreviation): one command per operation of the spec, named by its operationId, with short
// names for the common ones, plus `wait`, `demo`, `fake-server`, `version` and `completion`.
//
// The operation commands are generated from the spec: commands.gen.go (written by
// internal/cmd/genwrapper during go generate) describes every operation, and the flags, help,
// checks, tables and completion are built from those descriptors. Only the short names
// (aliases.go) and the hand-written commands are written here.
//
// Credentials come from the environment and files (wrapper/credentials); only `demo` with
// nothing configured, and any command with --fake, run against an embedded fake DLI. Output is
// the API's answer as the server sent it, JSON for scripts, or a table with -o table. A request
// the spec refuses is refused before anything is sent, in words, naming the flag or argument
// (refusal.go); a mistyped command or flag gets a "did you mean" (suggest.go).
//
// The command line is built on the standard library's flag package: flat commands with flags
// built from descriptors need no framework, and the point of this module is to weigh little.
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"
)

// Exit codes, so that scripts can tell a refused request from a broken one.
const (
	exitOK          = 0
	exitFailure     = 1   // the service or the network failed the call
	exitUsage       = 2   // bad arguments or flags, or a request the spec refuses (nothing was sent)
	exitNotReady    = 3   // wait: a peering FAILED, or the connection is deleted
	exitTimeout     = 4   // a time limit ran out: --timeout of a call, --for of wait
	exitInterrupted = 130 // interrupted (Ctrl-C): 128 + SIGINT, as shells report it
)

// exitCodes are the exit codes as help and README list them.
var exitCodes = []struct {
	code    int
	meaning string
}{
	{exitOK, "success"},
	{exitFailure, "the service or the network failed the call"},
	{exitUsage, "bad arguments or flags, or a request the spec refuses (nothing was sent)"},
	{exitNotReady, "wait: a peering FAILED, or the connection was deleted"},
	{exitTimeout, "a time limit ran out: --timeout of a call, --for of wait"},
	{exitInterrupted, "interrupted (Ctrl-C)"},
}

func main() {
	// SIGINT (Ctrl-C) and SIGTERM (what service managers and `docker stop` send) both end ctx,
	// which commands take as "finish what is in flight and stop". Once ctx has ended, the
	// signals get their default handling back, so a second one ends the process at once.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	go func() {
		<-ctx.Done()
		stop()
	}()
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// run is main without the process: tests call it with their own arguments and buffers.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	return runWithInput(ctx, args, os.Stdin, stdout, stderr)
}

// runWithInput is run with its own standard input, for --file -.
func runWithInput(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	e := &env{stdin: stdin, stdout: stdout, stderr: stderr}
	if len(args) == 0 {
		usage(stderr)
		return exitUsage
	}
	if isHelp(args[0]) {
		return runHelp(ctx, e, args[1:])
	}
	cmd, ok := lookup(args[0])
	if !ok && strings.HasPrefix(args[0], "-") {
		fmt.Fprintf(stderr, "edsconn: %s comes before the command: flags go after it (edsconn COMMAND [arguments] [flags])\nRun 'edsconn help' for the list of commands.\n", args[0])
		return exitUsage
	}
	if !ok {
		fmt.Fprintf(stderr, "edsconn: unknown command %q%s\nRun 'edsconn help' for the list of commands.\n", args[0], suggest(args[0]))
		return exitUsage
	}
	return cmd.run(ctx, e, args[1:])
}

func helpFlags() *builtinFlags {
	return newBuiltinFlags("help", "Prints the list of commands, or the help of one command: its arguments, flags and "+
		"exit codes. `edsconn COMMAND --help` prints the same.", "", "COMMAND")
}

func runHelp(_ context.Context, e *env, args []string) int {
	b := helpFlags()
	b.minArgs = 0
	pos, code, ok := b.parse(e, args)
	if !ok {
		return code
	}
	if len(pos) == 0 {
		usage(e.stdout)
		return exitOK
	}
	cmd, found := lookup(pos[0])
	if !found {
		fmt.Fprintf(e.stderr, "edsconn help: unknown command %q%s\nRun 'edsconn help' for the list of commands.\n", pos[0], suggest(pos[0]))
		return exitUsage
	}
	cmd.help(e.stdout)
	return exitOK
}
