package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/dli-openapi/enhanced-connections/gen"
)

// command is one subcommand.
type command struct {
	name    string
	summary string
	run     func(ctx context.Context, e *env, args []string) int
}

// commands lists the subcommands in the order usage shows them: the operations of the API in
// the order of the documented procedure, then the helpers.
var commands []command

func init() {
	commands = []command{
		{"create", "create a connection (CreateEnhancedConnection)", runCreate},
		{"list", "list connections, every page (ListEnhancedConnections)", runList},
		{"show", "show one connection (ShowEnhancedConnection)", runShow},
		{"wait", "wait until a connection and its queues are ACTIVE", runWait},
		{"update-hosts", "replace the hosts of a connection (UpdateEnhancedConnection)", runUpdateHosts},
		{"bind", "bind queues or pools (AssociateQueueToEnhancedConnection)", runBind},
		{"unbind", "unbind queues or pools (DisassociateQueueFromEnhancedConnection)", runUnbind},
		{"privileges", "list projects granted access (ShowEnhancedConnectionPrivilege)", runPrivileges},
		{"route-add", "add a route (CreateRouteToEnhancedConnection)", runRouteAdd},
		{"route-delete", "delete a route (DeleteRouteFromEnhancedConnection)", runRouteDelete},
		{"delete", "delete a connection (DeleteEnhancedConnection)", runDelete},
		{"demo", "the documented procedure: create, wait ACTIVE, show, list, delete", runDemo},
		{"fake-server", "serve the fake DLI for other tools (default 127.0.0.1:8080)", runFakeServer},
		{"version", "print the module version, the spec's info.version and Go's version", runVersion},
	}
}

func commandByName(name string) (command, bool) {
	for _, c := range commands {
		if c.name == name {
			return c, true
		}
	}
	return command{}, false
}

// newFlags makes the flag set of an API subcommand with the global flags registered.
func newFlags(e *env, name, argsUsage string) (*flag.FlagSet, *globalFlags) {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	g := &globalFlags{}
	g.register(fs)
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: edsconn %s [flags] %s\n\nFlags:\n", name, argsUsage)
		fs.PrintDefaults()
	}
	return fs, g
}

// listFlag collects a repeatable flag.
type listFlag []string

func (l *listFlag) String() string     { return strings.Join(*l, ",") }
func (l *listFlag) Set(v string) error { *l = append(*l, v); return nil }

// hostsFlag collects --host name=ip.
type hostsFlag []gen.Host

func (h *hostsFlag) String() string { return fmt.Sprintf("%d hosts", len(*h)) }
func (h *hostsFlag) Set(v string) error {
	name, ip, ok := strings.Cut(v, "=")
	if !ok {
		return fmt.Errorf("want name=ip, got %q", v)
	}
	*h = append(*h, gen.Host{Name: name, IP: ip})
	return nil
}

// tagsFlag collects --tag key=value.
type tagsFlag []gen.Tag

func (t *tagsFlag) String() string { return fmt.Sprintf("%d tags", len(*t)) }
func (t *tagsFlag) Set(v string) error {
	k, val, ok := strings.Cut(v, "=")
	if !ok {
		return fmt.Errorf("want key=value, got %q", v)
	}
	*t = append(*t, gen.Tag{Key: k, Value: val})
	return nil
}

// oneArg returns the single positional argument a command needs.
func oneArg(args []string, what string) (string, error) {
	if len(args) != 1 {
		return "", usageError(fmt.Errorf("want exactly one argument, the %s; got %d", what, len(args)))
	}
	return args[0], nil
}

// readBodyFile decodes a JSON request body from a file, or from standard input for "-".
func readBodyFile(path string, into any) error {
	var data []byte
	var err error
	if path == "-" {
		data, err = io.ReadAll(os.Stdin)
	} else {
		data, err = os.ReadFile(path)
	}
	if err != nil {
		return usageError(err)
	}
	if err := json.Unmarshal(data, into); err != nil {
		return usageError(fmt.Errorf("%s: %w", path, err))
	}
	return nil
}

