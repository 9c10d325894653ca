package schemacheck

// isIPv4 reports whether s is a dotted-quad IPv4 address, accepting exactly what
// netip.ParseAddr accepts as an address for which Is4 is true (the test of kin-openapi's
// NewIPValidator(true)): four decimal fields of 0-255, no leading zeros, nothing else (no
// zone, no prefix length, no IPv4-mapped IPv6 form). It exists because netip.ParseAddr's error
// values allocate, which would cost an allocation for every bad address of a large body.
func isIPv4(s string) bool {
	if len(s) < len("0.0.0.0") || len(s) > len("255.255.255.255") {
		return false
	}
	dots, val, digits := 0, 0, 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '9':
			if digits == 1 && val == 0 {
				return false // leading zero
			}
			val = val*10 + int(c-'0')
			digits++
			if val > 255 {
				return false
			}
		case c == '.':
			if digits == 0 || dots == 3 {
				return false
			}
			dots++
			val, digits = 0, 0
		default:
			return false
		}
	}
	return dots == 3 && digits > 0
}
