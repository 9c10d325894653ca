package main

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/dli-openapi/enhanced-connections/bench/internal/vendorsdk"
)

// selfPackage is this program, built again with -race for the child processes.
const selfPackage = "github.com/dli-openapi/enhanced-connections/bench/cmd/credentials"

// vendorModule marks the vendor's frames in a race report.
const vendorModule = "github.com/huaweicloud/huaweicloud-sdk-go-v3"

// childRaces is the child process of (c): 8 goroutines share one vendor DLI client on metadata
// keys inside the refresh window and make 1,000 calls. It prints the counts on stdout; the race
// detector writes its reports on stderr.
func childRaces(src vendorsdk.MetadataSource) error {
	s, err := newScenario("race"+src.String(), insideLife)
	if err != nil {
		return err
	}
	defer s.close()
	c, err := s.client(src)
	if err != nil {
		return err
	}
	build := s.meta.Counts()
	failed, _ := showCalls(c, parallel.goroutines, parallel.requests, func(e string) string { return e })
	calls := s.meta.Counts().Sub(build)
	fmt.Printf("requests %d, failed %d, metadata during the requests: %d token PUTs, %d key GETs; DLI calls: %s\n",
		parallel.requests, failed, calls.TokenPUTs, calls.KeyGETs, s.dliCheck())
	return nil
}

// raceRun is one child process's outcome.
type raceRun struct {
	src     vendorsdk.MetadataSource
	n       int
	summary string // the child's stdout
	races   []race
}

// measureRaces builds this program with -race and runs the child runs times per source with
// GORACE=halt_on_error=0, writing every child's raw stderr to raw.
func measureRaces(runs int, raw io.Writer) ([]raceRun, error) {
	dir, err := os.MkdirTemp("", "credentials-race")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	bin := filepath.Join(dir, "credentials-race")
	build := exec.Command("go", "build", "-race", "-o", bin, selfPackage)
	build.Stdout, build.Stderr = os.Stderr, os.Stderr
	if err := build.Run(); err != nil {
		return nil, fmt.Errorf("go build -race %s (run from bench/): %w", selfPackage, err)
	}
	var out []raceRun
	for _, src := range []vendorsdk.MetadataSource{vendorsdk.MetadataProvider, vendorsdk.MetadataBuilder} {
		for n := 1; n <= runs; n++ {
			cmd := exec.Command(bin, "-child", "races", "-source", src.String())
			cmd.Env = append(os.Environ(), "GORACE=halt_on_error=0")
			var stdout, stderr bytes.Buffer
			cmd.Stdout, cmd.Stderr = &stdout, &stderr
			err := cmd.Run()
			// A race-enabled program that found races exits 66 (GORACE exitcode's default).
			var exit *exec.ExitError
			if err != nil && !(errors.As(err, &exit) && exit.ExitCode() == 66) {
				return nil, fmt.Errorf("race child %s run %d: %w\n%s", src, n, err, stderr.Bytes())
			}
			fmt.Fprintf(raw, "### source %s, run %d: %s\n%s\n", src, n, strings.TrimSpace(stdout.String()), stderr.Bytes())
			out = append(out, raceRun{src: src, n: n, summary: strings.TrimSpace(stdout.String()), races: parseRaces(stderr.String())})
		}
	}
	return out, nil
}

// access is one side of a race: what was done, and the vendor's frame that did it.
type access struct {
	kind  string // "Write", "Previous read", ...
	fn    string // the first vendor function on the stack ("" when none)
	where string // file:line of that frame
	code  string // that line of source
	top   string // the stack's first function, when it is not the vendor's (a runtime or strings function)
}

// loc is where and how the access was made, without its order in the report ("Previous").
func (a access) loc() string {
	s := strings.ToLower(strings.TrimPrefix(a.kind, "Previous ")) + " in " + shortFunc(a.fn) + " (" + a.where + ")"
	if a.code != "" {
		s += " `" + a.code + "`"
	}
	if a.top != "" {
		s += ", through " + shortFunc(a.top)
	}
	return s
}

// race is one WARNING: DATA RACE report.
type race struct{ accesses []access }

// key names the race by the code locations of its two sides, in either order: the same pair
// reported with the sides swapped, or through other callers (the detector reports each pair of
// whole stacks once), is one race here.
func (r race) key() string {
	locs := make([]string, len(r.accesses))
	for i, a := range r.accesses {
		locs[i] = a.loc()
	}
	slices.Sort(locs)
	return strings.Join(locs, " ↔ ")
}

var (
	accessLine = regexp.MustCompile(`^((?:Previous )?(?:[Aa]tomic )?(?:[Rr]ead|[Ww]rite))(?: of size \d+)? at 0x[0-9a-f]+ by (?:goroutine \d+|main goroutine):$`)
	fileLine   = regexp.MustCompile(`^\s+(\S+\.go):(\d+)(?: \+0x[0-9a-f]+)?$`)
)

