package wrapper_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/dli-openapi/enhanced-connections/fake"
	"github.com/dli-openapi/enhanced-connections/gen"
	"github.com/dli-openapi/enhanced-connections/wrapper"
	"github.com/dli-openapi/enhanced-connections/wrapper/credentials"
)

// The tests here run the client against the fake's platform services (fake.Options.Platform):
// every key comes from an emulated ECS metadata service, IAM or CCE pod identity on loopback, and
// the fake's DLI accepts it only with its security token and until it expires.

// simClock is the simulated time both the fake (key expiry) and the client's cache judge by.
type simClock struct {
	mu sync.Mutex
	t  time.Time
}

func newSimClock() *simClock { return &simClock{t: time.Date(2026, 12, 6, 8, 0, 0, 0, time.UTC)} }

func (c *simClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *simClock) Advance(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

// startPlatform runs a fake with the given platform services on simulated time.
func startPlatform(t *testing.T, clock *simClock, p fake.PlatformOptions) *fake.Running {
	t.Helper()
	srv, err := fake.Start(fake.Options{Now: clock.Now, Platform: p})
	require.NoError(t, err)
	t.Cleanup(func() { _ = srv.Close() })
	return srv
}

// metadataClient is a client on the fake's metadata keys, renewed by a cache on simulated time.
func metadataClient(t *testing.T, srv *fake.Running, clock *simClock) (*wrapper.Client, *refreshWatch) {
	t.Helper()
	w := &refreshWatch{done: make(chan struct{}, 1024)}
	w.Cache = credentials.NewCache(credentials.NewMetadata(srv.URL(), nil), credentials.CacheOptions{Now: clock.Now,
		OnRefresh: func(credentials.Value, error) { w.done <- struct{}{} }})
	c, err := wrapper.New(wrapper.Config{Endpoint: srv.URL(), ProjectID: fakeProject, CredentialsProvider: w.Cache})
	require.NoError(t, err)
	return c, w
}

// refreshWatch is a cache whose refreshes a test can wait for, so that a background refresh
// never races the simulated clock.
type refreshWatch struct {
	*credentials.Cache
	done    chan struct{}
	settled int
}

// settle waits until every refresh started so far has been taken into account.
func (w *refreshWatch) settle() {
	for w.settled < w.Refreshes() {
		<-w.done
		w.settled++
	}
}

// dliRequests counts the requests that reached the fake's DLI (platform and IAM requests aside).
func dliRequests(srv *fake.Running) int {
	n := 0
	for _, r := range srv.Requests() {
		if strings.Contains(r.Path, "/datasource/") {
			n++
		}
	}
	return n
}

// Every source of the chain, configured the way its users do (variables, files), through
// ConfigFromEnv: the client finds the keys, looks its project up in IAM with them, and DLI
// accepts them.
func TestEverySourceReachesDLIThroughConfigFromEnv(t *testing.T) {
	tokenFile := filepath.Join(t.TempDir(), "token")
	require.NoError(t, os.WriteFile(tokenFile, []byte("projected-id-token\n"), 0o600))
	home := t.TempDir()
	tests := []struct {
		name     string
		platform fake.PlatformOptions
		creds    map[string]string // the fake's long-term keys
		env      func(url string) map[string]string
		files    map[string]string // under HOME
		source   fake.KeySource    // "" for long-term keys
		project  string            // the project name looked up
	}{
		{name: "ECS metadata, token required", platform: fake.PlatformOptions{Metadata: true, MetadataMode: fake.MetadataRequireToken},
			env:    func(url string) map[string]string { return map[string]string{credentials.EnvMetadataEndpoint: url} },
			source: fake.SourceMetadata, project: "eu-de"},
		{name: "ECS metadata v1, the other spelling", platform: fake.PlatformOptions{Metadata: true, MetadataMode: fake.MetadataNoTokenService, AlternateSpelling: true},
			env:    func(url string) map[string]string { return map[string]string{credentials.EnvMetadataEndpoint: url} },
			source: fake.SourceMetadata, project: "eu-de"},
		{name: "OIDC federation", platform: fake.PlatformOptions{IdentityProviders: []string{"cce-idp"}},
			env: func(url string) map[string]string {
				return map[string]string{credentials.EnvIdpID: "cce-idp", credentials.EnvIDTokenFile: tokenFile}
			}, source: fake.SourceOIDC, project: "eu-de"},
		{name: "CCE pod identity", platform: fake.PlatformOptions{PodIdentityTokens: []string{"projected-id-token"}},
			env: func(url string) map[string]string {
				return map[string]string{credentials.EnvPodIdentityURI: url + fake.PodIdentityPath, credentials.EnvPodIdentityTokenFile: tokenFile}
			}, source: fake.SourcePodIdentity, project: "eu-de"},
		{name: "OTC's variables and a project name", creds: map[string]string{"OTCAKEXAMPLE": "otc-secret-key-1"},
			env: func(url string) map[string]string {
				return map[string]string{"OS_ACCESS_KEY": "OTCAKEXAMPLE", "OS_SECRET_KEY": "otc-secret-key-1", "OS_PROJECT_NAME": "eu-de_sub",
					"OS_AUTH_URL": url + "/v3"}
			}, project: "eu-de_sub"},
		{name: "clouds.yaml and secure.yaml", creds: map[string]string{"CLOUDAK": "cloud-secret-key-2"},
			env: func(string) map[string]string { return map[string]string{credentials.EnvCloud: "otc"} },
			files: map[string]string{
				".config/openstack/clouds.yaml": "clouds:\n  otc:\n    auth:\n      auth_url: AUTHURL/v3\n      ak: CLOUDAK\n      project_name: eu-de_sub\n",
				".config/openstack/secure.yaml": "clouds:\n  otc:\n    auth:\n      sk: cloud-secret-key-2\n",
			}, project: "eu-de_sub"},
		{name: "the vendor's profile file", creds: map[string]string{"PROFILEAK": "profile-secret-key-3"},
			files:   map[string]string{".huaweicloud/credentials": "[basic]\nak = PROFILEAK\nsk = profile-secret-key-3\niam_endpoint = AUTHURL\n"},
			env:     func(string) map[string]string { return map[string]string{credentials.EnvRegion: "eu-de"} },
			project: "eu-de"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			// The client's cache judges expiry by the real clock here, so the fake does too.
			srv, err := fake.Start(fake.Options{Platform: tc.platform, Credentials: tc.creds})
			require.NoError(t, err)
			defer srv.Close()
			t.Setenv("HOME", home)
			for name, content := range tc.files {
				p := filepath.Join(home, name)
				require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o700))
				require.NoError(t, os.WriteFile(p, []byte(strings.ReplaceAll(content, "AUTHURL", srv.URL())), 0o600))
				defer os.Remove(p)
			}
			t.Setenv(wrapper.EnvEndpoint, srv.URL())
			t.Setenv(wrapper.EnvIAMEndpoint, "")
			if tc.env(srv.URL())["OS_AUTH_URL"] == "" && tc.files == nil {
				t.Setenv(wrapper.EnvIAMEndpoint, srv.URL())
			}
			if tc.source == fake.SourceMetadata {
				t.Setenv(credentials.EnvMetadataDisabled, "")
			}
			t.Setenv(wrapper.EnvRegion, "eu-de")
			for k, v := range tc.env(srv.URL()) {
				t.Setenv(k, v)
			}

			cfg, d := wrapper.DiscoverConfig(credentials.DiscoverOptions{})
			require.NoError(t, d.Err, "looked at %v", d.Looked)
			client, err := wrapper.New(cfg)
			require.NoError(t, err)
			list, err := client.ListEnhancedConnections(context.Background(), nil)
			require.NoError(t, err)
			assert.NotNil(t, list)
			id, err := client.ProjectID(context.Background())
			require.NoError(t, err)
			assert.Equal(t, fake.DefaultProjectID(tc.project), id, "the project found by name %s", tc.project)

			issued := srv.IssuedKeys()
			if tc.source == "" {
				assert.Empty(t, issued)
				return
			}
			require.Len(t, issued, 1, "one key fetched for the lookup and the call")
			assert.Equal(t, tc.source, issued[0].Source)
			for _, r := range srv.Requests() {
				if strings.Contains(r.Path, "/datasource/") {
					assert.Contains(t, r.Header.Get("Authorization"), "Access="+issued[0].AccessKey)
					assert.Equal(t, "[REDACTED]", r.Header.Get("X-Security-Token"), "the security token was sent")
				}
			}
		})
	}
}

