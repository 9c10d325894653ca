package fake

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/gorillamux"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	enhancedconnections "github.com/dli-openapi/enhanced-connections"
	"github.com/dli-openapi/enhanced-connections/internal/realworld"
	"github.com/dli-openapi/enhanced-connections/internal/specrules"
)

// The fake routes and validates with the spec's generated rules (specops.go, validate.go).
// Until issue 18 it did both with kin-openapi, an independent implementation of OpenAPI that
// reads the YAML itself. It stays here, in the tests only, as a second opinion: on every
// request below the two must agree on the operation, on whether the spec allows the request,
// and on the field a refusal names. The cases are the refusals of validate_test.go, edge cases
// of parameters and media types, the documented request bodies, and every request case of the
// real-world corpus (testdata/realworld), whose own verdicts both must match as well.

// kinJudge is the fake's validator as it was: kin-openapi's router and request validation,
// ipv4 format on, authentication left to the auth stage.
type kinJudge struct {
	router  routers.Router
	options *openapi3filter.Options
}

var loadKinJudge = sync.OnceValues(func() (*kinJudge, error) {
	doc, err := openapi3.NewLoader().LoadFromData(enhancedconnections.Spec())
	if err != nil {
		return nil, err
	}
	doc.Servers = openapi3.Servers{{URL: "/"}}
	router, err := gorillamux.NewRouter(doc)
	if err != nil {
		return nil, err
	}
	return &kinJudge{router: router, options: &openapi3filter.Options{
		AuthenticationFunc: openapi3filter.NoopAuthenticationFunc,
		SchemaValidationOptions: []openapi3.SchemaValidationOption{
			openapi3.WithStringFormatValidator("ipv4", openapi3.NewIPValidator(true)),
			openapi3.DisableSchemaErrorDetails(),
		},
	}}, nil
})

// judgement is what a validator makes of a request: the operation it routed to ("" for none)
// and the field of the first broken rule ("" when the spec allows the request).
type judgement struct{ op, field string }

func (v judgement) String() string {
	if v.field == "" {
		return v.op + ": valid"
	}
	return v.op + ": refused at " + v.field
}

func (k *kinJudge) judge(r *http.Request) judgement {
	route, params, err := k.router.FindRoute(r)
	if err != nil {
		return judgement{field: "route"}
	}
	err = openapi3filter.ValidateRequest(context.Background(), &openapi3filter.RequestValidationInput{
		Request: r, PathParams: params, Route: route, Options: k.options,
	})
	v := judgement{op: route.Operation.OperationID}
	if err != nil {
		v.field = kinField(err)
	}
	return v
}

// kinField names the field of a kin-openapi validation error as the fake's answers did.
func kinField(err error) string {
	var me openapi3.MultiError
	if errors.As(err, &me) && len(me) > 0 {
		err = me[0]
	}
	var re *openapi3filter.RequestError
	if !errors.As(err, &re) {
		return "request"
	}
	switch {
	case re.Parameter != nil:
		return re.Parameter.Name
	case re.RequestBody != nil:
		var se *openapi3.SchemaError
		if errors.As(re.Err, &se) {
			if p := se.JSONPointer(); len(p) > 0 {
				return strings.Join(p, "/")
			}
		} else if strings.Contains(re.Reason, "Content-Type") {
			return "Content-Type"
		}
		return "body"
	}
	return "request"
}

func oursJudge(t *testing.T, r *http.Request) judgement {
	spec, err := sharedSpecOps()
	require.NoError(t, err)
	op, params, _ := spec.route(r.Method, r.URL.EscapedPath())
	if op == nil {
		return judgement{field: "route"}
	}
	field, _, ok := op.check(r, params)
	if ok {
		field = ""
	}
	return judgement{op: op.id, field: field}
}

// secondOpinionCase is one request, built twice (each validator reads its body).
type secondOpinionCase struct {
	name        string
	build       func() *http.Request
	valid       bool // what the case's source says; checked when known is set
	known       bool
	wantRefusal string // for the refusals of validate_test.go, the field they name
}