func runCreate(ctx context.Context, e *env, args []string) int {
	fs, g := newFlags(e, "create", "")
	var body gen.CreateEnhancedConnectionRequest
	var queues, pools listFlag
	var hosts hostsFlag
	var tags tagsFlag
	var routeTable, file string
	fs.StringVar(&body.Name, "name", "", "connection name: letters, digits, _ (1-64)")
	fs.StringVar(&body.DestVpcID, "vpc", "", "VPC id of the data source")
	fs.StringVar(&body.DestNetworkID, "subnet", "", "subnet id of the data source")
	fs.Var(&queues, "queue", "queue to bind (repeatable)")
	fs.Var(&pools, "pool", "elastic resource pool to bind (repeatable)")
	fs.Var(&hosts, "host", "host mapping name=ip (repeatable)")
	fs.Var(&tags, "tag", "tag key=value (repeatable)")
	fs.StringVar(&routeTable, "routetable", "", "route table id of the data source's subnet")
	fs.StringVar(&file, "file", "", "read the whole request body (JSON) from this file, - for stdin")
	return withClient(ctx, e, fs, g, args, func(ctx context.Context, _ []string) error {
		if file != "" {
			if err := readBodyFile(file, &body); err != nil {
				return err
			}
		}
		body.Queues = append(body.Queues, queues...)
		body.ElasticResourcePools = append(body.ElasticResourcePools, pools...)
		body.Hosts = append(body.Hosts, hosts...)
		body.Tags = append(body.Tags, tags...)
		if routeTable != "" {
			body.RoutetableID = routeTable
		}
		out, err := e.client.CreateEnhancedConnection(ctx, body)
		if err != nil {
			return err
		}
		return e.print(out)
	})
}

func runList(ctx context.Context, e *env, args []string) int {
	fs, g := newFlags(e, "list", "")
	var name, status, tags string
	var limit, offset int
	fs.StringVar(&name, "name", "", "only connections with this name")
	fs.StringVar(&status, "status", "", "only connections in this state: ACTIVE or DELETED")
	fs.StringVar(&tags, "tags", "", "only connections with these tags: k=v,k2=v2")
	fs.IntVar(&limit, "page-size", 100, "connections per request")
	fs.IntVar(&offset, "offset", 0, "connections to skip")
	return withClient(ctx, e, fs, g, args, func(ctx context.Context, _ []string) error {
		params := gen.ListEnhancedConnectionsParams{}
		l, o := int32(limit), int32(offset)
		params.Limit, params.Offset = &l, &o
		if name != "" {
			params.Name = &name
		}
		if status != "" {
			s := gen.ConnectionStatusFilter(strings.ToUpper(status))
			params.Status = &s
		}
		if tags != "" {
			params.Tags = &tags
		}
		all := []gen.EnhancedConnection{}
		for conn, err := range e.client.Connections(ctx, &params) {
			if err != nil {
				return err
			}
			all = append(all, conn)
		}
		return e.print(all)
	})
}

func runUpdateHosts(ctx context.Context, e *env, args []string) int {
	fs, g := newFlags(e, "update-hosts", "CONNECTION_ID")
	var hosts hostsFlag
	var file string
	fs.Var(&hosts, "host", "host mapping name=ip (repeatable); none removes every host")
	fs.StringVar(&file, "file", "", "read the request body ({\"hosts\": [...]}) from this file, - for stdin")
	return withClient(ctx, e, fs, g, args, func(ctx context.Context, args []string) error {
		id, err := oneArg(args, "connection id")
		if err != nil {
			return err
		}
		var body gen.UpdateEnhancedConnectionRequest
		if file != "" {
			if err := readBodyFile(file, &body); err != nil {
				return err
			}
		}
		body.Hosts = append(body.Hosts, hosts...)
		out, err := e.client.UpdateEnhancedConnection(ctx, id, body)
		if err != nil {
			return err
		}
		return e.print(out)
	})
}

