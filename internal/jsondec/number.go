package jsondec

import "strconv"

// scanNumber checks the number literal at pos with the grammar of encoding/json's scanner
// (an optional '-', no leading zeros, digits after a '.', an optional exponent sign) and
// returns the index just past it, and whether it has neither fraction nor exponent. What
// follows the number is the caller's to check.
func (d *Decoder) scanNumber() (end int, integer bool, err error) {
	data := d.data
	i := d.pos
	if i < len(data) && data[i] == '-' {
		i++
	}
	switch {
	case i < len(data) && data[i] == '0':
		i++
	case i < len(data) && '1' <= data[i] && data[i] <= '9':
		i++
		for i < len(data) && isDigit(data[i]) {
			i++
		}
	default:
		return 0, false, d.errAt(i, "in numeric literal")
	}
	integer = true
	if i < len(data) && data[i] == '.' {
		integer = false
		i++
		if i >= len(data) || !isDigit(data[i]) {
			return 0, false, d.errAt(i, "after decimal point in numeric literal")
		}
		for i < len(data) && isDigit(data[i]) {
			i++
		}
	}
	if i < len(data) && (data[i] == 'e' || data[i] == 'E') {
		integer = false
		i++
		if i < len(data) && (data[i] == '+' || data[i] == '-') {
			i++
		}
		if i >= len(data) || !isDigit(data[i]) {
			return 0, false, d.errAt(i, "in exponent of numeric literal")
		}
		for i < len(data) && isDigit(data[i]) {
			i++
		}
	}
	return i, integer, nil
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// parseInt is strconv.ParseInt(string(b), 10, 64) for a literal that scanNumber found to be an
// integer, without the string: ok is false when it is beyond int64.
func parseInt(b []byte) (n int64, ok bool) {
	neg := b[0] == '-'
	if neg {
		b = b[1:]
	}
	// 19 digits cannot overflow a uint64; the literal has no leading zeros, so 20 or more
	// digits are at least 10^19, beyond int64 either way.
	if len(b) > 19 {
		return 0, false
	}
	var u uint64
	for _, c := range b {
		u = u*10 + uint64(c-'0')
	}
	if neg {
		if u > 1<<63 {
			return 0, false
		}
		return -int64(u), true
	}
	if u > 1<<63-1 {
		return 0, false
	}
	return int64(u), true
}

// integer reads the number at pos into an int64 that must fit in a T, as encoding/json does
// (ParseInt, then its OverflowInt check): a fraction or an exponent is a type error even when
// the value is whole, and "-0" is 0.
func integer[T int | int32 | int64](d *Decoder, want string) (T, error) {
	start := d.pos
	end, isInt, err := d.scanNumber()
	if err != nil {
		return 0, err
	}
	if !isInt {
		return 0, &TypeError{Offset: int64(start), Want: want, Got: "number with a fraction or an exponent"}
	}
	n, ok := parseInt(d.data[start:end])
	if !ok || int64(T(n)) != n {
		return 0, &TypeError{Offset: int64(start), Want: want, Got: "number out of range"}
	}
	d.pos = end
	return T(n), nil
}

// float reads the number at pos with strconv.ParseFloat at the given size, as encoding/json
// does: a number beyond the size's range is a type error.
func (d *Decoder) float(bits int, want string) (float64, error) {
	start := d.pos
	end, _, err := d.scanNumber()
	if err != nil {
		return 0, err
	}
	// The conversion does not allocate for literals of up to 32 bytes: ParseFloat keeps no
	// reference to its argument.
	f, err := strconv.ParseFloat(string(d.data[start:end]), bits)
	if err != nil {
		return 0, &TypeError{Offset: int64(start), Want: want, Got: "number out of range"}
	}
	d.pos = end
	return f, nil
}

// isNumberStart reports whether c can start a number (or be the only byte of a bad one).
func isNumberStart(c byte) bool { return c == '-' || isDigit(c) }

// intValue decodes the next value into *p: null leaves it unchanged.
func intValue[T int | int32 | int64](d *Decoder, p *T, want string) error {
	switch c := d.next(); {
	case isNumberStart(c):
		n, err := integer[T](d, want)
		if err != nil {
			return err
		}
		*p = n
		return nil
	case c == 'n':
		return d.literal("null")
	}
	return d.mismatch(want)
}

// intPtr decodes the next value into **p: null sets *p to nil, a number is stored in the
// pointee of *p, allocated when *p is nil.
func intPtr[T int | int32 | int64](d *Decoder, p **T, s *slab[T], want string) error {
	switch c := d.next(); {
	case isNumberStart(c):
		n, err := integer[T](d, want)
		if err != nil {
			return err
		}
		*target(p, s) = n
		return nil
	case c == 'n':
		if err := d.literal("null"); err != nil {
			return err
		}
		*p = nil
		return nil
	}
	return d.mismatch(want)
}

// Int64 decodes the next value into *p: an integer literal within int64; null leaves *p
// unchanged.
func (d *Decoder) Int64(p *int64) error { return intValue(d, p, "int64") }

// Int32 decodes the next value into *p: an integer literal within int32; null leaves *p
// unchanged.
func (d *Decoder) Int32(p *int32) error { return intValue(d, p, "int32") }

// Int decodes the next value into *p: an integer literal within int; null leaves *p
// unchanged.
func (d *Decoder) Int(p *int) error { return intValue(d, p, "int") }

// Int64Ptr decodes the next value into *p: null sets nil, an integer is stored in *p's
// pointee, allocated if *p is nil.
func (d *Decoder) Int64Ptr(p **int64) error { return intPtr(d, p, &d.i64s, "int64") }

// Int32Ptr decodes the next value into *p: null sets nil, an integer is stored in *p's
// pointee, allocated if *p is nil.
func (d *Decoder) Int32Ptr(p **int32) error { return intPtr(d, p, &d.i32s, "int32") }

// IntPtr decodes the next value into *p: null sets nil, an integer is stored in *p's pointee,
// allocated if *p is nil.
func (d *Decoder) IntPtr(p **int) error { return intPtr(d, p, &d.ints, "int") }

// Float64 decodes the next value into *p: any number within float64's range; null leaves *p
// unchanged.
func (d *Decoder) Float64(p *float64) error {
	switch c := d.next(); {
	case isNumberStart(c):
		f, err := d.float(64, "float64")
		if err != nil {
			return err
		}
		*p = f
		return nil
	case c == 'n':
		return d.literal("null")
	}
	return d.mismatch("float64")
}

// Float64Ptr decodes the next value into *p: null sets nil, a number is stored in *p's
// pointee, allocated if *p is nil.
func (d *Decoder) Float64Ptr(p **float64) error {
	switch c := d.next(); {
	case isNumberStart(c):
		f, err := d.float(64, "float64")
		if err != nil {
			return err
		}
		*target(p, &d.f64s) = f
		return nil
	case c == 'n':
		if err := d.literal("null"); err != nil {
			return err
		}
		*p = nil
		return nil
	}
	return d.mismatch("float64")
}

// Float32 decodes the next value into *p: any number within float32's range, rounded as
// strconv.ParseFloat(s, 32) rounds it; null leaves *p unchanged.
func (d *Decoder) Float32(p *float32) error {
	switch c := d.next(); {
	case isNumberStart(c):
		f, err := d.float(32, "float32")
		if err != nil {
			return err
		}
		*p = float32(f)
		return nil
	case c == 'n':
		return d.literal("null")
	}
	return d.mismatch("float32")
}

// Float32Ptr decodes the next value into *p: null sets nil, a number is stored in *p's
// pointee, allocated if *p is nil.
func (d *Decoder) Float32Ptr(p **float32) error {
	switch c := d.next(); {
	case isNumberStart(c):
		f, err := d.float(32, "float32")
		if err != nil {
			return err
		}
		*target(p, &d.f32s) = float32(f)
		return nil
	case c == 'n':
		if err := d.literal("null"); err != nil {
			return err
		}
		*p = nil
		return nil
	}
	return d.mismatch("float32")
}
