package fake

import (
	"context"

	"github.com/dli-openapi/enhanced-connections/gen"
)

// CreateRouteToEnhancedConnection adds a route (v3 path).
func (o *operations) CreateRouteToEnhancedConnection(_ context.Context, req gen.CreateRouteToEnhancedConnectionRequestObject) (gen.CreateRouteToEnhancedConnectionResponseObject, error) {
	if err := o.addRoute(req.ProjectID, req.ConnectionID, req.Body); err != nil {
		return gen.CreateRouteToEnhancedConnection400JSONResponse{BadRequestOrNotFoundJSONResponse: badRequestOrNotFound(err)}, nil
	}
	return gen.CreateRouteToEnhancedConnection200JSONResponse(okStatus("")), nil
}

// CreateEnhancedConnectionRoutes adds a route (deprecated v2.0 path, same routes as v3).
func (o *operations) CreateEnhancedConnectionRoutes(_ context.Context, req gen.CreateEnhancedConnectionRoutesRequestObject) (gen.CreateEnhancedConnectionRoutesResponseObject, error) {
	if err := o.addRoute(req.ProjectID, req.ConnectionID, req.Body); err != nil {
		return gen.CreateEnhancedConnectionRoutes400JSONResponse{BadRequestOrNotFoundJSONResponse: badRequestOrNotFound(err)}, nil
	}
	return gen.CreateEnhancedConnectionRoutes200JSONResponse(okStatus("")), nil
}

// DeleteRouteFromEnhancedConnection deletes a route by name (v3 path).
func (o *operations) DeleteRouteFromEnhancedConnection(_ context.Context, req gen.DeleteRouteFromEnhancedConnectionRequestObject) (gen.DeleteRouteFromEnhancedConnectionResponseObject, error) {
	if err := o.store.deleteRoute(req.ProjectID, req.ConnectionID, req.Name); err != nil {
		return gen.DeleteRouteFromEnhancedConnection400JSONResponse{BadRequestOrNotFoundJSONResponse: badRequestOrNotFound(err)}, nil
	}
	return gen.DeleteRouteFromEnhancedConnection200JSONResponse(okStatus("Deleted")), nil
}

// DeleteEnhancedConnectionRoutes deletes a route by name (deprecated v2.0 path).
func (o *operations) DeleteEnhancedConnectionRoutes(_ context.Context, req gen.DeleteEnhancedConnectionRoutesRequestObject) (gen.DeleteEnhancedConnectionRoutesResponseObject, error) {
	if err := o.store.deleteRoute(req.ProjectID, req.ConnectionID, req.Name); err != nil {
		return gen.DeleteEnhancedConnectionRoutes400JSONResponse{BadRequestOrNotFoundJSONResponse: badRequestOrNotFound(err)}, nil
	}
	return gen.DeleteEnhancedConnectionRoutes200JSONResponse(okStatus("Deleted")), nil
}

// addRoute is shared by both create paths, whose request bodies are the same schema.
func (o *operations) addRoute(project, id string, body *gen.CreateRouteRequest) *dliError {
	if body == nil {
		return missingBody
	}
	return o.store.addRoute(project, id, body)
}