// Keys that live an hour and are handed out for 50 minutes, 1,000 requests evenly spread over
// 100 minutes (one every 6 s, two rotations): the metadata service is asked a few times per
// rotation, never per request, and no request is refused.
func TestMetadataCallsAcrossRotations(t *testing.T) {
	clock := newSimClock()
	srv := startPlatform(t, clock, fake.PlatformOptions{Metadata: true})
	client, watch := metadataClient(t, srv, clock)
	ctx := context.Background()
	for i := range 1000 {
		_, err := client.ShowEnhancedConnectionPrivilege(ctx, "2a620c33-5609-40c9-affd-2b6453071b0f")
		var apiErr *wrapper.APIError
		require.True(t, err == nil || errors.As(err, &apiErr) && apiErr.Code == "DLI.0001", "request %d: %v", i, err)
		watch.settle()
		clock.Advance(6 * time.Second)
	}
	keys, tokens := srv.Calls(fake.MetadataKeysOperationID), srv.Calls(fake.MetadataTokenOperationID)
	t.Logf("1,000 requests over 100 minutes (one rotation, and the next key's window open): %d metadata calls (%d keys, %d token), %d keys issued, %d DLI requests",
		keys+tokens, keys, tokens, len(srv.IssuedKeys()), dliRequests(srv))
	assert.Equal(t, 1000, dliRequests(srv), "no request was refused and retried")
	assert.Len(t, srv.IssuedKeys(), 2, "the first keys and one rotation, 50 minutes in")
	// The first fetch; then from 15 minutes before expiry one call every 30 s while the service
	// hands out the same keys (until 10 minutes before expiry: 10 calls), and the one that gets
	// the new keys; the second keys' window opens at 95 minutes: 10 more calls by 100 minutes.
	assert.Equal(t, 1+11+10, keys)
	assert.Equal(t, 1, tokens, "one session token")
}

