package wrapper_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/dli-openapi/enhanced-connections/fake"
	"github.com/dli-openapi/enhanced-connections/gen"
	"github.com/dli-openapi/enhanced-connections/wrapper"
)

// The outcomes of a create, as a caller sees them.
const (
	outCreated    = "created"     // DLI's own answer
	outRecovered  = "recovered"   // found by the lookup after the answer was lost
	outNotCreated = "not created" // CreateOutcomeError, CreateNotDone
	outExists     = "exists"      // CreateOutcomeError, CreateExists
	outUnknown    = "unknown"     // CreateOutcomeError, CreateUnknown
	outError      = "plain error" // any other error
	otherVPC      = "vpc-of-someone-else"
)

// outcomeOf sorts what a create returned.
func outcomeOf(resp *gen.CreateEnhancedConnectionResponse, err error) string {
	var oe *wrapper.CreateOutcomeError
	switch {
	case err == nil && wrapper.IsRecovered(resp):
		return outRecovered
	case err == nil:
		return outCreated
	case errors.As(err, &oe):
		switch oe.Outcome {
		case wrapper.CreateNotDone:
			return outNotCreated
		case wrapper.CreateExists:
			return outExists
		}
		return outUnknown
	}
	return outError
}

// summary is a create's result in a few words, for the README's table.
func summary(resp *gen.CreateEnhancedConnectionResponse, err error) string {
	var oe *wrapper.CreateOutcomeError
	switch {
	case err == nil && wrapper.IsRecovered(resp):
		return "ok, recovered (`IsRecovered`)"
	case err == nil:
		return "ok"
	case errors.As(err, &oe):
		s := "`CreateOutcomeError` " + map[wrapper.CreateOutcome]string{
			wrapper.CreateNotDone: "NotDone", wrapper.CreateExists: "Exists", wrapper.CreateUnknown: "Unknown"}[oe.Outcome]
		if id := oe.ExistingID(); id != "" {
			s += " naming it"
		}
		return s + " (" + errClass(oe.Err) + ")"
	}
	return errClass(err)
}

// errClass names an error: HTTP status and code, invalid answer, deadline, or the transport's
// last words.
func errClass(err error) string {
	var apiErr *wrapper.APIError
	var invalid *wrapper.InvalidAnswerError
	switch {
	case errors.As(err, &apiErr):
		return strings.TrimSpace(fmt.Sprintf("HTTP %d %s", apiErr.StatusCode, apiErr.Code))
	case errors.As(err, &invalid):
		return "invalid answer: " + invalid.Field
	case errors.Is(err, context.DeadlineExceeded):
		return "deadline exceeded"
	case errors.Is(err, context.Canceled):
		return "canceled"
	}
	msg := err.Error()
	return msg[strings.LastIndex(msg, ": ")+2:]
}

// named returns the live connections with name.
func named(srv *fake.Running, name string) []gen.EnhancedConnection {
	var out []gen.EnhancedConnection
	for _, c := range srv.LiveConnections(fakeProject) {
		if c.Name == name {
			out = append(out, c)
		}
	}
	return out
}

// recoverEnv is one case's fake, client and rival (another caller of the same project).
type recoverEnv struct {
	srv    *fake.Running
	client *wrapper.Client
	rival  *wrapper.Client
	// clockOffset shifts the fake's clock (DLI's) from this machine's.
	clockOffset *atomic.Int64
	// onCreateAnswer and onListAnswer run in the client's middleware after an attempt of the
	// create or of a lookup, with the attempt's number.
	onCreateAnswer, onListAnswer func(attempt int)
	// createBody replaces the body of a 201 answer to a create, when set.
	createBody string
}

