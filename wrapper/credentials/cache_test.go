package credentials

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// testClock is a clock a test moves by hand.
type testClock struct {
	mu sync.Mutex
	t  time.Time
}

func newTestClock() *testClock { return &testClock{t: time.Date(2026, 12, 6, 12, 0, 0, 0, time.UTC)} }

func (c *testClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *testClock) Advance(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

// rotatingProvider plays a platform service: keys that live an hour, the same ones handed out
// until 10 minutes before they expire, then new ones. It counts its calls and can be made to
// fail or to block until released.
type rotatingProvider struct {
	clock    *testClock
	lifetime time.Duration
	rotate   time.Duration

	mu      sync.Mutex
	calls   int
	serial  int
	current Value
	fail    error
	gate    chan struct{} // when set, Retrieve waits for it to close
}

func newRotatingProvider(clock *testClock) *rotatingProvider {
	return &rotatingProvider{clock: clock, lifetime: time.Hour, rotate: 10 * time.Minute}
}

func (p *rotatingProvider) Retrieve(ctx context.Context) (Value, error) {
	p.mu.Lock()
	gate := p.gate
	p.calls++
	p.mu.Unlock()
	if gate != nil {
		select {
		case <-gate:
		case <-ctx.Done():
			return Value{}, ctx.Err()
		}
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.fail != nil {
		return Value{}, p.fail
	}
	now := p.clock.Now()
	if p.current.AccessKey == "" || !now.Before(p.current.Expires.Add(-p.rotate)) {
		p.serial++
		p.current = Value{AccessKey: fmt.Sprintf("TEMPAK%04d", p.serial), SecretKey: newSecret(fmt.Sprintf("secret-%04d", p.serial)),
			SecurityToken: newSecret(fmt.Sprintf("token-%04d", p.serial)), Expires: now.Add(p.lifetime), Source: "test"}
	}
	return p.current, nil
}

func (p *rotatingProvider) Calls() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.calls
}

func (p *rotatingProvider) setFail(err error) {
	p.mu.Lock()
	p.fail = err
	p.mu.Unlock()
}

// settle waits for the refresh in flight, if any, to be published: a condition, not a sleep.
func settle(c *Cache) {
	c.mu.Lock()
	r := c.inflight
	c.mu.Unlock()
	if r != nil {
		<-r.done
	}
}

func TestCacheRenewsBeforeExpiryWithoutMakingCallersWait(t *testing.T) {
	clock := newTestClock()
	p := newRotatingProvider(clock)
	c := NewCache(p, CacheOptions{Now: clock.Now})
	ctx := context.Background()

	first, err := c.Retrieve(ctx)
	require.NoError(t, err)
	assert.Equal(t, "TEMPAK0001", first.AccessKey)

	// Outside the window (45 minutes left): no call.
	clock.Advance(15 * time.Minute)
	for range 100 {
		v, err := c.Retrieve(ctx)
		require.NoError(t, err)
		assert.Equal(t, first.AccessKey, v.AccessKey)
	}
	assert.Equal(t, 1, p.Calls())

	// In the window the service still hands out the same keys (it rotates 10 minutes before
	// expiry): one call, then none for RetryAfter however many callers come.
	clock.Advance(31 * time.Minute) // 14 minutes left
	p.gate = make(chan struct{})
	v, err := c.Retrieve(ctx)
	require.NoError(t, err)
	assert.Equal(t, first.AccessKey, v.AccessKey, "the caller that starts the refresh does not wait for it")
	for range 100 {
		v, err := c.Retrieve(ctx)
		require.NoError(t, err)
		assert.Equal(t, first.AccessKey, v.AccessKey)
	}
	close(p.gate)
	settle(c)
	assert.Equal(t, 2, p.Calls(), "one refresh in flight at a time")
	clock.Advance(29 * time.Second)
	_, _ = c.Retrieve(ctx)
	assert.Equal(t, 2, p.Calls(), "the same keys: not asked again within 30 s")
	clock.Advance(time.Second)
	_, _ = c.Retrieve(ctx)
	settle(c)
	assert.Equal(t, 3, p.Calls())

	// Past the service's rotation: the next refresh brings new keys.
	clock.Advance(5 * time.Minute) // 8m30s left; the service rotated at 10
	_, _ = c.Retrieve(ctx)
	settle(c)
	v, err = c.Retrieve(ctx)
	require.NoError(t, err)
	assert.Equal(t, "TEMPAK0002", v.AccessKey)
	assert.Equal(t, 4, p.Calls())
}

func TestCacheNeverHandsOutKeysAboutToExpire(t *testing.T) {
	clock := newTestClock()
	p := newRotatingProvider(clock)
	c := NewCache(p, CacheOptions{Now: clock.Now})
	ctx := context.Background()
	_, err := c.Retrieve(ctx)
	require.NoError(t, err)

	outage := errors.New("metadata service unavailable")
	p.setFail(outage)
	clock.Advance(58*time.Minute + 59*time.Second) // 61 s left: still usable
	v, err := c.Retrieve(ctx)
	require.NoError(t, err, "valid keys are kept while the refresh fails")
	assert.Equal(t, "TEMPAK0001", v.AccessKey)
	settle(c)

	clock.Advance(2 * time.Second) // 59 s left
	_, err = c.Retrieve(ctx)
	var re *RefreshError
	require.ErrorAs(t, err, &re)
	assert.ErrorIs(t, err, outage)
	assert.Equal(t, clock.Now().Add(59*time.Second), re.Expired)
	assert.Contains(t, err.Error(), "metadata service unavailable")

	p.setFail(nil)
	v, err = c.Retrieve(ctx)
	require.NoError(t, err, "without usable keys a caller asks at once, whatever RetryAfter says")
	assert.Equal(t, "TEMPAK0002", v.AccessKey)
}

func TestCacheKeepsValidKeysWhenTheRefreshFails(t *testing.T) {
	clock := newTestClock()
	p := newRotatingProvider(clock)
	c := NewCache(p, CacheOptions{Now: clock.Now})
	ctx := context.Background()
	_, err := c.Retrieve(ctx)
	require.NoError(t, err)

	p.setFail(errors.New("HTTP 503"))
	clock.Advance(50 * time.Minute) // in the window
	failures := 0
	for range 540 { // one call a second until 61 s before expiry
		if _, err := c.Retrieve(ctx); err != nil {
			failures++
		}
		settle(c)
		clock.Advance(time.Second)
	}
	assert.Zero(t, failures, "no call fails while the cached keys are valid")
	assert.Equal(t, 1+18, p.Calls(), "one refresh every 30 s while it fails")
}

func TestCacheInvalidate(t *testing.T) {
	clock := newTestClock()
	p := newRotatingProvider(clock)
	c := NewCache(p, CacheOptions{Now: clock.Now})
	ctx := context.Background()
	v, err := c.Retrieve(ctx)
	require.NoError(t, err)

	assert.False(t, c.Invalidate(Value{AccessKey: "OTHER"}), "keys already replaced are not dropped again")
	// The service revoked them: the next fetch gets new ones (the provider rotates on demand
	// here once its current keys are past rotation).
	p.mu.Lock()
	p.current.Expires = clock.Now().Add(5 * time.Minute)
	p.mu.Unlock()
	assert.True(t, c.Invalidate(v))
	w, err := c.Retrieve(ctx)
	require.NoError(t, err)
	assert.NotEqual(t, v.AccessKey, w.AccessKey)

	fixed := NewCache(Static(Value{AccessKey: "AK", SecretKey: newSecret("SK")}), CacheOptions{Now: clock.Now})
	fv, err := fixed.Retrieve(ctx)
	require.NoError(t, err)
	assert.False(t, fixed.Invalidate(fv), "fixed keys are never dropped")
	assert.Equal(t, 1, fixed.Refreshes())
}

func TestCacheWaitIsBoundedByTheCallersContext(t *testing.T) {
	clock := newTestClock()
	p := newRotatingProvider(clock)
	p.gate = make(chan struct{})
	defer close(p.gate)
	c := NewCache(p, CacheOptions{Now: clock.Now})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := c.Retrieve(ctx)
	assert.ErrorIs(t, err, context.Canceled)
}

// Hundreds of goroutines sign across three rotations: every value handed out is usable at the
// time, the provider is called a bounded number of times, and -race sees nothing.
func TestCacheUnderLoadAcrossRotations(t *testing.T) {
	clock := newTestClock()
	p := newRotatingProvider(clock)
	c := NewCache(p, CacheOptions{Now: clock.Now})
	ctx := context.Background()
	var bad atomic.Int64
	var wg sync.WaitGroup
	const goroutines, steps = 200, 180 // 180 steps of 1 minute: three hours
	for step := range steps {
		for range goroutines {
			wg.Add(1)
			go func() {
				defer wg.Done()
				v, err := c.Retrieve(ctx)
				if err != nil || v.Expires.Sub(clock.Now()) <= time.Minute {
					bad.Add(1)
				}
			}()
		}
		wg.Wait()
		settle(c)
		if step < steps-1 {
			clock.Advance(time.Minute)
		}
	}
	assert.Zero(t, bad.Load())
	// Per key (50 minutes): the first fetch, then from 15 minutes before expiry one call per
	// minute-step (RetryAfter is shorter than a step) until the rotation 10 minutes before.
	assert.LessOrEqual(t, p.Calls(), 3*(1+6)+1)
	assert.Equal(t, 4, p.serial, "three rotations after the first keys")
}
