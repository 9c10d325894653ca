package wrapper

import (
	"context"
	"log/slog"
	"net/http"
	"time"
)

// Middleware sees every attempt of every call: the request as it goes out (signed, so change
// nothing the signature covers) and the answer as it comes back, or the error. It must call next
// exactly once and return what it returns, possibly wrapped; the answer's body is read by the
// client after the middleware returns, so a middleware that reads it must put back an equivalent
// body. Requests to another origin than the endpoint's are refused below every middleware.
type Middleware func(req *http.Request, next Next) (*http.Response, error)

// Next sends the request on: to the next middleware, or to the network.
type Next func(req *http.Request) (*http.Response, error)

// chain builds the path of every attempt through the middlewares, outermost first.
func chain(mws []Middleware, send Next) Next {
	for i := len(mws) - 1; i >= 0; i-- {
		mw, next := mws[i], send
		if mw == nil {
			continue
		}
		send = func(r *http.Request) (*http.Response, error) { return mw(r, next) }
	}
	return send
}

// attemptKey carries an *attemptInfo in each attempt's request context, for middleware: one
// context value per attempt rather than one per fact.
type attemptKey struct{}

// attemptInfo is what middleware may learn of the call an attempt belongs to.
type attemptInfo struct {
	operation string
	attempt   int
	// scrubber cleans what the server sent, for LogAttempts.
	scrubber *scrubber
}

// AttemptFromContext returns the operationId and the attempt number (from 1) of the call a
// request belongs to; middleware reads them from req.Context().
func AttemptFromContext(ctx context.Context) (operationID string, attempt int) {
	if info, ok := ctx.Value(attemptKey{}).(*attemptInfo); ok {
		return info.operation, info.attempt
	}
	return "", 0
}

// LogAttempts returns a Middleware that logs every attempt at level Info (failures at Warn) on
// logger: the operation, the attempt, method, path, status, the request id and the duration. It
// logs no header value and no body, so no signature, token or secret can reach the log; what
// the server sent (the request id) is scrubbed of the client's secrets first.
func LogAttempts(logger *slog.Logger) Middleware {
	return func(req *http.Request, next Next) (*http.Response, error) {
		start := time.Now()
		resp, err := next(req)
		op, attempt := AttemptFromContext(req.Context())
		var scrub *scrubber
		if info, ok := req.Context().Value(attemptKey{}).(*attemptInfo); ok {
			scrub = info.scrubber
		}
		attrs := []slog.Attr{
			slog.String("operation", op),
			slog.Int("attempt", attempt),
			slog.String("method", req.Method),
			slog.String("path", req.URL.Path),
			slog.Duration("duration", time.Since(start)),
		}
		level := slog.LevelInfo
		switch {
		case err != nil:
			level = slog.LevelWarn
			attrs = append(attrs, slog.String("error", keepText(scrub, err.Error())))
		default:
			attrs = append(attrs, slog.Int("status", resp.StatusCode), slog.String("request_id", keepText(scrub, resp.Header.Get("X-Request-Id"))))
			if resp.StatusCode >= 400 {
				level = slog.LevelWarn
			}
		}
		logger.LogAttrs(req.Context(), level, "dli attempt", attrs...)
		return resp, err
	}
}
