package enhancedconnections_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/stretchr/testify/require"

	"github.com/dli-openapi/enhanced-connections/gen"
	"github.com/dli-openapi/enhanced-connections/internal/realworld"
	"github.com/dli-openapi/enhanced-connections/wrapper"
)

// realworldDir holds the corpus taken from the vendor's own material (see its README).
const realworldDir = "testdata/realworld"

// realworldBase is where the corpus's requests are sent: a host of the spec's servers.
const realworldBase = "https://" + testHost

func loadCorpus(t testing.TB) []realworld.File {
	t.Helper()
	files, err := realworld.Load(realworldDir)
	require.NoError(t, err)
	return files
}

// kinVerdict judges one case with kin-openapi's request or response validation, `ipv4` format
// on, as the fake DLI does.
func kinVerdict(doc *openapi3.T, router routers.Router, c realworld.Case) error {
	method, path, _ := findOperation(doc, c.Operation)
	if method == "" {
		return fmt.Errorf("no operation %s in the spec", c.Operation)
	}
	req, err := c.HTTPRequest(method, path, realworldBase, nil)
	if err != nil {
		return err
	}
	rt, params, err := router.FindRoute(req)
	if err != nil {
		return fmt.Errorf("route: %w", err)
	}
	if rt.Operation.OperationID != c.Operation {
		return fmt.Errorf("routed to %s", rt.Operation.OperationID)
	}
	in := &openapi3filter.RequestValidationInput{Request: req, PathParams: params, Route: rt, Options: filterOptions()}
	if c.Direction != realworld.Response {
		return openapi3filter.ValidateRequest(context.Background(), in)
	}
	return openapi3filter.ValidateResponse(context.Background(), &openapi3filter.ResponseValidationInput{
		RequestValidationInput: in,
		Status:                 c.Status,
		Header:                 http.Header{"Content-Type": {"application/json"}},
		Body:                   io.NopCloser(bytes.NewReader(c.Body)),
		Options:                filterOptions(),
	})
}

func findOperation(doc *openapi3.T, id string) (method, path string, op *openapi3.Operation) {
	for p, item := range doc.Paths.Map() {
		for m, o := range item.Operations() {
			if o.OperationID == id {
				return m, p, o
			}
		}
	}
	return "", "", nil
}

// wrapperVerdict judges a request case with the wrapper's own validator, which checks the
// values a Go caller would send. A query value the generated parameter type cannot hold (a
// limit that is no int32) is refused by the type itself, so it counts as invalid.
func wrapperVerdict(doc *openapi3.T, c realworld.Case) error {
	_, path, _ := findOperation(doc, c.Operation)
	params, err := c.Params(path)
	if err != nil {
		return err
	}
	var query any
	if c.RawQuery != "" {
		if c.Operation != "ListEnhancedConnections" {
			return fmt.Errorf("%s takes no query parameters", c.Operation)
		}
		p, err := listParams(c.RawQuery)
		if err != nil {
			return err
		}
		query = p
	}
	var body any
	if c.Direction == realworld.Request {
		body = []byte(c.Body)
	}
	return wrapper.Validate(c.Operation, params, query, body)
}

// listParams decodes a ListEnhancedConnections query as the generated server would bind it.
func listParams(raw string) (*gen.ListEnhancedConnectionsParams, error) {
	values, err := url.ParseQuery(raw)
	if err != nil {
		return nil, err
	}
	var p gen.ListEnhancedConnectionsParams
	int32Of := func(s string) (*int32, error) {
		n, err := strconv.ParseInt(s, 10, 32)
		if err != nil {
			return nil, fmt.Errorf("not an int32: %q", s)
		}
		v := int32(n)
		return &v, nil
	}
	for key, vs := range values {
		if len(vs) != 1 {
			return nil, fmt.Errorf("%s given %d times", key, len(vs))
		}
		s := vs[0]
		switch key {
		case "limit":
			if p.Limit, err = int32Of(s); err != nil {
				return nil, err
			}
		case "offset":
			if p.Offset, err = int32Of(s); err != nil {
				return nil, err
			}
		case "status":
			p.Status = &s
		case "name":
			p.Name = &s
		case "tags":
			p.Tags = &s
		default:
			return nil, fmt.Errorf("unknown query parameter %q", key)
		}
	}
	return &p, nil
}

// tally counts, for one source, the cases a validator judged as the corpus says.
type tally struct{ cases, agreeKin, wrapperCases, agreeWrapper, choices int }

// TestRealWorldCorpus checks that the spec's verdict on every case of testdata/realworld is the
// verdict its source implies (or ours, for the cases marked as a choice), with two validators:
// kin-openapi on the HTTP request or answer, and the wrapper's validator on the request values.
// With -v it prints the agreement per source.
func TestRealWorldCorpus(t *testing.T) {
	doc := loadDoc(t)
	router := newRouter(t, doc)
	counts := make(map[string]*tally)
	var labels []string
	for _, f := range loadCorpus(t) {
		label := f.Name + " (" + f.Label() + ")"
		n := &tally{}
		counts[label] = n
		labels = append(labels, label)
		for _, c := range f.Cases {
			t.Run(f.Name+"/"+c.Name, func(t *testing.T) {
				n.cases++
				if c.Choice != "" {
					n.choices++
				}
				kerr := kinVerdict(doc, router, c)
				if (kerr == nil) == c.Valid {
					n.agreeKin++
				} else {
					t.Errorf("kin-openapi: valid=%t, the corpus says %t (%s:%d %s): %v", kerr == nil, c.Valid, c.Where.Path, c.Where.Line, c.Where.Section, kerr)
				}
				if c.Direction == realworld.Response {
					return
				}
				n.wrapperCases++
				werr := wrapperVerdict(doc, c)
				if (werr == nil) == c.Valid {
					n.agreeWrapper++
				} else {
					t.Errorf("wrapper validator: valid=%t, the corpus says %t: %v", werr == nil, c.Valid, werr)
				}
			})
		}
	}
	sort.Strings(labels)
	var total tally
	var b strings.Builder
	fmt.Fprintf(&b, "%-75s %5s %6s %14s %16s\n", "source", "cases", "choice", "kin-openapi", "wrapper (req.)")
	for _, l := range labels {
		n := counts[l]
		fmt.Fprintf(&b, "%-75s %5d %6d %8d/%-5d %10d/%-5d\n", l, n.cases, n.choices, n.agreeKin, n.cases, n.agreeWrapper, n.wrapperCases)
		total.cases += n.cases
		total.choices += n.choices
		total.agreeKin += n.agreeKin
		total.wrapperCases += n.wrapperCases
		total.agreeWrapper += n.agreeWrapper
	}
	fmt.Fprintf(&b, "%-75s %5d %6d %8d/%-5d %10d/%-5d", "total", total.cases, total.choices, total.agreeKin, total.cases, total.agreeWrapper, total.wrapperCases)
	t.Logf("agreement with the corpus's verdicts:\n%s", b.String())
}
