// Command prismcheck proves the spec against a mock that nobody on this project wrote: it calls
// every operation of the spec through the generated Go client (gen.NewClient) against Prism
// (`prism mock spec/enhanced-connections.yaml`), with the request bodies of the seed examples
// (testdata/examples/*.request.*.json), and checks that Prism accepts each call and that the
// client parses Prism's answer into its typed 2xx body. Then it sends requests the spec forbids
// and checks that Prism refuses each one for the expected field.
//
// A call is accepted when the status is the operation's declared success status and Prism
// reports no violation (its sl-violations header is absent). A call is refused when the status
// is the expected 4xx and a violation names the expected location (e.g. request.body.name).
//
// One line per check; exit status 1 if any check fails, 2 on bad usage.
//
//	go run ./internal/prismcheck -url http://127.0.0.1:4010
//
// scripts/prism-check.sh starts Prism on loopback and runs this.
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"time"

	enhancedconnections "github.com/dli-openapi/enhanced-connections"
	"github.com/dli-openapi/enhanced-connections/gen"
)

// Path parameters: the spec's examples.
const (
	projectID    = "48cc2c48765f481480c7db940d6409d1"
	connectionID = "2a620c33-5609-40c9-affd-2b6453071b0f"
	routeName    = "route"
)

// A check is one call and what Prism must make of it.
type check struct {
	op   string // operationId
	what string // what is sent
	call func(ctx context.Context) (*http.Response, error)

	// Accepted calls: the declared success status, and a parse of the answer with the generated
	// client's ParseXxx function that says what typed body it found ("" and an error if none).
	status int
	parse  func(*http.Response) (string, error)

	// Refused calls: the expected 4xx and the location a violation must name.
	refuseStatus int
	refuseAt     string
}

type violation struct {
	Location []string `json:"location"`
	Code     any      `json:"code"`
	Message  string   `json:"message"`
}

func main() {
	base := flag.String("url", "", "base URL of the Prism mock, e.g. http://127.0.0.1:4010 (required)")
	examples := flag.String("examples", "testdata/examples", "directory of the seed examples")
	timeout := flag.Duration("timeout", 2*time.Minute, "time limit for all checks")
	flag.Parse()
	if *base == "" || flag.NArg() > 0 {
		flag.Usage()
		os.Exit(2)
	}
	ctx, cancel := context.WithTimeout(context.Background(), *timeout)
	defer cancel()

	httpClient := &http.Client{Timeout: 30 * time.Second}
	// Prism checks the spec's security: IamToken is an apiKey in the X-Auth-Token header.
	client, err := gen.NewClient(*base, gen.WithHTTPClient(httpClient),
		gen.WithRequestEditorFn(func(_ context.Context, req *http.Request) error {
			req.Header.Set("X-Auth-Token", "prismcheck-token")
			return nil
		}))
	if err != nil {
		fatal(err)
	}
	anonymous, err := gen.NewClient(*base, gen.WithHTTPClient(httpClient))
	if err != nil {
		fatal(err)
	}

	checks, err := allChecks(client, anonymous, *examples)
	if err != nil {
		fatal(err)
	}

	failed := 0
	accepted := map[string]bool{}
	for _, c := range checks {
		line, err := run(ctx, c)
		if err != nil {
			failed++
			fmt.Printf("FAIL %-7s %s %s: %v\n", kind(c), c.op, c.what, err)
			continue
		}
		if c.refuseStatus == 0 {
			accepted[c.op] = true
		}
		fmt.Printf("ok   %-7s %s %s: %s\n", kind(c), c.op, c.what, line)
	}

	// Every operation of the spec must have been accepted at least once.
	ops, err := specOperations(ctx)
	if err != nil {
		fatal(err)
	}
	uncovered := 0
	for _, op := range ops {
		if !accepted[op] {
			uncovered++
			fmt.Printf("FAIL accept  %s: no accepted call (add one to internal/prismcheck)\n", op)
		}
	}
	if failed > 0 || uncovered > 0 {
		fmt.Printf("%d of %d checks failed; %d of %d operations never accepted\n", failed, len(checks), uncovered, len(ops))
		os.Exit(1)
	}
	fmt.Printf("all %d checks passed: Prism accepted every one of the %d operations and refused every invalid request\n",
		len(checks), len(ops))
}

