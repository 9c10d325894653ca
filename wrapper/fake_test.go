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
	"github.com/dli-openapi/enhanced-connections/wrapper/signer"
)

const (
	fakeAK      = "FAKEAK0000000000001"
	fakeSK      = "FakeSecretKey0123456789abcdefghijklmnop"
	fakeProject = "48cc2c48765f481480c7db940d6409d1"
)

// startSignedFake runs the fake with AK/SK checking on, so every call below also proves the
// client's signatures verify on a server that recomputes them.
func startSignedFake(t *testing.T, opts fake.Options) (*fake.Running, *wrapper.Client) {
	t.Helper()
	opts.Credentials = map[string]string{fakeAK: fakeSK}
	srv, err := fake.Start(opts)
	require.NoError(t, err)
	t.Cleanup(func() { _ = srv.Close() })
	c, err := wrapper.New(wrapper.Config{
		Endpoint:    srv.URL(),
		ProjectID:   fakeProject,
		Credentials: signer.Keys(fakeAK, fakeSK),
		Retry:       wrapper.RetryPolicy{BaseDelay: time.Millisecond, MaxDelay: 10 * time.Millisecond, MaxRetryAfter: 2 * time.Second},
	})
	require.NoError(t, err)
	return srv, c
}

func seedCreate(name string) gen.CreateEnhancedConnectionRequest {
	ip1, ip2, h1, h2 := "192.168.0.1", "192.168.0.2", "ecs-97f8-0001", "ecs-97f8-0002"
	return gen.CreateEnhancedConnectionRequest{
		Name:          name,
		DestVpcID:     "22094d8f-c310-4621-913d-4c4d655d8495",
		DestNetworkID: "78f2562a-36e4-4b39-95b9-f5aab22e1281",
		Queues:        []string{"q1", "q2"},
		Hosts:         []gen.Host{{IP: ip1, Name: h1}, {IP: ip2, Name: h2}},
	}
}

func TestEveryOperationAgainstTheFake(t *testing.T) {
	srv, c := startSignedFake(t, fake.Options{})
	ctx := context.Background()

	created, err := c.CreateEnhancedConnection(ctx, seedCreate("test1"))
	require.NoError(t, err)
	id := created.ConnectionID

	shown, err := c.ShowEnhancedConnection(ctx, id)
	require.NoError(t, err)
	assert.Equal(t, "test1", shown.Name)
	assert.Len(t, shown.Hosts, 2)

	ip, host := "10.0.0.9", "db-1"
	_, err = c.UpdateEnhancedConnection(ctx, id, gen.UpdateEnhancedConnectionRequest{Hosts: []gen.Host{{IP: ip, Name: host}}})
	require.NoError(t, err)
	_, err = c.AssociateQueueToEnhancedConnection(ctx, id, gen.QueueBindingRequest{Queues: []string{"q3"}})
	require.NoError(t, err)
	_, err = c.DisassociateQueueFromEnhancedConnection(ctx, id, gen.QueueBindingRequest{Queues: []string{"q1"}})
	require.NoError(t, err)
	_, err = c.ShowEnhancedConnectionPrivilege(ctx, id)
	require.NoError(t, err)
	_, err = c.CreateRouteToEnhancedConnection(ctx, id, gen.CreateRouteRequest{Name: "rds-net", Cidr: "192.168.2.0/24"})
	require.NoError(t, err)
	// The deprecated v2.0 paths are part of the API and must keep working.
	_, err = c.CreateEnhancedConnectionRoutes(ctx, id, gen.CreateRouteRequest{Name: "old-net", Cidr: "192.168.3.0/24"})
	require.NoError(t, err)

	shown, err = c.ShowEnhancedConnection(ctx, id)
	require.NoError(t, err)
	assert.Len(t, shown.Hosts, 1, "hosts were replaced")
	var queues []string
	for _, q := range shown.AvailableQueueInfo {
		queues = append(queues, q.Name)
	}
	assert.ElementsMatch(t, []string{"q2", "q3"}, queues)
	assert.Len(t, shown.Routes, 2)

	_, err = c.CreateRouteToEnhancedConnection(ctx, id, gen.CreateRouteRequest{Name: "rds-net", Cidr: "10.1.0.0/16"})
	var apiErr *wrapper.APIError
	require.True(t, errors.As(err, &apiErr), "a duplicate route name is refused: %v", err)
	assert.Equal(t, 400, apiErr.StatusCode)
	assert.NotEmpty(t, apiErr.RequestID, "the fake sends X-Request-Id like the gateway")

	_, err = c.DeleteRouteFromEnhancedConnection(ctx, id, "rds-net")
	require.NoError(t, err)
	_, err = c.DeleteEnhancedConnectionRoutes(ctx, id, "old-net")
	require.NoError(t, err)

	page, err := c.ListEnhancedConnections(ctx, nil)
	require.NoError(t, err)
	assert.Equal(t, int32(1), page.Count)

	_, err = c.DeleteEnhancedConnection(ctx, id)
	require.NoError(t, err)
	_, err = c.DeleteEnhancedConnection(ctx, id)
	assert.True(t, wrapper.IsNotFound(err), "deleting twice: %v", err)
	assert.Zero(t, srv.Connections(fakeProject))
}

