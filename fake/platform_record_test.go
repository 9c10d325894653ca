package fake

import (
	"log/slog"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Platform requests are recorded and logged under their operation ids like DLI calls, and no
// secret of any of them (session, id, IAM and pod tokens, SKs, security tokens) is in Requests
// or in the log, nor the security token of a DLI call made with temporary keys.
func TestPlatformRequestsAreRecordedWithoutSecrets(t *testing.T) {
	const (
		idToken  = "eyJ-the-id-token-that-must-not-leak"
		podToken = "the-pod-token-that-must-not-leak"
	)
	lines := make(chan string, 16)
	r := start(t, Options{
		Now:    newTestClock().Now,
		Logger: slog.New(slog.NewTextHandler(lineWriter(lines), nil)),
		Platform: PlatformOptions{
			Metadata: true, MetadataMode: MetadataRequireToken,
			IdentityProviders: []string{"idp"}, PodIdentityTokens: []string{podToken},
		},
	})

	token := metadataToken(t, r, "21600")
	require.Equal(t, http.StatusOK, token.status)
	keys := metadataKeys(t, r, string(token.body))
	require.Equal(t, http.StatusOK, keys.status)
	md := decodeCredential(t, keys.body, "credential")
	ex := exchange(t, r, "idp", idToken)
	require.Equal(t, http.StatusCreated, ex.status)
	iamToken := ex.header.Get("X-Subject-Token")
	st := post(t, r, securityTokensPath, securityTokensBody("", 900), http.Header{"X-Auth-Token": {iamToken}})
	require.Equal(t, http.StatusCreated, st.status, "%s", st.body)
	oidc := decodeCredential(t, st.body, "credential")
	pod := podCredential(t, r, podToken)
	assert.Equal(t, http.StatusForbidden, post(t, r, PodIdentityPath, `{}`, http.Header{"Authorization": {"wrong-" + podToken}}).status)
	require.Equal(t, http.StatusOK, listWith(t, r, md.keys()).status)

	var log strings.Builder
	for range 7 { // a line is written once its answer is sent: wait for each
		log.WriteString(receiveLine(t, lines))
	}
	reqs := r.Requests()
	var ops []string
	for _, req := range reqs {
		ops = append(ops, req.OperationID)
	}
	assert.Equal(t, []string{
		MetadataTokenOperationID, MetadataKeysOperationID, OIDCExchangeOperationID, SecurityTokensOperationID,
		PodIdentityOperationID, PodIdentityOperationID, "ListEnhancedConnections",
	}, ops)
	assert.Equal(t, []int{200, 200, 201, 201, 200, 403, 200}, []int{reqs[0].Status, reqs[1].Status, reqs[2].Status, reqs[3].Status, reqs[4].Status, reqs[5].Status, reqs[6].Status})
	assert.Equal(t, redacted, reqs[1].Header.Get("X-Metadata-Token"), "the header's presence shows, not its value")
	assert.Equal(t, redacted, reqs[2].Header.Get("X-Idp-Id"), "no value of a platform request is kept")
	assert.Equal(t, redacted, reqs[6].Header.Get("X-Security-Token"))
	assert.NotEmpty(t, reqs[6].Header.Get("Authorization"), "a DLI call's other headers are kept as before")
	for _, op := range []string{MetadataTokenOperationID, MetadataKeysOperationID, OIDCExchangeOperationID, SecurityTokensOperationID} {
		assert.Equal(t, 1, r.Calls(op), op)
	}
	assert.Equal(t, 2, r.Calls(PodIdentityOperationID))
	assert.Equal(t, 1, r.Calls(""), "only DLI's operations count in the total")

	secrets := []string{string(token.body), idToken, iamToken, podToken}
	for _, c := range []wireCredential{md, oidc, pod} {
		secrets = append(secrets, c.Secret, c.SecurityToken)
	}
	var recorded strings.Builder
	for _, req := range reqs {
		assert.Nil(t, req.Body, "%s: a platform body is never kept", req.OperationID)
		for name, values := range req.Header {
			recorded.WriteString(name + ": " + strings.Join(values, ", ") + "\n")
		}
		recorded.Write(req.Body)
	}
	for i, secret := range secrets {
		assert.NotContains(t, recorded.String(), secret, "secret %d in Requests", i)
		assert.NotContains(t, log.String(), secret, "secret %d in the log", i)
	}
	assert.Contains(t, log.String(), "operation="+MetadataKeysOperationID)
	assert.Contains(t, log.String(), "path="+PodIdentityPath)
	assert.Contains(t, log.String(), "status=403")
}

// A platform path's headers are kept without values even when its service is off.
func TestPlatformPathsAreRedactedWhenOff(t *testing.T) {
	r := start(t, Options{})
	_, err := send(t, http.DefaultClient, http.MethodPost, r.URL()+PodIdentityPath, `{}`, http.Header{"Authorization": {"pod-secret"}})
	require.NoError(t, err)
	reqs := r.Requests()
	require.Len(t, reqs, 1)
	assert.Equal(t, redacted, reqs[0].Header.Get("Authorization"))
	assert.Equal(t, http.StatusNotFound, reqs[0].Status)
}
