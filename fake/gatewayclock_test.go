package fake

import (
	"net/http"
	"regexp"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// expiredMessage is the real gateway's message for a stale X-Sdk-Date (huaweicloud-sdk-java-v3
// issue #44, terraform-provider-opentelekomcloud issue #3392).
var expiredMessage = regexp.MustCompile(`^Incorrect IAM authentication information: calc aksk signature fail:signature expired, signature time:(\d{8}T\d{6}Z),server time:(\d{8}T\d{6}Z)$`)

// The gateway judges X-Sdk-Date by its own clock, real time plus GatewayClockOffset: within 15
// minutes of it is accepted, further is refused in the real gateway's words, and every answer's
// Date header shows that clock. Bounds are taken around each request, so no assertion depends on
// how long anything took.
func TestGatewayClockOffset(t *testing.T) {
	offsets := []time.Duration{0, time.Hour, -2 * time.Hour, 20 * time.Minute}
	signedAt := []struct {
		name     string
		fromGate time.Duration // X-Sdk-Date relative to the gateway's clock
		accepted bool
	}{
		{"on the gateway's clock", 0, true},
		{"10 minutes behind it", -10 * time.Minute, true},
		{"10 minutes ahead of it", 10 * time.Minute, true},
		{"20 minutes behind it", -20 * time.Minute, false},
		{"20 minutes ahead of it", 20 * time.Minute, false},
	}
	for _, offset := range offsets {
		r := start(t, Options{Credentials: map[string]string{testAK: testSK}, Platform: PlatformOptions{GatewayClockOffset: offset}})
		for _, tt := range signedAt {
			t.Run(offset.String()+"/"+tt.name, func(t *testing.T) {
				before := time.Now().Add(offset).Truncate(time.Second)
				date := time.Now().Add(offset + tt.fromGate).UTC().Format(sdkDateLayout)
				a := signedRequest(t, r, http.MethodGet, connsPath(project), "", testAK, testSK, func(http.Header) (string, string) { return date, "" })
				after := time.Now().Add(offset)

				served, err := http.ParseTime(a.header.Get("Date"))
				require.NoError(t, err, "Date %q", a.header.Get("Date"))
				assert.False(t, served.Before(before) || served.After(after), "Date %s is the gateway's clock, within [%s, %s]", served, before, after)
				if tt.accepted {
					assert.Equal(t, http.StatusOK, a.status, "%s", a.body)
					return
				}
				require.Equal(t, http.StatusUnauthorized, a.status)
				code, msg := a.errorBody(t)
				assert.Equal(t, codeAuth, code)
				m := expiredMessage.FindStringSubmatch(msg)
				require.NotNil(t, m, "message %q", msg)
				assert.Equal(t, date, m[1], "the signature time is X-Sdk-Date as sent")
				server, err := time.Parse(sdkDateLayout, m[2])
				require.NoError(t, err)
				assert.False(t, server.Before(before) || server.After(after), "server time %s within [%s, %s]", server, before, after)
			})
		}
	}
}

// With a real client signing at the real time, an offset beyond 15 minutes refuses everything,
// also on IAM's lookup, and the platform services (which are no gateway's) still answer.
func TestGatewayClockOffsetRefusesARealClient(t *testing.T) {
	r := start(t, Options{Now: newTestClock().Now, Platform: PlatformOptions{Metadata: true, GatewayClockOffset: 16 * time.Minute}})
	c := metadataCredential(t, r)
	a := listWith(t, r, c.keys())
	require.Equal(t, http.StatusUnauthorized, a.status)
	_, msg := a.errorBody(t)
	assert.Regexp(t, expiredMessage, msg)

	a, err := send(t, signedClient(c.keys()), http.MethodGet, r.URL()+"/v3/projects?name=eu-de", "", nil)
	require.NoError(t, err)
	assert.Equal(t, http.StatusUnauthorized, a.status)
	assert.Contains(t, string(a.body), "calc aksk signature fail:signature expired")
}
