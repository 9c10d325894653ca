package fake

import (
	"context"
	"maps"
	"net/http"
	"reflect"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	enhancedconnections "github.com/dli-openapi/enhanced-connections"
	"github.com/dli-openapi/enhanced-connections/gen"
)

// outcome is what one call through the generated client gave.
type outcome struct {
	resp   *http.Response
	body   []byte
	parsed bool // the generated client decoded the body into the field of its status
}

// TestEveryOperationAnswersPerSpec calls every operation of the spec through the generated
// client, with answers that succeed and answers that refuse, and validates each answer (status,
// headers, body) against the spec.
func TestEveryOperationAnswersPerSpec(t *testing.T) {
	r := start(t, Options{})
	c := newClient(t, r)
	ctx := context.Background()
	id := create(t, c, project, gen.CreateEnhancedConnectionRequest{
		Name: "ops", Queues: []string{"q1"}, ElasticResourcePools: []string{"e1"},
		Hosts: []gen.Host{{Name: "db1", IP: "192.168.0.1"}},
		Tags:  []gen.Tag{{Key: "env", Value: "prod"}},
	})
	require.NoError(t, r.GrantPrivilege(id, otherProject))
	route := gen.CreateRouteRequest{Name: "rds-net", Cidr: "192.168.2.0/24"}
	route2 := gen.CreateRouteRequest{Name: "legacy", Cidr: "10.0.0.0/8"}

	// Steps run in order on shared state; each checks its own answer.
	steps := []struct {
		name     string
		op       string
		call     func() (outcome, error)
		status   int
		wantCode string
	}{
		{"create", "CreateEnhancedConnection", func() (outcome, error) {
			x, err := c.CreateEnhancedConnectionWithResponse(ctx, project, nil, gen.CreateEnhancedConnectionRequest{Name: "ops2", DestVpcID: vpcID, DestNetworkID: networkID})
			return pick(x, err, func() bool { return x.JSON201 != nil && *x.JSON201.IsSuccess }, func() bool { return x.JSON400 != nil })
		}, 201, ""},
		{"create with a taken name", "CreateEnhancedConnection", func() (outcome, error) {
			x, err := c.CreateEnhancedConnectionWithResponse(ctx, project, nil, gen.CreateEnhancedConnectionRequest{Name: "ops", DestVpcID: vpcID, DestNetworkID: networkID})
			return pick(x, err, func() bool { return x.JSON201 != nil }, func() bool { return x.JSON400 != nil })
		}, 400, codeExists},
		{"list", "ListEnhancedConnections", func() (outcome, error) {
			x, err := c.ListEnhancedConnectionsWithResponse(ctx, project, &gen.ListEnhancedConnectionsParams{Tags: ptr("env=prod")})
			return pick(x, err, func() bool { return x.JSON200 != nil && x.JSON200.Count == 1 }, func() bool { return x.JSON400 != nil })
		}, 200, ""},
		{"list with malformed tags", "ListEnhancedConnections", func() (outcome, error) {
			x, err := c.ListEnhancedConnectionsWithResponse(ctx, project, &gen.ListEnhancedConnectionsParams{Tags: ptr("env")})
			return pick(x, err, func() bool { return x.JSON200 != nil }, func() bool { return x.JSON400 != nil })
		}, 400, codeParameter},
		{"show", "ShowEnhancedConnection", func() (outcome, error) {
			x, err := c.ShowEnhancedConnectionWithResponse(ctx, project, id, nil)
			return pick(x, err, func() bool { return x.JSON200 != nil && x.JSON200.ID == id }, func() bool { return x.JSON400 != nil })
		}, 200, ""},
		{"show missing", "ShowEnhancedConnection", func() (outcome, error) {
			x, err := c.ShowEnhancedConnectionWithResponse(ctx, project, missingID, nil)
			return pick(x, err, func() bool { return x.JSON200 != nil }, func() bool { return x.JSON400 != nil })
		}, 400, codeParameter},
		{"update hosts", "UpdateEnhancedConnection", func() (outcome, error) {
			x, err := c.UpdateEnhancedConnectionWithResponse(ctx, project, id, nil, gen.UpdateEnhancedConnectionRequest{Hosts: []gen.Host{}})
			return pick(x, err, func() bool { return x.JSON200 != nil }, func() bool { return x.JSON400 != nil })
		}, 200, ""},
		{"update missing", "UpdateEnhancedConnection", func() (outcome, error) {
			x, err := c.UpdateEnhancedConnectionWithResponse(ctx, project, missingID, nil, gen.UpdateEnhancedConnectionRequest{Hosts: []gen.Host{}})
			return pick(x, err, func() bool { return x.JSON200 != nil }, func() bool { return x.JSON400 != nil })
		}, 400, codeParameter},
		{"bind", "AssociateQueueToEnhancedConnection", func() (outcome, error) {
			x, err := c.AssociateQueueToEnhancedConnectionWithResponse(ctx, project, id, nil, gen.QueueBindingRequest{Queues: []string{"q2"}})
			return pick(x, err, func() bool { return x.JSON200 != nil }, func() bool { return x.JSON400 != nil })
		}, 200, ""},
		{"bind a bound queue", "AssociateQueueToEnhancedConnection", func() (outcome, error) {
			x, err := c.AssociateQueueToEnhancedConnectionWithResponse(ctx, project, id, nil, gen.QueueBindingRequest{Queues: []string{"q2"}})
			return pick(x, err, func() bool { return x.JSON200 != nil }, func() bool { return x.JSON400 != nil })
		}, 400, codeExists},
		{"unbind", "DisassociateQueueFromEnhancedConnection", func() (outcome, error) {
			x, err := c.DisassociateQueueFromEnhancedConnectionWithResponse(ctx, project, id, nil, gen.QueueBindingRequest{Queues: []string{"q2"}})
			return pick(x, err, func() bool { return x.JSON200 != nil }, func() bool { return x.JSON400 != nil })
		}, 200, ""},
		{"unbind an unbound queue", "DisassociateQueueFromEnhancedConnection", func() (outcome, error) {
			x, err := c.DisassociateQueueFromEnhancedConnectionWithResponse(ctx, project, id, nil, gen.QueueBindingRequest{Queues: []string{"q2"}})
			return pick(x, err, func() bool { return x.JSON200 != nil }, func() bool { return x.JSON400 != nil })
		}, 400, codeNoObject},
		{"privileges", "ShowEnhancedConnectionPrivilege", func() (outcome, error) {
			x, err := c.ShowEnhancedConnectionPrivilegeWithResponse(ctx, project, id, nil)
			return pick(x, err, func() bool { return x.JSON200 != nil && len(x.JSON200.Privileges) == 1 }, func() bool { return x.JSON400 != nil })
		}, 200, ""},
		{"privileges of a missing connection", "ShowEnhancedConnectionPrivilege", func() (outcome, error) {
			x, err := c.ShowEnhancedConnectionPrivilegeWithResponse(ctx, project, missingID, nil)
			return pick(x, err, func() bool { return x.JSON200 != nil }, func() bool { return x.JSON400 != nil })
		}, 400, codeParameter},
		{"create route v3", "CreateRouteToEnhancedConnection", func() (outcome, error) {
			x, err := c.CreateRouteToEnhancedConnectionWithResponse(ctx, project, id, nil, route)
			return pick(x, err, func() bool { return x.JSON200 != nil }, func() bool { return x.JSON400 != nil })
		}, 200, ""},
		{"create route v3 twice", "CreateRouteToEnhancedConnection", func() (outcome, error) {
			x, err := c.CreateRouteToEnhancedConnectionWithResponse(ctx, project, id, nil, route)
			return pick(x, err, func() bool { return x.JSON200 != nil }, func() bool { return x.JSON400 != nil })
		}, 400, codeExists},
		{"create route v2.0", "CreateEnhancedConnectionRoutes", func() (outcome, error) {
			//lint:ignore SA1019 the deprecated v2.0 route paths are still in the spec and the fake serves them
			x, err := c.CreateEnhancedConnectionRoutesWithResponse(ctx, project, id, nil, route2)
			return pick(x, err, func() bool { return x.JSON200 != nil }, func() bool { return x.JSON400 != nil })
		}, 200, ""},
		{"create route v2.0 with a v3 name", "CreateEnhancedConnectionRoutes", func() (outcome, error) {
			//lint:ignore SA1019 the deprecated v2.0 route paths are still in the spec and the fake serves them
			x, err := c.CreateEnhancedConnectionRoutesWithResponse(ctx, project, id, nil, gen.CreateRouteRequest{Name: route.Name, Cidr: "172.16.0.0/12"})
			return pick(x, err, func() bool { return x.JSON200 != nil }, func() bool { return x.JSON400 != nil })
		}, 400, codeExists},
		{"show with routes", "ShowEnhancedConnection", func() (outcome, error) {
			x, err := c.ShowEnhancedConnectionWithResponse(ctx, project, id, nil)
			return pick(x, err, func() bool { return x.JSON200 != nil && len(x.JSON200.Routes) == 2 }, func() bool { return x.JSON400 != nil })
		}, 200, ""},
		{"delete route v3", "DeleteRouteFromEnhancedConnection", func() (outcome, error) {
			x, err := c.DeleteRouteFromEnhancedConnectionWithResponse(ctx, project, id, route.Name, nil)
			return pick(x, err, func() bool { return x.JSON200 != nil }, func() bool { return x.JSON400 != nil })
		}, 200, ""},
		{"delete route v3 again", "DeleteRouteFromEnhancedConnection", func() (outcome, error) {
			x, err := c.DeleteRouteFromEnhancedConnectionWithResponse(ctx, project, id, route.Name, nil)
			return pick(x, err, func() bool { return x.JSON200 != nil }, func() bool { return x.JSON400 != nil })
		}, 400, codeParameter},
		{"delete route v2.0", "DeleteEnhancedConnectionRoutes", func() (outcome, error) {
			//lint:ignore SA1019 the deprecated v2.0 route paths are still in the spec and the fake serves them
			x, err := c.DeleteEnhancedConnectionRoutesWithResponse(ctx, project, id, route2.Name, nil)
			return pick(x, err, func() bool { return x.JSON200 != nil }, func() bool { return x.JSON400 != nil })
		}, 200, ""},
		{"delete route v2.0 again", "DeleteEnhancedConnectionRoutes", func() (outcome, error) {
			//lint:ignore SA1019 the deprecated v2.0 route paths are still in the spec and the fake serves them
			x, err := c.DeleteEnhancedConnectionRoutesWithResponse(ctx, project, id, route2.Name, nil)
			return pick(x, err, func() bool { return x.JSON200 != nil }, func() bool { return x.JSON400 != nil })
		}, 400, codeParameter},
		{"grant", "RunAuthorizationAction", func() (outcome, error) {
			x, err := c.RunAuthorizationActionWithResponse(ctx, project, nil, grantOf(id, "update", "BIND_QUEUE"))
			return pick(x, err, func() bool { return x.JSON200 != nil && *x.JSON200.IsSuccess }, func() bool { return x.JSON400 != nil })
		}, 200, ""},
		{"grant SELECT", "RunAuthorizationAction", func() (outcome, error) {
			x, err := c.RunAuthorizationActionWithResponse(ctx, project, nil, grantOf(id, "grant", "SELECT"))
			return pick(x, err, func() bool { return x.JSON200 != nil }, func() bool { return x.JSON400 != nil })
		}, 400, codeParameter},
		{"privileges of the object", "ListAuthorizationPrivileges", func() (outcome, error) {
			x, err := c.ListAuthorizationPrivilegesWithResponse(ctx, project, &gen.ListAuthorizationPrivilegesParams{Object: "edsconnections." + id})
			return pick(x, err, func() bool {
				return x.JSON200 != nil && x.JSON200.Count == 1 && x.JSON200.Privileges[0].ProjectID == otherProject
			},
				func() bool { return x.JSON400 != nil })
		}, 200, ""},
		{"privileges of a missing object", "ListAuthorizationPrivileges", func() (outcome, error) {
			x, err := c.ListAuthorizationPrivilegesWithResponse(ctx, project, &gen.ListAuthorizationPrivilegesParams{Object: "edsconnections." + missingID})
			return pick(x, err, func() bool { return x.JSON200 != nil }, func() bool { return x.JSON400 != nil })
		}, 400, codeParameter},
		{"add tags", "BatchCreateResourceTags", func() (outcome, error) {
			x, err := c.BatchCreateResourceTagsWithResponse(ctx, project, gen.ResourceTypeEnhancedConnection, id, nil,
				gen.BatchCreateResourceTagsRequest{Tags: []gen.Tag{{Key: "team", Value: "data"}}})
			return pick(x, err, func() bool { return len(x.Body) == 0 }, func() bool { return x.JSON400 != nil })
		}, 204, ""},
		{"add a key twice", "BatchCreateResourceTags", func() (outcome, error) {
			x, err := c.BatchCreateResourceTagsWithResponse(ctx, project, gen.ResourceTypeEnhancedConnection, id, nil,
				gen.BatchCreateResourceTagsRequest{Tags: []gen.Tag{{Key: "a", Value: "1"}, {Key: "a", Value: "2"}}})
			return pick(x, err, func() bool { return false }, func() bool { return x.JSON400 != nil })
		}, 400, codeParameter},
		{"show tags", "ShowResourceTags", func() (outcome, error) {
			x, err := c.ShowResourceTagsWithResponse(ctx, project, gen.ResourceTypeEnhancedConnection, id, nil)
			return pick(x, err, func() bool { return x.JSON200 != nil && x.JSON200.Count == 2 }, func() bool { return x.JSON400 != nil })
		}, 200, ""},
		{"show tags of a missing connection", "ShowResourceTags", func() (outcome, error) {
			x, err := c.ShowResourceTagsWithResponse(ctx, project, gen.ResourceTypeEnhancedConnection, missingID, nil)
			return pick(x, err, func() bool { return x.JSON200 != nil }, func() bool { return x.JSON400 != nil })
		}, 400, codeParameter},
		{"list the project's tags", "ListResourcesTags", func() (outcome, error) {
			x, err := c.ListResourcesTagsWithResponse(ctx, project, gen.ResourceTypeEnhancedConnection, nil)
			return pick(x, err, func() bool { return x.JSON200 != nil && x.JSON200.Count == 2 }, func() bool { return x.JSON400 != nil })
		}, 200, ""},
		{"list by tags", "ListResourcesByTags", func() (outcome, error) {
			x, err := c.ListResourcesByTagsWithResponse(ctx, project, gen.ResourceTypeEnhancedConnection, nil,
				gen.ResourceInstancesFilter{Tags: []gen.TagWithValues{{Key: "team", Values: []string{"data"}}}})
			return pick(x, err, func() bool {
				return x.JSON200 != nil && x.JSON200.TotalCount == 1 && x.JSON200.Resources[0].ResourceID == id
			},
				func() bool { return x.JSON400 != nil })
		}, 200, ""},
		{"list by a key twice", "ListResourcesByTags", func() (outcome, error) {
			x, err := c.ListResourcesByTagsWithResponse(ctx, project, gen.ResourceTypeEnhancedConnection, nil,
				gen.ResourceInstancesFilter{Tags: []gen.TagWithValues{{Key: "a", Values: []string{}}, {Key: "a", Values: []string{}}}})
			return pick(x, err, func() bool { return x.JSON200 != nil }, func() bool { return x.JSON400 != nil })
		}, 400, codeParameter},
		{"count by tags", "CountResourcesByTags", func() (outcome, error) {
			x, err := c.CountResourcesByTagsWithResponse(ctx, project, gen.ResourceTypeEnhancedConnection, nil,
				gen.ResourceInstancesFilter{WithoutAnyTag: true})
			return pick(x, err, func() bool { return x.JSON200 != nil && x.JSON200.TotalCount == 1 }, func() bool { return x.JSON400 != nil }) // ops2
		}, 200, ""},
		{"count by a value twice", "CountResourcesByTags", func() (outcome, error) {
			x, err := c.CountResourcesByTagsWithResponse(ctx, project, gen.ResourceTypeEnhancedConnection, nil,
				gen.ResourceInstancesFilter{Tags: []gen.TagWithValues{{Key: "a", Values: []string{"x", "x"}}}})
			return pick(x, err, func() bool { return x.JSON200 != nil }, func() bool { return x.JSON400 != nil })
		}, 400, codeParameter},
		{"remove tags", "BatchDeleteResourceTags", func() (outcome, error) {
			x, err := c.BatchDeleteResourceTagsWithResponse(ctx, project, gen.ResourceTypeEnhancedConnection, id, nil,
				gen.BatchDeleteResourceTagsRequest{Tags: []gen.DeleteTag{{Key: "team"}}})
			return pick(x, err, func() bool { return len(x.Body) == 0 }, func() bool { return x.JSON400 != nil })
		}, 204, ""},
		{"remove tags of a missing connection", "BatchDeleteResourceTags", func() (outcome, error) {
			x, err := c.BatchDeleteResourceTagsWithResponse(ctx, project, gen.ResourceTypeEnhancedConnection, missingID, nil,
				gen.BatchDeleteResourceTagsRequest{Tags: []gen.DeleteTag{{Key: "team"}}})
			return pick(x, err, func() bool { return false }, func() bool { return x.JSON400 != nil })
		}, 400, codeParameter},
		{"delete", "DeleteEnhancedConnection", func() (outcome, error) {
			x, err := c.DeleteEnhancedConnectionWithResponse(ctx, project, id, nil)
			return pick(x, err, func() bool { return x.JSON200 != nil && x.JSON200.Message == "Deleted" }, func() bool { return x.JSON400 != nil })
		}, 200, ""},
		{"delete again", "DeleteEnhancedConnection", func() (outcome, error) {
			x, err := c.DeleteEnhancedConnectionWithResponse(ctx, project, id, nil)
			return pick(x, err, func() bool { return x.JSON200 != nil }, func() bool { return x.JSON400 != nil })
		}, 400, codeParameter},
	}
	seen := map[string]bool{}
	for _, st := range steps {
		seen[st.op] = true
		t.Run(st.name, func(t *testing.T) {
			before := r.Calls(st.op)
			o, err := st.call()
			require.NoError(t, err)
			assert.Equal(t, st.status, o.resp.StatusCode, "body %s", o.body)
			assert.True(t, o.parsed, "the generated client did not decode %s", o.body)
			assert.Equal(t, before+1, r.Calls(st.op))
			assert.NotEmpty(t, o.resp.Header.Get("X-Request-Id"))
			checkResponse(t, o.resp, o.body)
			if st.wantCode != "" {
				code, _ := answer{body: o.body}.errorBody(t)
				assert.Equal(t, st.wantCode, code)
			}
		})
	}
	assert.Equal(t, specOperationIDs(t), slices.Sorted(maps.Keys(seen)),
		"every operation of the spec is exercised here, its answer checked against the spec: add a step for a new one to the steps above (fake/operations_test.go), and its handler to fake/handlers_*.go")
}