func TestWaitActiveAgainstTheFake(t *testing.T) {
	t.Run("CREATING then ACTIVE", func(t *testing.T) {
		_, c := startSignedFake(t, fake.Options{ActivationDelay: time.Second})
		ctx := context.Background()
		created, err := c.CreateEnhancedConnection(ctx, seedCreate("waits"))
		require.NoError(t, err)
		var polls []wrapper.WaitProgress
		conn, err := c.WaitActive(ctx, created.ConnectionID, wrapper.WithPollInterval(50*time.Millisecond),
			wrapper.WithProgress(func(p wrapper.WaitProgress) { polls = append(polls, p) }))
		require.NoError(t, err)
		require.NotEmpty(t, polls, "the first poll sees CREATING")
		assert.Equal(t, []string{"queue q1 (CREATING)", "queue q2 (CREATING)"}, polls[0].Pending)
		for _, p := range polls {
			assert.NotEmpty(t, p.Pending, "progress reports only what is still pending")
		}
		for _, q := range conn.AvailableQueueInfo {
			assert.Equal(t, gen.PeerActive, q.Status)
		}
	})
	t.Run("FAILED with err_msg", func(t *testing.T) {
		srv, c := startSignedFake(t, fake.Options{ActivationDelay: 50 * time.Millisecond})
		srv.FailPeering("q2", "The CIDR of the queue overlaps the data source subnet")
		ctx := context.Background()
		created, err := c.CreateEnhancedConnection(ctx, seedCreate("fails"))
		require.NoError(t, err)
		_, err = c.WaitActive(ctx, created.ConnectionID, wrapper.WithPollInterval(10*time.Millisecond))
		var failed *wrapper.PeeringFailedError
		require.True(t, errors.As(err, &failed), "got %v", err)
		assert.Equal(t, []wrapper.PeeringFailure{{Kind: "queue", Name: "q2", ErrMsg: "The CIDR of the queue overlaps the data source subnet"}}, failed.Failures)
	})
}

