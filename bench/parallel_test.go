package bench

import (
	"context"
	"testing"
)

// parallelism is goroutines per GOMAXPROCS in BenchmarkParallel: on the 2-CPU machines of this
// project, 8 calls in flight, like a service handling several requests at once. It must stay
// within fixture.MaxConcurrentCalls, the idle connections each client keeps.
const parallelism = 4

// BenchmarkParallel is throughput: many goroutines calling one shared client, one workload at a
// time (op=show and op=create2, the two small calls whose targets are closest to the floor).
// ns/op is wall time divided by all calls, so it shows what a client costs a busy process:
// its CPU per call, its allocations (GC runs beside the calls) and its contention on pools and
// locks. One workload per benchmark rather than a mix, so that each figure compares with the
// sequential one of the same call and a slower large call cannot hide a regression of a small
// one.
func BenchmarkParallel(b *testing.B) {
	srv := startServer(b, nil)
	var show, create2 workload
	for _, w := range workloads(b) {
		switch w.String() {
		case "Show":
			show = w
		case "Create/hosts=2":
			create2 = w
		}
	}
	for _, w := range []struct {
		name string
		w    workload
	}{{"op=show", show}, {"op=create2", create2}} {
		b.Run(w.name, func(b *testing.B) {
			for _, m := range makers {
				b.Run("client="+m.name, func(b *testing.B) {
					c := m.make(b, srv.URL)
					ctx := context.Background()
					if err := w.w.pick(c)(ctx); err != nil {
						b.Fatal(err)
					}
					b.ReportAllocs()
					b.SetParallelism(parallelism)
					cpu := processCPU()
					defer reportCPU(b, cpu)
					b.RunParallel(func(pb *testing.PB) {
						o := w.w.pick(c)
						for pb.Next() {
							if err := o(ctx); err != nil {
								b.Error(err)
								return
							}
						}
					})
				})
			}
		})
	}
}
