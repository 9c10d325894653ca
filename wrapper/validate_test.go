package wrapper

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	enhancedconnections "github.com/dli-openapi/enhanced-connections"
	"github.com/dli-openapi/enhanced-connections/gen"
	"github.com/dli-openapi/enhanced-connections/internal/schemacheck"
)

const vtConnID = "2a620c33-5609-40c9-affd-2b6453071b0f"

// vtWant is an expected violation: where, which field, which rule.
type vtWant struct{ In, Field, Rule string }

func vtValidator(t testing.TB) *validator {
	t.Helper()
	v, err := defaultValidator()
	require.NoError(t, err)
	return v
}

// vtPath returns path parameters: the project id plus the given name/value pairs.
func vtPath(nameValues ...string) map[string]string {
	m := map[string]string{"project_id": vtProjectID}
	for i := 0; i+1 < len(nameValues); i += 2 {
		m[nameValues[i]] = nameValues[i+1]
	}
	return m
}

func vtPtr[T any](v T) *T { return &v }

// ValidateRequest is validate with the path parameters as a map, as the tests write them.
func (v *validator) ValidateRequest(operationID string, path map[string]string, params, body any) error {
	var names, values []string
	for name, value := range path {
		names, values = append(names, name), append(values, value)
	}
	return v.validate(operationID, names, values, params, body)
}

// vtCreate returns a valid create body with two hosts and two tags, changed by edit.
func vtCreate(edit func(b *gen.CreateEnhancedConnectionRequest)) *gen.CreateEnhancedConnectionRequest {
	b := vtBigCreate(2)
	if edit != nil {
		edit(&b)
	}
	return &b
}

func vtTags(n int) []gen.Tag {
	tags := make([]gen.Tag, n)
	for i := range tags {
		tags[i] = gen.Tag{Key: fmt.Sprintf("k%d", i), Value: "v"}
	}
	return tags
}

func vtViolations(t *testing.T, err error) []vtWant {
	t.Helper()
	if err == nil {
		return nil
	}
	var verr *ValidationError
	require.True(t, errors.As(err, &verr), "got %T: %v", err, err)
	out := make([]vtWant, 0, len(verr.Violations))
	for _, v := range verr.Violations {
		out = append(out, vtWant{v.In, v.Field, v.Rule})
	}
	return out
}

type vtCase struct {
	name   string
	op     string
	path   map[string]string
	params any
	body   any
	want   []vtWant // nil: valid
}

func vtRun(t *testing.T, cases []vtCase) {
	v := vtValidator(t)
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			err := v.ValidateRequest(tc.op, tc.path, tc.params, tc.body)
			assert.Equal(t, tc.want, vtViolations(t, err))
		})
	}
}

