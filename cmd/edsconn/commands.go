package main

import (
	"context"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/dli-openapi/enhanced-connections/gen"
)

// command is one command of the CLI: an operation of the spec (opCommand), or one written by
// hand (builtin).
type command interface {
	run(ctx context.Context, e *env, args []string) int
	help(w io.Writer)
}

// builtin is a command that is not one operation: wait, demo, fake-server, version, completion,
// help.
type builtin struct {
	name, summary string
	runFn         func(ctx context.Context, e *env, args []string) int
	// flags builds the command's flag set, for its help and completion; nil for fake-server,
	// whose flags are its own.
	flags  func() *builtinFlags
	helpFn func(w io.Writer)
}

func (b builtin) run(ctx context.Context, e *env, args []string) int { return b.runFn(ctx, e, args) }
func (b builtin) help(w io.Writer)                                   { b.helpFn(w) }

// builtins are the hand-written commands, in the order help lists them.
var builtins []builtin

func init() {
	builtins = []builtin{
		{name: "wait", summary: "Wait until a connection and the peering of every queue and pool are ACTIVE", runFn: runWait, flags: waitFlags},
		{name: "grant", summary: "Share a connection with another project (BIND_QUEUE, through RunAuthorizationAction)",
			runFn: shareCommand("grant", gen.AuthorizationGrant), flags: shareFlags("grant", gen.AuthorizationGrant)},
		{name: "revoke", summary: "Withdraw a project's access to a connection (through RunAuthorizationAction)",
			runFn: shareCommand("revoke", gen.AuthorizationRevoke), flags: shareFlags("revoke", gen.AuthorizationRevoke)},
		{name: "demo", summary: "The documented procedure: create, wait until ACTIVE, show, list, delete", runFn: runDemo, flags: demoFlags},
		{name: "config", summary: "Show the region, endpoint, project and where the credentials come from (never a secret)",
			runFn: runConfig, flags: func() *builtinFlags { b, _ := configFlags(); return b }},
		{name: "fake-server", summary: "Serve the fake DLI for other tools (default 127.0.0.1:8080)", runFn: runFakeServer,
			helpFn: func(w io.Writer) { runFakeServer(context.Background(), &env{stdout: w, stderr: w}, []string{"-h"}) }},
		{name: "version", summary: "Print the module's version, the spec's info.version and Go's version", runFn: runVersion, flags: versionFlags},
		{name: "completion", summary: "Print a completion script for bash, zsh or fish", runFn: runCompletion, flags: completionFlags},
		{name: "help", summary: "Print the help of the CLI, or of a command", runFn: runHelp, flags: helpFlags},
	}
	for i := range builtins {
		if b := &builtins[i]; b.helpFn == nil {
			build := b.flags
			b.helpFn = func(w io.Writer) { build().help(w) }
		}
	}
}

// lookup finds a command by operationId, alias or name.
func lookup(name string) (command, bool) {
	for _, op := range specOperations {
		if op.id == name {
			return opCommand{op: op, name: name}, true
		}
	}
	for i, a := range commandAliases {
		if a.name == name {
			if op := operationByID(a.operation); op != nil {
				return opCommand{op: op, name: name, alias: &commandAliases[i]}, true
			}
		}
	}
	for _, b := range builtins {
		if b.name == name {
			return b, true
		}
	}
	return nil, false
}

func operationByID(id string) *operation {
	for _, op := range specOperations {
		if op.id == id {
			return op
		}
	}
	return nil
}

// commandNames lists every name a user can type first: operationIds, aliases, builtins.
func commandNames() []string {
	var names []string
	for _, op := range specOperations {
		names = append(names, op.id)
	}
	for _, a := range commandAliases {
		names = append(names, a.name)
	}
	for _, b := range builtins {
		names = append(names, b.name)
	}
	return names
}

// aliasesOf lists the short names of an operation.
func aliasesOf(id string) []string {
	var out []string
	for _, a := range commandAliases {
		if a.operation == id {
			out = append(out, a.name)
		}
	}
	return out
}

// usage is the help of the CLI: every command with its operationId and alias.
func usage(w io.Writer) {
	fmt.Fprintln(w, "Usage: edsconn <command> [arguments] [flags]")
	fmt.Fprintln(w)
	fmt.Fprint(w, wrap("Manage DLI enhanced datasource connections (Huawei Cloud, Open Telekom Cloud). Credentials "+
		"come from the environment and files as the vendor SDK and OTC's tools read them ('edsconn config' shows "+
		"what is found). Without any account, `edsconn demo` and any command with --fake run against an embedded "+
		"fake DLI.", "", helpWidth))
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Operations: one command per operationId of the spec, with its short name:")
	ops := append([]*operation(nil), specOperations...)
	sort.Slice(ops, func(i, j int) bool { return ops[i].id < ops[j].id })
	width := 0
	for _, op := range ops {
		width = max(width, len(op.id))
	}
	aliasWidth := len("-")
	for _, a := range commandAliases {
		aliasWidth = max(aliasWidth, len(a.name))
	}
	for _, op := range ops {
		alias := cmp(strings.Join(aliasesOf(op.id), ", "), "-")
		summary := op.summary
		if op.deprecated {
			summary += " [deprecated]"
		}
		fmt.Fprintf(w, "  %-*s  %-*s  %s\n", width, op.id, aliasWidth, alias, summary)
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Other commands:")
	width = 0
	for _, b := range builtins {
		width = max(width, len(b.name))
	}
	for _, b := range builtins {
		fmt.Fprintf(w, "  %-*s  %s\n", width, b.name, b.summary)
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Run 'edsconn <command> --help' for its arguments and flags; flags may come before or after")
	fmt.Fprintln(w, "the arguments. Output is JSON, or a table with -o table.")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Exit codes:")
	for _, c := range exitCodes {
		fmt.Fprintf(w, "  %-4d %s\n", c.code, c.meaning)
	}
	fmt.Fprintln(w)
	fmt.Fprint(w, wrap("Credentials, never from flags, come from the first of: OIDC federation "+
		"(HUAWEICLOUD_SDK_IDP_ID, HUAWEICLOUD_SDK_ID_TOKEN_FILE); HUAWEICLOUD_SDK_AK and HUAWEICLOUD_SDK_SK; "+
		"OS_ACCESS_KEY and OS_SECRET_KEY; the vendor's ~/.huaweicloud/credentials; clouds.yaml (OS_CLOUD); CCE "+
		"pod identity; the ECS metadata service (with a region only). The region comes from "+
		"HUAWEICLOUD_SDK_REGION or OS_REGION_NAME, the project from HUAWEICLOUD_SDK_PROJECT_ID, OS_PROJECT_ID "+
		"or OS_PROJECT_NAME (else IAM is asked). 'edsconn config' shows what is found and where.", "", helpWidth))
}
