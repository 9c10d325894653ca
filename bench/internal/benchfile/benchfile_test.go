package benchfile

import (
	"runtime"
	"strings"
	"testing"
)

func TestWriteHead(t *testing.T) {
	tests := []struct {
		name, header, pkg, want string
	}{
		{"nothing", "", "", ""},
		{"comments only, blank lines dropped", "machine: 2 vCPU\n\nload 0.5\n", "", "# machine: 2 vCPU\n# load 0.5\n"},
		{"configuration after the comments", "run 1", "example.com/p",
			"# run 1\ngoos: " + runtime.GOOS + "\ngoarch: " + runtime.GOARCH + "\npkg: example.com/p\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b strings.Builder
			WriteHead(&b, tt.header, tt.pkg)
			if b.String() != tt.want {
				t.Errorf("WriteHead(%q, %q) wrote %q, want %q", tt.header, tt.pkg, b.String(), tt.want)
			}
		})
	}
}
