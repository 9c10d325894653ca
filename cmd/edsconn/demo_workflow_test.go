package main

import (
	"encoding/json"
	"fmt"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/dli-openapi/enhanced-connections/fake"
	"github.com/dli-openapi/enhanced-connections/internal/arazzo"
	"github.com/dli-openapi/enhanced-connections/wrapper"
)

// workflowsPath is the Arazzo description of the documented procedures; its workflow
// createAndVerifyConnection is what `edsconn demo --keep` runs.
const workflowsPath = "../../spec/enhanced-connections.arazzo.yaml"

// collapse drops repeats of the operation before: how often a wait polls depends on the
// server, not on the procedure.
func collapse(ops []string) []string { return slices.Compact(slices.Clone(ops)) }

// demoWithWorkflowInputs runs the demo against a fake with the token auth the workflows use
// and the values the workflow sends by default, and returns the operations the fake received
// and the create body.
func demoWithWorkflowInputs(t *testing.T, values map[string]any, extra ...string) (ops []string, createBody map[string]any) {
	t.Helper()
	const token = "token-of-the-workflow-test"
	srv := fakeEndpoint(t, fake.Options{Tokens: []string{token}})
	t.Setenv(wrapper.EnvAuthToken, token)
	args := []string{"demo", "--name", fmt.Sprint(values["name"]), "--vpc", fmt.Sprint(values["dest_vpc_id"]),
		"--subnet", fmt.Sprint(values["dest_network_id"])}
	queues, _ := values["queues"].([]any)
	require.NotEmpty(t, queues, "the workflow binds queues by default")
	for _, q := range queues {
		args = append(args, "--queue", fmt.Sprint(q))
	}
	code, out, errOut := runCLI(t, append(args, extra...)...)
	require.Equal(t, exitOK, code, "stderr: %s\nstdout: %s", errOut, out)
	for _, r := range srv.Requests() {
		require.NotEmpty(t, r.OperationID, "%s %s", r.Method, r.Path)
		ops = append(ops, r.OperationID)
		if r.OperationID == "CreateEnhancedConnection" {
			require.NoError(t, json.Unmarshal(r.Body, &createBody))
		}
	}
	return ops, createBody
}

// TestDemoIsTheCreateAndVerifyWorkflow holds `edsconn demo` and the Arazzo workflow of the same
// procedure together, both sides derived: the demo, given the workflow's default inputs, sends
// the body the workflow sends and calls the workflow's operations in the workflow's order;
// without --keep it goes on with the deleteConnection workflow.
func TestDemoIsTheCreateAndVerifyWorkflow(t *testing.T) {
	doc, err := arazzo.Load(workflowsPath)
	require.NoError(t, err)
	w, err := doc.Workflow("createAndVerifyConnection")
	require.NoError(t, err)
	values, err := doc.InputValues(w)
	require.NoError(t, err)
	flow, err := doc.Operations(w.WorkflowID)
	require.NoError(t, err)
	deleteFlow, err := doc.Operations("deleteConnection")
	require.NoError(t, err)

	var payload any
	for _, s := range w.Steps {
		if s.OperationID == "CreateEnhancedConnection" {
			require.NotNil(t, s.RequestBody)
			payload, err = arazzo.Substitute(s.RequestBody.Payload, values)
			require.NoError(t, err)
		}
	}
	require.NotNil(t, payload, "the workflow creates a connection")

	t.Run("keep", func(t *testing.T) {
		ops, body := demoWithWorkflowInputs(t, values, "--keep")
		assert.Equal(t, collapse(flow), collapse(ops), "the demo's operations, in order")
		assert.Equal(t, jsonRoundTrip(t, payload), jsonRoundTrip(t, body), "the create body")
	})
	t.Run("then delete", func(t *testing.T) {
		ops, _ := demoWithWorkflowInputs(t, values)
		got := collapse(ops)
		require.Greater(t, len(got), len(collapse(flow)))
		assert.Equal(t, collapse(flow), got[:len(collapse(flow))])
		rest := got[len(collapse(flow)):]
		require.LessOrEqual(t, len(rest), len(collapse(deleteFlow)), "the demo ends with %v", rest)
		assert.Equal(t, collapse(deleteFlow)[:len(rest)], rest, "after the procedure the demo deletes, as deleteConnection begins")
	})
}

func jsonRoundTrip(t *testing.T, v any) any {
	t.Helper()
	b, err := json.Marshal(v)
	require.NoError(t, err)
	var out any
	require.NoError(t, json.Unmarshal(b, &out))
	return out
}
