package fake

import (
	"encoding/json"
	"net/http"
	"regexp"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Each service's credential JSON, in its own spelling and time layout and, with
// AlternateSpelling, in the other one the vendor SDK reads; every answer decodes the vendor's way
// into keys the fake's DLI accepts, whose expiry is the one IssuedKeys reports.
func TestCredentialWireFormats(t *testing.T) {
	snakeFields := []string{"access", "expires_at", "secret", "securitytoken"}
	camelFields := []string{"accessKeyId", "expiration", "secretAccessKey", "securityToken"}
	micro := regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$`)
	whole := regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$`)
	const podToken = "pod-token"

	// fetch gets one credential answer from a service and names its JSON wrapper.
	type fetch func(t *testing.T, r *Running) (body []byte, wrapper string, status int)
	fromMetadata := func(t *testing.T, r *Running) ([]byte, string, int) {
		a := metadataKeys(t, r, "")
		return a.body, "credential", a.status
	}
	fromOIDC := func(t *testing.T, r *Running) ([]byte, string, int) {
		a := exchange(t, r, "idp", "id-token")
		require.Equal(t, http.StatusCreated, a.status, "%s", a.body)
		a = post(t, r, securityTokensPath, securityTokensBody(a.header.Get("X-Subject-Token"), 3600), nil)
		return a.body, "credential", a.status
	}
	fromPod := func(t *testing.T, r *Running) ([]byte, string, int) {
		a := post(t, r, PodIdentityPath, `{}`, http.Header{"Authorization": {podToken}})
		return a.body, "credentials", a.status
	}
	tests := []struct {
		name      string
		fetch     fetch
		status    int
		alternate bool
		fields    []string
		layout    *regexp.Regexp
	}{
		{"metadata", fromMetadata, 200, false, snakeFields, micro},
		{"metadata, alternate spelling", fromMetadata, 200, true, camelFields, whole},
		{"securitytokens", fromOIDC, 201, false, snakeFields, micro},
		{"securitytokens, alternate spelling", fromOIDC, 201, true, camelFields, whole},
		{"pod identity", fromPod, 200, false, camelFields, whole},
		{"pod identity, alternate spelling", fromPod, 200, true, snakeFields, micro},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			clock := newTestClock()
			clock.Advance(1234567 * time.Microsecond) // a fraction of a second in the expiry
			r := platformStart(t, clock, PlatformOptions{
				Metadata: true, IdentityProviders: []string{"idp"}, PodIdentityTokens: []string{podToken},
				AlternateSpelling: tt.alternate,
			})
			body, wrapper, status := tt.fetch(t, r)
			require.Equal(t, tt.status, status, "%s", body)

			var raw map[string]map[string]string
			require.NoError(t, json.Unmarshal(body, &raw))
			require.Len(t, raw, 1, "only %q at the top: %s", wrapper, body)
			c := decodeCredential(t, body, wrapper)
			assert.Equal(t, tt.fields, c.Fields, "one spelling, all four members")
			expiry := raw[wrapper]["expires_at"] + raw[wrapper]["expiration"]
			assert.Regexp(t, tt.layout, expiry)

			keys := r.IssuedKeys()
			require.Len(t, keys, 1)
			assert.Equal(t, c.Access, keys[0].AccessKey)
			assert.Regexp(t, `^[A-Z2-7]{20}$`, c.Access)
			if tt.layout == micro {
				assert.Equal(t, keys[0].Expires, c.Expires, "the expiry on the wire is exact")
				assert.Equal(t, "2026-03-01T13:00:01.234000Z", expiry, "an hour, to the millisecond")
			} else {
				assert.Equal(t, keys[0].Expires.Truncate(time.Second), c.Expires, "whole seconds, never later than the real expiry")
			}
			assert.Equal(t, http.StatusOK, listWith(t, r, c.keys()).status)
		})
	}
}
