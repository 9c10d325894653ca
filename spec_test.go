package enhancedconnections_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/gorillamux"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gopkg.in/yaml.v3"

	enhancedconnections "github.com/dli-openapi/enhanced-connections"
)

// Values of the requests the tests send: the project and connection of the vendor's examples.
const (
	testHost         = "dli.cn-north-4.myhuaweicloud.com"
	testProjectID    = "48cc2c48765f481480c7db940d6409d1"
	testConnectionID = "2a620c33-5609-40c9-affd-2b6453071b0f"
	testRouteName    = "route"
	testResourceType = "dli_enhanced_datasource"
)

const (
	pathConnections = "/v2.0/{project_id}/datasource/enhanced-connections"
	pathConnection  = pathConnections + "/{connection_id}"
	pathV3Routes    = "/v3/{project_id}/datasource/enhanced-connections/{connection_id}/routes"
	pathAuth        = "/v1.0/{project_id}/authorization"
	pathTags        = "/v3/{project_id}/{resource_type}"
)

// operation is what the reference pages (seeds, api-facts.md) document for one operation.
type operation struct {
	id         string
	method     string
	path       string
	deprecated bool
	hasBody    bool  // a JSON request body is documented
	statuses   []int // every documented status code: the success code, 400, and 500 where documented
}

// operations lists the operations of the family: api-facts.md §1 rows 1-12 and the status-code
// tables of §3 (500 is documented for the connection and queue operations, not for privileges
// and routes); then rows 13 and 14, the authorization and tag APIs, whose methods and paths are
// those of the vendor SDK's dli_meta.go and whose statuses are those of the HWC pages
// (dli_02_0318, 0252, 0501, 0513, 0399, 0398: 200, 400, 500), with 204 for adding and removing
// tags (what the HWC Terraform provider's SDK, golangsdk openstack/dli/v3/tags, expects).
var operations = []operation{
	{"CreateEnhancedConnection", http.MethodPost, pathConnections, false, true, []int{201, 400, 500}},
	{"ListEnhancedConnections", http.MethodGet, pathConnections, false, false, []int{200, 400, 500}},
	{"ShowEnhancedConnection", http.MethodGet, pathConnection, false, false, []int{200, 400, 500}},
	{"UpdateEnhancedConnection", http.MethodPut, pathConnection, false, true, []int{200, 400, 500}},
	{"DeleteEnhancedConnection", http.MethodDelete, pathConnection, false, false, []int{200, 400, 500}},
	{"AssociateQueueToEnhancedConnection", http.MethodPost, pathConnection + "/associate-queue", false, true, []int{200, 400, 500}},
	{"DisassociateQueueFromEnhancedConnection", http.MethodPost, pathConnection + "/disassociate-queue", false, true, []int{200, 400, 500}},
	{"ShowEnhancedConnectionPrivilege", http.MethodGet, pathConnection + "/privileges", false, false, []int{200, 400}},
	{"CreateRouteToEnhancedConnection", http.MethodPost, pathV3Routes, false, true, []int{200, 400}},
	{"DeleteRouteFromEnhancedConnection", http.MethodDelete, pathV3Routes + "/{name}", false, false, []int{200, 400}},
	{"CreateEnhancedConnectionRoutes", http.MethodPost, pathConnection + "/routes", true, true, []int{200, 400}},
	{"DeleteEnhancedConnectionRoutes", http.MethodDelete, pathConnection + "/routes/{name}", true, false, []int{200, 400}},
	{"RunAuthorizationAction", http.MethodPut, pathAuth, false, true, []int{200, 400, 500}},
	{"ListAuthorizationPrivileges", http.MethodGet, pathAuth + "/privileges", false, false, []int{200, 400, 500}},
	{"BatchCreateResourceTags", http.MethodPost, pathTags + "/{resource_id}/tags/create", false, true, []int{204, 400, 500}},
	{"BatchDeleteResourceTags", http.MethodPost, pathTags + "/{resource_id}/tags/delete", false, true, []int{204, 400, 500}},
	{"ShowResourceTags", http.MethodGet, pathTags + "/{resource_id}/tags", false, false, []int{200, 400, 500}},
	{"ListResourcesTags", http.MethodGet, pathTags + "/tags", false, false, []int{200, 400, 500}},
	{"ListResourcesByTags", http.MethodPost, pathTags + "/resource-instances/filter", false, true, []int{200, 400, 500}},
	{"CountResourcesByTags", http.MethodPost, pathTags + "/resource-instances/count", false, true, []int{200, 400, 500}},
}

func operationByID(t testing.TB, id string) operation {
	t.Helper()
	for _, op := range operations {
		if op.id == id {
			return op
		}
	}
	require.FailNow(t, "unknown operation", id)
	return operation{}
}

func loadDoc(t testing.TB) *openapi3.T {
	t.Helper()
	doc, err := enhancedconnections.Load(context.Background())
	require.NoError(t, err)
	require.NotNil(t, doc)
	return doc
}

// specOperation finds an operation of the document by its operationId.
func specOperation(t testing.TB, doc *openapi3.T, id string) (method, path string, op *openapi3.Operation) {
	t.Helper()
	for p, item := range doc.Paths.Map() {
		for m, o := range item.Operations() {
			if o.OperationID == id {
				return m, p, o
			}
		}
	}
	require.FailNow(t, "operation missing from the spec", id)
	return "", "", nil
}

// schemaOptions enforce `format: ipv4` for one validation call only (kin-openapi's global
// SchemaStringFormats is left alone) and keep schema errors short: without
// DisableSchemaErrorDetails one error on a 20,001-host body is megabytes long.
func schemaOptions() []openapi3.SchemaValidationOption {
	return []openapi3.SchemaValidationOption{
		openapi3.WithStringFormatValidator("ipv4", openapi3.NewIPValidator(true)),
		openapi3.DisableSchemaErrorDetails(),
	}
}

func filterOptions() *openapi3filter.Options {
	return &openapi3filter.Options{
		AuthenticationFunc:      openapi3filter.NoopAuthenticationFunc,
		IncludeResponseStatus:   true,
		SchemaValidationOptions: schemaOptions(),
	}
}

func newRouter(t testing.TB, doc *openapi3.T) routers.Router {
	t.Helper()
	router, err := gorillamux.NewRouter(doc)
	require.NoError(t, err)
	return router
}

// target names the resource a test request is sent to; empty fields take the test defaults.
type target struct {
	projectID, connectionID, routeName, resourceType, resourceID string
}

