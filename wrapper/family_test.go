package wrapper_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/gorillamux"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	enhancedconnections "github.com/dli-openapi/enhanced-connections"
	"github.com/dli-openapi/enhanced-connections/fake"
	"github.com/dli-openapi/enhanced-connections/gen"
	"github.com/dli-openapi/enhanced-connections/wrapper"
	"github.com/dli-openapi/enhanced-connections/wrapper/signer"
)

// Tests of the authorization and tag APIs (RunAuthorizationAction, ListAuthorizationPrivileges
// and the six tag operations) through the generated wrapper against the fake, with every answer
// the client receives validated against the spec.

const granteeProject = "330e068af1334c9782f4226acc00a2e2"

// answerChecker is a transport that validates every answer against the spec with kin-openapi
// (status, headers and body), as a strict client of the spec would, and counts the answers
// checked per operation.
type answerChecker struct {
	next   http.RoundTripper
	router routers.Router
	opts   *openapi3filter.Options

	mu       sync.Mutex
	checked  map[string]int
	failures []string
}

// specRouter finds the spec operation of a request to any host: the fake listens on 127.0.0.1,
// not on a DLI host. Parsed once per test binary; routers are safe for concurrent use.
var specRouter = sync.OnceValues(func() (routers.Router, error) {
	doc, err := openapi3.NewLoader().LoadFromData(enhancedconnections.Spec())
	if err != nil {
		return nil, err
	}
	doc.Servers = nil
	return gorillamux.NewRouter(doc)
})

func newAnswerChecker(t *testing.T) *answerChecker {
	t.Helper()
	router, err := specRouter()
	require.NoError(t, err)
	return &answerChecker{
		next:   http.DefaultTransport,
		router: router,
		opts: &openapi3filter.Options{
			IncludeResponseStatus: true,
			AuthenticationFunc:    openapi3filter.NoopAuthenticationFunc,
			SchemaValidationOptions: []openapi3.SchemaValidationOption{
				openapi3.WithStringFormatValidator("ipv4", openapi3.NewIPValidator(true)),
			},
		},
		checked: map[string]int{},
	}
}

