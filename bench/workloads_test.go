package bench

import (
	"fmt"
	"testing"

	"github.com/dli-openapi/enhanced-connections/bench/internal/fixture"
)

// workload is one call at one size: Benchmark<bench>/<sub>/client=...
type workload struct {
	bench string // Create, Show or List
	sub   string // hosts=N, conns=N, or empty for Show
	pick  func(c client) op
}

func (w workload) String() string {
	if w.sub == "" {
		return w.bench
	}
	return w.bench + "/" + w.sub
}

// workloads is every workload of the sweeps, in one place for the benchmarks and the
// cross-check: create with every fixture.CreateSizes hosts, show, list of every
// fixture.ListSizes connections.
func workloads(tb testing.TB) []workload {
	tb.Helper()
	var ws []workload
	for _, n := range fixture.CreateSizes {
		body, err := fixture.Create(n)
		if err != nil {
			tb.Fatal(err)
		}
		ws = append(ws, workload{"Create", fmt.Sprintf("hosts=%d", n), func(c client) op { return c.create(body) }})
	}
	ws = append(ws, workload{"Show", "", func(c client) op { return c.show() }})
	for _, n := range fixture.ListSizes {
		ws = append(ws, workload{"List", fmt.Sprintf("conns=%d", n), func(c client) op { return c.list(n) }})
	}
	return ws
}
