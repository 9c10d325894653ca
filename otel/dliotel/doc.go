// Package dliotel traces and measures the calls of a wrapper.Client with OpenTelemetry: one
// Middleware that makes a client span per call and per attempt, named after the operationId,
// with the current HTTP semantic conventions, and records the http.client.request.duration
// histogram, as otelhttp does for a plain http.Client and otelaws for the AWS SDK:
//
//	client, err := wrapper.New(wrapper.Config{
//		...
//		Middleware: []wrapper.Middleware{dliotel.Middleware(dliotel.WithTracerProvider(tp))},
//	})
//
// Without options the middleware uses the global tracer and meter providers.
//
// It is a module of its own (github.com/dli-openapi/enhanced-connections/otel), so that the
// client's module gains no dependency: only a program that imports this package links
// OpenTelemetry. It reads the call through wrapper.CallFromContext and
// wrapper.AttemptFromContext, and records no header and no body.
package dliotel
