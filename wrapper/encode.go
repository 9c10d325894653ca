package wrapper

import (
	"unicode/utf8"

	"github.com/dli-openapi/enhanced-connections/gen"
)

// The two bodies that can carry 20,000 hosts (create, and the hosts PUT) are written by hand
// rather than by json.Marshal: its reflection walk cost more than validating the same body and
// was the largest part of a big create after the SHA-256 the signature needs. The appenders
// write exactly the bytes json.Marshal writes for the same value (same field order, same
// omissions, same escaping: HTML-safe, U+2028/U+2029, invalid UTF-8 as U+FFFD), so the body
// that is signed and sent, and the JSON the validator judged (it judges the value as
// encoding/json would send it), do not depend on which encoder ran. The differential test and
// FuzzAppendCreateBody (encode_test.go) hold them to that; a field added to the generated types
// makes the test fail until it is written here too.
//
// The small bodies (queue bindings, routes) keep the generated client's json.Marshal: they are
// a few dozen bytes, and a second encoder for them would be code without a measurable gain.

// appendCreateBody appends the JSON of r, byte for byte what json.Marshal(r) returns.
func appendCreateBody(b []byte, r *gen.CreateEnhancedConnectionRequest) []byte {
	b = append(b, `{"dest_network_id":`...)
	b = appendJSONString(b, r.DestNetworkID)
	b = append(b, `,"dest_vpc_id":`...)
	b = appendJSONString(b, r.DestVpcID)
	if len(r.ElasticResourcePools) > 0 {
		b = append(b, `,"elastic_resource_pools":`...)
		b = appendJSONStrings(b, r.ElasticResourcePools)
	}
	if len(r.Hosts) > 0 {
		b = append(b, `,"hosts":`...)
		b = appendHosts(b, r.Hosts)
	}
	b = append(b, `,"name":`...)
	b = appendJSONString(b, r.Name)
	if len(r.Queues) > 0 {
		b = append(b, `,"queues":`...)
		b = appendJSONStrings(b, r.Queues)
	}
	if r.RoutetableID != nil {
		b = append(b, `,"routetable_id":`...)
		b = appendJSONString(b, *r.RoutetableID)
	}
	if len(r.Tags) > 0 {
		b = append(b, `,"tags":[`...)
		for i := range r.Tags {
			if i > 0 {
				b = append(b, ',')
			}
			b = append(b, `{"key":`...)
			b = appendJSONString(b, r.Tags[i].Key)
			b = append(b, `,"value":`...)
			b = appendJSONString(b, r.Tags[i].Value)
			b = append(b, '}')
		}
		b = append(b, ']')
	}
	return append(b, '}')
}

// appendUpdateBody appends the JSON of r, byte for byte what json.Marshal(r) returns: hosts has
// no omitempty, so a nil list is null (UpdateEnhancedConnection sends [] instead).
func appendUpdateBody(b []byte, r *gen.UpdateEnhancedConnectionRequest) []byte {
	b = append(b, `{"hosts":`...)
	if r.Hosts == nil {
		b = append(b, "null"...)
	} else {
		b = appendHosts(b, r.Hosts)
	}
	return append(b, '}')
}

// appendHosts appends a non-nil host list; both of a host's fields are omitted when nil.
func appendHosts(b []byte, hosts []gen.Host) []byte {
	b = append(b, '[')
	for i := range hosts {
		if i > 0 {
			b = append(b, ',')
		}
		h := &hosts[i]
		switch {
		case h.IP != nil && h.Name != nil:
			b = append(b, `{"ip":`...)
			b = appendJSONString(b, *h.IP)
			b = append(b, `,"name":`...)
			b = appendJSONString(b, *h.Name)
		case h.IP != nil:
			b = append(b, `{"ip":`...)
			b = appendJSONString(b, *h.IP)
		case h.Name != nil:
			b = append(b, `{"name":`...)
			b = appendJSONString(b, *h.Name)
		default:
			b = append(b, '{')
		}
		b = append(b, '}')
	}
	return append(b, ']')
}

// appendJSONStrings appends a non-nil list of strings.
func appendJSONStrings(b []byte, ss []string) []byte {
	b = append(b, '[')
	for i, s := range ss {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendJSONString(b, s)
	}
	return append(b, ']')
}

// appendJSONString appends s quoted as encoding/json quotes a string with HTML escaping on
// (json.Marshal's default): `"` and `\` escaped, \b \f \n \r \t by name, other control bytes and
// <, >, & as \u00XX, U+2028 and U+2029 as \u2028 and \u2029, each byte of invalid UTF-8 as
// \ufffd, everything else as is. It is a copy of encoding/json's appendString, kept in step with
// it by the differential tests; the common case (a name or an address in plain ASCII) is one
// scan and one copy.
func appendJSONString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			if jsonSafe[c] {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '\\', '"':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				// Other control bytes, and <, > and & (HTML escaping).
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			// Valid JSON, but line terminators in JavaScript: encoding/json escapes them.
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hex[r&0xF])
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

// jsonSafe lists the ASCII bytes encoding/json copies unescaped with HTML escaping on: printable
// ASCII and DEL, except `"`, `\`, <, > and &.
var jsonSafe = func() (t [utf8.RuneSelf]bool) {
	for c := 0x20; c < utf8.RuneSelf; c++ {
		t[c] = true
	}
	for _, c := range `"\<>&` {
		t[c] = false
	}
	return t
}()
