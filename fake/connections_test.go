package fake

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/dli-openapi/enhanced-connections/gen"
)

func TestCreateAndShow(t *testing.T) {
	r := start(t, Options{})
	c := newClient(t, r)
	resp, err := c.CreateEnhancedConnectionWithResponse(context.Background(), project, nil, gen.CreateEnhancedConnectionRequest{
		Name: "withvpc", DestVpcID: vpcID, DestNetworkID: networkID,
		Queues: []string{"q1", "q2"}, ElasticResourcePools: []string{"e1"},
		Hosts: []gen.Host{{Name: "ecs-97f8-0001", IP: "192.168.0.1"}},
	})
	require.NoError(t, err)
	require.Equal(t, http.StatusCreated, resp.StatusCode(), "body %s", resp.Body)
	assert.True(t, *resp.JSON201.IsSuccess)
	assert.Equal(t, "Create peer connection for queues:{q1,q2,e1}", resp.JSON201.Message)
	id := resp.JSON201.ConnectionID
	_, err = uuid.Parse(id)
	require.NoError(t, err, "connection ids are UUIDs")

	conn := show(t, c, project, id)
	assert.Equal(t, id, conn.ID)
	assert.Equal(t, "withvpc", conn.Name)
	assert.Equal(t, vpcID, conn.DestVpcID)
	assert.Equal(t, networkID, conn.DestNetworkID)
	assert.Equal(t, []gen.Host{{Name: "ecs-97f8-0001", IP: "192.168.0.1"}}, conn.Hosts)
	assert.Len(t, conn.AvailableQueueInfo, 2)
	assert.Len(t, conn.ElasticResourcePools, 1)
	assert.True(t, *conn.IsPrivis, "no privileges granted yet (inverted flag)")
	assert.False(t, conn.Ipv6Enable)
	assert.Equal(t, 1, r.Connections(project))

	upper := show(t, c, project, strings.ToUpper(id))
	assert.Equal(t, id, upper.ID, "ids match case-insensitively, as the spec's pattern allows")
}

func TestCreateMessageWithoutQueues(t *testing.T) {
	r := start(t, Options{})
	c := newClient(t, r)
	resp, err := c.CreateEnhancedConnectionWithResponse(context.Background(), project, nil, gen.CreateEnhancedConnectionRequest{Name: "bare", DestVpcID: vpcID, DestNetworkID: networkID})
	require.NoError(t, err)
	require.Equal(t, http.StatusCreated, resp.StatusCode())
	assert.Equal(t, "Create peer connection for queues:{}", resp.JSON201.Message)
	assert.Empty(t, show(t, c, project, resp.JSON201.ConnectionID).AvailableQueueInfo)
}

func TestConnectionNamesAreUniqueAmongLiveConnections(t *testing.T) {
	r := start(t, Options{})
	c := newClient(t, r)
	ctx := context.Background()
	body := gen.CreateEnhancedConnectionRequest{Name: "dup", DestVpcID: vpcID, DestNetworkID: networkID}
	first := create(t, c, project, body)

	resp, err := c.CreateEnhancedConnectionWithResponse(ctx, project, nil, body)
	require.NoError(t, err)
	require.Equal(t, http.StatusBadRequest, resp.StatusCode())
	assert.Equal(t, codeExists, resp.JSON400.ErrorCode)
	assert.Equal(t, "Connection name dup already exists.", resp.JSON400.ErrorMsg)

	create(t, c, otherProject, body) // another project may use the name

	del, err := c.DeleteEnhancedConnectionWithResponse(ctx, project, first, nil)
	require.NoError(t, err)
	require.Equal(t, http.StatusOK, del.StatusCode())
	second := create(t, c, project, body) // a deleted connection frees its name
	assert.NotEqual(t, first, second)
	assert.Equal(t, 1, r.Connections(project))
	assert.Equal(t, 1, r.Connections(otherProject))
}