func (a *answerChecker) RoundTrip(req *http.Request) (*http.Response, error) {
	resp, err := a.next.RoundTrip(req)
	if err != nil {
		return resp, err
	}
	body, err := io.ReadAll(resp.Body)
	_ = resp.Body.Close()
	resp.Body = io.NopCloser(bytes.NewReader(body))
	if err != nil {
		return resp, err
	}
	route, params, err := a.router.FindRoute(req)
	if err == nil {
		err = openapi3filter.ValidateResponse(req.Context(), &openapi3filter.ResponseValidationInput{
			RequestValidationInput: &openapi3filter.RequestValidationInput{Request: req, PathParams: params, Route: route, Options: a.opts},
			Status:                 resp.StatusCode,
			Header:                 resp.Header,
			Body:                   io.NopCloser(bytes.NewReader(body)),
			Options:                a.opts,
		})
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	if err != nil {
		a.failures = append(a.failures, fmt.Sprintf("%s %s -> %d %s: %v", req.Method, req.URL.Path, resp.StatusCode, body, err))
	} else {
		a.checked[route.Operation.OperationID]++
	}
	return resp, nil
}

// verify fails the test for any answer that broke the spec, and unless every operation in want
// had at least one answer checked.
func (a *answerChecker) verify(t *testing.T, want ...string) {
	t.Helper()
	a.mu.Lock()
	defer a.mu.Unlock()
	assert.Empty(t, a.failures, "answers the spec does not allow")
	for _, op := range want {
		assert.Positive(t, a.checked[op], "no answer of %s was checked", op)
	}
}

// startCheckedFake runs the fake with AK/SK checking on and a client whose answers are checked.
func startCheckedFake(t *testing.T) (*fake.Running, *wrapper.Client, *answerChecker) {
	t.Helper()
	srv, err := fake.Start(fake.Options{Credentials: map[string]string{fakeAK: fakeSK}})
	require.NoError(t, err)
	t.Cleanup(func() { _ = srv.Close() })
	checker := newAnswerChecker(t)
	c, err := wrapper.New(wrapper.Config{
		Endpoint:    srv.URL(),
		ProjectID:   fakeProject,
		Credentials: signer.Keys(fakeAK, fakeSK),
		HTTPClient:  &http.Client{Transport: checker},
		Retry:       wrapper.RetryPolicy{BaseDelay: time.Millisecond, MaxDelay: 10 * time.Millisecond},
	})
	require.NoError(t, err)
	return srv, c, checker
}

func mustCreate(t *testing.T, c *wrapper.Client, name string, tags ...gen.Tag) string {
	t.Helper()
	req := seedCreate(name)
	req.Tags = tags
	created, err := c.CreateEnhancedConnection(context.Background(), req)
	require.NoError(t, err)
	return created.ConnectionID
}

func share(action gen.AuthorizationAction, connID string, privileges ...string) gen.RunAuthorizationActionRequest {
	if privileges == nil {
		privileges = []string{}
	}
	return gen.RunAuthorizationActionRequest{ProjectID: granteeProject, Action: action,
		Privileges: []gen.ObjectPrivileges{{Object: "edsconnections." + connID, Privileges: privileges}}}
}

// grantState is what every read of a connection's grants says.
type grantState struct {
	privileges   []gen.ProjectPrivilege       // ShowEnhancedConnectionPrivilege
	showPrivis   *bool                        // ShowEnhancedConnection isPrivis
	listPrivis   *bool                        // ListEnhancedConnections isPrivis
	objectGrants []gen.AuthorizationPrivilege // ListAuthorizationPrivileges
	objectCount  int32
}

func readGrants(t *testing.T, c *wrapper.Client, id string) grantState {
	t.Helper()
	ctx := context.Background()
	var st grantState
	privs, err := c.ShowEnhancedConnectionPrivilege(ctx, id)
	require.NoError(t, err)
	st.privileges = privs.Privileges
	shown, err := c.ShowEnhancedConnection(ctx, id)
	require.NoError(t, err)
	st.showPrivis = shown.IsPrivis
	page, err := c.ListEnhancedConnections(ctx, nil)
	require.NoError(t, err)
	for _, conn := range page.Connections {
		if conn.ID == id {
			st.listPrivis = conn.IsPrivis
		}
	}
	obj, err := c.ListAuthorizationPrivileges(ctx, &gen.ListAuthorizationPrivilegesParams{Object: "edsconnections." + id})
	require.NoError(t, err)
	assert.Equal(t, id, obj.ObjectName)
	assert.Equal(t, "edsconnections", obj.ObjectType)
	st.objectGrants, st.objectCount = obj.Privileges, obj.Count
	return st
}

func TestSharingAConnectionWithAProject(t *testing.T) {
	_, c, checker := startCheckedFake(t)
	ctx := context.Background()
	id := mustCreate(t, c, "shared")
	mustCreate(t, c, "unshared")

	notShared := grantState{privileges: []gen.ProjectPrivilege{}, showPrivis: ptrTo(true), listPrivis: ptrTo(true),
		objectGrants: []gen.AuthorizationPrivilege{}}
	shared := grantState{
		privileges: []gen.ProjectPrivilege{{Object: "edsconnections." + id, ApplicantProjectID: granteeProject, Privileges: []string{"BIND_QUEUE"}}},
		// Inverted, as both clouds document it: false means granted.
		showPrivis: ptrTo(false), listPrivis: ptrTo(false),
		objectGrants: []gen.AuthorizationPrivilege{{Object: "edsconnections." + id, ProjectID: granteeProject, Privileges: []string{"BIND_QUEUE"}}},
		objectCount:  1,
	}
	require.Equal(t, notShared, readGrants(t, c, id))

	// Each step runs on the state the previous one left; grant and revoke are idempotent (a PUT
	// the wrapper retries), update sets the list.
	for _, step := range []struct {
		name string
		req  gen.RunAuthorizationActionRequest
		want grantState
	}{
		{"grant", share(gen.AuthorizationGrant, id, "BIND_QUEUE"), shared},
		{"grant again", share(gen.AuthorizationGrant, id, "BIND_QUEUE"), shared},
		{"update to none", share(gen.AuthorizationUpdate, id), notShared},
		{"update to BIND_QUEUE", share(gen.AuthorizationUpdate, id, "BIND_QUEUE"), shared},
		{"revoke", share(gen.AuthorizationRevoke, id, "BIND_QUEUE"), notShared},
		{"revoke again", share(gen.AuthorizationRevoke, id, "BIND_QUEUE"), notShared},
	} {
		t.Run(step.name, func(t *testing.T) {
			ok, err := c.RunAuthorizationAction(ctx, step.req)
			require.NoError(t, err)
			assert.True(t, *ok.IsSuccess)
			assert.Equal(t, step.want, readGrants(t, c, id))
		})
	}
	checker.verify(t, "RunAuthorizationAction", "ListAuthorizationPrivileges", "ShowEnhancedConnectionPrivilege")
}

func TestAuthorizationRefusals(t *testing.T) {
	srv, c, checker := startCheckedFake(t)
	ctx := context.Background()
	id := mustCreate(t, c, "owned")
	deleted := mustCreate(t, c, "gone")
	_, err := c.DeleteEnhancedConnection(ctx, deleted)
	require.NoError(t, err)
	edit := func(f func(*gen.RunAuthorizationActionRequest)) gen.RunAuthorizationActionRequest {
		r := share(gen.AuthorizationGrant, id, "BIND_QUEUE")
		f(&r)
		return r
	}

	// Refused by the fake, as the service would: 400 with the DLI error body.
	for _, tc := range []struct {
		name     string
		req      gen.RunAuthorizationActionRequest
		notFound bool
	}{
		{"to a user", edit(func(r *gen.RunAuthorizationActionRequest) { r.ProjectID, r.UserName = "", "user1" }), false},
		{"to nobody", edit(func(r *gen.RunAuthorizationActionRequest) { r.ProjectID = "" }), false},
		{"to the owner", edit(func(r *gen.RunAuthorizationActionRequest) { r.ProjectID = fakeProject }), false},
		{"a database", edit(func(r *gen.RunAuthorizationActionRequest) { r.Privileges[0].Object = "databases.db1" }), false},
		{"SELECT", edit(func(r *gen.RunAuthorizationActionRequest) { r.Privileges[0].Privileges = []string{"SELECT"} }), false},
		{"grant nothing", edit(func(r *gen.RunAuthorizationActionRequest) { r.Privileges[0].Privileges = []string{} }), false},
		{"a missing connection", edit(func(r *gen.RunAuthorizationActionRequest) { r.Privileges[0].Object = "edsconnections." + missingConn }), true},
		{"a deleted connection", edit(func(r *gen.RunAuthorizationActionRequest) { r.Privileges[0].Object = "edsconnections." + deleted }), true},
		{"one bad object of two", edit(func(r *gen.RunAuthorizationActionRequest) {
			r.Privileges = append(r.Privileges, gen.ObjectPrivileges{Object: "edsconnections." + missingConn, Privileges: []string{"BIND_QUEUE"}})
		}), true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := c.RunAuthorizationAction(ctx, tc.req)
			var apiErr *wrapper.APIError
			require.ErrorAs(t, err, &apiErr)
			assert.Equal(t, 400, apiErr.StatusCode)
			assert.Equal(t, "DLI.0001", apiErr.Code)
			assert.Equal(t, tc.notFound, wrapper.IsNotFound(err), "%v", err)
		})
	}
	privs, err := c.ShowEnhancedConnectionPrivilege(ctx, id)
	require.NoError(t, err)
	assert.Empty(t, privs.Privileges, "a refused request changes nothing, not even its valid part")

	_, err = c.ListAuthorizationPrivileges(ctx, &gen.ListAuthorizationPrivilegesParams{Object: "jobs.flink.9561"})
	var apiErr *wrapper.APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, "DLI.0001", apiErr.Code)
	_, err = c.ListAuthorizationPrivileges(ctx, &gen.ListAuthorizationPrivilegesParams{Object: "edsconnections." + deleted})
	assert.True(t, wrapper.IsNotFound(err), "%v", err)

	// Refused by the wrapper before sending: the spec's rules.
	before := len(srv.Requests())
	for _, tc := range []struct {
		name        string
		call        func() error
		field, rule string
	}{
		{"action share", func() error {
			_, err := c.RunAuthorizationAction(ctx, edit(func(r *gen.RunAuthorizationActionRequest) { r.Action = "share" }))
			return err
		}, "action", "enum"},
		{"projectId with a hyphen", func() error {
			_, err := c.RunAuthorizationAction(ctx, edit(func(r *gen.RunAuthorizationActionRequest) { r.ProjectID = "330e068a-f133" }))
			return err
		}, "projectId", "pattern"},
		{"user_name of 257 characters", func() error {
			_, err := c.RunAuthorizationAction(ctx, edit(func(r *gen.RunAuthorizationActionRequest) { r.UserName = string(bytes.Repeat([]byte("u"), 257)) }))
			return err
		}, "user_name", "maxLength"},
		{"no object", func() error {
			_, err := c.ListAuthorizationPrivileges(ctx, &gen.ListAuthorizationPrivilegesParams{})
			return err
		}, "object", "minLength"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var invalid *wrapper.ValidationError
			require.ErrorAs(t, tc.call(), &invalid)
			require.NotEmpty(t, invalid.Violations)
			assert.Equal(t, tc.field, invalid.Violations[0].Field)
			assert.Equal(t, tc.rule, invalid.Violations[0].Rule)
		})
	}
	assert.Len(t, srv.Requests(), before, "nothing was sent for a request the spec refuses")
	checker.verify(t, "RunAuthorizationAction", "ListAuthorizationPrivileges")
}