func (tg target) url(path, query string) string {
	or := func(v, def string) string {
		if v == "" {
			return def
		}
		return v
	}
	p := strings.NewReplacer(
		"{project_id}", or(tg.projectID, testProjectID),
		"{connection_id}", or(tg.connectionID, testConnectionID),
		"{name}", or(tg.routeName, testRouteName),
		"{resource_type}", or(tg.resourceType, testResourceType),
		"{resource_id}", or(tg.resourceID, testConnectionID),
	).Replace(path)
	u := "https://" + testHost + p
	if query != "" {
		u += "?" + query
	}
	return u
}

// newRequest builds the request of operation opID; body nil sends none.
func newRequest(t testing.TB, opID string, tg target, query string, body []byte) *http.Request {
	t.Helper()
	op := operationByID(t, opID)
	var r io.Reader
	if body != nil {
		r = bytes.NewReader(body)
	}
	req := httptest.NewRequest(op.method, tg.url(op.path, query), r)
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	req.Header.Set("X-Auth-Token", "test-token")
	return req
}

// route finds the route of req and checks it is the operation the test means.
func route(t testing.TB, router routers.Router, req *http.Request, opID string) *openapi3filter.RequestValidationInput {
	t.Helper()
	rt, params, err := router.FindRoute(req)
	require.NoError(t, err, "%s %s", req.Method, req.URL)
	require.Equal(t, opID, rt.Operation.OperationID)
	return &openapi3filter.RequestValidationInput{Request: req, PathParams: params, Route: rt, Options: filterOptions()}
}

func validateRequest(t testing.TB, router routers.Router, opID string, tg target, query string, body []byte) error {
	t.Helper()
	in := route(t, router, newRequest(t, opID, tg, query, body), opID)
	return openapi3filter.ValidateRequest(context.Background(), in)
}

func validateResponse(t testing.TB, router routers.Router, opID string, status int, body []byte) error {
	t.Helper()
	in := route(t, router, newRequest(t, opID, target{}, "", nil), opID)
	return openapi3filter.ValidateResponse(context.Background(), &openapi3filter.ResponseValidationInput{
		RequestValidationInput: in,
		Status:                 status,
		Header:                 http.Header{"Content-Type": {"application/json"}},
		Body:                   io.NopCloser(bytes.NewReader(body)),
		Options:                filterOptions(),
	})
}

func mustJSON(t testing.TB, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	require.NoError(t, err)
	return b
}

// normalize turns a value of any origin (YAML example, JSON file) into what encoding/json decodes.
func normalize(t testing.TB, v any) any {
	t.Helper()
	var out any
	require.NoError(t, json.Unmarshal(mustJSON(t, v), &out))
	return out
}

// ---------------------------------------------------------------------------------------------
// 1. The document

func TestSpecLoadsAndValidates(t *testing.T) {
	ctx := context.Background()

	doc, err := enhancedconnections.Load(ctx)
	require.NoError(t, err)
	require.NotNil(t, doc)
	again, err := enhancedconnections.Load(ctx)
	require.NoError(t, err)
	assert.Same(t, doc, again, "Load shares one document")
	assert.Equal(t, "3.0.3", doc.OpenAPI)

	loader := openapi3.NewLoader()
	loader.Context = ctx
	fresh, err := loader.LoadFromData(enhancedconnections.Spec())
	require.NoError(t, err)
	require.NoError(t, fresh.Validate(ctx, openapi3.EnableExamplesValidation()))
	assert.Equal(t, doc.Info.Title, fresh.Info.Title)

	raw := enhancedconnections.Spec()
	raw[0] = '#'
	assert.NotEqual(t, byte('#'), enhancedconnections.Spec()[0], "Spec returns a copy")
}

func TestOperations(t *testing.T) {
	doc := loadDoc(t)

	var ids []string
	for _, item := range doc.Paths.Map() {
		for _, o := range item.Operations() {
			ids = append(ids, o.OperationID)
		}
	}
	var want []string
	for _, op := range operations {
		want = append(want, op.id)
	}
	assert.ElementsMatch(t, want, ids, "the spec's operations are the %d documented ones of operations in spec_test.go: "+
		"add a new operation there with its documented method, path and statuses (and its source), or remove it", len(operations))

	errorSchema := doc.Components.Schemas["Error"]
	require.NotNil(t, errorSchema)

	for _, tc := range operations {
		t.Run(tc.id, func(t *testing.T) {
			method, path, op := specOperation(t, doc, tc.id)
			assert.Equal(t, tc.method, method)
			assert.Equal(t, tc.path, path)
			assert.Equal(t, tc.deprecated, op.Deprecated, "deprecated")

			var codes []int
			for code := range op.Responses.Map() {
				if code == "default" {
					continue
				}
				n, err := strconv.Atoi(code)
				require.NoError(t, err, "status %q", code)
				codes = append(codes, n)
			}
			assert.ElementsMatch(t, tc.statuses, codes, "documented status codes")

			for code, resp := range op.Responses.Map() {
				require.NotNil(t, resp.Value, code)
				if code == "204" {
					assert.Empty(t, resp.Value.Content, "a 204 has no body")
					continue
				}
				mt := resp.Value.Content.Get("application/json")
				require.NotNil(t, mt, "status %s answers JSON", code)
				require.NotNil(t, mt.Schema, "status %s has a schema", code)
				if code == "default" || code[0] == '4' || code[0] == '5' {
					assert.Same(t, errorSchema.Value, mt.Schema.Value, "status %s answers the shared Error body", code)
				}
			}

			if tc.hasBody {
				require.NotNil(t, op.RequestBody, "request body")
				assert.True(t, op.RequestBody.Value.Required, "request body is required")
				mt := op.RequestBody.Value.Content.Get("application/json")
				require.NotNil(t, mt, "request body is JSON")
				require.NotNil(t, mt.Schema)
			} else {
				assert.Nil(t, op.RequestBody, "no request body is documented")
			}
		})
	}
}

