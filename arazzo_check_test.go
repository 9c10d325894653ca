package enhancedconnections_test

import (
	"encoding/json"
	"fmt"
	"maps"
	"path"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

	enhancedconnections "github.com/dli-openapi/enhanced-connections"
	"github.com/dli-openapi/enhanced-connections/internal/arazzo"
)

// workflowChecker holds the Arazzo workflows to the OpenAPI spec: what the linters do not
// check (they never open the source description) and what Redocly Respect finds only when a
// workflow runs, and then only on the path the fake takes. Each problem names the workflow,
// the step and what to change.
type workflowChecker struct {
	doc      *arazzo.Document
	spec     *openapi3.T
	problems []string
}

func checkWorkflows(doc *arazzo.Document, spec *openapi3.T) []string {
	c := &workflowChecker{doc: doc, spec: spec}
	c.document()
	for i := range doc.Workflows {
		c.workflow(&doc.Workflows[i])
	}
	return c.problems
}

func (c *workflowChecker) addf(format string, args ...any) {
	c.problems = append(c.problems, fmt.Sprintf(format, args...))
}

func (c *workflowChecker) document() {
	if !strings.HasPrefix(c.doc.Arazzo, "1.0.") {
		c.addf("arazzo: %q, want 1.0.x (what Spectral 6.16.3 and Redocly 2.77.0 read)", c.doc.Arazzo)
	}
	if c.doc.Info.Version != c.spec.Info.Version {
		c.addf("info.version %q differs from the spec's info.version %q: the workflows describe that version of the API",
			c.doc.Info.Version, c.spec.Info.Version)
	}
	want := "./" + path.Base(enhancedconnections.SpecPath)
	if len(c.doc.SourceDescriptions) != 1 || c.doc.SourceDescriptions[0].URL != want || c.doc.SourceDescriptions[0].Type != "openapi" {
		c.addf("sourceDescriptions: want one, of type openapi, at %s (the spec beside the workflows)", want)
	}
}

// operation finds a step's operation: a plain operationId, or one qualified with the
// source description's name.
func (c *workflowChecker) operation(id string) (pathItem *openapi3.PathItem, op *openapi3.Operation) {
	if rest, ok := strings.CutPrefix(id, "$sourceDescriptions."); ok && len(c.doc.SourceDescriptions) == 1 {
		id = strings.TrimPrefix(rest, c.doc.SourceDescriptions[0].Name+".")
	}
	for _, item := range c.spec.Paths.Map() {
		for _, o := range item.Operations() {
			if o.OperationID == id {
				return item, o
			}
		}
	}
	return nil, nil
}

// stepScope is what the expressions of one step may refer to.
type stepScope struct {
	where   string
	inputs  map[string]*arazzo.Schema
	outputs map[string]map[string]string // of the steps before this one
	answer  *openapi3.Schema             // the success answer's body, nil when it has none
}

func (c *workflowChecker) workflow(w *arazzo.Workflow) {
	inputs, required, err := c.doc.Inputs(w)
	if err != nil {
		c.addf("%v", err)
		return
	}
	for _, r := range required {
		if inputs[r] == nil {
			c.addf("workflow %s: required input %s is not among its inputs", w.WorkflowID, r)
		}
	}
	values, err := c.doc.InputValues(w)
	if err != nil {
		c.addf("%v", err)
	}
	outputs := map[string]map[string]string{}
	for _, s := range w.Steps {
		scope := stepScope{where: fmt.Sprintf("workflow %s step %s", w.WorkflowID, s.StepID), inputs: inputs, outputs: outputs}
		switch {
		case s.OperationID != "":
			c.operationStep(s, scope, values)
		case s.WorkflowID != "":
			c.workflowStep(s, scope)
		default:
			c.addf("%s: names neither an operation nor a workflow", scope.where)
		}
		outputs[s.StepID] = s.Outputs
	}
	for name, expr := range w.Outputs {
		c.expressions(stepScope{where: fmt.Sprintf("workflow %s output %s", w.WorkflowID, name), inputs: inputs, outputs: outputs}, expr)
	}
}