func newRecoverEnv(t *testing.T, timeout time.Duration) *recoverEnv {
	t.Helper()
	env := &recoverEnv{clockOffset: new(atomic.Int64)}
	srv, err := fake.Start(fake.Options{
		Credentials: map[string]string{fakeAK: fakeSK},
		Now:         func() time.Time { return time.Now().Add(time.Duration(env.clockOffset.Load())) },
	})
	require.NoError(t, err)
	t.Cleanup(func() { _ = srv.Close() })
	env.srv = srv
	hook := func(req *http.Request, next wrapper.Next) (*http.Response, error) {
		resp, err := next(req)
		op, attempt := wrapper.AttemptFromContext(req.Context())
		switch {
		case op == "CreateEnhancedConnection" && env.onCreateAnswer != nil:
			env.onCreateAnswer(attempt)
		case op == "ListEnhancedConnections" && env.onListAnswer != nil:
			env.onListAnswer(attempt)
		}
		if err == nil && op == "CreateEnhancedConnection" && resp.StatusCode == http.StatusCreated && env.createBody != "" {
			_, _ = io.Copy(io.Discard, resp.Body)
			_ = resp.Body.Close()
			resp.Body, resp.ContentLength = io.NopCloser(strings.NewReader(env.createBody)), int64(len(env.createBody))
		}
		return resp, err
	}
	env.client = faultClient(t, srv, func(cfg *wrapper.Config) {
		cfg.Timeout = timeout
		cfg.Middleware = []wrapper.Middleware{hook}
	})
	env.rival = faultClient(t, srv, nil)
	return env
}

// createRival creates the connection another caller makes: the same name, the given VPC.
func (env *recoverEnv) createRival(t *testing.T, name, vpc string) string {
	t.Helper()
	body := seedCreate(name)
	body.DestVpcID = vpc
	created, err := env.rival.CreateEnhancedConnection(context.Background(), body, wrapper.WithRecover(false))
	require.NoError(t, err)
	return created.ConnectionID
}