func TestServers(t *testing.T) {
	doc := loadDoc(t)

	// Two HWC servers share a host pattern and differ in their IAM endpoint, so a server is
	// found by both.
	byURLAndIAM := map[[2]string]*openapi3.Server{}
	for _, s := range doc.Servers {
		iam, _ := s.Extensions["x-iam-url"].(string)
		byURLAndIAM[[2]string{s.URL, iam}] = s
	}
	for _, tc := range []struct {
		url, iam, defaultRegion string
		regions                 []string
	}{
		// api-facts.md §6.1: HWC regions of the SDK and reference pages, HWC Europe, OTC eu-de;
		// the full comparison with the SDK's region table is TestServersMatchTheSDKRegionTable.
		{"https://dli.{region}.myhuaweicloud.com", "https://iam.{region}.myhuaweicloud.com", "cn-north-4", []string{"cn-north-4", "ap-southeast-1", "af-south-1", "la-south-2", "eu-west-0", "tr-west-1"}},
		{"https://dli.{region}.myhuaweicloud.com", "https://iam.myhuaweicloud.com", "af-north-1", []string{"af-north-1", "ru-northwest-2"}},
		{"https://dli.{region}.myhuaweicloud.eu", "https://iam.{region}.myhuaweicloud.eu", "eu-west-101", []string{"eu-west-101"}},
		{"https://dli.{region}.otc.t-systems.com", "https://iam.{region}.otc.t-systems.com", "eu-de", []string{"eu-de"}},
	} {
		t.Run(tc.url+" "+tc.iam, func(t *testing.T) {
			s := byURLAndIAM[[2]string{tc.url, tc.iam}]
			require.NotNil(t, s, "server %s with x-iam-url %s", tc.url, tc.iam)
			region := s.Variables["region"]
			require.NotNil(t, region, "region variable")
			assert.Equal(t, tc.defaultRegion, region.Default)
			assert.Subset(t, region.Enum, tc.regions)
		})
	}

	router := newRouter(t, doc)
	for _, tc := range []struct {
		host  string
		found bool
	}{
		{"dli.cn-north-4.myhuaweicloud.com", true},
		{"dli.ap-southeast-1.myhuaweicloud.com", true},
		{"dli.eu-west-101.myhuaweicloud.eu", true},
		{"dli.eu-de.otc.t-systems.com", true},
		{"dli.example.com", false},
	} {
		t.Run(tc.host, func(t *testing.T) {
			req := httptest.NewRequest(http.MethodGet, "https://"+tc.host+"/v2.0/"+testProjectID+"/datasource/enhanced-connections", nil)
			rt, _, err := router.FindRoute(req)
			if !tc.found {
				assert.Error(t, err)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, "ListEnhancedConnections", rt.Operation.OperationID)
		})
	}
}

func TestSecuritySchemes(t *testing.T) {
	doc := loadDoc(t)

	for _, tc := range []struct{ name, header string }{
		{"AkSk", "Authorization"},
		{"IamToken", "X-Auth-Token"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := doc.Components.SecuritySchemes[tc.name]
			require.NotNil(t, s)
			require.NotNil(t, s.Value)
			assert.Equal(t, "apiKey", s.Value.Type)
			assert.Equal(t, "header", s.Value.In)
			assert.Equal(t, tc.header, s.Value.Name)
		})
	}

	// Either scheme suffices: two alternative requirements, each naming one scheme.
	var alternatives []string
	for _, req := range doc.Security {
		require.Len(t, req, 1)
		for name := range req {
			alternatives = append(alternatives, name)
		}
	}
	assert.ElementsMatch(t, []string{"AkSk", "IamToken"}, alternatives)
	for _, op := range operations {
		_, _, o := specOperation(t, doc, op.id)
		if o.Security != nil {
			assert.NotEmpty(t, *o.Security, "%s must not switch authentication off", op.id)
		}
	}
}

func TestErrorSchema(t *testing.T) {
	doc := loadDoc(t)
	s := doc.Components.Schemas["Error"]
	require.NotNil(t, s)
	require.NotNil(t, s.Value)
	for _, field := range []string{"error_code", "error_msg"} {
		p := s.Value.Properties[field]
		require.NotNil(t, p, field)
		assert.True(t, p.Value.Type.Is(openapi3.TypeString), "%s is a string", field)
	}
	for _, body := range []string{
		`{"error_msg": "The format of message is error", "error_code": "DLI.0001"}`,
		`{"error_code": "APIGW.0301", "error_msg": "Incorrect IAM authentication information."}`,
	} {
		var v any
		require.NoError(t, json.Unmarshal([]byte(body), &v))
		assert.NoError(t, s.Value.VisitJSON(v, schemaOptions()...))
	}
	assert.Error(t, s.Value.VisitJSON(map[string]any{"error_code": 1}, schemaOptions()...), "error_code must be a string")
}

// ---------------------------------------------------------------------------------------------
// 2. Every example of the document

type exampleSite struct {
	where  string
	kind   string // "named" (an entry of `examples`), "media", "parameter" or "schema"
	schema *openapi3.Schema
	value  any
	opts   []openapi3.SchemaValidationOption
}

// exampleWalker collects the examples of a document, each once however often it is referenced.
type exampleWalker struct {
	sites    []exampleSite
	seen     map[any]bool
	patterns map[*openapi3.Schema]string
}

func (w *exampleWalker) once(key any) bool {
	if w.seen[key] {
		return false
	}
	w.seen[key] = true
	return true
}

func (w *exampleWalker) schema(where string, ref *openapi3.SchemaRef) {
	if ref == nil || ref.Value == nil || !w.once(ref.Value) {
		return
	}
	s := ref.Value
	if s.Example != nil {
		w.sites = append(w.sites, exampleSite{where, "schema", s, s.Example, nil})
	}
	if s.Pattern != "" {
		w.patterns[s] = where
	}
	for name, p := range s.Properties {
		w.schema(where+"/properties/"+name, p)
	}
	w.schema(where+"/items", s.Items)
	w.schema(where+"/not", s.Not)
	for i, list := range [][]*openapi3.SchemaRef{s.AllOf, s.AnyOf, s.OneOf} {
		for j, sub := range list {
			w.schema(fmt.Sprintf("%s/%s/%d", where, []string{"allOf", "anyOf", "oneOf"}[i], j), sub)
		}
	}
	w.schema(where+"/additionalProperties", s.AdditionalProperties.Schema)
}

func (w *exampleWalker) content(where string, content openapi3.Content, opts []openapi3.SchemaValidationOption) {
	for mime, mt := range content {
		loc := where + "/content/" + mime
		w.schema(loc+"/schema", mt.Schema)
		if mt.Schema == nil {
			continue
		}
		if mt.Example != nil && w.once(mt) {
			w.sites = append(w.sites, exampleSite{loc + "/example", "media", mt.Schema.Value, mt.Example, opts})
		}
		for name, ex := range mt.Examples {
			if ex.Value != nil && w.once([2]any{ex.Value, mt.Schema.Value}) {
				w.sites = append(w.sites, exampleSite{loc + "/examples/" + name, "named", mt.Schema.Value, ex.Value.Value, opts})
			}
		}
	}
}