func TestConnectionsAreScopedPerProject(t *testing.T) {
	r := start(t, Options{})
	c := newClient(t, r)
	ctx := context.Background()
	id := create(t, c, project, gen.CreateEnhancedConnectionRequest{Name: "mine", Queues: []string{"q1"}})
	want := "Connection " + id + " does not exist."

	tests := []struct {
		name string
		call func() (*http.Response, []byte, error)
	}{
		{"show", func() (*http.Response, []byte, error) {
			x, err := c.ShowEnhancedConnectionWithResponse(ctx, otherProject, id, nil)
			return unpack(x, err)
		}},
		{"update", func() (*http.Response, []byte, error) {
			x, err := c.UpdateEnhancedConnectionWithResponse(ctx, otherProject, id, nil, gen.UpdateEnhancedConnectionRequest{Hosts: []gen.Host{}})
			return unpack(x, err)
		}},
		{"bind", func() (*http.Response, []byte, error) {
			x, err := c.AssociateQueueToEnhancedConnectionWithResponse(ctx, otherProject, id, nil, gen.QueueBindingRequest{Queues: []string{"q9"}})
			return unpack(x, err)
		}},
		{"unbind", func() (*http.Response, []byte, error) {
			x, err := c.DisassociateQueueFromEnhancedConnectionWithResponse(ctx, otherProject, id, nil, gen.QueueBindingRequest{Queues: []string{"q1"}})
			return unpack(x, err)
		}},
		{"privileges", func() (*http.Response, []byte, error) {
			x, err := c.ShowEnhancedConnectionPrivilegeWithResponse(ctx, otherProject, id, nil)
			return unpack(x, err)
		}},
		{"route", func() (*http.Response, []byte, error) {
			x, err := c.CreateRouteToEnhancedConnectionWithResponse(ctx, otherProject, id, nil, gen.CreateRouteRequest{Name: "r", Cidr: "10.0.0.0/8"})
			return unpack(x, err)
		}},
		{"delete", func() (*http.Response, []byte, error) {
			x, err := c.DeleteEnhancedConnectionWithResponse(ctx, otherProject, id, nil)
			return unpack(x, err)
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, body, err := tt.call()
			require.NoError(t, err)
			require.Equal(t, http.StatusBadRequest, resp.StatusCode, "body %s", body)
			code, msg := answer{body: body}.errorBody(t)
			assert.Equal(t, codeParameter, code)
			assert.Equal(t, want, msg)
		})
	}
	list, err := c.ListEnhancedConnectionsWithResponse(ctx, otherProject, nil)
	require.NoError(t, err)
	assert.Equal(t, int32(0), list.JSON200.Count)
	assert.Equal(t, 1, r.Connections(project), "the owner's connection is untouched")
	assert.Equal(t, 0, r.Connections(otherProject))
}

// unpack reads the raw answer out of a generated *HTTPResponse.
func unpack(x any, err error) (*http.Response, []byte, error) {
	if err != nil {
		return nil, nil, err
	}
	resp, body := rawOf(x)
	return resp, body, nil
}

func TestUpdateReplacesHosts(t *testing.T) {
	r := start(t, Options{})
	c := newClient(t, r)
	ctx := context.Background()
	id := create(t, c, project, gen.CreateEnhancedConnectionRequest{Name: "hosts", Hosts: []gen.Host{{Name: "old", IP: "10.0.0.1"}}})

	replaced := []gen.Host{{Name: "a", IP: "10.0.0.2"}, {Name: "b", IP: "10.0.0.3"}}
	resp, err := c.UpdateEnhancedConnectionWithResponse(ctx, project, id, nil, gen.UpdateEnhancedConnectionRequest{Hosts: replaced})
	require.NoError(t, err)
	require.Equal(t, http.StatusOK, resp.StatusCode())
	assert.Equal(t, "", resp.JSON200.Message)
	assert.Equal(t, replaced, show(t, c, project, id).Hosts)

	resp, err = c.UpdateEnhancedConnectionWithResponse(ctx, project, id, nil, gen.UpdateEnhancedConnectionRequest{Hosts: []gen.Host{}})
	require.NoError(t, err)
	require.Equal(t, http.StatusOK, resp.StatusCode())
	assert.Empty(t, show(t, c, project, id).Hosts, "an empty list clears the hosts")
}

