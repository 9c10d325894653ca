package wrapper_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/dli-openapi/enhanced-connections/fake"
	"github.com/dli-openapi/enhanced-connections/gen"
	"github.com/dli-openapi/enhanced-connections/wrapper"
)

// TestRecoverStorm sends 300 concurrent creates of distinct names through one client, while 30
// rivals (another client of the same project) create every tenth name with another VPC at the
// same moment. The fake fails 5% of all requests at random before the operation (lookups
// included), 40% of the creates get a queued fault (resets, 5xx and 429 before and after the
// operation, answers past the deadline), and the first lookups are throttled. Each create
// must either return the one connection of its name, or fail saying that nothing of its name
// and VPC exists (and nothing does), or fail naming what exists, or (when its retries run out on
// failures that leave the request on its way) fail saying that it may exist. At the end no name
// has two connections, and every connection is the answer of exactly one create or of the name
// of a create that said it may exist: no duplicate, no orphan. The same storm with the recovery
// off (the client before issue 20) shows what it prevents: there every fault after the
// operation leaves an orphan. The log is the figures README quotes.
func TestRecoverStorm(t *testing.T) {
	if testing.Short() {
		t.Skip("load test")
	}
	t.Run("recovery off", func(t *testing.T) { recoverStorm(t, false) })
	t.Run("recovery on", func(t *testing.T) { recoverStorm(t, true) })
}

func recoverStorm(t *testing.T, recoverOn bool) {
	const (
		creates    = 300
		rivalEvery = 10
		timeout    = 10 * time.Second
	)
	srv, err := fake.Start(fake.Options{Credentials: map[string]string{fakeAK: fakeSK}, ErrorRate: 0.05, Seed: 20})
	require.NoError(t, err)
	t.Cleanup(func() { _ = srv.Close() })
	// Six attempts, where the default is four: a lookup that the random 5% and the queued
	// throttling fail four times in a row would leave an outcome unknown, which this test would
	// count as a failure of the recovery.
	retry := func(cfg *wrapper.Config) {
		cfg.Timeout = timeout
		cfg.Retry.MaxAttempts = 6
	}
	client, rivalClient := faultClient(t, srv, retry), faultClient(t, srv, retry)

	mix := []fake.Fault{
		{Drop: true, AfterHandler: true},
		{Drop: true},
		{Status: 504, AfterHandler: true},
		{Status: 504},
		{Status: 503, AfterHandler: true},
		{Status: 502, HTML: true, AfterHandler: true},
		{Status: 500, AfterHandler: true},
		{Status: 429, AfterHandler: true},
		{RetryAfter: time.Second},
		{Status: 500},
		{Delay: timeout + time.Second, AfterHandler: true},
	}
	for i := range creates * 4 / 10 {
		srv.InjectFaults("CreateEnhancedConnection", mix[i%len(mix)])
	}
	srv.InjectFaults("ListEnhancedConnections", fake.Fault{RetryAfter: time.Second}, fake.Fault{Status: 429})

	type result struct {
		name, vpc string
		rival     bool
		resp      *gen.CreateEnhancedConnectionResponse
		err       error
	}
	results := make([]result, 0, creates+creates/rivalEvery)
	for i := range creates {
		results = append(results, result{name: fmt.Sprintf("storm_%03d", i), vpc: seedCreate("").DestVpcID})
		if i%rivalEvery == 0 {
			results = append(results, result{name: fmt.Sprintf("storm_%03d", i), vpc: otherVPC, rival: true})
		}
	}
	var wg sync.WaitGroup
	start := make(chan struct{})
	for i := range results {
		wg.Go(func() {
			r := &results[i]
			body := seedCreate(r.name)
			body.DestVpcID = r.vpc
			c := client
			if r.rival {
				c = rivalClient
			}
			<-start
			r.resp, r.err = c.CreateEnhancedConnection(context.Background(), body, wrapper.WithRecover(recoverOn))
		})
	}
	begin := time.Now()
	close(start)
	wg.Wait()
	wall := time.Since(begin)

	byName := map[string][]gen.EnhancedConnection{}
	conns := srv.LiveConnections(fakeProject)
	for _, c := range conns {
		byName[c.Name] = append(byName[c.Name], c)
	}
	answered := map[string]int{} // connection id -> creates that returned it
	// mayExist are the names and VPCs of creates that failed with Unknown: the caller was told
	// that the connection may exist or appear, and to look again.
	mayExist := map[string]bool{}
	counts := map[string]int{}
	for _, r := range results {
		outcome := outcomeOf(r.resp, r.err)
		counts[outcome]++
		switch outcome {
		case outCreated, outRecovered:
			answered[r.resp.ConnectionID]++
		case outUnknown:
			mayExist[r.name+"/"+r.vpc] = true
		}
		if recoverOn {
			checkStormResult(t, r.name, r.vpc, r.resp, r.err, byName[r.name])
		}
	}
	duplicates, orphans, announced := 0, 0, 0
	for name, cs := range byName {
		if len(cs) > 1 {
			duplicates++
			t.Errorf("%s: %d connections", name, len(cs))
		}
	}
	for _, c := range conns {
		switch {
		case answered[c.ID] == 0 && mayExist[c.Name+"/"+c.DestVpcID]:
			announced++
		case answered[c.ID] != 1:
			orphans++
			if recoverOn {
				t.Errorf("connection %s (%s, %s) was returned by %d creates", c.ID, c.Name, c.DestVpcID, answered[c.ID])
			}
		}
	}
	byStatus := map[int]int{}
	for _, r := range srv.Requests() {
		if r.OperationID == "CreateEnhancedConnection" {
			byStatus[r.Status]++
		}
	}
	t.Logf("\nrecovery on: %t; %d concurrent creates (%d, and %d rivals of another VPC) through two clients in %v, -race=%t\n"+
		"acknowledged %d, recovered %d, failed %d (not created %d, exists %d, unknown %d, other %d); connections left %d "+
		"(%d of them of a create that failed with unknown), duplicates %d, orphans %d\n"+
		"create requests by status %v; creates executed %d, lookups %d",
		recoverOn, len(results), creates, len(results)-creates, wall.Round(time.Millisecond), raceEnabled,
		counts[outCreated], counts[outRecovered], len(results)-counts[outCreated]-counts[outRecovered],
		counts[outNotCreated], counts[outExists], counts[outUnknown], counts[outError],
		len(conns), announced, duplicates, orphans, fmtIntCounts(byStatus), srv.Calls("CreateEnhancedConnection"), attempts(srv, "ListEnhancedConnections"))
}