func kind(c check) string {
	if c.refuseStatus != 0 {
		return "refuse"
	}
	return "accept"
}

func run(ctx context.Context, c check) (string, error) {
	rsp, err := c.call(ctx)
	if err != nil {
		return "", err
	}
	defer func() { _ = rsp.Body.Close() }()
	violations, err := parseViolations(rsp.Header.Get("sl-violations"))
	if err != nil {
		return "", err
	}
	if c.refuseStatus != 0 {
		if rsp.StatusCode != c.refuseStatus {
			return "", fmt.Errorf("status %d, want %d (violations: %s)", rsp.StatusCode, c.refuseStatus, describe(violations))
		}
		for _, v := range violations {
			if at := strings.Join(v.Location, "."); at == c.refuseAt || strings.HasPrefix(at, c.refuseAt+".") {
				return fmt.Sprintf("%d, %s: %s", rsp.StatusCode, at, shorten(v.Message)), nil
			}
		}
		return "", fmt.Errorf("status %d but no violation at %s (violations: %s)", rsp.StatusCode, c.refuseAt, describe(violations))
	}
	if rsp.StatusCode != c.status || len(violations) > 0 {
		return "", fmt.Errorf("status %d, want %d; violations: %s", rsp.StatusCode, c.status, describe(violations))
	}
	typed, err := c.parse(rsp)
	if err != nil {
		return "", fmt.Errorf("status %d but the generated client cannot read the answer: %w", rsp.StatusCode, err)
	}
	return fmt.Sprintf("%d, %s", rsp.StatusCode, typed), nil
}

func parseViolations(h string) ([]violation, error) {
	if h == "" {
		return nil, nil
	}
	var vs []violation
	if err := json.Unmarshal([]byte(h), &vs); err != nil {
		return nil, fmt.Errorf("unreadable sl-violations header %q: %w", h, err)
	}
	return vs, nil
}

func describe(vs []violation) string {
	if len(vs) == 0 {
		return "none"
	}
	var parts []string
	for _, v := range vs {
		parts = append(parts, fmt.Sprintf("%s: %s", strings.Join(v.Location, "."), shorten(v.Message)))
	}
	return strings.Join(parts, "; ")
}

func shorten(s string) string {
	if len(s) > 90 {
		return s[:87] + "..."
	}
	return s
}

// seedChecks sends every request body of testdata/examples with the operation it belongs to,
// decoded strictly into the generated request type (a field the type lacks is an error).
func seedChecks(c *gen.Client, dir string) ([]check, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*.request.*.json"))
	if err != nil {
		return nil, err
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("no seed request in %s (run from the module root or pass -examples)", dir)
	}
	sort.Strings(files)
	builders := seedBuilders(c)
	var checks []check
	for _, f := range files {
		name := filepath.Base(f)
		op, _, _ := strings.Cut(name, ".request.")
		raw, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		what := "with seed " + name
		build, ok := builders[op]
		if !ok {
			return nil, fmt.Errorf("%s: no check for operation %q (add one to internal/prismcheck)", name, op)
		}
		ch, err := build(raw)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		ch.op, ch.what = op, what
		checks = append(checks, ch)
	}
	return checks, nil
}

