package fake

import (
	"encoding/json"
	"fmt"
	"maps"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/dli-openapi/enhanced-connections/wrapper/signer"
)

// wireCredential is a temporary credential as a client reads it from any of the platform
// services, in either spelling, the way the vendor SDK's Credential.UnmarshalJSON does.
type wireCredential struct {
	Access, Secret, SecurityToken string
	Expires                       time.Time
	// Camel reports the spelling: accessKeyId, ... (true) or access, ... (false).
	Camel bool
	// Fields are the JSON member names, sorted, to prove exactly one spelling was used.
	Fields []string
}

// decodeCredential reads body's member wrapper ("credential" or "credentials") like the vendor:
// access or accessKeyId, secret or secretAccessKey, securitytoken or securityToken, expires_at
// or expiration, a UTC time with optional fraction of a second.
func decodeCredential(t *testing.T, body []byte, wrapper string) wireCredential {
	t.Helper()
	c, err := parseCredential(body, wrapper)
	require.NoError(t, err)
	return c
}

// parseCredential is decodeCredential for goroutines, which must not call require.
func parseCredential(body []byte, wrapper string) (wireCredential, error) {
	var outer map[string]map[string]string
	if err := json.Unmarshal(body, &outer); err != nil {
		return wireCredential{}, fmt.Errorf("%w: %s", err, body)
	}
	m, ok := outer[wrapper]
	if !ok {
		return wireCredential{}, fmt.Errorf("no %q in %s", wrapper, body)
	}
	c := wireCredential{Fields: slices.Sorted(maps.Keys(m))}
	var missing []string
	pick := func(snake, camel string) string {
		if v, ok := m[snake]; ok {
			return v
		}
		v, ok := m[camel]
		if !ok {
			missing = append(missing, snake+" or "+camel)
		}
		c.Camel = true
		return v
	}
	c.Access = pick("access", "accessKeyId")
	c.Secret = pick("secret", "secretAccessKey")
	c.SecurityToken = pick("securitytoken", "securityToken")
	exp := pick("expires_at", "expiration")
	if len(missing) > 0 {
		return c, fmt.Errorf("missing %s in %s", strings.Join(missing, ", "), body)
	}
	var err error
	if c.Expires, err = time.ParseInLocation("2006-01-02T15:04:05Z", exp, time.UTC); err != nil {
		return c, fmt.Errorf("expiry %q: %w", exp, err)
	}
	return c, nil
}

// keys returns the credential for wrapper/signer.
func (c wireCredential) keys() signer.Credentials {
	return signer.TemporaryKeys(c.Access, c.Secret, c.SecurityToken)
}

// platformStart runs a fake with opts' platform services on clock.
func platformStart(t *testing.T, clock *testClock, p PlatformOptions) *Running {
	t.Helper()
	return start(t, Options{Now: clock.Now, Platform: p})
}

// post sends a JSON body with headers, with a plain client.
func post(t *testing.T, r *Running, path, body string, header http.Header) answer {
	t.Helper()
	a, err := send(t, http.DefaultClient, http.MethodPost, r.URL()+path, body, header)
	require.NoError(t, err)
	return a
}

// metadataKeys fetches the metadata service's keys, with a session token when token is not "".
func metadataKeys(t *testing.T, r *Running, token string) answer {
	t.Helper()
	h := http.Header{}
	if token != "" {
		h.Set("X-Metadata-Token", token)
	}
	a, err := send(t, http.DefaultClient, http.MethodGet, r.URL()+metadataKeysPath, "", h)
	require.NoError(t, err)
	return a
}

// metadataToken takes a session token for ttl ("" sends no TTL header).
func metadataToken(t *testing.T, r *Running, ttl string) answer {
	t.Helper()
	h := http.Header{}
	if ttl != "" {
		h.Set("X-Metadata-Token-Ttl-Seconds", ttl)
	}
	a, err := send(t, http.DefaultClient, http.MethodPut, r.URL()+metadataTokenPath, "", h)
	require.NoError(t, err)
	return a
}

// metadataCredential fetches and decodes the metadata service's keys, which must be served.
func metadataCredential(t *testing.T, r *Running) wireCredential {
	t.Helper()
	a := metadataKeys(t, r, "")
	require.Equal(t, http.StatusOK, a.status, "%s", a.body)
	return decodeCredential(t, a.body, "credential")
}

// podCredential fetches and decodes pod identity's keys with the pod token.
func podCredential(t *testing.T, r *Running, podToken string) wireCredential {
	t.Helper()
	a := post(t, r, PodIdentityPath, `{}`, http.Header{"Authorization": {podToken}})
	require.Equal(t, http.StatusOK, a.status, "%s", a.body)
	return decodeCredential(t, a.body, "credentials")
}

// exchange runs the OIDC exchange for idToken at idp and returns its answer.
func exchange(t *testing.T, r *Running, idp, idToken string) answer {
	t.Helper()
	body, err := json.Marshal(map[string]any{"auth": map[string]any{"id_token": map[string]string{"id": idToken}}})
	require.NoError(t, err)
	return post(t, r, oidcExchangePath, string(body), http.Header{"X-Idp-Id": {idp}, "Content-Type": {"application/json;charset=UTF-8"}})
}

// securityTokensBody is the vendor's securitytokens request body for iamToken; a negative
// duration leaves duration_seconds out.
func securityTokensBody(iamToken string, duration int) string {
	token := map[string]any{"id": iamToken}
	if iamToken == "" {
		token = map[string]any{}
	}
	if duration >= 0 {
		token["duration_seconds"] = duration
	}
	b, _ := json.Marshal(map[string]any{"auth": map[string]any{"identity": map[string]any{"methods": []string{"token"}, "token": token}}})
	return string(b)
}

// oidcCredential runs both steps of OIDC federation and decodes the keys.
func oidcCredential(t *testing.T, r *Running, idp, idToken string) wireCredential {
	t.Helper()
	a := exchange(t, r, idp, idToken)
	require.Equal(t, http.StatusCreated, a.status, "%s", a.body)
	iamToken := a.header.Get("X-Subject-Token")
	require.NotEmpty(t, iamToken)
	a = post(t, r, securityTokensPath, securityTokensBody(iamToken, 3600), nil)
	require.Equal(t, http.StatusCreated, a.status, "%s", a.body)
	return decodeCredential(t, a.body, "credential")
}

// signedClient is a plain http.Client that signs with creds through wrapper/signer.
func signedClient(creds signer.Credentials) *http.Client {
	return &http.Client{Transport: signer.New(creds).RoundTripper(nil)}
}

// listWith lists connections signed with creds and returns the answer.
func listWith(t *testing.T, r *Running, creds signer.Credentials) answer {
	t.Helper()
	a, err := send(t, signedClient(creds), http.MethodGet, r.URL()+connsPath(project), "", nil)
	require.NoError(t, err)
	return a
}

// refusedWith asserts a 401 APIGW.0301 whose message ends with reason and holds no secret of c.
func refusedWith(t *testing.T, a answer, reason string, c wireCredential) {
	t.Helper()
	require.Equal(t, http.StatusUnauthorized, a.status, "%s", a.body)
	code, msg := a.errorBody(t)
	require.Equal(t, codeAuth, code)
	require.Equal(t, "Incorrect IAM authentication information: "+reason, msg)
	for _, secret := range []string{c.Secret, c.SecurityToken} {
		require.False(t, secret != "" && strings.Contains(string(a.body), secret), "a secret in the answer")
	}
}
