package wrapper

import (
	"os"
	"testing"
)

// TestMain runs the tests, or, when the environment asks for it, one measured call in a process
// of its own (see TestAnswersAreBounded).
func TestMain(m *testing.M) {
	if url := os.Getenv(boundedChildURL); url != "" {
		os.Exit(boundedChild(url, os.Getenv(boundedChildLimit)))
	}
	os.Exit(m.Run())
}