// seedBuilders maps each operation with a request body to the check that sends a seed's body.
func seedBuilders(c *gen.Client) map[string]func(raw []byte) (check, error) {
	return map[string]func(raw []byte) (check, error){
		"CreateEnhancedConnection": fromSeed(func(b gen.CreateEnhancedConnectionJSONRequestBody) check {
			return createCheck(c, "", b)
		}),
		"CreateRouteToEnhancedConnection": fromSeed(func(b gen.CreateRouteToEnhancedConnectionJSONRequestBody) check {
			return routeCheck(c, "", b)
		}),
		"UpdateEnhancedConnection": fromSeed(func(b gen.UpdateEnhancedConnectionJSONRequestBody) check {
			return statusCheck(func(ctx context.Context) (*http.Response, error) {
				return c.UpdateEnhancedConnection(ctx, projectID, connectionID, nil, b)
			}, status(gen.ParseUpdateEnhancedConnectionHTTPResponse, func(r *gen.UpdateEnhancedConnectionHTTPResponse) *gen.StatusResponse { return r.JSON200 }))
		}),
		"AssociateQueueToEnhancedConnection": fromSeed(func(b gen.AssociateQueueToEnhancedConnectionJSONRequestBody) check {
			return statusCheck(func(ctx context.Context) (*http.Response, error) {
				return c.AssociateQueueToEnhancedConnection(ctx, projectID, connectionID, nil, b)
			}, status(gen.ParseAssociateQueueToEnhancedConnectionHTTPResponse, func(r *gen.AssociateQueueToEnhancedConnectionHTTPResponse) *gen.StatusResponse { return r.JSON200 }))
		}),
		"DisassociateQueueFromEnhancedConnection": fromSeed(func(b gen.DisassociateQueueFromEnhancedConnectionJSONRequestBody) check {
			return statusCheck(func(ctx context.Context) (*http.Response, error) {
				return c.DisassociateQueueFromEnhancedConnection(ctx, projectID, connectionID, nil, b)
			}, status(gen.ParseDisassociateQueueFromEnhancedConnectionHTTPResponse, func(r *gen.DisassociateQueueFromEnhancedConnectionHTTPResponse) *gen.StatusResponse { return r.JSON200 }))
		}),
		//lint:ignore SA1019 the deprecated v2.0 route paths are in the spec, so Prism must accept them too
		"CreateEnhancedConnectionRoutes": fromSeed(func(b gen.CreateEnhancedConnectionRoutesJSONRequestBody) check {
			return statusCheck(func(ctx context.Context) (*http.Response, error) {
				//lint:ignore SA1019 the deprecated v2.0 route paths are in the spec, so Prism must accept them too
				return c.CreateEnhancedConnectionRoutes(ctx, projectID, connectionID, nil, b)
			}, status(gen.ParseCreateEnhancedConnectionRoutesHTTPResponse, func(r *gen.CreateEnhancedConnectionRoutesHTTPResponse) *gen.StatusResponse { return r.JSON200 }))
		}),
	}
}

// fromSeed decodes a seed strictly into the operation's generated body type B (a field the type
// lacks is an error) and builds the operation's check with it.
func fromSeed[B any](build func(B) check) func(raw []byte) (check, error) {
	return func(raw []byte) (check, error) {
		var body B
		if err := strictDecode(raw, &body); err != nil {
			return check{}, err
		}
		return build(body), nil
	}
}

// statusCheck is the check of an operation that answers 200 with the StatusResponse envelope.
func statusCheck(call func(context.Context) (*http.Response, error), parse func(*http.Response) (string, error)) check {
	return check{status: 200, call: call, parse: parse}
}

func strictDecode(raw []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return fmt.Errorf("does not decode into %T: %w", v, err)
	}
	return nil
}

func createCheck(c *gen.Client, what string, body gen.CreateEnhancedConnectionJSONRequestBody) check {
	return check{op: "CreateEnhancedConnection", what: what, status: 201,
		call: func(ctx context.Context) (*http.Response, error) {
			return c.CreateEnhancedConnection(ctx, projectID, nil, body)
		},
		parse: typed(gen.ParseCreateEnhancedConnectionHTTPResponse,
			func(r *gen.CreateEnhancedConnectionHTTPResponse) *gen.CreateEnhancedConnectionResponse {
				if r.JSON201 == nil || r.JSON201.ConnectionID == "" {
					return nil
				}
				return r.JSON201
			}, "no typed 201 body with connection_id",
			func(b *gen.CreateEnhancedConnectionResponse) (*bool, string) {
				return b.IsSuccess, "connection_id " + b.ConnectionID
			})}
}

