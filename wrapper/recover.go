package wrapper

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/dli-openapi/enhanced-connections/gen"
)

// A create that fails after its request may have reached DLI leaves the caller guessing: the
// connection may exist. DLI takes no client token, but a connection has a name, a VPC and a
// subnet, so the client looks it up (the spec's x-recover on CreateEnhancedConnection says how)
// and either returns it, or knows that nothing was created and sends the create again, or says
// what it found and never adopts it. README's "A create whose answer was lost" tells the rules.

// RecoverClockSkew is how much earlier than the call's start, by this machine's clock, a
// connection found after a lost answer may have been created (by DLI's clock) and still be taken
// as the one the call created. DLI's clock and ours differ: 5 minutes is the conventional bound
// of clock skew between hosts that trust each other's timestamps (Kerberos' default), a third
// of the 15 minutes the gateway allows a signature. A larger allowance would adopt more
// connections made just before the call by someone else; a clock further off than this makes
// the client refuse its own connection, with a *CreateOutcomeError that names it, never adopt
// another's.
const RecoverClockSkew = 5 * time.Minute

// RecoverLookupTimeout is the least time the lookup after a failed create gets: what is left of
// the call's time when that is more, else this much more, also when the call's deadline (or the
// caller's context's deadline) has passed, since a create that timed out is exactly the one
// that needs the lookup. A caller that cancels its context ends the lookup too.
const RecoverLookupTimeout = 10 * time.Second

// lookupPageSize and maxLookupPages bound the lookup: a name filter lists one connection or
// none, but the references do not say that the filter is exact.
const (
	lookupPageSize = 100
	maxLookupPages = 50
)

// WithRecover turns off (false) or on (true, the default) the recovery of a create whose answer
// was lost, for this call. Callers that reconcile by themselves turn it off: then a create is
// sent once unless it provably never left, and its error is returned as it came.
func WithRecover(on bool) CallOption {
	return func(s *callSettings) { s.noRecover = !on }
}

// recovery is how a create is found again: the spec's x-recover of the operation, as closures
// over the gen types that genwrapper writes into operations.gen.go.
type recovery struct {
	// lookup is the listing operation; key, match and created name the fields compared, for
	// messages.
	lookup     *operation
	key, match []string
	created    string
	// keyValues returns the request's key fields, for messages.
	keyValues func(body any) []string
	// params returns the lookup's parameters for one page.
	params func(body any, limit, offset int32) any
	// items returns what a lookup's answer lists.
	items func(answer any) []gen.EnhancedConnection
	// sameKey reports whether an item has the request's key (the service's filter may be
	// looser than equality).
	sameKey func(body any, item *gen.EnhancedConnection) bool
	// mismatch returns the first match field that differs, "" when none does.
	mismatch func(body any, item *gen.EnhancedConnection) (field, found, want string)
	// createdAt is the item's creation time in milliseconds since the epoch, 0 when unknown.
	createdAt func(item *gen.EnhancedConnection) int64
	// adopt writes the create's answer made of item into out.
	adopt func(item *gen.EnhancedConnection, message string, out any)
}

// recoverer is the recovery of one call.
type recoverer struct {
	c    *Client
	op   *operation
	body any
	out  any
	// parent is the caller's context, start when the call began.
	parent context.Context
	start  time.Time
	retry  RetryPolicy
	header http.Header
	// reached is set once an attempt may have reached DLI: an "already exists" after that may
	// be this call's own connection. onItsWay is set once an attempt got no answer or a gateway
	// timeout: it may still reach DLI, whatever the later attempts get.
	reached, onItsWay bool
}

// recoverer returns the recovery of a call, off (its op nil) when the operation has none or
// the call turned it off. It is a value, kept on the call's stack: a create that succeeds costs
// nothing more.
func (c *Client) recoverer(ctx context.Context, op *operation, a *callArgs, out any, s *callSettings) recoverer {
	if op.recover == nil || s.noRecover || a.body == nil {
		return recoverer{}
	}
	return recoverer{c: c, op: op, body: a.body, out: out, parent: ctx, start: time.Now(), retry: s.retry, header: s.header}
}

