package bench

import (
	"context"
	"net/http/httptest"
	"testing"

	"github.com/dli-openapi/enhanced-connections/bench/internal/fixture"
)

// startServer starts the loopback server for one test or benchmark.
func startServer(tb testing.TB, inspect fixture.Inspect) *httptest.Server {
	tb.Helper()
	srv, err := fixture.NewServer(inspect)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(srv.Close)
	return srv
}

// runWorkloads runs every workload of one benchmark (Create, Show, List) as sub-benchmarks
// <size>/client=<name>, against one loopback server.
func runWorkloads(b *testing.B, bench string) {
	srv := startServer(b, nil)
	for _, w := range workloads(b) {
		if w.bench != bench {
			continue
		}
		if w.sub == "" {
			runClients(b, srv.URL, w.pick)
			continue
		}
		b.Run(w.sub, func(b *testing.B) { runClients(b, srv.URL, w.pick) })
	}
}

// runClients runs one workload for every client, as sub-benchmarks client=<name>. A client is
// built only when its sub-benchmark runs, and makes one untimed call first, so that every
// timed call reuses a kept-alive connection.
func runClients(b *testing.B, baseURL string, pick func(c client) op) {
	for _, m := range makers {
		b.Run("client="+m.name, func(b *testing.B) {
			o := pick(m.make(b, baseURL))
			ctx := context.Background()
			if err := o(ctx); err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			cpu := processCPU()
			for b.Loop() {
				if err := o(ctx); err != nil {
					b.Fatal(err)
				}
			}
			reportCPU(b, cpu)
		})
	}
}

// reportCPU reports cpu-ns/op: the CPU time the whole process (client, loopback server, GC)
// used per call since the CPU reading since. On a machine shared with other work, wall time per call counts
// the time a runnable goroutine waited for a CPU; CPU time does not, so its ratios stay close
// to those of an idle machine when the load changes.
func reportCPU(b *testing.B, since int64) {
	if b.N > 0 {
		b.ReportMetric(float64(processCPU()-since)/float64(b.N), "cpu-ns/op")
	}
}

// BenchmarkCreate creates a connection with 2 hosts (the getting-started page's body, 240
// bytes), 200, 2,000 and 20,000 hosts (the most the API takes, 717 KB).
func BenchmarkCreate(b *testing.B) { runWorkloads(b, "Create") }

// BenchmarkShow queries one connection; the answer is seed 004's documented response.
func BenchmarkShow(b *testing.B) { runWorkloads(b, "Show") }

// BenchmarkList lists 10, 100, 1,000 and 10,000 connections in one answer (limit=N; 10,000
// connections are about 4.2 MB).
func BenchmarkList(b *testing.B) { runWorkloads(b, "List") }
