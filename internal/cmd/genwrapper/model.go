package main

import (
	"fmt"
	"net/http"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"github.com/getkin/kin-openapi/openapi3"
)

// opModel is one operation of the spec, with the Go types gen has for it.
type opModel struct {
	ID, Method, Path string
	Summary          string
	Description      string
	Deprecated       bool
	Tags             []string
	// PathParams are the path parameters in template order; the first is project_id.
	PathParams []*paramModel
	// QueryParams are the query parameters in spec order.
	QueryParams []*paramModel
	Idempotent  bool
	// ParamsType is gen's XxxParams when the operation has query parameters, else "".
	ParamsType string
	// BodyType is the gen type of the JSON request body, "" when there is none.
	BodyType     string
	BodyRequired bool
	// SuccessStatus and SuccessType describe the documented success answer.
	SuccessStatus int
	SuccessType   string
	// NoContent is set when the success answer has no body (a 204, such as the tag API's): the
	// method returns only an error, and SuccessType is StatusResponse, the envelope that a body
	// which does come is read with, so that is_success false still fails the call.
	NoContent bool
	// checked is set when the success type has fields the spec requires.
	checked bool
	// requiredBodySlices are the body's top-level arrays that must be sent even when empty.
	requiredBodySlices []field
	// Recover is the x-recover of a create (recover.go), nil for every other operation;
	// recoverRaw is the extension as the spec has it, resolved once every operation is known.
	Recover    *recoverModel
	recoverRaw any
}

// paramModel is one path or query parameter.
type paramModel struct {
	Name        string
	Description string
	Required    bool
	// Fixed is the value of a path parameter whose schema allows exactly one (an enum of one,
	// such as the tag API's resource_type): the wrapper fills it in and callers never pass it.
	Fixed string
	// GoField and Shape are the XxxParams field of a query parameter.
	GoField string
	Shape   *shape
	// Schema of the parameter, for the CLI's flag help.
	Schema *openapi3.Schema
}

// arg is the Go argument name of a path parameter: connection_id -> connectionID.
func (p *paramModel) arg() string { return lowerCamel(p.Name) }

var templateParam = regexp.MustCompile(`\{([^{}]+)\}`)

// xIdempotent is the vendor extension that marks a POST that may be retried like a GET, because
// it only reads (the tag API's resource queries) or ends in the same state however often it runs.
const xIdempotent = "x-idempotent"

// noContentEnvelope is the gen type an answer without content is read with if it has a body.
const noContentEnvelope = "StatusResponse"

