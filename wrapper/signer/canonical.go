package signer

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
)

// headerEntry is one signed header: name as spelled in the request (it is
// lower-cased when written) and its values (never modified in place).
type headerEntry struct {
	name   string
	values []string
}

// collectSignedHeaders picks the headers the vendor SDK would sign, sorted
// by lower-cased name, with spellings that differ only in case merged.
func collectSignedHeaders(dst []headerEntry, h http.Header) ([]headerEntry, error) {
	for k, v := range h {
		if len(v) == 0 || excludedFromSigning(k) {
			// A key without values is not sent by net/http, so signing it
			// would make the gateway look for a header that never arrives.
			continue
		}
		if !validHeaderName(k) {
			return dst, errors.New("signer: invalid header field name " + strconv.Quote(k))
		}
		dst = append(dst, headerEntry{name: k, values: v})
	}
	slices.SortFunc(dst, func(a, b headerEntry) int { return compareLower(a.name, b.name) })
	out := dst[:0]
	for _, e := range dst {
		if n := len(out); n > 0 && strings.EqualFold(out[n-1].name, e.name) {
			merged := make([]string, 0, len(out[n-1].values)+len(e.values))
			merged = append(append(merged, out[n-1].values...), e.values...)
			out[n-1].values = merged
			continue
		}
		out = append(out, e)
	}
	return out, nil
}

// excludedFromSigning mirrors extractSignedHeaders in the vendor SDK, plus
// Authorization so that signing a signed request again works.
func excludedFromSigning(name string) bool {
	const ct = "content-type"
	if len(name) >= len(ct) && strings.EqualFold(name[:len(ct)], ct) {
		return true
	}
	return strings.IndexByte(name, '_') >= 0 || strings.EqualFold(name, headerAuthorization)
}

// validHeaderName reports whether name is an RFC 9110 token. Other names
// are rejected by net/http's transport anyway, and would make the
// SignedHeaders list ambiguous (';', ',', '=' and space are not tokens).
func validHeaderName(name string) bool {
	if name == "" {
		return false
	}
	for i := 0; i < len(name); i++ {
		if !isTokenChar(name[i]) {
			return false
		}
	}
	return true
}

func isTokenChar(c byte) bool {
	switch {
	case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
		return true
	}
	return strings.IndexByte("!#$%&'*+-.^_`|~", c) >= 0
}

func lowerASCII(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + ('a' - 'A')
	}
	return c
}

// compareLower orders names as their lower-cased forms would sort,
// without allocating the lower-cased strings.
func compareLower(a, b string) int {
	for i := 0; i < len(a) && i < len(b); i++ {
		ca, cb := lowerASCII(a[i]), lowerASCII(b[i])
		if ca != cb {
			if ca < cb {
				return -1
			}
			return 1
		}
	}
	switch {
	case len(a) < len(b):
		return -1
	case len(a) > len(b):
		return 1
	}
	return 0
}

func appendLower(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		b = append(b, lowerASCII(s[i]))
	}
	return b
}

// queryPair is one unescaped query parameter.
type queryPair struct{ k, v string }

// parseQuery splits a raw query into unescaped pairs sorted by key, then by
// value, which is the vendor's order (keys sorted, values sorted per key).
// It is url.ParseQuery without the map, and without rejecting ';' (the
// gateway sees a ';' as an ordinary character, and so does the escape).
func parseQuery(dst []queryPair, raw string) ([]queryPair, error) {
	for raw != "" {
		var part string
		part, raw, _ = strings.Cut(raw, "&")
		if part == "" {
			continue
		}
		k, v, _ := strings.Cut(part, "=")
		k, err := url.QueryUnescape(k)
		if err != nil {
			return dst, fmt.Errorf("signer: malformed query: %w", err)
		}
		v, err = url.QueryUnescape(v)
		if err != nil {
			return dst, fmt.Errorf("signer: malformed query: %w", err)
		}
		dst = append(dst, queryPair{k: k, v: v})
	}
	slices.SortFunc(dst, func(a, b queryPair) int {
		if c := strings.Compare(a.k, b.k); c != 0 {
			return c
		}
		return strings.Compare(a.v, b.v)
	})
	return dst, nil
}

// appendCanonicalRequest writes everything up to and including the newline
// after the SignedHeaders line; the caller appends the payload hash. It
// returns where the SignedHeaders list lies in the buffer, because the
// Authorization header repeats it.
func appendCanonicalRequest(b []byte, vals *[]string, method, path string, pairs []queryPair, headers []headerEntry) (out []byte, shStart, shEnd int) {
	b = append(b, method...)
	b = append(b, '\n')
	b = appendCanonicalURI(b, path)
	b = append(b, '\n')
	for i, p := range pairs {
		if i > 0 {
			b = append(b, '&')
		}
		b = appendEscaped(b, p.k)
		b = append(b, '=')
		b = appendEscaped(b, p.v)
	}
	b = append(b, '\n')
	for _, e := range headers {
		vs := e.values
		if len(vs) > 1 {
			// Sort a copy: the values belong to the caller's req.Header.
			*vals = append((*vals)[:0], vs...)
			slices.Sort(*vals)
			vs = *vals
		}
		for _, v := range vs {
			b = appendLower(b, e.name)
			b = append(b, ':')
			b = append(b, strings.TrimSpace(v)...)
			b = append(b, '\n')
		}
	}
	b = append(b, '\n')
	shStart = len(b)
	for i, e := range headers {
		if i > 0 {
			b = append(b, ';')
		}
		b = appendLower(b, e.name)
	}
	shEnd = len(b)
	b = append(b, '\n')
	return b, shStart, shEnd
}

// appendCanonicalURI escapes the unescaped path segment by segment and
// makes sure it ends in '/'. Escaping every byte but '/' is the same as the
// vendor's split/escape/join.
func appendCanonicalURI(b []byte, path string) []byte {
	start := len(b)
	for i := 0; i < len(path); i++ {
		if c := path[i]; c == '/' {
			b = append(b, c)
		} else {
			b = appendEscapedByte(b, c)
		}
	}
	if len(b) == start || b[len(b)-1] != '/' {
		b = append(b, '/')
	}
	return b
}

// appendEscaped percent-encodes every byte outside A-Z a-z 0-9 - _ . ~
// with upper-case hex (the vendor's escape), so ' ' is %20, not '+'.
func appendEscaped(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		b = appendEscapedByte(b, s[i])
	}
	return b
}

func appendEscapedByte(b []byte, c byte) []byte {
	const upperHex = "0123456789ABCDEF"
	if 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-' || c == '_' || c == '.' || c == '~' {
		return append(b, c)
	}
	return append(b, '%', upperHex[c>>4], upperHex[c&15])
}

// appendStringToSign hashes the canonical request and writes
// "ALG\nDATE\n[INFO\n]HEX(SHA256(canonical))"; only V11 has the INFO line.
func appendStringToSign(b []byte, algorithm, date, info string, canonical []byte, sc *scratch) []byte {
	h := sc.sha
	h.Reset()
	h.Write(canonical)
	var hx [2 * sha256.Size]byte
	hex.Encode(hx[:], h.Sum(sc.sum[:0]))
	b = append(b, algorithm...)
	b = append(b, '\n')
	b = append(b, date...)
	b = append(b, '\n')
	if info != "" {
		b = append(b, info...)
		b = append(b, '\n')
	}
	return append(b, hx[:]...)
}
