package wrapper

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"strings"
	"time"
)

// A 401 of the gateway is final for fixed keys: every refused signature counts toward the
// gateway's lock-out of the key (5 failures lock it for 5 minutes), and sending the same keys
// again changes nothing. Two 401s are worth exactly one more attempt, re-signed, per call:
//
//   - the signature expired, and the answer says the gateway's time (APIGW.0301 "signature
//     expired, signature time:...,server time:..." or its Date header): the local clock is off,
//     so the client sets its signing clock to the gateway's and later calls sign with it too;
//   - the keys were temporary keys of a provider: they may have been revoked or rotated early,
//     so they are dropped and, when the provider hands out others, the call is sent with those.
//
// Neither can have done anything on the server (the gateway refused before DLI saw the request),
// so the retry is safe for a create too.

// authRetries records which of the two retries a call has used.
type authRetries struct {
	reclocked, renewed bool
}

// afterUnauthorized reports whether a 401 answer is worth one more attempt, and prepares it.
func (c *Client) afterUnauthorized(ctx context.Context, ans answer, keys *keySet, done *authRetries) bool {
	if skew, ok := measureSkew(ans); ok {
		if done.reclocked {
			return false
		}
		done.reclocked = true
		c.clock.set(ans.clockOffset + skew)
		return true
	}
	if done.renewed || !c.keys.renewable(keys) {
		return false
	}
	done.renewed = true
	return c.keys.refused(ctx, keys)
}

// signatureExpired is what the gateway's APIGW.0301 message says of a request whose X-Sdk-Date
// is more than 15 minutes from its clock. Seen in the wild (huaweicloud-sdk-java-v3 issue #44,
// terraform-provider-opentelekomcloud issue #3392):
// "Incorrect IAM authentication information: calc aksk signature fail:signature expired,
// signature time:20260528T092752Z,server time:20260528T094410Z".
const (
	signatureExpired = "signature expired"
	serverTimeLabel  = "server time:"
)

// measureSkew reads, from a 401 that says the signature expired, how far the gateway's clock is
// from the time the request was signed with: its "server time:" when the message has one, else
// its Date header. It reports false for any other answer.
func measureSkew(ans answer) (time.Duration, bool) {
	if ans.status != http.StatusUnauthorized || ans.body == nil || !bytes.Contains(*ans.body, []byte(signatureExpired)) {
		return 0, false
	}
	signed, err := time.Parse(sdkDateLayout, ans.sdkDate)
	if err != nil {
		return 0, false
	}
	server, ok := serverTime(*ans.body)
	if !ok {
		d, err := http.ParseTime(ans.header.Get("Date"))
		if err != nil {
			return 0, false
		}
		server = d
	}
	return server.Sub(signed), true
}

// serverTime finds the gateway's time in its message: "server time:" then a time in the
// X-Sdk-Date format, with or without spaces around it.
func serverTime(body []byte) (time.Time, bool) {
	i := bytes.Index(body, []byte(serverTimeLabel))
	if i < 0 {
		return time.Time{}, false
	}
	rest := strings.TrimLeft(string(body[i+len(serverTimeLabel):min(len(body), i+len(serverTimeLabel)+32)]), " ")
	if len(rest) < len(sdkDateLayout) {
		return time.Time{}, false
	}
	t, err := time.Parse(sdkDateLayout, rest[:len(sdkDateLayout)])
	return t, err == nil
}

// ClockSkewError is a 401 of the gateway that found the request's signature expired because the
// local clock and the gateway's are more than 15 minutes apart, after the client corrected its
// signing clock and retried once. Fix the machine's clock (NTP). It wraps the *APIError, so
// errors.As finds that too.
type ClockSkewError struct {
	// Skew is the gateway's time minus the local clock: positive when the local clock is behind.
	Skew time.Duration
	Err  *APIError
}

// Error says by how much the clock is off, then what the gateway answered.
func (e *ClockSkewError) Error() string {
	way, d := "behind", e.Skew
	if d < 0 {
		way, d = "ahead of", -d
	}
	return fmt.Sprintf("dli: %s: the local clock is %s %s the API gateway's (signatures expire after 15 minutes): correct the clock (NTP); the gateway answered: %s",
		e.Err.Operation, d.Round(time.Second), way, strings.TrimPrefix(e.Err.Error(), "dli: "+e.Err.Operation+": "))
}

// Unwrap returns the gateway's answer.
func (e *ClockSkewError) Unwrap() error { return e.Err }