// Every rule of the spec's request schemas, broken once.
func TestValidateRejectsEachRule(t *testing.T) {
	const create, update, list = "CreateEnhancedConnection", "UpdateEnhancedConnection", "ListEnhancedConnections"
	body := func(field, rule string) []vtWant { return []vtWant{{"body", field, rule}} }
	createWith := func(edit func(b *gen.CreateEnhancedConnectionRequest)) any { return vtCreate(edit) }
	host1 := func(h gen.Host) func(b *gen.CreateEnhancedConnectionRequest) {
		return func(b *gen.CreateEnhancedConnectionRequest) { b.Hosts[1] = h }
	}
	tag0 := func(key, value string) func(b *gen.CreateEnhancedConnectionRequest) {
		return func(b *gen.CreateEnhancedConnectionRequest) { b.Tags[0] = gen.Tag{Key: key, Value: value} }
	}
	goodIP := "10.0.0.1"
	cases := []vtCase{
		{"20,001 hosts", create, vtPath(), nil, vtPtr(vtBigCreate(20001)), body("hosts", "maxItems")},
		{"65-char name", create, vtPath(), nil, createWith(func(b *gen.CreateEnhancedConnectionRequest) { b.Name = strings.Repeat("a", 65) }), body("name", "maxLength")},
		{"dash in name", create, vtPath(), nil, createWith(func(b *gen.CreateEnhancedConnectionRequest) { b.Name = "my-conn" }), body("name", "pattern")},
		{"non-ASCII name", create, vtPath(), nil, createWith(func(b *gen.CreateEnhancedConnectionRequest) { b.Name = "été" }), body("name", "pattern")},
		// A required string of a typed struct is always sent; "" is present-but-empty and is
		// caught by minLength (or pattern), never by required.
		{"empty name", create, vtPath(), nil, createWith(func(b *gen.CreateEnhancedConnectionRequest) { b.Name = "" }), body("name", "minLength")},
		{"empty dest_vpc_id", create, vtPath(), nil, createWith(func(b *gen.CreateEnhancedConnectionRequest) { b.DestVpcID = "" }), body("dest_vpc_id", "minLength")},
		{"empty dest_network_id", create, vtPath(), nil, createWith(func(b *gen.CreateEnhancedConnectionRequest) { b.DestNetworkID = "" }), body("dest_network_id", "minLength")},
		{"missing name (JSON form)", create, vtPath(), nil, map[string]any{"dest_vpc_id": "v", "dest_network_id": "n"}, body("name", "required")},
		{"null name (JSON form)", create, vtPath(), nil, map[string]any{"name": nil, "dest_vpc_id": "v", "dest_network_id": "n"}, body("name", "required")},
		{"name of the wrong type (JSON form)", create, vtPath(), nil, map[string]any{"name": 5.0, "dest_vpc_id": "v", "dest_network_id": "n"}, body("name", "type")},
		{"body not an object", create, vtPath(), nil, []any{}, body("", "type")},
		{"no body", create, vtPath(), nil, nil, body("", "required")},
		{"nil body pointer", create, vtPath(), nil, (*gen.CreateEnhancedConnectionRequest)(nil), body("", "required")},
		{"raw JSON body", create, vtPath(), nil, json.RawMessage(`{"name":"a b","dest_vpc_id":"v","dest_network_id":"n"}`), body("name", "pattern")},
		{"raw body not JSON", create, vtPath(), nil, []byte(`{"name":`), body("", "type")},
		{"host name starts with a digit", create, vtPath(), nil, createWith(host1(gen.Host{Name: "1host", IP: goodIP})), body("hosts[1].name", "pattern")},
		{"129-char host name", create, vtPath(), nil, createWith(host1(gen.Host{Name: "h" + strings.Repeat("a", 128), IP: "10.0.0.1"})), body("hosts[1].name", "maxLength")},
		// A host is a name and an IP: either alone resolves nothing (the spec's Choice on Host).
		{"host without ip", create, vtPath(), nil, createWith(host1(gen.Host{Name: "db1"})), body("hosts[1].ip", "required")},
		{"host without name", create, vtPath(), nil, createWith(host1(gen.Host{IP: "10.0.0.1"})), body("hosts[1].name", "required")},
		{"empty host", "UpdateEnhancedConnection", vtPath("connection_id", vtConnID), nil, &gen.UpdateEnhancedConnectionRequest{Hosts: []gen.Host{{}}},
			[]vtWant{{"body", "hosts[0].name", "required"}, {"body", "hosts[0].ip", "required"}}}, // in the order of the schema's required
		// Queue and pool names are not empty, and each is given once.
		{"empty queue name", create, vtPath(), nil, createWith(func(b *gen.CreateEnhancedConnectionRequest) { b.Queues = []string{"q1", ""} }), body("queues[1]", "minLength")},
		{"repeated queue", create, vtPath(), nil, createWith(func(b *gen.CreateEnhancedConnectionRequest) { b.Queues = []string{"q1", "q2", "q1"} }), body("queues", "uniqueItems")},
		{"repeated pool of a bind", "AssociateQueueToEnhancedConnection", vtPath("connection_id", vtConnID), nil,
			&gen.QueueBindingRequest{ElasticResourcePools: []string{"e1", "e1"}}, body("elastic_resource_pools", "uniqueItems")},
		{"empty queue of an unbind", "DisassociateQueueFromEnhancedConnection", vtPath("connection_id", vtConnID), nil,
			&gen.QueueBindingRequest{Queues: []string{""}}, body("queues[0]", "minLength")},
		{"_sys_ tag key", create, vtPath(), nil, createWith(tag0("_sys_env", "prod")), body("tags[0].key", "not")},
		{"leading space in tag key", create, vtPath(), nil, createWith(tag0(" env", "prod")), body("tags[0].key", "pattern")},
		{"trailing space in tag key", create, vtPath(), nil, createWith(tag0("env ", "prod")), body("tags[0].key", "pattern")},
		{"tab in tag value", create, vtPath(), nil, createWith(tag0("env", "prod\t1")), body("tags[0].value", "pattern")},
		{"empty tag key", create, vtPath(), nil, createWith(tag0("", "prod")), body("tags[0].key", "minLength")},
		{"129-char tag key", create, vtPath(), nil, createWith(tag0(strings.Repeat("k", 129), "prod")), body("tags[0].key", "maxLength")},
		{"256-char tag value", create, vtPath(), nil, createWith(tag0("env", strings.Repeat("v", 256))), body("tags[0].value", "maxLength")},
		{"tag key with a slash", create, vtPath(), nil, createWith(tag0("a/b", "prod")), body("tags[0].key", "pattern")},
		{"21 tags", create, vtPath(), nil, createWith(func(b *gen.CreateEnhancedConnectionRequest) { b.Tags = vtTags(21) }), body("tags", "maxItems")},
		{"tag without value (JSON form)", create, vtPath(), nil, map[string]any{"name": "n", "dest_vpc_id": "v", "dest_network_id": "n", "tags": []any{map[string]any{"key": "k"}}}, body("tags[0].value", "required")},
		{"nil hosts of update", update, vtPath("connection_id", vtConnID), nil, &gen.UpdateEnhancedConnectionRequest{}, body("hosts", "required")},
		{"20,001 hosts of update", update, vtPath("connection_id", vtConnID), nil, &gen.UpdateEnhancedConnectionRequest{Hosts: vtHosts(20001)}, body("hosts", "maxItems")},
		{"route name with a space", "CreateRouteToEnhancedConnection", vtPath("connection_id", vtConnID), nil, &gen.CreateRouteRequest{Name: "my route", Cidr: "10.0.0.0/8"}, body("name", "pattern")},
		{"empty route name", "CreateRouteToEnhancedConnection", vtPath("connection_id", vtConnID), nil, &gen.CreateRouteRequest{Name: "", Cidr: "10.0.0.0/8"}, body("name", "minLength")},
		{"65-char route name", "CreateEnhancedConnectionRoutes", vtPath("connection_id", vtConnID), nil, &gen.CreateRouteRequest{Name: strings.Repeat("r", 65), Cidr: "10.0.0.0/8"}, body("name", "maxLength")},
		{"route cidr octet 300", "CreateRouteToEnhancedConnection", vtPath("connection_id", vtConnID), nil, &gen.CreateRouteRequest{Name: "r", Cidr: "300.1.1.0/24"}, body("cidr", "pattern")},
		{"route cidr /33", "CreateRouteToEnhancedConnection", vtPath("connection_id", vtConnID), nil, &gen.CreateRouteRequest{Name: "r", Cidr: "10.0.0.0/33"}, body("cidr", "pattern")},
		{"route cidr a word", "CreateEnhancedConnectionRoutes", vtPath("connection_id", vtConnID), nil, &gen.CreateRouteRequest{Name: "r", Cidr: "localnet"}, body("cidr", "pattern")},
		{"route cidr empty", "CreateRouteToEnhancedConnection", vtPath("connection_id", vtConnID), nil, &gen.CreateRouteRequest{Name: "r"}, body("cidr", "pattern")},
		{"limit -1", list, vtPath(), &gen.ListEnhancedConnectionsParams{Limit: vtPtr[int32](-1)}, nil, []vtWant{{"query", "limit", "minimum"}}},
		{"offset -1", list, vtPath(), gen.ListEnhancedConnectionsParams{Offset: vtPtr[int32](-1)}, nil, []vtWant{{"query", "offset", "minimum"}}},
		{"bad status", list, vtPath(), &gen.ListEnhancedConnectionsParams{Status: vtPtr(gen.ConnectionStatusFilter("FOO"))}, nil, []vtWant{{"query", "status", "pattern"}}},
		{"status with a trailing space", list, vtPath(), &gen.ListEnhancedConnectionsParams{Status: vtPtr(gen.ConnectionStatusFilter("active "))}, nil, []vtWant{{"query", "status", "pattern"}}},
		{"status CREATING is not a filter", list, vtPath(), &gen.ListEnhancedConnectionsParams{Status: vtPtr(gen.ConnectionStatusFilter(gen.ConnectionCreating))}, nil, []vtWant{{"query", "status", "pattern"}}},
		{"65-char name filter", list, vtPath(), &gen.ListEnhancedConnectionsParams{Name: vtPtr(strings.Repeat("n", 65))}, nil, []vtWant{{"query", "name", "maxLength"}}},
		{"project id with a dash", list, vtPath("project_id", "48cc-2c48"), nil, nil, []vtWant{{"path", "project_id", "pattern"}}},
		{"empty project id", "ShowEnhancedConnection", vtPath("project_id", "", "connection_id", vtConnID), nil, nil, []vtWant{{"path", "project_id", "minLength"}}},
		{"65-char project id", "ShowEnhancedConnection", vtPath("project_id", strings.Repeat("a", 65), "connection_id", vtConnID), nil, nil, []vtWant{{"path", "project_id", "maxLength"}}},
		{"X-Project-Id with a dash", list, vtPath(), &gen.ListEnhancedConnectionsParams{XProjectID: vtPtr("48cc-2c48")}, nil, []vtWant{{"header", "X-Project-Id", "pattern"}}},
		{"X-Project-Id of show", "ShowEnhancedConnection", vtPath("connection_id", vtConnID), &gen.ShowEnhancedConnectionParams{XProjectID: vtPtr("")}, nil, []vtWant{{"header", "X-Project-Id", "minLength"}}},
		{"non-UUID connection_id", "ShowEnhancedConnection", vtPath("connection_id", "not-a-uuid"), nil, nil, []vtWant{{"path", "connection_id", "pattern"}}},
		{"UUID without dashes", "DeleteEnhancedConnection", vtPath("connection_id", strings.ReplaceAll(vtConnID, "-", "")), nil, nil, []vtWant{{"path", "connection_id", "pattern"}}},
		{"missing connection_id", "ShowEnhancedConnectionPrivilege", vtPath(), nil, nil, []vtWant{{"path", "connection_id", "required"}}},
		{"missing project_id", "ShowEnhancedConnection", map[string]string{"connection_id": vtConnID}, nil, nil, []vtWant{{"path", "project_id", "required"}}},
		{"route name in the path", "DeleteRouteFromEnhancedConnection", vtPath("connection_id", vtConnID, "name", "my route"), nil, nil, []vtWant{{"path", "name", "pattern"}}},
		{"route name in the v2 path", "DeleteEnhancedConnectionRoutes", vtPath("connection_id", vtConnID), nil, nil, []vtWant{{"path", "name", "required"}}},
		{"violations in path, query, header and body order", "UpdateEnhancedConnection", vtPath("project_id", "a-b", "connection_id", "x"),
			&gen.UpdateEnhancedConnectionParams{XProjectID: vtPtr("a b")},
			&gen.UpdateEnhancedConnectionRequest{Hosts: []gen.Host{{Name: "h", IP: "1.2.3"}}},
			[]vtWant{{"path", "project_id", "pattern"}, {"path", "connection_id", "pattern"}, {"header", "X-Project-Id", "pattern"}, {"body", "hosts[0].ip", "format"}}},
	}
	// An empty ip is an absent one (omitempty), which the spec refuses as required (above).
	for _, ip := range []string{"256.1.1.1", "1.2.3", "1.2.3.4.5", "01.2.3.4", "1.2.3.04", "1.2.3.4 ", " 1.2.3.4",
		"::1", "::ffff:1.2.3.4", "a.b.c.d", "1..2.3", "1.2.3.4/24", "1.2.3.4%eth0", "１.2.3.4"} {
		cases = append(cases, vtCase{"bad ipv4 " + ip, create, vtPath(), nil,
			createWith(host1(gen.Host{Name: "h", IP: ip})), body("hosts[1].ip", "format")})
	}
	vtRun(t, cases)
}

