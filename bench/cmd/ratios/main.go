// Command ratios reads `go test -bench` output of this module and prints, as markdown, the
// ratios of medians that the benchmarks exist to show: our client with validation against the
// floor (plain net/http + encoding/json + our signer) and against the vendor SDK for every
// workload, the validator against json.Marshal of the same body, and the signer against
// SHA-256 of the same bytes, each with its target where there is one.
//
//	go run ./cmd/ratios results.txt
package main

import (
	"fmt"
	"io"
	"math"
	"os"
	"slices"
	"strings"

	"golang.org/x/perf/benchfmt"
)

// key is one benchmark configuration: the base name without "Benchmark" (as benchfmt gives it)
// and the value of its single sub-key (client=... or op=...).
type key struct{ base, sub string }

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: ratios bench-output.txt...")
		os.Exit(2)
	}
	samples := map[key]map[string][]float64{} // unit -> values
	for _, path := range os.Args[1:] {
		if err := read(path, samples); err != nil {
			fmt.Fprintln(os.Stderr, "ratios:", err)
			os.Exit(1)
		}
	}
	median := func(base, sub, unit string) float64 {
		v := slices.Clone(samples[key{base, sub}][unit])
		if len(v) == 0 {
			return math.NaN()
		}
		slices.Sort(v)
		if len(v)%2 == 1 {
			return v[len(v)/2]
		}
		return (v[len(v)/2-1] + v[len(v)/2]) / 2
	}
	runs := 0
	for _, s := range samples {
		runs = max(runs, len(s["sec/op"]))
	}

	fmt.Printf("Medians of %d runs: time per call / bytes allocated / allocations.\n\n", runs)
	fmt.Println("| workload | floor | ours-validate | ours-novalidate | vendor |")
	fmt.Println("|---|---|---|---|---|")
	for _, w := range []string{"Create2", "Create20000", "Show", "List1000"} {
		row := []string{w}
		for _, c := range []string{"floor", "ours-validate", "ours-novalidate", "vendor"} {
			row = append(row, fmt.Sprintf("%s / %s / %.0f", fmtTime(median(w, c, "sec/op")), fmtBytes(median(w, c, "B/op")), median(w, c, "allocs/op")))
		}
		fmt.Println("| " + strings.Join(row, " | ") + " |")
	}
	fmt.Println()

	fmt.Printf("Ratios of medians (up to %d runs each). \"x\" reads \"times\"; below 1 is better for the left side.\n\n", runs)
	fmt.Println("| workload | ours-validate / floor: time | bytes | allocs | ours-validate / vendor: time | bytes | allocs | vendor is N× slower |")
	fmt.Println("|---|---|---|---|---|---|---|---|")
	for _, w := range []string{"Create2", "Create20000", "Show", "List1000"} {
		base := w
		row := []string{w}
		for _, anchor := range []string{"floor", "vendor"} {
			for _, unit := range []string{"sec/op", "B/op", "allocs/op"} {
				row = append(row, ratio(median(base, "ours-validate", unit), median(base, anchor, unit)))
			}
		}
		row = append(row, ratio(median(base, "vendor", "sec/op"), median(base, "ours-validate", "sec/op")))
		fmt.Println("| " + strings.Join(row, " | ") + " |")
	}

	fmt.Println()
	fmt.Println("| target (Create20000 and the 20,000-host body) | measured | met |")
	fmt.Println("|---|---|---|")
	c := "Create20000"
	target := func(what string, got, limit float64, atMost bool) {
		ok := got <= limit
		if !atMost {
			ok = got >= limit
		}
		verdict := yesNo(ok)
		if math.IsNaN(got) {
			verdict = "not measured"
		}
		fmt.Printf("| %s | %s | %s |\n", what, fmtX(got), verdict)
	}
	target("ours-validate / floor, time ≤ 1.3x", median(c, "ours-validate", "sec/op")/median(c, "floor", "sec/op"), 1.3, true)
	target("vendor / ours-validate, time ≥ 3x", median(c, "vendor", "sec/op")/median(c, "ours-validate", "sec/op"), 3, false)
	target("vendor / ours-validate, bytes allocated ≥ 5x", median(c, "vendor", "B/op")/median(c, "ours-validate", "B/op"), 5, false)
	b := "BodyCreate20000"
	target("validate / json.Marshal of the same body, time < 1x", median(b, "validate", "sec/op")/median(b, "json.Marshal", "sec/op"), 1, true)
	s := "SignCreate20000"
	fmt.Printf("| sign / sha256 of the same 717 KB (no target: the hash is most of the signature) | %s | – |\n",
		fmtX(median(s, "sign", "sec/op")/median(s, "sha256", "sec/op")))
}

func read(path string, samples map[key]map[string][]float64) error {
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
		sub := ""
		for _, p := range parts {
			if _, v, ok := strings.Cut(string(p), "="); ok && strings.HasPrefix(string(p), "/") {
				sub = v
			}
		}
		k := key{string(base), sub}
		if samples[k] == nil {
			samples[k] = map[string][]float64{}
		}
		for _, v := range res.Values {
			samples[k][v.Unit] = append(samples[k][v.Unit], v.Value)
		}
	}
	if err := r.Err(); err != nil && err != io.EOF {
		return err
	}
	return nil
}

func ratio(a, b float64) string { return fmtX(a / b) }

func fmtX(x float64) string {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return "n/a"
	}
	return fmt.Sprintf("%.2fx", x)
}

func fmtTime(sec float64) string {
	switch {
	case math.IsNaN(sec):
		return "n/a"
	case sec >= 1e-3:
		return fmt.Sprintf("%.2f ms", sec*1e3)
	default:
		return fmt.Sprintf("%.0f µs", sec*1e6)
	}
}

func fmtBytes(b float64) string {
	switch {
	case math.IsNaN(b):
		return "n/a"
	case b >= 1<<20:
		return fmt.Sprintf("%.2f MiB", b/(1<<20))
	default:
		return fmt.Sprintf("%.1f KiB", b/(1<<10))
	}
}

func yesNo(ok bool) string {
	if ok {
		return "yes"
	}
	return "**no**"
}
