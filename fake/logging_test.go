package fake

import (
	"bytes"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/dli-openapi/enhanced-connections/wrapper/signer"
)

// lineWriter sends each Write (a slog handler writes one record per Write) to lines.
type lineWriter chan string

func (w lineWriter) Write(p []byte) (int, error) {
	w <- string(p)
	return len(p), nil
}

var _ io.Writer = lineWriter(nil)

// receiveLine waits for the next request log line.
func receiveLine(t *testing.T, lines chan string) string {
	t.Helper()
	select {
	case line := <-lines:
		return line
	case <-time.After(safetyNet):
		t.Fatal("no request log line")
		return ""
	}
}

// TestRequestLogLines: one line per request with method, path, operation, status, duration and
// request id, and no secret of a request signed with a security token and carrying an IAM token.
func TestRequestLogLines(t *testing.T) {
	const (
		token         = "MIIS-the-iam-token-value"
		securityToken = "the-security-token-value"
	)
	lines := make(chan string, 8)
	r := start(t, Options{
		Credentials: map[string]string{testAK: testSK},
		Tokens:      []string{token},
		Logger:      slog.New(slog.NewTextHandler(lineWriter(lines), nil)),
	})

	// Signed with the wrapper's signer, a security token included (it is a signed header).
	sig := signer.New(signer.Keys(testAK, testSK))
	req, err := http.NewRequest("POST", r.URL()+connsPath(project)+"?secret=in-the-query", strings.NewReader(createBody))
	require.NoError(t, err)
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-Security-Token", securityToken)
	req.Header.Set("X-Auth-Token", token)
	require.NoError(t, sig.Sign(req))
	signature := req.Header.Get("Authorization")
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	_ = resp.Body.Close()
	require.Equal(t, http.StatusCreated, resp.StatusCode)
	line := receiveLine(t, lines)

	for _, want := range []string{"method=POST", "path=" + connsPath(project), "operation=CreateEnhancedConnection", "status=201", "duration=", "request_id=" + resp.Header.Get("X-Request-Id")} {
		assert.Contains(t, line, want)
	}
	_, mac, _ := strings.Cut(signature, "Signature=")
	for _, secret := range []string{testSK, token, securityToken, mac, "in-the-query", createBody} {
		assert.NotContains(t, line, secret)
	}
	assert.Equal(t, 1, strings.Count(line, "\n"), "one line: %q", line)

	// A refused request is logged too, with its status.
	a := mustSend(t, r, "GET", "/nowhere", "")
	assert.Equal(t, http.StatusNotFound, a.status)
	assert.Contains(t, receiveLine(t, lines), "status=404")

	// So is the IAM project lookup, which is answered before the DLI stages: a client that
	// found its project id shows that in the log, and its query (a region name) is left out
	// like every query.
	lookup, err := http.NewRequest("GET", r.URL()+"/v3/projects?name=eu-de", nil)
	require.NoError(t, err)
	require.NoError(t, sig.Sign(lookup))
	resp, err = http.DefaultClient.Do(lookup)
	require.NoError(t, err)
	_ = resp.Body.Close()
	require.Equal(t, http.StatusOK, resp.StatusCode)
	line = receiveLine(t, lines)
	for _, want := range []string{"method=GET", "path=/v3/projects", "operation=KeystoneListProjects", "status=200"} {
		assert.Contains(t, line, want)
	}
	assert.NotContains(t, line, "eu-de")
	assert.Len(t, r.Requests(), 3, "the lookup is in Requests too")
}

// TestRequestLogCannotBeForged: a path with a newline (escaped on the wire) stays one quoted
// value of one line.
func TestRequestLogCannotBeForged(t *testing.T) {
	var buf bytes.Buffer
	logRequest(slog.New(slog.NewTextHandler(&buf, nil)), RecordedRequest{Method: "GET", Path: "/a\nlevel=ERROR msg=forged"}, "id", time.Millisecond)
	assert.Equal(t, 1, strings.Count(buf.String(), "\n"), buf.String())
	assert.Contains(t, buf.String(), `path="/a\nlevel=ERROR msg=forged"`)
}