// parseRaces splits the race detector's output into its reports and, for each side of each
// race, finds the first vendor frame.
func parseRaces(stderr string) []race {
	var out []race
	for _, block := range strings.Split(stderr, "==================\n") {
		if !strings.HasPrefix(block, "WARNING: DATA RACE\n") {
			continue
		}
		var r race
		var cur *access
		var frameFn string
		sc := bufio.NewScanner(strings.NewReader(block))
		sc.Buffer(make([]byte, 1<<16), 1<<20)
		for sc.Scan() {
			line := sc.Text()
			if m := accessLine.FindStringSubmatch(line); m != nil {
				r.accesses = append(r.accesses, access{kind: m[1]})
				cur = &r.accesses[len(r.accesses)-1]
				frameFn = ""
				continue
			}
			if cur == nil {
				continue
			}
			if line == "" || !strings.HasPrefix(line, " ") {
				cur = nil // the end of this access's stack ("Goroutine N created at:" and the like follow)
				continue
			}
			if m := fileLine.FindStringSubmatch(line); m != nil {
				if cur.fn == "" && strings.Contains(frameFn, vendorModule) {
					cur.fn = frameFn
					cur.where = filepath.Base(m[1]) + ":" + m[2]
					cur.code = sourceLine(m[1], m[2])
				} else if cur.fn == "" && cur.top == "" {
					cur.top = frameFn
				}
				continue
			}
			frameFn = strings.TrimSuffix(strings.TrimSpace(line), "()")
		}
		out = append(out, r)
	}
	return out
}

// shortFunc drops the module path from a function name: auth.(*BaseCredentials).ProcessSts.
func shortFunc(fn string) string {
	if i := strings.LastIndex(fn, "/"); i >= 0 {
		return fn[i+1:]
	}
	return fn
}

// sourceLine is line n of file, trimmed, or "" when the file can not be read.
func sourceLine(file, n string) string {
	i, err := strconv.Atoi(n)
	if err != nil {
		return ""
	}
	b, err := os.ReadFile(file)
	if err != nil {
		return ""
	}
	lines := strings.Split(string(b), "\n")
	if i < 1 || i > len(lines) {
		return ""
	}
	return strings.TrimSpace(lines[i-1])
}

// reportRaces writes the figures of (c): reports per run, the distinct races over all runs
// and the vendor functions involved.
func reportRaces(w io.Writer, runs []raceRun) {
	fmt.Fprintf(w, "## (c) Data races: 8 goroutines sharing one vendor DLI client, keys inside the refresh window\n\n")
	fmt.Fprintf(w, "Each run is a fresh process built with -race and run with GORACE=halt_on_error=0; 8 goroutines make 1,000 show calls on one client.\n")
	fmt.Fprintf(w, "The race detector prints a race once per process and pair of whole stacks: \"reports\" is the number of `WARNING: DATA RACE`\n")
	fmt.Fprintf(w, "reports of the run; \"races\" counts the distinct pairs of vendor code locations among them (the same two lines reached through\n")
	fmt.Fprintf(w, "other callers, or reported with the sides swapped, are one race).\n\n")
	fmt.Fprintf(w, "| source | run | reports | races | the run's counts |\n|---|---|---|---|---|\n")
	seen := map[string]map[vendorsdk.MetadataSource]int{} // race → runs of each source that reported it
	var order []string
	perSource := map[vendorsdk.MetadataSource]int{}
	funcs := map[string]bool{}
	for _, r := range runs {
		perSource[r.src]++
		inRun := map[string]bool{}
		for _, x := range r.races {
			k := x.key()
			if inRun[k] {
				continue
			}
			inRun[k] = true
			if seen[k] == nil {
				seen[k] = map[vendorsdk.MetadataSource]int{}
				order = append(order, k)
			}
			seen[k][r.src]++
			for _, a := range x.accesses {
				if a.fn != "" {
					funcs[shortFunc(a.fn)] = true
				}
			}
		}
		fmt.Fprintf(w, "| %s | %d | %d | %d | %s |\n", r.src, r.n, len(r.races), len(inRun), r.summary)
	}
	fmt.Fprintf(w, "\nDistinct races over all runs: %d. Each with the share of runs of each source that reported it:\n\n", len(order))
	for i, k := range order {
		var in []string
		for _, src := range []vendorsdk.MetadataSource{vendorsdk.MetadataProvider, vendorsdk.MetadataBuilder} {
			if perSource[src] > 0 {
				in = append(in, fmt.Sprintf("%s %d/%d", src, seen[k][src], perSource[src]))
			}
		}
		fmt.Fprintf(w, "%d. %s — %s\n", i+1, k, strings.Join(in, ", "))
	}
	names := make([]string, 0, len(funcs))
	for f := range funcs {
		names = append(names, f)
	}
	slices.Sort(names)
	fmt.Fprintf(w, "\nVendor functions involved (the first vendor frame of each side): %s\n", strings.Join(names, ", "))
}
