// Command rounds runs the benchmarks of this module in interleaved rounds, so that every
// client of a workload is measured in the same minute: it builds the test binary once, lists
// every benchmark with one -benchtime 1x pass, then, ROUNDS times, runs each benchmark once
// (-test.count 1, one process each), workload by workload, every client of a workload one after
// the other. Round r starts each workload with its r-th client (a rotation), so that every
// client goes first equally often. All rounds go into one benchstat-compatible file.
//
//	go run ./cmd/rounds -rounds 10 -benchtime 1s -out results/latest.txt [-bench REGEXP]
//
// One process per benchmark also keeps one client's garbage (the vendor SDK allocates 8 MiB per
// 20,000-host create) from growing the heap that the next client's benchmark runs in.
package main

import (
	"bufio"
	"bytes"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"time"

	"github.com/dli-openapi/enhanced-connections/bench/internal/benchfile"
)

func main() {
	rounds := flag.Int("rounds", 10, "rounds; benchstat needs at least 6 for a 95% confidence interval")
	benchtime := flag.String("benchtime", "1s", "-test.benchtime of each run")
	out := flag.String("out", "results/latest.txt", "file to write (the results of every round)")
	filter := flag.String("bench", ".", "-test.bench regexp choosing the benchmarks (as in go test)")
	header := flag.String("header", "", "lines written first, as comments (the machine, the load, the command)")
	flag.Parse()
	if err := run(*rounds, *benchtime, *out, *filter, *header); err != nil {
		fmt.Fprintln(os.Stderr, "rounds:", err)
		os.Exit(1)
	}
}

func run(rounds int, benchtime, out, filter, header string) error {
	tmp, err := os.MkdirTemp("", "rounds")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	bin := filepath.Join(tmp, "bench.test")
	build := exec.Command("go", "test", "-c", "-o", bin, ".")
	build.Stdout, build.Stderr = os.Stderr, os.Stderr
	if err := build.Run(); err != nil {
		return fmt.Errorf("go test -c: %w", err)
	}

	discovery, err := bench(bin, filter, "1x")
	if err != nil {
		return err
	}
	config, names := parse(discovery)
	if len(names) == 0 {
		return fmt.Errorf("no benchmark matches %q", filter)
	}
	groups := group(names)

	f, err := os.Create(out)
	if err != nil {
		return err
	}
	defer f.Close()
	w := bufio.NewWriter(f)
	benchfile.WriteHead(w, header, "")
	for _, l := range config {
		fmt.Fprintln(w, l)
	}
	start := time.Now()
	for r := range rounds {
		fmt.Fprintf(w, "# round %d of %d\n", r+1, rounds)
		for _, g := range groups {
			for i := range g.members {
				full := g.name
				if m := g.members[(i+r)%len(g.members)]; m != "" {
					full += "/" + m
				}
				res, err := bench(bin, exact(full), benchtime)
				if err != nil {
					return err
				}
				_, got := parse(res)
				if len(got) != 1 || got[0].name != full {
					return fmt.Errorf("%s: expected one result, got:\n%s", full, res)
				}
				fmt.Fprintln(w, got[0].line)
			}
		}
		if err := w.Flush(); err != nil {
			return err
		}
		done := time.Since(start)
		fmt.Fprintf(os.Stderr, "rounds: %d of %d done in %s, about %s to go\n", r+1, rounds,
			done.Round(time.Second), (done / time.Duration(r+1) * time.Duration(rounds-r-1)).Round(time.Second))
	}
	return w.Flush()
}

// bench runs the test binary's benchmarks matching pattern once each, with -benchmem.
func bench(bin, pattern, benchtime string) ([]byte, error) {
	cmd := exec.Command(bin, "-test.run", "^$", "-test.bench", pattern, "-test.benchtime", benchtime,
		"-test.count", "1", "-test.benchmem", "-test.timeout", "30m")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	res, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("%s -test.bench %s: %w\n%s%s", filepath.Base(bin), pattern, err, res, stderr.Bytes())
	}
	return res, nil
}

// result is one benchmark line: its name without the GOMAXPROCS suffix, and the line itself.
type result struct{ name, line string }

// configLine is a benchfmt configuration line such as "cpu: AMD EPYC".
var configLine = regexp.MustCompile(`^[a-z][a-zA-Z0-9_]*: `)

var procsSuffix = regexp.MustCompile(fmt.Sprintf(`-%d$`, runtime.GOMAXPROCS(0)))

// parse splits go test -bench output into its configuration lines (goos:, cpu:, ...) and its
// results.
func parse(out []byte) (config []string, results []result) {
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(make([]byte, 0, 64<<10), 1<<20)
	for sc.Scan() {
		l := sc.Text()
		switch {
		case strings.HasPrefix(l, "Benchmark"):
			fields := strings.Fields(l)
			if len(fields) < 3 { // a name alone: a benchmark that logged before its result
				continue
			}
			results = append(results, result{procsSuffix.ReplaceAllString(fields[0], ""), l})
		case configLine.MatchString(l):
			config = append(config, l)
		}
	}
	return config, results
}

// workload is one benchmark's parent (Create/hosts=2) and its clients (client=vendor, ...),
// in the order the binary ran them.
type workload struct {
	name    string
	members []string
}

func group(rs []result) []workload {
	var gs []workload
	at := map[string]int{}
	for _, r := range rs {
		parent, member := r.name, ""
		if i := strings.LastIndex(r.name, "/"); i >= 0 {
			parent, member = r.name[:i], r.name[i+1:]
		}
		j, ok := at[parent]
		if !ok {
			j = len(gs)
			at[parent] = j
			gs = append(gs, workload{name: parent})
		}
		gs[j].members = append(gs[j].members, member)
	}
	return gs
}

// exact is a -test.bench pattern that matches name and nothing else.
func exact(name string) string {
	parts := strings.Split(name, "/")
	for i, p := range parts {
		parts[i] = "^" + regexp.QuoteMeta(p) + "$"
	}
	return strings.Join(parts, "/")
}
