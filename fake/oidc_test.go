package fake

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// iamError decodes the Keystone error body of IAM's refusals.
func iamError(t *testing.T, a answer) (code int, title, msg string) {
	t.Helper()
	var body struct {
		Error struct {
			Code    int    `json:"code"`
			Title   string `json:"title"`
			Message string `json:"message"`
		} `json:"error"`
	}
	require.NoError(t, json.Unmarshal(a.body, &body), "%s", a.body)
	return body.Error.Code, body.Error.Title, body.Error.Message
}

func TestOIDCExchange(t *testing.T) {
	const idp = "cce-workload-idp"
	tests := []struct {
		name   string
		method string
		header http.Header
		body   string
		status int
		msg    string
	}{
		{"the vendor's request", http.MethodPost, http.Header{"X-Idp-Id": {idp}}, `{"auth":{"id_token":{"id":"eyJ.a.b"}}}`, 201, ""},
		{"with a project scope", http.MethodPost, http.Header{"X-Idp-Id": {idp}}, `{"auth":{"id_token":{"id":"eyJ.a.b"},"scope":{"project":{"id":"p"}}}}`, 201, ""},
		{"another configured IdP", http.MethodPost, http.Header{"X-Idp-Id": {"second-idp"}}, `{"auth":{"id_token":{"id":"eyJ.a.b"}}}`, 201, ""},
		{"unknown IdP", http.MethodPost, http.Header{"X-Idp-Id": {"someone-else"}}, `{"auth":{"id_token":{"id":"eyJ.a.b"}}}`, 404, "identity provider"},
		{"no X-Idp-Id", http.MethodPost, nil, `{"auth":{"id_token":{"id":"eyJ.a.b"}}}`, 400, "X-Idp-Id"},
		{"rejected id token", http.MethodPost, http.Header{"X-Idp-Id": {idp}}, `{"auth":{"id_token":{"id":"expired-token"}}}`, 401, "invalid or expired"},
		{"empty id token", http.MethodPost, http.Header{"X-Idp-Id": {idp}}, `{"auth":{"id_token":{"id":""}}}`, 400, "auth.id_token.id"},
		{"no id_token", http.MethodPost, http.Header{"X-Idp-Id": {idp}}, `{"auth":{}}`, 400, "auth.id_token.id"},
		{"not JSON", http.MethodPost, http.Header{"X-Idp-Id": {idp}}, `id_token=eyJ`, 400, "not the expected JSON"},
		{"data after the JSON", http.MethodPost, http.Header{"X-Idp-Id": {idp}}, `{"auth":{"id_token":{"id":"eyJ.a.b"}}} {}`, 400, "unexpected data"},
		{"too large", http.MethodPost, http.Header{"X-Idp-Id": {idp}}, `{"auth":{"id_token":{"id":"` + strings.Repeat("a", maxPlatformBody) + `"}}}`, 413, "64 KiB"},
		{"GET", http.MethodGet, http.Header{"X-Idp-Id": {idp}}, "", 405, "only POST"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			clock := newTestClock()
			r := platformStart(t, clock, PlatformOptions{IdentityProviders: []string{idp, "second-idp"}, RejectedIDTokens: []string{"expired-token"}})
			a, err := send(t, http.DefaultClient, tt.method, r.URL()+oidcExchangePath, tt.body, tt.header)
			require.NoError(t, err)
			require.Equal(t, tt.status, a.status, "%s", a.body)
			if tt.status != http.StatusCreated {
				code, title, msg := iamError(t, a)
				assert.Equal(t, tt.status, code)
				assert.Equal(t, http.StatusText(tt.status), title)
				assert.Contains(t, msg, tt.msg)
				assert.Empty(t, a.header.Get("X-Subject-Token"))
				return
			}
			assert.Regexp(t, `^MIIfake[A-Z2-7]{120}$`, a.header.Get("X-Subject-Token"))
			assert.Len(t, a.header.Get("X-Request-Id"), 32)
			var body struct {
				Token struct {
					ExpiresAt string   `json:"expires_at"`
					IssuedAt  string   `json:"issued_at"`
					Methods   []string `json:"methods"`
					User      struct {
						Federation struct {
							IdentityProvider struct {
								ID string `json:"id"`
							} `json:"identity_provider"`
						} `json:"OS-FEDERATION"`
					} `json:"user"`
				} `json:"token"`
			}
			require.NoError(t, json.Unmarshal(a.body, &body), "%s", a.body)
			assert.Equal(t, "2026-03-01T12:00:00.000000Z", body.Token.IssuedAt)
			assert.Equal(t, "2026-03-02T12:00:00.000000Z", body.Token.ExpiresAt, "an IAM token lives 24 hours")
			assert.Equal(t, []string{"mapped"}, body.Token.Methods)
			assert.Equal(t, tt.header.Get("X-Idp-Id"), body.Token.User.Federation.IdentityProvider.ID)
			assert.Empty(t, r.IssuedKeys(), "the exchange itself issues no keys")
		})
	}
}