func newCaseRequest(method, path, body string, header http.Header) func() *http.Request {
	return func() *http.Request {
		r := httptest.NewRequest(method, "http://fake.test"+path, strings.NewReader(body))
		if body == "" {
			r = httptest.NewRequest(method, "http://fake.test"+path, nil)
		} else {
			r.Header.Set("Content-Type", "application/json")
		}
		for k, v := range header {
			r.Header[k] = v
		}
		return r
	}
}

func TestValidationAgreesWithKinOpenAPI(t *testing.T) {
	kin, err := loadKinJudge()
	require.NoError(t, err)
	var cases []secondOpinionCase
	for _, rr := range refusedRequests() {
		cases = append(cases, secondOpinionCase{name: "refused/" + rr.name, build: newCaseRequest(rr.method, rr.path, rr.body, rr.header),
			known: true, wantRefusal: rr.wantField})
	}
	cases = append(cases, edgeCases()...)
	cases = append(cases, documentedRequests(t)...)
	cases = append(cases, corpusRequests(t)...)
	require.Greater(t, len(cases), 100)

	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ours, theirs := oursJudge(t, c.build()), kin.judge(c.build())
			assert.Equal(t, theirs.String(), ours.String(), "the fake against kin-openapi")
			if c.known {
				assert.Equal(t, c.valid, ours.field == "", "the fake against the case's source: %s", ours)
			}
			if c.wantRefusal != "" {
				assert.Equal(t, c.wantRefusal, ours.field)
			}
		})
	}
}

// edgeCases are requests where two validators could part ways: how parameters are read from
// text, repeated, empty or escaped, and which media types count as JSON.
func edgeCases() []secondOpinionCase {
	conns := connsPath(project)
	create := `{"name":"a","dest_vpc_id":"v","dest_network_id":"n"}`
	c := func(name, method, path, body string, header http.Header, valid bool) secondOpinionCase {
		return secondOpinionCase{name: "edge/" + name, build: newCaseRequest(method, path, body, header), valid: valid, known: true}
	}
	json := func(ct string) http.Header { return http.Header{"Content-Type": {ct}} }
	return []secondOpinionCase{
		c("list, no parameters", "GET", conns, "", nil, true),
		c("list, every parameter", "GET", conns+"?limit=10&offset=0&status=ACTIVE&name=n1&tags=k%3Dv", "", nil, true),
		c("limit zero", "GET", conns+"?limit=0", "", nil, true),
		c("limit at int32's top", "GET", conns+"?limit=2147483647", "", nil, true),
		c("limit past int32", "GET", conns+"?limit=2147483648", "", nil, false),
		c("limit with a fraction", "GET", conns+"?limit=1.5", "", nil, false),
		c("limit with a plus sign", "GET", conns+"?limit=%2B5", "", nil, true),
		c("limit given twice, the first valid", "GET", conns+"?limit=1&limit=-1", "", nil, true),
		c("limit given twice, the first invalid", "GET", conns+"?limit=-1&limit=1", "", nil, false),
		c("unknown query parameter", "GET", conns+"?color=blue", "", nil, true),
		c("lower-case status", "GET", conns+"?status=active", "", nil, true),
		c("valid X-Project-Id", "GET", conns, "", http.Header{"X-Project-Id": {project}}, true),
		c("show, upper-case uuid", "GET", conns+"/"+strings.ToUpper(missingID), "", nil, true),
		c("show, escaped uuid", "GET", conns+"/%32a620c33-5609-40c9-affd-2b6453071b0f", "", nil, false),
		c("trailing slash", "GET", conns+"/", "", nil, false),
		c("create", "POST", conns, create, nil, true),
		c("create, JSON with a charset", "POST", conns, create, json("application/json; charset=utf-8"), true),
		c("create, JSON in capitals", "POST", conns, create, json("Application/JSON"), true),
		c("create, no Content-Type", "POST", conns, create, json(""), false),
		c("create, text/json", "POST", conns, create, json("text/json"), false),
		c("create, unknown property", "POST", conns, `{"name":"a","dest_vpc_id":"v","dest_network_id":"n","color":"blue"}`, nil, true),
		c("create, null name", "POST", conns, `{"name":null,"dest_vpc_id":"v","dest_network_id":"n"}`, nil, false),
		c("create, a number for a name", "POST", conns, `{"name":5,"dest_vpc_id":"v","dest_network_id":"n"}`, nil, false),
		c("create, an array body", "POST", conns, `[]`, nil, false),
		c("create, host without ip", "POST", conns, `{"name":"a","dest_vpc_id":"v","dest_network_id":"n","hosts":[{"name":"h"}]}`, nil, false),
		c("create, routes", "POST", conns, `{"name":"a","dest_vpc_id":"v","dest_network_id":"n","routes":[{"name":"r","cidr":"10.0.0.0/8"}]}`, nil, true),
		c("update, empty hosts", "PUT", conns+"/"+missingID, `{"hosts":[]}`, nil, true),
		c("delete with a body", "DELETE", conns+"/"+missingID, `{"x":1}`, nil, true),
		c("show with a body", "GET", conns+"/"+missingID, `not json`, nil, true),
		c("tags of another resource type", "GET", "/v3/"+project+"/dli_queue/"+missingID+"/tags", "", nil, false),
		c("tags of a connection", "GET", "/v3/"+project+"/dli_enhanced_datasource/"+missingID+"/tags", "", nil, true),
		c("route, deprecated path", "DELETE", conns+"/"+missingID+"/routes/r1", "", nil, true),
		c("route name escaped", "DELETE", "/v3/"+project+"/datasource/enhanced-connections/"+missingID+"/routes/r%201", "", nil, false),
		c("authorization, grant", "PUT", "/v1.0/"+project+"/authorization", `{"projectId":"`+otherProject+`","action":"grant","privileges":[{"object":"edsconnections.`+missingID+`","privileges":["BIND_QUEUE"]}]}`, nil, true),
		c("unknown method", "PATCH", conns, "", nil, false),
	}
}