func routeCheck(c *gen.Client, what string, body gen.CreateRouteToEnhancedConnectionJSONRequestBody) check {
	return check{op: "CreateRouteToEnhancedConnection", what: what, status: 200,
		call: func(ctx context.Context) (*http.Response, error) {
			return c.CreateRouteToEnhancedConnection(ctx, projectID, connectionID, nil, body)
		},
		parse: status(gen.ParseCreateRouteToEnhancedConnectionHTTPResponse, func(r *gen.CreateRouteToEnhancedConnectionHTTPResponse) *gen.StatusResponse { return r.JSON200 })}
}

// status makes the parse of an operation that answers the StatusResponse envelope.
func status[R any](parse func(*http.Response) (*R, error), body func(*R) *gen.StatusResponse) func(*http.Response) (string, error) {
	return typed(parse, body, "no typed 200 body", func(s *gen.StatusResponse) (*bool, string) {
		return s.IsSuccess, fmt.Sprintf("is_success true, message %q", s.Message)
	})
}

// typed makes the parse of an operation from its generated parser: body picks the typed answer
// out of the parsed response (nil when it is missing or lacks what the check needs, reported as
// missing), and describe gives its is_success flag and the one-line summary of an accepted call.
func typed[R, B any](parse func(*http.Response) (*R, error), body func(*R) *B, missing string,
	describe func(*B) (isSuccess *bool, summary string)) func(*http.Response) (string, error) {
	return func(rsp *http.Response) (string, error) {
		r, err := parse(rsp)
		if err != nil {
			return "", err
		}
		b := body(r)
		if b == nil {
			return "", errors.New(missing)
		}
		ok, summary := describe(b)
		if err := success(ok); err != nil {
			return "", err
		}
		return summary, nil
	}
}

func success(b *bool) error {
	if b == nil || !*b {
		return errors.New("is_success is not true")
	}
	return nil
}