// IDTokensPresented lists what the exchange received, in order, rejected tokens included, so a
// test can prove a client re-read its rotated token file.
func TestIDTokensPresented(t *testing.T) {
	r := platformStart(t, newTestClock(), PlatformOptions{IdentityProviders: []string{"idp"}, RejectedIDTokens: []string{"old"}})
	assert.Empty(t, r.IDTokensPresented())
	for _, tok := range []string{"first", "old", "second"} {
		exchange(t, r, "idp", tok)
	}
	exchange(t, r, "unknown-idp", "third")
	got := r.IDTokensPresented()
	assert.Equal(t, []string{"first", "old", "second", "third"}, got)
	got[0] = "changed"
	assert.Equal(t, "first", r.IDTokensPresented()[0], "callers get a copy")
}

// securitytokens turns an IAM token from the exchange into new keys, the token in X-Auth-Token
// (which wins, as on IAM's page) or in the body, for duration_seconds within 900 to 86400.
func TestSecurityTokens(t *testing.T) {
	const (
		absent = -1
		good   = "good"
	)
	tests := []struct {
		name     string
		header   string // X-Auth-Token: good, another value, or none
		bodyTok  string
		duration int
		status   int
		msg      string
		lifetime time.Duration
	}{
		{"token in the body, the vendor's 6 hours", "", good, 21600, 201, "", 6 * time.Hour},
		{"token in the header", good, "", 3600, 201, "", time.Hour},
		{"the header wins over the body", good, "not-a-token", 3600, 201, "", time.Hour},
		{"a bad header is not saved by the body", "not-a-token", good, 3600, 401, "invalid or expired", 0},
		{"no duration: IAM's 15 minutes", "", good, absent, 201, "", 15 * time.Minute},
		{"the shortest", "", good, 900, 201, "", 15 * time.Minute},
		{"the longest", "", good, 86400, 201, "", 24 * time.Hour},
		{"too short", "", good, 899, 400, "from 900 to 86400", 0},
		{"too long", "", good, 86401, 400, "from 900 to 86400", 0},
		{"no token", "", "", 3600, 401, "X-Auth-Token or auth.identity.token.id", 0},
		{"an unknown token", "", "MIIforged", 3600, 401, "invalid or expired", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			clock := newTestClock()
			r := platformStart(t, clock, PlatformOptions{IdentityProviders: []string{"idp"}})
			ex := exchange(t, r, "idp", "id")
			require.Equal(t, http.StatusCreated, ex.status)
			iamToken := ex.header.Get("X-Subject-Token")
			resolve := func(v string) string {
				if v == good {
					return iamToken
				}
				return v
			}
			h := http.Header{}
			if tt.header != "" {
				h.Set("X-Auth-Token", resolve(tt.header))
			}
			a := post(t, r, securityTokensPath, securityTokensBody(resolve(tt.bodyTok), tt.duration), h)
			require.Equal(t, tt.status, a.status, "%s", a.body)
			if tt.status != http.StatusCreated {
				_, _, msg := iamError(t, a)
				assert.Contains(t, msg, tt.msg)
				assert.NotContains(t, string(a.body), iamToken)
				assert.Empty(t, r.IssuedKeys())
				return
			}
			c := decodeCredential(t, a.body, "credential")
			assert.Equal(t, clock.Now().Add(tt.lifetime), c.Expires)
			assert.Equal(t, []IssuedKey{{AccessKey: c.Access, Source: SourceOIDC, Expires: c.Expires}}, r.IssuedKeys())
			assert.Equal(t, http.StatusOK, listWith(t, r, c.keys()).status)
		})
	}
}

// Every exchange issues new keys; an IAM token works for 24 hours on Options.Now.
func TestSecurityTokensIssueNewKeysEachTime(t *testing.T) {
	clock := newTestClock()
	r := platformStart(t, clock, PlatformOptions{IdentityProviders: []string{"idp"}})
	first := oidcCredential(t, r, "idp", "id")
	second := oidcCredential(t, r, "idp", "id")
	assert.NotEqual(t, first.Access, second.Access)
	assert.Len(t, r.IssuedKeys(), 2)

	ex := exchange(t, r, "idp", "id")
	clock.Advance(24*time.Hour - time.Second)
	assert.Equal(t, http.StatusCreated, post(t, r, securityTokensPath, securityTokensBody(ex.header.Get("X-Subject-Token"), 900), nil).status)
	clock.Advance(time.Second)
	a := post(t, r, securityTokensPath, securityTokensBody(ex.header.Get("X-Subject-Token"), 900), nil)
	assert.Equal(t, http.StatusUnauthorized, a.status, "the IAM token has expired")

	a = post(t, r, securityTokensPath, `{"auth":{"identity":{"methods":["assume_role"],"assume_role":{}}}}`, nil)
	assert.Equal(t, http.StatusBadRequest, a.status)
	_, _, msg := iamError(t, a)
	assert.Contains(t, msg, `auth.identity.methods must hold "token"`)
}