func TestDeleteIsSoft(t *testing.T) {
	r := start(t, Options{})
	c := newClient(t, r)
	ctx := context.Background()
	id := create(t, c, project, gen.CreateEnhancedConnectionRequest{Name: "gone", Queues: []string{"q1"}})
	keep := create(t, c, project, gen.CreateEnhancedConnectionRequest{Name: "kept"})

	resp, err := c.DeleteEnhancedConnectionWithResponse(ctx, project, id, nil)
	require.NoError(t, err)
	require.Equal(t, http.StatusOK, resp.StatusCode())
	assert.Equal(t, "Deleted", resp.JSON200.Message)
	assert.Equal(t, 1, r.Connections(project))

	conn := show(t, c, project, id)
	assert.Equal(t, gen.ConnectionDeleted, conn.Status, "show still returns a deleted connection")

	list, err := c.ListEnhancedConnectionsWithResponse(ctx, project, nil)
	require.NoError(t, err)
	require.Equal(t, int32(1), list.JSON200.Count, "deleted connections are not listed by default")
	assert.Equal(t, keep, list.JSON200.Connections[0].ID)

	deleted, err := c.ListEnhancedConnectionsWithResponse(ctx, project, &gen.ListEnhancedConnectionsParams{Status: ptr(string(gen.ConnectionDeleted))})
	require.NoError(t, err)
	require.Equal(t, int32(1), deleted.JSON200.Count)
	assert.Equal(t, id, deleted.JSON200.Connections[0].ID)

	again, err := c.DeleteEnhancedConnectionWithResponse(ctx, project, id, nil)
	require.NoError(t, err)
	require.Equal(t, http.StatusBadRequest, again.StatusCode())
	assert.Equal(t, codeParameter, again.JSON400.ErrorCode)
	assert.Equal(t, "Connection "+id+" does not exist.", again.JSON400.ErrorMsg)

	bind, err := c.AssociateQueueToEnhancedConnectionWithResponse(ctx, project, id, nil, gen.QueueBindingRequest{Queues: []string{"q2"}})
	require.NoError(t, err)
	require.Equal(t, http.StatusBadRequest, bind.StatusCode(), "a deleted connection takes no changes")

	missing, err := c.DeleteEnhancedConnectionWithResponse(ctx, project, missingID, nil)
	require.NoError(t, err)
	require.Equal(t, http.StatusBadRequest, missing.StatusCode())
	assert.Equal(t, "Connection "+missingID+" does not exist.", missing.JSON400.ErrorMsg)
}

