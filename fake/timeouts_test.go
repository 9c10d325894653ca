package fake

import (
	"io"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestTrickledBodyIsCutOff sends a body one byte every few milliseconds, a pace at which it
// would take many seconds to arrive, and keeps sending: the body deadline ends it whatever the
// progress, the request reaches no operation, and the connection is closed.
func TestTrickledBodyIsCutOff(t *testing.T) {
	r := start(t, Options{ReadBodyTimeout: 100 * time.Millisecond})
	c := dialRaw(t, r)
	const size = 2000
	c.writeHead("POST", connsPath(project), http.Header{"Content-Type": {"application/json"}}, size)
	stop := make(chan struct{})
	trickled := make(chan int)
	go func() { // the slow client; it stops when the server closes or the test ends
		tick := time.NewTicker(5 * time.Millisecond)
		defer tick.Stop()
		sent := 0
		defer func() { trickled <- sent }()
		for sent < size {
			select {
			case <-stop:
				return
			case <-tick.C:
			}
			if _, err := c.conn.Write([]byte(" ")); err != nil {
				return
			}
			sent++
		}
	}()

	resp, _, err := c.readResponse()
	if err == nil { // the answer may be lost to a reset, since the client is still writing
		assert.Equal(t, http.StatusRequestTimeout, resp.StatusCode)
		assert.True(t, resp.Close)
		assert.True(t, c.closedByServer(), "the connection is closed after the 408")
	}
	close(stop)
	assert.Less(t, <-trickled, size, "the server did not wait for the whole trickle")
	reqs := r.Requests()
	require.Len(t, reqs, 1)
	assert.Equal(t, http.StatusRequestTimeout, reqs[0].Status)
	assert.Zero(t, r.Calls(""))
}

// TestIdleKeepAliveIsClosed: after an answer, a keep-alive connection that sends nothing more
// is closed by the server.
func TestIdleKeepAliveIsClosed(t *testing.T) {
	r := start(t, Options{IdleTimeout: 50 * time.Millisecond})
	c := dialRaw(t, r)
	c.writeHead("GET", connsPath(project), nil, -1)
	resp, _, err := c.readResponse()
	require.NoError(t, err)
	require.Equal(t, http.StatusOK, resp.StatusCode)
	require.False(t, resp.Close, "the connection was kept alive")
	assert.True(t, c.closedByServer(), "the idle connection is closed")
}

// TestSilentConnectionIsClosed: a client that connects and sends half a request line is cut off
// by the header timeout, without an operation.
func TestSilentConnectionIsClosed(t *testing.T) {
	r := start(t, Options{ReadHeaderTimeout: 50 * time.Millisecond})
	c := dialRaw(t, r)
	_, err := io.WriteString(c.conn, "GET /v2.0/")
	require.NoError(t, err)
	assert.True(t, c.closedByServer())
	assert.Zero(t, r.Calls(""))
	assert.Empty(t, r.Requests(), "no request was ever complete enough to log")
}

// TestTimeoutDefaults: zero Options get the documented defaults, and negative ones are refused.
func TestTimeoutDefaults(t *testing.T) {
	o, err := Options{}.normalized()
	require.NoError(t, err)
	assert.Equal(t, DefaultReadHeaderTimeout, o.ReadHeaderTimeout)
	assert.Equal(t, DefaultReadBodyTimeout, o.ReadBodyTimeout)
	assert.Equal(t, DefaultIdleTimeout, o.IdleTimeout)
	assert.Equal(t, int64(DefaultMaxBodyBytesInFlight), o.MaxBodyBytesInFlight)
	for _, bad := range []Options{{ReadHeaderTimeout: -1}, {ReadBodyTimeout: -1}, {IdleTimeout: -1}, {MaxBodyBytesInFlight: -1}} {
		_, err := New(bad)
		assert.Error(t, err, "%+v", bad)
	}
}
