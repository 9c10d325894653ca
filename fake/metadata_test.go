package fake

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The token step: a session token as plain text, its TTL honoured within the ECS guide's 1 to
// 360 minutes, a proxy refused, and 404 where the service has no token API (v1 only).
func TestMetadataTokenStep(t *testing.T) {
	tests := []struct {
		name    string
		mode    MetadataMode
		method  string
		header  http.Header
		status  int
		ttlEcho string
	}{
		{"the vendor's 6 hours", 0, http.MethodPut, http.Header{"X-Metadata-Token-Ttl-Seconds": {"21600"}}, 200, "21600"},
		{"no TTL means 6 hours", 0, http.MethodPut, nil, 200, "21600"},
		{"one minute", 0, http.MethodPut, http.Header{"X-Metadata-Token-Ttl-Seconds": {"60"}}, 200, "60"},
		{"under a minute", 0, http.MethodPut, http.Header{"X-Metadata-Token-Ttl-Seconds": {"59"}}, 400, ""},
		{"over 6 hours", 0, http.MethodPut, http.Header{"X-Metadata-Token-Ttl-Seconds": {"21601"}}, 400, ""},
		{"not a number", 0, http.MethodPut, http.Header{"X-Metadata-Token-Ttl-Seconds": {"1h"}}, 400, ""},
		{"through a proxy", 0, http.MethodPut, http.Header{"X-Forwarded-For": {"10.0.0.1"}}, 403, ""},
		{"GET", 0, http.MethodGet, nil, 405, ""},
		{"token required", MetadataRequireToken, http.MethodPut, nil, 200, "21600"},
		{"v1 only", MetadataNoTokenService, http.MethodPut, http.Header{"X-Metadata-Token-Ttl-Seconds": {"21600"}}, 404, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := platformStart(t, newTestClock(), PlatformOptions{Metadata: true, MetadataMode: tt.mode})
			a, err := send(t, http.DefaultClient, tt.method, r.URL()+metadataTokenPath, "", tt.header)
			require.NoError(t, err)
			require.Equal(t, tt.status, a.status, "%s", a.body)
			if tt.status != http.StatusOK {
				if tt.status == http.StatusMethodNotAllowed {
					assert.Equal(t, http.MethodPut, a.header.Get("Allow"))
				}
				return
			}
			assert.Equal(t, "text/plain", a.header.Get("Content-Type"))
			assert.Equal(t, tt.ttlEcho, a.header.Get("X-Metadata-Token-Ttl-Seconds"))
			assert.Len(t, a.body, 56, "the token alone, no newline")
			assert.Equal(t, http.StatusOK, metadataKeys(t, r, string(a.body)).status, "the token is good for the keys")
		})
	}
}

// The keys request in each mode, with no token, a valid, an expired and an unknown one.
func TestMetadataKeysModes(t *testing.T) {
	const (
		none = iota
		valid
		expired
		unknown
	)
	tests := []struct {
		name   string
		mode   MetadataMode
		token  int
		status int
		body   string
	}{
		{"optional: no token", 0, none, 200, ""},
		{"optional: valid token", 0, valid, 200, ""},
		{"optional: expired token", 0, expired, 401, "invalid or expired"},
		{"optional: unknown token", 0, unknown, 401, "invalid or expired"},
		{"required: no token", MetadataRequireToken, none, 401, "requires an X-Metadata-Token"},
		{"required: valid token", MetadataRequireToken, valid, 200, ""},
		{"required: expired token", MetadataRequireToken, expired, 401, "invalid or expired"},
		{"v1: no token", MetadataNoTokenService, none, 200, ""},
		{"v1: a token header means nothing", MetadataNoTokenService, unknown, 200, ""},
		{"no agency", MetadataNoAgency, none, 401, noAgencyText},
		{"no agency, valid token", MetadataNoAgency | MetadataRequireToken, valid, 401, noAgencyText},
		{"no agency, token required first", MetadataNoAgency | MetadataRequireToken, none, 401, "requires an X-Metadata-Token"},
		{"v1, no agency", MetadataNoAgency | MetadataNoTokenService, none, 401, noAgencyText},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			clock := newTestClock()
			r := platformStart(t, clock, PlatformOptions{Metadata: true, MetadataMode: tt.mode})
			token := ""
			switch tt.token {
			case valid, expired:
				a := metadataToken(t, r, "60")
				require.Equal(t, http.StatusOK, a.status)
				token = string(a.body)
				if tt.token == expired {
					clock.Advance(time.Minute) // a token works until just before its TTL is up
				} else {
					clock.Advance(time.Minute - time.Second)
				}
			case unknown:
				token = "not-a-token-of-this-vm"
			}
			a := metadataKeys(t, r, token)
			require.Equal(t, tt.status, a.status, "%s", a.body)
			if tt.status != http.StatusOK {
				assert.Contains(t, string(a.body), tt.body)
				assert.Equal(t, tt.body == noAgencyText, strings.Contains(string(a.body), noAgencyText),
					"only the agency refusal carries the text clients do not retry on")
				assert.Empty(t, r.IssuedKeys(), "a refusal issues nothing")
				return
			}
			c := decodeCredential(t, a.body, "credential")
			assert.Equal(t, http.StatusOK, listWith(t, r, c.keys()).status)
		})
	}
}

func TestMetadataServesOnlyItsMethods(t *testing.T) {
	r := platformStart(t, newTestClock(), PlatformOptions{Metadata: true})
	a := mustSend(t, r, http.MethodPost, metadataKeysPath, `{}`)
	assert.Equal(t, http.StatusMethodNotAllowed, a.status)
	assert.Equal(t, http.MethodGet, a.header.Get("Allow"))
}
