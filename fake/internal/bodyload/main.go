// Command bodyload measures the peak memory of a real `edsconn fake-server` process while many
// clients send it large request bodies at once, which is how a sloppy or hostile client hurts a
// shared fake. It starts the server, sends -n concurrent POSTs of -size bytes each, and prints
// the statuses and the server's VmHWM (peak resident set) from /proc/<pid>/status. Linux only.
//
//	go build -o /tmp/edsconn ./cmd/edsconn
//	go run ./fake/internal/bodyload -bin /tmp/edsconn -n 64 -size 12582912
//
// Without -bin it builds ./cmd/edsconn of the current module first.
package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "bodyload:", err)
		os.Exit(1)
	}
}

func run() error {
	bin := flag.String("bin", "", "edsconn binary to run (default: build ./cmd/edsconn)")
	n := flag.Int("n", 64, "concurrent requests")
	size := flag.Int("size", 12<<20, "bytes per request body")
	kind := flag.String("body", "hosts", "body shape: hosts (a create with too many hosts) or objects (an array of empty objects, the costliest JSON per byte)")
	extra := flag.String("server-args", "", "extra fake-server flags, space separated")
	flag.Parse()

	if *bin == "" {
		dir, err := os.MkdirTemp("", "bodyload")
		if err != nil {
			return err
		}
		defer func() { _ = os.RemoveAll(dir) }()
		*bin = filepath.Join(dir, "edsconn")
		build := exec.Command("go", "build", "-o", *bin, "./cmd/edsconn")
		build.Stdout, build.Stderr = os.Stderr, os.Stderr
		if err := build.Run(); err != nil {
			return fmt.Errorf("build: %w", err)
		}
	}
	body, err := makeBody(*kind, *size)
	if err != nil {
		return err
	}

	args := append([]string{"fake-server", "--addr", "127.0.0.1:0"}, strings.Fields(*extra)...)
	srv := exec.Command(*bin, args...)
	srv.Stderr = io.Discard
	stdout, err := srv.StdoutPipe()
	if err != nil {
		return err
	}
	if err := srv.Start(); err != nil {
		return err
	}
	defer func() { _ = srv.Process.Kill(); _ = srv.Wait() }()
	url, err := bufio.NewReader(stdout).ReadString('\n')
	if err != nil {
		return fmt.Errorf("read the server URL: %w", err)
	}
	url = strings.TrimSpace(url)
	before, _ := procStatus(srv.Process.Pid)

	statuses := send(url, body, *n)

	after, err := procStatus(srv.Process.Pid)
	if err != nil {
		return err
	}
	fmt.Printf("server: %s %s\n", *bin, strings.Join(args, " "))
	fmt.Printf("requests: %d x %d bytes (%s)\n", *n, len(body), *kind)
	fmt.Printf("outcomes: %s\n", statuses)
	fmt.Printf("VmHWM before: %s\n", before["VmHWM"])
	fmt.Printf("VmHWM after:  %s\n", after["VmHWM"])
	fmt.Printf("VmRSS after:  %s\n", after["VmRSS"])
	_ = srv.Process.Signal(syscall.SIGTERM)
	return nil
}

// makeBody builds one body of exactly size bytes (give or take the closing bytes).
func makeBody(kind string, size int) ([]byte, error) {
	var b bytes.Buffer
	b.Grow(size + 64)
	switch kind {
	case "hosts":
		b.WriteString(`{"name":"big","dest_vpc_id":"v","dest_network_id":"n","hosts":[`)
		for i := 0; b.Len() < size-64; i++ {
			if i > 0 {
				b.WriteByte(',')
			}
			fmt.Fprintf(&b, `{"name":"h%07d","ip":"10.%d.%d.%d"}`, i, i>>16&255, i>>8&255, i&255)
		}
		b.WriteString(`]}`)
	case "objects":
		b.WriteString(`{"name":"big","dest_vpc_id":"v","dest_network_id":"n","hosts":[{}`)
		for b.Len() < size-5 {
			b.WriteString(`,{}`)
		}
		b.WriteString(`]}`)
	default:
		return nil, errors.New("-body must be hosts or objects")
	}
	return b.Bytes(), nil
}

// send posts body n times at once and summarizes what came back.
func send(url string, body []byte, n int) string {
	client := &http.Client{Transport: &http.Transport{MaxConnsPerHost: 0, DisableKeepAlives: true}}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	var (
		mu  sync.Mutex
		out = map[string]int{}
		wg  sync.WaitGroup
	)
	for range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			outcome := post(ctx, client, url, body)
			mu.Lock()
			out[outcome]++
			mu.Unlock()
		}()
	}
	wg.Wait()
	keys := make([]string, 0, len(out))
	for k := range out {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, 0, len(keys))
	for _, k := range keys {
		parts = append(parts, k+" x"+strconv.Itoa(out[k]))
	}
	return strings.Join(parts, ", ")
}

func post(ctx context.Context, client *http.Client, url string, body []byte) string {
	req, err := http.NewRequestWithContext(ctx, "POST", url+"/v2.0/0123456789abcdef0123456789abcdef/datasource/enhanced-connections", bytes.NewReader(body))
	if err != nil {
		return "error: " + err.Error()
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := client.Do(req)
	if err != nil {
		// The last part of the error says what happened; the first parts hold addresses.
		parts := strings.Split(err.Error(), ": ")
		return "error (" + parts[len(parts)-1] + ")"
	}
	defer func() { _ = resp.Body.Close() }()
	_, _ = io.Copy(io.Discard, resp.Body)
	return strconv.Itoa(resp.StatusCode)
}

// procStatus reads the fields of /proc/<pid>/status.
func procStatus(pid int) (map[string]string, error) {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return nil, err
	}
	fields := map[string]string{}
	for _, line := range strings.Split(string(data), "\n") {
		if k, v, ok := strings.Cut(line, ":"); ok {
			fields[k] = strings.TrimSpace(v)
		}
	}
	return fields, nil
}
