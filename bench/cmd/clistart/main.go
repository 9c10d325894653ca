// Command clistart measures how fast `edsconn list` starts and finishes against a server, beside
// ./minimal, the smallest program that makes the same signed GET. It builds both, starts
// `edsconn fake-server -require-auth` on loopback in a process of its own, runs each program
// once untimed (the binaries into the page cache, the server warm), then N groups of one fresh
// process of each, the first of a group alternating, and records each process's wall time from
// just before fork to Wait as benchmark lines (BenchmarkCLIStart/program=..., which cmd/ratios
// -cold reads).
//
// With -baseline DIR, a checkout of the main module at another commit, its edsconn runs in the
// same groups as a third program (edsconn-list-baseline, against the same server), so that a
// change is measured before and after in one interleaved run.
//
// With -inits FILE it also writes what still initialises: the package inits of
// GODEBUG=inittrace=1 over -initruns runs of `edsconn list` (median clock per package, the
// sum), and the init functions `go tool nm` finds in each binary.
//
//	go run ./cmd/clistart -n 40 -out results/clistart.txt -inits results/clistart-inits.txt
//	git worktree add /tmp/base 6adac33 && go run ./cmd/clistart -baseline /tmp/base
package main

import (
	"bufio"
	"bytes"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/dli-openapi/enhanced-connections/bench/internal/benchfile"
)

// Credentials and project of every run: test values the fake accepts with -require-auth.
const (
	ak        = "HPUAEXAMPLEAK0000001"
	sk        = "ExampleSecretKey0123456789abcdefghijklmnopq"
	projectID = "48cc2c48765f481480c7db940d6409d1"
)

func main() {
	n := flag.Int("n", 40, "fresh processes per program")
	out := flag.String("out", "results/clistart.txt", "file to write the benchmark lines to")
	inits := flag.String("inits", "", "file to write the init costs to (none when empty)")
	initRuns := flag.Int("initruns", 11, "runs of GODEBUG=inittrace=1 edsconn list for -inits")
	header := flag.String("header", "", "lines written first, as comments")
	baseline := flag.String("baseline", "", "a checkout of the main module whose edsconn runs beside (optional)")
	flag.Parse()
	if *baseline != "" {
		programs = append(programs, program{"edsconn-list-baseline", func(url string) []string {
			return []string{"edsconn-baseline", "list", "--endpoint", url, "--project-id", projectID, "-o", "json"}
		}})
	}
	if err := run(*n, *out, *inits, *initRuns, *header, *baseline); err != nil {
		fmt.Fprintln(os.Stderr, "clistart:", err)
		os.Exit(1)
	}
}

// program is one measured command line; its first argument is the binary's name in bins.
type program struct {
	name string
	args func(url string) []string
}

var programs = []program{
	{"edsconn-list", func(url string) []string {
		return []string{"edsconn", "list", "--endpoint", url, "--project-id", projectID, "-o", "json"}
	}},
	{"minimal", func(url string) []string { return []string{"minimal", url, projectID} }},
}

func run(n int, out, inits string, initRuns int, header, baseline string) error {
	tmp, err := os.MkdirTemp("", "clistart")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	bins := map[string]string{}
	for name, pkg := range map[string]string{
		"edsconn": "github.com/dli-openapi/enhanced-connections/cmd/edsconn",
		"minimal": "./cmd/clistart/minimal",
	} {
		bins[name] = filepath.Join(tmp, name)
		build := exec.Command("go", "build", "-o", bins[name], pkg)
		build.Stdout, build.Stderr = os.Stderr, os.Stderr
		if err := build.Run(); err != nil {
			return fmt.Errorf("go build %s: %w", pkg, err)
		}
	}
	if baseline != "" {
		bins["edsconn-baseline"] = filepath.Join(tmp, "edsconn-baseline")
		build := exec.Command("go", "build", "-o", bins["edsconn-baseline"], "./cmd/edsconn")
		build.Dir, build.Stdout, build.Stderr = baseline, os.Stderr, os.Stderr
		if err := build.Run(); err != nil {
			return fmt.Errorf("go build the baseline's edsconn in %s: %w", baseline, err)
		}
	}
	env := append(os.Environ(), "HUAWEICLOUD_SDK_AK="+ak, "HUAWEICLOUD_SDK_SK="+sk)

	url, stop, err := startServer(bins["edsconn"], env)
	if err != nil {
		return err
	}
	defer stop()
	for _, p := range programs { // untimed: binaries into the page cache, the server warm
		for range 3 {
			if _, err := once(bins, p, url, env); err != nil {
				return err
			}
		}
	}

	f, err := os.Create(out)
	if err != nil {
		return err
	}
	defer f.Close()
	w := bufio.NewWriter(f)
	benchfile.WriteHead(w, header, "github.com/dli-openapi/enhanced-connections/bench/cmd/clistart")
	for i := range n {
		for j := range programs {
			p := programs[(i+j)%len(programs)]
			d, err := once(bins, p, url, env)
			if err != nil {
				return err
			}
			fmt.Fprintf(w, "BenchmarkCLIStart/program=%s 1 %d ns/op\n", p.name, d.Nanoseconds())
		}
	}
	if err := w.Flush(); err != nil {
		return err
	}
	if inits == "" {
		return nil
	}
	return writeInits(inits, bins, url, env, initRuns)
}

