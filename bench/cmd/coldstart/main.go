// Command coldstart measures a first call in a fresh process: New plus one show, with our
// client (./ours, also run with validation off) and with the vendor SDK (./vendor). It builds
// the programs first, starts the loopback server in its own process and warms it, runs each
// program once untimed (so that none pays for reading its binary from disk), then runs N
// groups of one fresh process of each program, the first program of a group rotating. For every
// process it records, as benchmark lines that benchstat and cmd/ratios read:
//
//   - ns/op: main's start to the decoded answer, measured inside the program;
//   - process-ns/op: the whole process, from just before fork to its exit as Wait sees it;
//   - premain-ns/op: from just before fork to main's start (exec, runtime and package init),
//     the difference of the two processes' wall clocks.
//
// Usage:
//
//	go run ./cmd/coldstart -n 20 -out results/coldstart.txt
package main

import (
	"bufio"
	"bytes"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/dli-openapi/enhanced-connections/bench/internal/benchfile"
	"github.com/dli-openapi/enhanced-connections/bench/internal/fixture"
)

// programs are the cold-start programs, by client name. ours-novalidate is the same binary as
// ours with validation off, to show what loading the validator costs a first call.
var programs = []struct{ name, pkg, arg string }{
	{"ours", "./cmd/coldstart/ours", ""},
	{"vendor", "./cmd/coldstart/vendor", ""},
	{"ours-novalidate", "./cmd/coldstart/ours", "novalidate"},
}

func main() {
	n := flag.Int("n", 20, "fresh processes per client")
	out := flag.String("out", "results/coldstart.txt", "file to write")
	header := flag.String("header", "", "lines written first, as comments")
	flag.Parse()
	if err := run(*n, *out, *header); err != nil {
		fmt.Fprintln(os.Stderr, "coldstart:", err)
		os.Exit(1)
	}
}

func run(n int, out, header string) error {
	tmp, err := os.MkdirTemp("", "coldstart")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	bins := map[string]string{}
	for _, p := range programs {
		if _, ok := bins[p.pkg]; ok {
			continue
		}
		bins[p.pkg] = filepath.Join(tmp, filepath.Base(p.pkg))
		build := exec.Command("go", "build", "-o", bins[p.pkg], p.pkg)
		build.Stdout, build.Stderr = os.Stderr, os.Stderr
		if err := build.Run(); err != nil {
			return fmt.Errorf("go build %s: %w", p.pkg, err)
		}
	}

	srv, err := fixture.NewServer(nil)
	if err != nil {
		return err
	}
	defer srv.Close()
	if err := warm(srv.URL); err != nil {
		return err
	}
	for _, p := range programs { // untimed: the binary into the page cache
		if _, err := once(bins[p.pkg], srv.URL, p.arg); err != nil {
			return err
		}
	}

	f, err := os.Create(out)
	if err != nil {
		return err
	}
	defer f.Close()
	w := bufio.NewWriter(f)
	benchfile.WriteHead(w, header, "github.com/dli-openapi/enhanced-connections/bench/cmd/coldstart")
	for i := range n {
		for j := range programs {
			p := programs[(i+j)%len(programs)]
			m, err := once(bins[p.pkg], srv.URL, p.arg)
			if err != nil {
				return err
			}
			fmt.Fprintf(w, "BenchmarkColdStart/client=%s 1 %d ns/op %d process-ns/op %d premain-ns/op\n", p.name, m.inProcess, m.process, m.premain)
		}
	}
	return w.Flush()
}

// warm makes the server's first requests, so that no measured process meets a cold handler.
func warm(url string) error {
	c := &http.Client{Transport: fixture.NewTransport()}
	defer c.CloseIdleConnections()
	for range 50 {
		resp, err := c.Get(url + fixture.Prefix + "/" + fixture.ShowID)
		if err != nil {
			return err
		}
		_, _ = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			return fmt.Errorf("warming the server: HTTP %d", resp.StatusCode)
		}
	}
	return nil
}

type measure struct{ inProcess, process, premain int64 }

// once runs one fresh process of bin against url, with arg if not empty.
func once(bin, url, arg string) (measure, error) {
	args := []string{url}
	if arg != "" {
		args = append(args, arg)
	}
	cmd := exec.Command(bin, args...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	before := time.Now()
	if err := cmd.Start(); err != nil {
		return measure{}, err
	}
	err := cmd.Wait()
	process := time.Since(before)
	if err != nil {
		return measure{}, fmt.Errorf("%s: %w: %s", filepath.Base(bin), err, stderr.Bytes())
	}
	f := strings.Fields(stdout.String())
	if len(f) != 2 {
		return measure{}, fmt.Errorf("%s printed %q, want two numbers", filepath.Base(bin), stdout.String())
	}
	mainStart, err1 := strconv.ParseInt(f[0], 10, 64)
	inProcess, err2 := strconv.ParseInt(f[1], 10, 64)
	if err1 != nil || err2 != nil {
		return measure{}, fmt.Errorf("%s printed %q", filepath.Base(bin), stdout.String())
	}
	return measure{inProcess, process.Nanoseconds(), mainStart - before.UnixNano()}, nil
}