// on reports whether the call recovers its failures.
func (r *recoverer) on() bool { return r.op != nil }

// failureKind sorts the final failures of a create's attempt.
type failureKind int

const (
	failDefinitive failureKind = iota // the create did not happen: refused, or never sent
	failAmbiguous                     // it may have happened
	failExists                        // DLI refused it because the name is taken
)

// classifyCreateFailure says what a create's failure proves. An answer DLI gave (a 4xx, or a
// 2xx that says is_success false) is definitive; a 5xx or 429 may come from a gateway or proxy
// after DLI acted (a 504 usually does); a broken or unreadable answer, or none before the
// deadline, proves nothing. Only a failed dial, the origin guard and a redirect prove that
// nothing reached DLI.
func classifyCreateFailure(err error) failureKind {
	var invalid *InvalidAnswerError
	var apiErr *APIError
	var redirect *RedirectError
	switch {
	case errors.As(err, &invalid):
		return failAmbiguous
	case errors.As(err, &apiErr):
		switch {
		case IsAlreadyExists(apiErr):
			return failExists
		case apiErr.StatusCode >= 500 || apiErr.StatusCode == http.StatusTooManyRequests:
			return failAmbiguous
		}
		return failDefinitive
	case errors.As(err, &redirect), errors.Is(err, errOtherOrigin), neverLeft(err, false):
		return failDefinitive
	}
	return failAmbiguous
}

// settle decides what a create's final failure err (with the attempt's answer, if one came)
// means. It returns again once it has waited to send the create again; otherwise the call's
// result: nil with the found connection written into the call's out, or the error.
func (r *recoverer) settle(ctx context.Context, ans answer, err error, attempt int) (again bool, _ error) {
	kind := classifyCreateFailure(err)
	switch {
	case kind == failDefinitive:
		return false, err
	case kind == failExists && !r.reached:
		// The first attempt that reached DLI was refused: the connection of that name is not
		// this call's, whatever it looks like. The lookup only names it.
		found, lerr := r.find(ctx)
		e := r.outcome(CreateExists, err, "DLI refused the create because the name is taken", found)
		e.LookupErr = lerr
		return false, e
	case errors.Is(r.parent.Err(), context.Canceled):
		return false, r.outcome(CreateUnknown, err, "the call was canceled before a lookup could tell", nil)
	}
	r.reached = true
	r.onItsWay = r.onItsWay || stillOnItsWay(ans)
	found, lerr := r.find(ctx)
	if lerr != nil {
		e := r.outcome(CreateUnknown, err, "", nil)
		e.LookupErr = lerr
		return false, e
	}
	if len(found) > 0 {
		item, reason := r.judge(found)
		if item == nil {
			return false, r.outcome(CreateExists, err, reason, found)
		}
		r.op.recover.adopt(item, r.recoveredMessage(kind, err, item), r.out)
		return false, nil
	}
	var invalid *InvalidAnswerError
	switch {
	case kind == failExists:
		return false, r.outcome(CreateUnknown, err, "DLI says the name is taken, but the lookup lists nothing of that name", nil)
	case errors.As(err, &invalid) && invalid.StatusCode >= 200 && invalid.StatusCode <= 299:
		return false, r.outcome(CreateUnknown, err, "DLI answered "+strconv.Itoa(invalid.StatusCode)+
			", but the lookup lists nothing of that name", nil)
	}
	// Nothing of that name: the create has not happened, and may be sent again; should the
	// first one still arrive, DLI refuses one of the two as a duplicate, and a refusal sends
	// this call back to the lookup.
	if wait, ok := r.retryWait(ctx, ans.header, err, attempt); ok && sleep(ctx, wait) {
		return true, nil
	}
	if r.onItsWay {
		return false, r.outcome(CreateUnknown, err, "nothing of that name exists yet, but an attempt got no answer "+
			"(or a gateway timeout), so it may still reach DLI: look it up again before creating it under another name", nil)
	}
	return false, r.outcome(CreateNotDone, err, "the lookup lists nothing of that name", nil)
}

