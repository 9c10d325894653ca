package credentials

import (
	"context"
	"fmt"
	"sync"
	"time"
)

// CacheOptions tune a Cache. The zero value means the defaults, which follow the platform:
// agency keys live an hour and the metadata service hands out new ones 10 minutes before the
// old expire, so refreshing from 15 minutes before expiry finds the new keys in time, with
// several tries left if the service is briefly away.
type CacheOptions struct {
	// RefreshBefore is how long before the keys expire a refresh starts: the first Retrieve in
	// that window starts one in the background and every caller goes on with the current keys.
	// 0 means 15 minutes.
	RefreshBefore time.Duration
	// MinValidity: keys that expire within this are never handed out, so that no request is
	// signed with keys that may expire before it arrives. 0 means 1 minute.
	MinValidity time.Duration
	// RetryAfter is how long a refresh that failed, or answered with the keys already held,
	// keeps the next one from starting while the current keys are still usable. 0 means 30 s.
	RetryAfter time.Duration
	// RefreshTimeout bounds one refresh, which runs apart from the caller that started it (others
	// may be waiting for it). 0 means 1 minute.
	RefreshTimeout time.Duration
	// Now is the clock expiry is judged by; nil means time.Now.
	Now func() time.Time
	// OnRefresh, when set, is called after every refresh has been taken into account, with the
	// keys the provider handed out or its error: for logs and metrics, since a refresh that
	// fails while the current keys are valid fails no call and is otherwise silent. It runs on
	// the refresh's goroutine and should return quickly. A Value prints without its secrets.
	OnRefresh func(v Value, err error)
}

func (o CacheOptions) withDefaults() CacheOptions {
	if o.RefreshBefore <= 0 {
		o.RefreshBefore = 15 * time.Minute
	}
	if o.MinValidity <= 0 {
		o.MinValidity = time.Minute
	}
	if o.RetryAfter <= 0 {
		o.RetryAfter = 30 * time.Second
	}
	if o.RefreshTimeout <= 0 {
		o.RefreshTimeout = time.Minute
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	return o
}

// Cache keeps the keys of a Provider and renews them before they expire, safely under any
// number of concurrent callers:
//
//   - one refresh at a time: callers that need keys while one is in flight wait for it;
//   - from RefreshBefore before expiry, one caller starts a refresh in the background and every
//     caller, that one included, keeps signing with the current keys until new ones arrive;
//   - keys that expire within MinValidity are never handed out;
//   - a refresh that fails, or answers with the keys already held, keeps the current keys and is
//     not tried again for RetryAfter, as long as they are usable; only when none are left does a
//     caller get the provider's error (a *RefreshError);
//   - Invalidate drops keys the service refused, so that the next Retrieve fetches new ones.
//
// Keys without an expiry are fetched once and kept. A Cache is safe for concurrent use.
type Cache struct {
	provider Provider
	opts     CacheOptions

	mu       sync.Mutex
	cur      Value
	has      bool
	inflight *refresh
	retryAt  time.Time // no refresh of usable keys before this
	refreshs int
}

// refresh is one call of the provider that callers may wait for.
type refresh struct {
	done chan struct{} // closed when v and err are set
	v    Value
	err  error
}

// NewCache returns a Cache of p's keys. A p that is already a *Cache is returned as is.
func NewCache(p Provider, opts CacheOptions) *Cache {
	if c, ok := p.(*Cache); ok {
		return c
	}
	return &Cache{provider: p, opts: opts.withDefaults()}
}

// Retrieve returns keys that stay valid for at least MinValidity, refreshing them as the type's
// doc says. ctx bounds only this caller's wait.
func (c *Cache) Retrieve(ctx context.Context) (Value, error) {
	now := c.opts.Now()
	c.mu.Lock()
	if c.has && c.usable(c.cur, now) {
		if c.due(c.cur, now) && c.inflight == nil && !now.Before(c.retryAt) {
			c.start()
		}
		v := c.cur
		c.mu.Unlock()
		return v, nil
	}
	r := c.inflight
	if r == nil {
		r = c.start()
	}
	c.mu.Unlock()

	select {
	case <-r.done:
		return r.v, r.err
	case <-ctx.Done():
		return Value{}, ctx.Err()
	}
}

// Current returns the keys held now, without refreshing, and whether there are any.
func (c *Cache) Current() (Value, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.cur, c.has
}

// Refreshes is how many times the cache has called its provider.
func (c *Cache) Refreshes() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.refreshs
}

// Invalidate drops the cached keys if they are still v's (the same access key), because the
// service refused them; it reports whether it did. The next Retrieve fetches new keys at once.
// Keys without an expiry are never dropped: no source would hand out others.
func (c *Cache) Invalidate(v Value) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.has || !c.cur.CanExpire() || c.cur.AccessKey != v.AccessKey {
		return false
	}
	c.cur, c.has = Value{}, false
	c.retryAt = time.Time{}
	return true
}

// usable: the keys may still sign a request.
func (c *Cache) usable(v Value, now time.Time) bool {
	return !v.CanExpire() || v.Expires.Sub(now) > c.opts.MinValidity
}

// due: the keys are in the refresh window.
func (c *Cache) due(v Value, now time.Time) bool {
	return v.CanExpire() && v.Expires.Sub(now) <= c.opts.RefreshBefore
}

// start begins a refresh; c.mu is held.
func (c *Cache) start() *refresh {
	r := &refresh{done: make(chan struct{})}
	c.inflight = r
	c.refreshs++
	go c.run(r)
	return r
}

// run calls the provider and publishes the outcome to the cache and to every waiter.
func (c *Cache) run(r *refresh) {
	ctx, cancel := context.WithTimeout(context.Background(), c.opts.RefreshTimeout)
	defer cancel()
	v, err := c.provider.Retrieve(ctx)
	now := c.opts.Now()
	if err == nil && !c.usable(v, now) {
		err = fmt.Errorf("%s handed out keys that expire at %s, within %s", nameOf(v), v.Expires.UTC().Format(time.RFC3339), c.opts.MinValidity)
	}

	c.mu.Lock()
	c.inflight = nil
	switch {
	case err != nil:
		c.retryAt = now.Add(c.opts.RetryAfter)
		if c.has && c.usable(c.cur, now) {
			r.v = c.cur // a waiter that came while these were still fine gets them
		} else {
			r.err = &RefreshError{Expired: c.cur.Expires, RetryAt: c.retryAt, Err: err}
		}
	case c.has && c.cur.SameKeys(v):
		// Nothing new: the service renews later. Keep asking, but not on every call.
		c.cur = v
		c.retryAt = now.Add(c.opts.RetryAfter)
		r.v = v
	default:
		c.cur, c.has = v, true
		c.retryAt = time.Time{}
		r.v = v
	}
	c.mu.Unlock()
	close(r.done)
	if c.opts.OnRefresh != nil {
		c.opts.OnRefresh(v, err)
	}
}

// nameOf names the source of v for a message.
func nameOf(v Value) string {
	if v.Source != "" {
		return v.Source
	}
	return "the provider"
}
