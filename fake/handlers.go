package fake

import (
	"github.com/dli-openapi/enhanced-connections/gen"
)

// operations implements the generated strict server interface over the store. It is unexported
// so that the Server's own API stays small; the generated router is its only caller.
type operations struct {
	store                     *store
	refuseDeleteWhileCreating bool
}

var _ gen.StrictServerInterface = (*operations)(nil)

// okStatus is the envelope of the answers that carry nothing but success.
func okStatus(message string) gen.StatusResponse {
	return gen.StatusResponse{IsSuccess: ptr(true), Message: message}
}
