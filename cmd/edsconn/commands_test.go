package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/dli-openapi/enhanced-connections/fake"
	"github.com/dli-openapi/enhanced-connections/gen"
	"github.com/dli-openapi/enhanced-connections/wrapper"
)

// TestEveryCommandAgainstAFakeServer drives each short name and each operationId against one
// fake, with flags before and after the arguments.
func TestEveryCommandAgainstAFakeServer(t *testing.T) {
	srv := fakeEndpoint(t, fake.Options{})
	id := createConnection(t, "cli_conn", "--queue", "q1", "--host", "db1=192.168.0.10", "--tag", "env=prod")

	steps := []struct {
		args []string
		want string
	}{
		{[]string{"show", id}, `"name": "cli_conn"`},
		{[]string{"show", "-o", "table", id}, "cli_conn"},
		{[]string{"show", id, "-o", "table"}, "cli_conn"},
		{[]string{"ShowEnhancedConnection", id}, `"id": "` + id + `"`},
		{[]string{"wait", "-interval", "10ms", id}, `"status": "ACTIVE"`},
		{[]string{"wait", id, "-o", "table"}, "q1=ACTIVE"},
		{[]string{"list", "-o", "table"}, "cli_conn"},
		{[]string{"list", "-status", "active", "-tags", "env=prod"}, `"cli_conn"`},
		{[]string{"ListEnhancedConnections", "--name", "cli_conn"}, `"count": 1`},
		{[]string{"update-hosts", "--host", "db2=192.168.0.11", id}, `"is_success": true`},
		{[]string{"UpdateEnhancedConnection", id, "--hosts", "name=db3,ip=192.168.0.12"}, `"is_success": true`},
		{[]string{"bind", "--queue", "q2", id}, `"is_success": true`},
		{[]string{"AssociateQueueToEnhancedConnection", id, "--queues", "q3"}, `"is_success": true`},
		{[]string{"unbind", "--queue", "q1", id}, `"is_success": true`},
		{[]string{"DisassociateQueueFromEnhancedConnection", id, "--body", `{"queues": ["q3"]}`}, `"is_success": true`},
		{[]string{"privileges", id}, `"connection_id": "` + id + `"`},
		{[]string{"privileges", id, "-o", "table"}, "connection_id: " + id},
		{[]string{"grant", id, "330e068af1334c9782f4226acc00a2e2"}, `"is_success": true`},
		{[]string{"privileges", id}, `"applicant_project_id": "330e068af1334c9782f4226acc00a2e2"`},
		{[]string{"ListAuthorizationPrivileges", "--object", "edsconnections." + id}, `"330e068af1334c9782f4226acc00a2e2"`},
		{[]string{"revoke", id, "330e068af1334c9782f4226acc00a2e2", "-o", "table"}, "ok"},
		{[]string{"tags", id}, `"key": "env"`},
		{[]string{"tags-add", id, "--tag", "team=data"}, `{}`},
		{[]string{"tags-keys", "-o", "table"}, "team"},
		{[]string{"tags-filter", "--body", `{"tags": [{"key": "team", "values": ["data"]}]}`}, `"resource_id": "` + id + `"`},
		{[]string{"tags-count", "--body", `{"tags": [{"key": "env", "values": ["prod"]}]}`}, `"total_count": 1`},
		{[]string{"tags-delete", id, "--body", `{"tags": [{"key": "team"}]}`, "-o", "table"}, "ok"},
		{[]string{"route-add", "--name", "r1", "--cidr", "10.0.0.0/24", id}, `"is_success": true`},
		{[]string{"route-delete", id, "r1"}, `"is_success": true`},
		{[]string{"CreateEnhancedConnectionRoutes", id, "--name", "r2", "--cidr", "10.0.1.0/24"}, `"is_success": true`},
		{[]string{"DeleteEnhancedConnectionRoutes", id, "r2", "-o", "table"}, "ok"},
		{[]string{"delete", "-o", "table", id}, "ok: Deleted"},
	}
	for _, s := range steps {
		code, out, errOut := runCLI(t, s.args...)
		assert.Equal(t, exitOK, code, "%v: %s", s.args, errOut)
		assert.Contains(t, out, s.want, "%v", s.args)
		assert.NotContains(t, errOut, "embedded fake", "DLI_ENDPOINT is used, not the embedded fake")
	}
	assert.Zero(t, srv.Connections(testProject))
}

