package jsondec

// Skip consumes the next value, of any kind and nesting, checking its syntax as encoding/json
// does (depth included). Generated code calls it for the value of an unknown key.
func (d *Decoder) Skip() error {
	base := len(d.stack)
	for {
		// A value starts at pos.
		switch c := d.next(); c {
		case '{':
			if err := d.open(); err != nil {
				return err
			}
			if d.next() == '}' {
				d.pos++
				d.depth--
				break
			}
			d.stack = append(d.stack, '{')
			if err := d.skipKey("looking for beginning of object key string"); err != nil {
				return err
			}
			continue
		case '[':
			if err := d.open(); err != nil {
				return err
			}
			if d.next() == ']' {
				d.pos++
				d.depth--
				break
			}
			d.stack = append(d.stack, '[')
			continue
		case '"':
			if err := d.skipString(); err != nil {
				return err
			}
		case 't':
			if err := d.literal("true"); err != nil {
				return err
			}
		case 'f':
			if err := d.literal("false"); err != nil {
				return err
			}
		case 'n':
			if err := d.literal("null"); err != nil {
				return err
			}
		default:
			if c != '-' && (c < '0' || c > '9') {
				return d.errAt(d.pos, "looking for beginning of value")
			}
			end, _, err := d.scanNumber()
			if err != nil {
				return err
			}
			d.pos = end
		}
		// A value ended: close the containers it ended, until one continues or none of ours is
		// left open.
		for {
			top := len(d.stack) - 1
			if top < base {
				return nil
			}
			c := d.next()
			if c == ',' {
				d.pos++
				if d.stack[top] == '{' {
					if err := d.skipKey("looking for beginning of object key string"); err != nil {
						return err
					}
				}
				break
			}
			if d.stack[top] == '{' {
				if c != '}' {
					return d.errAt(d.pos, "after object key:value pair")
				}
			} else if c != ']' {
				return d.errAt(d.pos, "after array element")
			}
			d.pos++
			d.depth--
			d.stack = d.stack[:top]
		}
	}
}

// skipKey consumes a member's key and the ':' after it.
func (d *Decoder) skipKey(msg string) error {
	if d.next() != '"' {
		return d.errAt(d.pos, msg)
	}
	if err := d.skipString(); err != nil {
		return err
	}
	if d.next() != ':' {
		return d.errAt(d.pos, "after object key")
	}
	d.pos++
	return nil
}

// skipString consumes the string at pos, checking only its syntax: invalid UTF-8 is no syntax
// error for encoding/json.
func (d *Decoder) skipString() error {
	data := d.data
	i := d.pos + 1
	for {
		for i < len(data) && skipByte[data[i]] {
			i++
		}
		if i >= len(data) {
			return d.errAt(i, "")
		}
		switch c := data[i]; {
		case c == '"':
			d.pos = i + 1
			return nil
		case c == '\\':
			n, err := d.escapeLen(i)
			if err != nil {
				return err
			}
			i += n
		default:
			return d.errAt(i, "in string literal")
		}
	}
}

// escapeLen checks the escape sequence at data[i] ('\\') and returns its length.
func (d *Decoder) escapeLen(i int) (int, error) {
	data := d.data
	if i+1 >= len(data) {
		return 0, d.errAt(i+1, "")
	}
	switch data[i+1] {
	case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
		return 2, nil
	case 'u':
		for j := i + 2; j < i+6; j++ {
			if j >= len(data) || hexVal(data[j]) < 0 {
				return 0, d.errAt(j, "in \\u hexadecimal character escape")
			}
		}
		return 6, nil
	}
	return 0, d.errAt(i+1, "in string escape code")
}

// plainByte is true for the bytes a string holds as they are and that need no check: ASCII
// except '"', '\\' and control characters. Bytes from 0x80 on are UTF-8, checked apart.
var plainByte = func() (t [256]bool) {
	for c := 0x20; c < 0x80; c++ {
		t[c] = c != '"' && c != '\\'
	}
	return t
}()

// skipByte is true for the bytes Skip passes over inside a string: all but '"', '\\' and
// control characters.
var skipByte = func() (t [256]bool) {
	for c := 0x20; c < 0x100; c++ {
		t[c] = c != '"' && c != '\\'
	}
	return t
}()

// hexVal is the value of a hexadecimal digit in either case, or -1.
func hexVal(c byte) rune {
	switch {
	case '0' <= c && c <= '9':
		return rune(c - '0')
	case 'a' <= c && c <= 'f':
		return rune(c - 'a' + 10)
	case 'A' <= c && c <= 'F':
		return rune(c - 'A' + 10)
	}
	return -1
}