func (c *workflowChecker) operationStep(s arazzo.Step, scope stepScope, values map[string]any) {
	item, op := c.operation(s.OperationID)
	if op == nil {
		c.addf("%s: operationId %s is not in the spec (renamed? then rename it here too)", scope.where, s.OperationID)
		return
	}
	c.parameters(s, scope, item, op)
	c.requestBody(s, scope, op, values)
	scope.answer = c.answer(s, scope, op)
	criteria := slices.Clone(s.SuccessCriteria)
	for _, failure := range []bool{false, true} {
		list := s.OnSuccess
		if failure {
			list = s.OnFailure
		}
		actions, err := c.doc.Actions(list, failure)
		if err != nil {
			c.addf("%s: %v", scope.where, err)
		}
		for _, a := range actions {
			criteria = append(criteria, a.Criteria...)
		}
	}
	for _, cr := range criteria {
		c.expressions(scope, cr.Context, cr.Condition)
		if cr.TypeName() == "jsonpath" {
			c.jsonPathFields(scope, cr.Condition)
		}
	}
	for name, expr := range s.Outputs {
		c.expressions(scope, expr)
		if ptr, ok := strings.CutPrefix(expr, "$response.body#"); ok {
			if _, always := walkPointer(scope.answer, ptr); !always {
				c.addf("%s: output %s reads %s, which the answer may lack: Redocly Respect then fails the step; read a required field or test it in a criterion instead",
					scope.where, name, expr)
			}
		}
	}
}

// parameters checks that every parameter is the operation's (or the header of an apiKey
// security scheme) and that every required one is given.
func (c *workflowChecker) parameters(s arazzo.Step, scope stepScope, item *openapi3.PathItem, op *openapi3.Operation) {
	params, err := c.doc.Parameters(s)
	if err != nil {
		c.addf("%v", err)
		return
	}
	given := map[string]bool{}
	for _, p := range params {
		given[p.In+" "+p.Name] = true
		c.expressions(scope, p.Value)
		if !c.knownParameter(item, op, p) {
			c.addf("%s: parameter %s in %s is not a parameter of %s", scope.where, p.Name, p.In, s.OperationID)
		}
	}
	for _, ref := range append(slices.Clone(item.Parameters), op.Parameters...) {
		if p := ref.Value; p.Required && !given[p.In+" "+p.Name] {
			c.addf("%s: the required parameter %s in %s of %s is not given", scope.where, p.Name, p.In, s.OperationID)
		}
	}
}

func (c *workflowChecker) knownParameter(item *openapi3.PathItem, op *openapi3.Operation, p arazzo.Parameter) bool {
	for _, ref := range append(slices.Clone(item.Parameters), op.Parameters...) {
		if ref.Value.Name == p.Name && ref.Value.In == p.In {
			return true
		}
	}
	security := c.spec.Security
	if op.Security != nil {
		security = *op.Security
	}
	for _, req := range security {
		for name := range req {
			if s := c.spec.Components.SecuritySchemes[name]; s != nil && s.Value.Type == "apiKey" &&
				s.Value.In == p.In && strings.EqualFold(s.Value.Name, p.Name) {
				return true
			}
		}
	}
	return false
}

// requestBody checks the payload's fields against the request schema, and that with the
// inputs' defaults it is one of the spec's documented request examples: the workflows take
// the documented values as defaults, and follow the spec when its examples change.
func (c *workflowChecker) requestBody(s arazzo.Step, scope stepScope, op *openapi3.Operation, values map[string]any) {
	if op.RequestBody == nil {
		if s.RequestBody != nil {
			c.addf("%s: %s takes no request body", scope.where, s.OperationID)
		}
		return
	}
	if s.RequestBody == nil {
		if op.RequestBody.Value.Required {
			c.addf("%s: %s needs a request body", scope.where, s.OperationID)
		}
		return
	}
	mt := op.RequestBody.Value.Content.Get(s.RequestBody.ContentType)
	if mt == nil || mt.Schema == nil {
		c.addf("%s: %s takes no %q body", scope.where, s.OperationID, s.RequestBody.ContentType)
		return
	}
	c.payloadFields(scope, "body", s.RequestBody.Payload, mt.Schema.Value)
	body, err := arazzo.Substitute(s.RequestBody.Payload, values)
	if err != nil {
		c.addf("%s: the body with the inputs' defaults: %v", scope.where, err)
		return
	}
	var names []string
	for name, ex := range mt.Examples {
		if reflect.DeepEqual(jsonValue(body), jsonValue(ex.Value.Value)) {
			return
		}
		names = append(names, name)
	}
	slices.Sort(names)
	got, _ := json.Marshal(body)
	c.addf("%s: the body with the inputs' defaults, %s, is none of the documented examples of %s (%s): take the defaults from one",
		scope.where, got, s.OperationID, strings.Join(names, ", "))
}

