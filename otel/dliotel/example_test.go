package dliotel_test

import (
	"context"
	"fmt"
	"log"

	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/sdk/trace/tracetest"

	"github.com/dli-openapi/enhanced-connections/fake"
	"github.com/dli-openapi/enhanced-connections/otel/dliotel"
	"github.com/dli-openapi/enhanced-connections/wrapper"
)

// A client traced with OpenTelemetry: here with an in-memory exporter, in a service with the
// tracer and meter providers it already has (by default the global ones, as otelhttp).
func ExampleMiddleware() {
	srv, err := fake.Start(fake.Options{})
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()
	spans := tracetest.NewInMemoryExporter()
	tp := sdktrace.NewTracerProvider(sdktrace.WithSyncer(spans))
	defer tp.Shutdown(context.Background())

	client, err := wrapper.New(wrapper.Config{
		Endpoint:   srv.URL(),
		ProjectID:  "48cc2c48765f481480c7db940d6409d1",
		Middleware: []wrapper.Middleware{dliotel.Middleware(dliotel.WithTracerProvider(tp))},
	})
	if err != nil {
		log.Fatal(err)
	}
	if _, err := client.ListEnhancedConnections(context.Background(), nil); err != nil {
		log.Fatal(err)
	}
	for _, s := range spans.GetSpans() {
		fmt.Println(s.Name, s.SpanKind)
	}
	// Output:
	// ListEnhancedConnections attempt client
	// ListEnhancedConnections client
}
