package conformance

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/pb33f/libopenapi"
	validator "github.com/pb33f/libopenapi-validator"
	"github.com/pb33f/libopenapi-validator/config"
	verrors "github.com/pb33f/libopenapi-validator/errors"

	enhancedconnections "github.com/dli-openapi/enhanced-connections"
	"github.com/dli-openapi/enhanced-connections/internal/realworld"
)

// base is where the corpus's requests are sent: a host of the spec's servers, which strict
// server matching checks against the servers and their region enums.
const base = "https://dli.cn-north-4.myhuaweicloud.com"

// operation is where the spec puts one operationId.
type operation struct{ method, path string }

type suite struct {
	v          validator.Validator
	operations map[string]operation
	// bodies holds, for operations that take a request body, a valid one, so that an answer
	// is judged on a request the validator accepts.
	bodies map[string][]byte
}

func newSuite(t *testing.T) *suite {
	t.Helper()
	doc, err := libopenapi.NewDocument(enhancedconnections.Spec())
	if err != nil {
		t.Fatal(err)
	}
	model, err := doc.BuildV3Model()
	if err != nil {
		t.Fatal(err)
	}
	ops := make(map[string]operation)
	for path, item := range model.Model.Paths.PathItems.FromOldest() {
		for method, op := range item.GetOperations().FromOldest() {
			ops[op.OperationId] = operation{strings.ToUpper(method), path}
		}
	}
	v, errs := validator.NewValidator(doc,
		config.WithFormatAssertions(), // `format: ipv4` on, as kin-openapi runs in the main module
		config.WithStrictServerMatching(),
	)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	if ok, verrs := v.ValidateDocument(); !ok {
		t.Fatalf("the spec does not validate: %v", verrs)
	}
	return &suite{v: v, operations: ops, bodies: map[string][]byte{
		"CreateEnhancedConnection":                []byte(`{"name":"test","dest_vpc_id":"v","dest_network_id":"n"}`),
		"UpdateEnhancedConnection":                []byte(`{"hosts":[]}`),
		"AssociateQueueToEnhancedConnection":      []byte(`{"queues":["q1"]}`),
		"DisassociateQueueFromEnhancedConnection": []byte(`{"queues":["q1"]}`),
		"CreateRouteToEnhancedConnection":         []byte(`{"name":"route","cidr":"192.168.2.0/24"}`),
		"CreateEnhancedConnectionRoutes":          []byte(`{"name":"route","cidr":"192.168.2.0/24"}`),
	}}
}

// verdict validates one case: the request, or the answer to a valid request.
func (s *suite) verdict(c realworld.Case) error {
	op, ok := s.operations[c.Operation]
	if !ok {
		return fmt.Errorf("no operation %s in the spec", c.Operation)
	}
	req, err := c.HTTPRequest(op.method, op.path, base, s.bodies[c.Operation])
	if err != nil {
		return err
	}
	if c.Direction != realworld.Response {
		if ok, errs := s.v.ValidateHttpRequestSync(req); !ok {
			return describe(errs)
		}
		return nil
	}
	if ok, errs := s.v.ValidateHttpRequestSync(req); !ok {
		return fmt.Errorf("the request of the answer is refused: %w", describe(errs))
	}
	// The request body was read by the validation above; the answer's check needs the route
	// only, so a fresh request of the same operation is built.
	req, err = c.HTTPRequest(op.method, op.path, base, s.bodies[c.Operation])
	if err != nil {
		return err
	}
	resp := &http.Response{
		StatusCode: c.Status,
		Header:     http.Header{"Content-Type": {"application/json"}},
		Body:       io.NopCloser(bytes.NewReader(c.Body)),
		Request:    req,
	}
	if ok, errs := s.v.ValidateHttpResponse(req, resp); !ok {
		return describe(errs)
	}
	return nil
}

func describe(errs []*verrors.ValidationError) error {
	parts := make([]string, 0, len(errs))
	for _, e := range errs {
		parts = append(parts, e.Error())
	}
	return fmt.Errorf("%s", strings.Join(parts, "; "))
}

// TestCorpusWithLibopenapiValidator judges every case of testdata/realworld with
// libopenapi-validator and requires its verdict to be the corpus's. With -v it prints the
// agreement per source.
func TestCorpusWithLibopenapiValidator(t *testing.T) {
	files, err := realworld.Load(filepath.Join("..", "testdata", "realworld"))
	if err != nil {
		t.Fatal(err)
	}
	s := newSuite(t)
	type tally struct{ cases, agree int }
	counts := make(map[string]*tally)
	for _, f := range files {
		label := f.Name + " (" + f.Label() + ")"
		n := &tally{}
		counts[label] = n
		for _, c := range f.Cases {
			t.Run(f.Name+"/"+c.Name, func(t *testing.T) {
				n.cases++
				err := s.verdict(c)
				if (err == nil) != c.Valid {
					t.Errorf("libopenapi-validator: valid=%t, the corpus says %t (%s:%d %s): %v",
						err == nil, c.Valid, c.Where.Path, c.Where.Line, c.Where.Section, err)
					return
				}
				n.agree++
			})
		}
	}
	labels := make([]string, 0, len(counts))
	for l := range counts {
		labels = append(labels, l)
	}
	sort.Strings(labels)
	var b strings.Builder
	var total tally
	for _, l := range labels {
		fmt.Fprintf(&b, "%-80s %4d/%-4d\n", l, counts[l].agree, counts[l].cases)
		total.cases += counts[l].cases
		total.agree += counts[l].agree
	}
	fmt.Fprintf(&b, "%-80s %4d/%-4d", "total", total.agree, total.cases)
	t.Logf("libopenapi-validator agreement with the corpus's verdicts:\n%s", b.String())
}

// The validator's verdicts must be able to fail: a request the spec refuses and an answer it
// refuses are refused here too, so that agreement above is not a validator that accepts all.
func TestTheValidatorRefuses(t *testing.T) {
	s := newSuite(t)
	for _, c := range []realworld.Case{
		{Name: "bad ip", Operation: "CreateEnhancedConnection", Direction: realworld.Request,
			Body: []byte(`{"name":"a","dest_vpc_id":"v","dest_network_id":"n","hosts":[{"ip":"1.2.3.999"}]}`)},
		{Name: "ip with a leading zero", Operation: "UpdateEnhancedConnection", Direction: realworld.Request,
			Body: []byte(`{"hosts":[{"ip":"01.2.3.4"}]}`)},
		{Name: "bad status", Operation: "ListEnhancedConnections", Direction: realworld.Query, RawQuery: "status=RUNNING"},
		{Name: "bad answer", Operation: "ShowEnhancedConnection", Direction: realworld.Response, Status: 200,
			Body: []byte(`{"is_success":"yes"}`)},
		{Name: "an error body of the wrong shape under default", Operation: "ShowEnhancedConnection", Direction: realworld.Response, Status: 418,
			Body: []byte(`{"error_code":5}`)},
	} {
		if err := s.verdict(c); err == nil {
			t.Errorf("%s: accepted", c.Name)
		}
	}
	req, err := http.NewRequest(http.MethodGet, "https://dli.example.com/v2.0/"+realworld.DefaultProjectID+"/datasource/enhanced-connections", nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("X-Auth-Token", "t")
	if ok, _ := s.v.ValidateHttpRequestSync(req); ok {
		t.Error("a host outside the spec's servers is accepted")
	}
}