func TestFaultsAgainstTheFake(t *testing.T) {
	t.Run("idempotent calls recover from 503, 429 and a dropped answer", func(t *testing.T) {
		srv, c := startSignedFake(t, fake.Options{})
		ctx := context.Background()
		created, err := c.CreateEnhancedConnection(ctx, seedCreate("faulty"))
		require.NoError(t, err)
		srv.InjectFaults("ShowEnhancedConnection",
			fake.Fault{Status: 503, HTML: true},
			fake.Fault{Status: 429, RetryAfter: time.Second},
			fake.Fault{Drop: true, AfterHandler: true},
		)
		start := time.Now()
		conn, err := c.ShowEnhancedConnection(ctx, created.ConnectionID)
		require.NoError(t, err)
		assert.Equal(t, "faulty", conn.Name)
		assert.GreaterOrEqual(t, time.Since(start), time.Second, "Retry-After was honoured")
	})
	// The retry rule alone (WithRecover(false)); recover_test.go has the same faults with the
	// recovery on.
	t.Run("a create whose bytes reached the server is not repeated", func(t *testing.T) {
		for _, f := range []fake.Fault{
			{Drop: true, AfterHandler: true},
			{Status: 503, AfterHandler: true},
			{Status: 502, HTML: true, AfterHandler: true},
		} {
			srv, c := startSignedFake(t, fake.Options{})
			srv.InjectFaults("CreateEnhancedConnection", f)
			_, err := c.CreateEnhancedConnection(context.Background(), seedCreate("once"), wrapper.WithRecover(false))
			require.Error(t, err, "fault %+v", f)
			assert.Equal(t, 1, srv.Connections(fakeProject), "exactly one connection after fault %+v", f)
			assert.Equal(t, 1, srv.Calls("CreateEnhancedConnection"), "one create reached the service, fault %+v", f)
		}
	})
	t.Run("a throttled create is reported, not repeated", func(t *testing.T) {
		srv, c := startSignedFake(t, fake.Options{})
		srv.InjectFaults("CreateEnhancedConnection", fake.Fault{Status: 429, RetryAfter: time.Second})
		_, err := c.CreateEnhancedConnection(context.Background(), seedCreate("throttled"), wrapper.WithRecover(false))
		assert.True(t, wrapper.IsThrottled(err), "got %v", err)
		assert.Zero(t, srv.Connections(fakeProject))
	})
	t.Run("an answer slower than the deadline ends the call", func(t *testing.T) {
		srv, c := startSignedFake(t, fake.Options{})
		srv.InjectFaults("", fake.Fault{Delay: 5 * time.Second})
		ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
		defer cancel()
		_, err := c.ListEnhancedConnections(ctx, nil)
		require.ErrorIs(t, err, context.DeadlineExceeded)
	})
}

func TestValidationMatchesTheFake(t *testing.T) {
	// With our validation off, the fake (kin-openapi) refuses the same request with 400 naming
	// the same field: the two read one spec.
	srv, err := fake.Start(fake.Options{})
	require.NoError(t, err)
	defer srv.Close()
	on, err := wrapper.New(wrapper.Config{Endpoint: srv.URL(), ProjectID: fakeProject})
	require.NoError(t, err)
	off, err := wrapper.New(wrapper.Config{Endpoint: srv.URL(), ProjectID: fakeProject, DisableValidation: true})
	require.NoError(t, err)

	bad := seedCreate("ok_name")
	badIP := "300.1.1.1"
	bad.Hosts[1].IP = badIP
	_, err = on.CreateEnhancedConnection(context.Background(), bad)
	var verr *wrapper.ValidationError
	require.True(t, errors.As(err, &verr))
	assert.Equal(t, "hosts[1].ip", verr.Violations[0].Field)
	assert.Zero(t, srv.Calls("CreateEnhancedConnection"))
	assert.Empty(t, srv.Requests(), "nothing reached the server")

	_, err = off.CreateEnhancedConnection(context.Background(), bad)
	var apiErr *wrapper.APIError
	require.True(t, errors.As(err, &apiErr))
	assert.Equal(t, 400, apiErr.StatusCode)
	assert.Equal(t, "DLI.0001", apiErr.Code)
	assert.Contains(t, apiErr.Message, "hosts/1/ip")
	assert.Zero(t, srv.Connections(fakeProject))
}

func TestConcurrentClientAgainstTheFake(t *testing.T) {
	srv, c := startSignedFake(t, fake.Options{})
	ctx := context.Background()
	const workers = 50
	var wg sync.WaitGroup
	ids := make([]string, workers)
	errs := make([]error, workers)
	for i := range workers {
		wg.Go(func() {
			created, err := c.CreateEnhancedConnection(ctx, seedCreate(fmt.Sprintf("conn_%03d", i)))
			if err != nil {
				errs[i] = err
				return
			}
			ids[i] = created.ConnectionID
			if _, err := c.ShowEnhancedConnection(ctx, ids[i]); err != nil {
				errs[i] = err
				return
			}
			if i%2 == 0 {
				_, errs[i] = c.DeleteEnhancedConnection(ctx, ids[i])
			}
		})
	}
	wg.Wait()
	for i, err := range errs {
		require.NoError(t, err, "worker %d", i)
	}
	n := 0
	for _, err := range c.Connections(ctx, nil) {
		require.NoError(t, err)
		n++
	}
	assert.Equal(t, workers/2, n, "no connection lost, none invented")
	assert.Equal(t, workers/2, srv.Connections(fakeProject))
}
