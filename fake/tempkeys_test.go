package fake

import (
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/dli-openapi/enhanced-connections/wrapper/signer"
)

// A temporary key works on DLI only with its own security token, signed, and only until it
// expires; every refusal says why without a secret.
func TestTemporaryKeysOnDLI(t *testing.T) {
	clock := newTestClock()
	r := platformStart(t, clock, PlatformOptions{Metadata: true, PodIdentityTokens: []string{"pod"}})
	c := metadataCredential(t, r)
	other := podCredential(t, r, "pod")
	require.NotEqual(t, c.Access, other.Access)

	// unsignedToken signs without a security token, then adds c's: the header is there but
	// not covered by the signature.
	unsignedToken := func(t *testing.T) answer {
		h := http.Header{"X-Sdk-Date": {time.Now().UTC().Format(sdkDateLayout)}, "User-Agent": {"fake-test"}}
		h.Set("Authorization", sdkAuthorization(http.MethodGet, connsPath(project), "", h, nil, c.Access, c.Secret))
		h.Set("X-Security-Token", c.SecurityToken)
		a, err := send(t, http.DefaultClient, http.MethodGet, r.URL()+connsPath(project), "", h)
		require.NoError(t, err)
		return a
	}
	twoTokens := func(t *testing.T) answer {
		h := http.Header{"X-Sdk-Date": {time.Now().UTC().Format(sdkDateLayout)}, "X-Security-Token": {c.SecurityToken, other.SecurityToken}}
		h.Set("Authorization", sdkAuthorization(http.MethodGet, connsPath(project), "", h, nil, c.Access, c.Secret))
		a, err := send(t, http.DefaultClient, http.MethodGet, r.URL()+connsPath(project), "", h)
		require.NoError(t, err)
		return a
	}
	with := func(creds signer.Credentials) func(t *testing.T) answer {
		return func(t *testing.T) answer { return listWith(t, r, creds) }
	}
	tests := []struct {
		name   string
		do     func(t *testing.T) answer
		reason string // "" for accepted
	}{
		{"its own token", with(c.keys()), ""},
		{"V11 signature with its token", func(t *testing.T) answer {
			a, err := send(t, &http.Client{Transport: signer.NewDerived(c.keys(), "eu-de", "dli").RoundTripper(nil)}, http.MethodGet, r.URL()+connsPath(project), "", nil)
			require.NoError(t, err)
			return a
		}, ""},
		{"no token", with(signer.Keys(c.Access, c.Secret)), "the security token is missing: a temporary access key needs its X-Security-Token"},
		{"another key's token", with(signer.TemporaryKeys(c.Access, c.Secret, other.SecurityToken)), "the security token does not belong to the access key"},
		{"a made-up token", with(signer.TemporaryKeys(c.Access, c.Secret, "x")), "the security token does not belong to the access key"},
		{"token not signed", unsignedToken, "x-security-token is not a signed header"},
		{"two tokens", twoTokens, "want exactly one X-Security-Token header"},
		{"wrong secret", with(signer.TemporaryKeys(c.Access, other.Secret, c.SecurityToken)), "signature mismatch"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := tt.do(t)
			if tt.reason == "" {
				assert.Equal(t, http.StatusOK, a.status, "%s", a.body)
				return
			}
			refusedWith(t, a, tt.reason, c)
		})
	}
}

// Keys expire on Options.Now, on DLI and on IAM's project lookup alike: accepted a second before
// Expires, refused from Expires on.
func TestTemporaryKeysExpire(t *testing.T) {
	for _, tc := range []struct {
		name     string
		p        PlatformOptions
		fetch    func(t *testing.T, r *Running) wireCredential
		lifetime time.Duration
	}{
		{"metadata", PlatformOptions{Metadata: true}, metadataCredential, DefaultKeyLifetime},
		{"pod identity, 20 minutes", PlatformOptions{PodIdentityTokens: []string{"pod"}, KeyLifetime: 20 * time.Minute, KeyRotateBefore: time.Minute},
			func(t *testing.T, r *Running) wireCredential { return podCredential(t, r, "pod") }, 20 * time.Minute},
		{"oidc, 3600 s", PlatformOptions{IdentityProviders: []string{"idp"}},
			func(t *testing.T, r *Running) wireCredential { return oidcCredential(t, r, "idp", "id") }, time.Hour},
	} {
		t.Run(tc.name, func(t *testing.T) {
			clock := newTestClock()
			r := platformStart(t, clock, tc.p)
			c := tc.fetch(t, r)
			assert.Equal(t, clock.Now().Add(tc.lifetime), c.Expires)

			clock.Advance(tc.lifetime - time.Second)
			assert.Equal(t, http.StatusOK, listWith(t, r, c.keys()).status, "a second before expiry")
			a, err := send(t, signedClient(c.keys()), http.MethodGet, r.URL()+"/v3/projects?name=eu-de", "", nil)
			require.NoError(t, err)
			assert.Equal(t, http.StatusOK, a.status, "IAM accepts it too: %s", a.body)

			clock.Advance(time.Second)
			refusedWith(t, listWith(t, r, c.keys()), "the temporary access key has expired", c)
			a, err = send(t, signedClient(c.keys()), http.MethodGet, r.URL()+"/v3/projects?name=eu-de", "", nil)
			require.NoError(t, err)
			assert.Equal(t, http.StatusUnauthorized, a.status)
			assert.Contains(t, string(a.body), "the temporary access key has expired")
		})
	}
}

