package fake

import (
	"container/list"
	"context"
	"sync"
)

// bodyBudget is a weighted semaphore over request body bytes: the body stage holds a body's
// size from before its first byte is read until the operation has answered, so that the bodies
// in memory (and the generic JSON values the validator decodes them into) stay bounded however
// many clients send at once. Waiters are served in arrival order, so a large body is not
// starved by a stream of small ones.
type bodyBudget struct {
	size int64

	mu      sync.Mutex
	used    int64
	peak    int64     // the most ever held at once, for tests of the bound
	waiters list.List // of *budgetWaiter, oldest first
}

// budgetWaiter is a request waiting for room; ready is closed once its bytes are held for it.
type budgetWaiter struct {
	n     int64
	ready chan struct{}
}

func newBodyBudget(size int64) *bodyBudget { return &bodyBudget{size: size} }

// acquire holds n bytes (at most the whole budget, so that any body can be admitted alone),
// waiting until they fit or ctx ends. It returns what it holds, which release must get back.
func (b *bodyBudget) acquire(ctx context.Context, n int64) (int64, error) {
	n = min(n, b.size)
	b.mu.Lock()
	if b.waiters.Len() == 0 && b.used+n <= b.size {
		b.holdLocked(n)
		b.mu.Unlock()
		return n, nil
	}
	w := &budgetWaiter{n: n, ready: make(chan struct{})}
	elem := b.waiters.PushBack(w)
	b.mu.Unlock()

	select {
	case <-w.ready:
		return n, nil
	case <-ctx.Done():
	}
	b.mu.Lock()
	select {
	case <-w.ready:
		// Granted while ctx ended: give it back, the caller is not going to use it.
		b.used -= n
	default:
		b.waiters.Remove(elem)
	}
	// Either way the head of the queue may fit now.
	b.grantLocked()
	b.mu.Unlock()
	return 0, ctx.Err()
}

// release gives back what acquire returned.
func (b *bodyBudget) release(n int64) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.used -= n
	b.grantLocked()
}

// grantLocked admits waiters from the head of the queue while they fit; the first that does not
// fit stops the others, which keeps the order fair.
func (b *bodyBudget) grantLocked() {
	for e := b.waiters.Front(); e != nil; e = b.waiters.Front() {
		w := e.Value.(*budgetWaiter)
		if b.used+w.n > b.size {
			return
		}
		b.holdLocked(w.n)
		b.waiters.Remove(e)
		close(w.ready)
	}
}

func (b *bodyBudget) holdLocked(n int64) {
	b.used += n
	b.peak = max(b.peak, b.used)
}

// stats reports what is held now, the most ever held, and how many requests wait.
func (b *bodyBudget) stats() (used, peak int64, waiting int) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.used, b.peak, b.waiters.Len()
}