// documentedRequests are the request bodies of testdata/examples, each sent to its operation
// with the corpus's default path parameters: all valid.
func documentedRequests(t *testing.T) []secondOpinionCase {
	files, err := filepath.Glob("../testdata/examples/*.request.*.json")
	require.NoError(t, err)
	require.NotEmpty(t, files)
	var out []secondOpinionCase
	for _, f := range files {
		body, err := os.ReadFile(f)
		require.NoError(t, err)
		opID, _, _ := strings.Cut(filepath.Base(f), ".")
		c := realworld.Case{Name: filepath.Base(f), Operation: opID, Direction: realworld.Request, Body: body, Valid: true}
		out = append(out, corpusCase(t, "documented/"+c.Name, c))
	}
	return out
}

// corpusRequests are the request, query and path cases of the real-world corpus.
func corpusRequests(t *testing.T) []secondOpinionCase {
	files, err := realworld.Load("../testdata/realworld")
	require.NoError(t, err)
	var out []secondOpinionCase
	for _, f := range files {
		for _, c := range f.Cases {
			if c.Direction == realworld.Response {
				continue
			}
			out = append(out, corpusCase(t, "corpus/"+f.Name+"/"+c.Name, c))
		}
	}
	return out
}

func corpusCase(t *testing.T, name string, c realworld.Case) secondOpinionCase {
	var method, path string
	for _, op := range specrules.Rules().Operations {
		if op.ID == c.Operation {
			method, path = op.Method, op.Path
		}
	}
	require.NotEmpty(t, method, "%s: no operation %s in the spec", name, c.Operation)
	return secondOpinionCase{name: name, valid: c.Valid, known: true, build: func() *http.Request {
		r, err := c.HTTPRequest(method, path, "http://fake.test", nil)
		if err != nil {
			panic(fmt.Sprintf("%s: %v", name, err))
		}
		return r
	}}
}
