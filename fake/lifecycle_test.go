package fake

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/dli-openapi/enhanced-connections/gen"
)

// peerByName finds the peering of name in ps.
func peerByName(t *testing.T, ps []gen.PeerConnection, name string) gen.PeerConnection {
	t.Helper()
	for _, p := range ps {
		if p.Name == name {
			return p
		}
	}
	require.Failf(t, "no peering", "%s not in %v", name, ps)
	return gen.PeerConnection{}
}

// showChecked is show plus validation of the answer against the spec.
func showChecked(t *testing.T, c *gen.ClientWithResponses, id string) *gen.ShowEnhancedConnectionResponse {
	t.Helper()
	resp, err := c.ShowEnhancedConnectionWithResponse(context.Background(), project, id, nil)
	require.NoError(t, err)
	require.Equal(t, http.StatusOK, resp.StatusCode())
	checkResponse(t, resp.HTTPResponse, resp.Body)
	return resp.JSON200
}

func TestPeeringsTurnActiveAfterTheDelay(t *testing.T) {
	clock := newTestClock()
	r := start(t, Options{ActivationDelay: 10 * time.Minute, Now: clock.Now})
	c := newClient(t, r)
	created := clock.Now()
	id := create(t, c, project, gen.CreateEnhancedConnectionRequest{Name: "life", Queues: []string{"q1"}, ElasticResourcePools: []string{"e1"}})

	conn := showChecked(t, c, id)
	assert.Equal(t, gen.ConnectionActive, conn.Status, "the connection itself is ACTIVE at once")
	assert.Equal(t, created.UnixMilli(), conn.CreateTime)
	for _, p := range []gen.PeerConnection{peerByName(t, conn.AvailableQueueInfo, "q1"), peerByName(t, conn.ElasticResourcePools, "e1")} {
		assert.Equal(t, gen.PeerCreating, p.Status)
		assert.Equal(t, created.UnixMilli(), p.UpdateTime)
		assert.Empty(t, p.ErrMsg)
		assert.NotEmpty(t, p.PeerID)
	}

	clock.Advance(10*time.Minute - time.Millisecond)
	conn = showChecked(t, c, id)
	assert.Equal(t, gen.PeerCreating, peerByName(t, conn.AvailableQueueInfo, "q1").Status, "one millisecond early")

	clock.Advance(time.Millisecond)
	conn = showChecked(t, c, id)
	for _, p := range []gen.PeerConnection{peerByName(t, conn.AvailableQueueInfo, "q1"), peerByName(t, conn.ElasticResourcePools, "e1")} {
		assert.Equal(t, gen.PeerActive, p.Status)
		assert.Equal(t, created.Add(10*time.Minute).UnixMilli(), p.UpdateTime)
	}

	// A queue bound later has its own clock.
	resp, err := c.AssociateQueueToEnhancedConnectionWithResponse(context.Background(), project, id, nil, gen.QueueBindingRequest{Queues: []string{"q2"}})
	require.NoError(t, err)
	require.Equal(t, http.StatusOK, resp.StatusCode(), "body %s", resp.Body)
	assert.Equal(t, "associated peer connection for queues: {q2}.", resp.JSON200.Message)
	conn = showChecked(t, c, id)
	assert.Equal(t, gen.PeerActive, peerByName(t, conn.AvailableQueueInfo, "q1").Status)
	assert.Equal(t, gen.PeerCreating, peerByName(t, conn.AvailableQueueInfo, "q2").Status)
	clock.Advance(10 * time.Minute)
	assert.Equal(t, gen.PeerActive, peerByName(t, showChecked(t, c, id).AvailableQueueInfo, "q2").Status)
}

func TestPeeringsOfRegisteredNamesFail(t *testing.T) {
	clock := newTestClock()
	r := start(t, Options{ActivationDelay: time.Minute, Now: clock.Now})
	c := newClient(t, r)
	r.FailPeering("qbad", "The CIDR block of the queue overlaps with that of the data source.")
	r.FailPeering("ebad", "Insufficient quota.")
	id := create(t, c, project, gen.CreateEnhancedConnectionRequest{Name: "fail", Queues: []string{"q1", "qbad"}, ElasticResourcePools: []string{"ebad"}})

	conn := showChecked(t, c, id)
	assert.Equal(t, gen.PeerCreating, peerByName(t, conn.AvailableQueueInfo, "qbad").Status, "failure shows after the delay")

	clock.Advance(time.Minute)
	conn = showChecked(t, c, id)
	assert.Equal(t, gen.PeerActive, peerByName(t, conn.AvailableQueueInfo, "q1").Status)
	bad := peerByName(t, conn.AvailableQueueInfo, "qbad")
	assert.Equal(t, gen.PeerFailed, bad.Status)
	assert.Equal(t, "The CIDR block of the queue overlaps with that of the data source.", bad.ErrMsg)
	ebad := peerByName(t, conn.ElasticResourcePools, "ebad")
	assert.Equal(t, gen.PeerFailed, ebad.Status)
	assert.Equal(t, "Insufficient quota.", ebad.ErrMsg)

	// Registering later does not flip a finished peering; clearing makes new ones succeed.
	r.FailPeering("q1", "late")
	assert.Equal(t, gen.PeerActive, peerByName(t, showChecked(t, c, id).AvailableQueueInfo, "q1").Status)
	r.FailPeering("qbad", "")
	unbind, err := c.DisassociateQueueFromEnhancedConnectionWithResponse(context.Background(), project, id, nil, gen.QueueBindingRequest{Queues: []string{"qbad"}})
	require.NoError(t, err)
	require.Equal(t, http.StatusOK, unbind.StatusCode())
	bind, err := c.AssociateQueueToEnhancedConnectionWithResponse(context.Background(), project, id, nil, gen.QueueBindingRequest{Queues: []string{"qbad"}})
	require.NoError(t, err)
	require.Equal(t, http.StatusOK, bind.StatusCode())
	clock.Advance(time.Minute)
	assert.Equal(t, gen.PeerActive, peerByName(t, showChecked(t, c, id).AvailableQueueInfo, "qbad").Status)
}

func TestZeroDelayIsActiveAtOnce(t *testing.T) {
	r := start(t, Options{})
	c := newClient(t, r)
	id := create(t, c, project, gen.CreateEnhancedConnectionRequest{Name: "now", Queues: []string{"q1"}})
	assert.Equal(t, gen.PeerActive, peerByName(t, showChecked(t, c, id).AvailableQueueInfo, "q1").Status)
}

func TestRefuseDeleteWhileCreating(t *testing.T) {
	clock := newTestClock()
	r := start(t, Options{ActivationDelay: time.Minute, Now: clock.Now, RefuseDeleteWhileCreating: true})
	c := newClient(t, r)
	id := create(t, c, project, gen.CreateEnhancedConnectionRequest{Name: "busy", Queues: []string{"q1"}})

	resp, err := c.DeleteEnhancedConnectionWithResponse(context.Background(), project, id, nil)
	require.NoError(t, err)
	require.Equal(t, http.StatusBadRequest, resp.StatusCode())
	assert.Equal(t, codeUnsupported, resp.JSON400.ErrorCode)
	assert.Equal(t, 1, r.Connections(project))

	clock.Advance(time.Minute)
	resp, err = c.DeleteEnhancedConnectionWithResponse(context.Background(), project, id, nil)
	require.NoError(t, err)
	require.Equal(t, http.StatusOK, resp.StatusCode())
	assert.Equal(t, 0, r.Connections(project))
}
