package fake

import (
	"context"

	"github.com/dli-openapi/enhanced-connections/gen"
)

// AssociateQueueToEnhancedConnection binds queues and pools; their peerings start CREATING.
func (o *operations) AssociateQueueToEnhancedConnection(_ context.Context, req gen.AssociateQueueToEnhancedConnectionRequestObject) (gen.AssociateQueueToEnhancedConnectionResponseObject, error) {
	if req.Body == nil {
		return gen.AssociateQueueToEnhancedConnection400JSONResponse{BadRequestOrNotFoundJSONResponse: badRequestOrNotFound(missingBody)}, nil
	}
	msg, err := o.store.bind(req.ProjectID, req.ConnectionID, req.Body.Queues, req.Body.ElasticResourcePools)
	if err != nil {
		return gen.AssociateQueueToEnhancedConnection400JSONResponse{BadRequestOrNotFoundJSONResponse: badRequestOrNotFound(err)}, nil
	}
	return gen.AssociateQueueToEnhancedConnection200JSONResponse(okStatus(msg)), nil
}

// DisassociateQueueFromEnhancedConnection unbinds queues and pools.
func (o *operations) DisassociateQueueFromEnhancedConnection(_ context.Context, req gen.DisassociateQueueFromEnhancedConnectionRequestObject) (gen.DisassociateQueueFromEnhancedConnectionResponseObject, error) {
	if req.Body == nil {
		return gen.DisassociateQueueFromEnhancedConnection400JSONResponse{BadRequestOrNotFoundJSONResponse: badRequestOrNotFound(missingBody)}, nil
	}
	msg, err := o.store.unbind(req.ProjectID, req.ConnectionID, req.Body.Queues, req.Body.ElasticResourcePools)
	if err != nil {
		return gen.DisassociateQueueFromEnhancedConnection400JSONResponse{BadRequestOrNotFoundJSONResponse: badRequestOrNotFound(err)}, nil
	}
	return gen.DisassociateQueueFromEnhancedConnection200JSONResponse(okStatus(msg)), nil
}
