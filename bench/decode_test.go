package bench

import (
	"testing"

	"github.com/dli-openapi/enhanced-connections/bench/internal/decode"
	"github.com/dli-openapi/enhanced-connections/gen"
)

// BenchmarkDecode is the decoder study's timing: each documented answer (answer=list<N>,
// answer=show) decoded into a fresh generated value by every decoder of decode.All (lib=...).
// internal/decode's tests prove they all decode these inputs alike; cmd/agreement prints how
// they differ on edge cases.
func BenchmarkDecode(b *testing.B) {
	doc, err := decode.Documented()
	if err != nil {
		b.Fatal(err)
	}
	for _, c := range doc {
		b.Run("answer="+c.Name, func(b *testing.B) {
			for _, d := range decode.All() {
				b.Run("lib="+d.Name, func(b *testing.B) {
					// One untimed decode first, as the clients make one untimed call: sonic compiles
					// a decoder for each type on first use, the others cache reflection, and a
					// long-running process pays that once.
					if o := decode.Run(d, c); o.Err != nil {
						b.Fatal(o.Err)
					}
					b.SetBytes(int64(len(c.Input)))
					b.ReportAllocs()
					defer reportCPU(b, processCPU())
					switch c.Answer {
					case decode.List:
						for b.Loop() {
							var v gen.ListEnhancedConnectionsResponse
							if err := d.List(c.Input, &v); err != nil {
								b.Fatal(err)
							}
						}
					default:
						for b.Loop() {
							var v gen.ShowEnhancedConnectionResponse
							if err := d.Show(c.Input, &v); err != nil {
								b.Fatal(err)
							}
						}
					}
				})
			}
		})
	}
}
