package wrapper

import (
	"os"
	"testing"

	"github.com/dli-openapi/enhanced-connections/internal/testenv"
)

// TestMain runs the tests, or, when the environment asks for it, one measured call in a process
// of its own (see TestAnswersAreBounded), or one call under the environment's proxy and roots
// (see TestOwnTransportHonoursTheEnvironment).
func TestMain(m *testing.M) {
	if url := os.Getenv(boundedChildURL); url != "" {
		os.Exit(boundedChild(url, os.Getenv(boundedChildLimit)))
	}
	if mode := os.Getenv(transportChildMode); mode != "" {
		os.Exit(transportChild(mode, os.Getenv(transportChildEndpoint)))
	}
	os.Exit(runIsolated(m))
}

// runIsolated runs the tests in an environment without the machine's credentials, files or
// metadata service (internal/testenv).
func runIsolated(m *testing.M) int {
	cleanup, err := testenv.Isolate()
	if err != nil {
		panic(err)
	}
	defer cleanup()
	return m.Run()
}
