package main

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"

	"github.com/dli-openapi/enhanced-connections/gen"
)

// The authorization API and the tag API for resource type dli_enhanced_datasource: calls with
// the spec's example values, which Prism must accept, and requests the spec forbids, which it
// must refuse. The seeds of testdata/examples hold none of these operations (the reference
// pages they come from document none), so the bodies are written here.

const resourceType = gen.ResourceTypeEnhancedConnection

func familyChecks(c *gen.Client) []check {
	limit, offset := int32(1000), int32(0)
	grant := gen.RunAuthorizationActionRequest{ProjectID: "330e068af1334c9782f4226acc00a2e2", Action: gen.AuthorizationGrant,
		Privileges: []gen.ObjectPrivileges{{Object: "edsconnections." + connectionID, Privileges: []string{"BIND_QUEUE"}}}}
	tags := gen.BatchCreateResourceTagsRequest{Tags: []gen.Tag{{Key: "env", Value: "prod"}, {Key: "team", Value: "data"}}}
	filter := gen.ResourceInstancesFilter{Tags: []gen.TagWithValues{{Key: "env", Values: []string{"prod"}}},
		Matches: []gen.TagMatch{{Key: gen.MatchResourceName, Value: "rds"}}}
	return []check{
		{op: "RunAuthorizationAction", what: "grant BIND_QUEUE", status: 200,
			call: func(ctx context.Context) (*http.Response, error) {
				return c.RunAuthorizationAction(ctx, projectID, nil, grant)
			},
			parse: status(gen.ParseRunAuthorizationActionHTTPResponse, func(r *gen.RunAuthorizationActionHTTPResponse) *gen.StatusResponse { return r.JSON200 })},
		{op: "ListAuthorizationPrivileges", what: "of edsconnections." + connectionID, status: 200,
			call: func(ctx context.Context) (*http.Response, error) {
				return c.ListAuthorizationPrivileges(ctx, projectID, &gen.ListAuthorizationPrivilegesParams{Object: "edsconnections." + connectionID})
			},
			parse: typed(gen.ParseListAuthorizationPrivilegesHTTPResponse,
				func(r *gen.ListAuthorizationPrivilegesHTTPResponse) *gen.ListAuthorizationPrivilegesResponse {
					return r.JSON200
				},
				"no typed 200 body",
				func(b *gen.ListAuthorizationPrivilegesResponse) (*bool, string) {
					return b.IsSuccess, fmt.Sprintf("object_type %s, %d privilege entr(ies)", b.ObjectType, len(b.Privileges))
				})},
		{op: "BatchCreateResourceTags", what: "two tags", status: 204,
			call: func(ctx context.Context) (*http.Response, error) {
				return c.BatchCreateResourceTags(ctx, projectID, resourceType, connectionID, nil, tags)
			},
			parse: noContent(gen.ParseBatchCreateResourceTagsHTTPResponse, func(r *gen.BatchCreateResourceTagsHTTPResponse) []byte { return r.Body })},
		{op: "BatchDeleteResourceTags", what: "one tag by key", status: 204,
			call: func(ctx context.Context) (*http.Response, error) {
				return c.BatchDeleteResourceTags(ctx, projectID, resourceType, connectionID, nil,
					gen.BatchDeleteResourceTagsRequest{Tags: []gen.DeleteTag{{Key: "team"}}})
			},
			parse: noContent(gen.ParseBatchDeleteResourceTagsHTTPResponse, func(r *gen.BatchDeleteResourceTagsHTTPResponse) []byte { return r.Body })},
		{op: "ShowResourceTags", what: "of " + connectionID + " with limit and offset", status: 200,
			call: func(ctx context.Context) (*http.Response, error) {
				return c.ShowResourceTags(ctx, projectID, resourceType, connectionID, &gen.ShowResourceTagsParams{Limit: &limit, Offset: &offset})
			},
			parse: answer(gen.ParseShowResourceTagsHTTPResponse,
				func(r *gen.ShowResourceTagsHTTPResponse) *gen.ShowResourceTagsResponse { return r.JSON200 },
				func(b *gen.ShowResourceTagsResponse) string {
					return fmt.Sprintf("%d tag(s), count %d", len(b.Tags), b.Count)
				})},
		{op: "ListResourcesTags", what: "of the project", status: 200,
			call: func(ctx context.Context) (*http.Response, error) {
				return c.ListResourcesTags(ctx, projectID, resourceType, nil)
			},
			parse: answer(gen.ParseListResourcesTagsHTTPResponse,
				func(r *gen.ListResourcesTagsHTTPResponse) *gen.ListResourcesTagsResponse { return r.JSON200 },
				func(b *gen.ListResourcesTagsResponse) string { return fmt.Sprintf("%d key(s)", len(b.Tags)) })},
		{op: "ListResourcesByTags", what: "by tag and name, with limit and offset", status: 200,
			call: func(ctx context.Context) (*http.Response, error) {
				return c.ListResourcesByTags(ctx, projectID, resourceType, &gen.ListResourcesByTagsParams{Limit: &limit, Offset: &offset}, filter)
			},
			parse: answer(gen.ParseListResourcesByTagsHTTPResponse,
				func(r *gen.ListResourcesByTagsHTTPResponse) *gen.ListResourcesByTagsResponse {
					if r.JSON200 == nil || len(r.JSON200.Resources) == 0 || r.JSON200.Resources[0].ResourceID == "" {
						return nil
					}
					return r.JSON200
				},
				func(b *gen.ListResourcesByTagsResponse) string {
					return fmt.Sprintf("total_count %d, first %s", b.TotalCount, b.Resources[0].ResourceID)
				})},
		{op: "CountResourcesByTags", what: "without tags", status: 200,
			call: func(ctx context.Context) (*http.Response, error) {
				return c.CountResourcesByTags(ctx, projectID, resourceType, nil, gen.ResourceInstancesFilter{WithoutAnyTag: true})
			},
			parse: answer(gen.ParseCountResourcesByTagsHTTPResponse,
				func(r *gen.CountResourcesByTagsHTTPResponse) *gen.CountResourcesByTagsResponse { return r.JSON200 },
				func(b *gen.CountResourcesByTagsResponse) string { return fmt.Sprintf("total_count %d", b.TotalCount) })},
	}
}

