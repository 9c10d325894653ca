package fake

import (
	"context"
	"net/http"

	"github.com/dli-openapi/enhanced-connections/gen"
)

// ShowEnhancedConnectionPrivilege lists the projects granted access (see Server.GrantPrivilege).
func (o *operations) ShowEnhancedConnectionPrivilege(_ context.Context, req gen.ShowEnhancedConnectionPrivilegeRequestObject) (gen.ShowEnhancedConnectionPrivilegeResponseObject, error) {
	id, privs, err := o.store.privileges(req.ProjectID, req.ConnectionID)
	if err != nil {
		return gen.ShowEnhancedConnectionPrivilege400JSONResponse{BadRequestOrNotFoundJSONResponse: badRequestOrNotFound(err)}, nil
	}
	return privilegesOK{IsSuccess: true, Message: "", ConnectionID: id, Privileges: privs}, nil
}

// privilegesOK is the 200 answer of ShowEnhancedConnectionPrivilege. It is not the generated
// type because that one drops an empty `privileges` (omitempty), while the service sends `[]`.
type privilegesOK struct {
	IsSuccess    bool                   `json:"is_success"`
	Message      string                 `json:"message"`
	ConnectionID string                 `json:"connection_id"`
	Privileges   []gen.ProjectPrivilege `json:"privileges"`
}

// VisitShowEnhancedConnectionPrivilegeResponse writes the answer.
func (r privilegesOK) VisitShowEnhancedConnectionPrivilegeResponse(w http.ResponseWriter) error {
	writeJSON(w, http.StatusOK, r)
	return nil
}
