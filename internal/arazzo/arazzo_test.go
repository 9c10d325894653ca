package arazzo_test

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/dli-openapi/enhanced-connections/internal/arazzo"
)

// doc is a document with a sub-workflow, references to components and inputs with defaults
// and examples.
const doc = `
arazzo: 1.0.1
info: {title: t, version: 1.2.3}
sourceDescriptions: [{name: api, url: ./api.yaml, type: openapi}]
workflows:
  - workflowId: outer
    inputs:
      type: object
      required: [id]
      properties:
        id: {$ref: '#/components/inputs/id'}
        names: {type: array, items: {type: string}, default: [a, b]}
    steps:
      - stepId: create
        operationId: Create
        parameters:
          - reference: $components.parameters.project
          - reference: $components.parameters.project
            value: other
          - {name: id, in: path, value: $inputs.id}
        onFailure:
          - reference: $components.failureActions.again
          - {name: stop, type: end}
      - stepId: wait
        workflowId: inner
      - stepId: list
        operationId: List
  - workflowId: inner
    steps:
      - {stepId: poll, operationId: Show}
      - {stepId: poll2, operationId: Show}
  - workflowId: loop
    steps:
      - {stepId: again, workflowId: loop}
  - workflowId: both
    steps:
      - {stepId: s, operationId: X, workflowId: inner}
  - workflowId: neither
    steps:
      - {stepId: s}
components:
  inputs:
    id: {type: string, examples: [id-1, id-2]}
  parameters:
    project: {name: project_id, in: path, value: $inputs.project}
  failureActions:
    again: {name: again, type: retry, retryAfter: 5, retryLimit: 3}
`

func parse(t *testing.T) *arazzo.Document {
	t.Helper()
	d, err := arazzo.Parse([]byte(doc))
	require.NoError(t, err)
	return d
}

func TestOperations(t *testing.T) {
	d := parse(t)
	tests := []struct {
		workflow string
		want     []string
		err      string
	}{
		{"outer", []string{"Create", "Show", "Show", "List"}, ""},
		{"inner", []string{"Show", "Show"}, ""},
		{"loop", nil, "workflow loop calls itself (loop -> loop)"},
		{"both", nil, "step s of both names both an operation and a workflow"},
		{"neither", nil, "step s of neither names neither an operation nor a workflow"},
		{"missing", nil, `no workflow "missing"`},
	}
	for _, tt := range tests {
		t.Run(tt.workflow, func(t *testing.T) {
			ops, err := d.Operations(tt.workflow)
			if tt.err != "" {
				require.Error(t, err)
				assert.Contains(t, err.Error(), tt.err)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, ops)
		})
	}
}

func TestReferencesAreResolved(t *testing.T) {
	d := parse(t)
	w, err := d.Workflow("outer")
	require.NoError(t, err)

	params, err := d.Parameters(w.Steps[0])
	require.NoError(t, err)
	assert.Equal(t, []arazzo.Parameter{
		{Name: "project_id", In: "path", Value: "$inputs.project"},
		{Name: "project_id", In: "path", Value: "other"},
		{Name: "id", In: "path", Value: "$inputs.id"},
	}, params, "a reference's value overrides the component's")

	actions, err := d.Actions(w.Steps[0].OnFailure, true)
	require.NoError(t, err)
	require.Len(t, actions, 2)
	assert.Equal(t, arazzo.Action{Name: "again", Type: "retry", RetryAfter: 5, RetryLimit: 3}, actions[0])
	assert.Equal(t, "stop", actions[1].Name)
	_, err = d.Actions(w.Steps[0].OnFailure, false)
	assert.ErrorContains(t, err, "no action $components.failureActions.again", "a failure action is not a success action")

	values, err := d.InputValues(w)
	require.NoError(t, err)
	assert.Equal(t, map[string]any{"id": "id-1", "names": []any{"a", "b"}}, values, "the default, else the first example")
}

func TestBrokenReferences(t *testing.T) {
	d := parse(t)
	_, err := d.Parameters(arazzo.Step{StepID: "s", Parameters: []arazzo.Parameter{{Reference: "$components.parameters.nope"}}})
	assert.ErrorContains(t, err, "step s: no parameter $components.parameters.nope")
	_, _, err = d.Inputs(&arazzo.Workflow{WorkflowID: "w", Inputs: &arazzo.Schema{Properties: map[string]*arazzo.Schema{"x": {Ref: "#/components/inputs/nope"}}}})
	assert.ErrorContains(t, err, "workflow w input x: no input #/components/inputs/nope")
}

func TestSubstitute(t *testing.T) {
	inputs := map[string]any{"id": "c-1", "queues": []any{"q1", "q2"}, "n": 3}
	tests := []struct {
		name string
		in   any
		want any
		err  string
	}{
		{"a whole value keeps its type", "$inputs.queues", []any{"q1", "q2"}, ""},
		{"embedded in a string", "edsconnections.{$inputs.id}", "edsconnections.c-1", ""},
		{"a number embedded", "n={$inputs.n}", "n=3", ""},
		{"nested", map[string]any{"a": []any{map[string]any{"b": "$inputs.id"}}, "c": true},
			map[string]any{"a": []any{map[string]any{"b": "c-1"}}, "c": true}, ""},
		{"a literal", "BIND_QUEUE", "BIND_QUEUE", ""},
		{"an input without a value", "$inputs.nope", nil, "input nope has no value"},
		{"another expression", "$steps.create.outputs.connection_id", nil, "is not an input"},
		{"another expression embedded", "x{$response.body#/id}", nil, "is not an input"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := arazzo.Substitute(tt.in, inputs)
			if tt.err != "" {
				assert.ErrorContains(t, err, tt.err)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
		})
	}
}

func TestCriterionTypeName(t *testing.T) {
	for _, tt := range []struct {
		typ  any
		want string
	}{
		{nil, "simple"},
		{"regex", "regex"},
		{map[string]any{"type": "jsonpath", "version": "draft-goessner-dispatch-jsonpath-00"}, "jsonpath"},
	} {
		assert.Equal(t, tt.want, arazzo.Criterion{Type: tt.typ}.TypeName())
	}
}

func ExampleSubstitute() {
	payload := map[string]any{"privileges": []any{map[string]any{"object": "edsconnections.{$inputs.connection_id}"}}}
	body, err := arazzo.Substitute(payload, map[string]any{"connection_id": "2a620c33-5609-40c9-affd-2b6453071b0f"})
	fmt.Println(body, err)
	// Output: map[privileges:[map[object:edsconnections.2a620c33-5609-40c9-affd-2b6453071b0f]]] <nil>
}
