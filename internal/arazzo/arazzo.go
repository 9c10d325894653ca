// Package arazzo reads the parts of an Arazzo 1.0 document (spec/enhanced-connections.arazzo.yaml)
// that this module's tests hold against the OpenAPI spec and the CLI's demo: workflows, their
// inputs, steps, parameters, request bodies, criteria, actions and outputs, with the references
// to components resolved. It runs nothing: Redocly Respect runs the workflows in CI.
package arazzo

import (
	"fmt"
	"os"
	"strings"

	"gopkg.in/yaml.v3"
)

// Document is an Arazzo document, as far as the tests read it.
type Document struct {
	Arazzo             string              `yaml:"arazzo"`
	Info               Info                `yaml:"info"`
	SourceDescriptions []SourceDescription `yaml:"sourceDescriptions"`
	Workflows          []Workflow          `yaml:"workflows"`
	Components         Components          `yaml:"components"`
}

// Info is the document's info object.
type Info struct {
	Title   string `yaml:"title"`
	Version string `yaml:"version"`
}

// SourceDescription names an API description the steps' operationIds refer to.
type SourceDescription struct {
	Name string `yaml:"name"`
	URL  string `yaml:"url"`
	Type string `yaml:"type"`
}

// Workflow is one procedure: its inputs (a JSON Schema), steps and outputs.
type Workflow struct {
	WorkflowID string            `yaml:"workflowId"`
	Inputs     *Schema           `yaml:"inputs"`
	Steps      []Step            `yaml:"steps"`
	Outputs    map[string]string `yaml:"outputs"`
}

// Step calls one operation of the source description (OperationID) or another workflow
// (WorkflowID).
type Step struct {
	StepID          string            `yaml:"stepId"`
	OperationID     string            `yaml:"operationId"`
	WorkflowID      string            `yaml:"workflowId"`
	Parameters      []Parameter       `yaml:"parameters"`
	RequestBody     *RequestBody      `yaml:"requestBody"`
	SuccessCriteria []Criterion       `yaml:"successCriteria"`
	OnSuccess       []Action          `yaml:"onSuccess"`
	OnFailure       []Action          `yaml:"onFailure"`
	Outputs         map[string]string `yaml:"outputs"`
}

// Parameter is a parameter of a step, or a reference to one of the components
// (Reference set, Value optionally overriding the component's).
type Parameter struct {
	Reference string `yaml:"reference"`
	Name      string `yaml:"name"`
	In        string `yaml:"in"`
	Value     any    `yaml:"value"`
}

// RequestBody is what a step sends as the request body.
type RequestBody struct {
	ContentType string `yaml:"contentType"`
	Payload     any    `yaml:"payload"`
}

// Criterion is a condition on a step's answer: simple (Type empty), regex or jsonpath.
type Criterion struct {
	Context   string `yaml:"context"`
	Condition string `yaml:"condition"`
	Type      any    `yaml:"type"`
}

// TypeName is the criterion's type, "simple" when none is given; for an expression type
// object, its type.
func (c Criterion) TypeName() string {
	switch t := c.Type.(type) {
	case nil:
		return "simple"
	case string:
		return t
	case map[string]any:
		s, _ := t["type"].(string)
		return s
	}
	return fmt.Sprint(c.Type)
}

// Action is a success or failure action, or a reference to one of the components.
type Action struct {
	Reference  string      `yaml:"reference"`
	Name       string      `yaml:"name"`
	Type       string      `yaml:"type"`
	WorkflowID string      `yaml:"workflowId"`
	StepID     string      `yaml:"stepId"`
	RetryAfter float64     `yaml:"retryAfter"`
	RetryLimit int         `yaml:"retryLimit"`
	Criteria   []Criterion `yaml:"criteria"`
}

// Components are the document's reusable objects.
type Components struct {
	Inputs         map[string]*Schema   `yaml:"inputs"`
	Parameters     map[string]Parameter `yaml:"parameters"`
	SuccessActions map[string]Action    `yaml:"successActions"`
	FailureActions map[string]Action    `yaml:"failureActions"`
}

