package wrapper

import (
	"context"
	"errors"
	"math/rand/v2"
	"net"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// RetryPolicy says how often and how patiently calls are repeated. Retries are small enough to
// write here rather than import a library: the popular retrying HTTP clients resend POSTs by
// default, which is exactly what must never happen to a create.
//
// What is retried: a GET, PUT or DELETE (and a POST the spec marks idempotent, such as a tag
// query) after 429, 502, 503 or 504, or after the connection failed; any other POST only after
// an error that proves it never left the process: a refused or failed dial, a failed DNS lookup.
type RetryPolicy struct {
	// MaxAttempts counts the first attempt too; 1 disables retries; 0 means the default (4).
	MaxAttempts int
	// BaseDelay is the ceiling of the first wait, doubled for every further attempt; 0 means
	// 200 ms. Each wait is drawn uniformly below its ceiling ("full jitter"), so that many
	// clients throttled together do not come back together.
	BaseDelay time.Duration
	// MaxDelay caps the ceiling of a wait; 0 means 5 s.
	MaxDelay time.Duration
	// MaxRetryAfter is the longest Retry-After the client will sit out; a longer one (or one
	// past the call's deadline) ends the call at once with the 429/503 error instead. 0 means
	// 30 s.
	MaxRetryAfter time.Duration
}

// DefaultRetryPolicy is what the zero RetryPolicy means: 4 attempts, waits drawn below 200 ms,
// 400 ms, 800 ms, and a Retry-After of up to 30 s honoured.
func DefaultRetryPolicy() RetryPolicy {
	return RetryPolicy{MaxAttempts: 4, BaseDelay: 200 * time.Millisecond, MaxDelay: 5 * time.Second, MaxRetryAfter: 30 * time.Second}
}

func (p RetryPolicy) withDefaults() RetryPolicy {
	d := DefaultRetryPolicy()
	if p.MaxAttempts > 0 {
		d.MaxAttempts = p.MaxAttempts
	}
	if p.BaseDelay > 0 {
		d.BaseDelay = p.BaseDelay
	}
	if p.MaxDelay > 0 {
		d.MaxDelay = p.MaxDelay
	}
	if p.MaxRetryAfter > 0 {
		d.MaxRetryAfter = p.MaxRetryAfter
	}
	return d
}

// backoff is the wait before attempt+1 (attempt counts from 1): never zero, so that no two
// attempts go back to back.
func (p RetryPolicy) backoff(attempt int) time.Duration {
	ceiling := p.BaseDelay << min(attempt-1, 30)
	if ceiling <= 0 || ceiling > p.MaxDelay {
		ceiling = p.MaxDelay
	}
	return rand.N(ceiling) + 1
}

// retryableStatus are the answers that say "not now" without saying the request did anything.
func retryableStatus(code int) bool {
	switch code {
	case http.StatusTooManyRequests, http.StatusBadGateway, http.StatusServiceUnavailable, http.StatusGatewayTimeout:
		return true
	}
	return false
}

// neverLeft reports whether err proves that no byte of the request reached the network: the
// dial (or the dial of the proxy) failed, or the name did not resolve. That a transport fired no
// httptrace event proves nothing (a caller's transport may not fire them), so wroteHeaders only
// ever vetoes.
func neverLeft(err error, wroteHeaders bool) bool {
	if wroteHeaders || err == nil {
		return false
	}
	var dns *net.DNSError
	if errors.As(err, &dns) {
		return true
	}
	var op *net.OpError
	return errors.As(err, &op) && (op.Op == "dial" || op.Op == "proxyconnect")
}

// retryAfterKind sorts Retry-After values.
type retryAfterKind int

const (
	retryAfterNone    retryAfterKind = iota // absent, negative or unreadable: use the backoff
	retryAfterWait                          // a wait within MaxRetryAfter
	retryAfterTooLong                       // longer than the policy sits out: give up now
)

// parseRetryAfter reads a Retry-After header (delay-seconds or an HTTP-date, RFC 9110 10.2.3)
// against the policy's ceiling. Seconds are compared with the ceiling before they become a
// Duration, so a huge value cannot overflow into a short or negative wait.
func parseRetryAfter(h string, now time.Time, ceiling time.Duration) (time.Duration, retryAfterKind) {
	h = strings.TrimSpace(h)
	if h == "" {
		return 0, retryAfterNone
	}
	if isDigits(h) {
		secs, err := strconv.ParseUint(h, 10, 64)
		if err != nil || secs > uint64(ceiling/time.Second) {
			// All digits, so err can only be an overflow: a delay beyond any ceiling.
			return 0, retryAfterTooLong
		}
		return time.Duration(secs) * time.Second, retryAfterWait
	}
	at, err := http.ParseTime(h)
	if err != nil {
		return 0, retryAfterNone
	}
	d := at.Sub(now) // saturates instead of overflowing
	switch {
	case d > ceiling:
		return 0, retryAfterTooLong
	case d < 0:
		return 0, retryAfterWait
	}
	return d, retryAfterWait
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// waitBeforeRetry picks the wait after a throttled or unavailable answer: the server's
// Retry-After when it sends one we are willing to sit out, never less than the backoff (so a
// "0" or a past date does not make attempts go back to back), and false when the server asks
// for longer than the policy's ceiling or than the call has left.
func (p RetryPolicy) waitBeforeRetry(ctx context.Context, retryAfter string, attempt int) (time.Duration, bool) {
	wait := p.backoff(attempt)
	d, kind := parseRetryAfter(retryAfter, time.Now(), p.MaxRetryAfter)
	switch kind {
	case retryAfterTooLong:
		return 0, false
	case retryAfterWait:
		wait = max(wait, d)
	}
	if deadline, ok := ctx.Deadline(); ok && time.Until(deadline) < wait {
		return 0, false
	}
	return wait, true
}

// sleep waits d or until ctx ends, and reports whether the wait ran to its end.
func sleep(ctx context.Context, d time.Duration) bool {
	if d <= 0 {
		return ctx.Err() == nil
	}
	timer := time.NewTimer(d)
	defer timer.Stop()
	select {
	case <-timer.C:
		return true
	case <-ctx.Done():
		return false
	}
}