// The limits themselves, and the characters the spec allows, pass.
func TestValidateAcceptsBoundaries(t *testing.T) {
	const create = "CreateEnhancedConnection"
	createWith := func(edit func(b *gen.CreateEnhancedConnectionRequest)) any { return vtCreate(edit) }
	tag0 := func(key, value string) func(b *gen.CreateEnhancedConnectionRequest) {
		return func(b *gen.CreateEnhancedConnectionRequest) { b.Tags[0] = gen.Tag{Key: key, Value: value} }
	}
	route := func(cidr string) vtCase {
		return vtCase{"cidr " + cidr, "CreateRouteToEnhancedConnection", vtPath("connection_id", vtConnID), nil, &gen.CreateRouteRequest{Name: "rds-net_1", Cidr: cidr}, nil}
	}
	vtRun(t, []vtCase{
		{"typical", create, vtPath(), nil, createWith(nil), nil},
		{"by value", create, vtPath(), nil, *vtCreate(nil), nil},
		{"minimal", create, vtPath(), nil, &gen.CreateEnhancedConnectionRequest{Name: "a", DestVpcID: "v", DestNetworkID: "n"}, nil},
		{"64-char name", create, vtPath(), nil, createWith(func(b *gen.CreateEnhancedConnectionRequest) { b.Name = strings.Repeat("a", 64) }), nil},
		{"20,000 hosts", create, vtPath(), nil, vtPtr(vtBigCreate(20000)), nil},
		{"128-char host name", create, vtPath(), nil, createWith(func(b *gen.CreateEnhancedConnectionRequest) {
			b.Hosts[0].Name = "h" + strings.Repeat("a", 127)
		}), nil},
		{"edge addresses", create, vtPath(), nil, createWith(func(b *gen.CreateEnhancedConnectionRequest) {
			b.Hosts[0].IP, b.Hosts[1].IP = "0.0.0.0", "255.255.255.255"
		}), nil},
		{"255-char tag value", create, vtPath(), nil, createWith(tag0("env", strings.Repeat("v", 255))), nil},
		{"128-char tag key", create, vtPath(), nil, createWith(tag0(strings.Repeat("k", 128), "v")), nil},
		{"non-ASCII letters in tag key", create, vtPath(), nil, createWith(tag0("Kostenstelle_für_été", "日本語")), nil},
		{"inner space and symbols in tag", create, vtPath(), nil, createWith(tag0("cost center:a=b+c@d.e-f", "x y")), nil},
		{"empty tag value", create, vtPath(), nil, createWith(tag0("env", "")), nil},
		// The current OTC tag table forbids spaces at the ends of a key only.
		{"spaces at the ends of a tag value", create, vtPath(), nil, createWith(tag0("env", " prod ")), nil},
		{"20 tags", create, vtPath(), nil, createWith(func(b *gen.CreateEnhancedConnectionRequest) { b.Tags = vtTags(20) }), nil},
		{"empty hosts of update", "UpdateEnhancedConnection", vtPath("connection_id", vtConnID), nil, &gen.UpdateEnhancedConnectionRequest{Hosts: []gen.Host{}}, nil},
		{"empty queue binding", "AssociateQueueToEnhancedConnection", vtPath("connection_id", vtConnID), nil, &gen.QueueBindingRequest{}, nil},
		{"queue binding", "DisassociateQueueFromEnhancedConnection", vtPath("connection_id", vtConnID), nil, gen.QueueBindingRequest{Queues: []string{"q1"}, ElasticResourcePools: []string{"e1"}}, nil},
		{"no params", "ListEnhancedConnections", vtPath(), nil, nil, nil},
		{"nil params pointer", "ListEnhancedConnections", vtPath(), (*gen.ListEnhancedConnectionsParams)(nil), nil, nil},
		{"limit 0 and every filter", "ListEnhancedConnections", vtPath(), &gen.ListEnhancedConnectionsParams{
			Limit: vtPtr[int32](0), Offset: vtPtr[int32](0), Status: vtPtr(string(gen.ConnectionActive)), Name: vtPtr(strings.Repeat("n", 64)),
			Tags: vtPtr("env=prod,team=data"), XProjectID: vtPtr(vtProjectID),
		}, nil, nil},
		{"status DELETED", "ListEnhancedConnections", vtPath(), &gen.ListEnhancedConnectionsParams{Status: vtPtr(string(gen.ConnectionDeleted))}, nil, nil},
		// The OTC list page: the service compares the status case-insensitively, and writes "Active".
		{"status Active", "ListEnhancedConnections", vtPath(), &gen.ListEnhancedConnectionsParams{Status: vtPtr("Active")}, nil, nil},
		{"status deleted", "ListEnhancedConnections", vtPath(), &gen.ListEnhancedConnectionsParams{Status: vtPtr("deleted")}, nil, nil},
		{"upper-case UUID", "ShowEnhancedConnection", vtPath("connection_id", strings.ToUpper(vtConnID)), nil, nil, nil},
		{"64-char project id", "DeleteEnhancedConnection", vtPath("project_id", strings.Repeat("A", 64), "connection_id", vtConnID), nil, nil, nil},
		{"route path", "DeleteRouteFromEnhancedConnection", vtPath("connection_id", vtConnID, "name", "route-1_a"), nil, nil, nil},
		{"JSON form", create, vtPath(), nil, map[string]any{"name": "n", "dest_vpc_id": "v", "dest_network_id": "n", "hosts": []any{map[string]any{"name": "h", "ip": "1.2.3.4"}}}, nil},
		{"raw JSON", create, vtPath(), nil, []byte(`{"name":"n","dest_vpc_id":"v","dest_network_id":"n","tags":[{"key":"k","value":""}]}`), nil},
		route("127.0.0.0"),
		route("192.168.2.0/24"),
		route("0.0.0.0/0"),
		route("10.0.0.0/32"),
		route("2407:c080:802:be7::/64"),
		route("::/0"),
	})
}

