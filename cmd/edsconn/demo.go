package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/dli-openapi/enhanced-connections/gen"
	"github.com/dli-openapi/enhanced-connections/wrapper"
)

// The getting-started procedure's values (seed 003): meaningful only to the fake, which is why
// the demo asks for real ones before it touches a real account.
const (
	demoVPC    = "22094d8f-c310-4621-913d-4c4d655d8495"
	demoSubnet = "78f2562a-36e4-4b39-95b9-f5aab22e1281"
)

type demoPlan struct {
	name, vpc, subnet string
	queues            []string
	keep              bool
	waitFor           time.Duration
}

func newDemoFlags() (*builtinFlags, *demoPlan, *[]string) {
	b := newBuiltinFlags("demo", "Runs the documented procedure \"create a connection, then verify that it is ACTIVE\": "+
		"creates a connection with two hosts, waits until it and the peering of every queue are ACTIVE (showing "+
		"progress), shows it, lists the project's connections and deletes it. Against the embedded fake it needs "+
		"nothing; against a real account it needs --vpc, --subnet and --queue. With -o json it prints one JSON "+
		"document of what each step sent and received.", "text")
	p := &demoPlan{}
	queues := &[]string{}
	b.fs.StringVar(&p.name, "name", "edsconn_demo", "`name` of the connection to create")
	b.fs.StringVar(&p.vpc, "vpc", "", "VPC `id` of the data source (required against a real account)")
	b.fs.StringVar(&p.subnet, "subnet", "", "subnet `id` of the data source (required against a real account)")
	b.fs.Func("queue", "`name` of a queue to bind (repeatable; the fake defaults to q1 and q2)", func(s string) error {
		*queues = append(*queues, s)
		return nil
	})
	b.fs.BoolVar(&p.keep, "keep", false, "keep the connection instead of deleting it at the end")
	b.fs.DurationVar(&p.waitFor, "wait-for", wrapper.DefaultWaitLimit, "give up waiting for ACTIVE after this long")
	return b, p, queues
}

func demoFlags() *builtinFlags { b, _, _ := newDemoFlags(); return b }

// runDemo runs the documented procedure and cleans up after itself, printing each step for a
// person to read, or with -o json one document for a script.
func runDemo(ctx context.Context, e *env, args []string) int {
	b, p, queues := newDemoFlags()
	if _, code, ok := b.parse(e, args); !ok {
		return code
	}
	if err := e.setOutput(b.g.output, "text", "table", "json"); err != nil {
		return e.fail(err)
	}
	e.implicitFake = true
	if err := e.connect(b.g); err != nil {
		return e.fail(err)
	}
	defer e.close()
	p.queues = *queues
	if e.usingFake {
		p.vpc, p.subnet = cmp(p.vpc, demoVPC), cmp(p.subnet, demoSubnet)
		if len(p.queues) == 0 {
			p.queues = []string{"q1", "q2"}
		}
	} else if p.vpc == "" || p.subnet == "" || len(p.queues) == 0 {
		return e.fail(usageError(errors.New("against a real account the demo needs --vpc, --subnet and at least one --queue")))
	}
	e.timeoutHint = fmt.Sprintf("the demo waits at most --wait-for %s for ACTIVE; each call may take --timeout %s", p.waitFor, b.g.timeout)
	var out demoOutput
	if e.output == "json" {
		out = &demoJSON{}
	} else {
		out = &demoText{w: e.stdout}
	}
	err := demo(ctx, e, *p, out)
	if err == nil {
		err = out.finish(e.stdout)
	}
	return e.fail(err)
}

// demoOutput is how the demo reports its steps: text for a person as they happen, or one JSON
// document for a script at the end.
type demoOutput interface {
	start(target, projectID string)
	// begin announces step n; result reports what its call sent and answered.
	begin(n int, title string)
	result(operation string, request, answer any, s *schema) error
	progress() func(wrapper.WaitProgress)
	done(summary string)
	finish(w io.Writer) error
}