// specOperationIDs lists the operationIds of the spec, sorted.
func specOperationIDs(t *testing.T) []string {
	t.Helper()
	doc, err := enhancedconnections.Load(context.Background())
	require.NoError(t, err)
	var ids []string
	for _, item := range doc.Paths.Map() {
		for _, op := range item.Operations() {
			ids = append(ids, op.OperationID)
		}
	}
	slices.Sort(ids)
	return ids
}

// grantOf is a RunAuthorizationAction of otherProject on connection id.
func grantOf(id string, action gen.AuthorizationAction, privileges ...string) gen.RunAuthorizationActionRequest {
	return gen.RunAuthorizationActionRequest{ProjectID: otherProject, Action: action,
		Privileges: []gen.ObjectPrivileges{{Object: "edsconnections." + id, Privileges: privileges}}}
}

// httpResult is what every generated *HTTPResponse type offers.
type httpResult interface{ StatusCode() int }

// pick turns a generated answer into an outcome: ok2xx must hold for 2xx, ok400 otherwise.
func pick[T interface {
	comparable
	httpResult
}](x T, err error, ok2xx, ok400 func() bool) (outcome, error) {
	var zero T
	if err != nil || x == zero {
		return outcome{}, err
	}
	o := outcome{}
	o.resp, o.body = rawOf(x)
	if x.StatusCode() < 300 {
		o.parsed = ok2xx()
	} else {
		o.parsed = ok400()
	}
	return o, nil
}

