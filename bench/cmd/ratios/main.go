// Command ratios reads the output of this module's interleaved rounds (cmd/rounds, run.sh) and
// prints, as markdown: every workload and size with every client's medians (time, bytes and
// allocations per call, each with benchstat's 95% confidence interval); the ratios ours/vendor,
// ours/floor and against the loopback limit; the targets, marked met or not; the decoder study;
// the TLS concurrency tables (BenchmarkTLS); and, given -cold, the cold-start figures of
// cmd/coldstart or cmd/clistart.
//
//	go run ./cmd/ratios [-cold results/coldstart.txt] results/latest.txt
//
// A ratio is the median of per-round ratios: round r's sample of one client divided by round
// r's sample of the other, which ran seconds apart, so that load that changes from minute to
// minute cancels out. Its interval is benchstat's, computed over those per-round ratios.
package main

import (
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"slices"
	"strings"

	"golang.org/x/perf/benchfmt"
	"golang.org/x/perf/benchmath"
)

// Clients, as in the benchmark names (client=...).
const (
	oursV    = "ours-validate"
	oursNoV  = "ours-novalidate"
	vendor   = "vendor"
	floor    = "floor"
	loopback = "loopback"
)

var clients = []string{oursV, oursNoV, vendor, floor, loopback}

// Units after benchfmt tidies them.
const (
	secOp    = "sec/op"
	bytesOp  = "B/op"
	allocsOp = "allocs/op"
	cpuOp    = "cpu-sec/op" // the benchmarks' cpu-ns/op, tidied
)

// data is every sample by workload (the name without its last part), member (the value of the
// last part: client=, lib=, op=) and unit, in the order of the file, which is round order.
type data struct {
	order     []string
	samples   map[string]map[string]map[string][]float64
	memberSeq map[string][]string
}

func main() {
	cold := flag.String("cold", "", "output of cmd/coldstart, for the cold-start table and target")
	flag.Parse()
	if flag.NArg() < 1 {
		fmt.Fprintln(os.Stderr, "usage: ratios [-cold coldstart.txt] bench-output.txt...")
		os.Exit(2)
	}
	d := &data{samples: map[string]map[string]map[string][]float64{}, memberSeq: map[string][]string{}}
	for _, p := range flag.Args() {
		if err := d.read(p); err != nil {
			fail(err)
		}
	}
	var c *data
	if *cold != "" {
		c = &data{samples: map[string]map[string]map[string][]float64{}, memberSeq: map[string][]string{}}
		if err := c.read(*cold); err != nil {
			fail(err)
		}
	}
	report(os.Stdout, d, c)
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "ratios:", err)
	os.Exit(1)
}

func (d *data) read(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	r := benchfmt.NewReader(f, path)
	for r.Scan() {
		res, ok := r.Result().(*benchfmt.Result)
		if !ok {
			continue
		}
		base, parts := res.Name.Parts()
		var sub []string
		for _, p := range parts {
			if strings.HasPrefix(string(p), "/") {
				sub = append(sub, string(p[1:]))
			}
		}
		workload, member := string(base), ""
		if len(sub) > 0 {
			workload = strings.Join(append([]string{workload}, sub[:len(sub)-1]...), "/")
			_, member, _ = strings.Cut(sub[len(sub)-1], "=")
		}
		if d.samples[workload] == nil {
			d.samples[workload] = map[string]map[string][]float64{}
			d.order = append(d.order, workload)
		}
		if d.samples[workload][member] == nil {
			d.samples[workload][member] = map[string][]float64{}
			d.memberSeq[workload] = append(d.memberSeq[workload], member)
		}
		for _, v := range res.Values {
			d.samples[workload][member][v.Unit] = append(d.samples[workload][member][v.Unit], v.Value)
		}
	}
	if err := r.Err(); err != nil && err != io.EOF {
		return err
	}
	return nil
}

func (d *data) get(workload, member, unit string) []float64 {
	return d.samples[workload][member][unit]
}

// workloads returns the workloads whose name starts with prefix, in file order.
func (d *data) workloads(prefix string) []string {
	var ws []string
	for _, w := range d.order {
		if strings.HasPrefix(w, prefix) {
			ws = append(ws, w)
		}
	}
	return ws
}