// recoverCases are the faults that can hit a create, and what happens around them. Each runs
// twice, with the recovery off (the client before issue 20) and on; before and after say what
// the caller gets and how many connections of the name are left.
var recoverCases = []struct {
	name       string
	faults     []fake.Fault // for the create, in order
	listFaults []fake.Fault // for the lookups
	timeout    time.Duration
	// late: the create reaches the operation after the client gave up; the test waits for it
	// before it counts the connections.
	late  bool
	setup func(t *testing.T, env *recoverEnv, name string)
	// before: the outcome with recovery off; after: with it on; conns: connections of the
	// name left before and after.
	before, after           string
	beforeConns, afterConns int
}{
	{name: "reset before the operation", faults: []fake.Fault{{Drop: true}}, before: outError, after: outCreated, afterConns: 1},
	{name: "reset after the operation (drop,after)", faults: []fake.Fault{{Drop: true, AfterHandler: true}}, before: outError, beforeConns: 1, after: outRecovered, afterConns: 1},
	{name: "500 before", faults: []fake.Fault{{Status: 500}}, before: outError, after: outNotCreated},
	{name: "500 after", faults: []fake.Fault{{Status: 500, AfterHandler: true}}, before: outError, beforeConns: 1, after: outRecovered, afterConns: 1},
	{name: "502 before", faults: []fake.Fault{{Status: 502}}, before: outError, after: outCreated, afterConns: 1},
	{name: "502 HTML page after", faults: []fake.Fault{{Status: 502, HTML: true, AfterHandler: true}}, before: outError, beforeConns: 1, after: outRecovered, afterConns: 1},
	{name: "503 before", faults: []fake.Fault{{Status: 503}}, before: outError, after: outCreated, afterConns: 1},
	{name: "503 after", faults: []fake.Fault{{Status: 503, AfterHandler: true}}, before: outError, beforeConns: 1, after: outRecovered, afterConns: 1},
	{name: "504 before", faults: []fake.Fault{{Status: 504}}, before: outError, after: outCreated, afterConns: 1},
	{name: "504 after (504,after)", faults: []fake.Fault{{Status: 504, AfterHandler: true}}, before: outError, beforeConns: 1, after: outRecovered, afterConns: 1},
	{name: "429 Retry-After 1s before", faults: []fake.Fault{{RetryAfter: time.Second}}, before: outError, after: outCreated, afterConns: 1},
	{name: "429 after", faults: []fake.Fault{{Status: 429, AfterHandler: true}}, before: outError, beforeConns: 1, after: outRecovered, afterConns: 1},
	{name: "4 x 503 before: the retries run out", faults: []fake.Fault{{Status: 503}, {Status: 503}, {Status: 503}, {Status: 503}},
		before: outError, after: outNotCreated},
	{name: "503 before, then 504 after", faults: []fake.Fault{{Status: 503}, {Status: 504, AfterHandler: true}},
		before: outError, after: outRecovered, afterConns: 1},
	{name: "504 before, then 3 x 503 before: the first may still be at work", faults: []fake.Fault{{Status: 504}, {Status: 503}, {Status: 503}, {Status: 503}},
		before: outError, after: outUnknown},
	{name: "4 x 504 before: the retries run out, DLI may still be at work", faults: []fake.Fault{{Status: 504}, {Status: 504}, {Status: 504}, {Status: 504}},
		before: outError, after: outUnknown},
	// The fake holds the request 3 s before the operation, and carries it out although the
	// client gave up, as a gateway that forwards late would: the lookup cannot see it yet.
	{name: "request held past the 500 ms deadline, carried out later", faults: []fake.Fault{{Delay: 3 * time.Second}}, timeout: 500 * time.Millisecond,
		late: true, before: outError, beforeConns: 1, after: outUnknown, afterConns: 1},
	{name: "answer delayed past the 500 ms deadline, after", faults: []fake.Fault{{Delay: 3 * time.Second, AfterHandler: true}}, timeout: 500 * time.Millisecond,
		before: outError, beforeConns: 1, after: outRecovered, afterConns: 1},
	{name: "201 without connection_id", setup: func(_ *testing.T, env *recoverEnv, _ string) { env.createBody = `{"is_success": true}` },
		before: outError, beforeConns: 1, after: outRecovered, afterConns: 1},
	{name: "reset after, lookup throttled (429 Retry-After 1s, 503)", faults: []fake.Fault{{Drop: true, AfterHandler: true}},
		listFaults: []fake.Fault{{RetryAfter: time.Second}, {Status: 503}}, before: outError, beforeConns: 1, after: outRecovered, afterConns: 1},
	{name: "reset after, lookup fails 4 times", faults: []fake.Fault{{Drop: true, AfterHandler: true}},
		listFaults: []fake.Fault{{Status: 503}, {Status: 503}, {Status: 503}, {Status: 503}}, before: outError, beforeConns: 1, after: outUnknown, afterConns: 1},
	{name: "reset after, lookup throttled past MaxRetryAfter", faults: []fake.Fault{{Drop: true, AfterHandler: true}},
		listFaults: []fake.Fault{{RetryAfter: time.Minute}}, before: outError, beforeConns: 1, after: outUnknown, afterConns: 1},
	{name: "504 before, same name of another VPC created meanwhile",
		faults: []fake.Fault{{Status: 504}},
		setup: func(t *testing.T, env *recoverEnv, name string) {
			env.onCreateAnswer = func(attempt int) {
				if attempt == 1 {
					env.createRival(t, name, otherVPC)
				}
			}
		},
		before: outError, beforeConns: 1, after: outExists, afterConns: 1},
	{name: "504 before, lookup empty, another VPC's create wins the retry",
		faults: []fake.Fault{{Status: 504}},
		setup: func(t *testing.T, env *recoverEnv, name string) {
			env.onListAnswer = func(attempt int) {
				if attempt == 1 && len(named(env.srv, name)) == 0 {
					env.createRival(t, name, otherVPC)
				}
			}
		},
		before: outError, after: outExists, afterConns: 1},
	{name: "504 before, lookup empty, an identical create wins the retry (cannot be told from this call's)",
		faults: []fake.Fault{{Status: 504}},
		setup: func(t *testing.T, env *recoverEnv, name string) {
			env.onListAnswer = func(attempt int) {
				if attempt == 1 && len(named(env.srv, name)) == 0 {
					env.createRival(t, name, seedCreate(name).DestVpcID)
				}
			}
		},
		before: outError, after: outRecovered, afterConns: 1},
	{name: "name taken by another VPC's connection, no fault", setup: func(t *testing.T, env *recoverEnv, name string) { env.createRival(t, name, otherVPC) },
		before: outError, beforeConns: 1, after: outExists, afterConns: 1},
	{name: "name taken by an identical connection, no fault", setup: func(t *testing.T, env *recoverEnv, name string) {
		env.createRival(t, name, seedCreate(name).DestVpcID)
	}, before: outError, beforeConns: 1, after: outExists, afterConns: 1},
	{name: "identical connection from an hour ago, refusal lost (reset after)", faults: []fake.Fault{{Drop: true, AfterHandler: true}},
		setup: func(t *testing.T, env *recoverEnv, name string) {
			env.clockOffset.Store(int64(-time.Hour))
			env.createRival(t, name, seedCreate(name).DestVpcID)
			env.clockOffset.Store(0)
		}, before: outError, beforeConns: 1, after: outExists, afterConns: 1},
	{name: "DLI's clock 3 min behind, reset after", faults: []fake.Fault{{Drop: true, AfterHandler: true}},
		setup:  func(_ *testing.T, env *recoverEnv, _ string) { env.clockOffset.Store(int64(-3 * time.Minute)) },
		before: outError, beforeConns: 1, after: outRecovered, afterConns: 1},
	{name: "DLI's clock 10 min behind, reset after", faults: []fake.Fault{{Drop: true, AfterHandler: true}},
		setup:  func(_ *testing.T, env *recoverEnv, _ string) { env.clockOffset.Store(int64(-10 * time.Minute)) },
		before: outError, beforeConns: 1, after: outExists, afterConns: 1},
}

