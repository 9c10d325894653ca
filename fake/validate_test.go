package fake

import (
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestRequestsTheSpecRefusesReachNoOperation sends requests the spec does not allow: each gets
// 400 DLI.0001 naming the field, and no operation runs.
func TestRequestsTheSpecRefusesReachNoOperation(t *testing.T) {
	tests := refusedRequests()
	r := start(t, Options{})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := send(t, http.DefaultClient, tt.method, r.URL()+tt.path, tt.body, tt.header)
			require.NoError(t, err)
			require.Equal(t, http.StatusBadRequest, a.status, "body %s", a.body)
			code, msg := a.errorBody(t)
			assert.Equal(t, codeParameter, code)
			assert.True(t, strings.HasPrefix(msg, tt.wantField+": "), "message %q should name %q", msg, tt.wantField)
			assert.Less(t, len(a.body), 400, "errors stay short")
			assert.Equal(t, 0, r.Calls(""), "no operation ran")
		})
	}
}

// TestUnknownRoutesAre404 checks the gateway-style answer for paths and methods the spec does
// not define.
func TestUnknownRoutesAre404(t *testing.T) {
	r := start(t, Options{})
	tests := []struct{ name, method, path string }{
		{"unknown path", "GET", "/v2.0/" + project + "/queues"},
		{"unknown version", "GET", "/v4/" + project + "/datasource/enhanced-connections"},
		{"trailing segment", "GET", connsPath(project) + "/" + missingID + "/nothing"},
		{"undefined method", "PATCH", connsPath(project)},
		{"v3 has no list", "GET", "/v3/" + project + "/datasource/enhanced-connections"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := mustSend(t, r, tt.method, tt.path, "")
			require.Equal(t, http.StatusNotFound, a.status, "body %s", a.body)
			code, msg := a.errorBody(t)
			assert.Equal(t, codeNoAPI, code)
			assert.NotEmpty(t, msg)
			assert.Equal(t, "application/json", a.header.Get("Content-Type"))
		})
	}
	assert.Equal(t, 0, r.Calls(""))
}

// TestDescribeRequestErrorKeepsValuesOut guards the short-message promise for a value that
// would be large or sensitive: the message never quotes it.
func TestDescribeRequestErrorKeepsValuesOut(t *testing.T) {
	r := start(t, Options{})
	secretish := strings.Repeat("Z", 70)
	a := mustSend(t, r, "POST", connsPath(project), `{"name":"`+secretish+`","dest_vpc_id":"v","dest_network_id":"n"}`)
	require.Equal(t, http.StatusBadRequest, a.status)
	assert.NotContains(t, string(a.body), secretish)
}

// refusedRequest is a request the spec does not allow, and the field the refusal names.
type refusedRequest struct {
	name      string
	method    string
	path      string
	body      string
	wantField string // the error message starts with "<field>: "
	header    http.Header
}

// refusedRequests are requests the spec refuses, one per kind of rule, for the fake and for
// kin-openapi's second opinion (validate_kin_test.go).
func refusedRequests() []refusedRequest {
	hosts := strings.TrimSuffix(strings.Repeat(`{"name":"h","ip":"10.0.0.1"},`, 20001), ",")
	conn := connsPath(project) + "/" + missingID
	return []refusedRequest{
		{"name with a dash", "POST", connsPath(project), `{"name":"a-b","dest_vpc_id":"v","dest_network_id":"n"}`, "name", nil},
		{"name too long", "POST", connsPath(project), `{"name":"` + strings.Repeat("a", 65) + `","dest_vpc_id":"v","dest_network_id":"n"}`, "name", nil},
		{"name missing", "POST", connsPath(project), `{"dest_vpc_id":"v","dest_network_id":"n"}`, "name", nil},
		{"empty dest_vpc_id", "POST", connsPath(project), `{"name":"a","dest_vpc_id":"","dest_network_id":"n"}`, "dest_vpc_id", nil},
		{"20,001 hosts", "POST", connsPath(project), `{"name":"a","dest_vpc_id":"v","dest_network_id":"n","hosts":[` + hosts + `]}`, "hosts", nil},
		{"bad ipv4 in create", "POST", connsPath(project), `{"name":"a","dest_vpc_id":"v","dest_network_id":"n","hosts":[{"name":"h","ip":"10.0.0.256"}]}`, "hosts/0/ip", nil},
		{"host name starting with a digit", "POST", connsPath(project), `{"name":"a","dest_vpc_id":"v","dest_network_id":"n","hosts":[{"name":"1h","ip":"10.0.0.1"}]}`, "hosts/0/name", nil},
		{"21 tags", "POST", connsPath(project), `{"name":"a","dest_vpc_id":"v","dest_network_id":"n","tags":[` + strings.TrimSuffix(strings.Repeat(`{"key":"k","value":"v"},`, 21), ",") + `]}`, "tags", nil},
		{"tag key _sys_", "POST", connsPath(project), `{"name":"a","dest_vpc_id":"v","dest_network_id":"n","tags":[{"key":"_sys_x","value":"v"}]}`, "tags/0/key", nil},
		{"queues not an array", "POST", connsPath(project), `{"name":"a","dest_vpc_id":"v","dest_network_id":"n","queues":"q1"}`, "queues", nil},
		{"not JSON", "POST", connsPath(project), `{"name":`, "body", nil},
		{"no body", "POST", connsPath(project), ``, "body", nil},
		{"bad ipv4 in update", "PUT", conn, `{"hosts":[{"name":"h","ip":"1.2.3"}]}`, "hosts/0/ip", nil},
		{"update without hosts", "PUT", conn, `{}`, "hosts", nil},
		{"bad project id", "GET", connsPath("not-hex_!"), ``, "project_id", nil},
		{"project id too long", "GET", connsPath(strings.Repeat("a", 65)), ``, "project_id", nil},
		{"connection id not a uuid", "GET", connsPath(project) + "/abc", ``, "connection_id", nil},
		{"negative limit", "GET", connsPath(project) + "?limit=-1", ``, "limit", nil},
		{"limit not a number", "GET", connsPath(project) + "?limit=ten", ``, "limit", nil},
		{"offset too large for int32", "GET", connsPath(project) + "?offset=3000000000", ``, "offset", nil},
		{"unknown status", "GET", connsPath(project) + "?status=BROKEN", ``, "status", nil},
		{"bad X-Project-Id", "GET", connsPath(project), ``, "X-Project-Id", http.Header{"X-Project-Id": {"not valid!"}}},
		{"not JSON content", "POST", connsPath(project), `{"name":"a","dest_vpc_id":"v","dest_network_id":"n"}`, "Content-Type", http.Header{"Content-Type": {"text/plain"}}},
		{"route name with a space", "POST", "/v3/" + project + "/datasource/enhanced-connections/" + missingID + "/routes", `{"name":"a b","cidr":"10.0.0.0/8"}`, "name", nil},
		{"route cidr not a network", "POST", "/v3/" + project + "/datasource/enhanced-connections/" + missingID + "/routes", `{"name":"r","cidr":"10.0.0.0/33"}`, "cidr", nil},
		{"route without cidr", "POST", "/v2.0/" + project + "/datasource/enhanced-connections/" + missingID + "/routes", `{"name":"r"}`, "cidr", nil},
		{"bind with a number", "POST", conn + "/associate-queue", `{"queues":[1]}`, "queues/0", nil},
	}
}