func TestValidateErrorsThatAreNotViolations(t *testing.T) {
	v := vtValidator(t)
	var verr *ValidationError

	err := v.ValidateRequest("NoSuchOperation", vtPath(), nil, nil)
	require.Error(t, err)
	assert.False(t, errors.As(err, &verr))
	assert.Contains(t, err.Error(), "unknown operation")

	err = v.ValidateRequest("DeleteEnhancedConnection", vtPath("connection_id", vtConnID), nil, vtCreate(nil))
	require.Error(t, err)
	assert.False(t, errors.As(err, &verr), "a body for an operation without one is a programming error")

	type stray struct {
		Limit *int32 `form:"limit"`
		Page  *int32 `form:"page"`
	}
	err = v.ValidateRequest("ListEnhancedConnections", vtPath(), &stray{}, nil)
	require.Error(t, err)
	assert.False(t, errors.As(err, &verr))
	assert.Contains(t, err.Error(), "page")

	err = v.ValidateRequest("ListEnhancedConnections", vtPath(), 5, nil)
	require.Error(t, err)
	assert.False(t, errors.As(err, &verr))

	err = v.ValidateRequest("CreateEnhancedConnection", vtPath(), nil, map[string]any{"name": []byte("x")})
	require.Error(t, err, "a []byte is sent as base64, which the checks do not predict")
	assert.False(t, errors.As(err, &verr))
}