// TestRecoverCreate runs every fault that can hit a create with the recovery off and on. With
// it on, the caller gets the one connection that exists, or an error saying that nothing was
// created and nothing of the name exists, or an error naming what exists; never a second
// connection. The log is the table README quotes.
func TestRecoverCreate(t *testing.T) {
	rows := make([]string, len(recoverCases))
	// The cases mostly wait (Retry-After, deadlines) on servers of their own, so they run in
	// parallel; the table is logged once all of them are done.
	t.Cleanup(func() {
		t.Logf("\n| fault | before: caller gets | conns | after: caller gets | conns | test |\n|---|---|---|---|---|---|\n%s",
			strings.Join(rows, "\n"))
	})
	for i, tc := range recoverCases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			var cells [2]string
			for j, on := range []bool{false, true} {
				env := newRecoverEnv(t, cmp(tc.timeout, 30*time.Second))
				name := fmt.Sprintf("rec_%02d_%t", i, on)
				if tc.setup != nil {
					tc.setup(t, env, name)
				}
				env.srv.InjectFaults("CreateEnhancedConnection", tc.faults...)
				env.srv.InjectFaults("ListEnhancedConnections", tc.listFaults...)
				resp, err := env.client.CreateEnhancedConnection(context.Background(), seedCreate(name), wrapper.WithRecover(on))
				settledAttempts(env.srv, "CreateEnhancedConnection", len(tc.faults))
				if tc.late {
					settledCalls(env.srv, "CreateEnhancedConnection", 1)
				}
				conns := named(env.srv, name)
				want, wantConns := tc.before, tc.beforeConns
				if on {
					want, wantConns = tc.after, tc.afterConns
				}
				assert.Equal(t, want, outcomeOf(resp, err), "recover=%t: %v", on, err)
				require.Len(t, conns, wantConns, "recover=%t: connections named %s", on, name)
				checkCreateResult(t, seedCreate(name), resp, err, conns)
				cells[j] = fmt.Sprintf("%s | %d", summary(resp, err), len(conns))
				t.Logf("recover=%t: %s: %v", on, outcomeOf(resp, err), err)
			}
			rows[i] = fmt.Sprintf("| %s | %s | %s | `%s` |", tc.name, cells[0], cells[1], t.Name())
		})
	}
}

