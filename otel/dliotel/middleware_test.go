package dliotel_test

import (
	"context"
	"encoding/json"
	"errors"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/codes"
	sdkmetric "go.opentelemetry.io/otel/sdk/metric"
	"go.opentelemetry.io/otel/sdk/metric/metricdata"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/sdk/trace/tracetest"
	"go.opentelemetry.io/otel/trace"

	"github.com/dli-openapi/enhanced-connections/fake"
	"github.com/dli-openapi/enhanced-connections/gen"
	"github.com/dli-openapi/enhanced-connections/otel/dliotel"
	"github.com/dli-openapi/enhanced-connections/wrapper"
	"github.com/dli-openapi/enhanced-connections/wrapper/signer"
)

const (
	testProject = "48cc2c48765f481480c7db940d6409d1"
	testAK      = "HPUAEXAMPLEAK0000001"
	testSK      = "ExampleSecretKey0123456789abcdefghijklmnopq"
	missingID   = "2a620c33-5609-40c9-affd-2b6453071b0f"
)

// recorded is what the OpenTelemetry SDK's in-memory exporter and manual reader hold.
type recorded struct {
	spans  *tracetest.InMemoryExporter
	reader *sdkmetric.ManualReader
	tp     *sdktrace.TracerProvider
	mp     *sdkmetric.MeterProvider
}

func newRecorded() *recorded {
	r := &recorded{spans: tracetest.NewInMemoryExporter(), reader: sdkmetric.NewManualReader()}
	r.tp = sdktrace.NewTracerProvider(sdktrace.WithSyncer(r.spans))
	r.mp = sdkmetric.NewMeterProvider(sdkmetric.WithReader(r.reader))
	return r
}

func (r *recorded) middleware() wrapper.Middleware {
	return dliotel.Middleware(dliotel.WithTracerProvider(r.tp), dliotel.WithMeterProvider(r.mp))
}

// durations returns the data points of http.client.request.duration.
func (r *recorded) durations(t *testing.T) []metricdata.HistogramDataPoint[float64] {
	t.Helper()
	var rm metricdata.ResourceMetrics
	require.NoError(t, r.reader.Collect(context.Background(), &rm))
	for _, sm := range rm.ScopeMetrics {
		require.Equal(t, dliotel.ScopeName, sm.Scope.Name)
		for _, m := range sm.Metrics {
			require.Equal(t, "http.client.request.duration", m.Name)
			require.Equal(t, "s", m.Unit)
			return m.Data.(metricdata.Histogram[float64]).DataPoints
		}
	}
	return nil
}

func attrs(kvs []attribute.KeyValue) map[string]any {
	m := make(map[string]any, len(kvs))
	for _, kv := range kvs {
		m[string(kv.Key)] = kv.Value.AsInterface()
	}
	return m
}

// refusedOnce is a transport whose first dial is refused by a closed port on loopback, as when
// the network is not up yet; every later dial reaches the server. A refused dial proves that
// nothing was sent, so even a create is retried after it.
func refusedOnce(t *testing.T) *http.Transport {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	closed := l.Addr().String()
	require.NoError(t, l.Close())
	var dials atomic.Int64
	var d net.Dialer
	return &http.Transport{DialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
		if dials.Add(1) == 1 {
			return d.DialContext(ctx, network, closed)
		}
		return d.DialContext(ctx, network, addr)
	}}
}

func startFake(t *testing.T) *fake.Running {
	t.Helper()
	srv, err := fake.Start(fake.Options{Credentials: map[string]string{testAK: testSK}})
	require.NoError(t, err)
	t.Cleanup(func() { _ = srv.Close() })
	return srv
}

func newClient(t *testing.T, endpoint string, rec *recorded, mutate ...func(*wrapper.Config)) *wrapper.Client {
	t.Helper()
	cfg := wrapper.Config{
		Endpoint: endpoint, ProjectID: testProject, Credentials: signer.Keys(testAK, testSK),
		Retry:      wrapper.RetryPolicy{BaseDelay: time.Millisecond, MaxDelay: 2 * time.Millisecond},
		Middleware: []wrapper.Middleware{rec.middleware()},
	}
	for _, m := range mutate {
		m(&cfg)
	}
	c, err := wrapper.New(cfg)
	require.NoError(t, err)
	return c
}