// The body comes whole from --body, --file or standard input, and flags override its scalars
// and add to its arrays.
func TestBodyFromJSONAndFlags(t *testing.T) {
	srv := fakeEndpoint(t, fake.Options{})
	file := filepath.Join(t.TempDir(), "body.json")
	require.NoError(t, os.WriteFile(file, []byte(`{"name": "from_file", "dest_vpc_id": "v", "dest_network_id": "s",
		"hosts": [{"name": "h1", "ip": "10.0.0.1"}]}`), 0o600))

	tests := []struct {
		name, stdin string
		args        []string
		wantName    string
		wantHosts   []gen.Host
	}{
		{"file", "", []string{"--file", file}, "from_file", []gen.Host{{Name: "h1", IP: "10.0.0.1"}}},
		{"file, a flag overrides a scalar and extends an array", "", []string{"--file", file, "--name", "renamed", "--host", "h2=10.0.0.2"},
			"renamed", []gen.Host{{Name: "h1", IP: "10.0.0.1"}, {Name: "h2", IP: "10.0.0.2"}}},
		{"stdin", `{"name": "from_stdin", "dest_vpc_id": "v", "dest_network_id": "s"}`, []string{"--file", "-"}, "from_stdin", nil},
		{"body and generic object form", "", []string{"--body", `{"name": "from_body", "dest_vpc_id": "v"}`, "--subnet", "s",
			"--hosts", "name=h3,ip=10.0.0.3"}, "from_body", []gen.Host{{Name: "h3", IP: "10.0.0.3"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := runCLIInput(t, tt.stdin, append([]string{"CreateEnhancedConnection"}, tt.args...)...)
			require.Equal(t, exitOK, code, errOut)
			var created gen.CreateEnhancedConnectionResponse
			require.NoError(t, json.Unmarshal([]byte(out), &created))
			code, out, errOut = runCLI(t, "show", created.ConnectionID)
			require.Equal(t, exitOK, code, errOut)
			var conn gen.ShowEnhancedConnectionResponse
			require.NoError(t, json.Unmarshal([]byte(out), &conn))
			assert.Equal(t, tt.wantName, conn.Name)
			assert.Equal(t, tt.wantHosts, conn.Hosts)
		})
	}
	assert.Equal(t, len(tests), srv.Calls("CreateEnhancedConnection"))
}

// --all pages with limit and offset until a short page and prints one answer; without it one
// page is one call.
func TestListPages(t *testing.T) {
	srv := fakeEndpoint(t, fake.Options{})
	for i := range 5 {
		createConnection(t, fmt.Sprintf("conn_%d", i))
	}
	listed := func(args ...string) gen.ListEnhancedConnectionsResponse {
		t.Helper()
		code, out, errOut := runCLI(t, args...)
		require.Equal(t, exitOK, code, errOut)
		var page gen.ListEnhancedConnectionsResponse
		require.NoError(t, json.Unmarshal([]byte(out), &page), out)
		return page
	}
	before := srv.Calls("ListEnhancedConnections")
	one := listed("ListEnhancedConnections", "--limit", "2")
	assert.Len(t, one.Connections, 2)
	assert.Equal(t, before+1, srv.Calls("ListEnhancedConnections"))

	all := listed("ListEnhancedConnections", "--limit", "2", "--all")
	assert.Len(t, all.Connections, 5)
	assert.EqualValues(t, 5, all.Count, "count is the merged length")
	assert.Equal(t, before+1+3, srv.Calls("ListEnhancedConnections"), "pages of 2, 2 and 1")

	alias := listed("list", "--page-size", "3")
	assert.Len(t, alias.Connections, 5, "list is ListEnhancedConnections --all")
	ids := map[string]bool{}
	for _, c := range alias.Connections {
		ids[c.ID] = true
	}
	assert.Len(t, ids, 5, "no connection twice")
}

// With credentials the CLI signs its calls; the secret key shows in no output, also when the
// gateway refuses the signature.
func TestSignedCallsKeepTheSecret(t *testing.T) {
	const sk = "SK-4f1c9e0b-must-not-leak"
	fakeEndpoint(t, fake.Options{Credentials: map[string]string{"AK-test": sk}})
	t.Setenv(wrapper.EnvAccessKey, "AK-test")
	t.Setenv(wrapper.EnvSecretKey, sk)
	id := createConnection(t, "signed")
	code, out, errOut := runCLI(t, "show", id, "-o", "table")
	assert.Equal(t, exitOK, code, errOut)
	assert.NotContains(t, out+errOut, sk)

	t.Setenv(wrapper.EnvSecretKey, sk+"-wrong")
	code, out, errOut = runCLI(t, "show", id)
	assert.Equal(t, exitFailure, code)
	assert.Contains(t, errOut, "HTTP 401 APIGW.0301")
	assert.NotContains(t, out+errOut, sk)
}
