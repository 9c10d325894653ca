package wrapper

import (
	"os"
	"testing"
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
	os.Exit(m.Run())
}
