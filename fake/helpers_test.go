package fake

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/gorillamux"
	"github.com/stretchr/testify/require"

	enhancedconnections "github.com/dli-openapi/enhanced-connections"
	"github.com/dli-openapi/enhanced-connections/gen"
)

const (
	project      = "0123456789abcdef0123456789abcdef"
	otherProject = "fedcba9876543210fedcba9876543210"
	missingID    = "2a620c33-5609-40c9-affd-2b6453071b0f"
	vpcID        = "22094d8f-c310-4621-913d-4c4d655d8495"
	networkID    = "78f2562a-36e4-4b39-95b9-f5aab22e1281"
)

// start runs a fake on a loopback port for the duration of the test.
func start(t *testing.T, opts Options) *Running {
	t.Helper()
	r, err := Start(opts)
	require.NoError(t, err)
	t.Cleanup(func() { require.NoError(t, r.Close()) })
	return r
}

// newClient is the generated client pointed at r, with optional request editors (signers).
func newClient(t *testing.T, r *Running, editors ...gen.RequestEditorFn) *gen.ClientWithResponses {
	t.Helper()
	var opts []gen.ClientOption
	for _, e := range editors {
		opts = append(opts, gen.WithRequestEditorFn(e))
	}
	c, err := gen.NewClientWithResponses(r.URL(), opts...)
	require.NoError(t, err)
	return c
}

// connsPath is the collection path of project.
func connsPath(projectID string) string {
	return "/v2.0/" + projectID + "/datasource/enhanced-connections"
}

// answer is a plain HTTP exchange's outcome.
type answer struct {
	status int
	header http.Header
	body   []byte
}

// errorBody decodes the DLI error body of a.
func (a answer) errorBody(t *testing.T) (code, msg string) {
	t.Helper()
	var e gen.Error
	require.NoError(t, json.Unmarshal(a.body, &e), "body %s", a.body)
	require.NotNil(t, e.ErrorCode, "body %s", a.body)
	require.NotNil(t, e.ErrorMsg, "body %s", a.body)
	return e.ErrorCode, e.ErrorMsg
}

// send makes one request with a plain http.Client (no generated code involved), so tests see
// exactly what the fake answers.
func send(t *testing.T, client *http.Client, method, url, body string, header http.Header) (answer, error) {
	t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, err := http.NewRequest(method, url, rd)
	require.NoError(t, err)
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	for k, v := range header {
		req.Header[k] = v
	}
	resp, err := client.Do(req)
	if err != nil {
		return answer{}, err
	}
	defer func() { _ = resp.Body.Close() }()
	b, err := io.ReadAll(resp.Body)
	return answer{status: resp.StatusCode, header: resp.Header, body: b}, err
}

// mustSend is send for exchanges that must complete.
func mustSend(t *testing.T, r *Running, method, path, body string) answer {
	t.Helper()
	a, err := send(t, http.DefaultClient, method, r.URL()+path, body, nil)
	require.NoError(t, err)
	return a
}

// create makes a connection through the generated client and returns its id.
func create(t *testing.T, c *gen.ClientWithResponses, projectID string, body gen.CreateEnhancedConnectionRequest) string {
	t.Helper()
	if body.DestVpcID == "" {
		body.DestVpcID, body.DestNetworkID = vpcID, networkID
	}
	resp, err := c.CreateEnhancedConnectionWithResponse(context.Background(), projectID, nil, body)
	require.NoError(t, err)
	require.Equal(t, http.StatusCreated, resp.StatusCode(), "body %s", resp.Body)
	require.NotNil(t, resp.JSON201.ConnectionID)
	return resp.JSON201.ConnectionID
}

// show fetches a connection through the generated client.
func show(t *testing.T, c *gen.ClientWithResponses, projectID, id string) *gen.ShowEnhancedConnectionResponse {
	t.Helper()
	resp, err := c.ShowEnhancedConnectionWithResponse(context.Background(), projectID, id, nil)
	require.NoError(t, err)
	require.Equal(t, http.StatusOK, resp.StatusCode(), "body %s", resp.Body)
	return resp.JSON200
}

// specChecker validates answers against the spec, the way a strict client would.
type specChecker struct {
	router  routers.Router
	options *openapi3filter.Options
}

var loadChecker = sync.OnceValues(func() (*specChecker, error) {
	doc, err := openapi3.NewLoader().LoadFromData(enhancedconnections.Spec())
	if err != nil {
		return nil, err
	}
	doc.Servers = nil // any host
	router, err := gorillamux.NewRouter(doc)
	if err != nil {
		return nil, err
	}
	return &specChecker{router: router, options: &openapi3filter.Options{
		IncludeResponseStatus: true,
		AuthenticationFunc:    openapi3filter.NoopAuthenticationFunc,
		SchemaValidationOptions: []openapi3.SchemaValidationOption{
			openapi3.WithStringFormatValidator("ipv4", openapi3.NewIPValidator(true)),
		},
	}}, nil
})

// checkResponse fails the test unless resp (whose body was read into body) is an answer the
// spec declares for its request, status included.
func checkResponse(t *testing.T, resp *http.Response, body []byte) {
	t.Helper()
	require.NoError(t, validateAnswer(resp, body), "%s %s -> %d %s", resp.Request.Method, resp.Request.URL.Path, resp.StatusCode, body)
}

// validateAnswer is the check behind checkResponse.
func validateAnswer(resp *http.Response, body []byte) error {
	sc, err := loadChecker()
	if err != nil {
		return err
	}
	route, params, err := sc.router.FindRoute(resp.Request)
	if err != nil {
		return err
	}
	return openapi3filter.ValidateResponse(context.Background(), &openapi3filter.ResponseValidationInput{
		RequestValidationInput: &openapi3filter.RequestValidationInput{
			Request: resp.Request, PathParams: params, Route: route, Options: sc.options,
		},
		Status:  resp.StatusCode,
		Header:  resp.Header,
		Body:    io.NopCloser(bytes.NewReader(body)),
		Options: sc.options,
	})
}

// testClock is an injectable clock that only moves when told to.
type testClock struct {
	mu  sync.Mutex
	now time.Time
}

func newTestClock() *testClock {
	return &testClock{now: time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)}
}

func (c *testClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *testClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

// readAll reads an answer's body to the end.
func readAll(resp *http.Response) ([]byte, error) { return io.ReadAll(resp.Body) }
