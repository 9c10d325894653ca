package wrapper

import (
	"context"
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
	// Pending names the queues and pools whose peering is not ACTIVE yet, as "queue q1" or
	// "pool p1".
	Pending []string
}

// WaitOption tunes WaitActive.
type WaitOption func(*waitConfig)

type waitConfig struct {
	interval    time.Duration
	maxInterval time.Duration
	progress    func(WaitProgress)
}

// WithPollInterval sets the first wait between polls (default 2 s); later waits grow by half
// each time up to the cap of WithMaxPollInterval.
func WithPollInterval(d time.Duration) WaitOption { return func(w *waitConfig) { w.interval = d } }

// WithMaxPollInterval caps the wait between polls (default 15 s): the peering takes minutes,
// and a poll is a signed API call that counts against the account's rate limit.
func WithMaxPollInterval(d time.Duration) WaitOption {
	return func(w *waitConfig) { w.maxInterval = d }
}

// WithProgress has WaitActive call fn after every poll, from the waiting goroutine.
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
	// Kind is "queue" or "pool".
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
var ErrConnectionDeleted = fmt.Errorf("dli: connection is deleted")

// WaitActive polls a connection until it and the peering of every bound queue and elastic
// resource pool are ACTIVE, which is the check of the documented create procedure, and returns
// the last answer. It returns *PeeringFailedError when a peering FAILED, ErrConnectionDeleted
// when the connection is deleted, the call's error when a poll fails (after the retries of an
// idempotent call), and ctx.Err() when ctx ends first.
func (c *Client) WaitActive(ctx context.Context, connectionID string, opts ...WaitOption) (*gen.ShowEnhancedConnectionResponse, error) {
	w := waitConfig{interval: 2 * time.Second, maxInterval: 15 * time.Second}
	for _, o := range opts {
		o(&w)
	}
	w.interval = max(w.interval, time.Millisecond)
	w.maxInterval = max(w.maxInterval, w.interval)
	start := time.Now()
	wait := w.interval
	for poll := 1; ; poll++ {
		conn, err := c.ShowEnhancedConnection(ctx, connectionID)
		if err != nil {
			if ctx.Err() != nil {
				return nil, ctx.Err()
			}
			return nil, err
		}
		pending, failures := peeringState(conn)
		if w.progress != nil {
			w.progress(WaitProgress{Poll: poll, Elapsed: time.Since(start), Connection: conn, Pending: pending})
		}
		switch {
		case len(failures) > 0:
			return conn, &PeeringFailedError{ConnectionID: connectionID, Failures: failures}
		case conn.Status != nil && *conn.Status == gen.ConnectionDeleted:
			return conn, fmt.Errorf("%w: %s", ErrConnectionDeleted, connectionID)
		case len(pending) == 0 && (conn.Status == nil || *conn.Status == gen.ConnectionActive):
			return conn, nil
		}
		if !sleep(ctx, wait) {
			return conn, ctx.Err()
		}
		wait = min(wait+wait/2, w.maxInterval)
	}
}

// peeringState sorts the queues and pools of a connection into not-yet-ACTIVE and FAILED.
func peeringState(conn *gen.ShowEnhancedConnectionResponse) (pending []string, failures []PeeringFailure) {
	visit := func(kind string, peers []gen.PeerConnection) {
		for _, p := range peers {
			name := deref(p.Name)
			switch {
			case p.Status != nil && *p.Status == gen.PeerFailed:
				failures = append(failures, PeeringFailure{Kind: kind, Name: name, ErrMsg: deref(p.ErrMsg)})
			case p.Status == nil || *p.Status != gen.PeerActive:
				pending = append(pending, kind+" "+name)
			}
		}
	}
	visit("queue", conn.AvailableQueueInfo)
	visit("pool", conn.ElasticResourcePools)
	return pending, failures
}
