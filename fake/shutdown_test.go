package fake

import (
	"context"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// holdRequest starts a create whose body is half sent, so that it is in flight for as long as
// the test wants; finish sends the rest.
func holdRequest(t *testing.T, r *Running) (c *rawConn, finish func()) {
	t.Helper()
	c = dialRaw(t, r)
	c.writeHead("POST", connsPath(project), http.Header{"Content-Type": {"application/json"}}, len(createBody))
	_, err := io.WriteString(c.conn, createBody[:5])
	require.NoError(t, err)
	waitFor(t, func() bool { return r.bodyBytesRead.Load() == 5 })
	return c, func() {
		_, err := io.WriteString(c.conn, createBody[5:])
		require.NoError(t, err)
	}
}

func TestShutdownLetsRequestsInFlightFinish(t *testing.T) {
	r, err := Start(Options{})
	require.NoError(t, err)
	c, finish := holdRequest(t, r)

	done := make(chan error)
	go func() { done <- r.Shutdown(context.Background()) }()
	// Shutdown has begun once the listener refuses new connections.
	addr := strings.TrimPrefix(r.URL(), "http://")
	waitFor(t, func() bool {
		conn, err := net.Dial("tcp", addr)
		if err == nil {
			_ = conn.Close()
		}
		return err != nil
	})
	select {
	case err := <-done:
		t.Fatalf("Shutdown returned with a request in flight: %v", err)
	default:
	}

	finish()
	resp, body, err := c.readResponse()
	require.NoError(t, err)
	assert.Equal(t, http.StatusCreated, resp.StatusCode, "%s", body)
	assert.NoError(t, <-done)
	assert.Equal(t, 1, r.Connections(project))
	assert.NoError(t, r.Close(), "Close after Shutdown returns Shutdown's result")
}

func TestShutdownGivesUpWithItsContext(t *testing.T) {
	r, err := Start(Options{})
	require.NoError(t, err)
	c, _ := holdRequest(t, r)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	err = r.Shutdown(ctx)
	assert.ErrorIs(t, err, context.Canceled)
	assert.True(t, c.closedByServer(), "the request still in flight is cut off")
	assert.Equal(t, err, r.Shutdown(context.Background()), "a second call returns the first result")
}
