package fake

import (
	"bytes"
	"encoding/json"
	"net/http"

	"github.com/dli-openapi/enhanced-connections/gen"
)

// Error codes of the answers the fake gives. DLI.* come from the service (its error-code page),
// APIGW.* from the API gateway in front of it.
const (
	codeParameter      = "DLI.0001" // parameter check error; also "connection does not exist"
	codeNoObject       = "DLI.0002" // object does not exist
	codeExists         = "DLI.0006" // object already exists
	codeUnsupported    = "DLI.0007" // operation not supported
	codeServer         = "DLI.0999" // server-side error
	codeNoAPI          = "APIGW.0101"
	codeTooLarge       = "APIGW.0201"
	codeBackendDown    = "APIGW.0202"
	codeBackendTimeout = "APIGW.0203"
	codeAuth           = "APIGW.0301"
	codeThrottled      = "APIGW.0308"
)

// dliError is a refusal by the emulated service. The store returns it and the operations turn it
// into the 400 answer type of their operation.
type dliError struct {
	code string
	msg  string
}

// Error implements error so that store methods can return it the usual way.
func (e *dliError) Error() string { return e.code + ": " + e.msg }

// notExist is the answer the real service gives for a connection that is missing, deleted (for
// every operation but Show) or of another project.
func notExist(id string) *dliError {
	return &dliError{code: codeParameter, msg: "Connection " + id + " does not exist."}
}

// badRequest is the body of the 400 answers of Create and List.
func badRequest(e *dliError) gen.BadRequestJSONResponse {
	return gen.BadRequestJSONResponse{ErrorCode: e.code, ErrorMsg: e.msg}
}

// badRequestOrNotFound is the body of the 400 answers of every operation on one connection.
func badRequestOrNotFound(e *dliError) gen.BadRequestOrNotFoundJSONResponse {
	return gen.BadRequestOrNotFoundJSONResponse{ErrorCode: e.code, ErrorMsg: e.msg}
}

// writeError answers with the DLI error body, which the spec declares for every error status,
// so that clients parse the fake's refusals like the real ones.
func writeError(w http.ResponseWriter, status int, code, msg string) {
	writeJSON(w, status, gen.Error{ErrorCode: code, ErrorMsg: msg})
}

// writeJSON encodes v before touching w, so that an encoding failure can still become a clean
// 500 instead of a half-written answer.
func writeJSON(w http.ResponseWriter, status int, v any) {
	var buf bytes.Buffer
	if err := json.NewEncoder(&buf).Encode(v); err != nil {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusInternalServerError)
		_, _ = w.Write([]byte(`{"error_code":"DLI.0999","error_msg":"cannot encode the answer"}` + "\n"))
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = buf.WriteTo(w)
}
