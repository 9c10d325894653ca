package fake

import (
	"context"
	"net/http"

	"github.com/dli-openapi/enhanced-connections/gen"
)

// RunAuthorizationAction grants, revokes or sets a project's BIND_QUEUE on connections.
func (o *operations) RunAuthorizationAction(_ context.Context, req gen.RunAuthorizationActionRequestObject) (gen.RunAuthorizationActionResponseObject, error) {
	if req.Body == nil {
		return gen.RunAuthorizationAction400JSONResponse{BadRequestOrNotFoundJSONResponse: badRequestOrNotFound(missingBody)}, nil
	}
	if err := o.store.authorize(req.ProjectID, req.Body); err != nil {
		return gen.RunAuthorizationAction400JSONResponse{BadRequestOrNotFoundJSONResponse: badRequestOrNotFound(err)}, nil
	}
	return gen.RunAuthorizationAction200JSONResponse(okStatus("")), nil
}

// ListAuthorizationPrivileges lists the projects holding BIND_QUEUE on a connection object.
func (o *operations) ListAuthorizationPrivileges(_ context.Context, req gen.ListAuthorizationPrivilegesRequestObject) (gen.ListAuthorizationPrivilegesResponseObject, error) {
	id, privs, err := o.store.objectPrivileges(req.ProjectID, req.Params.Object)
	if err != nil {
		return gen.ListAuthorizationPrivileges400JSONResponse{BadRequestOrNotFoundJSONResponse: badRequestOrNotFound(err)}, nil
	}
	return objectPrivilegesOK{IsSuccess: true, ObjectName: id, ObjectType: connectionObjectType,
		Count: int32(len(privs)), Privileges: privs}, nil
}

// objectPrivilegesOK is the 200 answer of ListAuthorizationPrivileges. It is not the generated
// type because that one drops an empty `privileges` and a zero `count` (omitempty), while an
// answer that says "nobody" should say it.
type objectPrivilegesOK struct {
	IsSuccess  bool                         `json:"is_success"`
	Message    string                       `json:"message"`
	ObjectName string                       `json:"object_name"`
	ObjectType string                       `json:"object_type"`
	Count      int32                        `json:"count"`
	Privileges []gen.AuthorizationPrivilege `json:"privileges"`
}

// VisitListAuthorizationPrivilegesResponse writes the answer.
func (r objectPrivilegesOK) VisitListAuthorizationPrivilegesResponse(w http.ResponseWriter) error {
	writeJSON(w, http.StatusOK, r)
	return nil
}