// bodilessChecks calls the operations that take no request body, with the spec's example values.
func bodilessChecks(c *gen.Client) []check {
	xProject := gen.XProjectID(projectID)
	limit, offset := int32(100), int32(0)
	active := gen.ConnectionStatusFilter("ACTIVE")
	name, tags := "withvpc", "env=prod,team=data"
	list := func(what string, params *gen.ListEnhancedConnectionsParams) check {
		return check{op: "ListEnhancedConnections", what: what, status: 200,
			call: func(ctx context.Context) (*http.Response, error) {
				return c.ListEnhancedConnections(ctx, projectID, params)
			},
			parse: typed(gen.ParseListEnhancedConnectionsHTTPResponse,
				func(r *gen.ListEnhancedConnectionsHTTPResponse) *gen.ListEnhancedConnectionsResponse {
					return r.JSON200
				},
				"no typed 200 body",
				func(b *gen.ListEnhancedConnectionsResponse) (*bool, string) {
					return b.IsSuccess, fmt.Sprintf("%d connection(s)", len(b.Connections))
				})}
	}
	return []check{
		list("without query", nil),
		list("with every query parameter and X-Project-Id", &gen.ListEnhancedConnectionsParams{
			Limit: &limit, Offset: &offset, Status: &active, Name: &name, Tags: &tags, XProjectID: &xProject,
		}),
		{op: "ShowEnhancedConnection", what: "of " + connectionID, status: 200,
			call: func(ctx context.Context) (*http.Response, error) {
				return c.ShowEnhancedConnection(ctx, projectID, connectionID, &gen.ShowEnhancedConnectionParams{XProjectID: &xProject})
			},
			parse: typed(gen.ParseShowEnhancedConnectionHTTPResponse,
				func(r *gen.ShowEnhancedConnectionHTTPResponse) *gen.ShowEnhancedConnectionResponse {
					if r.JSON200 == nil || r.JSON200.ID == "" {
						return nil
					}
					return r.JSON200
				}, "no typed 200 body with id",
				func(b *gen.ShowEnhancedConnectionResponse) (*bool, string) {
					return b.IsSuccess, fmt.Sprintf("id %s, %d host(s)", b.ID, len(b.Hosts))
				})},
		{op: "ShowEnhancedConnectionPrivilege", what: "of " + connectionID, status: 200,
			call: func(ctx context.Context) (*http.Response, error) {
				return c.ShowEnhancedConnectionPrivilege(ctx, projectID, connectionID, nil)
			},
			parse: typed(gen.ParseShowEnhancedConnectionPrivilegeHTTPResponse,
				func(r *gen.ShowEnhancedConnectionPrivilegeHTTPResponse) *gen.ShowEnhancedConnectionPrivilegeResponse {
					return r.JSON200
				}, "no typed 200 body",
				func(b *gen.ShowEnhancedConnectionPrivilegeResponse) (*bool, string) {
					return b.IsSuccess, fmt.Sprintf("%d privilege entr(ies)", len(b.Privileges))
				})},
		{op: "DeleteRouteFromEnhancedConnection", what: "route " + routeName, status: 200,
			call: func(ctx context.Context) (*http.Response, error) {
				return c.DeleteRouteFromEnhancedConnection(ctx, projectID, connectionID, routeName, nil)
			},
			parse: status(gen.ParseDeleteRouteFromEnhancedConnectionHTTPResponse, func(r *gen.DeleteRouteFromEnhancedConnectionHTTPResponse) *gen.StatusResponse { return r.JSON200 })},
		{op: "DeleteEnhancedConnectionRoutes", what: "route " + routeName, status: 200,
			call: func(ctx context.Context) (*http.Response, error) {
				//lint:ignore SA1019 the deprecated v2.0 route paths are in the spec, so Prism must accept them too
				return c.DeleteEnhancedConnectionRoutes(ctx, projectID, connectionID, routeName, nil)
			},
			parse: status(gen.ParseDeleteEnhancedConnectionRoutesHTTPResponse, func(r *gen.DeleteEnhancedConnectionRoutesHTTPResponse) *gen.StatusResponse { return r.JSON200 })},
		{op: "DeleteEnhancedConnection", what: connectionID, status: 200,
			call: func(ctx context.Context) (*http.Response, error) {
				return c.DeleteEnhancedConnection(ctx, projectID, connectionID, nil)
			},
			parse: status(gen.ParseDeleteEnhancedConnectionHTTPResponse, func(r *gen.DeleteEnhancedConnectionHTTPResponse) *gen.StatusResponse { return r.JSON200 })},
	}
}