const missingConn = "2a620c33-5609-40c9-affd-2b6453071b0f"

func tagsOf(t *testing.T, c *wrapper.Client, id string) []gen.Tag {
	t.Helper()
	got, err := c.ShowResourceTags(context.Background(), id, nil)
	require.NoError(t, err)
	assert.Equal(t, int64(len(got.Tags)), got.Count)
	return got.Tags
}

func listedByTags(t *testing.T, c *wrapper.Client, tags string) []string {
	t.Helper()
	page, err := c.ListEnhancedConnections(context.Background(), &gen.ListEnhancedConnectionsParams{Tags: &tags})
	require.NoError(t, err)
	var names []string
	for _, conn := range page.Connections {
		names = append(names, conn.Name)
	}
	return names
}

func filtered(t *testing.T, c *wrapper.Client, params *gen.ListResourcesByTagsParams, f gen.ResourceInstancesFilter) (names []string, total int32) {
	t.Helper()
	ctx := context.Background()
	got, err := c.ListResourcesByTags(ctx, params, f)
	require.NoError(t, err)
	for _, r := range got.Resources {
		assert.NotEmpty(t, r.ResourceID)
		names = append(names, r.ResourceName)
	}
	count, err := c.CountResourcesByTags(ctx, f)
	require.NoError(t, err)
	assert.Equal(t, got.TotalCount, count.TotalCount, "CountResourcesByTags agrees with ListResourcesByTags")
	return names, got.TotalCount
}