// checkStormResult holds one create of the storm to the promise: an answer is the one connection
// of its name and VPC; NotDone leaves nothing of its name and VPC; Exists names what exists;
// Unknown says that the connection of its name may exist.
func checkStormResult(t *testing.T, name, vpc string, resp *gen.CreateEnhancedConnectionResponse, err error, mine []gen.EnhancedConnection) {
	t.Helper()
	var oe *wrapper.CreateOutcomeError
	switch outcome := outcomeOf(resp, err); outcome {
	case outCreated, outRecovered:
		if assert.Len(t, mine, 1, "%s: an answer is the one connection of its name", name) {
			assert.Equal(t, mine[0].ID, resp.ConnectionID, name)
			assert.Equal(t, vpc, mine[0].DestVpcID, name)
		}
	case outNotCreated:
		for _, c := range mine {
			assert.NotEqual(t, vpc, c.DestVpcID, "%s: NotDone, yet a connection of its name and VPC exists", name)
		}
	case outUnknown:
		// The retries ran out on failures that leave the request possibly on its way (a
		// timeout under load, a 504): the connection may exist, as the error says.
		require.True(t, errors.As(err, &oe))
		assert.Equal(t, name, oe.Name)
	case outExists:
		require.True(t, errors.As(err, &oe))
		assert.NotEmpty(t, oe.Found, "%s: Exists names what exists", name)
		var ids []string
		for _, c := range mine {
			ids = append(ids, c.ID)
		}
		for _, f := range oe.Found {
			assert.Contains(t, ids, f.ID, "%s: what Exists names exists", name)
		}
	default:
		t.Errorf("%s: %s: %v", name, outcome, err)
	}
}
