package wrapper_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/dli-openapi/enhanced-connections/fake"
	"github.com/dli-openapi/enhanced-connections/gen"
	"github.com/dli-openapi/enhanced-connections/wrapper"
	"github.com/dli-openapi/enhanced-connections/wrapper/signer"
)

// countingTransport counts the requests a resolver sends.
type countingTransport struct {
	n    atomic.Int64
	next http.RoundTripper
}

func (c *countingTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	c.n.Add(1)
	return c.next.RoundTrip(r)
}

// startIAMFake runs the fake with AK/SK checking on (its IAM stage verifies signatures then) and
// the given projects (nil: one per region).
func startIAMFake(t *testing.T, projects []fake.Project) *fake.Running {
	t.Helper()
	srv, err := fake.Start(fake.Options{Credentials: map[string]string{fakeAK: fakeSK}, Projects: projects})
	require.NoError(t, err)
	t.Cleanup(func() { _ = srv.Close() })
	return srv
}

func newResolver(t *testing.T, endpoint, region, sk string) (*wrapper.ProjectResolver, *countingTransport) {
	t.Helper()
	rt := &countingTransport{next: http.DefaultTransport}
	r, err := wrapper.NewProjectResolver(endpoint, region, rt, signer.New(signer.Keys(fakeAK, sk)))
	require.NoError(t, err)
	return r, rt
}

func lookupError(t *testing.T, err error) *wrapper.ProjectLookupError {
	t.Helper()
	var le *wrapper.ProjectLookupError
	require.ErrorAs(t, err, &le)
	for _, verb := range []string{"%v", "%+v", "%#v", "%s"} {
		assert.NotContains(t, fmt.Sprintf(verb, err), fakeSK, "the SK never appears in an error")
	}
	return le
}

// The fake's IAM verifies the signature, so a found project also proves the request is signed
// as IAM expects; the id is kept, and a second call sends nothing.
func TestProjectResolverFindsTheProject(t *testing.T) {
	srv := startIAMFake(t, nil)
	for _, region := range []string{"eu-de", "cn-north-4", "my-kualalumpur-1"} {
		r, rt := newResolver(t, srv.URL(), region, fakeSK)
		for range 3 {
			id, err := r.ProjectID(context.Background())
			require.NoError(t, err, region)
			assert.Equal(t, fake.DefaultProjectID(region), id)
		}
		assert.Equal(t, int64(1), rt.n.Load(), "one IAM request for %s", region)
		assert.Equal(t, region, r.Region())
		assert.Equal(t, srv.URL(), r.Endpoint())
	}
}

func TestProjectResolverNeedsExactlyOneProject(t *testing.T) {
	for _, tc := range []struct {
		name     string
		projects []fake.Project
		want     error
		ids      []string
	}{
		{"none", []fake.Project{}, wrapper.ErrNoProject, nil},
		{"only other regions'", []fake.Project{{ID: "p2", Name: "cn-north-4"}}, wrapper.ErrNoProject, nil},
		{"several", []fake.Project{{ID: "p1", Name: "eu-de"}, {ID: "p3", Name: "eu-de"}}, wrapper.ErrSeveralProjects, []string{"p1", "p3"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv := startIAMFake(t, tc.projects)
			r, rt := newResolver(t, srv.URL(), "eu-de", fakeSK)
			_, err := r.ProjectID(context.Background())
			require.ErrorIs(t, err, tc.want)
			le := lookupError(t, err)
			assert.Equal(t, "eu-de", le.Region)
			assert.Equal(t, tc.ids, le.Projects)
			assert.NotEmpty(t, le.TraceID, "the trace id of IAM's answer is kept")
			for _, id := range tc.ids {
				assert.Contains(t, err.Error(), id)
			}
			assert.Contains(t, err.Error(), wrapper.EnvProjectID, "the error says how to avoid the lookup")
			// A failure is not kept: the next call asks again.
			_, err = r.ProjectID(context.Background())
			require.ErrorIs(t, err, tc.want)
			assert.Equal(t, int64(2), rt.n.Load())
		})
	}
}