func createBody() gen.CreateEnhancedConnectionRequest {
	return gen.CreateEnhancedConnectionRequest{Name: "otel1", DestVpcID: "22094d8f-c310-4621-913d-4c4d655d8495",
		DestNetworkID: "78f2562a-36e4-4b39-95b9-f5aab22e1281", Queues: []string{"q1"}}
}

// TestCreateWithOneRetry is one create whose first attempt's dial is refused and whose second
// succeeds, against the fake DLI: a call span, two attempt spans under it, and two values of
// the duration histogram, with exactly the attributes the package documents. With -v it prints
// them as the in-memory exporter and reader hold them.
func TestCreateWithOneRetry(t *testing.T) {
	srv := startFake(t)
	rec := newRecorded()
	c := newClient(t, srv.URL(), rec, func(cfg *wrapper.Config) { cfg.HTTPClient = &http.Client{Transport: refusedOnce(t)} })
	ctx, parent := rec.tp.Tracer("test").Start(context.Background(), "caller")
	created, err := c.CreateEnhancedConnection(ctx, createBody())
	parent.End()
	require.NoError(t, err)

	spans := rec.spans.GetSpans()
	require.Len(t, spans, 4, "two attempts, the call, the caller's span")
	first, second, call := spans[0], spans[1], spans[2]
	host, port := serverOf(t, srv.URL())
	template := "/v2.0/{project_id}/datasource/enhanced-connections"
	request := map[string]any{"http.request.method": "POST", "server.address": host, "server.port": port, "url.template": template}

	assert.Equal(t, "CreateEnhancedConnection", call.Name)
	assert.Equal(t, trace.SpanKindClient, call.SpanKind)
	assert.Equal(t, parent.SpanContext().SpanID(), call.Parent.SpanID(), "the call is a child of the caller's span")
	assert.Equal(t, merge(request, map[string]any{"http.response.status_code": int64(201), "http.request.resend_count": int64(1)}), attrs(call.Attributes))
	assert.Equal(t, codes.Unset, call.Status.Code)

	for _, a := range []tracetest.SpanStub{first, second} {
		assert.Equal(t, "CreateEnhancedConnection attempt", a.Name)
		assert.Equal(t, trace.SpanKindClient, a.SpanKind)
		assert.Equal(t, call.SpanContext.SpanID(), a.Parent.SpanID(), "attempts are children of the call")
		assert.False(t, a.StartTime.Before(call.StartTime) || a.EndTime.After(call.EndTime), "an attempt lies within its call")
	}
	assert.Equal(t, merge(request, map[string]any{"network.protocol.version": "1.1", "error.type": "*net.OpError"}), attrs(first.Attributes))
	assert.Equal(t, codes.Error, first.Status.Code)
	got := attrs(second.Attributes)
	assert.NotEmpty(t, got["dli.request_id"])
	delete(got, "dli.request_id")
	assert.Equal(t, merge(request, map[string]any{"network.protocol.version": "1.1", "http.request.resend_count": int64(1),
		"http.response.status_code": int64(201)}), got)
	assert.Equal(t, codes.Unset, second.Status.Code)
	assert.NotEmpty(t, created.ConnectionID)

	points := rec.durations(t)
	require.Len(t, points, 2)
	byOutcome := map[string]metricdata.HistogramDataPoint[float64]{}
	for _, p := range points {
		a := attrs(p.Attributes.ToSlice())
		key := "201"
		if et, ok := a["error.type"]; ok {
			key = et.(string)
		}
		byOutcome[key] = p
		assert.Equal(t, uint64(1), p.Count)
		assert.Equal(t, "POST", a["http.request.method"])
		assert.Equal(t, template, a["url.template"])
	}
	assert.Contains(t, byOutcome, "*net.OpError")
	assert.Contains(t, byOutcome, "201")
	assert.Equal(t, []float64{0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10}, points[0].Bounds)

	if testing.Verbose() {
		dump, err := json.MarshalIndent(struct {
			Spans   []tracetest.SpanStub                     `json:"spans"`
			Metrics []metricdata.HistogramDataPoint[float64] `json:"http.client.request.duration"`
		}{spans[:3], points}, "", "  ")
		require.NoError(t, err)
		t.Logf("one create with one retry, as recorded:\n%s", dump)
	}
}

func merge(a, b map[string]any) map[string]any {
	out := map[string]any{}
	for k, v := range a {
		out[k] = v
	}
	for k, v := range b {
		out[k] = v
	}
	return out
}

