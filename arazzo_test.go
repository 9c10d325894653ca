package enhancedconnections_test

import (
	"os"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/dli-openapi/enhanced-connections/internal/arazzo"
)

// arazzoPath is the documented procedures as Arazzo workflows, beside the spec they call.
const arazzoPath = "spec/enhanced-connections.arazzo.yaml"

// TestWorkflowsMatchTheSpec holds every workflow to the spec: operations, parameters, request
// fields, the answer fields that criteria and outputs read, the documented examples as the
// inputs' defaults, and the references between steps and workflows (arazzo_check_test.go).
// The linters check none of this; Redocly Respect finds some of it, on the paths CI runs.
func TestWorkflowsMatchTheSpec(t *testing.T) {
	doc, err := arazzo.Load(arazzoPath)
	require.NoError(t, err)
	require.NotEmpty(t, doc.Workflows)
	assert.Empty(t, checkWorkflows(doc, loadDoc(t)))
}

// TestWorkflowCheckFindsDrift changes the spec or the workflows the way an edit of one
// without the other would, and expects the check to name the problem: a check that cannot
// fail would prove nothing.
func TestWorkflowCheckFindsDrift(t *testing.T) {
	specYAML, err := os.ReadFile("spec/enhanced-connections.yaml")
	require.NoError(t, err)
	flowYAML, err := os.ReadFile(arazzoPath)
	require.NoError(t, err)
	type edit struct{ old, new string }
	tests := []struct {
		name       string
		spec, flow edit
		want       string
	}{
		{name: "an operationId renamed",
			spec: edit{"operationId: ShowEnhancedConnectionPrivilege", "operationId: ShowEnhancedConnectionPrivileges"},
			want: "workflow shareConnection step checkPrivileges: operationId ShowEnhancedConnectionPrivilege is not in the spec"},
		{name: "an answer field an output reads no longer required",
			spec: edit{"required: [connection_id]", "required: []"},
			want: "workflow createAndVerifyConnection step create: output connection_id reads $response.body#/connection_id, which the answer may lack"},
		{name: "an answer field a condition reads renamed",
			spec: edit{"        status:\n          $ref: '#/components/schemas/ConnectionStatus'", "        state:\n          $ref: '#/components/schemas/ConnectionStatus'"},
			want: "workflow waitUntilActive step poll: $response.body#/status is not in the answer's schema"},
		{name: "an answer field a JSONPath filter reads renamed",
			spec: edit{"available_queue_info:\n          type: array", "queue_info:\n          type: array"},
			want: "workflow waitUntilActive step poll: the JSONPath condition reads available_queue_info, which is no field of the answer"},
		{name: "a query parameter renamed",
			spec: edit{"- name: name\n          in: query", "- name: connection_name\n          in: query"},
			want: "workflow createAndVerifyConnection step list: parameter name in query is not a parameter of ListEnhancedConnections"},
		{name: "a request field renamed",
			spec: edit{"dest_vpc_id:\n          type: string\n          minLength: 1", "vpc_id:\n          type: string\n          minLength: 1"},
			want: "workflow createAndVerifyConnection step create: body.dest_vpc_id is not a field of the request schema"},
		{name: "the documented example changed",
			spec: edit{"name: test1\n                  dest_vpc_id", "name: test2\n                  dest_vpc_id"},
			want: "workflow createAndVerifyConnection step create: the body with the inputs' defaults"},
		{name: "the API's version moved",
			spec: edit{"  version: 0.2.0", "  version: 0.3.0"},
			want: `info.version "0.2.0" differs from the spec's info.version "0.3.0"`},
		{name: "an output reads an optional field",
			flow: edit{"          status: $response.body#/status\n      - stepId: list", "          status: $response.body#/status\n          created: $response.body#/create_time\n      - stepId: list"},
			want: "workflow createAndVerifyConnection step show: output created reads $response.body#/create_time, which the answer may lack"},
		{name: "an input misspelt",
			flow: edit{"            value: $inputs.name", "            value: $inputs.nmae"},
			want: "workflow createAndVerifyConnection step list: $inputs.nmae is not an input of the workflow"},
		{name: "an output of a later step",
			flow: edit{"            value: $steps.create.outputs.connection_id", "            value: $steps.show.outputs.connection_id"},
			want: "workflow createAndVerifyConnection step waitUntilActive: $steps.show.outputs.connection_id is not an output of an earlier step"},
		{name: "a required input of a called workflow left out",
			flow: edit{"          - name: connection_id\n            value: $steps.create.outputs.connection_id\n", ""},
			want: "workflow createAndVerifyConnection step waitUntilActive: the required input connection_id of workflow waitUntilActive is not given"},
		{name: "a status the operation does not answer",
			flow: edit{"          - condition: $statusCode == 201", "          - condition: $statusCode == 200"},
			want: "workflow createAndVerifyConnection step create: CreateEnhancedConnection does not document status 200"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			spec, flow := string(specYAML), string(flowYAML)
			for _, e := range []struct {
				text *string
				edit edit
			}{{&spec, tt.spec}, {&flow, tt.flow}} {
				if e.edit.old != "" {
					require.Contains(t, *e.text, e.edit.old, "the edit no longer applies: update the test")
					*e.text = strings.Replace(*e.text, e.edit.old, e.edit.new, 1)
				}
			}
			specDoc, err := openapi3.NewLoader().LoadFromData([]byte(spec))
			require.NoError(t, err)
			flowDoc, err := arazzo.Parse([]byte(flow))
			require.NoError(t, err)
			problems := checkWorkflows(flowDoc, specDoc)
			found := false
			for _, p := range problems {
				found = found || strings.Contains(p, tt.want)
			}
			assert.True(t, found, "want a problem containing %q, got:\n%s", tt.want, strings.Join(problems, "\n"))
		})
	}
}

// TestReadmeNamesEveryWorkflow keeps README's table of workflows ("Workflows (Arazzo)") to the
// workflows the file has.
func TestReadmeNamesEveryWorkflow(t *testing.T) {
	readme, err := os.ReadFile("README.md")
	require.NoError(t, err)
	_, section, ok := strings.Cut(string(readme), "\n### Workflows (Arazzo)\n")
	require.True(t, ok, "README has no section Workflows (Arazzo)")
	section, _, _ = strings.Cut(section, "\n#")
	var listed []string
	for _, line := range strings.Split(section, "\n") {
		if name, ok := strings.CutPrefix(line, "| `"); ok {
			name, _, _ = strings.Cut(name, "`")
			listed = append(listed, name)
		}
	}
	doc, err := arazzo.Load(arazzoPath)
	require.NoError(t, err)
	var ids []string
	for _, w := range doc.Workflows {
		ids = append(ids, w.WorkflowID)
	}
	assert.ElementsMatch(t, ids, listed)
}