func TestTaggingAConnection(t *testing.T) {
	_, c, checker := startCheckedFake(t)
	ctx := context.Background()
	a := mustCreate(t, c, "rds_a", gen.Tag{Key: "env", Value: "prod"}, gen.Tag{Key: "team", Value: "data"})
	b := mustCreate(t, c, "rds_b", gen.Tag{Key: "env", Value: "dev"})
	mustCreate(t, c, "plain")

	// Tags given at create.
	assert.Equal(t, []gen.Tag{{Key: "env", Value: "prod"}, {Key: "team", Value: "data"}}, tagsOf(t, c, a))
	assert.Equal(t, []string{"rds_a"}, listedByTags(t, c, "env=prod"))
	assert.Equal(t, []string{"rds_a"}, listedByTags(t, c, "env=prod,team=data"))
	assert.Empty(t, listedByTags(t, c, "env=dev,team=data"))

	keys, err := c.ListResourcesTags(ctx, nil)
	require.NoError(t, err)
	assert.Equal(t, []gen.TagWithValues{{Key: "env", Values: []string{"dev", "prod"}}, {Key: "team", Values: []string{"data"}}}, keys.Tags)
	assert.Equal(t, int64(2), keys.Count)
	one, offset := int32(1), int32(1)
	keys, err = c.ListResourcesTags(ctx, &gen.ListResourcesTagsParams{Limit: &one, Offset: &offset})
	require.NoError(t, err)
	assert.Equal(t, []gen.TagWithValues{{Key: "team", Values: []string{"data"}}}, keys.Tags)
	assert.Equal(t, int64(2), keys.Count, "count is every key, not the page")

	for _, tc := range []struct {
		name   string
		params *gen.ListResourcesByTagsParams
		filter gen.ResourceInstancesFilter
		want   []string
		total  int32
	}{
		{"no filter", nil, gen.ResourceInstancesFilter{}, []string{"rds_a", "rds_b", "plain"}, 3},
		{"env=prod", nil, gen.ResourceInstancesFilter{Tags: []gen.TagWithValues{{Key: "env", Values: []string{"prod"}}}}, []string{"rds_a"}, 1},
		{"env=prod or dev", nil, gen.ResourceInstancesFilter{Tags: []gen.TagWithValues{{Key: "env", Values: []string{"prod", "dev"}}}}, []string{"rds_a", "rds_b"}, 2},
		{"env with any value", nil, gen.ResourceInstancesFilter{Tags: []gen.TagWithValues{{Key: "env", Values: []string{}}}}, []string{"rds_a", "rds_b"}, 2},
		{"env and team", nil, gen.ResourceInstancesFilter{Tags: []gen.TagWithValues{{Key: "env", Values: []string{}}, {Key: "team", Values: []string{"data"}}}}, []string{"rds_a"}, 1},
		{"without any tag", nil, gen.ResourceInstancesFilter{WithoutAnyTag: true, Tags: []gen.TagWithValues{{Key: "env", Values: []string{}}}}, []string{"plain"}, 1},
		{"name contains rds", nil, gen.ResourceInstancesFilter{Matches: []gen.TagMatch{{Key: gen.MatchResourceName, Value: "rds"}}}, []string{"rds_a", "rds_b"}, 2},
		{"name and tag", nil, gen.ResourceInstancesFilter{Matches: []gen.TagMatch{{Key: gen.MatchResourceName, Value: "rds"}},
			Tags: []gen.TagWithValues{{Key: "env", Values: []string{"dev"}}}}, []string{"rds_b"}, 1},
		{"second page of one", &gen.ListResourcesByTagsParams{Limit: &one, Offset: &offset}, gen.ResourceInstancesFilter{}, []string{"rds_b"}, 3},
		{"offset past the end", &gen.ListResourcesByTagsParams{Offset: ptrTo(int32(7))}, gen.ResourceInstancesFilter{}, nil, 3},
	} {
		t.Run(tc.name, func(t *testing.T) {
			names, total := filtered(t, c, tc.params, tc.filter)
			assert.Equal(t, tc.want, names)
			assert.Equal(t, tc.total, total)
		})
	}

	// Through the tag API: a key the connection has takes the new value.
	require.NoError(t, c.BatchCreateResourceTags(ctx, b, gen.BatchCreateResourceTagsRequest{Tags: []gen.Tag{{Key: "env", Value: "prod"}, {Key: "owner", Value: "ops"}}}))
	assert.Equal(t, []gen.Tag{{Key: "env", Value: "prod"}, {Key: "owner", Value: "ops"}}, tagsOf(t, c, b))
	assert.Equal(t, []string{"rds_a", "rds_b"}, listedByTags(t, c, "env=prod"))
	count, err := c.CountResourcesByTags(ctx, gen.ResourceInstancesFilter{Tags: []gen.TagWithValues{{Key: "env", Values: []string{"prod"}}}})
	require.NoError(t, err)
	assert.Equal(t, int32(2), count.TotalCount)

	// Removing: by key and value, by key, and a tag that is not there.
	dev, prod := "dev", "prod"
	for _, tc := range []struct {
		name string
		del  gen.DeleteTag
		want []gen.Tag
	}{
		{"env=dev, which a does not have", gen.DeleteTag{Key: "env", Value: &dev}, []gen.Tag{{Key: "env", Value: "prod"}, {Key: "team", Value: "data"}}},
		{"env=prod", gen.DeleteTag{Key: "env", Value: &prod}, []gen.Tag{{Key: "team", Value: "data"}}},
		{"owner, which a does not have", gen.DeleteTag{Key: "owner"}, []gen.Tag{{Key: "team", Value: "data"}}},
		{"team whatever its value", gen.DeleteTag{Key: "team"}, []gen.Tag{}},
	} {
		t.Run("delete "+tc.name, func(t *testing.T) {
			require.NoError(t, c.BatchDeleteResourceTags(ctx, a, gen.BatchDeleteResourceTagsRequest{Tags: []gen.DeleteTag{tc.del}}))
			assert.Equal(t, tc.want, tagsOf(t, c, a))
		})
	}
	assert.Equal(t, []string{"rds_b"}, listedByTags(t, c, "env=prod"))
	names, _ := filtered(t, c, nil, gen.ResourceInstancesFilter{WithoutAnyTag: true})
	assert.Equal(t, []string{"rds_a", "plain"}, names)

	// A deleted connection's tags are gone with it.
	_, err = c.DeleteEnhancedConnection(ctx, b)
	require.NoError(t, err)
	_, err = c.ShowResourceTags(ctx, b, nil)
	assert.True(t, wrapper.IsNotFound(err), "%v", err)
	keys, err = c.ListResourcesTags(ctx, nil)
	require.NoError(t, err)
	assert.Empty(t, keys.Tags)
	assert.Zero(t, keys.Count)

	checker.verify(t, "BatchCreateResourceTags", "BatchDeleteResourceTags", "ShowResourceTags",
		"ListResourcesTags", "ListResourcesByTags", "CountResourcesByTags", "ListEnhancedConnections")
}

