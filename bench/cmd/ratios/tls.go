package main

import (
	"fmt"
	"io"
	"math"
	"slices"
	"strings"
)

// TLS clients, as BenchmarkTLS names them.
const tlsOurs = "ours"

var tlsClients = []string{tlsOurs, vendor, floor}

// handshakesUnit is BenchmarkTLS's handshakes/1k-calls: connections opened per 1,000 calls.
const handshakesUnit = "handshakes/1k-calls"

// tlsTables prints BenchmarkTLS: per protocol and number of goroutines, every client's median
// handshakes per 1,000 calls, time and CPU per call, then the ratios ours/floor and
// vendor/ours (medians of per-round ratios).
func tlsTables(out io.Writer, d *data) {
	ws := d.workloads("TLS/")
	if len(ws) == 0 {
		return
	}
	fmt.Fprintln(out)
	fmt.Fprintf(out, "TLS, one shared client: medians of %d rounds. Handshakes per 1,000 calls (connections the server saw opened); wall time per call (CPU time per call, client and server) ± 95%% interval.\n\n", rounds(d))
	head(out, "protocol", "goroutines", "handshakes/1k: ours", "vendor", "floor", "time/call: ours", "vendor", "floor")
	for _, w := range ws {
		proto, n := tlsLabels(w)
		cells := []string{proto, n}
		for _, c := range tlsClients {
			cells = append(cells, fmtHandshakes(summary(d.get(w, c, handshakesUnit)).Center))
		}
		for _, c := range tlsClients {
			t := summary(d.get(w, c, secOp))
			s := fmtTime(t.Center) + " " + pct(t)
			if cpu := summary(d.get(w, c, cpuOp)); !math.IsNaN(cpu.Center) {
				s += " (CPU " + fmtTime(cpu.Center) + ")"
			}
			cells = append(cells, s)
		}
		row(out, cells...)
	}
	fmt.Fprintln(out)
	fmt.Fprintln(out, "Ratios, medians of per-round ratios [95% interval]: ours/floor near 1 is at the floor; vendor/ours above 1: ours is faster.")
	fmt.Fprintln(out)
	head(out, "protocol", "goroutines", "ours/floor time", "ours/floor CPU", "vendor/ours time", "vendor/ours CPU")
	for _, w := range ws {
		proto, n := tlsLabels(w)
		t := func(a, b string) string { return fmtRatio(ratio(d.get(w, a, secOp), d.get(w, b, secOp))) }
		c := func(a, b string) string { return fmtRatio(ratio(d.get(w, a, cpuOp), d.get(w, b, cpuOp))) }
		row(out, proto, n, t(tlsOurs, floor), c(tlsOurs, floor), t(vendor, tlsOurs), c(vendor, tlsOurs))
	}
}

// tlsLabels splits "TLS/proto=h1/goroutines=8" into "HTTP/1.1" and "8".
func tlsLabels(w string) (proto, goroutines string) {
	for _, p := range strings.Split(w, "/") {
		k, v, _ := strings.Cut(p, "=")
		switch k {
		case "proto":
			proto = map[string]string{"h1": "HTTP/1.1", "h2": "HTTP/2 offered"}[v]
		case "goroutines":
			goroutines = v
		}
	}
	return proto, goroutines
}

func fmtHandshakes(v float64) string {
	if math.IsNaN(v) {
		return "n/a"
	}
	if v < 10 {
		return fmt.Sprintf("%.1f", v)
	}
	return fmt.Sprintf("%.0f", v)
}

// cliTable prints cmd/clistart's figures: the wall time of `edsconn list`, of the minimal
// signed GET and, when measured, of a baseline's `edsconn list`, each process from fork to
// exit, and their per-round ratios to the minimal program.
func cliTable(out io.Writer, c *data) {
	const w = "CLIStart"
	minimal := c.get(w, "minimal", secOp)
	if len(minimal) == 0 {
		return
	}
	fmt.Fprintln(out)
	fmt.Fprintf(out, "CLI start: `edsconn list` against `edsconn fake-server`, beside the minimal signed GET, %d fresh processes each, interleaved; whole process (fork to exit), median ± 95%% interval [fastest, slowest].\n\n", len(minimal))
	head(out, "program", "wall time", "against the minimal program")
	for _, m := range []struct{ member, name string }{
		{"edsconn-list-baseline", "edsconn list, baseline"}, {"edsconn-list", "edsconn list"}, {"minimal", "minimal signed GET"},
	} {
		v := c.get(w, m.member, secOp)
		if len(v) == 0 {
			continue
		}
		s := summary(v)
		r := "1x"
		if m.member != "minimal" {
			r = fmtRatio(ratio(v, minimal))
		}
		row(out, m.name, fmt.Sprintf("%s %s [%s, %s]", fmtTime(s.Center), pct(s), fmtTime(slices.Min(v)), fmtTime(slices.Max(v))), r)
	}
}