func serverOf(t *testing.T, rawURL string) (string, int64) {
	t.Helper()
	host, port, err := net.SplitHostPort(strings.TrimPrefix(rawURL, "http://"))
	require.NoError(t, err)
	p, err := strconv.ParseInt(port, 10, 64)
	require.NoError(t, err)
	return host, p
}

// TestFailuresAndRetries: answers that the client retries, and those that end the call, as
// spans: the call's outcome, its retry count, DLI's code and request id, each attempt's status.
func TestFailuresAndRetries(t *testing.T) {
	tests := []struct {
		name       string
		faults     []fake.Fault
		operation  string
		call       func(ctx context.Context, c *wrapper.Client) error
		attempts   []string // error.type of each attempt, "" for a success
		errorType  string   // of the call, "" for a success
		errorCode  string
		lastStatus int64
	}{
		{"a show retried after a 503", []fake.Fault{{Status: 503}}, "ShowEnhancedConnection",
			func(ctx context.Context, c *wrapper.Client) error {
				_, err := c.ShowEnhancedConnection(ctx, missingID)
				return err
			}, []string{"503", "400"}, "400", "DLI.0001", 400},
		{"a list that stays unavailable", []fake.Fault{{Status: 503}, {Status: 503}, {Status: 503}, {Status: 503}}, "ListEnhancedConnections",
			func(ctx context.Context, c *wrapper.Client) error {
				_, err := c.ListEnhancedConnections(ctx, nil)
				return err
			}, []string{"503", "503", "503", "503"}, "503", "APIGW.0202", 503},
		{"a list retried after a 429 with Retry-After", []fake.Fault{{Status: 429, RetryAfter: time.Millisecond}}, "ListEnhancedConnections",
			func(ctx context.Context, c *wrapper.Client) error {
				_, err := c.ListEnhancedConnections(ctx, nil)
				return err
			}, []string{"429", ""}, "", "", 200},
		{"a create the gateway times out after DLI acted: not retried (recovery off)", []fake.Fault{{Status: 504, AfterHandler: true}}, "CreateEnhancedConnection",
			func(ctx context.Context, c *wrapper.Client) error {
				_, err := c.CreateEnhancedConnection(ctx, createBody(), wrapper.WithRecover(false))
				return err
			}, []string{"504"}, "504", "APIGW.0203", 504},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := startFake(t)
			srv.InjectFaults(tt.operation, tt.faults...)
			rec := newRecorded()
			c := newClient(t, srv.URL(), rec)
			err := tt.call(context.Background(), c)
			if tt.errorType == "" {
				require.NoError(t, err)
			} else {
				require.Error(t, err)
			}
			spans := rec.spans.GetSpans()
			require.Len(t, spans, len(tt.attempts)+1)
			call := spans[len(spans)-1]
			assert.Equal(t, tt.operation, call.Name)
			a := attrs(call.Attributes)
			assert.Equal(t, tt.lastStatus, a["http.response.status_code"])
			if n := len(tt.attempts) - 1; n > 0 {
				assert.Equal(t, int64(n), a["http.request.resend_count"])
			} else {
				assert.NotContains(t, a, "http.request.resend_count")
			}
			if tt.errorType == "" {
				assert.Equal(t, codes.Unset, call.Status.Code)
				assert.NotContains(t, a, "error.type")
			} else {
				assert.Equal(t, codes.Error, call.Status.Code)
				assert.Equal(t, tt.errorType, a["error.type"])
				assert.Equal(t, tt.errorCode, a["dli.error_code"])
				assert.NotEmpty(t, a["dli.request_id"])
			}
			for i, want := range tt.attempts {
				s := spans[i]
				sa := attrs(s.Attributes)
				assert.Equal(t, tt.operation+" attempt", s.Name)
				assert.Equal(t, call.SpanContext.SpanID(), s.Parent.SpanID())
				if i > 0 {
					assert.Equal(t, int64(i), sa["http.request.resend_count"])
				}
				if want == "" {
					assert.NotContains(t, sa, "error.type")
				} else {
					assert.Equal(t, want, sa["error.type"], "attempt %d", i+1)
				}
			}
			var count uint64
			for _, p := range rec.durations(t) {
				count += p.Count
			}
			assert.Equal(t, uint64(len(tt.attempts)), count, "one duration per attempt")
		})
	}
}

