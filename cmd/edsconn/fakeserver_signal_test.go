package main

import (
	"bufio"
	"bytes"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/dli-openapi/enhanced-connections/internal/testenv"
)

// asEdsconn, set in a child's environment, makes the test binary run main() instead of the
// tests, so that signal tests exercise the real process: its signal handling and exit code.
const asEdsconn = "EDSCONN_TEST_RUN_MAIN"

func TestMain(m *testing.M) {
	if os.Getenv(asEdsconn) == "1" {
		os.Args = append([]string{"edsconn"}, os.Args[1:]...)
		main()
		return // main exits
	}
	cleanup, err := testenv.Isolate()
	if err != nil {
		panic(err)
	}
	code := m.Run()
	cleanup()
	os.Exit(code)
}

// safetyNet bounds the waits of these tests, so that a server that never answers or never
// exits fails the test instead of hanging it; nothing asserts how long anything took.
const safetyNet = 30 * time.Second

// edsconnProcess is the test binary started as `edsconn args...`.
type edsconnProcess struct {
	cmd    *exec.Cmd
	url    string
	stderr *bytes.Buffer
}

func startEdsconn(t *testing.T, args ...string) *edsconnProcess {
	t.Helper()
	cmd := exec.Command(os.Args[0], args...)
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "HUAWEICLOUD_SDK_") && !strings.HasPrefix(kv, "DLI_ENDPOINT=") {
			env = append(env, kv)
		}
	}
	cmd.Env = append(env, asEdsconn+"=1")
	stdout, err := cmd.StdoutPipe()
	require.NoError(t, err)
	p := &edsconnProcess{cmd: cmd, stderr: &bytes.Buffer{}}
	cmd.Stderr = p.stderr
	require.NoError(t, cmd.Start())
	t.Cleanup(func() {
		if cmd.ProcessState == nil {
			_ = cmd.Process.Kill()
			_ = cmd.Wait()
		}
	})
	line, err := bufio.NewReader(stdout).ReadString('\n')
	require.NoError(t, err, "the server prints its URL")
	p.url = strings.TrimSpace(line)
	return p
}

// wait waits for the process to exit and returns its exit code (-1 when a signal killed it).
func (p *edsconnProcess) wait(t *testing.T) int {
	t.Helper()
	done := make(chan error, 1)
	go func() { done <- p.cmd.Wait() }()
	select {
	case <-done:
	case <-time.After(safetyNet):
		_ = p.cmd.Process.Kill()
		<-done
		t.Fatalf("the process did not exit; stderr:\n%s", p.stderr)
	}
	return p.cmd.ProcessState.ExitCode()
}

// TestSignalsStopTheFakeServerGracefully sends SIGTERM or SIGINT while a create is in flight: the
// handler is reading its body (the 100 Continue proves it), the rest of the body comes after
// the signal, and the create still completes; then the process exits 0.
func TestSignalsStopTheFakeServerGracefully(t *testing.T) {
	for _, sig := range []syscall.Signal{syscall.SIGTERM, syscall.SIGINT} {
		t.Run(sig.String(), func(t *testing.T) {
			p := startEdsconn(t, "fake-server", "--addr", "127.0.0.1:0", "--log")
			conn, err := net.Dial("tcp", strings.TrimPrefix(p.url, "http://"))
			require.NoError(t, err)
			defer func() { _ = conn.Close() }()
			_ = conn.SetDeadline(time.Now().Add(safetyNet))
			body := `{"name":"inflight","dest_vpc_id":"v","dest_network_id":"n"}`
			_, err = io.WriteString(conn, "POST /v2.0/"+fakeProjectID+"/datasource/enhanced-connections HTTP/1.1\r\n"+
				"Host: fake\r\nContent-Type: application/json\r\nExpect: 100-continue\r\n"+
				"Content-Length: "+strconv.Itoa(len(body))+"\r\n\r\n")
			require.NoError(t, err)
			br := bufio.NewReader(conn)
			cont, err := http.ReadResponse(br, nil)
			require.NoError(t, err)
			require.Equal(t, http.StatusContinue, cont.StatusCode, "the handler is reading the body")

			require.NoError(t, p.cmd.Process.Signal(sig))
			_, err = io.WriteString(conn, body)
			require.NoError(t, err)
			resp, err := http.ReadResponse(br, nil)
			require.NoError(t, err, "stderr:\n%s", p.stderr)
			_ = resp.Body.Close()
			assert.Equal(t, http.StatusCreated, resp.StatusCode, "the request in flight finished")

			assert.Equal(t, exitOK, p.wait(t), "stderr:\n%s", p.stderr)
			assert.Contains(t, p.stderr.String(), "status=201", "it was served, not cut off")
			assert.Contains(t, p.stderr.String(), "edsconn: stopped")
		})
	}
}

func TestSignalStopsAnIdleFakeServer(t *testing.T) {
	p := startEdsconn(t, "fake-server", "--addr", "127.0.0.1:0")
	resp, err := http.Get(p.url + "/v2.0/" + fakeProjectID + "/datasource/enhanced-connections")
	require.NoError(t, err)
	_ = resp.Body.Close()
	require.NoError(t, p.cmd.Process.Signal(syscall.SIGTERM))
	assert.Equal(t, exitOK, p.wait(t), "stderr:\n%s", p.stderr)
}