func TestTagRefusals(t *testing.T) {
	srv, c, checker := startCheckedFake(t)
	ctx := context.Background()
	nineteen := make([]gen.Tag, 19)
	for i := range nineteen {
		nineteen[i] = gen.Tag{Key: fmt.Sprintf("k%02d", i), Value: "v"}
	}
	full := mustCreate(t, c, "nineteen", nineteen...)
	apiCode := func(err error) string {
		var apiErr *wrapper.APIError
		if errors.As(err, &apiErr) {
			return fmt.Sprint(apiErr.StatusCode, " ", apiErr.Code)
		}
		return fmt.Sprint(err)
	}

	// Refused by the fake with the DLI error body: what the schema cannot say.
	for _, tc := range []struct {
		name     string
		call     func() error
		notFound bool
	}{
		{"a 21st tag", func() error {
			return c.BatchCreateResourceTags(ctx, full, gen.BatchCreateResourceTagsRequest{Tags: []gen.Tag{{Key: "x", Value: "1"}, {Key: "y", Value: "2"}}})
		}, false},
		{"a key twice", func() error {
			return c.BatchCreateResourceTags(ctx, full, gen.BatchCreateResourceTagsRequest{Tags: []gen.Tag{{Key: "x", Value: "1"}, {Key: "x", Value: "2"}}})
		}, false},
		{"a key twice at create", func() error {
			_, err := c.CreateEnhancedConnection(ctx, func() gen.CreateEnhancedConnectionRequest {
				r := seedCreate("twice")
				r.Tags = []gen.Tag{{Key: "env", Value: "a"}, {Key: "env", Value: "b"}}
				return r
			}())
			return err
		}, false},
		{"a filter key twice", func() error {
			_, err := c.ListResourcesByTags(ctx, nil, gen.ResourceInstancesFilter{Tags: []gen.TagWithValues{{Key: "env", Values: []string{}}, {Key: "env", Values: []string{"x"}}}})
			return err
		}, false},
		{"a filter value twice", func() error {
			_, err := c.CountResourcesByTags(ctx, gen.ResourceInstancesFilter{Tags: []gen.TagWithValues{{Key: "env", Values: []string{"x", "x"}}}})
			return err
		}, false},
		{"a match key twice", func() error {
			_, err := c.ListResourcesByTags(ctx, nil, gen.ResourceInstancesFilter{Matches: []gen.TagMatch{{Key: gen.MatchResourceName, Value: "a"}, {Key: gen.MatchResourceName, Value: "b"}}})
			return err
		}, false},
		{"tags of a missing connection", func() error {
			_, err := c.ShowResourceTags(ctx, missingConn, nil)
			return err
		}, true},
		{"tagging a missing connection", func() error {
			return c.BatchCreateResourceTags(ctx, missingConn, gen.BatchCreateResourceTagsRequest{Tags: []gen.Tag{{Key: "x", Value: "1"}}})
		}, true},
		{"untagging a missing connection", func() error {
			return c.BatchDeleteResourceTags(ctx, missingConn, gen.BatchDeleteResourceTagsRequest{Tags: []gen.DeleteTag{{Key: "x"}}})
		}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.call()
			assert.Equal(t, "400 DLI.0001", apiCode(err), "%v", err)
			assert.Equal(t, tc.notFound, wrapper.IsNotFound(err), "%v", err)
		})
	}
	assert.Len(t, tagsOf(t, c, full), 19, "a refused create of tags adds none")

	// Refused by the wrapper before sending: the spec's rules.
	before := len(srv.Requests())
	zero := int32(0)
	for _, tc := range []struct {
		name        string
		call        func() error
		field, rule string
	}{
		{"21 tags at once", func() error {
			return c.BatchCreateResourceTags(ctx, full, gen.BatchCreateResourceTagsRequest{Tags: append(slices.Clone(nineteen), gen.Tag{Key: "a", Value: "1"}, gen.Tag{Key: "b", Value: "2"})})
		}, "tags", "maxItems"},
		{"no tags", func() error {
			return c.BatchCreateResourceTags(ctx, full, gen.BatchCreateResourceTagsRequest{})
		}, "tags", "minItems"},
		{"a _sys_ key", func() error {
			return c.BatchCreateResourceTags(ctx, full, gen.BatchCreateResourceTagsRequest{Tags: []gen.Tag{{Key: "_sys_x", Value: "1"}}})
		}, "tags[0].key", "not"},
		{"nothing to delete", func() error {
			return c.BatchDeleteResourceTags(ctx, full, gen.BatchDeleteResourceTagsRequest{Tags: []gen.DeleteTag{}})
		}, "tags", "minItems"},
		{"an empty key to delete", func() error {
			return c.BatchDeleteResourceTags(ctx, full, gen.BatchDeleteResourceTagsRequest{Tags: []gen.DeleteTag{{Key: ""}}})
		}, "tags[0].key", "minLength"},
		{"an empty resource id", func() error {
			_, err := c.ShowResourceTags(ctx, "", nil)
			return err
		}, "resource_id", "minLength"},
		{"limit 0", func() error {
			_, err := c.ShowResourceTags(ctx, full, &gen.ShowResourceTagsParams{Limit: &zero})
			return err
		}, "limit", "minimum"},
		{"a filter key with a trailing space", func() error {
			_, err := c.CountResourcesByTags(ctx, gen.ResourceInstancesFilter{Tags: []gen.TagWithValues{{Key: "env ", Values: []string{}}}})
			return err
		}, "tags[0].key", "pattern"},
		{"a match on another field", func() error {
			_, err := c.CountResourcesByTags(ctx, gen.ResourceInstancesFilter{Matches: []gen.TagMatch{{Key: "resource_id", Value: "x"}}})
			return err
		}, "matches[0].key", "enum"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var invalid *wrapper.ValidationError
			require.ErrorAs(t, tc.call(), &invalid)
			require.NotEmpty(t, invalid.Violations)
			assert.Equal(t, tc.field, invalid.Violations[0].Field)
			assert.Equal(t, tc.rule, invalid.Violations[0].Rule)
		})
	}
	assert.Len(t, srv.Requests(), before, "nothing was sent for a request the spec refuses")
	checker.verify(t, "BatchCreateResourceTags", "BatchDeleteResourceTags", "ShowResourceTags", "ListResourcesByTags", "CountResourcesByTags")
}