// TestNoSecretsOrBodies: a hostile server echoes the secret key and the token into its request
// id and error body; no span or metric holds either, nor any text of either body. (The
// signature it also echoes is kept in the request id, as the client's own errors keep it: it
// is no secret, and the server that echoes it has it already.)
func TestNoSecretsOrBodies(t *testing.T) {
	const token = "temporary-security-token-value-0123456789"
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-Request-Id", "req-"+testSK+"-"+r.Header.Get("X-Security-Token")+"-"+r.Header.Get("Authorization"))
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusBadRequest)
		_, _ = w.Write([]byte(`{"error_code":"DLI.0001","error_msg":"body text ` + testSK + `"}`))
	}))
	t.Cleanup(srv.Close)
	rec := newRecorded()
	c := newClient(t, srv.URL, rec, func(cfg *wrapper.Config) {
		cfg.Credentials = signer.TemporaryKeys(testAK, testSK, token)
	})
	_, err := c.CreateEnhancedConnection(context.Background(), createBody())
	var api *wrapper.APIError
	require.ErrorAs(t, err, &api)

	var everything strings.Builder
	for _, s := range rec.spans.GetSpans() {
		b, err := json.Marshal(s)
		require.NoError(t, err)
		everything.Write(b)
	}
	var rm metricdata.ResourceMetrics
	require.NoError(t, rec.reader.Collect(context.Background(), &rm))
	b, err := json.Marshal(rm)
	require.NoError(t, err)
	everything.Write(b)
	all := everything.String()
	require.Contains(t, all, "dli.request_id", "the request id is recorded, cleaned")
	for _, secret := range []string{testSK, token, "body text", "otel1", "22094d8f"} {
		assert.NotContains(t, all, secret)
	}
}

// TestConcurrentCalls: many goroutines share one instrumented client; every call gets its own
// span with its own attempt under it.
func TestConcurrentCalls(t *testing.T) {
	srv := startFake(t)
	rec := newRecorded()
	c := newClient(t, srv.URL(), rec)
	const goroutines, calls = 8, 10
	var wg sync.WaitGroup
	for range goroutines {
		wg.Go(func() {
			for range calls {
				_, err := c.ListEnhancedConnections(context.Background(), nil)
				assert.NoError(t, err)
			}
		})
	}
	wg.Wait()
	spans := rec.spans.GetSpans()
	require.Len(t, spans, 2*goroutines*calls)
	children := map[trace.SpanID]int{}
	parents := map[trace.SpanID]bool{}
	for _, s := range spans {
		switch s.Name {
		case "ListEnhancedConnections":
			parents[s.SpanContext.SpanID()] = true
		case "ListEnhancedConnections attempt":
			children[s.Parent.SpanID()]++
		}
	}
	require.Len(t, parents, goroutines*calls)
	for id := range parents {
		assert.Equal(t, 1, children[id])
	}
}

// TestGlobalProvidersByDefault: without options the globals are used, as otelhttp does.
func TestGlobalProvidersByDefault(t *testing.T) {
	rec := newRecorded()
	prevT, prevM := otel.GetTracerProvider(), otel.GetMeterProvider()
	otel.SetTracerProvider(rec.tp)
	otel.SetMeterProvider(rec.mp)
	t.Cleanup(func() { otel.SetTracerProvider(prevT); otel.SetMeterProvider(prevM) })

	srv := startFake(t)
	c := newClient(t, srv.URL(), rec, func(cfg *wrapper.Config) { cfg.Middleware = []wrapper.Middleware{dliotel.Middleware()} })
	_, err := c.ListEnhancedConnections(context.Background(), nil)
	require.NoError(t, err)
	assert.Len(t, rec.spans.GetSpans(), 2)
	assert.Len(t, rec.durations(t), 1)
}

// TestNotAClientRequest: a request that no wrapper.Client made passes through untouched.
func TestNotAClientRequest(t *testing.T) {
	rec := newRecorded()
	mw := rec.middleware()
	req := httptest.NewRequest(http.MethodGet, "https://dli.eu-de.otc.t-systems.com/", nil)
	want := errors.New("sent")
	_, err := mw(req, func(*http.Request) (*http.Response, error) { return nil, want })
	assert.Same(t, want, err)
	assert.Empty(t, rec.spans.GetSpans())
}
