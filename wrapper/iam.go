package wrapper

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/dli-openapi/enhanced-connections/internal/iamerror"
	"github.com/dli-openapi/enhanced-connections/wrapper/signer"
)

// projectResolver finds the IAM project id of one region the way the vendor SDK does when its
// credentials carry none: one signed `GET /v3/projects?name=<region>` to the IAM endpoint, whose
// answer must name exactly one project. The id is kept once found; a failure is not, so a later
// call asks again. A projectResolver is safe for concurrent use, and concurrent first calls share
// a single IAM request.
type projectResolver struct {
	endpoint string // IAM base URL, without a trailing slash
	region   string
	// name is the project looked up: the region's default project (named like the region), or
	// an Open Telekom Cloud project such as "eu-de_sub".
	name    string
	rt      http.RoundTripper
	signer  requestSigner
	timeout time.Duration

	mu       sync.Mutex
	id       string         // the answer, once found
	inflight *projectLookup // the request in flight, if any
}

// projectLookup is one IAM request that callers wait for.
type projectLookup struct {
	done chan struct{} // closed when id and err are set
	id   string
	err  error
}

// projectLookupTimeout bounds one IAM request. The request outlives the caller that started it
// (others may be waiting for it), so it is not bound to that caller's context.
const projectLookupTimeout = 30 * time.Second

// maxIAMAnswer bounds the body read from IAM: a project list of one region is a few hundred
// bytes.
const maxIAMAnswer = 1 << 20

// Errors a ProjectLookupError wraps when IAM answered but not with exactly one project.
var (
	ErrNoProject       = errors.New("IAM returned no project for the region")
	ErrSeveralProjects = errors.New("IAM returned several projects for the region")
)

// ProjectLookupError is every failure of projectResolver.ProjectID. It wraps ErrNoProject,
// ErrSeveralProjects, an *IAMError (IAM answered with an error status), the transport's error,
// or the decoding error of an answer that is not a project list; match with errors.Is and
// errors.As.
type ProjectLookupError struct {
	Region string
	// Project is the project name looked up: the region's, or Config.ProjectName.
	Project  string
	Endpoint string   // the IAM endpoint asked
	Projects []string // the ids found, when there were several
	TraceID  string   // X-IAM-Trace-Id (or X-Request-Id) of the answer, for the vendor's support
	Err      error
}

// Error says what went wrong and how to avoid the lookup.
func (e *ProjectLookupError) Error() string {
	var b strings.Builder
	if e.Project != "" && e.Project != e.Region {
		fmt.Fprintf(&b, "dli: project id of project %q from %s: %v", e.Project, e.Endpoint, e.Err)
	} else {
		fmt.Fprintf(&b, "dli: project id of region %q from %s: %v", e.Region, e.Endpoint, e.Err)
	}
	if len(e.Projects) > 0 {
		fmt.Fprintf(&b, " [%s]", strings.Join(e.Projects, ", "))
	}
	if e.TraceID != "" {
		fmt.Fprintf(&b, " (trace id %s)", e.TraceID)
	}
	b.WriteString("; set the project id (Config.ProjectID, $" + EnvProjectID + ")")
	return b.String()
}

// Unwrap returns the cause.
func (e *ProjectLookupError) Unwrap() error { return e.Err }

// IAMError is an error answer of IAM: its HTTP status and, when the body says, its code and
// message (Keystone's {"error": {"code", "title", "message"}} or Huawei's
// {"error_code", "error_msg"}).
type IAMError struct {
	StatusCode int
	Code       string
	Message    string
}

// Error implements error.
func (e *IAMError) Error() string {
	s := fmt.Sprintf("IAM answered HTTP %d", e.StatusCode)
	if e.Code != "" {
		s += " " + e.Code
	}
	if e.Message != "" {
		s += ": " + e.Message
	}
	return s
}

// requestSigner signs a request to IAM: a *signer.Signer, or the client's keyring, which takes
// the current keys.
type requestSigner interface {
	Sign(req *http.Request) error
}

// newProjectResolver returns a resolver of region's project id. iamEndpoint is the IAM base URL
// (e.g. "https://iam.eu-de.otc.t-systems.com"; "https://" is added when it has no scheme, as the
// vendor SDK does); empty means IAMEndpoint(region), the x-iam-url of the spec. rt sends the
// request (nil means http.DefaultTransport) and sig signs it; IAM needs AK/SK credentials.
func newProjectResolver(iamEndpoint, region string, rt http.RoundTripper, sig requestSigner) (*projectResolver, error) {
	if region == "" && iamEndpoint == "" {
		return nil, fmt.Errorf("%w: a project id lookup needs a region or an IAM endpoint", ErrInvalidConfig)
	}
	if s, ok := sig.(*signer.Signer); sig == nil || ok && s == nil {
		return nil, fmt.Errorf("%w: a project id lookup needs AK/SK credentials to sign it", ErrInvalidConfig)
	}
	if iamEndpoint == "" {
		var err error
		if iamEndpoint, err = IAMEndpoint(region); err != nil {
			return nil, err
		}
	}
	if !strings.Contains(iamEndpoint, "://") {
		iamEndpoint = "https://" + iamEndpoint
	}
	u, err := url.Parse(iamEndpoint)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" || u.RawQuery != "" {
		return nil, fmt.Errorf("%w: IAM endpoint %q is not an http or https URL with a host", ErrInvalidConfig, iamEndpoint)
	}
	if rt == nil {
		rt = http.DefaultTransport
	}
	return &projectResolver{
		endpoint: strings.TrimSuffix(iamEndpoint, "/"),
		region:   region,
		name:     region,
		rt:       rt,
		signer:   sig,
		timeout:  projectLookupTimeout,
	}, nil
}