func (w *exampleWalker) parameter(where string, ref *openapi3.ParameterRef) {
	if ref == nil || ref.Value == nil || !w.once(ref.Value) {
		return
	}
	p := ref.Value
	loc := where + "/" + p.In + ":" + p.Name
	w.schema(loc+"/schema", p.Schema)
	if p.Schema != nil {
		if p.Example != nil {
			w.sites = append(w.sites, exampleSite{loc + "/example", "parameter", p.Schema.Value, p.Example, nil})
		}
		for name, ex := range p.Examples {
			w.sites = append(w.sites, exampleSite{loc + "/examples/" + name, "named", p.Schema.Value, ex.Value.Value, nil})
		}
	}
	w.content(loc, p.Content, nil)
}

func (w *exampleWalker) response(where string, ref *openapi3.ResponseRef) {
	if ref == nil || ref.Value == nil || !w.once(ref.Value) {
		return
	}
	for name, h := range ref.Value.Headers {
		if h.Value != nil {
			w.parameter(where+"/headers/"+name, &openapi3.ParameterRef{Value: &h.Value.Parameter})
		}
	}
	w.content(where, ref.Value.Content, []openapi3.SchemaValidationOption{openapi3.VisitAsResponse()})
}

func collectExamples(doc *openapi3.T) *exampleWalker {
	w := &exampleWalker{seen: map[any]bool{}, patterns: map[*openapi3.Schema]string{}}
	asRequest := []openapi3.SchemaValidationOption{openapi3.VisitAsRequest()}

	paths := doc.Paths.InMatchingOrder()
	sort.Strings(paths)
	for _, path := range paths {
		item := doc.Paths.Value(path)
		for _, p := range item.Parameters {
			w.parameter(path, p)
		}
		for method, op := range item.Operations() {
			loc := path + "/" + strings.ToLower(method)
			for _, p := range op.Parameters {
				w.parameter(loc, p)
			}
			if op.RequestBody != nil && op.RequestBody.Value != nil && w.once(op.RequestBody.Value) {
				w.content(loc+"/requestBody", op.RequestBody.Value.Content, asRequest)
			}
			for code, resp := range op.Responses.Map() {
				w.response(loc+"/responses/"+code, resp)
			}
		}
	}
	c := doc.Components
	for name, p := range c.Parameters {
		w.parameter("#/components/parameters/"+name, p)
	}
	for name, rb := range c.RequestBodies {
		if rb.Value != nil && w.once(rb.Value) {
			w.content("#/components/requestBodies/"+name, rb.Value.Content, asRequest)
		}
	}
	for name, r := range c.Responses {
		w.response("#/components/responses/"+name, r)
	}
	for name, s := range c.Schemas {
		w.schema("#/components/schemas/"+name, s)
	}
	return w
}

func TestAllExamplesValidate(t *testing.T) {
	doc := loadDoc(t)
	w := collectExamples(doc)

	counts := map[string]int{}
	for _, site := range w.sites {
		counts[site.kind]++
		t.Run(site.where, func(t *testing.T) {
			opts := append(schemaOptions(), site.opts...)
			assert.NoError(t, site.schema.VisitJSON(normalize(t, site.value), opts...))
		})
	}
	t.Logf("examples checked: %v (total %d)", counts, len(w.sites))

	// The walk must reach every example the file holds, counted from its text: the entries of
	// every `examples:` map, and every `example:` of a parameter (a map with `in:`) or of a
	// schema or media type.
	keys := yamlKeyCounts(t)
	assert.Positive(t, keys.named)
	assert.Equal(t, keys.named, counts["named"], "entries of `examples`")
	assert.Equal(t, keys.paramExample, counts["parameter"], "parameter examples")
	assert.Equal(t, keys.otherExample, counts["schema"]+counts["media"], "schema and media-type examples")
}

// specKeys counts keywords in the text of the spec, outside example values.
type specKeys struct {
	named, paramExample, otherExample, pattern int
}

func yamlKeyCounts(t *testing.T) specKeys {
	t.Helper()
	var root yaml.Node
	require.NoError(t, yaml.Unmarshal(enhancedconnections.Spec(), &root))
	var k specKeys
	var walk func(n *yaml.Node)
	walk = func(n *yaml.Node) {
		switch n.Kind {
		case yaml.DocumentNode, yaml.SequenceNode:
			for _, c := range n.Content {
				walk(c)
			}
		case yaml.MappingNode:
			isParam := false
			for i := 0; i+1 < len(n.Content); i += 2 {
				if n.Content[i].Value == "in" {
					isParam = true
				}
			}
			for i := 0; i+1 < len(n.Content); i += 2 {
				key, value := n.Content[i].Value, n.Content[i+1]
				switch {
				case key == "examples" && value.Kind == yaml.MappingNode:
					k.named += len(value.Content) / 2
					continue // example values are data, not spec
				case key == "example" && isParam:
					k.paramExample++
					continue
				case key == "example":
					k.otherExample++
					continue
				case key == "pattern" && value.Kind == yaml.ScalarNode:
					k.pattern++
				}
				walk(value)
			}
		}
	}
	walk(&root)
	return k
}

// The walk above enforces ipv4 through a per-call option; check that it really does, and that it
// does so without kin-openapi's global format table.
func TestIPv4FormatEnforcedPerCall(t *testing.T) {
	doc := loadDoc(t)
	_, global := openapi3.SchemaStringFormats["ipv4"]
	require.False(t, global, "ipv4 must not be defined globally (it would leak into other tests)")

	ip := doc.Components.Schemas["IPv4Address"]
	require.NotNil(t, ip)
	assert.Equal(t, "ipv4", ip.Value.Format)

	fields := func(err error) []string {
		var out []string
		var me openapi3.MultiError
		if errors.As(err, &me) {
			for _, e := range me {
				var se *openapi3.SchemaError
				if errors.As(e, &se) {
					out = append(out, se.SchemaField)
				}
			}
		}
		return out
	}
	for _, bad := range []string{"256.1.1.1", "1.2.3", "a.b.c.d", "::1"} {
		withFormat := ip.Value.VisitJSON(bad, append(schemaOptions(), openapi3.MultiErrors())...)
		assert.Contains(t, fields(withFormat), "format", "%s: the per-call ipv4 validator rejects it", bad)
		withoutFormat := ip.Value.VisitJSON(bad, openapi3.MultiErrors())
		assert.NotContains(t, fields(withoutFormat), "format", "%s: without the option only the pattern checks", bad)
	}
	for _, good := range []string{"0.0.0.0", "192.168.0.1", "255.255.255.255"} {
		assert.NoError(t, ip.Value.VisitJSON(good, schemaOptions()...), good)
	}
}

// ---------------------------------------------------------------------------------------------
// 3. The examples of the reference pages, verbatim

const examplesDir = "testdata/examples"

