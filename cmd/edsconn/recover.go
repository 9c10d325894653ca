package main

import (
	"errors"
	"fmt"

	"github.com/dli-openapi/enhanced-connections/gen"
	"github.com/dli-openapi/enhanced-connections/wrapper"
)

// recoveredHelp is the retry line of the help of a create.
const recoveredHelp = "When its answer is lost (a broken connection, a 5xx, --timeout after it was sent), the " +
	"connection is looked up by name: exactly one with the same VPC and subnet, made since the command began, " +
	"is printed as the answer (exit 0, and a note on stderr); when there is none the create is sent again if " +
	"the failure allows it, else the command says that nothing was created (exit 1); anything else is never " +
	"taken as this command's connection and is named (exit 1)."

// settleCreate is what a create adds to the usual handling of an answer: a create whose answer
// was lost and that the client found again says so on stderr, while its answer (the connection
// id) is printed as usual and the command exits 0; one whose outcome the client's lookup
// established (nothing was created, or another connection has the name) exits 1 with the
// lookup's verdict, whatever ended its attempts, even a --timeout. An outcome the lookup could
// not tell keeps the exit code of what ended it (4 for a timeout, 130 for Ctrl-C).
func (e *env) settleCreate(out any, err error) error {
	if resp, ok := out.(*gen.CreateEnhancedConnectionResponse); ok && err == nil && wrapper.IsRecovered(resp) {
		fmt.Fprintf(e.stderr, "edsconn: connection %s: %s\n", resp.ConnectionID, resp.Message)
	}
	var outcome *wrapper.CreateOutcomeError
	if errors.As(err, &outcome) && outcome.Outcome != wrapper.CreateUnknown {
		return settledError{msg: err.Error()}
	}
	return err
}

// settledError is the error of a create whose outcome is known: it wraps nothing, so that exit
// code 1 is not taken for a timeout or an interruption.
type settledError struct{ msg string }

func (s settledError) Error() string { return s.msg }