func bindCommand(name string, call func(e *env) func(context.Context, string, gen.QueueBindingRequest) (*gen.StatusResponse, error)) func(context.Context, *env, []string) int {
	return func(ctx context.Context, e *env, args []string) int {
		fs, g := newFlags(e, name, "CONNECTION_ID")
		var queues, pools listFlag
		fs.Var(&queues, "queue", "queue (repeatable)")
		fs.Var(&pools, "pool", "elastic resource pool (repeatable)")
		return withClient(ctx, e, fs, g, args, func(ctx context.Context, args []string) error {
			id, err := oneArg(args, "connection id")
			if err != nil {
				return err
			}
			if len(queues)+len(pools) == 0 {
				return usageError(errors.New("name at least one --queue or --pool"))
			}
			out, err := call(e)(ctx, id, gen.QueueBindingRequest{Queues: queues, ElasticResourcePools: pools})
			if err != nil {
				return err
			}
			return e.print(out)
		})
	}
}

var (
	runBind = bindCommand("bind", func(e *env) func(context.Context, string, gen.QueueBindingRequest) (*gen.StatusResponse, error) {
		return func(ctx context.Context, id string, b gen.QueueBindingRequest) (*gen.StatusResponse, error) {
			return e.client.AssociateQueueToEnhancedConnection(ctx, id, b)
		}
	})
	runUnbind = bindCommand("unbind", func(e *env) func(context.Context, string, gen.QueueBindingRequest) (*gen.StatusResponse, error) {
		return func(ctx context.Context, id string, b gen.QueueBindingRequest) (*gen.StatusResponse, error) {
			return e.client.DisassociateQueueFromEnhancedConnection(ctx, id, b)
		}
	})
)

func runRouteAdd(ctx context.Context, e *env, args []string) int {
	fs, g := newFlags(e, "route-add", "CONNECTION_ID")
	var body gen.CreateRouteRequest
	fs.StringVar(&body.Name, "name", "", "route name: letters, digits, _ and - (1-64)")
	fs.StringVar(&body.Cidr, "cidr", "", "destination network, e.g. 192.168.2.0/24")
	return withClient(ctx, e, fs, g, args, func(ctx context.Context, args []string) error {
		id, err := oneArg(args, "connection id")
		if err != nil {
			return err
		}
		out, err := e.client.CreateRouteToEnhancedConnection(ctx, id, body)
		if err != nil {
			return err
		}
		return e.print(out)
	})
}

func runRouteDelete(ctx context.Context, e *env, args []string) int {
	fs, g := newFlags(e, "route-delete", "CONNECTION_ID ROUTE_NAME")
	return withClient(ctx, e, fs, g, args, func(ctx context.Context, args []string) error {
		if len(args) != 2 {
			return usageError(fmt.Errorf("want the connection id and the route name; got %d arguments", len(args)))
		}
		out, err := e.client.DeleteRouteFromEnhancedConnection(ctx, args[0], args[1])
		if err != nil {
			return err
		}
		return e.print(out)
	})
}

// idCommand is a subcommand that takes one connection id and prints what call answers.
func idCommand[T any](name string, call func(*env) func(context.Context, string) (*T, error)) func(context.Context, *env, []string) int {
	return func(ctx context.Context, e *env, args []string) int {
		fs, g := newFlags(e, name, "CONNECTION_ID")
		return withClient(ctx, e, fs, g, args, func(ctx context.Context, args []string) error {
			id, err := oneArg(args, "connection id")
			if err != nil {
				return err
			}
			out, err := call(e)(ctx, id)
			if err != nil {
				return err
			}
			return e.print(out)
		})
	}
}

var (
	runShow = idCommand("show", func(e *env) func(context.Context, string) (*gen.ShowEnhancedConnectionResponse, error) {
		return func(ctx context.Context, id string) (*gen.ShowEnhancedConnectionResponse, error) {
			return e.client.ShowEnhancedConnection(ctx, id)
		}
	})
	runPrivileges = idCommand("privileges", func(e *env) func(context.Context, string) (*gen.ShowEnhancedConnectionPrivilegeResponse, error) {
		return func(ctx context.Context, id string) (*gen.ShowEnhancedConnectionPrivilegeResponse, error) {
			return e.client.ShowEnhancedConnectionPrivilege(ctx, id)
		}
	})
	runDelete = idCommand("delete", func(e *env) func(context.Context, string) (*gen.StatusResponse, error) {
		return func(ctx context.Context, id string) (*gen.StatusResponse, error) {
			return e.client.DeleteEnhancedConnection(ctx, id)
		}
	})
)
