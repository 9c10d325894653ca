package fake

import (
	"context"
	"io"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestBodyBudgetIsFairAndBounded(t *testing.T) {
	b := newBodyBudget(100)
	ctx := context.Background()

	held, err := b.acquire(ctx, 60)
	require.NoError(t, err)
	assert.Equal(t, int64(60), held)

	// 50 does not fit; 10 would, but it must not overtake the 50 that came first.
	var wg sync.WaitGroup
	for i, n := range []int64{50, 10} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			got, err := b.acquire(ctx, n)
			assert.NoError(t, err)
			assert.Equal(t, n, got)
		}()
		waitFor(t, func() bool { _, _, w := b.stats(); return w == i+1 })
	}
	used, _, waiting := b.stats()
	assert.Equal(t, int64(60), used, "the 10 that would fit waits behind the 50")
	assert.Equal(t, 2, waiting)

	b.release(held)
	wg.Wait()
	used, peak, waiting := b.stats()
	assert.Equal(t, int64(60), used)
	assert.Equal(t, int64(60), peak, "never more than the budget at once")
	assert.Zero(t, waiting)
	b.release(50)
	b.release(10)

	big, err := b.acquire(ctx, 1000)
	require.NoError(t, err)
	assert.Equal(t, int64(100), big, "a body larger than the budget is admitted alone")
	b.release(big)
}

func TestBodyBudgetWaitEndsWithTheContext(t *testing.T) {
	b := newBodyBudget(100)
	held, err := b.acquire(context.Background(), 80)
	require.NoError(t, err)

	// A waiter at the head that gives up must let the one behind it in.
	ctx, cancel := context.WithCancel(context.Background())
	gaveUp := make(chan error)
	go func() { _, err := b.acquire(ctx, 90); gaveUp <- err }()
	waitFor(t, func() bool { _, _, w := b.stats(); return w == 1 })
	small := make(chan int64)
	go func() { n, _ := b.acquire(context.Background(), 20); small <- n }()
	waitFor(t, func() bool { _, _, w := b.stats(); return w == 2 })
	cancel()
	assert.ErrorIs(t, <-gaveUp, context.Canceled)
	assert.Equal(t, int64(20), <-small)
	used, _, waiting := b.stats()
	assert.Equal(t, int64(100), used)
	assert.Zero(t, waiting)
	b.release(held)
	b.release(20)
	used, _, _ = b.stats()
	assert.Zero(t, used)
}

// waitFor polls cond, for states that another goroutine reaches without telling (a waiter has
// queued). It fails the test at the safety net.
func waitFor(t *testing.T, cond func() bool) {
	t.Helper()
	require.Eventually(t, cond, safetyNet, time.Millisecond)
}

// TestBodiesWaitForRoom holds one body half-sent so that it holds the budget, and shows that a
// second body waits, not read, until the first is done, then succeeds; the bytes held never
// exceed the budget.
func TestBodiesWaitForRoom(t *testing.T) {
	first := `{"name":"first","dest_vpc_id":"v","dest_network_id":"n"}`
	second := `{"name":"second","dest_vpc_id":"v","dest_network_id":"n"}`
	r := start(t, Options{MaxBodyBytesInFlight: int64(len(first) + len(second) - 1)})

	c := dialRaw(t, r)
	c.writeHead("POST", connsPath(project), http.Header{"Content-Type": {"application/json"}}, len(first))
	_, err := io.WriteString(c.conn, first[:10])
	require.NoError(t, err)
	waitFor(t, func() bool { used, _, _ := r.bodies.stats(); return used == int64(len(first)) })
	waitFor(t, func() bool { return r.bodyBytesRead.Load() == 10 }) // the first's bytes so far

	answered := make(chan answer)
	go func() {
		a, err := send(t, plainClient(t, safetyNet), "POST", r.URL()+connsPath(project), second, nil)
		assert.NoError(t, err)
		answered <- a
	}()
	waitFor(t, func() bool { _, _, w := r.bodies.stats(); return w == 1 })
	assert.Equal(t, int64(10), r.bodyBytesRead.Load(), "the waiting body is not read, though all of it was sent")

	_, err = io.WriteString(c.conn, first[10:])
	require.NoError(t, err)
	resp, body, err := c.readResponse()
	require.NoError(t, err)
	assert.Equal(t, http.StatusCreated, resp.StatusCode, "%s", body)
	a := <-answered
	assert.Equal(t, http.StatusCreated, a.status, "%s", a.body)
	_, peak, _ := r.bodies.stats()
	assert.LessOrEqual(t, peak, r.opts.MaxBodyBytesInFlight)
	assert.Equal(t, 2, r.Connections(project))
}

// TestNoRoomWithinTheReadTimeoutIs503: a body that cannot get room before its read deadline is
// refused, unread, with 503 and Retry-After in the DLI error shape. The test holds the whole
// budget itself, as a body being validated would.
func TestNoRoomWithinTheReadTimeoutIs503(t *testing.T) {
	r := start(t, Options{MaxBodyBytesInFlight: 1000, ReadBodyTimeout: 50 * time.Millisecond})
	held, err := r.bodies.acquire(context.Background(), 1000)
	require.NoError(t, err)
	defer r.bodies.release(held)

	a, err := send(t, plainClient(t, safetyNet), "POST", r.URL()+connsPath(project), createBody, nil)
	require.NoError(t, err)
	assert.Equal(t, http.StatusServiceUnavailable, a.status)
	assert.Equal(t, "1", a.header.Get("Retry-After"))
	code, msg := a.errorBody(t)
	assert.Equal(t, codeBackendDown, code)
	assert.Contains(t, msg, "retry later")
	assert.Zero(t, r.bodyBytesRead.Load(), "the refused body was not read")
	assert.Zero(t, r.Calls(""))
	_, _, waiting := r.bodies.stats()
	assert.Zero(t, waiting, "the refused request left the queue")
}
