package main

import (
	"context"
	"errors"
	"fmt"
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

// runDemo runs the documented procedure "create a connection, then verify that it is ACTIVE",
// and cleans up after itself, printing each step for a person to read.
func runDemo(ctx context.Context, e *env, args []string) int {
	fs, g := newFlags(e, "demo", "")
	var name, vpc, subnet string
	var queues listFlag
	var keep bool
	var waitFor time.Duration
	fs.StringVar(&name, "name", "edsconn_demo", "name of the connection to create")
	fs.StringVar(&vpc, "vpc", "", "VPC id of the data source (required against a real account)")
	fs.StringVar(&subnet, "subnet", "", "subnet id of the data source (required against a real account)")
	fs.Var(&queues, "queue", "queue to bind (repeatable; the fake defaults to q1 and q2)")
	fs.BoolVar(&keep, "keep", false, "keep the connection instead of deleting it at the end")
	fs.DurationVar(&waitFor, "wait-for", 15*time.Minute, "give up waiting for ACTIVE after this long")
	return withClient(ctx, e, fs, g, args, func(ctx context.Context, _ []string) error {
		if e.usingFake {
			vpc, subnet = cmp(vpc, demoVPC), cmp(subnet, demoSubnet)
			if len(queues) == 0 {
				queues = listFlag{"q1", "q2"}
			}
		} else if vpc == "" || subnet == "" || len(queues) == 0 {
			return usageError(errors.New("against a real account the demo needs --vpc, --subnet and at least one --queue"))
		}
		return demo(ctx, e, demoPlan{name: name, vpc: vpc, subnet: subnet, queues: queues, keep: keep, waitFor: waitFor})
	})
}

type demoPlan struct {
	name, vpc, subnet string
	queues            []string
	keep              bool
	waitFor           time.Duration
}

func demo(ctx context.Context, e *env, p demoPlan) error {
	w := e.stdout
	target := "the real DLI service"
	if e.usingFake {
		target = "the embedded fake DLI"
	}
	project, err := e.client.ProjectID(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "Enhanced connection procedure against %s (project %s)\n\n", target, project)

	h1, h2, ip1, ip2 := "ecs-97f8-0001", "ecs-97f8-0002", "192.168.0.1", "192.168.0.2"
	fmt.Fprintf(w, "1. Create connection %q to VPC %s, subnet %s, for queues %s, with 2 hosts\n",
		p.name, p.vpc, p.subnet, strings.Join(p.queues, ", "))
	created, err := e.client.CreateEnhancedConnection(ctx, gen.CreateEnhancedConnectionRequest{
		Name:          p.name,
		DestVpcID:     p.vpc,
		DestNetworkID: p.subnet,
		Queues:        p.queues,
		Hosts:         []gen.Host{{Name: h1, IP: ip1}, {Name: h2, IP: ip2}},
	})
	if err != nil {
		return err
	}
	id := created.ConnectionID
	fmt.Fprintf(w, "   created %s (%s)\n\n", id, created.Message)

	fmt.Fprintln(w, "2. Wait until the connection and the peering of every queue are ACTIVE")
	waitCtx, cancel := context.WithTimeout(ctx, p.waitFor)
	defer cancel()
	start := time.Now()
	conn, err := e.client.WaitActive(waitCtx, id, wrapper.WithPollInterval(500*time.Millisecond),
		wrapper.WithMaxPollInterval(10*time.Second), wrapper.WithProgress(progressPrinter(w)))
	if err != nil {
		return fmt.Errorf("connection %s did not become ACTIVE: %w", id, err)
	}
	fmt.Fprintf(w, "   ACTIVE after %s\n\n", time.Since(start).Round(100*time.Millisecond))

	fmt.Fprintln(w, "3. Show the connection")
	if err := printConnectionTable(w, []connectionRow{rowFromShow(conn)}); err != nil {
		return err
	}
	fmt.Fprintln(w)

	fmt.Fprintln(w, "4. List the project's connections")
	var rows []connectionRow
	for c, err := range e.client.Connections(ctx, nil) {
		if err != nil {
			return err
		}
		rows = append(rows, rowFromList(c))
	}
	if err := printConnectionTable(w, rows); err != nil {
		return err
	}
	fmt.Fprintln(w)

	if p.keep {
		fmt.Fprintf(w, "Done: connection %s is ACTIVE and was kept.\n", id)
		return nil
	}
	fmt.Fprintln(w, "5. Delete the connection")
	deleted, err := e.client.DeleteEnhancedConnection(ctx, id)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "   %s\n\n", cmp(deleted.Message, "deleted"))
	fmt.Fprintf(w, "Done: connection %s was created, became ACTIVE, and was deleted.\n", id)
	return nil
}

// cmp returns a, or b when a is empty.
func cmp(a, b string) string {
	if a != "" {
		return a
	}
	return b
}