func TestValidationErrorIsShortAndNamesFieldAndRule(t *testing.T) {
	v := vtValidator(t)
	b := vtBigCreate(20001)
	for i := range b.Hosts {
		b.Hosts[i].IP = "10.0.0.256"
	}
	err := v.ValidateRequest("CreateEnhancedConnection", vtPath("connection_id", "x"), nil, &b)
	var verr *ValidationError
	require.True(t, errors.As(err, &verr))
	assert.Len(t, verr.Violations, maxViolations)
	assert.Equal(t, 20002-maxViolations, verr.Omitted, "20,001 bad addresses and maxItems")
	msg := err.Error()
	assert.Less(t, len(msg), 600, msg)
	assert.True(t, strings.HasPrefix(msg,
		"dli: CreateEnhancedConnection: invalid request: body hosts: must have at most 20000 items, got 20001 (maxItems); "+
			"body hosts[0].ip: must be an IPv4 address such as 192.168.0.10 (format); "), msg)
	assert.True(t, strings.HasSuffix(msg, fmt.Sprintf("; and %d more", 20002-errorListed)), msg)
	assert.NotContains(t, msg, "10.0.0.256", "values are not echoed")

	err = v.ValidateRequest("ShowEnhancedConnection", vtPath("connection_id", "nope"), nil, nil)
	assert.EqualError(t, err, "dli: ShowEnhancedConnection: invalid request: path connection_id: must be a connection's UUID, "+
		"such as 2a620c33-5609-40c9-affd-2b6453071b0f (pattern)")

	err = v.ValidateRequest("CreateEnhancedConnection", vtPath(), nil, nil)
	assert.EqualError(t, err, "dli: CreateEnhancedConnection: invalid request: body: a request body is required (required)")
}

func TestValidateConcurrently(t *testing.T) {
	v := vtValidator(t)
	good, bad := vtCreate(nil), vtCreate(func(b *gen.CreateEnhancedConnectionRequest) { b.Hosts[0].IP = "1.2.3" })
	done := make(chan struct{})
	for i := range 8 {
		go func() {
			defer func() { done <- struct{}{} }()
			for range 200 {
				if i%2 == 0 {
					assert.NoError(t, v.ValidateRequest("CreateEnhancedConnection", vtPath(), nil, good))
				} else {
					assert.Equal(t, []vtWant{{"body", "hosts[0].ip", "format"}},
						vtViolations(t, v.ValidateRequest("CreateEnhancedConnection", vtPath(), nil, bad)))
				}
			}
		}()
	}
	for range 8 {
		<-done
	}
}

