package dliotel

import (
	"context"
	"net/http"
	"sync"
	"time"

	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/codes"
	"go.opentelemetry.io/otel/metric"
	semconv "go.opentelemetry.io/otel/semconv/v1.43.0"
	"go.opentelemetry.io/otel/semconv/v1.43.0/httpconv"
	"go.opentelemetry.io/otel/trace"

	"github.com/dli-openapi/enhanced-connections/wrapper"
)

// ScopeName is the instrumentation scope of the spans and the metric: this package's import
// path.
const ScopeName = "github.com/dli-openapi/enhanced-connections/otel/dliotel"

// Attributes of DLI that no semantic convention covers.
const (
	// AttrErrorCode is DLI's or its gateway's error code of a failed call, e.g. "DLI.0001".
	AttrErrorCode = attribute.Key("dli.error_code")
	// AttrRequestID is the X-Request-Id of an answer, which DLI's support asks for.
	AttrRequestID = attribute.Key("dli.request_id")
)

// Option configures Middleware, as otelhttp's options do.
type Option interface{ apply(*config) }

type optionFunc func(*config)

func (f optionFunc) apply(c *config) { f(c) }

type config struct {
	tracerProvider trace.TracerProvider
	meterProvider  metric.MeterProvider
}

// WithTracerProvider makes the spans with tp; the default is the global provider
// (otel.GetTracerProvider) at the time Middleware is called.
func WithTracerProvider(tp trace.TracerProvider) Option {
	return optionFunc(func(c *config) { c.tracerProvider = tp })
}

// WithMeterProvider records the metric with mp; the default is the global provider
// (otel.GetMeterProvider) at the time Middleware is called.
func WithMeterProvider(mp metric.MeterProvider) Option {
	return optionFunc(func(c *config) { c.meterProvider = mp })
}

// Middleware returns a wrapper.Middleware that traces every call of a Client and measures its
// attempts; put it in wrapper.Config.Middleware. It records no header and no body: the
// attributes are the operation, method, host, port and path template, the status, the error
// class, the retry count, DLI's error code and request id (the latter cleaned of the client's
// secrets, as the client's own errors are).
//
// Per call, a span of kind client named after the operationId (e.g.
// "CreateEnhancedConnection"), from the call's start to its end, with http.request.method,
// server.address, server.port, url.template, http.response.status_code (of the last answer),
// http.request.resend_count (the retries, when there were any), and on failure error.type,
// dli.error_code and dli.request_id, and status Error.
//
// Per attempt, a child span of kind client named "<operationId> attempt", with the same
// request attributes, http.request.resend_count (the attempt's place: 1 for the first retry),
// http.response.status_code, network.protocol.version, dli.request_id, and error.type for an
// answer of 400 or above or a transport error; and one value of the http.client.request.duration
// histogram (seconds, the semantic conventions' buckets) with the attributes the conventions
// give it.
//
// A call the client refuses before sending (a *wrapper.ValidationError) makes no attempt and
// so no span. Trace context is not sent to DLI: it does not take part in it.
func Middleware(opts ...Option) wrapper.Middleware {
	cfg := config{}
	for _, o := range opts {
		o.apply(&cfg)
	}
	if cfg.tracerProvider == nil {
		cfg.tracerProvider = otel.GetTracerProvider()
	}
	if cfg.meterProvider == nil {
		cfg.meterProvider = otel.GetMeterProvider()
	}
	m := &middleware{
		tracer: cfg.tracerProvider.Tracer(ScopeName, trace.WithInstrumentationVersion(Version),
			trace.WithSchemaURL(semconv.SchemaURL)),
	}
	meter := cfg.meterProvider.Meter(ScopeName, metric.WithInstrumentationVersion(Version),
		metric.WithSchemaURL(semconv.SchemaURL))
	var err error
	if m.duration, err = httpconv.NewClientRequestDuration(meter); err != nil {
		otel.Handle(err) // the instrument is then a no-op; the spans still work
	}
	return m.attempt
}

// Version is this package's version, reported with its instrumentation scope.
const Version = "0.1.0"

type middleware struct {
	tracer   trace.Tracer
	duration httpconv.ClientRequestDuration
	// calls holds the span of every call in flight, from its first attempt to its end.
	calls sync.Map // *wrapper.Call -> *callSpan
}

// callSpan is the span of one call, and what its attempts learned for it. Attempts of a call
// run one after the other and its end after them, so the fields need no lock.
type callSpan struct {
	ctx       context.Context
	span      trace.Span
	status    int
	requestID string
}