// Hundreds of goroutines share one client across a rotation: every request is accepted, the
// refresh is single-flight, and -race sees nothing.
func TestManyGoroutinesAcrossARotation(t *testing.T) {
	clock := newSimClock()
	srv := startPlatform(t, clock, fake.PlatformOptions{Metadata: true})
	client, watch := metadataClient(t, srv, clock)
	ctx := context.Background()
	var failed atomic.Int64
	const goroutines, steps = 256, 14 // steps of 5 minutes: 70 minutes, one rotation
	for range steps {
		var wg sync.WaitGroup
		for range goroutines {
			wg.Add(1)
			go func() {
				defer wg.Done()
				if _, err := client.ListEnhancedConnections(ctx, nil); err != nil {
					failed.Add(1)
				}
			}()
		}
		wg.Wait()
		watch.settle()
		clock.Advance(5 * time.Minute)
	}
	assert.Zero(t, failed.Load())
	assert.Equal(t, goroutines*steps, dliRequests(srv), "no request was refused")
	// The first fetch, at 45 and 50 minutes (same keys, then new ones), at 95 minutes... of 70:
	// 3 refreshes for 3,584 requests.
	assert.Equal(t, 3, watch.Refreshes(), "single-flight: one refresh per step in the window")
	assert.Equal(t, 3, srv.Calls(fake.MetadataKeysOperationID))
	assert.Len(t, srv.IssuedKeys(), 2)
}

// With valid keys cached, an outage of the metadata service fails no call, in or out of the
// refresh window; only when the keys are about to expire does a call fail, saying why.
func TestMetadataOutageFailsNoCallWhileKeysAreValid(t *testing.T) {
	for _, left := range []time.Duration{50 * time.Minute, 35 * time.Minute, 14 * time.Minute, 2 * time.Minute} {
		t.Run(left.String()+" left", func(t *testing.T) {
			clock := newSimClock()
			srv := startPlatform(t, clock, fake.PlatformOptions{Metadata: true})
			client, watch := metadataClient(t, srv, clock)
			ctx := context.Background()
			_, err := client.ListEnhancedConnections(ctx, nil)
			require.NoError(t, err)
			watch.settle()
			srv.SetOutage(fake.Metadata, true)
			clock.Advance(time.Hour - left)
			failed := 0
			for range 100 {
				if _, err := client.ListEnhancedConnections(ctx, nil); err != nil {
					failed++
				}
				watch.settle()
			}
			t.Logf("keys %s from expiry, metadata service down: %d of 100 calls failed", left, failed)
			assert.Zero(t, failed)

			clock.Advance(left - 30*time.Second)
			_, err = client.ListEnhancedConnections(ctx, nil)
			var re *credentials.RefreshError
			require.ErrorAs(t, err, &re, "keys 30 s from expiry are not used")
			var se *credentials.SourceError
			require.ErrorAs(t, err, &se)
			assert.Equal(t, http.StatusServiceUnavailable, se.StatusCode)
			assert.Contains(t, err.Error(), "dli: ListEnhancedConnections: no usable credentials")
		})
	}
}