// The tag API's reading POSTs and its idempotent delete carry x-idempotent, so the wrapper retries
// them after a 503 like a GET; the create of tags does not, so a 503 is final for it.
func TestIdempotentTagPostsAreRetried(t *testing.T) {
	srv, c, _ := startCheckedFake(t)
	ctx := context.Background()
	id := mustCreate(t, c, "retried", gen.Tag{Key: "env", Value: "prod"})
	for _, tc := range []struct {
		op      string
		call    func() error
		retried bool
	}{
		{"ListResourcesByTags", func() error { _, err := c.ListResourcesByTags(ctx, nil, gen.ResourceInstancesFilter{}); return err }, true},
		{"CountResourcesByTags", func() error { _, err := c.CountResourcesByTags(ctx, gen.ResourceInstancesFilter{}); return err }, true},
		{"BatchDeleteResourceTags", func() error {
			return c.BatchDeleteResourceTags(ctx, id, gen.BatchDeleteResourceTagsRequest{Tags: []gen.DeleteTag{{Key: "team"}}})
		}, true},
		{"BatchCreateResourceTags", func() error {
			return c.BatchCreateResourceTags(ctx, id, gen.BatchCreateResourceTagsRequest{Tags: []gen.Tag{{Key: "team", Value: "data"}}})
		}, false},
	} {
		t.Run(tc.op, func(t *testing.T) {
			srv.InjectFaults(tc.op, fake.Fault{Status: http.StatusServiceUnavailable})
			callsBefore := srv.Calls(tc.op)
			err := tc.call()
			sent := 0
			for _, r := range srv.Requests() {
				if r.OperationID == tc.op {
					sent++
				}
			}
			if tc.retried {
				require.NoError(t, err)
				assert.Equal(t, 2, sent, "the 503, then the retry")
				assert.Equal(t, callsBefore+1, srv.Calls(tc.op))
				return
			}
			var apiErr *wrapper.APIError
			require.ErrorAs(t, err, &apiErr)
			assert.Equal(t, http.StatusServiceUnavailable, apiErr.StatusCode)
			assert.Equal(t, 1, sent, "not retried")
			assert.Equal(t, callsBefore, srv.Calls(tc.op))
		})
	}
}

