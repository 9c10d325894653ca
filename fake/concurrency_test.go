package fake

import (
	"context"
	"fmt"
	"net/http"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/dli-openapi/enhanced-connections/gen"
)

// TestConcurrentUse hammers one fake from 200 goroutines (run it with -race) and checks that
// the final state is exactly what the requests imply.
func TestConcurrentUse(t *testing.T) {
	const workers = 200
	r := start(t, Options{})
	c := newClient(t, r)
	ctx := context.Background()
	projects := []string{project, otherProject}

	var (
		wg        sync.WaitGroup
		sameWins  atomic.Int32
		sameDupes atomic.Int32
	)
	for i := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			p := projects[i%2]
			resp, err := c.CreateEnhancedConnectionWithResponse(ctx, p, nil, gen.CreateEnhancedConnectionRequest{
				Name: fmt.Sprintf("w%03d", i), DestVpcID: vpcID, DestNetworkID: networkID, Queues: []string{"q1"},
			})
			if !assert.NoError(t, err) || !assert.Equal(t, http.StatusCreated, resp.StatusCode(), "body %s", resp.Body) {
				return
			}
			id := resp.JSON201.ConnectionID

			list, err := c.ListEnhancedConnectionsWithResponse(ctx, p, &gen.ListEnhancedConnectionsParams{Limit: ptr(int32(0))})
			if assert.NoError(t, err) && assert.Equal(t, http.StatusOK, list.StatusCode()) {
				assert.Equal(t, int(list.JSON200.Count), len(list.JSON200.Connections))
			}
			bind, err := c.AssociateQueueToEnhancedConnectionWithResponse(ctx, p, id, nil, gen.QueueBindingRequest{Queues: []string{"q2"}})
			if assert.NoError(t, err) {
				assert.Equal(t, http.StatusOK, bind.StatusCode())
			}
			r.FailPeering(fmt.Sprintf("q%d", i), "x") // writes to shared state while others read
			if i%4 == 0 {
				del, err := c.DeleteEnhancedConnectionWithResponse(ctx, p, id, nil)
				if assert.NoError(t, err) {
					assert.Equal(t, http.StatusOK, del.StatusCode())
				}
			} else {
				assert.NoError(t, r.GrantPrivilege(id, "0000000000000000000000000000000a"))
			}
			// Ten workers race for one name per project: exactly one create may win in each.
			if i < 20 {
				same, err := c.CreateEnhancedConnectionWithResponse(ctx, p, nil, gen.CreateEnhancedConnectionRequest{Name: "same", DestVpcID: vpcID, DestNetworkID: networkID})
				if assert.NoError(t, err) {
					switch same.StatusCode() {
					case http.StatusCreated:
						sameWins.Add(1)
					case http.StatusBadRequest:
						sameDupes.Add(1)
					default:
						t.Errorf("unexpected status %d", same.StatusCode())
					}
				}
			}
			_ = r.Requests()
			_ = r.Calls("")
		}()
	}
	wg.Wait()

	// Per project: 100 workers plus one "same"; the 50 workers with i%4==0 (all in project) deleted theirs.
	require.Equal(t, int32(2), sameWins.Load())
	require.Equal(t, int32(18), sameDupes.Load())
	assert.Equal(t, 100-50+1, r.Connections(project), "even workers: i%4==0 deletes half of them")
	assert.Equal(t, 100+1, r.Connections(otherProject), "odd workers never delete")
	assert.Equal(t, workers+20, r.Calls("CreateEnhancedConnection"))
	assert.Equal(t, workers, r.Calls("ListEnhancedConnections"))
	assert.Equal(t, workers, r.Calls("AssociateQueueToEnhancedConnection"))
	assert.Equal(t, workers/4, r.Calls("DeleteEnhancedConnection"))
	assert.Len(t, r.Requests(), 2*workers+workers/4+workers+20)

	for _, p := range projects {
		deleted := listNamesIn(t, c, p, string(gen.ConnectionDeleted))
		live := listNamesIn(t, c, p, string(gen.ConnectionActive))
		assert.Equal(t, r.Connections(p), len(live))
		if p == project {
			assert.Len(t, deleted, 50)
		} else {
			assert.Empty(t, deleted)
		}
	}
}

// listNamesIn lists every connection of projectID in one state.
func listNamesIn(t *testing.T, c *gen.ClientWithResponses, projectID string, status gen.ConnectionStatusFilter) []string {
	t.Helper()
	resp, err := c.ListEnhancedConnectionsWithResponse(context.Background(), projectID, &gen.ListEnhancedConnectionsParams{Limit: ptr(int32(0)), Status: &status})
	require.NoError(t, err)
	require.Equal(t, http.StatusOK, resp.StatusCode())
	var names []string
	for _, conn := range resp.JSON200.Connections {
		names = append(names, conn.Name)
	}
	return names
}
