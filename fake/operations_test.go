package fake

import (
	"context"
	"net/http"
	"reflect"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/dli-openapi/enhanced-connections/gen"
)

// outcome is what one call through the generated client gave.
type outcome struct {
	resp   *http.Response
	body   []byte
	parsed bool // the generated client decoded the body into the field of its status
}

// TestEveryOperationAnswersPerSpec calls all 12 operations through the generated client, with
// answers that succeed and answers that refuse, and validates each answer (status, headers,
// body) against the spec.
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
			x, err := c.CreateEnhancedConnectionRoutesWithResponse(ctx, project, id, nil, route2)
			return pick(x, err, func() bool { return x.JSON200 != nil }, func() bool { return x.JSON400 != nil })
		}, 200, ""},
		{"create route v2.0 with a v3 name", "CreateEnhancedConnectionRoutes", func() (outcome, error) {
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
			x, err := c.DeleteEnhancedConnectionRoutesWithResponse(ctx, project, id, route2.Name, nil)
			return pick(x, err, func() bool { return x.JSON200 != nil }, func() bool { return x.JSON400 != nil })
		}, 200, ""},
		{"delete route v2.0 again", "DeleteEnhancedConnectionRoutes", func() (outcome, error) {
			x, err := c.DeleteEnhancedConnectionRoutesWithResponse(ctx, project, id, route2.Name, nil)
			return pick(x, err, func() bool { return x.JSON200 != nil }, func() bool { return x.JSON400 != nil })
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
	assert.Len(t, seen, 12, "every operation of the spec is exercised")
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