func ptrTo[T any](v T) *T { return &v }

// TestAnswerCheckerHasTeeth makes sure the checker above would catch an answer that drifts from
// the spec, so that the tests that use it prove something.
func TestAnswerCheckerHasTeeth(t *testing.T) {
	for _, tc := range []struct {
		name, method, path string
		status             int
		body               string
		ok                 bool
	}{
		{"a count", "POST", "/v3/" + fakeProject + "/dli_enhanced_datasource/resource-instances/count", 200, `{"total_count":3}`, true},
		{"a count as text", "POST", "/v3/" + fakeProject + "/dli_enhanced_datasource/resource-instances/count", 200, `{"total_count":"3"}`, false},
		{"a resource without its id", "POST", "/v3/" + fakeProject + "/dli_enhanced_datasource/resource-instances/filter", 200, `{"resources":[{"resource_name":"a"}]}`, false},
		{"tags added", "POST", "/v3/" + fakeProject + "/dli_enhanced_datasource/" + missingConn + "/tags/create", 204, ``, true},
		{"tags added, with an undeclared status", "POST", "/v3/" + fakeProject + "/dli_enhanced_datasource/" + missingConn + "/tags/create", 201, ``, false},
		{"a privilege list", "GET", "/v1.0/" + fakeProject + "/authorization/privileges?object=edsconnections.x", 200, `{"is_success":true,"count":1,"privileges":[{"project_id":"p","privileges":["BIND_QUEUE"]}]}`, true},
		{"a privilege list with a number for a name", "GET", "/v1.0/" + fakeProject + "/authorization/privileges?object=edsconnections.x", 200, `{"object_name":1}`, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			checker := newAnswerChecker(t)
			checker.next = roundTripFunc(func(r *http.Request) (*http.Response, error) {
				h := http.Header{}
				if tc.body != "" {
					h.Set("Content-Type", "application/json")
				}
				return &http.Response{StatusCode: tc.status, Header: h, Body: io.NopCloser(bytes.NewBufferString(tc.body)), Request: r}, nil
			})
			req, err := http.NewRequest(tc.method, "http://127.0.0.1:1"+tc.path, nil)
			require.NoError(t, err)
			resp, err := checker.RoundTrip(req)
			require.NoError(t, err)
			_ = resp.Body.Close()
			assert.Equal(t, tc.ok, len(checker.failures) == 0, "failures: %v", checker.failures)
		})
	}
}

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

