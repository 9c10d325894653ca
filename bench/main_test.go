package bench

import (
	"fmt"
	"os"
	"testing"

	"github.com/dli-openapi/enhanced-connections/bench/internal/fixture"
)

// TestMain makes the TLS benchmarks' certificate a system root of this process before anything
// loads the system roots, so that every client trusts the TLS servers with its default
// settings, as a program trusts DLI.
func TestMain(m *testing.M) {
	certFile, err := fixture.TrustTestCertificate()
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	code := m.Run()
	_ = os.Remove(certFile)
	os.Exit(code)
}
