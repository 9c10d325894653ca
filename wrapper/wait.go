package wrapper

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/dli-openapi/enhanced-connections/gen"
)

// WaitProgress is what WaitActive reports after every poll.
type WaitProgress struct {
	// Poll counts the polls so far, from 1.
	Poll int
	// Elapsed is the time since WaitActive started.
	Elapsed time.Duration
	// Connection is the latest answer of ShowEnhancedConnection.
	Connection *gen.ShowEnhancedConnectionResponse
	// Pending names what is not ACTIVE yet, with its state: "queue q1 (CREATING)",
	// "pool p1 (CREATING)", or the connection itself.
	Pending []string
	// Failures lists the peerings that FAILED (WaitActive returns after this poll).
	Failures []PeeringFailure
}

// WaitOption tunes WaitActive.
type WaitOption func(*waitConfig)

type waitConfig struct {
	interval    time.Duration
	maxInterval time.Duration
	limit       time.Duration
	progress    func(WaitProgress)
}

// DefaultWaitLimit is how long WaitActive waits unless WithWaitLimit says otherwise: the
// peering of a queue takes minutes on the real service, and a program that waits under
// context.Background() must still end. `edsconn wait` gives up after the same time.
const DefaultWaitLimit = 15 * time.Minute

// errWaitLimit is the cause of a wait that ran out of its own limit, rather than of ctx's.
var errWaitLimit = errors.New("the wait's limit ran out")

// WithPollInterval sets the first wait between polls (default 2 s); later waits grow by half
// each time up to the cap of WithMaxPollInterval.
func WithPollInterval(d time.Duration) WaitOption { return func(w *waitConfig) { w.interval = d } }

// WithMaxPollInterval caps the wait between polls (default 15 s): the peering takes minutes,
// and a poll is a signed API call that counts against the account's rate limit.
func WithMaxPollInterval(d time.Duration) WaitOption {
	return func(w *waitConfig) { w.maxInterval = d }
}

// WithWaitLimit bounds the whole wait (default DefaultWaitLimit); 0 or less means no limit of
// its own, so that only ctx ends it. ctx's deadline applies as well, whichever comes first.
func WithWaitLimit(d time.Duration) WaitOption { return func(w *waitConfig) { w.limit = d } }

// WithProgress has WaitActive call fn, from the waiting goroutine, after every poll that leaves
// something to wait for (Pending) or finds a peering FAILED (Failures): progress only, so fn is
// not called for the poll that finds everything ACTIVE, which WaitActive returns.
func WithProgress(fn func(WaitProgress)) WaitOption { return func(w *waitConfig) { w.progress = fn } }

// PeeringFailedError says that the peering of one or more queues or pools of a connection ended
// FAILED; waiting longer will not help.
type PeeringFailedError struct {
	ConnectionID string
	// Failures lists every failed queue or pool with the service's err_msg.
	Failures []PeeringFailure
}

// PeeringFailure is one failed queue or elastic resource pool.
type PeeringFailure struct {
	// Kind is "queue", "pool", or "connection" when the connection itself FAILED.
	Kind string
	Name string
	// ErrMsg is the service's explanation (err_msg).
	ErrMsg string
}

// Error lists each failure with its reason.
func (e *PeeringFailedError) Error() string {
	parts := make([]string, len(e.Failures))
	for i, f := range e.Failures {
		parts[i] = fmt.Sprintf("%s %s: %s", f.Kind, f.Name, f.ErrMsg)
	}
	return fmt.Sprintf("dli: connection %s: peering failed: %s", e.ConnectionID, strings.Join(parts, "; "))
}

// ErrConnectionDeleted is returned by WaitActive for a connection that was deleted meanwhile.
var ErrConnectionDeleted = errors.New("dli: connection is deleted")