// checkCreateResult holds a create's result to the promise, whatever the fault: an answer is
// the one connection of its name, of the request's VPC and subnet; NotDone means nothing of the
// name exists; Exists names exactly what exists, and never something of the request's network
// that the call might have made unless it is older or refused by DLI.
func checkCreateResult(t *testing.T, req gen.CreateEnhancedConnectionRequest, resp *gen.CreateEnhancedConnectionResponse, err error, conns []gen.EnhancedConnection) {
	t.Helper()
	assert.LessOrEqual(t, len(conns), 1, "never two connections of one name")
	var oe *wrapper.CreateOutcomeError
	switch {
	case err == nil:
		require.Len(t, conns, 1)
		assert.Equal(t, conns[0].ID, resp.ConnectionID, "the answer is the connection that exists")
		assert.Equal(t, req.DestVpcID, conns[0].DestVpcID)
		assert.Equal(t, req.DestNetworkID, conns[0].DestNetworkID)
		assert.True(t, *resp.IsSuccess)
	case errors.As(err, &oe):
		assert.Equal(t, req.Name, oe.Name)
		assert.Contains(t, err.Error(), oe.Reason)
		assert.NotNil(t, oe.Err, "the create's own error is kept")
		switch oe.Outcome {
		case wrapper.CreateNotDone:
			assert.Empty(t, conns, "NotDone: nothing of the name exists")
		case wrapper.CreateExists:
			require.Len(t, oe.Found, len(conns), "Exists names what exists")
			for i := range conns {
				assert.Equal(t, conns[i].ID, oe.Found[i].ID)
				assert.Contains(t, err.Error(), conns[i].ID)
			}
			if len(conns) == 1 {
				assert.Equal(t, conns[0].ID, oe.ExistingID())
			}
		}
	}
}

// settledCalls waits (at most 10 s) until operationID ran want times: a request the fake holds
// runs after the client gave up.
func settledCalls(srv *fake.Running, operationID string, want int) {
	deadline := time.Now().Add(10 * time.Second)
	for srv.Calls(operationID) < want && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
}

func cmp[T comparable](v, fallback T) T {
	var zero T
	if v == zero {
		return fallback
	}
	return v
}

// TestRecoverCreateCanceled: a caller that cancels while the create's answer is awaited gets
// CreateUnknown at once, and no lookup is sent on its behalf.
func TestRecoverCreateCanceled(t *testing.T) {
	env := newRecoverEnv(t, 30*time.Second)
	env.srv.InjectFaults("CreateEnhancedConnection", fake.Fault{Delay: time.Hour, AfterHandler: true})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go func() {
		for env.srv.Calls("CreateEnhancedConnection") == 0 {
			time.Sleep(5 * time.Millisecond)
		}
		cancel()
	}()
	_, err := env.client.CreateEnhancedConnection(ctx, seedCreate("canceled"))
	var oe *wrapper.CreateOutcomeError
	require.True(t, errors.As(err, &oe), "got %v", err)
	assert.Equal(t, wrapper.CreateUnknown, oe.Outcome)
	assert.ErrorIs(t, err, context.Canceled)
	assert.Zero(t, attempts(env.srv, "ListEnhancedConnections"), "no lookup after the caller canceled")
}

