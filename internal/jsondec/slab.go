package jsondec

// A slab hands out the targets of pointer fields from arrays allocated a few at a time, so
// that a list of 1,000 connections costs tens of allocations for its *string, *int64 and
// *bool fields instead of thousands. Each pointer gets an element of its own, as with new(T);
// what changes is only that an element kept alive keeps its array (at most maxSlab elements)
// alive too.
type slab[T any] struct {
	free []T
	size int
}

const (
	minSlab = 4
	maxSlab = 128
)

// get returns a pointer to a zero T that nothing else points to.
func (s *slab[T]) get() *T {
	if len(s.free) == 0 {
		// Small answers take small arrays; long lists grow them up to maxSlab.
		s.size = min(max(2*s.size, minSlab), maxSlab)
		s.free = make([]T, s.size)
	}
	p := &s.free[0]
	s.free = s.free[1:]
	return p
}

// target returns *p, first pointing it at a new element of s if it is nil: Alloc from a slab.
func target[T any](p **T, s *slab[T]) *T {
	if *p == nil {
		*p = s.get()
	}
	return *p
}