func (c *workflowChecker) payloadFields(scope stepScope, where string, v any, s *openapi3.Schema) {
	switch v := v.(type) {
	case string:
		c.expressions(scope, v)
	case []any:
		if s.Items == nil {
			c.addf("%s: %s is a list where the spec has no list", scope.where, where)
			return
		}
		for i, e := range v {
			c.payloadFields(scope, fmt.Sprintf("%s[%d]", where, i), e, s.Items.Value)
		}
	case map[string]any:
		props := properties(s)
		for _, k := range slices.Sorted(maps.Keys(v)) {
			p := props[k]
			if p == nil {
				c.addf("%s: %s.%s is not a field of the request schema", scope.where, where, k)
				continue
			}
			c.payloadFields(scope, where+"."+k, v[k], p.Value)
		}
	}
}

// answer returns the body schema of the status the step's criteria require.
func (c *workflowChecker) answer(s arazzo.Step, scope stepScope, op *openapi3.Operation) *openapi3.Schema {
	for _, cr := range s.SuccessCriteria {
		code, ok := strings.CutPrefix(strings.ReplaceAll(cr.Condition, " ", ""), "$statusCode==")
		if !ok || cr.Context != "" {
			continue
		}
		status, err := strconv.Atoi(code)
		resp := op.Responses.Status(status)
		if err != nil || resp == nil {
			c.addf("%s: %s does not document status %s", scope.where, s.OperationID, code)
			return nil
		}
		if mt := resp.Value.Content.Get("application/json"); mt != nil && mt.Schema != nil {
			return mt.Schema.Value
		}
		return nil
	}
	c.addf("%s: no success criterion names the status ($statusCode == N)", scope.where)
	return nil
}

// expression finds the runtime expressions in a text: $statusCode, $inputs.x,
// $steps.x.outputs.y, $outputs.x and $response.body#/pointer (not JSONPath's $[...]).
var expression = regexp.MustCompile(`\$[a-zA-Z]+(\.[A-Za-z0-9_-]+)*(#/[^\s'"{}()\[\]]*)?`)

// expressions checks every runtime expression in texts (strings, or lists and maps of them).
func (c *workflowChecker) expressions(scope stepScope, texts ...any) {
	for _, t := range texts {
		switch t := t.(type) {
		case string:
			for _, e := range expression.FindAllString(t, -1) {
				c.expression(scope, e)
			}
		case []any:
			c.expressions(scope, t...)
		case map[string]any:
			for _, v := range t {
				c.expressions(scope, v)
			}
		}
	}
}

func (c *workflowChecker) expression(scope stepScope, e string) {
	parts := strings.Split(e, ".")
	switch {
	case e == "$statusCode":
	case parts[0] == "$inputs" && len(parts) == 2:
		if scope.inputs[parts[1]] == nil {
			c.addf("%s: %s is not an input of the workflow", scope.where, e)
		}
	case parts[0] == "$steps" && len(parts) == 4 && parts[2] == "outputs":
		if _, ok := scope.outputs[parts[1]][parts[3]]; !ok {
			c.addf("%s: %s is not an output of an earlier step", scope.where, e)
		}
	case e == "$response.body":
		if scope.answer == nil {
			c.addf("%s: %s is an answer without a JSON body", scope.where, e)
		}
	case strings.HasPrefix(e, "$response.body#"):
		if scope.answer == nil {
			c.addf("%s: %s reads an answer without a JSON body", scope.where, e)
		} else if found, _ := walkPointer(scope.answer, strings.TrimPrefix(e, "$response.body#")); !found {
			c.addf("%s: %s is not in the answer's schema", scope.where, e)
		}
	default:
		c.addf("%s: %s is a runtime expression these checks do not know; teach arazzo_check_test.go", scope.where, e)
	}
}

