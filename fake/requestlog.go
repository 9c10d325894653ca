package fake

import (
	"context"
	"log/slog"
	"time"
)

// logRequest writes the request log line of Options.Logger. It takes only what cannot carry a
// secret: not a header, not the query, not the body. The path holds a project id and connection
// ids, which are names, not credentials; slog quotes whatever a client puts there, so a path
// cannot forge a line.
func logRequest(l *slog.Logger, r RecordedRequest, requestID string, took time.Duration) {
	l.LogAttrs(context.Background(), slog.LevelInfo, "request",
		slog.String("method", r.Method),
		slog.String("path", r.Path),
		slog.String("operation", r.OperationID),
		slog.Int("status", r.Status),
		slog.Duration("duration", took),
		slog.String("request_id", requestID),
	)
}
