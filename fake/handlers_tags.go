package fake

import (
	"context"
	"net/http"

	"github.com/dli-openapi/enhanced-connections/gen"
)

// The tag API, for resource type dli_enhanced_datasource: the validator refuses every other
// type (the spec's enum), so the handlers need not look at it.

// BatchCreateResourceTags adds tags to a connection.
func (o *operations) BatchCreateResourceTags(_ context.Context, req gen.BatchCreateResourceTagsRequestObject) (gen.BatchCreateResourceTagsResponseObject, error) {
	if req.Body == nil {
		return gen.BatchCreateResourceTags400JSONResponse{BadRequestOrNotFoundJSONResponse: badRequestOrNotFound(missingBody)}, nil
	}
	if err := o.store.addTags(req.ProjectID, req.ResourceID, req.Body.Tags); err != nil {
		return gen.BatchCreateResourceTags400JSONResponse{BadRequestOrNotFoundJSONResponse: badRequestOrNotFound(err)}, nil
	}
	return gen.BatchCreateResourceTags204Response{}, nil
}

// BatchDeleteResourceTags removes tags from a connection.
func (o *operations) BatchDeleteResourceTags(_ context.Context, req gen.BatchDeleteResourceTagsRequestObject) (gen.BatchDeleteResourceTagsResponseObject, error) {
	if req.Body == nil {
		return gen.BatchDeleteResourceTags400JSONResponse{BadRequestOrNotFoundJSONResponse: badRequestOrNotFound(missingBody)}, nil
	}
	if err := o.store.deleteTags(req.ProjectID, req.ResourceID, req.Body.Tags); err != nil {
		return gen.BatchDeleteResourceTags400JSONResponse{BadRequestOrNotFoundJSONResponse: badRequestOrNotFound(err)}, nil
	}
	return gen.BatchDeleteResourceTags204Response{}, nil
}

// ShowResourceTags returns a page of a connection's tags.
func (o *operations) ShowResourceTags(_ context.Context, req gen.ShowResourceTagsRequestObject) (gen.ShowResourceTagsResponseObject, error) {
	tags, n, err := o.store.tagsOf(req.ProjectID, req.ResourceID, req.Params.Limit, req.Params.Offset)
	if err != nil {
		return gen.ShowResourceTags400JSONResponse{BadRequestOrNotFoundJSONResponse: badRequestOrNotFound(err)}, nil
	}
	return resourceTagsOK{Tags: tags, Count: int64(n)}, nil
}

// ListResourcesTags returns a page of the project's tag keys with their values.
func (o *operations) ListResourcesTags(_ context.Context, req gen.ListResourcesTagsRequestObject) (gen.ListResourcesTagsResponseObject, error) {
	tags, n := o.store.projectTags(req.ProjectID, req.Params.Limit, req.Params.Offset)
	return projectTagsOK{Tags: tags, Count: int64(n)}, nil
}

// ListResourcesByTags returns a page of the connections a tag filter keeps.
func (o *operations) ListResourcesByTags(_ context.Context, req gen.ListResourcesByTagsRequestObject) (gen.ListResourcesByTagsResponseObject, error) {
	q, err := newResourceFilter(req.Body)
	if err != nil {
		return gen.ListResourcesByTags400JSONResponse{BadRequestOrNotFoundJSONResponse: badRequestOrNotFound(err)}, nil
	}
	page, n := o.store.resources(req.ProjectID, q, req.Params.Limit, req.Params.Offset)
	return resourcesOK{TotalCount: int32(n), Resources: page}, nil
}

// CountResourcesByTags counts the connections a tag filter keeps.
func (o *operations) CountResourcesByTags(_ context.Context, req gen.CountResourcesByTagsRequestObject) (gen.CountResourcesByTagsResponseObject, error) {
	q, err := newResourceFilter(req.Body)
	if err != nil {
		return gen.CountResourcesByTags400JSONResponse{BadRequestOrNotFoundJSONResponse: badRequestOrNotFound(err)}, nil
	}
	return countOK{TotalCount: int32(o.store.countResources(req.ProjectID, q))}, nil
}

// The 200 answers of the tag API. They are not the generated types because those drop an empty
// list and a zero count (omitempty), while "no tags" and "0 matches" are answers worth sending.

type resourceTagsOK struct {
	Tags  []gen.Tag `json:"tags"`
	Count int64     `json:"count"`
}

// VisitShowResourceTagsResponse writes the answer.
func (r resourceTagsOK) VisitShowResourceTagsResponse(w http.ResponseWriter) error {
	writeJSON(w, http.StatusOK, r)
	return nil
}

type projectTagsOK struct {
	Tags  []gen.TagWithValues `json:"tags"`
	Count int64               `json:"count"`
}

// VisitListResourcesTagsResponse writes the answer.
func (r projectTagsOK) VisitListResourcesTagsResponse(w http.ResponseWriter) error {
	writeJSON(w, http.StatusOK, r)
	return nil
}

type resourcesOK struct {
	TotalCount int32                  `json:"total_count"`
	Resources  []gen.ResourceInstance `json:"resources"`
}

// VisitListResourcesByTagsResponse writes the answer.
func (r resourcesOK) VisitListResourcesByTagsResponse(w http.ResponseWriter) error {
	writeJSON(w, http.StatusOK, r)
	return nil
}

type countOK struct {
	TotalCount int32 `json:"total_count"`
}

// VisitCountResourcesByTagsResponse writes the answer.
func (r countOK) VisitCountResourcesByTagsResponse(w http.ResponseWriter) error {
	writeJSON(w, http.StatusOK, r)
	return nil
}