// WaitActive polls a connection until it and the peering of every bound queue and elastic
// resource pool are ACTIVE, which is the check of the documented create procedure, and returns
// the last answer. Only an explicit ACTIVE counts: a connection or peering without a status is
// still pending. It waits at most DefaultWaitLimit (15 minutes; WithWaitLimit changes it), so
// that it ends even under context.Background(). It returns *PeeringFailedError when a peering
// (or the connection) FAILED, ErrConnectionDeleted when the connection is deleted, the call's
// error when a poll fails (after the retries of an idempotent call), and, when the limit or ctx
// ends it first, an error that says what was still pending and wraps ctx.Err()
// (errors.Is(err, context.DeadlineExceeded) when the limit ran out).
func (c *Client) WaitActive(ctx context.Context, connectionID string, opts ...WaitOption) (*gen.ShowEnhancedConnectionResponse, error) {
	w := waitConfig{interval: 2 * time.Second, maxInterval: 15 * time.Second, limit: DefaultWaitLimit}
	for _, o := range opts {
		o(&w)
	}
	w.interval = max(w.interval, time.Millisecond)
	w.maxInterval = max(w.maxInterval, w.interval)
	if w.limit > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeoutCause(ctx, w.limit, errWaitLimit)
		defer cancel()
	}
	start := time.Now()
	wait := w.interval
	var pending []string
	for poll := 1; ; poll++ {
		conn, err := c.ShowEnhancedConnection(ctx, connectionID)
		if err != nil {
			if ctx.Err() != nil {
				return nil, waitEnded(ctx, connectionID, poll-1, time.Since(start), pending)
			}
			return nil, err
		}
		var failures []PeeringFailure
		pending, failures = peeringState(conn)
		if conn.Status == gen.ConnectionFailed {
			failures = append(failures, PeeringFailure{Kind: "connection", Name: connectionID, ErrMsg: "the connection is FAILED"})
		} else if conn.Status != gen.ConnectionActive && conn.Status != gen.ConnectionDeleted {
			pending = append(pending, "connection "+connectionID+" ("+statusOrNone(string(conn.Status))+")")
		}
		if w.progress != nil && (len(pending) > 0 || len(failures) > 0) {
			w.progress(WaitProgress{Poll: poll, Elapsed: time.Since(start), Connection: conn, Pending: pending, Failures: failures})
		}
		switch {
		case len(failures) > 0:
			return conn, &PeeringFailedError{ConnectionID: connectionID, Failures: failures}
		case conn.Status == gen.ConnectionDeleted:
			return conn, fmt.Errorf("%w: %s", ErrConnectionDeleted, connectionID)
		case len(pending) == 0:
			// Only an explicit ACTIVE, for the connection and for every peering, is done.
			return conn, nil
		}
		if !sleep(ctx, wait) {
			return conn, waitEnded(ctx, connectionID, poll, time.Since(start), pending)
		}
		wait = min(wait+wait/2, w.maxInterval)
	}
}

// waitEnded is WaitActive's error when ctx ends first: it says what was still pending, and
// errors.Is(err, context.DeadlineExceeded) (or context.Canceled) holds.
func waitEnded(ctx context.Context, connectionID string, polls int, elapsed time.Duration, pending []string) error {
	what := "an answer"
	if len(pending) > 0 {
		what = strings.Join(pending, ", ")
	}
	verb := "gave up"
	switch {
	case errors.Is(ctx.Err(), context.Canceled):
		verb = "was cancelled"
	case errors.Is(context.Cause(ctx), errWaitLimit):
		verb = "gave up at the wait's limit (WithWaitLimit; default 15m)"
	}
	return fmt.Errorf("dli: WaitActive: connection %s: %s after %d polls in %s, still waiting for %s: %w",
		connectionID, verb, polls, elapsed.Round(time.Millisecond), what, ctx.Err())
}

func statusOrNone(s string) string {
	if s == "" {
		return "no status"
	}
	return s
}

// peeringState sorts the queues and pools of a connection into not-yet-ACTIVE and FAILED. A
// peering counts as ACTIVE only when its answer says so.
func peeringState(conn *gen.ShowEnhancedConnectionResponse) (pending []string, failures []PeeringFailure) {
	visit := func(kind string, peers []gen.PeerConnection) {
		for _, p := range peers {
			switch p.Status {
			case gen.PeerFailed:
				failures = append(failures, PeeringFailure{Kind: kind, Name: p.Name, ErrMsg: p.ErrMsg})
			case gen.PeerActive:
			default:
				pending = append(pending, kind+" "+p.Name+" ("+statusOrNone(string(p.Status))+")")
			}
		}
	}
	visit("queue", conn.AvailableQueueInfo)
	visit("pool", conn.ElasticResourcePools)
	return pending, failures
}