// The metadata service and pod identity hand out the same keys until KeyRotateBefore before
// their expiry, then new ones; the old stay valid until they expire.
func TestTemporaryKeysRotate(t *testing.T) {
	for _, tc := range []struct {
		name   string
		fetch  func(t *testing.T, r *Running) wireCredential
		source KeySource
	}{
		{"metadata", metadataCredential, SourceMetadata},
		{"pod identity", func(t *testing.T, r *Running) wireCredential { return podCredential(t, r, "pod") }, SourcePodIdentity},
	} {
		t.Run(tc.name, func(t *testing.T) {
			clock := newTestClock()
			r := platformStart(t, clock, PlatformOptions{Metadata: true, PodIdentityTokens: []string{"pod"}})
			first := tc.fetch(t, r)

			clock.Advance(DefaultKeyLifetime - DefaultKeyRotateBefore - time.Second)
			assert.Equal(t, first, tc.fetch(t, r), "the same keys until 10 minutes before expiry")

			clock.Advance(time.Second)
			second := tc.fetch(t, r)
			assert.NotEqual(t, first.Access, second.Access, "new keys from then on")
			assert.NotEqual(t, first.Secret, second.Secret)
			assert.NotEqual(t, first.SecurityToken, second.SecurityToken)
			assert.Equal(t, clock.Now().Add(DefaultKeyLifetime), second.Expires)
			assert.Equal(t, second, tc.fetch(t, r))

			assert.Equal(t, http.StatusOK, listWith(t, r, first.keys()).status, "the old keys still work")
			clock.Advance(DefaultKeyRotateBefore)
			assert.Equal(t, http.StatusUnauthorized, listWith(t, r, first.keys()).status, "until they expire")
			assert.Equal(t, http.StatusOK, listWith(t, r, second.keys()).status)

			assert.Equal(t, []IssuedKey{
				{AccessKey: first.Access, Source: tc.source, Expires: first.Expires},
				{AccessKey: second.Access, Source: tc.source, Expires: second.Expires},
			}, r.IssuedKeys())
		})
	}
}

// RevokeTemporaryKeys makes every key issued so far fail at once, on DLI and IAM, and the
// services hand out new keys on their next call.
func TestRevokeTemporaryKeys(t *testing.T) {
	clock := newTestClock()
	r := platformStart(t, clock, PlatformOptions{Metadata: true, PodIdentityTokens: []string{"pod"}, IdentityProviders: []string{"idp"}})
	before := []wireCredential{metadataCredential(t, r), podCredential(t, r, "pod"), oidcCredential(t, r, "idp", "id")}
	for _, c := range before {
		require.Equal(t, http.StatusOK, listWith(t, r, c.keys()).status)
	}

	r.RevokeTemporaryKeys()
	for _, c := range before {
		refusedWith(t, listWith(t, r, c.keys()), "the temporary access key has been revoked", c)
		a, err := send(t, signedClient(c.keys()), http.MethodGet, r.URL()+"/v3/projects?name=eu-de", "", nil)
		require.NoError(t, err)
		assert.Equal(t, http.StatusUnauthorized, a.status)
	}
	after := []wireCredential{metadataCredential(t, r), podCredential(t, r, "pod")}
	for i, c := range after {
		assert.NotEqual(t, before[i].Access, c.Access, "new keys on the next call")
		assert.Equal(t, http.StatusOK, listWith(t, r, c.keys()).status)
		assert.Equal(t, c, []wireCredential{metadataCredential(t, r), podCredential(t, r, "pod")}[i], "and the same keys after that")
	}

	keys := r.IssuedKeys()
	require.Len(t, keys, 5)
	for i, k := range keys {
		assert.Equal(t, i < 3, k.Revoked, k.AccessKey)
	}
	assert.Equal(t, []KeySource{SourceMetadata, SourcePodIdentity, SourceOIDC, SourceMetadata, SourcePodIdentity},
		[]KeySource{keys[0].Source, keys[1].Source, keys[2].Source, keys[3].Source, keys[4].Source})
}

// Permanent keys and temporary ones work side by side; a permanent key with a stray security
// token is judged as a permanent key.
func TestPermanentKeysBesideTemporaryOnes(t *testing.T) {
	r := start(t, Options{Now: newTestClock().Now, Credentials: map[string]string{testAK: testSK}, Platform: PlatformOptions{Metadata: true}})
	c := metadataCredential(t, r)
	assert.Equal(t, http.StatusOK, listWith(t, r, c.keys()).status)
	assert.Equal(t, http.StatusOK, listWith(t, r, signer.Keys(testAK, testSK)).status)
	assert.Equal(t, http.StatusOK, listWith(t, r, signer.TemporaryKeys(testAK, testSK, "stray")).status)
}
