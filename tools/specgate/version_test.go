package main

import "testing"

func TestParseVersion(t *testing.T) {
	for _, s := range []string{"0.1.0", "1.0.0", "10.20.30", "0.2.0-rc.1", "1.0.0+build.5", "1.0.0-alpha.beta+x"} {
		if _, err := parseVersion(s); err != nil {
			t.Errorf("%q: %v", s, err)
		}
	}
	for _, s := range []string{"", "1", "1.0", "v1.0.0", "01.0.0", "1.0.0-", "1.0.0-01", "1.0.0.0", " 1.0.0"} {
		if _, err := parseVersion(s); err == nil {
			t.Errorf("%q accepted", s)
		}
	}
}

func TestVersionPolicy(t *testing.T) {
	tests := []struct {
		old, new              string
		cmp                   int
		breakingAllowed       bool
		nextBreak, nextCompat string
	}{
		{"0.1.0", "0.1.0", 0, false, "0.2.0", "0.1.1"},
		{"0.1.0", "0.1.1", 1, false, "0.2.0", "0.1.1"},
		{"0.1.0", "0.2.0", 1, true, "0.2.0", "0.1.1"},
		{"0.1.0", "0.2.0-rc.1", 1, true, "0.2.0", "0.1.1"},
		{"0.1.0", "1.0.0", 1, true, "0.2.0", "0.1.1"},
		{"0.2.0", "0.1.9", -1, false, "0.3.0", "0.2.1"},
		{"0.2.0-rc.1", "0.2.0", 1, false, "0.3.0", "0.2.0"},
		{"1.2.3", "1.9.0", 1, false, "2.0.0", "1.3.0"},
		{"1.2.3", "2.0.0", 1, true, "2.0.0", "1.3.0"},
		{"1.2.3", "1.2.3+meta", 0, false, "2.0.0", "1.3.0"},
	}
	for _, tt := range tests {
		o, n := mustVersion(t, tt.old), mustVersion(t, tt.new)
		if got := n.compare(o); got != tt.cmp {
			t.Errorf("compare(%s, %s) = %d, want %d", tt.new, tt.old, got, tt.cmp)
		}
		if got := n.allowsBreakingFrom(o); got != tt.breakingAllowed {
			t.Errorf("%s -> %s allows breaking: %v, want %v", tt.old, tt.new, got, tt.breakingAllowed)
		}
		if got := nextBreaking(o); got != tt.nextBreak {
			t.Errorf("nextBreaking(%s) = %s, want %s", tt.old, got, tt.nextBreak)
		}
		if got := nextCompatible(o); got != tt.nextCompat {
			t.Errorf("nextCompatible(%s) = %s, want %s", tt.old, got, tt.nextCompat)
		}
	}
}