// seedExamples lists every example JSON of the reference pages (testdata/sources = copies of
// /work/shared/seeds and api-facts.md), extracted verbatim into testdata/examples as
// <operationId>.<request|response-STATUS>.<name>.json.
//
// Not extracted:
//   - seed 003 (getting started) shows `Body: {}` for its GET .../{connection_id}: a GET has no
//     request body, the `{}` is the page's way of saying "none";
//   - api-facts.md §3.5 `{"elastic_resource_pools": [...]}` and §3.13 `{"tags":[{key,value}]}`
//     are shapes, not JSON;
//   - api-facts.md §3.12 (grant, RunAuthorizationAction) holds placeholders (`<grantee project
//     id>`); the spec's grant example is that body with the ids of the privileges page filled in.
//
// §3.11 says the deprecated v2.0 route operations take and return exactly what §3.9/§3.10 show,
// so those texts are extracted for them too.
var seedExamples = []struct {
	file    string
	source  string // file under testdata/sources the text is taken from
	carried bool   // the spec carries it as an example of the same operation and status
}{
	{"CreateEnhancedConnection.request.seed000-hwc.json", "000_0a1c2dc9a56d6309.txt", true},
	{"CreateEnhancedConnection.response-201.seed000-hwc.json", "000_0a1c2dc9a56d6309.txt", true},
	{"CreateEnhancedConnection.request.seed001-hwc.json", "001_590b93d3f9233545.txt", true},
	{"CreateEnhancedConnection.response-201.seed001-hwc.json", "001_590b93d3f9233545.txt", true},
	{"CreateEnhancedConnection.request.seed002-otc.json", "002_b31b5bbee1a1b2fe.txt", true},
	{"CreateEnhancedConnection.response-201.seed002-otc.json", "002_b31b5bbee1a1b2fe.txt", true},
	{"CreateEnhancedConnection.request.seed003-getting-started.json", "003_fc5cc804978faac4.txt", true},
	{"CreateEnhancedConnection.response-201.seed003-getting-started.json", "003_fc5cc804978faac4.txt", true},
	{"ShowEnhancedConnection.response-200.seed003-getting-started.json", "003_fc5cc804978faac4.txt", true},
	{"ShowEnhancedConnection.response-200.seed004-query.json", "004_fa829f126b717b71.txt", true},
	{"CreateEnhancedConnection.response-201.facts-3-1.json", "api-facts.md", true},
	{"DeleteEnhancedConnection.response-200.facts-3-2.json", "api-facts.md", true},
	{"ListEnhancedConnections.response-200.facts-3-3.json", "api-facts.md", true},
	// Quoted from a comment of the HWC Terraform provider, with a placeholder ("xxx"); the spec
	// carries the OTC wording of the same error instead.
	{"ShowEnhancedConnection.response-400.facts-3-4-hwc-tf.json", "api-facts.md", false},
	{"AssociateQueueToEnhancedConnection.request.facts-3-5.json", "api-facts.md", true},
	{"AssociateQueueToEnhancedConnection.response-200.facts-3-5.json", "api-facts.md", true},
	{"DisassociateQueueFromEnhancedConnection.request.facts-3-6.json", "api-facts.md", true},
	{"DisassociateQueueFromEnhancedConnection.response-200.facts-3-6.json", "api-facts.md", true},
	{"UpdateEnhancedConnection.request.facts-3-7.json", "api-facts.md", true},
	{"UpdateEnhancedConnection.response-200.facts-3-7.json", "api-facts.md", true},
	{"ShowEnhancedConnectionPrivilege.response-200.facts-3-8.json", "api-facts.md", true},
	{"CreateRouteToEnhancedConnection.request.facts-3-9.json", "api-facts.md", true},
	{"CreateRouteToEnhancedConnection.response-200.facts-3-9.json", "api-facts.md", true},
	{"DeleteRouteFromEnhancedConnection.response-200.facts-3-10.json", "api-facts.md", true},
	{"CreateEnhancedConnectionRoutes.request.facts-3-11.json", "api-facts.md", true},
	{"CreateEnhancedConnectionRoutes.response-200.facts-3-11.json", "api-facts.md", true},
	{"DeleteEnhancedConnectionRoutes.response-200.facts-3-11.json", "api-facts.md", true},
	// The error-code page (§4): every operation answers errors with this body.
	{"CreateEnhancedConnection.response-400.facts-4-1.json", "api-facts.md", true},
	{"CreateEnhancedConnection.response-400.facts-4-2.json", "api-facts.md", true},
}

// seedName splits <operationId>.<request|response-STATUS>.<name>.json.
func seedName(t testing.TB, file string) (opID string, request bool, status int) {
	t.Helper()
	parts := strings.SplitN(strings.TrimSuffix(file, ".json"), ".", 3)
	require.Len(t, parts, 3, file)
	if parts[1] == "request" {
		return parts[0], true, 0
	}
	code, ok := strings.CutPrefix(parts[1], "response-")
	require.True(t, ok, "%s: want request or response-STATUS", file)
	status, err := strconv.Atoi(code)
	require.NoError(t, err, file)
	return parts[0], false, status
}

// specExamples returns the examples the spec gives for the request body (status 0) or a response.
func specExamples(t testing.TB, doc *openapi3.T, opID string, status int) []any {
	t.Helper()
	_, _, op := specOperation(t, doc, opID)
	var content openapi3.Content
	if status == 0 {
		if op.RequestBody != nil {
			content = op.RequestBody.Value.Content
		}
	} else if resp := op.Responses.Status(status); resp != nil {
		content = resp.Value.Content
	}
	var out []any
	for _, mt := range content {
		if mt.Example != nil {
			out = append(out, normalize(t, mt.Example))
		}
		for _, ex := range mt.Examples {
			out = append(out, normalize(t, ex.Value.Value))
		}
	}
	return out
}

func TestSeedExamples(t *testing.T) {
	doc := loadDoc(t)
	router := newRouter(t, doc)

	onDisk, err := filepath.Glob(filepath.Join(examplesDir, "*.json"))
	require.NoError(t, err)
	var listed []string
	for _, ex := range seedExamples {
		listed = append(listed, filepath.Join(examplesDir, ex.file))
	}
	assert.ElementsMatch(t, listed, onDisk, "testdata/examples holds exactly the listed examples")

	for _, ex := range seedExamples {
		t.Run(ex.file, func(t *testing.T) {
			text, err := os.ReadFile(filepath.Join(examplesDir, ex.file))
			require.NoError(t, err)
			source, err := os.ReadFile(filepath.Join("testdata", "sources", ex.source))
			require.NoError(t, err)
			assert.Contains(t, string(source), strings.TrimSuffix(string(text), "\n"), "extracted verbatim from %s", ex.source)
			require.True(t, json.Valid(text), "valid JSON")

			opID, isRequest, status := seedName(t, ex.file)
			if isRequest {
				assert.NoError(t, validateRequest(t, router, opID, target{}, "", text))
			} else {
				assert.NoError(t, validateResponse(t, router, opID, status, text))
				if status == 400 {
					// The error body is shared: every operation must accept it as its 400.
					for _, op := range operations {
						assert.NoError(t, validateResponse(t, router, op.id, 400, text), "as the 400 of %s", op.id)
					}
				}
			}

			if ex.carried {
				var v any
				require.NoError(t, json.Unmarshal(text, &v))
				assert.Contains(t, specExamples(t, doc, opID, status), v,
					"the spec carries this example for %s %s", opID, map[bool]string{true: "request", false: "response " + strconv.Itoa(status)}[isRequest])
			}
		})
	}
}

