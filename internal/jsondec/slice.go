package jsondec

// Elem returns element i of *s for decoding the i-th element of an array into, extending *s
// exactly as encoding/json does: elements below the old length are decoded into as they are
// (merging, for structs), the length grows by one past them, exposing what was left in the
// capacity by an earlier, longer array (encoding/json's reflect.Value.SetLen), and only at
// full capacity does the slice grow (by append, which grows the capacity as
// reflect.Value.Grow(1) does). Call it with i = 0, 1, 2, ... in turn.
func Elem[T any](s *[]T, i int) *T {
	if i >= len(*s) {
		if i < cap(*s) {
			*s = (*s)[:i+1]
		} else {
			var zero T
			*s = append(*s, zero)
		}
	}
	return &(*s)[i]
}

// EndSlice finishes a slice after an array of n elements: a longer slice is truncated to n
// (its capacity kept), and an empty array makes a new empty, non-nil slice, as encoding/json
// does.
func EndSlice[T any](s *[]T, n int) {
	if n == 0 {
		*s = []T{}
		return
	}
	if n < len(*s) {
		*s = (*s)[:n]
	}
}

// Alloc returns *p, first pointing it at a new zero T if it is nil: how encoding/json decodes
// into a pointer that the value is not null for (it reuses the pointer it finds).
func Alloc[T any](p **T) *T {
	if *p == nil {
		*p = new(T)
	}
	return *p
}
