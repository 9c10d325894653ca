package credentials

import (
	"errors"
	"fmt"
	"strings"
	"time"
)

// ErrNoCredentials is wrapped by the error of a Discovery that found keys nowhere, and of a
// Cache whose provider gave none.
var ErrNoCredentials = errors.New("no credentials found")

// ErrIncomplete is wrapped by the error of a Discovery that found a source set up only in part:
// a secret key without its access key, an id token file without the identity provider, a
// profile or cloud without keys. Such a source is never skipped in favour of the next one: the
// user meant it, and another source's keys would act as someone else.
var ErrIncomplete = errors.New("incomplete credentials")

// SourceError is a failure of one source: a platform service that could not be reached or
// answered with an error, or a file that could not be read. It never holds a secret.
type SourceError struct {
	// Source names the source, as in Value.Source.
	Source string
	// StatusCode is the HTTP status of the service's answer, 0 when there was none.
	StatusCode int
	// Code and Message are the service's error code and message, when its answer had them.
	Code, Message string
	// Err is the cause (a transport error, a decoding error, ErrIncomplete, ...).
	Err error
}

// Error implements error.
func (e *SourceError) Error() string {
	var b strings.Builder
	b.WriteString("credentials from ")
	b.WriteString(e.Source)
	b.WriteString(": ")
	if e.StatusCode != 0 {
		fmt.Fprintf(&b, "HTTP %d", e.StatusCode)
		if e.Code != "" {
			b.WriteString(" " + e.Code)
		}
		if e.Message != "" {
			b.WriteString(": " + e.Message)
		}
		if e.Err != nil {
			b.WriteString(": ")
		}
	}
	if e.Err != nil {
		b.WriteString(e.Err.Error())
	}
	return b.String()
}

// Unwrap returns the cause.
func (e *SourceError) Unwrap() error { return e.Err }

// RefreshError is what a Cache returns when it holds no keys that may still sign and its
// provider failed to hand out new ones. Err is the provider's error; Expired is when the keys it
// last held expired (zero when it never held any); RetryAt is when it will ask again.
type RefreshError struct {
	Expired time.Time
	RetryAt time.Time
	Err     error
}

// Error implements error.
func (e *RefreshError) Error() string {
	var b strings.Builder
	b.WriteString("no usable credentials")
	if !e.Expired.IsZero() {
		fmt.Fprintf(&b, " (the last keys expire at %s)", e.Expired.UTC().Format(time.RFC3339))
	}
	if e.Err != nil {
		b.WriteString(": ")
		b.WriteString(e.Err.Error())
	}
	return b.String()
}

// Unwrap returns the provider's error.
func (e *RefreshError) Unwrap() error { return e.Err }