// operations lists the spec's operations sorted by operationId, each resolved against gen.
func operations(doc *openapi3.T, g *goTypes) ([]*opModel, error) {
	var out []*opModel
	for _, path := range doc.Paths.InMatchingOrder() {
		item := doc.Paths.Value(path)
		for method, op := range item.Operations() {
			m, err := operation(path, method, item, op, g)
			if err != nil {
				return nil, fmt.Errorf("%s %s (%s): %w", method, path, op.OperationID, err)
			}
			out = append(out, m)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	for i := 1; i < len(out); i++ {
		if out[i].ID == out[i-1].ID {
			return nil, fmt.Errorf("operationId %s is used twice", out[i].ID)
		}
	}
	if err := resolveRecover(out, g); err != nil {
		return nil, err
	}
	return out, nil
}

func operation(path, method string, item *openapi3.PathItem, op *openapi3.Operation, g *goTypes) (*opModel, error) {
	if op.OperationID == "" {
		return nil, fmt.Errorf("no operationId")
	}
	m := &opModel{ID: op.OperationID, Method: method, Path: path, Summary: op.Summary,
		Description: op.Description, Deprecated: op.Deprecated, Tags: op.Tags, recoverRaw: op.Extensions[xRecover]}
	switch method {
	case http.MethodGet, http.MethodPut, http.MethodDelete, http.MethodHead, http.MethodOptions:
		m.Idempotent = true
	case http.MethodPost:
		if v, ok := op.Extensions[xIdempotent].(bool); ok {
			m.Idempotent = v
		}
	default:
		return nil, fmt.Errorf("method %s is not supported", method)
	}

	params := map[string]*openapi3.Parameter{}
	var order []*openapi3.Parameter
	for _, list := range []openapi3.Parameters{item.Parameters, op.Parameters} {
		for _, ref := range list {
			p := ref.Value
			key := p.In + ":" + p.Name
			if _, seen := params[key]; !seen {
				order = append(order, p)
			}
			params[key] = p // an operation's own parameter overrides the path item's
		}
	}
	for _, name := range templateParam.FindAllStringSubmatch(path, -1) {
		p := params["path:"+name[1]]
		if p == nil {
			return nil, fmt.Errorf("path parameter %s is not declared", name[1])
		}
		pm := &paramModel{Name: p.Name, Description: p.Description, Required: true, Schema: schemaOf(p.Schema)}
		if s := pm.Schema; s != nil && len(s.Enum) == 1 {
			if v, ok := s.Enum[0].(string); ok {
				pm.Fixed = v
			}
		}
		m.PathParams = append(m.PathParams, pm)
	}
	if len(m.PathParams) == 0 || m.PathParams[0].Name != "project_id" {
		return nil, fmt.Errorf("the path must start with {project_id}")
	}

	var paramFields map[string]field
	for _, p := range order {
		p = params[p.In+":"+p.Name]
		switch p.In {
		case openapi3.ParameterInPath:
		case openapi3.ParameterInHeader:
			if p.Name != "X-Project-Id" {
				return nil, fmt.Errorf("header parameter %s is not supported: the client sets X-Project-Id itself and no other; teach genwrapper (internal/cmd/genwrapper/model.go) and the client how to send it", p.Name)
			}
		case openapi3.ParameterInQuery:
			if paramFields == nil {
				m.ParamsType = m.ID + "Params"
				fs, err := g.structFields(m.ParamsType)
				if err != nil {
					return nil, err
				}
				paramFields = map[string]field{}
				for _, f := range fs {
					paramFields[f.json] = f
				}
			}
			f, ok := paramFields[p.Name]
			if !ok {
				return nil, fmt.Errorf("query parameter %s has no field in gen.%s", p.Name, m.ParamsType)
			}
			if err := queryShapeSupported(f.shape); err != nil {
				return nil, fmt.Errorf("query parameter %s: %w", p.Name, err)
			}
			m.QueryParams = append(m.QueryParams, &paramModel{Name: p.Name, Description: p.Description,
				Required: p.Required, GoField: f.goName, Shape: f.shape, Schema: schemaOf(p.Schema)})
		default:
			return nil, fmt.Errorf("parameters in %s are not supported", p.In)
		}
	}

	if rb := op.RequestBody; rb != nil && rb.Value != nil {
		if rb.Value.Content.Get("application/json") == nil {
			return nil, fmt.Errorf("a request body other than application/json is not supported")
		}
		alias := m.ID + "JSONRequestBody"
		ts := g.decls[alias]
		if ts == nil {
			return nil, fmt.Errorf("gen has no %s", alias)
		}
		sh, err := g.shapeOf(ts.Type)
		if err != nil {
			return nil, err
		}
		if sh.kind != kStruct {
			return nil, fmt.Errorf("request body %s is not an object", alias)
		}
		m.BodyType, m.BodyRequired = sh.name, rb.Value.Required
	}

	for code, ref := range op.Responses.Map() {
		status, err := strconv.Atoi(code)
		if err != nil || status < 200 || status > 299 || ref.Value == nil {
			continue
		}
		if m.SuccessStatus != 0 {
			return nil, fmt.Errorf("more than one success status (%d and %d)", m.SuccessStatus, status)
		}
		m.SuccessStatus = status
		if len(ref.Value.Content) == 0 {
			m.NoContent, m.SuccessType = true, noContentEnvelope
			continue
		}
		if m.SuccessType, err = g.responseType(m.ID, status); err != nil {
			return nil, err
		}
	}
	if m.SuccessStatus == 0 {
		return nil, fmt.Errorf("no documented 2xx answer")
	}
	return m, nil
}

func schemaOf(ref *openapi3.SchemaRef) *openapi3.Schema {
	if ref == nil {
		return nil
	}
	return ref.Value
}

// queryShapeSupported: a query parameter is a scalar, or a pointer to one.
func queryShapeSupported(s *shape) error {
	if s.kind == kPointer {
		s = s.elem
	}
	if s.kind > kFloat64 || s.kind == kFloat64 {
		return fmt.Errorf("type %s is not supported in a query; teach genwrapper's query encoder", s.goType())
	}
	return nil
}

// lowerCamel turns a spec name into a Go identifier: connection_id -> connectionID,
// resource_type -> resourceType.
func lowerCamel(name string) string {
	parts := strings.FieldsFunc(name, func(r rune) bool { return r == '_' || r == '-' || r == '.' })
	var b strings.Builder
	for i, p := range parts {
		if initialisms[strings.ToUpper(p)] {
			if i == 0 {
				b.WriteString(strings.ToLower(p))
			} else {
				b.WriteString(strings.ToUpper(p))
			}
			continue
		}
		r := []rune(p)
		if i == 0 {
			r[0] = unicode.ToLower(r[0])
		} else {
			r[0] = unicode.ToUpper(r[0])
		}
		b.WriteString(string(r))
	}
	s := b.String()
	switch s {
	case "ctx", "c", "params", "body", "opts", "out", "err", "type", "func", "range":
		s += "Value"
	}
	return s
}

var initialisms = map[string]bool{"ID": true, "IP": true, "URL": true, "VPC": true}
