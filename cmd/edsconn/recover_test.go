package main

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/dli-openapi/enhanced-connections/fake"
	"github.com/dli-openapi/enhanced-connections/gen"
)

// TestCreateRecovers: `edsconn create` against `fake-server --fault ...`, one fault each. A
// create whose answer was lost after DLI made the connection exits 0 with its id and says on
// stderr that it was recovered; any other outcome of the lookup exits 1 saying so, also when
// --timeout ended the attempts.
func TestCreateRecovers(t *testing.T) {
	for _, tc := range []struct {
		name      string
		faults    []fake.Fault
		args      []string
		rival     bool // another VPC's connection has the name already
		code      int
		conns     int
		stderrHas []string
	}{
		{name: "drop,after", faults: []fake.Fault{{Drop: true, AfterHandler: true}}, code: exitOK, conns: 1,
			stderrHas: []string{"recovered by the client: the create's answer was lost (unexpected EOF)"}},
		{name: "504,after", faults: []fake.Fault{{Status: 504, AfterHandler: true}}, code: exitOK, conns: 1,
			stderrHas: []string{"recovered by the client: the create's answer was lost (HTTP 504 APIGW.0203"}},
		{name: "500 before", faults: []fake.Fault{{Status: 500}}, code: exitFailure, conns: 0,
			stderrHas: []string{`nothing was created (name "conn_x"): the lookup lists nothing of that name; the create failed: HTTP 500 DLI.0999`}},
		{name: "delay=1m before, --timeout 300ms", faults: []fake.Fault{{Delay: time.Minute}}, args: []string{"--timeout", "300ms"},
			code: exitFailure, conns: 0, stderrHas: []string{"the outcome is unknown", "may still reach DLI", "context deadline exceeded"}},
		{name: "4 x 503 before", faults: []fake.Fault{{Status: 503}, {Status: 503}, {Status: 503}, {Status: 503}}, code: exitFailure, conns: 0,
			stderrHas: []string{"nothing was created", "HTTP 503"}},
		{name: "the name is another VPC's", rival: true, code: exitFailure, conns: 1,
			stderrHas: []string{"a connection of that name exists and was not adopted", `dest_vpc_id "vpc-2"`, "DLI refused the create because the name is taken"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv := fakeEndpoint(t, fake.Options{})
			rivalID := ""
			if tc.rival {
				rivalID = createConnection(t, "conn_x", "--vpc", "vpc-2")
			}
			srv.InjectFaults("CreateEnhancedConnection", tc.faults...)
			args := append([]string{"create", "--name", "conn_x", "--vpc", "vpc-1", "--subnet", "subnet-1"}, tc.args...)
			code, out, errOut := runCLI(t, args...)
			assert.Equal(t, tc.code, code, errOut)
			conns := srv.LiveConnections(testProject)
			require.Len(t, conns, tc.conns)
			for _, s := range tc.stderrHas {
				assert.Contains(t, errOut, s)
			}
			if tc.code != exitOK {
				assert.Empty(t, out)
				if tc.rival {
					assert.Contains(t, errOut, rivalID, "the error names the connection that has the name")
				}
				return
			}
			var created gen.CreateEnhancedConnectionResponse
			require.NoError(t, json.Unmarshal([]byte(out), &created), out)
			assert.Equal(t, conns[0].ID, created.ConnectionID, "stdout has the id of the connection that exists")
			assert.Contains(t, errOut, "edsconn: recovered by the client: ")
			assert.Contains(t, errOut, "connection "+conns[0].ID+" was found by name")
		})
	}
}

// TestDemoRecoversItsCreate: the demo's create goes through the same recovery, so a lost answer
// does not stop the procedure.
func TestDemoRecoversItsCreate(t *testing.T) {
	srv := fakeEndpoint(t, fake.Options{})
	srv.InjectFaults("CreateEnhancedConnection", fake.Fault{Drop: true, AfterHandler: true})
	code, out, errOut := runCLI(t, "demo", "--vpc", "vpc-1", "--subnet", "subnet-1", "--queue", "q1")
	require.Equal(t, exitOK, code, "stderr: %s\nstdout: %s", errOut, out)
	assert.Contains(t, errOut, "recovered by the client: the create's answer was lost")
	assert.Contains(t, out, "was created, became ACTIVE, and was deleted")
	assert.Zero(t, srv.Connections(testProject))
}
