package fake

import (
	"context"
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/dli-openapi/enhanced-connections/gen"
)

// listNames lists through the generated client, validates the answer, checks count and returns
// the names in answer order.
func listNames(t *testing.T, c *gen.ClientWithResponses, params *gen.ListEnhancedConnectionsParams) []string {
	t.Helper()
	resp, err := c.ListEnhancedConnectionsWithResponse(context.Background(), project, params)
	require.NoError(t, err)
	require.Equal(t, http.StatusOK, resp.StatusCode(), "body %s", resp.Body)
	checkResponse(t, resp.HTTPResponse, resp.Body)
	names := []string{}
	for _, conn := range resp.JSON200.Connections {
		names = append(names, conn.Name)
	}
	assert.Equal(t, int32(len(names)), resp.JSON200.Count, "count is the number returned")
	return names
}

func TestListFilters(t *testing.T) {
	clock := newTestClock()
	r := start(t, Options{Now: clock.Now})
	c := newClient(t, r)
	tag := func(kv ...string) []gen.Tag {
		var tags []gen.Tag
		for i := 0; i < len(kv); i += 2 {
			tags = append(tags, gen.Tag{Key: kv[i], Value: kv[i+1]})
		}
		return tags
	}
	create(t, c, project, gen.CreateEnhancedConnectionRequest{Name: "c1", Tags: tag("env", "prod", "team", "data")})
	clock.Advance(-time.Hour) // creation order wins over a clock that goes back
	create(t, c, project, gen.CreateEnhancedConnectionRequest{Name: "c10", Tags: tag("env", "prod")})
	gone := create(t, c, project, gen.CreateEnhancedConnectionRequest{Name: "c2", Tags: tag("env", "prod", "team", "data")})
	create(t, c, project, gen.CreateEnhancedConnectionRequest{Name: "c3", Tags: tag("env", "dev", "expr", "a=b")})
	create(t, c, otherProject, gen.CreateEnhancedConnectionRequest{Name: "c4"})
	del, err := c.DeleteEnhancedConnectionWithResponse(context.Background(), project, gone, nil)
	require.NoError(t, err)
	require.Equal(t, http.StatusOK, del.StatusCode())

	tests := []struct {
		name   string
		params *gen.ListEnhancedConnectionsParams
		want   []string
	}{
		{"default: live ones in creation order", nil, []string{"c1", "c10", "c3"}},
		{"ACTIVE", &gen.ListEnhancedConnectionsParams{Status: ptr(string(gen.ConnectionActive))}, []string{"c1", "c10", "c3"}},
		{"DELETED", &gen.ListEnhancedConnectionsParams{Status: ptr(string(gen.ConnectionDeleted))}, []string{"c2"}},
		{"exact name", &gen.ListEnhancedConnectionsParams{Name: ptr("c1")}, []string{"c1"}},
		{"unknown name", &gen.ListEnhancedConnectionsParams{Name: ptr("c")}, []string{}},
		{"one tag", &gen.ListEnhancedConnectionsParams{Tags: ptr("env=prod")}, []string{"c1", "c10"}},
		{"all tags must match", &gen.ListEnhancedConnectionsParams{Tags: ptr("env=prod,team=data")}, []string{"c1"}},
		{"tag value with =", &gen.ListEnhancedConnectionsParams{Tags: ptr("expr=a=b")}, []string{"c3"}},
		{"tag value differs", &gen.ListEnhancedConnectionsParams{Tags: ptr("env=test")}, []string{}},
		{"tags and deleted", &gen.ListEnhancedConnectionsParams{Tags: ptr("team=data"), Status: ptr(string(gen.ConnectionDeleted))}, []string{"c2"}},
		{"limit", &gen.ListEnhancedConnectionsParams{Limit: ptr(int32(2))}, []string{"c1", "c10"}},
		{"offset", &gen.ListEnhancedConnectionsParams{Limit: ptr(int32(2)), Offset: ptr(int32(2))}, []string{"c3"}},
		{"offset past the end", &gen.ListEnhancedConnectionsParams{Offset: ptr(int32(3))}, []string{}},
		{"limit 0 is everything", &gen.ListEnhancedConnectionsParams{Limit: ptr(int32(0)), Offset: ptr(int32(1))}, []string{"c10", "c3"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, listNames(t, c, tt.params))
		})
	}
}

func TestListEmptyHasEmptyArray(t *testing.T) {
	r := start(t, Options{})
	a := mustSend(t, r, "GET", connsPath(project), "")
	require.Equal(t, http.StatusOK, a.status)
	assert.JSONEq(t, `{"is_success":true,"message":"","count":0,"connections":[]}`, string(a.body))
}

func TestListPaging(t *testing.T) {
	r := start(t, Options{})
	c := newClient(t, r)
	var all []string
	for i := range 105 {
		name := fmt.Sprintf("p%03d", i)
		all = append(all, name)
		create(t, c, project, gen.CreateEnhancedConnectionRequest{Name: name})
	}
	assert.Equal(t, all[:100], listNames(t, c, nil), "default limit is 100")
	assert.Equal(t, all[100:], listNames(t, c, &gen.ListEnhancedConnectionsParams{Offset: ptr(int32(100))}))
	assert.Equal(t, all, listNames(t, c, &gen.ListEnhancedConnectionsParams{Limit: ptr(int32(0))}))

	var paged []string
	for off := int32(0); ; off += 10 {
		page := listNames(t, c, &gen.ListEnhancedConnectionsParams{Limit: ptr(int32(10)), Offset: &off})
		paged = append(paged, page...)
		if len(page) < 10 {
			break
		}
	}
	assert.Equal(t, all, paged, "pages cover everything once, in order")
}

// TestStatusFilterIgnoresCase covers the service's case-insensitive comparison. Over HTTP the
// spec's enum admits upper case only, so this is checked on the filter itself.
func TestStatusFilterIgnoresCase(t *testing.T) {
	live := &connection{name: "a"}
	dead := &connection{name: "b", deleted: true}
	tests := []struct {
		status     string
		live, dead bool
	}{
		{"", true, false},
		{"ACTIVE", true, false},
		{"active", true, false},
		{"Active", true, false},
		{"DELETED", false, true},
		{"deleted", false, true},
		{"CREATING", false, false},
	}
	for _, tt := range tests {
		t.Run("status="+tt.status, func(t *testing.T) {
			q := listQuery{status: tt.status}
			assert.Equal(t, tt.live, q.matches(live))
			assert.Equal(t, tt.dead, q.matches(dead))
		})
	}
}

func TestParseTagFilter(t *testing.T) {
	tests := []struct {
		in      string
		want    []gen.Tag
		wantErr bool
	}{
		{"", nil, false},
		{"k=v", []gen.Tag{{Key: "k", Value: "v"}}, false},
		{"k=v,k2=", []gen.Tag{{Key: "k", Value: "v"}, {Key: "k2", Value: ""}}, false},
		{"k=a=b", []gen.Tag{{Key: "k", Value: "a=b"}}, false},
		{"k", nil, true},
		{"=v", nil, true},
		{"k=v,", nil, true},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := parseTagFilter(tt.in)
			if tt.wantErr {
				require.NotNil(t, err)
				assert.Equal(t, codeParameter, err.code)
				return
			}
			require.Nil(t, err)
			assert.Equal(t, tt.want, got)
		})
	}
}
