package jsondec

import (
	"unicode"
	"unicode/utf8"
)

// AppendFold appends to dst the folded form of name that encoding/json matches keys by
// (its fold.go): ASCII letters upper-cased, every other rune replaced by the smallest rune of
// its unicode.SimpleFold orbit (so 'ſ' folds as 's' and 'S' do, the Kelvin sign as 'k'), and
// invalid UTF-8 as U+FFFD. Two names fold equal exactly when bytes.EqualFold says they are
// equal. Generated code matches a key against its fields' exact names first and then its
// folded form against their folded names, computed at generation time with Fold; when two
// fields fold equal, the first in field order wins, as in encoding/json. A stack buffer for
// dst keeps it from allocating: AppendFold(buf[:0], key) with var buf [64]byte.
func AppendFold(dst, name []byte) []byte {
	for i := 0; i < len(name); {
		if c := name[i]; c < utf8.RuneSelf {
			if 'a' <= c && c <= 'z' {
				c -= 'a' - 'A'
			}
			dst = append(dst, c)
			i++
			continue
		}
		r, n := utf8.DecodeRune(name[i:])
		dst = utf8.AppendRune(dst, foldRune(r))
		i += n
	}
	return dst
}

// Fold returns AppendFold of name as a string, for generators precomputing folded names.
func Fold(name string) string {
	return string(AppendFold(nil, []byte(name)))
}

// foldRune returns the smallest rune of r's fold orbit.
func foldRune(r rune) rune {
	for {
		r2 := unicode.SimpleFold(r)
		if r2 <= r {
			return r2
		}
		r = r2
	}
}