func TestProjectResolverReportsIAMErrors(t *testing.T) {
	t.Run("a signature IAM refuses", func(t *testing.T) {
		srv := startIAMFake(t, nil)
		r, _ := newResolver(t, srv.URL(), "eu-de", "a-secret-key-the-fake-does-not-know-000")
		_, err := r.ProjectID(context.Background())
		var ie *wrapper.IAMError
		require.ErrorAs(t, err, &ie)
		assert.Equal(t, http.StatusUnauthorized, ie.StatusCode)
		assert.Equal(t, "Unauthorized", ie.Code)
		lookupError(t, err)
	})
	for _, tc := range []struct {
		name, body       string
		status           int
		code, msg, inErr string
	}{
		{"Huawei's error body", `{"error_code":"IAM.0001","error_msg":"The request is invalid."}`, 500, "IAM.0001", "The request is invalid.", "HTTP 500"},
		{"Keystone's error body", `{"error":{"code":403,"title":"Forbidden","message":"You are not authorized."}}`, 403, "Forbidden", "You are not authorized.", "HTTP 403"},
		{"an HTML page", `<html>bad gateway</html>`, 502, "", "", "HTTP 502"},
		{"not a project list", `{"projects":"none"}`, 200, "", "", "not a project list"},
		{"no projects field", `{"links":{}}`, 200, "", "", `no "projects"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
				w.Header().Set("X-Request-Id", "req-1")
				w.WriteHeader(tc.status)
				_, _ = w.Write([]byte(tc.body))
			}))
			t.Cleanup(srv.Close)
			r, _ := newResolver(t, srv.URL, "eu-de", fakeSK)
			_, err := r.ProjectID(context.Background())
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.inErr)
			le := lookupError(t, err)
			assert.Equal(t, "req-1", le.TraceID)
			var ie *wrapper.IAMError
			if tc.status >= 300 {
				require.ErrorAs(t, err, &ie)
				assert.Equal(t, tc.status, ie.StatusCode)
				assert.Equal(t, tc.code, ie.Code)
				assert.Equal(t, tc.msg, ie.Message)
			} else {
				assert.False(t, errors.As(err, &ie))
			}
		})
	}
	t.Run("nothing listening", func(t *testing.T) {
		srv := httptest.NewServer(http.NotFoundHandler())
		url := srv.URL
		srv.Close()
		r, _ := newResolver(t, url, "eu-de", fakeSK)
		_, err := r.ProjectID(context.Background())
		lookupError(t, err)
	})
}

// blockingIAM answers one project after release is closed, and tells when a request arrived.
func blockingIAM(t *testing.T, arrived chan<- struct{}, release <-chan struct{}) (*httptest.Server, *atomic.Int64) {
	t.Helper()
	var n atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if n.Add(1) == 1 {
			close(arrived)
		}
		<-release
		w.Header().Set("Content-Type", "application/json")
		_, _ = fmt.Fprintf(w, `{"projects":[{"id":"p-%s","name":%q}]}`, r.URL.Query().Get("name"), r.URL.Query().Get("name"))
	}))
	t.Cleanup(srv.Close)
	return srv, &n
}

// Concurrent first calls share one IAM request, and all get its answer.
func TestProjectResolverConcurrentFirstCallsSendOneRequest(t *testing.T) {
	arrived, release := make(chan struct{}), make(chan struct{})
	srv, n := blockingIAM(t, arrived, release)
	r, _ := newResolver(t, srv.URL, "eu-de", fakeSK)

	const callers = 32
	var started, done sync.WaitGroup
	ids := make([]string, callers)
	errs := make([]error, callers)
	for i := range callers {
		started.Add(1)
		done.Add(1)
		go func() {
			defer done.Done()
			started.Done()
			ids[i], errs[i] = r.ProjectID(context.Background())
		}()
	}
	started.Wait()
	<-arrived // the first request is in flight and blocked: callers arriving now must wait for it
	close(release)
	done.Wait()
	for i := range callers {
		require.NoError(t, errs[i])
		assert.Equal(t, "p-eu-de", ids[i])
	}
	assert.Equal(t, int64(1), n.Load(), "IAM requests")
}

// A caller that gives up does not fail the request the others wait for, nor its answer.
func TestProjectResolverCallerCancellation(t *testing.T) {
	arrived, release := make(chan struct{}), make(chan struct{})
	srv, n := blockingIAM(t, arrived, release)
	r, _ := newResolver(t, srv.URL, "eu-de", fakeSK)

	ctx, cancel := context.WithCancel(context.Background())
	first := make(chan error, 1)
	go func() {
		_, err := r.ProjectID(ctx)
		first <- err
	}()
	<-arrived
	cancel()
	err := <-first
	require.ErrorIs(t, err, context.Canceled)
	lookupError(t, err)

	second := make(chan string, 1)
	go func() {
		id, _ := r.ProjectID(context.Background())
		second <- id
	}()
	close(release)
	assert.Equal(t, "p-eu-de", <-second)
	assert.Equal(t, int64(1), n.Load(), "the cancelled caller's request served the second caller")
}

// The request is what the vendor SDK sends: GET /v3/projects?name=<region>, signed, without a
// project header; the signature verifies with the SK.
func TestProjectResolverRequestVerifies(t *testing.T) {
	var got atomic.Value
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		err := signer.Verify(r, func(ak string) (string, bool) { return fakeSK, ak == fakeAK })
		got.Store(fmt.Sprintf("%s %s?%s project=%q sig=%v", r.Method, r.URL.Path, r.URL.RawQuery, r.Header.Get("X-Project-Id"), err))
		_, _ = w.Write([]byte(`{"projects":[{"id":"p1","name":"ap-southeast-1"}]}`))
	}))
	t.Cleanup(srv.Close)
	r, _ := newResolver(t, srv.URL, "ap-southeast-1", fakeSK)
	id, err := r.ProjectID(context.Background())
	require.NoError(t, err)
	assert.Equal(t, "p1", id)
	assert.Equal(t, `GET /v3/projects?name=ap-southeast-1 project="" sig=<nil>`, got.Load())
}

func TestNewProjectResolver(t *testing.T) {
	sig := signer.New(signer.Keys(fakeAK, fakeSK))
	for _, tc := range []struct {
		name, endpoint, region, want string
	}{
		{"the spec's x-iam-url of OTC", "", "eu-de", "https://iam.eu-de.otc.t-systems.com"},
		{"the SDK's global endpoint", "", "af-north-1", "https://iam.myhuaweicloud.com"},
		{"HWC Europe's own", "", "eu-west-101", "https://iam.eu-west-101.myhuaweicloud.eu"},
		{"https added as the SDK does", "iam.cn-north-4.myhuaweicloud.com", "cn-north-4", "https://iam.cn-north-4.myhuaweicloud.com"},
		{"explicit, trailing slash dropped", "http://127.0.0.1:9/", "cn-north-4", "http://127.0.0.1:9"},
	} {
		r, err := wrapper.NewProjectResolver(tc.endpoint, tc.region, nil, sig)
		require.NoError(t, err, tc.name)
		assert.Equal(t, tc.want, r.Endpoint(), tc.name)
	}
	for _, tc := range []struct {
		name, endpoint, region string
		signer                 *signer.Signer
	}{
		{"no region and no endpoint", "", "", sig},
		{"no signer", "https://iam.example", "eu-de", nil},
		{"unknown region without endpoint", "", "mars-north-1", sig},
		{"not a URL", "ftp://iam.example", "eu-de", sig},
		{"a query", "https://iam.example?x=1", "eu-de", sig},
	} {
		_, err := wrapper.NewProjectResolver(tc.endpoint, tc.region, nil, tc.signer)
		assert.ErrorIs(t, err, wrapper.ErrInvalidConfig, tc.name)
	}
}

// A client configured with a region and AK/SK but no project id finds the project through IAM
// once, on its first call, and scopes every call to it; concurrent first calls share that one
// lookup.
func TestClientFindsItsProjectFromTheRegion(t *testing.T) {
	srv, err := fake.Start(fake.Options{Credentials: map[string]string{fakeAK: fakeSK}})
	require.NoError(t, err)
	defer srv.Close()
	var lookups atomic.Int64
	counting := roundTrip(func(r *http.Request) (*http.Response, error) {
		if r.URL.Path == "/v3/projects" {
			lookups.Add(1)
		}
		return http.DefaultTransport.RoundTrip(r)
	})
	c, err := wrapper.New(wrapper.Config{
		Region:      "eu-de",
		Endpoint:    srv.URL(),
		IAMEndpoint: srv.URL(),
		Credentials: signer.Keys(fakeAK, fakeSK),
		HTTPClient:  &http.Client{Transport: counting},
	})
	require.NoError(t, err, "no project id is needed up front")

	ctx := context.Background()
	var wg sync.WaitGroup
	ids := make([]string, 8)
	for i := range ids {
		wg.Go(func() {
			created, err := c.CreateEnhancedConnection(ctx, gen.CreateEnhancedConnectionRequest{
				Name: fmt.Sprintf("conn_%d", i), DestVpcID: "vpc-1", DestNetworkID: "subnet-1"})
			if assert.NoError(t, err) {
				ids[i] = created.ConnectionID
			}
		})
	}
	wg.Wait()
	want := fake.DefaultProjectID("eu-de")
	got, err := c.ProjectID(ctx)
	require.NoError(t, err)
	assert.Equal(t, want, got)
	assert.Equal(t, len(ids), srv.Connections(want), "every create was scoped to the project IAM named")

	iam := 0
	for _, r := range srv.Requests() {
		if r.OperationID == fake.IAMLookupOperationID {
			iam++ // the lookup itself, recorded by the fake like any call
			continue
		}
		assert.Equal(t, want, r.Header.Get("X-Project-Id"))
		assert.Contains(t, r.Path, "/"+want+"/")
	}
	assert.Equal(t, 1, iam, "the fake saw one lookup")
	assert.Equal(t, int64(1), lookups.Load(), "one IAM request for every first call")
}

func TestClientWithoutProjectNeedsWhatALookupNeeds(t *testing.T) {
	for name, cfg := range map[string]wrapper.Config{
		"a token, no AK/SK": {Region: "eu-de", AuthToken: wrapper.NewSecret("t")},
		"AK/SK, no region":  {Endpoint: "https://dli.example", Credentials: signer.Keys(fakeAK, fakeSK)},
	} {
		_, err := wrapper.New(cfg)
		require.ErrorIs(t, err, wrapper.ErrInvalidConfig, name)
		assert.Contains(t, err.Error(), wrapper.EnvProjectID, name)
	}
	t.Run("IAM knows no project of the region", func(t *testing.T) {
		srv, err := fake.Start(fake.Options{Credentials: map[string]string{fakeAK: fakeSK}, Projects: []fake.Project{}})
		require.NoError(t, err)
		defer srv.Close()
		c, err := wrapper.New(wrapper.Config{Region: "eu-de", Endpoint: srv.URL(), IAMEndpoint: srv.URL(), Credentials: signer.Keys(fakeAK, fakeSK)})
		require.NoError(t, err)
		_, err = c.ShowEnhancedConnection(context.Background(), "2a620c33-5609-40c9-affd-2b6453071b0f")
		require.ErrorIs(t, err, wrapper.ErrNoProject)
		var le *wrapper.ProjectLookupError
		require.ErrorAs(t, err, &le)
		assert.Equal(t, "eu-de", le.Region)
		assert.Zero(t, srv.Calls(""), "nothing was sent to DLI")
	})
}

// roundTrip is an http.RoundTripper made of a function.
type roundTrip func(*http.Request) (*http.Response, error)

func (f roundTrip) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

// The lookup is a GET: IAM saying "not now", or a connection that fails, is asked again within
// the default policy's attempts; anything else IAM answers is final at once.
func TestProjectResolverRetriesWhatMayPass(t *testing.T) {
	for _, tc := range []struct {
		name     string
		statuses []int // answered in turn; 200 answers the project
		requests int64
		ok       bool
	}{
		{"503 then 429 then the project", []int{503, 429, 200}, 3, true},
		{"502 four times", []int{502, 502, 502, 502, 200}, 4, false},
		{"401 is final", []int{401, 200}, 1, false},
		{"500 is final", []int{500, 200}, 1, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var n atomic.Int64
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				status := tc.statuses[min(int(n.Add(1))-1, len(tc.statuses)-1)]
				if status != 200 {
					w.WriteHeader(status)
					return
				}
				_, _ = fmt.Fprintf(w, `{"projects":[{"id":"p-1","name":%q}]}`, r.URL.Query().Get("name"))
			}))
			t.Cleanup(srv.Close)
			r, _ := newResolver(t, srv.URL, "eu-de", fakeSK)
			id, err := r.ProjectID(context.Background())
			assert.Equal(t, tc.ok, err == nil, "%v", err)
			if tc.ok {
				assert.Equal(t, "p-1", id)
			}
			assert.Equal(t, tc.requests, n.Load())
		})
	}
	t.Run("a connection that breaks", func(t *testing.T) {
		var n atomic.Int64
		flaky := lookupTransport(func(req *http.Request) (*http.Response, error) {
			if n.Add(1) == 1 {
				return nil, &net.OpError{Op: "dial", Net: "tcp", Err: errors.New("connection refused")}
			}
			return &http.Response{StatusCode: 200, Header: http.Header{}, Request: req,
				Body: io.NopCloser(strings.NewReader(`{"projects":[{"id":"p-2","name":"eu-de"}]}`))}, nil
		})
		r, err := wrapper.NewProjectResolver("http://127.0.0.1:9", "eu-de", flaky, signer.New(signer.Keys(fakeAK, fakeSK)))
		require.NoError(t, err)
		id, err := r.ProjectID(context.Background())
		require.NoError(t, err)
		assert.Equal(t, "p-2", id)
		assert.Equal(t, int64(2), n.Load())
	})
}

// lookupTransport is an http.RoundTripper made of a function.
type lookupTransport func(*http.Request) (*http.Response, error)

func (f lookupTransport) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }
