package fake

import (
	"context"
	"net/http"

	"github.com/dli-openapi/enhanced-connections/gen"
)

// CreateEnhancedConnection creates a connection and starts the peerings of its queues and pools.
func (o *operations) CreateEnhancedConnection(_ context.Context, req gen.CreateEnhancedConnectionRequestObject) (gen.CreateEnhancedConnectionResponseObject, error) {
	if req.Body == nil {
		return gen.CreateEnhancedConnection400JSONResponse{BadRequestJSONResponse: badRequest(missingBody)}, nil
	}
	id, msg, err := o.store.create(req.ProjectID, req.Body)
	if err != nil {
		return gen.CreateEnhancedConnection400JSONResponse{BadRequestJSONResponse: badRequest(err)}, nil
	}
	return gen.CreateEnhancedConnection201JSONResponse{IsSuccess: ptr(true), Message: msg, ConnectionID: id}, nil
}

// ListEnhancedConnections returns one page of the project's connections.
func (o *operations) ListEnhancedConnections(_ context.Context, req gen.ListEnhancedConnectionsRequestObject) (gen.ListEnhancedConnectionsResponseObject, error) {
	q, err := newListQuery(req.Params)
	if err != nil {
		return gen.ListEnhancedConnections400JSONResponse{BadRequestJSONResponse: badRequest(err)}, nil
	}
	conns := o.store.list(req.ProjectID, q)
	return listOK{IsSuccess: true, Message: "", Count: int32(len(conns)), Connections: conns}, nil
}

// listOK is the 200 answer of ListEnhancedConnections. It is not the generated type because
// that one drops an empty `connections` (omitempty), while the service sends `[]`.
type listOK struct {
	IsSuccess   bool                     `json:"is_success"`
	Message     string                   `json:"message"`
	Count       int32                    `json:"count"`
	Connections []gen.EnhancedConnection `json:"connections"`
}

// VisitListEnhancedConnectionsResponse writes the answer.
func (r listOK) VisitListEnhancedConnectionsResponse(w http.ResponseWriter) error {
	writeJSON(w, http.StatusOK, r)
	return nil
}

// ShowEnhancedConnection returns one connection, deleted ones included.
func (o *operations) ShowEnhancedConnection(_ context.Context, req gen.ShowEnhancedConnectionRequestObject) (gen.ShowEnhancedConnectionResponseObject, error) {
	v, err := o.store.show(req.ProjectID, req.ConnectionID)
	if err != nil {
		return gen.ShowEnhancedConnection400JSONResponse{BadRequestOrNotFoundJSONResponse: badRequestOrNotFound(err)}, nil
	}
	return showResponse(v), nil
}

// UpdateEnhancedConnection replaces the host list.
func (o *operations) UpdateEnhancedConnection(_ context.Context, req gen.UpdateEnhancedConnectionRequestObject) (gen.UpdateEnhancedConnectionResponseObject, error) {
	if req.Body == nil {
		return gen.UpdateEnhancedConnection400JSONResponse{BadRequestOrNotFoundJSONResponse: badRequestOrNotFound(missingBody)}, nil
	}
	if err := o.store.updateHosts(req.ProjectID, req.ConnectionID, req.Body.Hosts); err != nil {
		return gen.UpdateEnhancedConnection400JSONResponse{BadRequestOrNotFoundJSONResponse: badRequestOrNotFound(err)}, nil
	}
	return gen.UpdateEnhancedConnection200JSONResponse(okStatus("")), nil
}

// DeleteEnhancedConnection marks a connection deleted.
func (o *operations) DeleteEnhancedConnection(_ context.Context, req gen.DeleteEnhancedConnectionRequestObject) (gen.DeleteEnhancedConnectionResponseObject, error) {
	if err := o.store.remove(req.ProjectID, req.ConnectionID, o.refuseDeleteWhileCreating); err != nil {
		return gen.DeleteEnhancedConnection400JSONResponse{BadRequestOrNotFoundJSONResponse: badRequestOrNotFound(err)}, nil
	}
	return gen.DeleteEnhancedConnection200JSONResponse(okStatus("Deleted")), nil
}

// missingBody cannot happen behind the validator (every body is required by the spec); it keeps
// the operations safe when called without it.
var missingBody = &dliError{code: codeParameter, msg: "body: a request body is required."}
