package wrapper

import (
	"context"
	"sync"
	"sync/atomic"
	"time"
)

// Call is one call of an operation as middleware sees it from each of its attempts: which
// operation, when the call began, and, through OnEnd, how it ended. A Middleware sees only
// attempts; Call is what lets it also account for the call around them, e.g. one tracing span
// per call with a child span per attempt (the otel module's dliotel.Middleware does so).
type Call struct {
	operation, pathTemplate string
	start                   time.Time
	secrets                 *secretSet
	attempts                atomic.Int32

	mu    sync.Mutex
	onEnd []func(CallEnd)
}

// CallEnd is how a call ended.
type CallEnd struct {
	// Err is what the call returned: nil, or an *APIError, *InvalidAnswerError, *RedirectError
	// or transport error (never a *ValidationError: a call refused before sending has no
	// attempt, so no middleware ever saw it).
	Err error
	// Attempts is how many attempts were made; the retries are Attempts-1.
	Attempts int
}

// callKey carries the *Call in the context of a call's attempts.
type callKey struct{}

// CallFromContext returns the call a request belongs to, from req.Context() in a Middleware;
// nil for a request that no Client made.
func CallFromContext(ctx context.Context) *Call {
	c, _ := ctx.Value(callKey{}).(*Call)
	return c
}

// Operation is the operationId of the call, e.g. "CreateEnhancedConnection".
func (c *Call) Operation() string { return c.operation }

// PathTemplate is the spec's path of the operation, e.g.
// "/v2.0/{project_id}/datasource/enhanced-connections": low in cardinality, unlike the path of
// a request (OpenTelemetry's url.template).
func (c *Call) PathTemplate() string { return c.pathTemplate }

// Start is when the call began, before its request was validated and its first attempt sent.
func (c *Call) Start() time.Time { return c.start }

// OnEnd registers f to run once when the call ends, in the caller's goroutine, before the call
// returns; registered functions run in order. f must not block. Attempts of a call run one
// after the other, so a middleware registers from its first attempt.
func (c *Call) OnEnd(f func(CallEnd)) {
	c.mu.Lock()
	c.onEnd = append(c.onEnd, f)
	c.mu.Unlock()
}

// Scrub returns text that a server sent (a header value, an id) with the client's secrets
// replaced and its length bounded, as the client's own errors keep it: for middleware that
// records such text in a log, span or metric.
func (c *Call) Scrub(text string) string { return keepText(c.secrets.current(), text) }

// call runs one operation (run, in call.go); with middleware configured, it first makes the
// Call that the middleware sees from each attempt, and ends it with the call's outcome.
func (c *Client) call(ctx context.Context, op *operation, a *callArgs, out any, opts []CallOption) error {
	if !c.observed {
		return c.run(ctx, op, a, out, opts)
	}
	call := &Call{operation: op.id, pathTemplate: op.path, start: time.Now(), secrets: c.secrets}
	err := c.run(context.WithValue(ctx, callKey{}, call), op, a, out, opts)
	call.mu.Lock()
	fns := call.onEnd
	call.onEnd = nil
	call.mu.Unlock()
	end := CallEnd{Err: err, Attempts: int(call.attempts.Load())}
	for _, f := range fns {
		f(end)
	}
	return err
}