// summary is benchstat's: the median and its 95% confidence interval, making no assumption
// about the distribution.
func summary(v []float64) benchmath.Summary {
	if len(v) == 0 {
		return benchmath.Summary{Center: math.NaN(), Lo: math.NaN(), Hi: math.NaN()}
	}
	return benchmath.AssumeNothing.Summary(benchmath.NewSample(v, &benchmath.DefaultThresholds), 0.95)
}

// ratio is the summary of the per-round ratios a[i]/b[i].
func ratio(a, b []float64) benchmath.Summary {
	n := min(len(a), len(b))
	r := make([]float64, 0, n)
	for i := range n {
		r = append(r, a[i]/b[i])
	}
	return summary(r)
}

// pct is benchstat's ± column: the larger distance from the median to an end of its interval,
// in percent of the median.
func pct(s benchmath.Summary) string {
	if math.IsInf(s.Lo, 0) || math.IsInf(s.Hi, 0) || math.IsNaN(s.Lo) {
		return "±∞"
	}
	if s.Center == 0 {
		return "±0%"
	}
	return fmt.Sprintf("±%.0f%%", 100*math.Max(s.Center-s.Lo, s.Hi-s.Center)/math.Abs(s.Center))
}

func fmtTime(sec float64) string {
	switch {
	case math.IsNaN(sec):
		return "n/a"
	case sec >= 1:
		return fmt.Sprintf("%.2f s", sec)
	case sec >= 1e-3:
		return fmt.Sprintf("%.2f ms", sec*1e3)
	case sec >= 1e-6:
		return fmt.Sprintf("%.1f µs", sec*1e6)
	default:
		return fmt.Sprintf("%.0f ns", sec*1e9)
	}
}

func fmtBytes(b float64) string {
	switch {
	case math.IsNaN(b):
		return "n/a"
	case b >= 1<<20:
		return fmt.Sprintf("%.2f MiB", b/(1<<20))
	case b >= 1<<10:
		return fmt.Sprintf("%.1f KiB", b/(1<<10))
	default:
		return fmt.Sprintf("%.0f B", b)
	}
}

func fmtCount(n float64) string {
	switch {
	case math.IsNaN(n):
		return "n/a"
	case n >= 1e4:
		return fmt.Sprintf("%.1fk", n/1e3)
	default:
		return fmt.Sprintf("%.0f", n)
	}
}

// cell is one client's medians: time ±, CPU time ± where measured, bytes ±, allocations ±; a
// ± of 0% is left out.
func cell(d *data, w, m string) string {
	t, b, a := summary(d.get(w, m, secOp)), summary(d.get(w, m, bytesOp)), summary(d.get(w, m, allocsOp))
	if math.IsNaN(t.Center) {
		return "–"
	}
	s := fmtTime(t.Center) + " " + pct(t)
	if c := summary(d.get(w, m, cpuOp)); !math.IsNaN(c.Center) {
		s += " (CPU " + fmtTime(c.Center) + " " + pct(c) + ")"
	}
	s += " · " + fmtBytes(b.Center)
	if p := pct(b); p != "±0%" {
		s += " " + p
	}
	s += " · " + fmtCount(a.Center) + " allocs"
	if p := pct(a); p != "±0%" {
		s += " " + p
	}
	return s
}

// fmtRatio is a per-round ratio with its interval.
func fmtRatio(s benchmath.Summary) string {
	if math.IsNaN(s.Center) {
		return "n/a"
	}
	if math.IsInf(s.Lo, 0) || math.IsInf(s.Hi, 0) {
		return fmt.Sprintf("%.2fx (±∞)", s.Center)
	}
	return fmt.Sprintf("%.2fx [%.2f, %.2f]", s.Center, s.Lo, s.Hi)
}

func row(w io.Writer, cells ...string) { fmt.Fprintln(w, "| "+strings.Join(cells, " | ")+" |") }

func head(w io.Writer, cells ...string) {
	row(w, cells...)
	fmt.Fprintln(w, "|"+strings.Repeat("---|", len(cells)))
}

func rounds(d *data) int {
	n := 0
	for _, w := range d.order {
		for _, m := range d.memberSeq[w] {
			n = max(n, len(d.get(w, m, secOp)))
		}
	}
	return n
}

func report(out io.Writer, d, cold *data) {
	if len(d.workloads("Create/"))+len(d.workloads("Show"))+len(d.workloads("List/")) > 0 {
		clientTables(out, d, cold)
	}
	tlsTables(out, d)
	decoders(out, d)
	micro(out, d)
	if cold != nil && len(cold.memberSeq["ColdStart"]) > 0 {
		coldTable(out, cold)
	}
	if cold != nil {
		cliTable(out, cold)
	}
}