// stillOnItsWay reports whether a create whose attempt ended with ans may still be carried out:
// no answer came (a deadline, a connection lost before the status line), or a gateway timed out
// waiting for DLI, which may still be working on it. Any other answer ends the request's way.
func stillOnItsWay(ans answer) bool {
	return ans.status == 0 || ans.status == http.StatusGatewayTimeout
}

// retryWait is the wait before the create is sent again after a failure that the lookup showed
// left nothing behind: the retry policy of an idempotent call, for the failures it retries.
func (r *recoverer) retryWait(ctx context.Context, header http.Header, err error, attempt int) (time.Duration, bool) {
	p := r.retry
	if attempt >= p.MaxAttempts || ctx.Err() != nil {
		return 0, false
	}
	var apiErr *APIError
	var invalid *InvalidAnswerError
	switch {
	case errors.As(err, &invalid):
		return 0, false
	case errors.As(err, &apiErr):
		if !retryableStatus(apiErr.StatusCode) {
			return 0, false
		}
		return p.waitBeforeRetry(ctx, header.Get("Retry-After"), attempt)
	}
	wait := p.backoff(attempt)
	if deadline, ok := ctx.Deadline(); ok && time.Until(deadline) < wait {
		return 0, false
	}
	return wait, true
}

// find lists what has the request's key, every page, retried like any GET, and also after a
// 500, which a GET is not: a lookup that gives up leaves the caller not knowing whether a
// connection exists, which costs more than one more GET.
func (r *recoverer) find(callCtx context.Context) ([]gen.EnhancedConnection, error) {
	ctx, cancel := r.lookupContext(callCtx)
	defer cancel()
	for attempt := 1; ; attempt++ {
		found, err := r.findOnce(ctx)
		var apiErr *APIError
		if err == nil || !errors.As(err, &apiErr) || apiErr.StatusCode != http.StatusInternalServerError ||
			attempt >= r.retry.MaxAttempts || !sleep(ctx, r.retry.backoff(attempt)) {
			return found, err
		}
	}
}

// findOnce is one lookup: every page, each retried by the call's retry policy.
func (r *recoverer) findOnce(ctx context.Context) ([]gen.EnhancedConnection, error) {
	rec := r.op.recover
	header := r.header
	opts := []CallOption{WithRetry(r.retry), func(s *callSettings) { s.header = header }}
	var found []gen.EnhancedConnection
	for page := range maxLookupPages {
		out := rec.lookup.newAnswer()
		args := &callArgs{params: rec.params(r.body, lookupPageSize, int32(page*lookupPageSize))}
		if err := r.c.call(ctx, rec.lookup, args, out, opts); err != nil {
			return nil, err
		}
		items := rec.items(out)
		for i := range items {
			if rec.sameKey(r.body, &items[i]) {
				found = append(found, items[i])
			}
		}
		if len(items) < lookupPageSize {
			return found, nil
		}
	}
	return nil, fmt.Errorf("dli: %s: more than %d pages of %d: the lookup stopped", rec.lookup.id, maxLookupPages, lookupPageSize)
}

// lookupContext bounds the lookup: by the call's deadline when at least RecoverLookupTimeout is
// left of it, else by RecoverLookupTimeout from now, outliving the deadlines of the call and of
// the caller's context, but not the caller's cancellation.
func (r *recoverer) lookupContext(callCtx context.Context) (context.Context, context.CancelFunc) {
	if deadline, ok := callCtx.Deadline(); ok && callCtx.Err() == nil && time.Until(deadline) >= RecoverLookupTimeout {
		return callCtx, func() {}
	}
	parent := r.parent
	ctx, cancel := context.WithTimeout(context.WithoutCancel(parent), RecoverLookupTimeout)
	stop := context.AfterFunc(parent, func() {
		if errors.Is(parent.Err(), context.Canceled) {
			cancel()
		}
	})
	return ctx, func() { stop(); cancel() }
}