func TestEveryOperationOfTheSpecIsCompiled(t *testing.T) {
	v := vtValidator(t)
	doc, err := enhancedconnections.Load(t.Context())
	require.NoError(t, err)
	var ids []string
	for _, item := range doc.Paths.Map() {
		for _, op := range item.Operations() {
			ids = append(ids, op.OperationID)
		}
	}
	slices.Sort(ids)
	require.NotEmpty(t, ids)
	assert.Equal(t, ids, slices.Sorted(maps.Keys(v.byID)), "the rules hold every operation of the spec")
	require.NoError(t, vtCompileAll(v), "and each compiles")
	var generated []string
	for _, op := range allOperations {
		generated = append(generated, op.id)
	}
	assert.Equal(t, ids, generated, "the generated operations are the spec's: run go generate ./...")
}

// vtCompileAll compiles the checks of every operation, which a client does one by one on first use.
func vtCompileAll(v *validator) error {
	for _, id := range slices.Sorted(maps.Keys(v.byID)) {
		if _, err := v.checks(id); err != nil {
			return err
		}
	}
	return nil
}

// Rules the checks cannot honour stop the validator from being built (package fromspec refuses
// unsupported keywords earlier, when the rules are generated).
func TestNewValidatorRefusesBadRules(t *testing.T) {
	good, err := loadRules()
	require.NoError(t, err)
	v, err := newValidator(good)
	require.NoError(t, err)
	require.NoError(t, vtCompileAll(v))
	for _, tc := range []struct {
		name   string
		edit   func(r *schemacheck.Rules)
		inText string
	}{
		{"format uuid", func(r *schemacheck.Rules) { r.Schemas["#/components/schemas/ConnectionId"].Format = "uuid" }, `"uuid"`},
		{"a bad pattern", func(r *schemacheck.Rules) { r.Schemas["#/components/schemas/Host"].Properties["name"].Pattern = "(" }, `pattern "("`},
		{"an unresolved $ref", func(r *schemacheck.Rules) { delete(r.Schemas, "#/components/schemas/Tag") }, "#/components/schemas/Tag"},
		{"a parameter in a cookie", func(r *schemacheck.Rules) { r.Operations[0].Parameters[0].In = "cookie" }, "cookie"},
		{"a parameter without schema", func(r *schemacheck.Rules) { r.Operations[0].Parameters[0].Schema = nil }, "no schema"},
		{"a duplicate operationId", func(r *schemacheck.Rules) { r.Operations[1].ID = r.Operations[0].ID }, "twice"},
		{"an operation without id", func(r *schemacheck.Rules) { r.Operations[0].ID = "" }, "operationId"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rules := vtRulesCopy(t, good)
			tc.edit(rules)
			v, err := newValidator(rules)
			if err == nil {
				err = vtCompileAll(v)
			}
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.inText)
		})
	}
	_, err = newValidator(nil)
	assert.Error(t, err)
	_, err = newValidator(&schemacheck.Rules{})
	assert.Error(t, err)
}

// vtRulesCopy returns a private copy of rules: those of loadRules are shared and read-only.
func vtRulesCopy(t testing.TB, rules *schemacheck.Rules) *schemacheck.Rules {
	t.Helper()
	var buf bytes.Buffer
	require.NoError(t, rules.Encode(&buf))
	out, err := schemacheck.DecodeRules(&buf)
	require.NoError(t, err)
	return out
}

// vtKinOptions makes kin-openapi enforce `format: ipv4`, which it skips by default.
var vtKinOptions = []openapi3.SchemaValidationOption{
	openapi3.WithStringFormatValidator("ipv4", openapi3.NewIPValidator(true)),
}

// vtBodyOperations are the operations with a body, their path parameters and kin-openapi's
// schema of the body.
type vtBodyOperation struct {
	id     string
	path   map[string]string
	schema *openapi3.Schema
	valid  func(rng *rand.Rand) any
}

func vtBodyOperations(t testing.TB) []vtBodyOperation {
	t.Helper()
	doc, err := enhancedconnections.Load(t.Context())
	require.NoError(t, err)
	var out []vtBodyOperation
	for _, item := range doc.Paths.Map() {
		for _, op := range item.Operations() {
			if op.RequestBody == nil {
				continue
			}
			bo := vtBodyOperation{
				id:     op.OperationID,
				path:   vtPath("connection_id", vtConnID),
				schema: op.RequestBody.Value.Content.Get("application/json").Schema.Value,
			}
			switch op.OperationID {
			case "CreateEnhancedConnection":
				bo.valid = vtGenCreate
			case "UpdateEnhancedConnection":
				bo.valid = func(rng *rand.Rand) any { return map[string]any{"hosts": vtGenHosts(rng)} }
			case "AssociateQueueToEnhancedConnection", "DisassociateQueueFromEnhancedConnection":
				bo.valid = vtGenBinding
			case "CreateRouteToEnhancedConnection", "CreateEnhancedConnectionRoutes":
				bo.valid = func(rng *rand.Rand) any {
					return map[string]any{"name": vtPick(rng, vtRouteNames), "cidr": vtPick(rng, vtCIDRs)}
				}
			default:
				if bo.path, bo.valid = vtFamilyBody(op.OperationID); bo.valid == nil {
					t.Fatalf("no generator for the body of %s", op.OperationID)
				}
			}
			out = append(out, bo)
		}
	}
	slices.SortFunc(out, func(a, b vtBodyOperation) int { return strings.Compare(a.id, b.id) })
	return out
}

