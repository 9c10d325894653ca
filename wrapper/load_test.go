package wrapper_test

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"runtime/debug"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/dli-openapi/enhanced-connections/fake"
	"github.com/dli-openapi/enhanced-connections/gen"
	"github.com/dli-openapi/enhanced-connections/wrapper"
)

// TestLoadMixedOperationsThroughOneClient sends 1,000 concurrent operations (creates, shows,
// lists, host updates, deletes) through ONE wrapper.Client to a fake that signs-checks every
// request and fails 5% of them at random with 500/502/503/504 (some as HTML pages), plus queued
// resets mid-answer and throttling. Run under -race it proves the client shares nothing unsafely;
// the bookkeeping proves no connection is lost and none appears that the client does not know:
// the fake ends with exactly the connections created before and during the storm, minus the
// ones deleted, and it executed exactly as many creates as the client saw succeed.
func TestLoadMixedOperationsThroughOneClient(t *testing.T) {
	if testing.Short() {
		t.Skip("load test")
	}
	const (
		preexisting = 200 // targets of the shows, updates and deletes
		operations  = 1000
	)
	srv, c := startSignedFake(t, fake.Options{ErrorRate: 0.05, Seed: 1})
	ctx := context.Background()

	// The connections the storm works on. Random faults hit these creates too; the fake's
	// random faults strike before the operation, so the client's lookup finds nothing and sends
	// the create again (a 500 it does not: nothing was created), and the test may safely try
	// again.
	existing := make([]string, preexisting)
	preRetries := 0
	for i := range existing {
		for {
			created, err := c.CreateEnhancedConnection(ctx, seedCreate(fmt.Sprintf("pre_%04d", i)))
			if err == nil {
				existing[i] = created.ConnectionID
				break
			}
			var apiErr *wrapper.APIError
			require.True(t, errors.As(err, &apiErr) && apiErr.StatusCode >= 500, "only random 5xx expected, got %v", err)
			preRetries++
		}
	}
	require.Equal(t, preexisting, srv.Calls("CreateEnhancedConnection"), "a failed create never ran")

	// Queued faults on top of the random ones: resets after a show ran, throttling of lists.
	for range 20 {
		srv.InjectFaults("ShowEnhancedConnection", fake.Fault{Drop: true, AfterHandler: true})
	}
	for range 10 {
		srv.InjectFaults("ListEnhancedConnections", fake.Fault{Status: 429})
	}

	// The mix: 30% creates, 25% shows, 15% lists, 15% updates, 15% deletes. Deletes take
	// distinct preexisting connections; shows and updates pick any, so some race a delete.
	type result struct {
		kind    string
		id      string // created or deleted connection
		err     error
		elapsed time.Duration
	}
	kinds := make([]string, operations)
	for i := range kinds {
		switch p := i % 20; {
		case p < 6:
			kinds[i] = "create"
		case p < 11:
			kinds[i] = "show"
		case p < 14:
			kinds[i] = "list"
		case p < 17:
			kinds[i] = "update"
		default:
			kinds[i] = "delete"
		}
	}
	results := make([]result, operations)
	var wg sync.WaitGroup
	start := make(chan struct{})
	deletes := 0
	for i, kind := range kinds {
		target := existing[(i*7)%preexisting]
		if kind == "delete" {
			target = existing[deletes%preexisting]
			deletes++
		}
		wg.Go(func() {
			<-start
			t0 := time.Now()
			r := result{kind: kind}
			switch kind {
			case "create":
				var created *gen.CreateEnhancedConnectionResponse
				if created, r.err = c.CreateEnhancedConnection(ctx, seedCreate(fmt.Sprintf("storm_%04d", i))); r.err == nil {
					r.id = created.ConnectionID
				}
			case "show":
				_, r.err = c.ShowEnhancedConnection(ctx, target)
			case "list":
				limit := int32(50)
				_, r.err = c.ListEnhancedConnections(ctx, &gen.ListEnhancedConnectionsParams{Limit: &limit})
			case "update":
				ip, name := fmt.Sprintf("10.1.%d.%d", i/250, i%250+1), fmt.Sprintf("h-%d", i)
				_, r.err = c.UpdateEnhancedConnection(ctx, target, gen.UpdateEnhancedConnectionRequest{Hosts: []gen.Host{{IP: ip, Name: name}}})
			case "delete":
				r.id = target
				_, r.err = c.DeleteEnhancedConnection(ctx, target)
			}
			r.elapsed = time.Since(t0)
			results[i] = r
		})
	}
	begin := time.Now()
	close(start)
	wg.Wait()
	wall := time.Since(begin)

	// Bookkeeping from the client's side.
	want := map[string]bool{}
	for _, id := range existing {
		want[id] = true
	}
	type tally struct {
		ok, failed int
		latencies  []time.Duration
		errs       map[string]int
	}
	tallies := map[string]*tally{}
	createsOK := 0
	for _, r := range results {
		tl := tallies[r.kind]
		if tl == nil {
			tl = &tally{errs: map[string]int{}}
			tallies[r.kind] = tl
		}
		tl.latencies = append(tl.latencies, r.elapsed)
		if r.err != nil {
			tl.failed++
			tl.errs[errorClass(r.err)]++
			// Only what the fake injects may fail a call (a 5xx or 429 that outlasted the retries,
			// or the one attempt of a create; a reset that outlasted the retries of a show), or
			// a show or update of a connection that a concurrent delete removed.
			var apiErr *wrapper.APIError
			switch {
			case errors.As(r.err, &apiErr) && (apiErr.Temporary() || apiErr.StatusCode == 500):
			case wrapper.IsNotFound(r.err) && (r.kind == "show" || r.kind == "update"):
			case !errors.As(r.err, &apiErr) && r.kind == "show":
			default:
				t.Errorf("%s: unexpected error %T: %v", r.kind, r.err, r.err)
			}
			continue
		}
		tl.ok++
		switch r.kind {
		case "create":
			createsOK++
			want[r.id] = true
		case "delete":
			delete(want, r.id)
		}
	}

	// The fake's side: list everything, with retries through the same client.
	all := int32(0)
	got := map[string]bool{}
	var listErr error
	for try := 0; try < 5; try++ {
		var page *gen.ListEnhancedConnectionsResponse
		if page, listErr = c.ListEnhancedConnections(ctx, &gen.ListEnhancedConnectionsParams{Limit: &all}); listErr == nil {
			for _, conn := range page.Connections {
				got[conn.ID] = true
			}
			break
		}
	}
	require.NoError(t, listErr)

	var lost, phantom []string
	for id := range want {
		if !got[id] {
			lost = append(lost, id)
		}
	}
	for id := range got {
		if !want[id] {
			phantom = append(phantom, id)
		}
	}
	assert.Empty(t, lost, "connections the client created (and did not delete) are missing")
	assert.Empty(t, phantom, "connections exist that the client never saw created")
	assert.Equal(t, len(want), srv.Connections(fakeProject))
	assert.Equal(t, preexisting+createsOK, srv.Calls("CreateEnhancedConnection"),
		"the fake executed exactly the creates the client saw succeed: none duplicated, none hidden")

	// Figures.
	reqs := srv.Requests()
	byStatus := map[int]int{}
	perOp := map[string]int{}
	for _, r := range reqs {
		byStatus[r.Status]++
		perOp[r.OperationID]++
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%d concurrent operations through one client in %v (%.0f ops/s), ErrorRate 5%%, seed 1, -race=%t\n",
		operations, wall.Round(time.Millisecond), float64(operations)/wall.Seconds(), raceEnabled)
	fmt.Fprintf(&b, "setup: %d connections created (%d creates refused by random faults and tried again)\n", preexisting, preRetries)
	for _, kind := range []string{"create", "show", "list", "update", "delete"} {
		tl := tallies[kind]
		slices.Sort(tl.latencies)
		fmt.Fprintf(&b, "%-6s %3d ok %3d failed  p50 %v  p99 %v  max %v  errors %v\n", kind, tl.ok, tl.failed,
			pct(tl.latencies, 50), pct(tl.latencies, 99), tl.latencies[len(tl.latencies)-1].Round(time.Millisecond), fmtCounts(tl.errs))
	}
	fmt.Fprintf(&b, "requests received by the fake (setup and storm and final list): %d; by status %v\n", len(reqs), fmtIntCounts(byStatus))
	fmt.Fprintf(&b, "creates executed %d = %d setup + %d succeeded in the storm; connections at the end %d (lost %d, phantom %d)",
		srv.Calls("CreateEnhancedConnection"), preexisting, createsOK, srv.Connections(fakeProject), len(lost), len(phantom))
	t.Log("\n" + b.String())
}