// judge picks the one found item that this call created, or says why there is none.
func (r *recoverer) judge(found []gen.EnhancedConnection) (*gen.EnhancedConnection, string) {
	rec := r.op.recover
	if len(found) > 1 {
		return nil, strconv.Itoa(len(found)) + " connections have that name: which one this call made cannot be told"
	}
	item := &found[0]
	if field, got, want := rec.mismatch(r.body, item); field != "" {
		return nil, fmt.Sprintf("its %s is %q, not %q", field, got, want)
	}
	created := rec.createdAt(item)
	if created <= 0 {
		return nil, fmt.Sprintf("it has no %s, so whether this call made it cannot be told", rec.created)
	}
	if earliest := r.start.Add(-RecoverClockSkew); created < earliest.UnixMilli() {
		return nil, fmt.Sprintf("it was created before this call began at %s (less %v for clock skew)",
			r.start.UTC().Format(time.RFC3339), RecoverClockSkew)
	}
	return item, ""
}

// recoveredPrefix starts the message of a recovered answer: DLI's own messages for a create
// are "Create peer connection for queues:..." or empty.
const recoveredPrefix = "recovered by the client: "

// IsRecovered reports whether a create's answer was made by the client from a lookup after the
// create's own answer was lost, rather than sent by DLI. Its Message then says what was lost
// and how the connection was found.
func IsRecovered(answer *gen.CreateEnhancedConnectionResponse) bool {
	return answer != nil && strings.HasPrefix(answer.Message, recoveredPrefix)
}

// recoveredMessage says in a recovered answer what failed and how the item was found.
func (r *recoverer) recoveredMessage(kind failureKind, cause error, item *gen.EnhancedConnection) string {
	rec := r.op.recover
	what := "the create's answer was lost"
	if kind == failExists {
		what = "DLI refused a repeated create as a duplicate"
	}
	return keepText(r.c.secrets.current(), fmt.Sprintf("%s%s (%s); connection %s was found by %s with the same %s, created at %s",
		recoveredPrefix, what, causeText(r.op.id, cause), item.ID, strings.Join(rec.key, ", "), strings.Join(rec.match, " and "),
		formatMillis(rec.createdAt(item))))
}

// outcome builds the error of a create whose outcome the lookup established (or could not).
func (r *recoverer) outcome(o CreateOutcome, err error, reason string, found []gen.EnhancedConnection) *CreateOutcomeError {
	e := &CreateOutcomeError{Operation: r.op.id, Name: strings.Join(r.op.recover.keyValues(r.body), "/"), Outcome: o,
		Reason: keepText(r.c.secrets.current(), reason), Err: err}
	for i := range found {
		c, s := &found[i], r.c.secrets.current()
		e.Found = append(e.Found, gen.EnhancedConnection{ID: s.scrub(c.ID), Name: s.scrub(c.Name), Status: gen.ConnectionStatus(s.scrub(string(c.Status))),
			DestVpcID: s.scrub(c.DestVpcID), DestNetworkID: s.scrub(c.DestNetworkID), CreateTime: c.CreateTime})
	}
	return e
}

// causeText is a create's error without the "dli: <operation>: " that every error starts with.
func causeText(operation string, err error) string {
	msg := err.Error()
	msg = strings.TrimPrefix(msg, "dli: "+operation+": ")
	const most = 300
	if len(msg) > most {
		// A cut inside a rune leaves invalid bytes, which ToValidUTF8 drops.
		msg = strings.ToValidUTF8(msg[:most], "") + "..."
	}
	return msg
}

// formatMillis writes a time of the API (milliseconds since the epoch) as RFC 3339 in UTC.
func formatMillis(ms int64) string {
	return time.UnixMilli(ms).UTC().Format("2006-01-02T15:04:05.000Z07:00")
}