var (
	vtNames      = []string{"test", "test1", "a", "A_b_9", strings.Repeat("a", 64)}
	vtIDs        = []string{"22094d8f-c310-4621-913d-4c4d655d8495", "x", "subnet 1"}
	vtHostNames  = []string{"ecs-97f8-0001", "h", "Host.name_1-2", "h" + strings.Repeat("a", 127)}
	vtIPs        = []string{"192.168.0.1", "0.0.0.0", "255.255.255.255", "10.0.0.1", "1.2.3.4"}
	vtTagKeys    = []string{"env", "été", "cost center", "a=b", "k:v", "_sys", "x_sys_", strings.Repeat("k", 128)}
	vtTagValues  = []string{"", "prod", "x y", "日本", strings.Repeat("v", 255)}
	vtRouteNames = []string{"route", "rds-net", "a_b-c", strings.Repeat("r", 64)}
	vtCIDRs      = []string{"127.0.0.0", "192.168.2.0/24", "2407:c080:802:be7::/64", "::/0", "10.0.0.0/32", "0.0.0.0/0"}
	vtFieldNames = []string{"name", "dest_vpc_id", "dest_network_id", "elastic_resource_pools", "queues",
		"routetable_id", "hosts", "tags", "ip", "key", "value", "cidr"}
)

// vtOdd are values that break, or nearly break, some rule of some field.
var vtOdd = []any{
	"", " ", "a b", "a-b", "_sys_x", "_sys_", " x", "x ", "1.2.3", "01.2.3.4", "256.0.0.1", "::1",
	"1.2.3.4/24", "10.0.0.0/33", "300.1.1.1/8", "hello", "é", "\u00bf", "\ufffd", "1host",
	strings.Repeat("a", 65), strings.Repeat("a", 129), strings.Repeat("a", 256), "192.168.0.1", "env", "q1",
	0.0, -1.0, 1.5, 20000.0, true, false, nil,
	[]any{}, []any{"x"}, []any{1.0}, []any{nil}, []any{map[string]any{"ip": "1.2.3.4"}},
	map[string]any{}, map[string]any{"key": "k", "value": "v"}, map[string]any{"ip": "1.2.3"},
}

func vtPick[T any](rng *rand.Rand, from []T) T { return from[rng.IntN(len(from))] }

// vtOddValue picks from vtOdd and deep-copies containers: a shared map or slice that a later
// mutation changes in place would leak into every other body and can even contain itself.
func vtOddValue(rng *rand.Rand) any { return vtCopy(vtPick(rng, vtOdd)) }

func vtCopy(v any) any {
	switch v := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(v))
		for k, e := range v {
			out[k] = vtCopy(e)
		}
		return out
	case []any:
		out := make([]any, len(v))
		for i, e := range v {
			out[i] = vtCopy(e)
		}
		return out
	}
	return v
}

func vtGenHosts(rng *rand.Rand) []any {
	hosts := make([]any, rng.IntN(4))
	for i := range hosts {
		// A valid host has both (the spec's Choice on Host); mutations take one away.
		hosts[i] = map[string]any{"name": vtPick(rng, vtHostNames), "ip": vtPick(rng, vtIPs)}
	}
	return hosts
}

func vtGenStrings(rng *rand.Rand) []any {
	// Valid names are not empty and each once; mutations make them empty or repeated.
	names := []any{"q1", "q2", "e1", "any thing"}
	rng.Shuffle(len(names), func(i, j int) { names[i], names[j] = names[j], names[i] })
	return names[:rng.IntN(3)]
}

func vtGenCreate(rng *rand.Rand) any {
	b := map[string]any{
		"name":            vtPick(rng, vtNames),
		"dest_vpc_id":     vtPick(rng, vtIDs),
		"dest_network_id": vtPick(rng, vtIDs),
	}
	if rng.IntN(2) == 0 {
		b["queues"] = vtGenStrings(rng)
	}
	if rng.IntN(2) == 0 {
		b["elastic_resource_pools"] = vtGenStrings(rng)
	}
	if rng.IntN(3) == 0 {
		b["routetable_id"] = "rt-1"
	}
	if rng.IntN(4) > 0 {
		b["hosts"] = vtGenHosts(rng)
	}
	if rng.IntN(2) == 0 {
		tags := make([]any, rng.IntN(4))
		for i := range tags {
			tags[i] = map[string]any{"key": vtPick(rng, vtTagKeys), "value": vtPick(rng, vtTagValues)}
		}
		b["tags"] = tags
	}
	return b
}

func vtGenBinding(rng *rand.Rand) any {
	b := map[string]any{}
	if rng.IntN(2) == 0 {
		b["queues"] = vtGenStrings(rng)
	}
	if rng.IntN(2) == 0 {
		b["elastic_resource_pools"] = vtGenStrings(rng)
	}
	return b
}