// attempt is the Middleware: it starts the call's span on its first attempt, then a span for
// the attempt, sends it on, and records what came back.
func (m *middleware) attempt(req *http.Request, next wrapper.Next) (*http.Response, error) {
	call := wrapper.CallFromContext(req.Context())
	if call == nil { // not a request of a wrapper.Client: nothing to name it after
		return next(req)
	}
	_, attempt := wrapper.AttemptFromContext(req.Context())
	cs := m.callSpan(req, call)
	common := requestAttrs(req, call)
	attrs := append(common[:len(common):len(common)], semconv.NetworkProtocolVersion(protocolVersion(req.ProtoMajor, req.ProtoMinor)))
	if attempt > 1 {
		attrs = append(attrs, semconv.HTTPRequestResendCount(attempt-1))
	}
	ctx, span := m.tracer.Start(cs.ctx, call.Operation()+" attempt", trace.WithSpanKind(trace.SpanKindClient),
		trace.WithAttributes(attrs...))
	start := time.Now()
	resp, err := next(req.WithContext(ctx))
	elapsed := time.Since(start)

	metricAttrs := []attribute.KeyValue{m.duration.AttrURLTemplate(call.PathTemplate())}
	switch {
	case err != nil:
		et := errorType(err)
		span.SetAttributes(semconv.ErrorTypeKey.String(et))
		span.SetStatus(codes.Error, et)
		metricAttrs = append(metricAttrs, m.duration.AttrErrorType(httpconv.ErrorTypeAttr(et)))
	default:
		cs.status = resp.StatusCode
		cs.requestID = call.Scrub(resp.Header.Get("X-Request-Id"))
		version := protocolVersion(resp.ProtoMajor, resp.ProtoMinor)
		span.SetAttributes(semconv.HTTPResponseStatusCode(resp.StatusCode), semconv.NetworkProtocolVersion(version))
		if cs.requestID != "" {
			span.SetAttributes(AttrRequestID.String(cs.requestID))
		}
		metricAttrs = append(metricAttrs, m.duration.AttrResponseStatusCode(resp.StatusCode),
			m.duration.AttrNetworkProtocolVersion(version))
		if resp.StatusCode >= 400 {
			et := statusErrorType(resp.StatusCode)
			span.SetAttributes(semconv.ErrorTypeKey.String(et))
			span.SetStatus(codes.Error, et)
			metricAttrs = append(metricAttrs, m.duration.AttrErrorType(httpconv.ErrorTypeAttr(et)))
		}
	}
	span.End()
	host, port := serverAddress(req.URL)
	m.duration.Record(ctx, elapsed.Seconds(), httpconv.RequestMethodAttr(req.Method), host, port, metricAttrs...)
	return resp, err
}

// callSpan returns the span of call, starting it (at the call's start) on the call's first
// attempt and arranging for it to end with the call.
func (m *middleware) callSpan(req *http.Request, call *wrapper.Call) *callSpan {
	if cs, ok := m.calls.Load(call); ok {
		return cs.(*callSpan)
	}
	ctx, span := m.tracer.Start(req.Context(), call.Operation(), trace.WithSpanKind(trace.SpanKindClient),
		trace.WithTimestamp(call.Start()), trace.WithAttributes(requestAttrs(req, call)...))
	cs := &callSpan{ctx: ctx, span: span}
	m.calls.Store(call, cs)
	call.OnEnd(func(end wrapper.CallEnd) {
		m.calls.Delete(call)
		m.endCall(cs, end)
	})
	return cs
}

// endCall sets what the call's outcome says on its span and ends it.
func (m *middleware) endCall(cs *callSpan, end wrapper.CallEnd) {
	if cs.status != 0 {
		cs.span.SetAttributes(semconv.HTTPResponseStatusCode(cs.status))
	}
	if end.Attempts > 1 {
		cs.span.SetAttributes(semconv.HTTPRequestResendCount(end.Attempts - 1))
	}
	if end.Err != nil {
		et := errorType(end.Err)
		attrs := []attribute.KeyValue{semconv.ErrorTypeKey.String(et)}
		code, requestID := dliError(end.Err)
		if code != "" {
			attrs = append(attrs, AttrErrorCode.String(code))
		}
		if requestID == "" {
			requestID = cs.requestID
		}
		if requestID != "" {
			attrs = append(attrs, AttrRequestID.String(requestID))
		}
		cs.span.SetAttributes(attrs...)
		cs.span.SetStatus(codes.Error, et)
	}
	cs.span.End()
}

// requestAttrs are the attributes every span of a call carries.
func requestAttrs(req *http.Request, call *wrapper.Call) []attribute.KeyValue {
	host, port := serverAddress(req.URL)
	return []attribute.KeyValue{
		semconv.HTTPRequestMethodKey.String(req.Method),
		semconv.ServerAddress(host),
		semconv.ServerPort(port),
		semconv.URLTemplate(call.PathTemplate()),
	}
}