func TestBindAndUnbindRefusals(t *testing.T) {
	r := start(t, Options{})
	c := newClient(t, r)
	ctx := context.Background()
	id := create(t, c, project, gen.CreateEnhancedConnectionRequest{Name: "binds", Queues: []string{"q1"}, ElasticResourcePools: []string{"e1"}})
	tests := []struct {
		name     string
		unbind   bool
		body     gen.QueueBindingRequest
		wantCode string
	}{
		{"bind nothing", false, gen.QueueBindingRequest{}, codeParameter},
		{"unbind nothing", true, gen.QueueBindingRequest{Queues: []string{}}, codeParameter},
		{"bind a bound queue", false, gen.QueueBindingRequest{Queues: []string{"q2", "q1"}}, codeExists},
		{"bind a bound pool", false, gen.QueueBindingRequest{ElasticResourcePools: []string{"e1"}}, codeExists},
		{"bind the default queue", false, gen.QueueBindingRequest{Queues: []string{"default"}}, codeParameter},
		{"bind a name twice", false, gen.QueueBindingRequest{Queues: []string{"q3", "q3"}}, codeParameter},
		{"bind an empty name", false, gen.QueueBindingRequest{Queues: []string{""}}, codeParameter},
		{"unbind an unbound queue", true, gen.QueueBindingRequest{Queues: []string{"q1", "q9"}}, codeNoObject},
		{"unbind an unbound pool", true, gen.QueueBindingRequest{ElasticResourcePools: []string{"e9"}}, codeNoObject},
		{"unbind a pool named as a queue", true, gen.QueueBindingRequest{Queues: []string{"e1"}}, codeNoObject},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var (
				resp *http.Response
				body []byte
				err  error
			)
			if tt.unbind {
				x, e := c.DisassociateQueueFromEnhancedConnectionWithResponse(ctx, project, id, nil, tt.body)
				resp, body, err = unpack(x, e)
			} else {
				x, e := c.AssociateQueueToEnhancedConnectionWithResponse(ctx, project, id, nil, tt.body)
				resp, body, err = unpack(x, e)
			}
			require.NoError(t, err)
			require.Equal(t, http.StatusBadRequest, resp.StatusCode, "body %s", body)
			code, _ := answer{body: body}.errorBody(t)
			assert.Equal(t, tt.wantCode, code)
			checkResponse(t, resp, body)
			conn := show(t, c, project, id)
			assert.Len(t, conn.AvailableQueueInfo, 1, "a refused request changes nothing")
			assert.Len(t, conn.ElasticResourcePools, 1, "a refused request changes nothing")
		})
	}

	unbind, err := c.DisassociateQueueFromEnhancedConnectionWithResponse(ctx, project, id, nil, gen.QueueBindingRequest{Queues: []string{"q1"}, ElasticResourcePools: []string{"e1"}})
	require.NoError(t, err)
	require.Equal(t, http.StatusOK, unbind.StatusCode())
	assert.Equal(t, "Disassociated peer connection for queues:{q1,e1}.", unbind.JSON200.Message)
	conn := show(t, c, project, id)
	assert.Empty(t, conn.AvailableQueueInfo)
	assert.Empty(t, conn.ElasticResourcePools)
}

func TestCreateRefusesTheDefaultQueue(t *testing.T) {
	r := start(t, Options{})
	c := newClient(t, r)
	resp, err := c.CreateEnhancedConnectionWithResponse(context.Background(), project, nil, gen.CreateEnhancedConnectionRequest{Name: "d", DestVpcID: vpcID, DestNetworkID: networkID, Queues: []string{"default"}})
	require.NoError(t, err)
	require.Equal(t, http.StatusBadRequest, resp.StatusCode())
	assert.Equal(t, codeParameter, resp.JSON400.ErrorCode)
	assert.Equal(t, 0, r.Connections(project))
}

func TestPrivileges(t *testing.T) {
	r := start(t, Options{})
	c := newClient(t, r)
	ctx := context.Background()
	id := create(t, c, project, gen.CreateEnhancedConnectionRequest{Name: "shared"})

	a := mustSend(t, r, "GET", connsPath(project)+"/"+id+"/privileges", "")
	require.Equal(t, http.StatusOK, a.status)
	assert.JSONEq(t, `{"is_success":true,"message":"","connection_id":"`+id+`","privileges":[]}`, string(a.body))

	require.NoError(t, r.GrantPrivilege(id, otherProject))
	require.NoError(t, r.GrantPrivilege(id, otherProject), "granting twice is harmless")
	resp, err := c.ShowEnhancedConnectionPrivilegeWithResponse(ctx, project, id, nil)
	require.NoError(t, err)
	require.Equal(t, http.StatusOK, resp.StatusCode())
	checkResponse(t, resp.HTTPResponse, resp.Body)
	assert.Equal(t, id, *resp.JSON200.ConnectionID)
	assert.Equal(t, []gen.ProjectPrivilege{{
		Object:             "edsconnections." + id,
		ApplicantProjectID: otherProject,
		Privileges:         []string{"BIND_QUEUE"},
	}}, resp.JSON200.Privileges)
	assert.False(t, *show(t, c, project, id).IsPrivis, "granted: the inverted flag is false")

	assert.Error(t, r.GrantPrivilege(missingID, otherProject))
	assert.Error(t, r.GrantPrivilege(id, ""))
}
