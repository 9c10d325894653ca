package jsondec

// boolean reads the true or false at pos; c is its first byte.
func (d *Decoder) boolean(c byte) (bool, error) {
	if c == 't' {
		return true, d.literal("true")
	}
	return false, d.literal("false")
}

// Bool decodes the next value into *p: true or false; null leaves *p unchanged.
func (d *Decoder) Bool(p *bool) error {
	switch c := d.next(); c {
	case 't', 'f':
		b, err := d.boolean(c)
		if err != nil {
			return err
		}
		*p = b
		return nil
	case 'n':
		return d.literal("null")
	}
	return d.mismatch("bool")
}

// BoolPtr decodes the next value into *p: null sets nil, true or false is stored in *p's
// pointee, allocated if *p is nil.
func (d *Decoder) BoolPtr(p **bool) error {
	switch c := d.next(); c {
	case 't', 'f':
		b, err := d.boolean(c)
		if err != nil {
			return err
		}
		*target(p, &d.bools) = b
		return nil
	case 'n':
		if err := d.literal("null"); err != nil {
			return err
		}
		*p = nil
		return nil
	}
	return d.mismatch("bool")
}