// ---------------------------------------------------------------------------------------------
// 4 and 5. Constraints: invalid payloads are rejected, boundary values pass

// Payload builders. Each returns a fresh value.

func validCreate() map[string]any {
	return map[string]any{
		"name":            "test",
		"dest_vpc_id":     "22094d8f-c310-4621-913d-4c4d655d8495",
		"dest_network_id": "78f2562a-36e4-4b39-95b9-f5aab22e1281",
	}
}

func createWith(key string, value any) map[string]any {
	m := validCreate()
	m[key] = value
	return m
}

func createWithout(key string) map[string]any {
	m := validCreate()
	delete(m, key)
	return m
}

func hostList(n int) []any {
	out := make([]any, n)
	for i := range out {
		out[i] = map[string]any{"name": fmt.Sprintf("ecs-%05d", i), "ip": fmt.Sprintf("192.168.%d.%d", i/256%256, i%256)}
	}
	return out
}

func oneHost(name, ip string) []any {
	return []any{map[string]any{"name": name, "ip": ip}}
}

func tagList(n int) []any {
	out := make([]any, n)
	for i := range out {
		out[i] = map[string]any{"key": fmt.Sprintf("key%d", i), "value": "v"}
	}
	return out
}

func oneTag(tag map[string]any) []any { return []any{tag} }

func routeBody(name, cidr string) map[string]any { return map[string]any{"name": name, "cidr": cidr} }

// ruleReasons: what the reason of a schema error says for each rule keyword.
var ruleReasons = map[string]string{
	"maxItems":  "maximum number of items is",
	"maxLength": "maximum string length is",
	"minLength": "minimum string length is",
	"pattern":   "doesn't match the regular expression",
	"required":  "is missing",
	"not":       `Doesn't match schema "not"`, // kin-openapi gives `not` no Reason: read Error()
	"minimum":   "number must be at least",
	"enum":      "value is not one of the allowed values",
	"format":    `doesn't match the format "ipv4"`,
	"minItems":  "minimum number of items is",
	"type":      "value must be a",
}

type payloadCase struct {
	name   string
	ops    []string // operations sent the same request
	body   any      // marshalled to JSON; nil sends no body
	query  string
	target target

	// Expected rejection (empty for accepted cases).
	param   string   // the parameter named by the error, or "" for the body
	pointer string   // JSON pointer of the offending body field
	rules   []string // schema keyword(s) that may reject it; "parse" for a value that does not decode
}

var (
	createOp   = []string{"CreateEnhancedConnection"}
	updateOp   = []string{"UpdateEnhancedConnection"}
	listOp     = []string{"ListEnhancedConnections"}
	showOp     = []string{"ShowEnhancedConnection"}
	routeOps   = []string{"CreateRouteToEnhancedConnection", "CreateEnhancedConnectionRoutes"}
	delRouteOp = []string{"DeleteRouteFromEnhancedConnection", "DeleteEnhancedConnectionRoutes"}
	ipv4Rules  = []string{"pattern", "format"}
)