// rawOf reads the HTTPResponse and Body fields that every generated *HTTPResponse type has.
func rawOf(x any) (*http.Response, []byte) {
	v := reflect.ValueOf(x).Elem()
	return v.FieldByName("HTTPResponse").Interface().(*http.Response), v.FieldByName("Body").Bytes()
}

// TestAnswerValidationHasTeeth makes sure checkResponse would catch a fake that drifts from the
// spec, so the tests above prove something.
func TestAnswerValidationHasTeeth(t *testing.T) {
	req, err := http.NewRequest("GET", "http://127.0.0.1:1"+connsPath(project), nil)
	require.NoError(t, err)
	answerWith := func(status int, contentType, body string) error {
		resp := &http.Response{StatusCode: status, Header: http.Header{"Content-Type": {contentType}}, Request: req}
		return validateAnswer(resp, []byte(body))
	}
	assert.NoError(t, answerWith(200, "application/json", `{"is_success":true,"count":0,"connections":[]}`))
	assert.Error(t, answerWith(200, "application/json", `{"is_success":"yes"}`), "wrong type")
	assert.Error(t, answerWith(200, "application/json", `{"connections":[{"status":"GONE"}]}`), "not in the enum")
	assert.Error(t, answerWith(200, "application/json", `{"connections":[{"hosts":[{"ip":"1.2.3.999"}]}]}`), "bad ipv4")
	assert.Error(t, answerWith(200, "text/html", `<html></html>`), "undeclared media type")
}
