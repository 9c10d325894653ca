package bench

import (
	"context"
	"net/http"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/dli-openapi/enhanced-connections/bench/internal/fixture"
	"github.com/dli-openapi/enhanced-connections/bench/internal/ours"
	"github.com/dli-openapi/enhanced-connections/bench/internal/vendorsdk"
)

// tlsGoroutines are the numbers of goroutines that share one client in BenchmarkTLS: one
// caller, a small service (8, 4 per CPU here), a busy one (64) and a burst (256).
var tlsGoroutines = []int{1, 8, 64, 256}

// tlsMaker builds one client of BenchmarkTLS, as a program that configures nothing gets it:
// ours and the vendor SDK with their default transports, the floor with a transport tuned for
// the concurrency (idle connections for every goroutine, HTTP/2 when offered).
type tlsMaker struct {
	name string
	show func(tb testing.TB, baseURL string) op
}

var tlsMakers = []tlsMaker{
	{"ours", func(tb testing.TB, u string) op {
		c, err := ours.New(ours.Options{Endpoint: u, ProjectID: fixture.ProjectID, AccessKey: fixture.AK, SecretKey: fixture.SK})
		if err != nil {
			tb.Fatal(err)
		}
		call := c.Show(fixture.ShowID)
		return func(ctx context.Context) error { return wantHosts(call(ctx)) }
	}},
	{vendor, func(_ testing.TB, u string) op {
		call := vendorsdk.New(u, fixture.ProjectID, fixture.AK, fixture.SK, nil).Show(fixture.ShowID)
		return func(context.Context) error { return wantHosts(call()) }
	}},
	{floor, func(_ testing.TB, u string) op {
		t := http.DefaultTransport.(*http.Transport).Clone()
		t.MaxIdleConns, t.MaxIdleConnsPerHost = 0, 1024 // no cap over all hosts (the default's 100 would churn at 256)
		return floorClientOn(u, &http.Client{Transport: t}).show()
	}},
}

// BenchmarkTLS is the show call over TLS, as every call to DLI is, made by 1 to 256
// goroutines sharing one client, against a server that speaks HTTP/1.1 only (proto=h1) or
// offers HTTP/2 (proto=h2). Besides time and CPU per call it reports handshakes/1k-calls: the
// connections the server saw opened per 1,000 calls, each a full TLS handshake, which a client
// that keeps its connections makes only while it warms up.
//
// Each run builds its client and warms it up (untimed) until it has the connections it keeps:
// rounds of one call per goroutine, until a round opens no connection (at most 5 rounds; a
// client that cannot keep its connections never gets there). Then the goroutines take calls
// from a shared counter until b.N are done.
func BenchmarkTLS(b *testing.B) {
	for _, proto := range []string{"h1", "h2"} {
		b.Run("proto="+proto, func(b *testing.B) {
			srv, err := fixture.NewTLSServer(proto == "h2")
			if err != nil {
				b.Fatal(err)
			}
			b.Cleanup(srv.Close)
			for _, n := range tlsGoroutines {
				b.Run("goroutines="+strconv.Itoa(n), func(b *testing.B) {
					for _, m := range tlsMakers {
						b.Run("client="+m.name, func(b *testing.B) { runTLS(b, srv, n, m.show(b, srv.URL)) })
					}
				})
			}
		})
	}
}

// runTLS runs b.N calls of o on n goroutines after the warm-up, and reports the handshakes per
// 1,000 calls and the CPU per call.
func runTLS(b *testing.B, srv *fixture.TLSServer, n int, o op) {
	ctx := context.Background()
	for range 5 {
		before := srv.Conns()
		if err := concurrently(n, n, func() error { return o(ctx) }); err != nil {
			b.Fatal(err)
		}
		if srv.Conns() == before {
			break
		}
	}
	b.ReportAllocs()
	conns := srv.Conns()
	cpu := processCPU()
	b.ResetTimer()
	if err := concurrently(n, b.N, func() error { return o(ctx) }); err != nil {
		b.Fatal(err)
	}
	b.StopTimer()
	reportCPU(b, cpu)
	b.ReportMetric(float64(srv.Conns()-conns)*1000/float64(b.N), "handshakes/1k-calls")
}

// concurrently makes calls calls of f on n goroutines, which take them from a shared counter,
// and returns the first error.
func concurrently(n, calls int, f func() error) error {
	var next atomic.Int64
	var first error
	var once sync.Once
	var wg sync.WaitGroup
	for range n {
		wg.Go(func() {
			for next.Add(1) <= int64(calls) {
				if err := f(); err != nil {
					once.Do(func() { first = err })
					return
				}
			}
		})
	}
	wg.Wait()
	return first
}