// An operation whose success has no body (a 204) returns only an error: nil for an empty 2xx,
// an *APIError for a body that says is_success false, an *InvalidAnswerError for a body that is
// not the JSON envelope.
func TestNoContentAnswers(t *testing.T) {
	for _, tc := range []struct {
		name    string
		status  int
		body    string
		wantErr func(error) bool
	}{
		{"204", http.StatusNoContent, "", func(err error) bool { return err == nil }},
		{"200 without a body", http.StatusOK, "", func(err error) bool { return err == nil }},
		{"200 with whitespace", http.StatusOK, " \r\n", func(err error) bool { return err == nil }},
		{"200 with the envelope", http.StatusOK, `{"is_success":true,"message":""}`, func(err error) bool { return err == nil }},
		{"200 that says it failed", http.StatusOK, `{"is_success":false,"message":"tag quota"}`, func(err error) bool {
			var apiErr *wrapper.APIError
			return errors.As(err, &apiErr) && apiErr.Message == "tag quota"
		}},
		{"200 with text", http.StatusOK, `tags added`, func(err error) bool {
			var invalid *wrapper.InvalidAnswerError
			return errors.As(err, &invalid)
		}},
		{"200 with an array", http.StatusOK, `[]`, func(err error) bool {
			var invalid *wrapper.InvalidAnswerError
			return errors.As(err, &invalid)
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
				if tc.body != "" {
					w.Header().Set("Content-Type", "application/json")
				}
				w.WriteHeader(tc.status)
				_, _ = io.WriteString(w, tc.body)
			}))
			defer srv.Close()
			c, err := wrapper.New(wrapper.Config{Endpoint: srv.URL, ProjectID: fakeProject})
			require.NoError(t, err)
			err = c.BatchCreateResourceTags(context.Background(), missingConn,
				gen.BatchCreateResourceTagsRequest{Tags: []gen.Tag{{Key: "env", Value: "prod"}}})
			assert.True(t, tc.wantErr(err), "got %v", err)
			err = c.BatchDeleteResourceTags(context.Background(), missingConn,
				gen.BatchDeleteResourceTagsRequest{Tags: []gen.DeleteTag{{Key: "env"}}})
			assert.True(t, tc.wantErr(err), "delete: got %v", err)
		})
	}
}