func familyRefusedChecks(c *gen.Client) []check {
	tooMany := gen.BatchCreateResourceTagsRequest{Tags: slices.Repeat([]gen.Tag{{Key: "env", Value: "prod"}}, 21)}
	return []check{
		{op: "BatchCreateResourceTags", what: "for resource type dli_queue", refuseStatus: 400, refuseAt: "request.path.resource_type",
			call: func(ctx context.Context) (*http.Response, error) {
				return c.BatchCreateResourceTags(ctx, projectID, "dli_queue", connectionID, nil,
					gen.BatchCreateResourceTagsRequest{Tags: []gen.Tag{{Key: "env", Value: "prod"}}})
			}},
		{op: "BatchCreateResourceTags", what: "with 21 tags", refuseStatus: 400, refuseAt: "request.body.tags",
			call: func(ctx context.Context) (*http.Response, error) {
				return c.BatchCreateResourceTags(ctx, projectID, resourceType, connectionID, nil, tooMany)
			}},
		{op: "BatchDeleteResourceTags", what: "with an empty key", refuseStatus: 400, refuseAt: "request.body.tags.0.key",
			call: func(ctx context.Context) (*http.Response, error) {
				return c.BatchDeleteResourceTags(ctx, projectID, resourceType, connectionID, nil,
					gen.BatchDeleteResourceTagsRequest{Tags: []gen.DeleteTag{{Key: ""}}})
			}},
		{op: "ListResourcesByTags", what: "matching resource_id", refuseStatus: 400, refuseAt: "request.body.matches.0.key",
			call: func(ctx context.Context) (*http.Response, error) {
				return c.ListResourcesByTags(ctx, projectID, resourceType, nil,
					gen.ResourceInstancesFilter{Matches: []gen.TagMatch{{Key: "resource_id", Value: "x"}}})
			}},
		{op: "RunAuthorizationAction", what: `with action "share"`, refuseStatus: 400, refuseAt: "request.body.action",
			call: func(ctx context.Context) (*http.Response, error) {
				return c.RunAuthorizationActionWithBody(ctx, projectID, nil, "application/json",
					strings.NewReader(`{"projectId":"330e068af1334c9782f4226acc00a2e2","action":"share","privileges":[]}`))
			}},
		{op: "ListAuthorizationPrivileges", what: "with an empty object", refuseStatus: 400, refuseAt: "request.query",
			call: func(ctx context.Context) (*http.Response, error) {
				return c.ListAuthorizationPrivileges(ctx, projectID, &gen.ListAuthorizationPrivilegesParams{Object: ""})
			}},
	}
}

// noContent makes the parse of an operation whose success answer has no body.
func noContent[R any](parse func(*http.Response) (*R, error), body func(*R) []byte) func(*http.Response) (string, error) {
	return func(rsp *http.Response) (string, error) {
		r, err := parse(rsp)
		if err != nil {
			return "", err
		}
		if b := body(r); len(b) > 0 {
			return "", fmt.Errorf("a body of %d bytes where the spec declares none", len(b))
		}
		return "no body", nil
	}
}

// answer makes the parse of an operation whose answer has no is_success envelope (the tag API):
// body picks the typed answer (nil when missing), describe summarises it.
func answer[R, B any](parse func(*http.Response) (*R, error), body func(*R) *B, describe func(*B) string) func(*http.Response) (string, error) {
	return func(rsp *http.Response) (string, error) {
		r, err := parse(rsp)
		if err != nil {
			return "", err
		}
		b := body(r)
		if b == nil {
			return "", errors.New("no typed 200 body")
		}
		return describe(b), nil
	}
}