// Region is the region whose project id the resolver finds.
func (r *projectResolver) Region() string { return r.region }

// Endpoint is the IAM endpoint the resolver asks.
func (r *projectResolver) Endpoint() string { return r.endpoint }

// ProjectID returns the project id of the region, asking IAM on the first call (and after a
// failed one). Callers that arrive while a request is in flight wait for it; ctx bounds the wait
// of each, not the request, which is bounded by its own timeout so that one caller's cancellation
// does not fail the others.
func (r *projectResolver) ProjectID(ctx context.Context) (string, error) {
	r.mu.Lock()
	if r.id != "" {
		id := r.id
		r.mu.Unlock()
		return id, nil
	}
	l := r.inflight
	if l == nil {
		l = &projectLookup{done: make(chan struct{})}
		r.inflight = l
		go r.lookup(context.WithoutCancel(ctx), l)
	}
	r.mu.Unlock()

	select {
	case <-l.done:
		return l.id, l.err
	case <-ctx.Done():
		return "", &ProjectLookupError{Region: r.region, Project: r.name, Endpoint: r.endpoint, Err: ctx.Err()}
	}
}

// lookup runs one IAM request and publishes its result to every waiter.
func (r *projectResolver) lookup(ctx context.Context, l *projectLookup) {
	ctx, cancel := context.WithTimeout(ctx, r.timeout)
	defer cancel()
	id, err := r.askWithRetries(ctx)
	r.mu.Lock()
	if err == nil {
		r.id = id
	}
	r.inflight = nil
	l.id, l.err = id, err
	r.mu.Unlock()
	close(l.done)
}

// lookupRetry is the lookup's own retry policy: it is a GET, so a broken connection, a refused
// dial (IAM, or a fake, still starting) or a 429/502/503/504 is worth the default policy's
// attempts, within the lookup's time limit. Anything else IAM answers is final.
var lookupRetry = DefaultRetryPolicy()

// askWithRetries asks IAM until it answers with something final.
func (r *projectResolver) askWithRetries(ctx context.Context) (string, error) {
	for attempt := 1; ; attempt++ {
		id, err := r.ask(ctx)
		if err == nil || attempt >= lookupRetry.MaxAttempts || !retryableLookup(err) ||
			!sleep(ctx, lookupRetry.backoff(attempt)) {
			return id, err
		}
	}
}

// retryableLookup: a transport failure, or IAM saying "not now".
func retryableLookup(err error) bool {
	var iam *IAMError
	if errors.As(err, &iam) {
		return retryableStatus(iam.StatusCode)
	}
	var le *ProjectLookupError
	return errors.As(err, &le) && !errors.Is(err, ErrNoProject) && !errors.Is(err, ErrSeveralProjects) &&
		!errors.Is(err, context.Canceled) && !errors.Is(err, context.DeadlineExceeded) && isTransport(le.Err)
}

// isTransport reports whether err came from sending the request rather than from its answer.
func isTransport(err error) bool {
	var ne net.Error
	var oe *net.OpError
	return errors.As(err, &oe) || errors.As(err, &ne) || errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF)
}

// projectList is the part of IAM's answer to GET /v3/projects that the lookup reads.
type projectList struct {
	Projects *[]struct {
		ID   string `json:"id"`
		Name string `json:"name"`
	} `json:"projects"`
}

// ask sends the signed request and reads the one project of the answer.
func (r *projectResolver) ask(ctx context.Context) (string, error) {
	fail := func(traceID string, err error, projects ...string) error {
		return &ProjectLookupError{Region: r.region, Project: r.name, Endpoint: r.endpoint, TraceID: traceID, Projects: projects, Err: err}
	}
	u := r.endpoint + "/v3/projects?name=" + url.QueryEscape(r.name)
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return "", fail("", err)
	}
	req.Header.Set("Content-Type", "application/json")
	if err := r.signer.Sign(req); err != nil {
		return "", fail("", err)
	}
	resp, err := r.rt.RoundTrip(req)
	if err != nil {
		return "", fail("", err)
	}
	defer func() { _ = resp.Body.Close() }()
	traceID := firstNonEmpty(resp.Header.Get("X-IAM-Trace-Id"), resp.Header.Get("X-Request-Id"))
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxIAMAnswer))
	if err != nil {
		return "", fail(traceID, err)
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return "", fail(traceID, parseIAMError(resp.StatusCode, body))
	}
	var list projectList
	if err := json.Unmarshal(body, &list); err != nil {
		return "", fail(traceID, fmt.Errorf("IAM's answer is not a project list: %w", err))
	}
	if list.Projects == nil {
		return "", fail(traceID, errors.New(`IAM's answer has no "projects"`))
	}
	// IAM filters by name already; keeping only exact matches makes a server that ignores the
	// filter fail loudly (several projects) or find the right one, never a wrong one.
	var ids []string
	for _, p := range *list.Projects {
		if p.Name == r.name && p.ID != "" {
			ids = append(ids, p.ID)
		}
	}
	switch len(ids) {
	case 0:
		return "", fail(traceID, ErrNoProject)
	case 1:
		return ids[0], nil
	}
	return "", fail(traceID, ErrSeveralProjects, ids...)
}

// parseIAMError reads the error answer of IAM in either of its shapes.
func parseIAMError(status int, body []byte) *IAMError {
	e := &IAMError{StatusCode: status}
	e.Code, e.Message, _ = iamerror.Parse(body)
	return e
}
