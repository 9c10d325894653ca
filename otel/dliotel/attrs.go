package dliotel

import (
	"context"
	"errors"
	"net/url"
	"strconv"

	semconv "go.opentelemetry.io/otel/semconv/v1.43.0"

	"github.com/dli-openapi/enhanced-connections/wrapper"
)

// serverAddress is the host and port of u, the port implied by the scheme when absent.
func serverAddress(u *url.URL) (string, int) {
	host := u.Hostname()
	if p, err := strconv.Atoi(u.Port()); err == nil {
		return host, p
	}
	if u.Scheme == "http" {
		return host, 80
	}
	return host, 443
}

// protocolVersion is network.protocol.version: "1.1", "2".
func protocolVersion(major, minor int) string {
	if minor == 0 && major >= 2 {
		return strconv.Itoa(major)
	}
	return strconv.Itoa(major) + "." + strconv.Itoa(minor)
}

// statusErrorType is error.type of an HTTP answer of 400 or above: its status code, as the
// conventions say.
func statusErrorType(status int) string { return strconv.Itoa(status) }

// errorType is error.type of a failed call or attempt, low in cardinality: the status of an
// answer of 400 or above, "timeout" for a time limit, "canceled" for a caller who gave up, else
// the type of the error under the client's and net/http's wrapping (e.g. "*net.OpError" for a
// refused dial, "*wrapper.InvalidAnswerError", "*tls.CertificateVerificationError").
func errorType(err error) string {
	var api *wrapper.APIError
	var ue *url.Error
	switch {
	case errors.As(err, &api) && api.StatusCode >= 400:
		return statusErrorType(api.StatusCode)
	case errors.Is(err, context.DeadlineExceeded):
		return "timeout"
	case errors.Is(err, context.Canceled):
		return "canceled"
	case errors.As(err, &ue):
		err = ue.Err
	}
	// semconv.ErrorType looks through fmt.Errorf's wrapping (the client's "dli: <operation>:")
	// to the type that says what failed.
	return shortType(semconv.ErrorType(err).Value.AsString())
}

// shortType drops the import path of a type name ("github.com/x/wrapper.APIError" becomes
// "wrapper.APIError"), which the conventions allow and dashboards read more easily.
func shortType(t string) string {
	for i := len(t) - 1; i >= 0; i-- {
		if t[i] == '/' {
			return t[i+1:]
		}
	}
	return t
}

// dliError is the DLI error code and request id a failed call carries, when it has them.
func dliError(err error) (code, requestID string) {
	var api *wrapper.APIError
	if errors.As(err, &api) {
		return api.Code, api.RequestID
	}
	var ia *wrapper.InvalidAnswerError
	if errors.As(err, &ia) {
		return "", ia.RequestID
	}
	var re *wrapper.RedirectError
	if errors.As(err, &re) {
		return "", re.RequestID
	}
	return "", ""
}