// TestRecoverLookupOutlivesTheCallersDeadline: when the caller's own context ends the create,
// the lookup still gets RecoverLookupTimeout, and finds the connection.
func TestRecoverLookupOutlivesTheCallersDeadline(t *testing.T) {
	env := newRecoverEnv(t, 30*time.Second)
	env.srv.InjectFaults("CreateEnhancedConnection", fake.Fault{Delay: time.Hour, AfterHandler: true})
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	resp, err := env.client.CreateEnhancedConnection(ctx, seedCreate("late"))
	require.NoError(t, err)
	assert.True(t, wrapper.IsRecovered(resp), resp.Message)
	assert.Contains(t, resp.Message, "context deadline exceeded")
	assert.Equal(t, named(env.srv, "late")[0].ID, resp.ConnectionID)
}

// TestRecoverNeedsNoLookupForARefusal: an answer DLI gave (a 400 naming a field) proves the
// create did not happen: no lookup, the error as it came.
func TestRecoverNeedsNoLookupForARefusal(t *testing.T) {
	srv, err := fake.Start(fake.Options{})
	require.NoError(t, err)
	t.Cleanup(func() { _ = srv.Close() })
	c, err := wrapper.New(wrapper.Config{Endpoint: srv.URL(), ProjectID: fakeProject, DisableValidation: true})
	require.NoError(t, err)
	bad := seedCreate("bad_ip")
	bad.Hosts[0].IP = "300.1.1.1"
	_, err = c.CreateEnhancedConnection(context.Background(), bad)
	var apiErr *wrapper.APIError
	require.True(t, errors.As(err, &apiErr), "got %v", err)
	var oe *wrapper.CreateOutcomeError
	assert.False(t, errors.As(err, &oe))
	assert.Zero(t, attempts(srv, "ListEnhancedConnections"))
}

// TestIsAlreadyExists: the answers that mean "the name is taken". DLI.0006 with "The object
// exists." is the row of the error-code table (opentelekomcloud-docs/data-lake-insight 27d9963,
// api-ref/source/public_parameters/error_codes.rst; HWC dli_02_0056 is the same); no reference
// page, SDK or Terraform provider says what a duplicate connection name is answered with, so the
// fake answers that code with its own message.
func TestIsAlreadyExists(t *testing.T) {
	for _, tc := range []struct {
		name string
		err  error
		want bool
	}{
		{"error-code table row", &wrapper.APIError{StatusCode: 400, Code: "DLI.0006", Message: "The object exists."}, true},
		{"the fake's duplicate name", &wrapper.APIError{StatusCode: 400, Code: "DLI.0006", Message: "Connection name dup already exists."}, true},
		{"a 400 in words", &wrapper.APIError{StatusCode: 400, Code: "DLI.0001", Message: "The connection name already exists"}, true},
		{"409 in words", &wrapper.APIError{StatusCode: 409, Message: "Already exists."}, true},
		{"not found", &wrapper.APIError{StatusCode: 400, Code: "DLI.0001", Message: "Connection x does not exist."}, false},
		{"gateway timeout", &wrapper.APIError{StatusCode: 504, Code: "APIGW.0203", Message: "Backend timeout."}, false},
		{"wrapped", fmt.Errorf("outer: %w", &wrapper.APIError{StatusCode: 400, Code: "DLI.0006"}), true},
		{"transport", errors.New("connection reset"), false},
	} {
		t.Run(tc.name, func(t *testing.T) { assert.Equal(t, tc.want, wrapper.IsAlreadyExists(tc.err)) })
	}
}