// Schema is the part of a JSON Schema the inputs use.
type Schema struct {
	Ref        string             `yaml:"$ref"`
	Type       string             `yaml:"type"`
	Format     string             `yaml:"format"`
	Required   []string           `yaml:"required"`
	Properties map[string]*Schema `yaml:"properties"`
	Items      *Schema            `yaml:"items"`
	Default    any                `yaml:"default"`
	Examples   []any              `yaml:"examples"`
}

// Load reads and parses the Arazzo document at path.
func Load(path string) (*Document, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("arazzo: %w", err)
	}
	d, err := Parse(raw)
	if err != nil {
		return nil, fmt.Errorf("arazzo: %s: %w", path, err)
	}
	return d, nil
}

// Parse parses an Arazzo document. Fields it does not model are skipped: the structure is
// the linters' concern (Spectral's arazzo-document-schema checks it against Arazzo's schema).
func Parse(raw []byte) (*Document, error) {
	var d Document
	if err := yaml.Unmarshal(raw, &d); err != nil {
		return nil, err
	}
	return &d, nil
}

// Workflow returns the workflow with the id.
func (d *Document) Workflow(id string) (*Workflow, error) {
	for i := range d.Workflows {
		if d.Workflows[i].WorkflowID == id {
			return &d.Workflows[i], nil
		}
	}
	return nil, fmt.Errorf("arazzo: no workflow %q", id)
}

// Parameters returns the step's parameters with references to the components resolved.
func (d *Document) Parameters(s Step) ([]Parameter, error) {
	out := make([]Parameter, 0, len(s.Parameters))
	for _, p := range s.Parameters {
		if p.Reference == "" {
			out = append(out, p)
			continue
		}
		name, ok := strings.CutPrefix(p.Reference, "$components.parameters.")
		c, found := d.Components.Parameters[name]
		if !ok || !found {
			return nil, fmt.Errorf("arazzo: step %s: no parameter %s", s.StepID, p.Reference)
		}
		if p.Value != nil {
			c.Value = p.Value
		}
		out = append(out, c)
	}
	return out, nil
}

// Actions returns the actions with references to the components resolved; failure says
// which of the components' lists the references name.
func (d *Document) Actions(list []Action, failure bool) ([]Action, error) {
	prefix, components := "$components.successActions.", d.Components.SuccessActions
	if failure {
		prefix, components = "$components.failureActions.", d.Components.FailureActions
	}
	out := make([]Action, 0, len(list))
	for _, a := range list {
		if a.Reference == "" {
			out = append(out, a)
			continue
		}
		name, ok := strings.CutPrefix(a.Reference, prefix)
		c, found := components[name]
		if !ok || !found {
			return nil, fmt.Errorf("arazzo: no action %s", a.Reference)
		}
		out = append(out, c)
	}
	return out, nil
}

// Inputs returns the workflow's input properties, with references to the components'
// inputs resolved, and the names of the required ones.
func (d *Document) Inputs(w *Workflow) (map[string]*Schema, []string, error) {
	if w.Inputs == nil {
		return map[string]*Schema{}, nil, nil
	}
	props := make(map[string]*Schema, len(w.Inputs.Properties))
	for name, s := range w.Inputs.Properties {
		r, err := d.resolve(s)
		if err != nil {
			return nil, nil, fmt.Errorf("arazzo: workflow %s input %s: %w", w.WorkflowID, name, err)
		}
		props[name] = r
	}
	return props, w.Inputs.Required, nil
}

func (d *Document) resolve(s *Schema) (*Schema, error) {
	if s == nil || s.Ref == "" {
		return s, nil
	}
	name, ok := strings.CutPrefix(s.Ref, "#/components/inputs/")
	c, found := d.Components.Inputs[name]
	if !ok || !found {
		return nil, fmt.Errorf("no input %s", s.Ref)
	}
	return c, nil
}
