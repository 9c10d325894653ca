package fake

import (
	"context"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/dli-openapi/enhanced-connections/gen"
)

func TestGrantPrivilegeOnCreate(t *testing.T) {
	r := start(t, Options{})
	c := newClient(t, r)
	require.NoError(t, r.GrantPrivilegeOnCreate("shared", otherProject))
	require.NoError(t, r.GrantPrivilegeOnCreate("shared", otherProject), "twice is harmless")
	assert.Error(t, r.GrantPrivilegeOnCreate("", otherProject))
	assert.Error(t, r.GrantPrivilegeOnCreate("shared", ""))

	granted := func(id string) []string {
		resp, err := c.ShowEnhancedConnectionPrivilegeWithResponse(context.Background(), project, id, nil)
		require.NoError(t, err)
		require.Equal(t, http.StatusOK, resp.StatusCode())
		var out []string
		for _, p := range resp.JSON200.Privileges {
			out = append(out, p.ApplicantProjectID)
		}
		return out
	}
	shared := create(t, c, project, gen.CreateEnhancedConnectionRequest{Name: "shared"})
	assert.Equal(t, []string{otherProject}, granted(shared), "granted as it was created")
	assert.False(t, *show(t, c, project, shared).IsPrivis)

	other := create(t, c, project, gen.CreateEnhancedConnectionRequest{Name: "private"})
	assert.Empty(t, granted(other), "only the named connection")
	assert.True(t, *show(t, c, project, other).IsPrivis)

	// A refused create grants nothing and breaks nothing.
	dup, err := c.CreateEnhancedConnectionWithResponse(context.Background(), project, nil, gen.CreateEnhancedConnectionRequest{Name: "shared", DestVpcID: vpcID, DestNetworkID: networkID})
	require.NoError(t, err)
	assert.Equal(t, http.StatusBadRequest, dup.StatusCode())
}