// A 401 on temporary keys drops them, fetches new ones once and sends the call once more,
// re-signed; a create too, since the gateway refused it before DLI saw it.
func TestRevokedTemporaryKeysAreReplacedOnce(t *testing.T) {
	clock := newSimClock()
	srv := startPlatform(t, clock, fake.PlatformOptions{Metadata: true})
	client, watch := metadataClient(t, srv, clock)
	ctx := context.Background()
	_, err := client.ListEnhancedConnections(ctx, nil)
	require.NoError(t, err)
	watch.settle()
	before := dliRequests(srv)
	srv.RevokeTemporaryKeys()
	created, err := client.CreateEnhancedConnection(ctx, gen.CreateEnhancedConnectionRequest{Name: "after_revoke", DestVpcID: "v", DestNetworkID: "s"})
	require.NoError(t, err)
	assert.NotEmpty(t, created.ConnectionID)
	assert.Equal(t, 2, dliRequests(srv)-before, "one refused, one accepted")
	assert.Len(t, srv.IssuedKeys(), 2)
	assert.Equal(t, 1, srv.Calls("CreateEnhancedConnection"), "created once")

	// Revoked again, and the metadata service is down: the 401 is the answer, after one try.
	srv.RevokeTemporaryKeys()
	srv.SetOutage(fake.Metadata, true)
	before = dliRequests(srv)
	_, err = client.ListEnhancedConnections(ctx, nil)
	var apiErr *wrapper.APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, http.StatusUnauthorized, apiErr.StatusCode)
	assert.Equal(t, 1, dliRequests(srv)-before)
}

// A 401 on fixed keys is never retried: every refused signature counts toward the gateway's
// lock-out of the key.
func TestFixedKeysAreNeverRetriedAfterA401(t *testing.T) {
	srv, err := fake.Start(fake.Options{Credentials: map[string]string{fakeAK: fakeSK}})
	require.NoError(t, err)
	defer srv.Close()
	client, err := wrapper.New(wrapper.Config{Endpoint: srv.URL(), ProjectID: fakeProject,
		Credentials: wrapper.Credentials{AccessKey: fakeAK, SecretKey: wrapper.NewSecret("not-the-secret-key")}})
	require.NoError(t, err)
	for _, call := range []func() error{
		func() error { _, err := client.ListEnhancedConnections(context.Background(), nil); return err },
		func() error {
			_, err := client.CreateEnhancedConnection(context.Background(), gen.CreateEnhancedConnectionRequest{Name: "x", DestVpcID: "v", DestNetworkID: "s"})
			return err
		},
	} {
		before := dliRequests(srv)
		err := call()
		var apiErr *wrapper.APIError
		require.ErrorAs(t, err, &apiErr)
		assert.Equal(t, http.StatusUnauthorized, apiErr.StatusCode)
		assert.Equal(t, 1, dliRequests(srv)-before, "one attempt")
	}
}

// A clock 20 or 40 minutes off: the first call is refused once, the client takes the gateway's
// time from the answer and the retry passes; later calls pass at once.
func TestClockSkewIsCorrectedFromTheGatewaysAnswer(t *testing.T) {
	for _, off := range []time.Duration{20 * time.Minute, -20 * time.Minute, 40 * time.Minute, 26 * time.Hour} {
		t.Run(off.String(), func(t *testing.T) {
			srv, err := fake.Start(fake.Options{Credentials: map[string]string{fakeAK: fakeSK},
				Platform: fake.PlatformOptions{GatewayClockOffset: off}})
			require.NoError(t, err)
			defer srv.Close()
			client, err := wrapper.New(wrapper.Config{Endpoint: srv.URL(), ProjectID: fakeProject, Credentials: wrapper.Credentials{AccessKey: fakeAK, SecretKey: wrapper.NewSecret(fakeSK)}})
			require.NoError(t, err)
			ctx := context.Background()
			_, err = client.ListEnhancedConnections(ctx, nil)
			require.NoError(t, err)
			assert.Equal(t, 2, dliRequests(srv), "one refused, one corrected")
			for range 3 {
				_, err = client.ListEnhancedConnections(ctx, nil)
				require.NoError(t, err)
			}
			assert.Equal(t, 5, dliRequests(srv), "later calls sign with the gateway's time")
		})
	}
}