// vtMutate changes one random place of a decoded JSON value and returns the result.
func vtMutate(rng *rand.Rand, v any) any {
	// Collect every container, then change one of them or the root.
	var containers []any
	var walk func(v any)
	walk = func(v any) {
		switch v := v.(type) {
		case map[string]any:
			containers = append(containers, v)
			for _, k := range slices.Sorted(maps.Keys(v)) {
				walk(v[k])
			}
		case []any:
			containers = append(containers, v)
			for _, e := range v {
				walk(e)
			}
		}
	}
	walk(v)
	if len(containers) == 0 || rng.IntN(20) == 0 {
		return vtOddValue(rng)
	}
	switch c := vtPick(rng, containers).(type) {
	case map[string]any:
		keys := slices.Sorted(maps.Keys(c))
		switch op := rng.IntN(4); {
		case op == 0 && len(keys) > 0:
			delete(c, vtPick(rng, keys))
		case op == 1:
			c[vtPick(rng, vtFieldNames)] = vtOddValue(rng)
		case op == 2:
			c["unknown_field"] = vtOddValue(rng)
		case len(keys) > 0:
			c[vtPick(rng, keys)] = vtOddValue(rng)
		}
	case []any:
		if len(c) > 0 && rng.IntN(3) > 0 {
			c[rng.IntN(len(c))] = vtOddValue(rng)
			break
		}
		// Grow the array past a maxItems (rarely to the 20,000 of hosts, which is slow for kin).
		n := 21
		if rng.IntN(30) == 0 {
			n = 20001
		}
		var fill any = map[string]any{"key": "k", "value": "v", "ip": "1.2.3.4"}
		if len(c) > 0 {
			fill = c[0]
		}
		grown := slices.Grow(c, n)
		for len(grown) < n {
			grown = append(grown, fill)
		}
		// Replace the array inside its parent: find it by identity in the containers.
		vtReplaceSlice(v, c, grown)
	}
	return v
}

// vtReplaceSlice swaps old for grown wherever old appears in v.
func vtReplaceSlice(v any, old, grown []any) {
	same := func(x any) bool {
		s, ok := x.([]any)
		return ok && len(s) == len(old) && (len(s) == 0 || &s[0] == &old[0]) && cap(s) == cap(old)
	}
	switch v := v.(type) {
	case map[string]any:
		for k, e := range v {
			if same(e) {
				v[k] = grown
				continue
			}
			vtReplaceSlice(e, old, grown)
		}
	case []any:
		for i, e := range v {
			if same(e) {
				v[i] = grown
				continue
			}
			vtReplaceSlice(e, old, grown)
		}
	}
}

// vtClone deep-copies a decoded JSON value through its encoding.
func vtClone(t testing.TB, v any) any {
	raw, err := json.Marshal(v)
	require.NoError(t, err)
	var out any
	require.NoError(t, json.Unmarshal(raw, &out))
	return out
}

// The differential test: on generated bodies, valid and mutated, our validator accepts
// exactly what kin-openapi accepts (with ipv4 enforced), for every operation with a body.
func TestValidateAgreesWithKinOpenAPI(t *testing.T) {
	v := vtValidator(t)
	rng := rand.New(rand.NewPCG(2026, 11))
	for _, op := range vtBodyOperations(t) {
		t.Run(op.id, func(t *testing.T) {
			accepted, rejected := 0, 0
			for i := range 260 {
				body := op.valid(rng)
				if i >= 40 {
					for range 1 + rng.IntN(2) {
						body = vtMutate(rng, body)
					}
				}
				kinOK := op.schema.VisitJSON(vtClone(t, body), vtKinOptions...) == nil
				err := v.ValidateRequest(op.id, op.path, nil, body)
				var verr *ValidationError
				require.True(t, err == nil || errors.As(err, &verr), "%v", err)
				if !assert.Equal(t, kinOK, err == nil, "body %s: ours %v", vtShort(t, body), err) {
					continue
				}
				if kinOK {
					accepted++
				} else {
					rejected++
				}
				if i < 40 {
					assert.NoError(t, err, "generated valid body %s", vtShort(t, body))
				}
			}
			t.Logf("%s: %d accepted, %d rejected by both", op.id, accepted, rejected)
			assert.Greater(t, accepted, 50)
			assert.Greater(t, rejected, 50)
		})
	}
}

func vtShort(t testing.TB, v any) string {
	raw, err := json.Marshal(v)
	require.NoError(t, err)
	if len(raw) > 300 {
		return string(raw[:300]) + "..."
	}
	return string(raw)
}

// TestEveryOperationOfTheSpecIsAClientMethod: a new operation gets its method from go generate
// alone; this fails, naming what to run, when the generated code lags behind the spec.
func TestEveryOperationOfTheSpecIsAClientMethod(t *testing.T) {
	doc, err := enhancedconnections.Load(t.Context())
	require.NoError(t, err)
	client := reflect.TypeFor[*Client]()
	for _, item := range doc.Paths.Map() {
		for _, op := range item.Operations() {
			_, ok := client.MethodByName(op.OperationID)
			assert.True(t, ok, "the spec's %s has no Client method: run go generate ./... "+
				"(internal/cmd/genwrapper writes wrapper/operations.gen.go)", op.OperationID)
		}
	}
}

// vtHosts returns n valid hosts.
func vtHosts(n int) []gen.Host {
	hosts := make([]gen.Host, n)
	for i := range hosts {
		hosts[i] = gen.Host{Name: "h", IP: "10.0.0.1"}
	}
	return hosts
}