func clientTables(out io.Writer, d, cold *data) {
	fmt.Fprintf(out, "Medians of %d rounds (wall time per call (CPU time per call) · bytes allocated · allocations, each ± its 95%% confidence interval).\n\n", rounds(d))
	head(out, append([]string{"workload"}, clients...)...)
	calls := append(d.workloads("Create/"), d.workloads("Show")...)
	calls = append(calls, d.workloads("List/")...)
	parallel := d.workloads("Parallel/")
	for _, w := range append(slices.Clone(calls), parallel...) {
		cells := []string{w}
		for _, c := range clients {
			cells = append(cells, cell(d, w, c))
		}
		row(out, cells...)
	}

	fmt.Fprintln(out)
	fmt.Fprintln(out, "Ratios: medians of per-round ratios [95% confidence interval]. vendor/ours above 1: ours is faster; ours/floor and ours/vendor bytes below 1: ours does less.")
	fmt.Fprintln(out)
	head(out, "workload", "vendor/ours-validate time", "vendor/ours-validate CPU", "vendor/ours-novalidate time", "ours-validate/vendor bytes", "ours-validate/floor time",
		"ours-validate/floor CPU", "ours-validate/loopback time", "floor/loopback time", "vendor/loopback time")
	for _, w := range append(slices.Clone(calls), parallel...) {
		t := func(a, b string) string { return fmtRatio(ratio(d.get(w, a, secOp), d.get(w, b, secOp))) }
		c := func(a, b string) string { return fmtRatio(ratio(d.get(w, a, cpuOp), d.get(w, b, cpuOp))) }
		row(out, w, t(vendor, oursV), c(vendor, oursV), t(vendor, oursNoV), fmtRatio(ratio(d.get(w, oursV, bytesOp), d.get(w, vendor, bytesOp))),
			t(oursV, floor), c(oursV, floor), t(oursV, loopback), t(floor, loopback), t(vendor, loopback))
	}

	fmt.Fprintln(out)
	fmt.Fprintln(out, "Targets, with validation on, judged on wall time and, for time targets, also on CPU time per call (cpu-ns/op: the process's user and system time, which does not count waiting for a CPU on a loaded machine). **yes**: the whole confidence interval meets it; yes (median): the median does, the interval crosses the line; **no**: the median misses it.")
	fmt.Fprintln(out)
	head(out, "target", "workload", "wall time", "met", "CPU time", "met by CPU")
	for _, w := range calls {
		limit, name := 1.0, "faster than the vendor SDK"
		switch w {
		case "List/conns=1000":
			limit, name = 1.5, "at least 1.5x faster than the vendor SDK"
		case "Show", "Create/hosts=2":
			limit, name = 1.15, "at least 1.15x faster than the vendor SDK"
		}
		cmp := "≥"
		if limit == 1 {
			cmp = ">"
		}
		target(out, fmt.Sprintf("%s (vendor/ours %s %.2f)", name, cmp, limit), w, ratio(d.get(w, vendor, secOp), d.get(w, oursV, secOp)),
			ratio(d.get(w, vendor, cpuOp), d.get(w, oursV, cpuOp)), limit, false, limit == 1)
	}
	for _, w := range []string{"Show", "Create/hosts=2"} {
		target(out, "within 1.1x of the floor (ours/floor ≤ 1.10)", w, ratio(d.get(w, oursV, secOp), d.get(w, floor, secOp)),
			ratio(d.get(w, oursV, cpuOp), d.get(w, floor, cpuOp)), 1.1, true, false)
	}
	for _, w := range calls {
		target(out, "no more bytes per call than the vendor SDK (ours/vendor ≤ 1)", w, ratio(d.get(w, oursV, bytesOp), d.get(w, vendor, bytesOp)), none, 1, true, false)
	}
	for _, w := range []string{"Show", "Create/hosts=2"} {
		s := ratio(d.get(w, oursV, secOp), d.get(w, loopback, secOp))
		c := ratio(d.get(w, oursV, cpuOp), d.get(w, loopback, cpuOp))
		row(out, "distance to the loopback limit (reported, no target): ours/loopback", w, fmtRatio(s)+fmt.Sprintf("; ours %s above it", fmtTime(summary(d.get(w, oursV, secOp)).Center-summary(d.get(w, loopback, secOp)).Center)), "–", fmtRatio(c), "–")
	}
	if cold != nil {
		for _, u := range []struct{ unit, what string }{{secOp, "main's start to the answer"}, {"process-sec/op", "whole process"}} {
			s := ratio(cold.get("ColdStart", vendor, u.unit), cold.get("ColdStart", "ours", u.unit))
			target(out, "first call in a fresh process no slower than the vendor's (vendor/ours ≥ 1), "+u.what, "ColdStart", s, none, 1, false, false)
		}
	}
}

