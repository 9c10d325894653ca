package fake

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestPodIdentity(t *testing.T) {
	tests := []struct {
		name   string
		method string
		header http.Header
		body   string
		status int
		text   string
	}{
		{"the vendor's request", http.MethodPost, http.Header{"Authorization": {"pod-token-1"}, "Content-Type": {"application/json; charset=utf-8"}}, `{}`, 200, ""},
		{"the second accepted token", http.MethodPost, http.Header{"Authorization": {"pod-token-2"}}, `{}`, 200, ""},
		{"no body", http.MethodPost, http.Header{"Authorization": {"pod-token-1"}}, "", 200, ""},
		{"no Authorization", http.MethodPost, nil, `{}`, 401, "Authorization header with the pod's token is missing"},
		{"a wrong token", http.MethodPost, http.Header{"Authorization": {"pod-token-3"}}, `{}`, 403, "not accepted"},
		{"an AK/SK signature instead", http.MethodPost, http.Header{"Authorization": {"SDK-HMAC-SHA256 Access=AK, SignedHeaders=x-sdk-date, Signature=00"}}, `{}`, 403, "not accepted"},
		{"two tokens", http.MethodPost, http.Header{"Authorization": {"pod-token-1", "pod-token-2"}}, `{}`, 403, "not accepted"},
		{"GET", http.MethodGet, http.Header{"Authorization": {"pod-token-1"}}, "", 405, "only POST"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := platformStart(t, newTestClock(), PlatformOptions{PodIdentityTokens: []string{"pod-token-1", "pod-token-2"}})
			a, err := send(t, http.DefaultClient, tt.method, r.URL()+PodIdentityPath, tt.body, tt.header)
			require.NoError(t, err)
			require.Equal(t, tt.status, a.status, "%s", a.body)
			if tt.status != http.StatusOK {
				assert.Contains(t, string(a.body), tt.text)
				assert.NotContains(t, string(a.body), "pod-token")
				assert.Empty(t, r.IssuedKeys())
				return
			}
			assert.Equal(t, "application/json", a.header.Get("Content-Type"))
			c := decodeCredential(t, a.body, "credentials")
			assert.True(t, c.Camel)
			assert.Equal(t, http.StatusOK, listWith(t, r, c.keys()).status)
		})
	}
}

// The metadata service and pod identity rotate their own keys: one's are not the other's.
func TestPodIdentityAndMetadataKeysAreTheirOwn(t *testing.T) {
	r := platformStart(t, newTestClock(), PlatformOptions{Metadata: true, PodIdentityTokens: []string{"pod"}})
	pod := podCredential(t, r, "pod")
	md := metadataCredential(t, r)
	assert.NotEqual(t, pod.Access, md.Access)
	assert.Equal(t, pod, podCredential(t, r, "pod"))
	assert.Equal(t, md, metadataCredential(t, r))
}
