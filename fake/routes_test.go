package fake

import (
	"context"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/dli-openapi/enhanced-connections/gen"
)

func TestRoutes(t *testing.T) {
	clock := newTestClock()
	r := start(t, Options{Now: clock.Now})
	c := newClient(t, r)
	ctx := context.Background()
	id := create(t, c, project, gen.CreateEnhancedConnectionRequest{Name: "routed"})

	addV3 := func(name, cidr string) (int, string) {
		x, err := c.CreateRouteToEnhancedConnectionWithResponse(ctx, project, id, nil, gen.CreateRouteRequest{Name: name, Cidr: cidr})
		require.NoError(t, err)
		checkResponse(t, x.HTTPResponse, x.Body)
		if x.JSON400 != nil {
			return x.StatusCode(), x.JSON400.ErrorCode
		}
		return x.StatusCode(), ""
	}
	addV2 := func(name, cidr string) (int, string) {
		//lint:ignore SA1019 the deprecated v2.0 route paths are still in the spec and the fake serves them
		x, err := c.CreateEnhancedConnectionRoutesWithResponse(ctx, project, id, nil, gen.CreateRouteRequest{Name: name, Cidr: cidr})
		require.NoError(t, err)
		checkResponse(t, x.HTTPResponse, x.Body)
		if x.JSON400 != nil {
			return x.StatusCode(), x.JSON400.ErrorCode
		}
		return x.StatusCode(), ""
	}
	steps := []struct {
		name     string
		add      func(name, cidr string) (int, string)
		route    string
		cidr     string
		status   int
		wantCode string
	}{
		{"first route", addV3, "net-a", "10.0.0.0/8", 200, ""},
		{"same name", addV3, "net-a", "172.16.0.0/12", 400, codeExists},
		{"same name on v2.0", addV2, "net-a", "172.16.0.0/12", 400, codeExists},
		{"same cidr", addV3, "net-b", "10.0.0.0/8", 400, codeExists},
		{"overlapping is fine", addV3, "net-b", "10.1.0.0/16", 200, ""},
		{"bare address", addV2, "host-c", "192.168.0.7", 200, ""},
		{"same address as /32", addV3, "host-d", "192.168.0.7/32", 400, codeExists},
		{"reference example", addV3, "route", "127.0.0.0", 200, ""},
		{"IPv6 without ipv6_enable", addV3, "v6", "2407:c080:802:be7::/64", 400, codeParameter},
		{"not parseable", addV3, "bad", ":::", 400, codeParameter},
	}
	for _, st := range steps {
		t.Run(st.name, func(t *testing.T) {
			status, code := st.add(st.route, st.cidr)
			assert.Equal(t, st.status, status)
			assert.Equal(t, st.wantCode, code)
		})
	}

	conn := show(t, c, project, id)
	var got []gen.Route
	got = append(got, conn.Routes...)
	created := clock.Now().UnixMilli()
	assert.Equal(t, []gen.Route{
		{Name: "net-a", Cidr: "10.0.0.0/8", CreateTime: created},
		{Name: "net-b", Cidr: "10.1.0.0/16", CreateTime: created},
		{Name: "host-c", Cidr: "192.168.0.7", CreateTime: created},
		{Name: "route", Cidr: "127.0.0.0", CreateTime: created},
	}, got, "v3 and v2.0 routes live together, in creation order")

	//lint:ignore SA1019 the deprecated v2.0 route paths are still in the spec and the fake serves them
	del, err := c.DeleteEnhancedConnectionRoutesWithResponse(ctx, project, id, "net-a", nil)
	require.NoError(t, err)
	require.Equal(t, http.StatusOK, del.StatusCode())
	assert.Equal(t, "Deleted", del.JSON200.Message)
	again, err := c.DeleteRouteFromEnhancedConnectionWithResponse(ctx, project, id, "net-a", nil)
	require.NoError(t, err)
	require.Equal(t, http.StatusBadRequest, again.StatusCode())
	assert.Equal(t, codeParameter, again.JSON400.ErrorCode)
	assert.Equal(t, "Route net-a does not exist.", again.JSON400.ErrorMsg)

	status, code := addV3("net-a", "10.0.0.0/8")
	assert.Equal(t, http.StatusOK, status, "a deleted route frees its name and network")
	assert.Empty(t, code)
}

func TestRoutesOfMissingConnection(t *testing.T) {
	r := start(t, Options{})
	c := newClient(t, r)
	x, err := c.CreateRouteToEnhancedConnectionWithResponse(context.Background(), project, missingID, nil, gen.CreateRouteRequest{Name: "r", Cidr: "10.0.0.0/8"})
	require.NoError(t, err)
	require.Equal(t, http.StatusBadRequest, x.StatusCode())
	assert.Equal(t, "Connection "+missingID+" does not exist.", x.JSON400.ErrorMsg)
	y, err := c.DeleteRouteFromEnhancedConnectionWithResponse(context.Background(), project, missingID, "r", nil)
	require.NoError(t, err)
	require.Equal(t, http.StatusBadRequest, y.StatusCode())
	assert.Equal(t, "Connection "+missingID+" does not exist.", y.JSON400.ErrorMsg)
}
