// Command edsconn manages DLI enhanced datasource connections ("edsconn" is the vendor's own
// abbreviation): one subcommand per operation of the API, plus `wait`, `demo` and `fake-server`.
//
// With no credentials and no endpoint configured, every subcommand runs against an embedded
// fake DLI and says so; with credentials (flags or the HUAWEICLOUD_SDK_* variables) it calls the
// real service. Output is JSON for scripts, or a table with -o table.
//
// The command line is built on the standard library's flag package: a dozen subcommands with a
// handful of flags each do not need a framework, and the point of this module is to weigh little.
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

// Exit codes, so that scripts can tell a refused request from a broken one.
const (
	exitOK       = 0
	exitFailure  = 1 // the service or the network failed the call
	exitUsage    = 2 // bad flags, or a request the spec refuses (nothing was sent)
	exitNotReady = 3 // wait: a peering FAILED, or the connection is deleted
)

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
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		usage(stdout)
		if len(args) == 0 {
			return exitUsage
		}
		return exitOK
	}
	cmd, ok := commandByName(args[0])
	if !ok {
		fmt.Fprintf(stderr, "edsconn: unknown command %q\n\n", args[0])
		usage(stderr)
		return exitUsage
	}
	return cmd.run(ctx, &env{stdout: stdout, stderr: stderr}, args[1:])
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "Usage: edsconn <command> [flags] [arguments]")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Manage DLI enhanced datasource connections (Huawei Cloud, Open Telekom Cloud).")
	fmt.Fprintln(w, "Without credentials every command runs against an embedded fake DLI.")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Commands:")
	for _, c := range commands {
		fmt.Fprintf(w, "  %-14s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Run 'edsconn <command> -h' for the flags of a command.")
	fmt.Fprintln(w, "Credentials: HUAWEICLOUD_SDK_AK, HUAWEICLOUD_SDK_SK, HUAWEICLOUD_SDK_SECURITY_TOKEN or")
	fmt.Fprintln(w, "HUAWEICLOUD_SDK_AUTH_TOKEN; HUAWEICLOUD_SDK_PROJECT_ID; HUAWEICLOUD_SDK_REGION or DLI_ENDPOINT.")
}