// raceEnabled reports whether the test binary was built with -race.
var raceEnabled = func() bool {
	if bi, ok := debug.ReadBuildInfo(); ok {
		for _, s := range bi.Settings {
			if s.Key == "-race" {
				return s.Value == "true"
			}
		}
	}
	return false
}()

// errorClass names an error for the tally: the status and code of an APIError, else "transport".
func errorClass(err error) string {
	var apiErr *wrapper.APIError
	if errors.As(err, &apiErr) {
		if wrapper.IsNotFound(err) {
			return "not found"
		}
		return fmt.Sprintf("HTTP %d", apiErr.StatusCode)
	}
	return "transport"
}

func pct(sorted []time.Duration, p int) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	i := (len(sorted)*p + 99) / 100
	return sorted[min(max(i-1, 0), len(sorted)-1)].Round(time.Millisecond)
}

func fmtCounts(m map[string]int) string {
	keys := slices.Sorted(maps.Keys(m))
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = fmt.Sprintf("%s: %d", k, m[k])
	}
	return "{" + strings.Join(parts, ", ") + "}"
}

func fmtIntCounts(m map[int]int) string {
	keys := make([]int, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Ints(keys)
	parts := make([]string, len(keys))
	for i, k := range keys {
		name := fmt.Sprint(k)
		if k == 0 {
			name = "dropped"
		}
		parts[i] = fmt.Sprintf("%s: %d", name, m[k])
	}
	return "{" + strings.Join(parts, ", ") + "}"
}
