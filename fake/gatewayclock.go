package fake

import (
	"net/http"
	"time"

	"github.com/dli-openapi/enhanced-connections/wrapper/signer"
)

// gatewayClock is the API gateway's clock: real time plus PlatformOptions.GatewayClockOffset.
// It is not Options.Now, which is the emulated service's clock: the gateway judges signatures by
// the time of day, so a test clock far from now must not break signed requests.
type gatewayClock struct {
	offset time.Duration
}

// sdkDateLayout is the layout of X-Sdk-Date, and of the times in the gateway's messages.
const sdkDateLayout = "20060102T150405Z"

func (c gatewayClock) now() time.Time { return time.Now().Add(c.offset) }

// checkDate refuses an X-Sdk-Date (already checked well formed) more than signer.MaxClockSkew
// from the gateway's clock, in the words of the real gateway's 401 ("calc aksk signature
// fail:signature expired, signature time:20260528T092752Z,server time:20260528T094410Z").
func (c gatewayClock) checkDate(date string) string {
	signed, err := time.Parse(sdkDateLayout, date)
	if err != nil {
		return "malformed X-Sdk-Date"
	}
	now := c.now()
	if d := now.Sub(signed); d > signer.MaxClockSkew || d < -signer.MaxClockSkew {
		return "calc aksk signature fail:signature expired, signature time:" + date + ",server time:" + now.UTC().Format(sdkDateLayout)
	}
	return ""
}

// setDate puts the gateway's time in the Date header of the answer, where net/http would put the
// real one, so that a client can measure its skew from any answer.
func (c gatewayClock) setDate(h http.Header) {
	h.Set("Date", c.now().UTC().Format(http.TimeFormat))
}