func demo(ctx context.Context, e *env, p demoPlan, out demoOutput) (err error) {
	target := "the real DLI service"
	if e.usingFake {
		target = "the embedded fake DLI"
	}
	project, err := e.client.ProjectID(ctx)
	if err != nil {
		return err
	}
	out.start(target, project)

	out.begin(1, fmt.Sprintf("Create connection %q to VPC %s, subnet %s, for queues %s, with 2 hosts",
		p.name, p.vpc, p.subnet, strings.Join(p.queues, ", ")))
	req := gen.CreateEnhancedConnectionRequest{
		Name: p.name, DestVpcID: p.vpc, DestNetworkID: p.subnet, Queues: p.queues,
		Hosts: []gen.Host{{Name: "ecs-97f8-0001", IP: "192.168.0.1"}, {Name: "ecs-97f8-0002", IP: "192.168.0.2"}},
	}
	created, err := e.client.CreateEnhancedConnection(ctx, req)
	if err := e.settleCreate(created, err); err != nil {
		return err
	}
	id := created.ConnectionID
	if !p.keep {
		defer func() {
			if err != nil {
				e.cleanUp(ctx, id)
			}
		}()
	}
	byID := map[string]string{"connection_id": id}
	if err := out.result(opCreateEnhancedConnection.id, req, created, opCreateEnhancedConnection.answer); err != nil {
		return err
	}

	out.begin(2, "Wait until the connection and the peering of every queue are ACTIVE")
	waitCtx, cancel := context.WithTimeout(ctx, p.waitFor)
	defer cancel()
	conn, err := e.client.WaitActive(waitCtx, id, wrapper.WithPollInterval(500*time.Millisecond),
		wrapper.WithMaxPollInterval(10*time.Second), wrapper.WithWaitLimit(0), wrapper.WithProgress(out.progress()))
	if err != nil {
		return fmt.Errorf("connection %s did not become ACTIVE: %w", id, err)
	}
	if err := out.result("WaitActive", byID, conn, opShowEnhancedConnection.answer); err != nil {
		return err
	}

	out.begin(3, "Show the connection")
	shown, err := e.client.ShowEnhancedConnection(ctx, id)
	if err != nil {
		return err
	}
	if err := out.result(opShowEnhancedConnection.id, byID, shown, opShowEnhancedConnection.answer); err != nil {
		return err
	}

	out.begin(4, "List the project's connections")
	list := gen.ListEnhancedConnectionsResponse{Connections: []gen.EnhancedConnection{}}
	for c, err := range e.client.Connections(ctx, nil) {
		if err != nil {
			return err
		}
		list.Connections = append(list.Connections, c)
	}
	list.Count = int32(len(list.Connections))
	if err := out.result(opListEnhancedConnections.id, nil, list, opListEnhancedConnections.answer); err != nil {
		return err
	}

	if p.keep {
		out.done(fmt.Sprintf("Done: connection %s is ACTIVE and was kept.", id))
		return nil
	}
	out.begin(5, "Delete the connection")
	deleted, err := e.client.DeleteEnhancedConnection(ctx, id)
	if err != nil {
		return err
	}
	if err := out.result(opDeleteEnhancedConnection.id, byID, deleted, opDeleteEnhancedConnection.answer); err != nil {
		return err
	}
	out.done(fmt.Sprintf("Done: connection %s was created, became ACTIVE, and was deleted.", id))
	return nil
}

// demoCleanupTimeout bounds the delete of a demo that failed or was interrupted.
const demoCleanupTimeout = 30 * time.Second

// cleanUp deletes the connection a demo made when the demo does not finish (Ctrl-C, a FAILED
// peering, a call that failed): against a real account it is a resource that costs money. The
// delete runs after ctx has ended (a second Ctrl-C still stops the process at once); when it
// cannot be done, the message says exactly what to delete.
func (e *env) cleanUp(ctx context.Context, id string) {
	del, cancel := context.WithTimeout(context.WithoutCancel(ctx), demoCleanupTimeout)
	defer cancel()
	fmt.Fprintf(e.stderr, "edsconn: the demo did not finish: deleting connection %s, which it created\n", id)
	if _, err := e.client.DeleteEnhancedConnection(del, id); err != nil && !wrapper.IsNotFound(err) {
		fmt.Fprintf(e.stderr, "edsconn: connection %s is left behind (%v): delete it with\n  edsconn delete %s\n"+
			"(a connection still CREATING cannot be deleted: wait for it first, edsconn wait %s)\n", id, err, id, id)
		return
	}
	fmt.Fprintf(e.stderr, "edsconn: deleted connection %s\n", id)
}

// demoText prints the steps as they happen, with tables.
type demoText struct {
	w       io.Writer
	waiting time.Time
}

func (d *demoText) start(target, projectID string) {
	fmt.Fprintf(d.w, "Enhanced connection procedure against %s (project %s)\n\n", target, projectID)
}

func (d *demoText) begin(n int, title string) {
	fmt.Fprintf(d.w, "%d. %s\n", n, title)
	d.waiting = time.Now()
}

func (d *demoText) result(operation string, _, answer any, s *schema) error {
	if operation == "WaitActive" {
		// The next step shows the connection: the wait only says how long it took.
		_, err := fmt.Fprintf(d.w, "   ACTIVE after %s\n\n", time.Since(d.waiting).Round(100*time.Millisecond))
		return err
	}
	g, err := toGeneric(answer)
	if err != nil {
		return err
	}
	if err := renderAnswer(d.w, g, s, "   "); err != nil {
		return err
	}
	_, err = fmt.Fprintln(d.w)
	return err
}

func (d *demoText) progress() func(wrapper.WaitProgress) { return progressPrinter(d.w, "   ") }

func (d *demoText) done(summary string) { fmt.Fprintln(d.w, summary) }

func (d *demoText) finish(io.Writer) error { return nil }
