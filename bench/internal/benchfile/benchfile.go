// Package benchfile writes the head of a results file in the Go benchmark format, the one
// benchstat and cmd/ratios read, for the commands of this module that time processes or rounds
// themselves instead of leaving it to go test.
package benchfile

import (
	"fmt"
	"io"
	"runtime"
	"strings"
)

// WriteHead writes header's non-empty lines as comments ("# ..."), then, when pkg is not empty,
// the goos, goarch and pkg configuration lines that benchstat groups results by.
func WriteHead(w io.Writer, header, pkg string) {
	for _, l := range strings.Split(strings.TrimRight(header, "\n"), "\n") {
		if l != "" {
			fmt.Fprintln(w, "# "+l)
		}
	}
	if pkg != "" {
		fmt.Fprintf(w, "goos: %s\ngoarch: %s\npkg: %s\n", runtime.GOOS, runtime.GOARCH, pkg)
	}
}
