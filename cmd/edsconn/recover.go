package main

import (
	"context"
	"errors"
	"fmt"

	"github.com/dli-openapi/enhanced-connections/gen"
	"github.com/dli-openapi/enhanced-connections/wrapper"
)

// recoveredHelp is the retry line of the help of a create.
const recoveredHelp = "When its answer is lost (a broken connection, a 5xx, --timeout after it was sent), the " +
	"connection is looked up by name: exactly one with the same VPC and subnet, made since the command began, " +
	"is printed as the answer (exit 0, and a note on stderr); when there is none the create is sent again if " +
	"the failure allows it, else the command says that nothing was created, or that the outcome is unknown " +
	"when the request may still be on its way (exit 1); anything else is never taken as this command's " +
	"connection and is named (exit 1)."

// settleCreate is what a create adds to the usual handling of an answer: a create whose answer
// was lost and that the client found again says so on stderr, while its answer (the connection
// id) is printed as usual and the command exits 0; one that the client looked up after it failed
// exits 1 with the lookup's verdict (nothing was created, another connection has the name, or the
// outcome is unknown), whatever ended its attempts, even a --timeout; only Ctrl-C keeps its 130.
func (e *env) settleCreate(out any, err error) error {
	if resp, ok := out.(*gen.CreateEnhancedConnectionResponse); ok && err == nil && wrapper.IsRecovered(resp) {
		fmt.Fprintf(e.stderr, "edsconn: %s\n", resp.Message)
	}
	var outcome *wrapper.CreateOutcomeError
	if errors.As(err, &outcome) && !errors.Is(err, context.Canceled) {
		return settledError{msg: err.Error()}
	}
	return err
}

// settledError is the error of a create that was looked up: it wraps nothing, so that exit code
// 1 is not taken for a timeout.
type settledError struct{ msg string }

func (s settledError) Error() string { return s.msg }
