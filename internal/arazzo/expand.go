package arazzo

import (
	"fmt"
	"regexp"
	"strings"
)

// Operations returns the operationIds that the workflow calls, in order, with the steps that
// run another workflow replaced by that workflow's operations. A step that polls shows once:
// how often it runs depends on the server.
func (d *Document) Operations(workflowID string) ([]string, error) {
	return d.operations(workflowID, nil)
}

func (d *Document) operations(workflowID string, calling []string) ([]string, error) {
	for _, c := range calling {
		if c == workflowID {
			return nil, fmt.Errorf("arazzo: workflow %s calls itself (%s)", workflowID, strings.Join(append(calling, workflowID), " -> "))
		}
	}
	w, err := d.Workflow(workflowID)
	if err != nil {
		return nil, err
	}
	var ops []string
	for _, s := range w.Steps {
		switch {
		case s.OperationID != "" && s.WorkflowID != "":
			return nil, fmt.Errorf("arazzo: step %s of %s names both an operation and a workflow", s.StepID, workflowID)
		case s.OperationID != "":
			ops = append(ops, s.OperationID)
		case s.WorkflowID != "":
			sub, err := d.operations(s.WorkflowID, append(calling, workflowID))
			if err != nil {
				return nil, err
			}
			ops = append(ops, sub...)
		default:
			return nil, fmt.Errorf("arazzo: step %s of %s names neither an operation nor a workflow", s.StepID, workflowID)
		}
	}
	return ops, nil
}

// InputValues returns a value for every input of the workflow that has one: its default,
// else its first example. These are the values a runner uses when it is given none, and
// the documented examples of the spec where the workflow takes them from there.
func (d *Document) InputValues(w *Workflow) (map[string]any, error) {
	props, _, err := d.Inputs(w)
	if err != nil {
		return nil, err
	}
	values := make(map[string]any, len(props))
	for name, s := range props {
		switch {
		case s.Default != nil:
			values[name] = s.Default
		case len(s.Examples) > 0:
			values[name] = s.Examples[0]
		}
	}
	return values, nil
}

// embedded is a runtime expression inside a string, "edsconnections.{$inputs.connection_id}".
var embedded = regexp.MustCompile(`\{(\$[^{}]+)\}`)

// Substitute returns v with the input expressions replaced by their values: a string that is
// `$inputs.NAME` becomes the value itself (an array stays an array), and `{$inputs.NAME}`
// inside a string becomes the value's text. Any other runtime expression, or an input
// without a value, is an error: the caller cannot know what a runner would send.
func Substitute(v any, inputs map[string]any) (any, error) {
	switch v := v.(type) {
	case string:
		if strings.HasPrefix(v, "$") {
			return input(v, inputs)
		}
		var err error
		out := embedded.ReplaceAllStringFunc(v, func(m string) string {
			val, e := input(m[1:len(m)-1], inputs)
			if e != nil {
				err = e
				return m
			}
			return fmt.Sprint(val)
		})
		return out, err
	case []any:
		out := make([]any, len(v))
		for i, e := range v {
			s, err := Substitute(e, inputs)
			if err != nil {
				return nil, err
			}
			out[i] = s
		}
		return out, nil
	case map[string]any:
		out := make(map[string]any, len(v))
		for k, e := range v {
			s, err := Substitute(e, inputs)
			if err != nil {
				return nil, err
			}
			out[k] = s
		}
		return out, nil
	}
	return v, nil
}

func input(expr string, inputs map[string]any) (any, error) {
	name, ok := strings.CutPrefix(expr, "$inputs.")
	if !ok {
		return nil, fmt.Errorf("arazzo: %s is not an input; only inputs can be substituted", expr)
	}
	v, ok := inputs[name]
	if !ok {
		return nil, fmt.Errorf("arazzo: input %s has no value", name)
	}
	return v, nil
}