func invalidCases() []payloadCase {
	long := func(n int) string { return "a" + strings.Repeat("b", n-1) }
	return append([]payloadCase{
		// Create: connection name, VPC, subnet.
		{name: "20001 hosts", ops: createOp, body: createWith("hosts", hostList(20001)), pointer: "/hosts", rules: []string{"maxItems"}},
		{name: "name of 65 characters", ops: createOp, body: createWith("name", long(65)), pointer: "/name", rules: []string{"maxLength"}},
		{name: "name with a hyphen", ops: createOp, body: createWith("name", "my-conn"), pointer: "/name", rules: []string{"pattern"}},
		{name: "empty name", ops: createOp, body: createWith("name", ""), pointer: "/name", rules: []string{"minLength"}},
		{name: "missing name", ops: createOp, body: createWithout("name"), pointer: "/name", rules: []string{"required"}},
		{name: "missing dest_vpc_id", ops: createOp, body: createWithout("dest_vpc_id"), pointer: "/dest_vpc_id", rules: []string{"required"}},
		{name: "missing dest_network_id", ops: createOp, body: createWithout("dest_network_id"), pointer: "/dest_network_id", rules: []string{"required"}},
		// Create: hosts.
		{name: "host name starting with a digit", ops: createOp, body: createWith("hosts", oneHost("1ecs", "192.168.0.1")), pointer: "/hosts/0/name", rules: []string{"pattern"}},
		{name: "host name of 129 characters", ops: createOp, body: createWith("hosts", oneHost(long(129), "192.168.0.1")), pointer: "/hosts/0/name", rules: []string{"maxLength"}},
		{name: "host name with a slash", ops: createOp, body: createWith("hosts", oneHost("ecs/1", "192.168.0.1")), pointer: "/hosts/0/name", rules: []string{"pattern"}},
		{name: "host ip 256.1.1.1", ops: createOp, body: createWith("hosts", oneHost("ecs", "256.1.1.1")), pointer: "/hosts/0/ip", rules: ipv4Rules},
		{name: "host ip 1.2.3", ops: createOp, body: createWith("hosts", oneHost("ecs", "1.2.3")), pointer: "/hosts/0/ip", rules: ipv4Rules},
		{name: "host ip a.b.c.d", ops: createOp, body: createWith("hosts", oneHost("ecs", "a.b.c.d")), pointer: "/hosts/0/ip", rules: ipv4Rules},
		// Create: tags.
		{name: "tag key starting with _sys_", ops: createOp, body: createWith("tags", oneTag(map[string]any{"key": "_sys_env", "value": "v"})), pointer: "/tags/0/key", rules: []string{"not"}},
		{name: "tag key with a leading space", ops: createOp, body: createWith("tags", oneTag(map[string]any{"key": " env", "value": "v"})), pointer: "/tags/0/key", rules: []string{"pattern"}},
		{name: "tag key with a trailing space", ops: createOp, body: createWith("tags", oneTag(map[string]any{"key": "env ", "value": "v"})), pointer: "/tags/0/key", rules: []string{"pattern"}},
		{name: "tag key of 129 characters", ops: createOp, body: createWith("tags", oneTag(map[string]any{"key": long(129), "value": "v"})), pointer: "/tags/0/key", rules: []string{"maxLength"}},
		{name: "tag key with #", ops: createOp, body: createWith("tags", oneTag(map[string]any{"key": "env#1", "value": "v"})), pointer: "/tags/0/key", rules: []string{"pattern"}},
		{name: "tag value of 256 characters", ops: createOp, body: createWith("tags", oneTag(map[string]any{"key": "env", "value": long(256)})), pointer: "/tags/0/value", rules: []string{"maxLength"}},
		{name: "tag value with a tab", ops: createOp, body: createWith("tags", oneTag(map[string]any{"key": "env", "value": "prod\t1"})), pointer: "/tags/0/value", rules: []string{"pattern"}},
		{name: "tag without value", ops: createOp, body: createWith("tags", oneTag(map[string]any{"key": "env"})), pointer: "/tags/0/value", rules: []string{"required"}},
		{name: "21 tags", ops: createOp, body: createWith("tags", tagList(21)), pointer: "/tags", rules: []string{"maxItems"}},
		// Update.
		{name: "update without hosts", ops: updateOp, body: map[string]any{}, pointer: "/hosts", rules: []string{"required"}},
		{name: "update with 20001 hosts", ops: updateOp, body: map[string]any{"hosts": hostList(20001)}, pointer: "/hosts", rules: []string{"maxItems"}},
		{name: "update with a bad host ip", ops: updateOp, body: map[string]any{"hosts": oneHost("ecs", "1.2.3")}, pointer: "/hosts/0/ip", rules: ipv4Rules},
		// Routes (v3 and the deprecated v2.0 path).
		{name: "route name of 65 characters", ops: routeOps, body: routeBody(long(65), "192.168.2.0/24"), pointer: "/name", rules: []string{"maxLength"}},
		{name: "route name with a dot", ops: routeOps, body: routeBody("rds.net", "192.168.2.0/24"), pointer: "/name", rules: []string{"pattern"}},
		{name: "empty route name", ops: routeOps, body: routeBody("", "192.168.2.0/24"), pointer: "/name", rules: []string{"minLength"}},
		{name: "route cidr 10.0.0.0/33", ops: routeOps, body: routeBody("route", "10.0.0.0/33"), pointer: "/cidr", rules: []string{"pattern"}},
		{name: "route cidr 999.1.1.1", ops: routeOps, body: routeBody("route", "999.1.1.1"), pointer: "/cidr", rules: []string{"pattern"}},
		{name: "route without cidr", ops: routeOps, body: map[string]any{"name": "route"}, pointer: "/cidr", rules: []string{"required"}},
		{name: "route without name", ops: routeOps, body: map[string]any{"cidr": "192.168.2.0/24"}, pointer: "/name", rules: []string{"required"}},
		{name: "route name in path of 65 characters", ops: delRouteOp, target: target{routeName: long(65)}, param: "name", rules: []string{"maxLength"}},
		{name: "route name in path with a dot", ops: delRouteOp, target: target{routeName: "rds.net"}, param: "name", rules: []string{"pattern"}},
		// List query.
		{name: "limit=-1", ops: listOp, query: "limit=-1", param: "limit", rules: []string{"minimum"}},
		{name: "limit=abc", ops: listOp, query: "limit=abc", param: "limit", rules: []string{"parse"}},
		{name: "offset=-1", ops: listOp, query: "offset=-1", param: "offset", rules: []string{"minimum"}},
		{name: "status=RUNNING", ops: listOp, query: "status=RUNNING", param: "status", rules: []string{"pattern"}},
		{name: "name filter of 65 characters", ops: listOp, query: "name=" + long(65), param: "name", rules: []string{"maxLength"}},
		// Path parameters.
		{name: "project_id with a hyphen", ops: listOp, target: target{projectID: "48cc2c48-765f"}, param: "project_id", rules: []string{"pattern"}},
		{name: "project_id of 65 characters", ops: listOp, target: target{projectID: strings.Repeat("a", 65)}, param: "project_id", rules: []string{"maxLength"}},
		{name: "connection_id not a UUID", ops: showOp, target: target{connectionID: "2a620c33-5609-40c9-affd"}, param: "connection_id", rules: []string{"pattern"}},
	}, familyInvalidCases()...)
}

func (tc payloadCase) run(t *testing.T, router routers.Router, opID string) error {
	var body []byte
	if tc.body != nil {
		body = mustJSON(t, tc.body)
	}
	return validateRequest(t, router, opID, tc.target, tc.query, body)
}

func TestRejectsInvalidPayloads(t *testing.T) {
	router := newRouter(t, loadDoc(t))

	for _, tc := range invalidCases() {
		for _, opID := range tc.ops {
			t.Run(opID+"/"+tc.name, func(t *testing.T) {
				err := tc.run(t, router, opID)
				require.Error(t, err, "must be rejected")
				t.Log(err)
				assert.Less(t, len(err.Error()), 1000, "short error message: %.300s", err.Error())

				var reqErr *openapi3filter.RequestError
				require.ErrorAs(t, err, &reqErr)
				if tc.param != "" {
					require.NotNil(t, reqErr.Parameter, "a parameter error: %v", err)
					assert.Equal(t, tc.param, reqErr.Parameter.Name)
				} else {
					assert.NotNil(t, reqErr.RequestBody, "a request body error: %v", err)
				}

				if slices.Equal(tc.rules, []string{"parse"}) {
					var parseErr *openapi3filter.ParseError
					require.ErrorAs(t, err, &parseErr)
					assert.Equal(t, openapi3filter.KindInvalidFormat, parseErr.Kind, "%v", err)
					return
				}

				var schemaErr *openapi3.SchemaError
				require.ErrorAs(t, err, &schemaErr)
				pointer := "/" + strings.Join(schemaErr.JSONPointer(), "/")
				if tc.param != "" {
					assert.Equal(t, "/", pointer)
				} else {
					assert.Equal(t, tc.pointer, pointer, "field named by the error: %v", err)
				}
				require.Contains(t, tc.rules, schemaErr.SchemaField, "rule: %v", err)
				reason := schemaErr.Reason
				if reason == "" {
					reason = schemaErr.Error()
				}
				assert.Contains(t, reason, ruleReasons[schemaErr.SchemaField], "reason names the rule")
				if schemaErr.SchemaField == "required" {
					assert.Contains(t, schemaErr.Reason, strconv.Quote(pointer[strings.LastIndex(pointer, "/")+1:]), "reason names the missing field")
				}
			})
		}
	}
}