// startServer runs `edsconn fake-server` on a free loopback port and returns its URL, which it
// prints alone on stdout, and a function that stops it.
func startServer(edsconn string, env []string) (string, func(), error) {
	cmd := exec.Command(edsconn, "fake-server", "-addr", "127.0.0.1:0", "-require-auth")
	cmd.Env = env
	cmd.Stderr = os.Stderr
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return "", nil, err
	}
	if err := cmd.Start(); err != nil {
		return "", nil, err
	}
	stop := func() {
		_ = cmd.Process.Signal(syscall.SIGTERM)
		_ = cmd.Wait()
	}
	line, err := bufio.NewReader(stdout).ReadString('\n')
	if err != nil {
		stop()
		return "", nil, fmt.Errorf("fake-server printed no URL: %w", err)
	}
	go func() { _, _ = io.Copy(io.Discard, stdout) }()
	return strings.TrimSpace(line), stop, nil
}

// once runs one fresh process of p and returns its wall time, fork to Wait.
func once(bins map[string]string, p program, url string, env []string) (time.Duration, error) {
	args := p.args(url)
	cmd := exec.Command(bins[args[0]], args[1:]...)
	cmd.Env = env
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	start := time.Now()
	err := cmd.Run()
	d := time.Since(start)
	if err != nil {
		return 0, fmt.Errorf("%s: %w: %s", p.name, err, stderr.Bytes())
	}
	if !bytes.Contains(stdout.Bytes(), []byte(`"connections"`)) {
		return 0, fmt.Errorf("%s printed no connection list: %q", p.name, stdout.String())
	}
	return d, nil
}

// writeInits writes the init costs of `edsconn list`: GODEBUG=inittrace=1's clock per package
// (median over runs), then the init functions of each binary as go tool nm lists them.
func writeInits(path string, bins map[string]string, url string, env []string, runs int) error {
	clocks := map[string][]float64{}
	var totals []float64
	for range runs {
		cmd := exec.Command(bins["edsconn"], programs[0].args(url)[1:]...)
		cmd.Env = append(slices.Clone(env), "GODEBUG=inittrace=1")
		var stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = io.Discard, &stderr
		if err := cmd.Run(); err != nil {
			return fmt.Errorf("inittrace: %w: %s", err, stderr.Bytes())
		}
		total := 0.0
		for _, l := range strings.Split(stderr.String(), "\n") {
			// init github.com/x/y @10 ms, 16 ms clock, 1701208 bytes, 21286 allocs
			f := strings.Fields(l)
			if len(f) < 7 || f[0] != "init" || f[6] != "clock," {
				continue
			}
			ms, err := strconv.ParseFloat(f[4], 64)
			if err != nil {
				continue
			}
			clocks[f[1]] = append(clocks[f[1]], ms)
			total += ms
		}
		totals = append(totals, total)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "# GODEBUG=inittrace=1 edsconn list, %d runs: sum of every package's init clock, median %.2f ms (min %.2f, max %.2f)\n",
		runs, median(totals), slices.Min(totals), slices.Max(totals))
	type pkg struct {
		name string
		ms   float64
	}
	var pkgs []pkg
	for name, v := range clocks {
		pkgs = append(pkgs, pkg{name, median(v)})
	}
	sort.Slice(pkgs, func(i, j int) bool {
		return pkgs[i].ms > pkgs[j].ms || pkgs[i].ms == pkgs[j].ms && pkgs[i].name < pkgs[j].name
	})
	fmt.Fprintf(&b, "# %d packages run an init; the 15 dearest (median ms of clock):\n", len(pkgs))
	for _, p := range pkgs[:min(15, len(pkgs))] {
		fmt.Fprintf(&b, "%8.3f  %s\n", p.ms, p.name)
	}
	for _, name := range []string{"edsconn", "minimal"} {
		out, err := exec.Command("go", "tool", "nm", bins[name]).Output()
		if err != nil {
			return fmt.Errorf("go tool nm %s: %w", name, err)
		}
		var std, other []string
		for _, l := range strings.Split(string(out), "\n") {
			f := strings.Fields(l)
			if len(f) != 3 || f[1] != "T" || !strings.HasSuffix(f[2], ".init") || strings.Contains(f[2], ".(") {
				continue
			}
			p := strings.TrimSuffix(f[2], ".init")
			if strings.Contains(strings.SplitN(p, "/", 2)[0], ".") {
				other = append(other, p)
			} else {
				std = append(std, p)
			}
		}
		sort.Strings(other)
		st, _ := os.Stat(bins[name])
		fmt.Fprintf(&b, "# go tool nm %s (%.1f MB): %d package init functions, %d of the standard library; the others:\n", name, float64(st.Size())/1e6, len(std)+len(other), len(std))
		for _, p := range other {
			fmt.Fprintln(&b, "  "+p)
		}
	}
	return os.WriteFile(path, []byte(b.String()), 0o644)
}

func median(v []float64) float64 {
	s := slices.Sorted(slices.Values(v))
	if len(s) == 0 {
		return 0
	}
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}