// none is a ratio that is not measured.
var none = benchmath.Summary{Center: math.NaN(), Lo: math.NaN(), Hi: math.NaN()}

// target prints one target row, judged on s and on cpu. atMost: the ratio must be ≤ limit
// (else ≥, or > when strict).
func target(out io.Writer, what, w string, s, cpu benchmath.Summary, limit float64, atMost, strict bool) {
	meets := func(x float64) bool {
		switch {
		case atMost:
			return x <= limit
		case strict:
			return x > limit
		default:
			return x >= limit
		}
	}
	verdict := func(s benchmath.Summary) string {
		switch {
		case math.IsNaN(s.Center):
			return "–"
		case meets(s.Center) && meets(s.Lo) && meets(s.Hi):
			return "**yes**"
		case meets(s.Center):
			return "yes (median)"
		}
		return "**no**"
	}
	c := "–"
	if !math.IsNaN(cpu.Center) {
		c = fmtRatio(cpu)
	}
	row(out, what, w, fmtRatio(s), verdict(s), c, verdict(cpu))
}

func decoders(out io.Writer, d *data) {
	ws := d.workloads("Decode/")
	if len(ws) == 0 {
		return
	}
	libs := d.memberSeq[ws[0]]
	ref := libs[0]
	fmt.Fprintln(out)
	fmt.Fprintf(out, "Decoders: medians (wall time (CPU time) · bytes · allocations per decode), and CPU time against %s (median of per-round ratios [95%% interval]; below 1 is faster; wall time where CPU time was not measured).\n\n", ref)
	head(out, append([]string{"answer"}, libs...)...)
	for _, w := range ws {
		cells := []string{strings.TrimPrefix(w, "Decode/answer=")}
		for _, l := range libs {
			c := cell(d, w, l)
			if l != ref {
				unit := cpuOp
				if len(d.get(w, l, cpuOp)) == 0 {
					unit = secOp
				}
				c += " · " + fmtRatio(ratio(d.get(w, l, unit), d.get(w, ref, unit)))
			}
			cells = append(cells, c)
		}
		row(out, cells...)
	}
}

func micro(out io.Writer, d *data) {
	if len(d.get("BodyCreate20000", "validate", secOp))+len(d.get("SignCreate20000", "sign", secOp)) == 0 {
		return
	}
	fmt.Fprintln(out)
	head(out, "measurement", "median", "against", "ratio")
	for _, m := range []struct{ w, a, b, what string }{
		{"BodyCreate20000", "validate", "json.Marshal", "validation of the 20,000-host body, against json.Marshal of it (target < 1)"},
		{"SignCreate20000", "sign", "sha256", "signing the 717 KB request, against SHA-256 of its body"},
	} {
		a, b := d.get(m.w, m.a, secOp), d.get(m.w, m.b, secOp)
		if len(a) == 0 {
			continue
		}
		row(out, m.what, cell(d, m.w, m.a), cell(d, m.w, m.b), fmtRatio(ratio(a, b)))
	}
}

func coldTable(out io.Writer, c *data) {
	fmt.Fprintln(out)
	fmt.Fprintf(out, "Cold start: New plus one show in a fresh process, %d processes per client, interleaved. Median ± 95%% interval [fastest, slowest].\n\n", rounds(c))
	head(out, "client", "main's start to the answer", "whole process (fork to exit)", "before main (fork to main's start)")
	for _, m := range c.memberSeq["ColdStart"] {
		cells := []string{m}
		for _, u := range []string{secOp, "process-sec/op", "premain-sec/op"} {
			v := c.get("ColdStart", m, u)
			s := summary(v)
			cells = append(cells, fmt.Sprintf("%s %s [%s, %s]", fmtTime(s.Center), pct(s), fmtTime(slices.Min(v)), fmtTime(slices.Max(v))))
		}
		row(out, cells...)
	}
}
