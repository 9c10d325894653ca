package fake

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// SetOutage takes one service down (503 without Retry-After, uncounted in Calls) and leaves the
// others and DLI up; bringing it back restores it.
func TestPlatformOutages(t *testing.T) {
	type probe struct {
		method, path, body string
		header             http.Header
		operationID        string
		up                 int // the status when the service is up
	}
	metadataProbes := []probe{
		{http.MethodPut, metadataTokenPath, "", nil, MetadataTokenOperationID, 200},
		{http.MethodGet, metadataKeysPath, "", nil, MetadataKeysOperationID, 200},
	}
	iamProbes := []probe{
		{http.MethodPost, oidcExchangePath, `{"auth":{"id_token":{"id":"t"}}}`, http.Header{"X-Idp-Id": {"idp"}}, OIDCExchangeOperationID, 201},
		{http.MethodPost, securityTokensPath, securityTokensBody("unknown", 900), nil, SecurityTokensOperationID, 401},
		{http.MethodGet, "/v3/projects?name=eu-de", "", http.Header{"X-Auth-Token": {"token-1"}}, IAMLookupOperationID, 200},
	}
	podProbes := []probe{
		{http.MethodPost, PodIdentityPath, `{}`, http.Header{"Authorization": {"pod"}}, PodIdentityOperationID, 200},
	}
	all := map[PlatformService][]probe{Metadata: metadataProbes, IAM: iamProbes, PodIdentity: podProbes}

	for _, down := range []PlatformService{Metadata, IAM, PodIdentity} {
		t.Run(down.String(), func(t *testing.T) {
			r := start(t, Options{
				Now: newTestClock().Now, Tokens: []string{"token-1"},
				Platform: PlatformOptions{Metadata: true, IdentityProviders: []string{"idp"}, PodIdentityTokens: []string{"pod"}},
			})
			do := func(p probe) answer {
				a, err := send(t, http.DefaultClient, p.method, r.URL()+p.path, p.body, p.header)
				require.NoError(t, err)
				return a
			}
			r.SetOutage(down, true)
			for service, probes := range all {
				for _, p := range probes {
					a := do(p)
					if service != down {
						assert.Equal(t, p.up, a.status, "%s is up: %s", p.path, a.body)
						continue
					}
					assert.Equal(t, http.StatusServiceUnavailable, a.status, "%s is down", p.path)
					assert.Empty(t, a.header.Get("Retry-After"))
					assert.Zero(t, r.Calls(p.operationID), "a request to a service that is down is not counted")
					if service == IAM {
						code, _, _ := iamError(t, a)
						assert.Equal(t, http.StatusServiceUnavailable, code)
					}
				}
			}
			dli, err := send(t, http.DefaultClient, http.MethodGet, r.URL()+connsPath(project), "", http.Header{"X-Auth-Token": {"token-1"}})
			require.NoError(t, err)
			assert.Equal(t, http.StatusOK, dli.status, "DLI is up")

			r.SetOutage(down, false)
			for _, p := range all[down] {
				assert.Equal(t, p.up, do(p).status, "%s is back", p.path)
				assert.Equal(t, 1, r.Calls(p.operationID))
			}
		})
	}
	r := start(t, Options{})
	assert.PanicsWithValue(t, "fake: SetOutage: no platform service PlatformService(3)", func() { r.SetOutage(PlatformService(3), true) })
	assert.Panics(t, func() { r.SetOutage(-1, true) })
}
