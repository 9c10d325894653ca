package wrapper

import (
	"errors"
	"net/http"
	"strconv"
	"strings"

	"github.com/dli-openapi/enhanced-connections/gen"
)

// CreateOutcome is what a failed create left behind, as the lookup after it established.
type CreateOutcome int

const (
	// CreateUnknown: the lookup could not tell (it failed, the caller canceled first, what it
	// found contradicts DLI's answer, or it found nothing yet while the create, which got no
	// answer or a gateway timeout, may still reach DLI): the connection may exist, or appear.
	CreateUnknown CreateOutcome = iota
	// CreateNotDone: nothing of the name exists, so the create did not happen; it was sent
	// again as long as the retry policy allowed.
	CreateNotDone
	// CreateExists: a connection of the name exists that is not provably this call's (DLI
	// refused the create as a duplicate, or the one found differs, or several were, or it is
	// older than the call): it was not adopted. Found lists what the lookup found.
	CreateExists
)

// String names the outcome.
func (o CreateOutcome) String() string {
	switch o {
	case CreateNotDone:
		return "nothing was created"
	case CreateExists:
		return "a connection of that name exists and was not adopted"
	}
	return "the outcome is unknown: the connection may exist"
}

// CreateOutcomeError is the error of a create that failed and was then looked up (see
// WithRecover): its Outcome says whether the connection exists. It wraps the create's own error
// (an *APIError, an *InvalidAnswerError or a transport error), so errors.As and errors.Is see
// that too, and the lookup's error when the lookup failed.
type CreateOutcomeError struct {
	Operation string
	// Name is the name the create asked for.
	Name    string
	Outcome CreateOutcome
	// Reason says what the lookup found, or why it could not tell.
	Reason string
	// Found are the connections of that name that the lookup listed (CreateExists), with what
	// it compared: id, name, status, dest_vpc_id, dest_network_id and create_time, scrubbed of
	// the client's secrets like all text a server sends; ShowEnhancedConnection tells the rest.
	Found []gen.EnhancedConnection
	// Err is the create's own error; LookupErr the lookup's, when it failed.
	Err       error
	LookupErr error
}

// Error implements error: the outcome, what was found and why it was not adopted, and the
// create's failure.
func (e *CreateOutcomeError) Error() string {
	var b strings.Builder
	b.WriteString("dli: ")
	b.WriteString(e.Operation)
	b.WriteString(": ")
	b.WriteString(e.Outcome.String())
	b.WriteString(" (name ")
	b.WriteString(strconv.Quote(e.Name))
	b.WriteString(")")
	writeFound(&b, e.Found)
	if e.Reason != "" {
		b.WriteString(": ")
		b.WriteString(e.Reason)
	}
	if e.LookupErr != nil {
		b.WriteString("; the lookup failed: ")
		b.WriteString(strings.TrimPrefix(e.LookupErr.Error(), "dli: "))
	}
	if e.Err != nil {
		b.WriteString("; the create failed: ")
		b.WriteString(causeText(e.Operation, e.Err))
	}
	return b.String()
}

// Unwrap returns the create's error and the lookup's.
func (e *CreateOutcomeError) Unwrap() []error {
	var errs []error
	for _, err := range []error{e.Err, e.LookupErr} {
		if err != nil {
			errs = append(errs, err)
		}
	}
	return errs
}

// ExistingID returns the id of the connection of that name when the lookup found exactly one,
// "" otherwise.
func (e *CreateOutcomeError) ExistingID() string {
	if len(e.Found) == 1 {
		return e.Found[0].ID
	}
	return ""
}

// writeFound writes what a lookup found, at most three connections of it.
func writeFound(b *strings.Builder, found []gen.EnhancedConnection) {
	for i := range found {
		if i == 3 {
			b.WriteString("; and ")
			b.WriteString(strconv.Itoa(len(found) - i))
			b.WriteString(" more")
			return
		}
		if i == 0 {
			b.WriteString(": found ")
		} else {
			b.WriteString("; ")
		}
		describeConnection(b, &found[i])
	}
}

// describeConnection writes what the lookup compared of a connection.
func describeConnection(b *strings.Builder, c *gen.EnhancedConnection) {
	b.WriteString("connection ")
	b.WriteString(c.ID)
	b.WriteString(" (dest_vpc_id ")
	b.WriteString(strconv.Quote(c.DestVpcID))
	b.WriteString(", dest_network_id ")
	b.WriteString(strconv.Quote(c.DestNetworkID))
	if c.CreateTime > 0 {
		b.WriteString(", created ")
		b.WriteString(formatMillis(c.CreateTime))
	}
	b.WriteString(")")
}

// IsAlreadyExists reports whether err says that what a create names exists already: DLI.0006
// ("The object exists." in the error-code table of both clouds' references, dli_02_0056, and
// what the fake answers a duplicate connection name), or a 400 or 409 whose message says
// "already exist(s)", since the references do not say which code a duplicate connection name
// gets.
func IsAlreadyExists(err error) bool {
	var e *APIError
	if !errors.As(err, &e) {
		return false
	}
	switch {
	case e.Code == "DLI.0006":
		return true
	case e.StatusCode == http.StatusBadRequest || e.StatusCode == http.StatusConflict:
		return strings.Contains(strings.ToLower(e.Message), "already exist")
	}
	return false
}