// TestRecoverConcurrentSameName: many callers create the same connection (name, VPC and subnet)
// at once through one client, and half of the answers are lost after DLI acted (504). One create
// makes the connection, DLI refuses the others as duplicates. Whoever got an answer knows the one
// connection: the one that made it gets it (created or recovered); a refusal that arrived is
// Exists naming it (never adopted); a refusal that was lost cannot be told from the create that
// made it (same name, network, and time), so it is recovered as that connection. Exactly one
// connection is left.
func TestRecoverConcurrentSameName(t *testing.T) {
	srv, c := startSignedFake(t, fake.Options{})
	const callers = 12
	for range callers / 2 {
		srv.InjectFaults("CreateEnhancedConnection", fake.Fault{Status: 504, AfterHandler: true})
	}
	var wg sync.WaitGroup
	results := make([]string, callers)
	ids := make([]string, callers)
	for i := range callers {
		wg.Go(func() {
			resp, err := c.CreateEnhancedConnection(context.Background(), seedCreate("contested"))
			results[i] = outcomeOf(resp, err)
			var oe *wrapper.CreateOutcomeError
			switch {
			case err == nil:
				ids[i] = resp.ConnectionID
			case errors.As(err, &oe):
				ids[i] = oe.ExistingID()
			}
		})
	}
	wg.Wait()
	conns := named(srv, "contested")
	require.Len(t, conns, 1)
	counts := map[string]int{}
	for i, r := range results {
		counts[r]++
		assert.Contains(t, []string{outCreated, outRecovered, outExists}, r, "caller %d", i)
		assert.Equal(t, conns[0].ID, ids[i], "caller %d (%s) knows the one connection", i, r)
	}
	assert.GreaterOrEqual(t, counts[outCreated]+counts[outRecovered], 1)
	t.Logf("%d callers of one connection: %v", callers, counts)
}

// ExampleWithRecover: a create whose answer is lost (here the fake cuts it off after the
// connection was made) comes back as the connection that exists, marked as recovered; with
// WithRecover(false) the caller gets the transport error and reconciles by itself.
func ExampleWithRecover() {
	srv, err := fake.Start(fake.Options{})
	if err != nil {
		panic(err)
	}
	defer srv.Close()
	client, err := wrapper.New(wrapper.Config{Endpoint: srv.URL(), ProjectID: exampleProject})
	if err != nil {
		panic(err)
	}
	body := gen.CreateEnhancedConnectionRequest{
		Name: "rds_conn", DestVpcID: "22094d8f-c310-4621-913d-4c4d655d8495", DestNetworkID: "78f2562a-36e4-4b39-95b9-f5aab22e1281",
	}
	srv.InjectFaults("CreateEnhancedConnection", fake.Fault{Drop: true, AfterHandler: true})
	created, err := client.CreateEnhancedConnection(context.Background(), body)
	fmt.Println(err, wrapper.IsRecovered(created), created.ConnectionID == srv.LiveConnections(exampleProject)[0].ID)

	body.Name = "other_conn"
	srv.InjectFaults("CreateEnhancedConnection", fake.Fault{Drop: true, AfterHandler: true})
	_, err = client.CreateEnhancedConnection(context.Background(), body, wrapper.WithRecover(false))
	fmt.Println(err != nil, srv.Connections(exampleProject))
	// Output:
	// <nil> true true
	// true 2
}

// ExampleCreateOutcomeError: a create that DLI refuses because the name is taken is never
// adopted; the error names the connection that has it.
func ExampleCreateOutcomeError() {
	srv, err := fake.Start(fake.Options{})
	if err != nil {
		panic(err)
	}
	defer srv.Close()
	client, err := wrapper.New(wrapper.Config{Endpoint: srv.URL(), ProjectID: exampleProject})
	if err != nil {
		panic(err)
	}
	body := gen.CreateEnhancedConnectionRequest{
		Name: "rds_conn", DestVpcID: "22094d8f-c310-4621-913d-4c4d655d8495", DestNetworkID: "78f2562a-36e4-4b39-95b9-f5aab22e1281",
	}
	first, err := client.CreateEnhancedConnection(context.Background(), body)
	if err != nil {
		panic(err)
	}
	_, err = client.CreateEnhancedConnection(context.Background(), body)
	var outcome *wrapper.CreateOutcomeError
	if errors.As(err, &outcome) {
		fmt.Println(outcome.Outcome, outcome.ExistingID() == first.ConnectionID, wrapper.IsAlreadyExists(err))
	}
	// Output:
	// a connection of that name exists and was not adopted true true
}