// jsonPathField is a member name a JSONPath filter reads: the status of @.status.
var jsonPathField = regexp.MustCompile(`@\.([A-Za-z_][A-Za-z0-9_]*)`)

// jsonPathFields checks that every member a JSONPath condition reads is a field of the answer
// somewhere: a renamed field would otherwise make a filter select nothing, and `count(...)
// == 0` hold vacuously.
func (c *workflowChecker) jsonPathFields(scope stepScope, condition string) {
	if scope.answer == nil {
		c.addf("%s: a JSONPath condition on an answer without a JSON body", scope.where)
		return
	}
	fields := map[string]bool{}
	allFields(scope.answer, fields, map[*openapi3.Schema]bool{})
	for _, m := range jsonPathField.FindAllStringSubmatch(condition, -1) {
		if !fields[m[1]] {
			c.addf("%s: the JSONPath condition reads %s, which is no field of the answer", scope.where, m[1])
		}
	}
}

func allFields(s *openapi3.Schema, out map[string]bool, seen map[*openapi3.Schema]bool) {
	if s == nil || seen[s] {
		return
	}
	seen[s] = true
	for name, p := range properties(s) {
		out[name] = true
		allFields(p.Value, out, seen)
	}
	if s.Items != nil {
		allFields(s.Items.Value, out, seen)
	}
}

// walkPointer follows a JSON pointer through a schema (properties, allOf, array items):
// found says whether the schema has the location, always whether every object on the way
// requires the member, so that every valid answer has it.
func walkPointer(s *openapi3.Schema, ptr string) (found, always bool) {
	always = true
	for _, tok := range strings.Split(strings.TrimPrefix(ptr, "/"), "/") {
		if s == nil {
			return false, false
		}
		tok = strings.NewReplacer("~1", "/", "~0", "~").Replace(tok)
		if _, err := strconv.Atoi(tok); err == nil && s.Items != nil {
			s, always = s.Items.Value, false
			continue
		}
		p := properties(s)[tok]
		if p == nil {
			return false, false
		}
		always = always && slices.Contains(requiredOf(s), tok)
		s = p.Value
	}
	return true, always
}

// requiredOf merges the required members of s and of its allOf members.
func requiredOf(s *openapi3.Schema) []string {
	out := slices.Clone(s.Required)
	for _, sub := range s.AllOf {
		out = append(out, requiredOf(sub.Value)...)
	}
	return out
}

// workflowStep checks a step that runs another workflow: the callee exists, gets only its
// inputs and every required one, and the step's outputs are the callee's.
func (c *workflowChecker) workflowStep(s arazzo.Step, scope stepScope) {
	callee, err := c.doc.Workflow(s.WorkflowID)
	if err != nil {
		c.addf("%s: %v", scope.where, err)
		return
	}
	inputs, required, err := c.doc.Inputs(callee)
	if err != nil {
		c.addf("%v", err)
		return
	}
	params, err := c.doc.Parameters(s)
	if err != nil {
		c.addf("%v", err)
		return
	}
	given := map[string]bool{}
	for _, p := range params {
		given[p.Name] = true
		c.expressions(scope, p.Value)
		if p.In != "" || inputs[p.Name] == nil {
			c.addf("%s: parameter %s is not an input of workflow %s", scope.where, p.Name, s.WorkflowID)
		}
	}
	for _, r := range required {
		if !given[r] {
			c.addf("%s: the required input %s of workflow %s is not given", scope.where, r, s.WorkflowID)
		}
	}
	for name, expr := range s.Outputs {
		out, ok := strings.CutPrefix(expr, "$outputs.")
		if _, exists := callee.Outputs[out]; !ok || !exists {
			c.addf("%s: output %s: %s is not an output of workflow %s", scope.where, name, expr, s.WorkflowID)
		}
	}
}

// jsonValue is v as encoding/json would read it back, so that YAML's and kin-openapi's
// numbers and maps compare equal.
func jsonValue(v any) any {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	var out any
	if err := json.Unmarshal(b, &out); err != nil {
		return err
	}
	return out
}
