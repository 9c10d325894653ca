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

// attemptKey carries the attempt number in each attempt's request context, for middleware.
type attemptKey struct{}

// operationKey carries the operationId in each attempt's request context, for middleware.
type operationKey struct{}

// scrubberKey carries the client's scrubber, so that LogAttempts cleans what the server sent.
type scrubberKey struct{}

// AttemptFromContext returns the operationId and the attempt number (from 1) of the call a
// request belongs to; middleware reads them from req.Context().
func AttemptFromContext(ctx context.Context) (operationID string, attempt int) {
	operationID, _ = ctx.Value(operationKey{}).(string)
	attempt, _ = ctx.Value(attemptKey{}).(int)
	return operationID, attempt
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
		scrub, _ := req.Context().Value(scrubberKey{}).(*scrubber)
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