// A gateway that keeps refusing the signature as expired: the error says the clock is off and
// by how much, and is still an *APIError.
func TestClockSkewThatPersistsIsNamed(t *testing.T) {
	var n atomic.Int64
	srv := newHTTPServer(t, func(w http.ResponseWriter, r *http.Request) {
		n.Add(1)
		signed, err := time.Parse("20060102T150405Z", r.Header.Get("X-Sdk-Date"))
		if err != nil {
			w.WriteHeader(400)
			return
		}
		server := signed.Add(25 * time.Minute) // always 25 minutes ahead of whatever was signed
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusUnauthorized)
		_, _ = w.Write([]byte(`{"error_msg":"Incorrect IAM authentication information: calc aksk signature fail:signature expired, signature time:` +
			r.Header.Get("X-Sdk-Date") + `,server time:` + server.Format("20060102T150405Z") + `","error_code":"APIGW.0301","request_id":"r-1"}`))
	})
	client, err := wrapper.New(wrapper.Config{Endpoint: srv.URL, ProjectID: fakeProject, Credentials: wrapper.Credentials{AccessKey: fakeAK, SecretKey: wrapper.NewSecret(fakeSK)}})
	require.NoError(t, err)
	_, err = client.ListEnhancedConnections(context.Background(), nil)
	var skew *wrapper.ClockSkewError
	require.ErrorAs(t, err, &skew)
	assert.InDelta(t, (50 * time.Minute).Seconds(), skew.Skew.Seconds(), 5, "25 minutes, measured twice")
	var apiErr *wrapper.APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, "APIGW.0301", apiErr.Code)
	assert.Contains(t, err.Error(), "the local clock is 50m0s behind the API gateway's")
	assert.Equal(t, int64(2), n.Load(), "one correction, one retry")
}

// The gateway's Date header serves when its message has no server time.
func TestClockSkewFromTheDateHeader(t *testing.T) {
	var n atomic.Int64
	srv := newHTTPServer(t, func(w http.ResponseWriter, r *http.Request) {
		gateway := time.Now().Add(-30 * time.Minute)
		w.Header().Set("Date", gateway.UTC().Format(http.TimeFormat))
		signed, _ := time.Parse("20060102T150405Z", r.Header.Get("X-Sdk-Date"))
		if d := signed.Sub(gateway); d > 15*time.Minute || d < -15*time.Minute {
			n.Add(1)
			w.WriteHeader(http.StatusUnauthorized)
			_, _ = w.Write([]byte(`{"error_msg":"Incorrect IAM authentication information: signature expired","error_code":"APIGW.0301"}`))
			return
		}
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{"is_success":true,"message":"","count":0,"connections":[]}`))
	})
	client, err := wrapper.New(wrapper.Config{Endpoint: srv.URL, ProjectID: fakeProject, Credentials: wrapper.Credentials{AccessKey: fakeAK, SecretKey: wrapper.NewSecret(fakeSK)}})
	require.NoError(t, err)
	for range 3 {
		_, err = client.ListEnhancedConnections(context.Background(), nil)
		require.NoError(t, err)
	}
	assert.Equal(t, int64(1), n.Load(), "refused once, then signed with the gateway's time")
}

// Keys rotated out are still scrubbed from what a server sends back.
func TestRotatedSecretsAreScrubbed(t *testing.T) {
	clock := newSimClock()
	srv := startPlatform(t, clock, fake.PlatformOptions{Metadata: true})
	var mu sync.Mutex
	var seen []string // security tokens, as a proxy in front of DLI would echo them
	echo := newHTTPServer(t, func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		seen = append(seen, r.Header.Get("X-Security-Token"))
		all := strings.Join(seen, " | ")
		mu.Unlock()
		w.WriteHeader(http.StatusBadRequest)
		_, _ = w.Write([]byte(`{"error_code":"DLI.0001","error_msg":"tokens seen: ` + all + `"}`))
	})
	cache := credentials.NewCache(credentials.NewMetadata(srv.URL(), nil), credentials.CacheOptions{Now: clock.Now})
	client, err := wrapper.New(wrapper.Config{Endpoint: echo.URL, ProjectID: fakeProject, CredentialsProvider: cache})
	require.NoError(t, err)
	ctx := context.Background()
	var last error
	for range 3 { // three key sets: the first, and two rotations
		_, last = client.ListEnhancedConnections(ctx, nil)
		clock.Advance(51 * time.Minute)
		_, _ = cache.Retrieve(ctx) // past the rotation: the next call signs with new keys
	}
	mu.Lock()
	tokens := append([]string(nil), seen...)
	mu.Unlock()
	require.Len(t, tokens, 3)
	assert.NotEqual(t, tokens[0], tokens[2])
	for _, tok := range tokens {
		assert.NotContains(t, last.Error(), tok[:20])
	}
	assert.Contains(t, last.Error(), "[REDACTED]")
}

// newHTTPServer runs a handler on loopback for one test.
func newHTTPServer(t *testing.T, h http.HandlerFunc) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv
}
