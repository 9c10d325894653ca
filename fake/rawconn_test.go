package fake

import (
	"bufio"
	"io"
	"net"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// rawConn is a client connection driven byte by byte, for what http.Client will not do: send
// headers and hold the body back, trickle it, or sit idle.
type rawConn struct {
	t    *testing.T
	conn net.Conn
	br   *bufio.Reader
}

// safetyNet bounds every read of a raw connection so that a server that wrongly keeps a
// connection open fails the test instead of hanging it. Tests never assert how long anything
// took; this only turns "never" into a failure.
const safetyNet = 30 * time.Second

func dialRaw(t *testing.T, r *Running) *rawConn {
	t.Helper()
	conn, err := net.Dial("tcp", strings.TrimPrefix(r.URL(), "http://"))
	require.NoError(t, err)
	t.Cleanup(func() { _ = conn.Close() })
	return &rawConn{t: t, conn: conn, br: bufio.NewReader(conn)}
}

// writeHead sends a request line and headers, announcing contentLength body bytes (-1: none),
// and no body.
func (c *rawConn) writeHead(method, path string, header http.Header, contentLength int) {
	c.t.Helper()
	var b strings.Builder
	b.WriteString(method + " " + path + " HTTP/1.1\r\nHost: fake\r\n")
	if contentLength >= 0 {
		b.WriteString("Content-Length: " + strconv.Itoa(contentLength) + "\r\n")
	}
	for k, vs := range header {
		for _, v := range vs {
			b.WriteString(k + ": " + v + "\r\n")
		}
	}
	b.WriteString("\r\n")
	_, err := io.WriteString(c.conn, b.String())
	require.NoError(c.t, err)
}

// readResponse reads one answer, body included.
func (c *rawConn) readResponse() (*http.Response, []byte, error) {
	_ = c.conn.SetReadDeadline(time.Now().Add(safetyNet))
	resp, err := http.ReadResponse(c.br, nil)
	if err != nil {
		return nil, nil, err
	}
	defer func() { _ = resp.Body.Close() }()
	body, err := io.ReadAll(resp.Body)
	return resp, body, err
}

// closedByServer reads whatever else the server sends (net/http may send a last 400 before it
// gives up on a request) and reports whether it then closed the connection: EOF or a reset,
// not the safety net's timeout.
func (c *rawConn) closedByServer() bool {
	_ = c.conn.SetReadDeadline(time.Now().Add(safetyNet))
	_, err := io.Copy(io.Discard, c.br)
	if ne, ok := err.(net.Error); ok && ne.Timeout() {
		return false
	}
	return true
}
