package fake

import (
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestPlatformOptionsAreChecked(t *testing.T) {
	tests := []struct {
		name string
		p    PlatformOptions
		err  string
	}{
		{"token required and absent", PlatformOptions{Metadata: true, MetadataMode: MetadataRequireToken | MetadataNoTokenService}, "exclude each other"},
		{"unknown mode bits", PlatformOptions{MetadataMode: 0x80}, "unknown bits"},
		{"negative lifetime", PlatformOptions{KeyLifetime: -time.Second}, "must not be negative"},
		{"negative rotation", PlatformOptions{KeyRotateBefore: -time.Second}, "must not be negative"},
		{"rotation not before expiry", PlatformOptions{KeyLifetime: 10 * time.Minute}, "KeyRotateBefore (10m0s) must be less than Platform.KeyLifetime (10m0s)"},
		{"rotation after expiry", PlatformOptions{KeyLifetime: time.Minute, KeyRotateBefore: 2 * time.Minute}, "must be less than"},
		{"empty IdP", PlatformOptions{IdentityProviders: []string{"idp", ""}}, "Platform.IdentityProviders must not hold an empty value"},
		{"empty rejected token", PlatformOptions{RejectedIDTokens: []string{""}}, "Platform.RejectedIDTokens"},
		{"empty pod token", PlatformOptions{PodIdentityTokens: []string{""}}, "Platform.PodIdentityTokens"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := New(Options{Platform: tt.p})
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.err)
		})
	}
	s, err := New(Options{Platform: PlatformOptions{Metadata: true}})
	require.NoError(t, err)
	assert.Equal(t, DefaultKeyLifetime, s.opts.Platform.KeyLifetime)
	assert.Equal(t, DefaultKeyRotateBefore, s.opts.Platform.KeyRotateBefore)
}

// A service that is off is not there: its paths are unknown to the gateway, as before.
func TestPlatformServicesThatAreOffAnswer404(t *testing.T) {
	r := start(t, Options{})
	for _, tc := range []struct{ method, path string }{
		{http.MethodPut, metadataTokenPath},
		{http.MethodGet, metadataKeysPath},
		{http.MethodPost, oidcExchangePath},
		{http.MethodPost, securityTokensPath},
		{http.MethodPost, PodIdentityPath},
	} {
		a := mustSend(t, r, tc.method, tc.path, "")
		assert.Equal(t, http.StatusNotFound, a.status, tc.path)
		code, _ := a.errorBody(t)
		assert.Equal(t, codeNoAPI, code, tc.path)
	}
	// One service on leaves the others off.
	r = start(t, Options{Platform: PlatformOptions{Metadata: true}})
	assert.Equal(t, http.StatusNotFound, mustSend(t, r, http.MethodPost, PodIdentityPath, "").status)
	assert.Equal(t, http.StatusNotFound, mustSend(t, r, http.MethodPost, oidcExchangePath, "").status)
	assert.Equal(t, http.StatusOK, mustSend(t, r, http.MethodGet, metadataKeysPath, "").status)
}

// Any platform service on makes the fake require authentication: temporary keys mean nothing
// to an open fake. Configured credentials still work beside them.
func TestPlatformRequiresAuthentication(t *testing.T) {
	for name, p := range map[string]PlatformOptions{
		"metadata":     {Metadata: true},
		"oidc":         {IdentityProviders: []string{"idp"}},
		"pod identity": {PodIdentityTokens: []string{"pod"}},
	} {
		t.Run(name, func(t *testing.T) {
			r := start(t, Options{Platform: p, Tokens: []string{"token-1"}, Credentials: map[string]string{testAK: testSK}})
			a := mustSend(t, r, http.MethodGet, connsPath(project), "")
			require.Equal(t, http.StatusUnauthorized, a.status)
			_, msg := a.errorBody(t)
			assert.Contains(t, msg, "send an AK/SK signature (Authorization) or an IAM token (X-Auth-Token)")
			a, _ = listProjects(t, r, "?name=eu-de", nil)
			assert.Equal(t, http.StatusUnauthorized, a.status, "IAM's lookup too")

			ok, err := send(t, http.DefaultClient, http.MethodGet, r.URL()+connsPath(project), "", http.Header{"X-Auth-Token": {"token-1"}})
			require.NoError(t, err)
			assert.Equal(t, http.StatusOK, ok.status)
			assert.Equal(t, http.StatusOK, signedRequest(t, r, http.MethodGet, connsPath(project), "", testAK, testSK, nil).status)
		})
	}
	r := start(t, Options{Platform: PlatformOptions{Metadata: true}})
	_, msg := mustSend(t, r, http.MethodGet, connsPath(project), "").errorBody(t)
	assert.Equal(t, "Incorrect IAM authentication information: send an AK/SK signature (Authorization)", msg)
}