// refusedChecks sends requests the spec forbids; the generated client does not validate, so they
// reach Prism as they are.
func refusedChecks(c, anonymous *gen.Client) []check {
	valid := func() gen.CreateEnhancedConnectionJSONRequestBody {
		ip := "192.168.0.1"
		host := "ecs-97f8-0001"
		return gen.CreateEnhancedConnectionJSONRequestBody{
			Name: "rds_conn", DestVpcID: "22094d8f-c310-4621-913d-4c4d655d8495",
			DestNetworkID: "78f2562a-36e4-4b39-95b9-f5aab22e1281", Queues: []string{"q1"},
			Hosts: []gen.Host{{IP: ip, Name: host}},
		}
	}
	create := func(what, at string, edit func(*gen.CreateEnhancedConnectionJSONRequestBody)) check {
		body := valid()
		edit(&body)
		return check{op: "CreateEnhancedConnection", what: what, refuseStatus: 400, refuseAt: at,
			call: func(ctx context.Context) (*http.Response, error) {
				return c.CreateEnhancedConnection(ctx, projectID, nil, body)
			}}
	}
	badIP := "192.168.0.256"
	// "Active" is valid (the service compares case-insensitively); CREATING is a state no filter takes.
	creating := gen.ConnectionStatusFilter(gen.ConnectionCreating)
	return []check{
		create(`with name "bad-name"`, "request.body.name", func(b *gen.CreateEnhancedConnectionJSONRequestBody) {
			b.Name = "bad-name"
		}),
		create("with 20,001 hosts", "request.body.hosts", func(b *gen.CreateEnhancedConnectionJSONRequestBody) {
			ip, name := "192.168.0.1", "h"
			b.Hosts = slices.Repeat([]gen.Host{{IP: ip, Name: name}}, 20001)
		}),
		create(`with host ip "`+badIP+`"`, "request.body.hosts.0.ip", func(b *gen.CreateEnhancedConnectionJSONRequestBody) {
			b.Hosts[0].IP = badIP
		}),
		create("with an empty dest_vpc_id", "request.body.dest_vpc_id", func(b *gen.CreateEnhancedConnectionJSONRequestBody) {
			b.DestVpcID = ""
		}),
		create(`with tag key "_sys_env"`, "request.body.tags.0.key", func(b *gen.CreateEnhancedConnectionJSONRequestBody) {
			b.Tags = []gen.Tag{{Key: "_sys_env", Value: "prod"}}
		}),
		create("with 21 tags", "request.body.tags", func(b *gen.CreateEnhancedConnectionJSONRequestBody) {
			b.Tags = slices.Repeat([]gen.Tag{{Key: "env", Value: "prod"}}, 21)
		}),
		{op: "ListEnhancedConnections", what: `with status "CREATING"`, refuseStatus: 400, refuseAt: "request.query.status",
			call: func(ctx context.Context) (*http.Response, error) {
				return c.ListEnhancedConnections(ctx, projectID, &gen.ListEnhancedConnectionsParams{Status: &creating})
			}},
		{op: "ShowEnhancedConnection", what: `of connection "not-a-uuid"`, refuseStatus: 400, refuseAt: "request.path.connection_id",
			call: func(ctx context.Context) (*http.Response, error) {
				return c.ShowEnhancedConnection(ctx, projectID, "not-a-uuid", nil)
			}},
		{op: "CreateRouteToEnhancedConnection", what: `with cidr "300.1.1.1/33"`, refuseStatus: 400, refuseAt: "request.body.cidr",
			call: func(ctx context.Context) (*http.Response, error) {
				return c.CreateRouteToEnhancedConnection(ctx, projectID, connectionID, nil,
					gen.CreateRouteToEnhancedConnectionJSONRequestBody{Name: "rds-net", Cidr: "300.1.1.1/33"})
			}},
		{op: "UpdateEnhancedConnection", what: "without the required hosts", refuseStatus: 400, refuseAt: "request.body",
			call: func(ctx context.Context) (*http.Response, error) {
				return c.UpdateEnhancedConnectionWithBody(ctx, projectID, connectionID, nil, "application/json", strings.NewReader(`{}`))
			}},
		{op: "ListEnhancedConnections", what: "without credentials", refuseStatus: 401, refuseAt: "request",
			call: func(ctx context.Context) (*http.Response, error) {
				return anonymous.ListEnhancedConnections(ctx, projectID, nil)
			}},
	}
}

// allChecks is every check, in the order they run: the seed examples, the calls built here,
// then the requests Prism must refuse.
func allChecks(client, anonymous *gen.Client, examples string) ([]check, error) {
	seeds, err := seedChecks(client, examples)
	if err != nil {
		return nil, err
	}
	checks := append(seeds, bodilessChecks(client)...)
	checks = append(checks, familyChecks(client)...)
	checks = append(checks, refusedChecks(client, anonymous)...)
	return append(checks, familyRefusedChecks(client)...), nil
}

// specOperations lists the operationIds of the spec embedded in the module.
func specOperations(ctx context.Context) ([]string, error) {
	doc, err := enhancedconnections.Load(ctx)
	if err != nil {
		return nil, err
	}
	var ops []string
	for _, item := range doc.Paths.Map() {
		for _, op := range item.Operations() {
			ops = append(ops, op.OperationID)
		}
	}
	sort.Strings(ops)
	return ops, nil
}

func fatal(err error) {
	fmt.Fprintln(os.Stderr, "prismcheck:", err)
	os.Exit(2)
}