func acceptedCases() []payloadCase {
	long := func(n int) string { return "a" + strings.Repeat("b", n-1) }
	tagValue := func(v string) []any { return oneTag(map[string]any{"key": "env", "value": v}) }
	return append([]payloadCase{
		{name: "name of 64 characters", ops: createOp, body: createWith("name", long(64))},
		{name: "name with digits and underscores", ops: createOp, body: createWith("name", "conn_2024_a")},
		{name: "exactly 20000 hosts", ops: createOp, body: createWith("hosts", hostList(20000))},
		{name: "host name of 128 characters", ops: createOp, body: createWith("hosts", oneHost(long(128), "192.168.0.1"))},
		{name: "host name with _ - .", ops: createOp, body: createWith("hosts", oneHost("ecs_1-a.b", "192.168.0.1"))},
		{name: "host ip 0.0.0.0", ops: createOp, body: createWith("hosts", oneHost("ecs", "0.0.0.0"))},
		{name: "host ip 255.255.255.255", ops: createOp, body: createWith("hosts", oneHost("ecs", "255.255.255.255"))},
		{name: "tag key of 128 characters", ops: createOp, body: createWith("tags", oneTag(map[string]any{"key": long(128), "value": "v"}))},
		{name: "tag value of 255 characters", ops: createOp, body: createWith("tags", tagValue(long(255)))},
		{name: "20 tags", ops: createOp, body: createWith("tags", tagList(20))},
		{name: "tag key with = and non-ASCII letters (HWC)", ops: createOp, body: createWith("tags", oneTag(map[string]any{"key": "Zürich=区域", "value": "華北 ok"}))},
		{name: "tag key with inner space and _.:+-@", ops: createOp, body: createWith("tags", oneTag(map[string]any{"key": "a b_.:+-@", "value": "x"}))},
		{name: "empty tag value", ops: createOp, body: createWith("tags", tagValue(""))},
		// The current OTC table forbids spaces at the ends of a tag key only (testdata/realworld).
		{name: "tag value with spaces at the ends", ops: createOp, body: createWith("tags", tagValue(" prod "))},
		{name: "tags null (HWC Terraform provider)", ops: createOp, body: createWith("tags", nil)},
		{name: "every optional field", ops: createOp, body: func() map[string]any {
			m := validCreate()
			m["queues"] = []any{"q1"}
			m["elastic_resource_pools"] = []any{"e1"}
			m["routetable_id"] = "rtb-1"
			m["hosts"] = hostList(2)
			m["tags"] = tagList(2)
			return m
		}()},
		{name: "update with exactly 20000 hosts", ops: updateOp, body: map[string]any{"hosts": hostList(20000)}},
		{name: "update with an empty host list", ops: updateOp, body: map[string]any{"hosts": []any{}}},
		{name: "route name of 64 characters", ops: routeOps, body: routeBody(long(64), "192.168.2.0/24")},
		{name: "route name with _ and -", ops: routeOps, body: routeBody("rds_net-1", "192.168.2.0/24")},
		{name: "route cidr without prefix (reference example)", ops: routeOps, body: routeBody("route", "127.0.0.0")},
		{name: "route cidr 0.0.0.0/0", ops: routeOps, body: routeBody("route", "0.0.0.0/0")},
		{name: "route cidr 255.255.255.255/32", ops: routeOps, body: routeBody("route", "255.255.255.255/32")},
		{name: "route cidr IPv6", ops: routeOps, body: routeBody("route", "2407:c080:802:be7::/64")},
		{name: "route name in path of 64 characters", ops: delRouteOp, target: target{routeName: long(64)}},
		{name: "limit=0", ops: listOp, query: "limit=0"},
		{name: "status=Active (OTC list page, case-insensitive)", ops: listOp, query: "status=Active"},
		{name: "every list filter", ops: listOp, query: "limit=100&offset=0&status=DELETED&name=withvpc&tags=env%3Dprod%2Cteam%3Ddata"},
		{name: "project_id of 64 characters", ops: listOp, target: target{projectID: strings.Repeat("a", 64)}},
		{name: "upper-case connection_id", ops: showOp, target: target{connectionID: strings.ToUpper(testConnectionID)}},
	}, familyAcceptedCases()...)
}

func TestAcceptsBoundaryValues(t *testing.T) {
	router := newRouter(t, loadDoc(t))

	for _, tc := range acceptedCases() {
		for _, opID := range tc.ops {
			t.Run(opID+"/"+tc.name, func(t *testing.T) {
				assert.NoError(t, tc.run(t, router, opID))
			})
		}
	}
}

// ---------------------------------------------------------------------------------------------
// 6. Patterns

func TestPatterns(t *testing.T) {
	// ECMA-262 engines without the u flag (many JavaScript tools) read `\p{L}` as "p{L}": no
	// pattern, example, enum or other value may carry a Unicode property class. Prose may name
	// one: the Tag description explains why the spec avoids `\p{L}`.
	var root yaml.Node
	require.NoError(t, yaml.Unmarshal(enhancedconnections.Spec(), &root))
	var scalars int
	var walk func(n *yaml.Node, key, where string)
	walk = func(n *yaml.Node, key, where string) {
		switch n.Kind {
		case yaml.DocumentNode, yaml.SequenceNode:
			for i, c := range n.Content {
				walk(c, key, fmt.Sprintf("%s/%d", where, i))
			}
		case yaml.MappingNode:
			for i := 0; i+1 < len(n.Content); i += 2 {
				k := n.Content[i]
				walk(k, "", where)
				walk(n.Content[i+1], k.Value, where+"/"+k.Value)
			}
		case yaml.ScalarNode:
			scalars++
			if key == "description" || key == "summary" {
				return
			}
			for _, class := range []string{`\p{`, `\P{`} {
				assert.NotContains(t, n.Value, class, "%s (line %d)", where, n.Line)
			}
		}
	}
	walk(&root, "", "")
	assert.Greater(t, scalars, 500, "the whole document was walked")

	w := collectExamples(loadDoc(t))
	for s, where := range w.patterns {
		_, err := regexp.Compile(s.Pattern)
		assert.NoError(t, err, "%s: pattern %q", where, s.Pattern)
		assert.NotContains(t, s.Pattern, `\p`, where)
		assert.NotContains(t, s.Pattern, `\P`, where)
	}
	// Every pattern of the file's text was reached by the walk.
	assert.Equal(t, yamlKeyCounts(t).pattern, len(w.patterns), "patterns found")
}
