package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/dli-openapi/enhanced-connections/fake"
	"github.com/dli-openapi/enhanced-connections/gen"
	"github.com/dli-openapi/enhanced-connections/wrapper"
	"github.com/dli-openapi/enhanced-connections/wrapper/signer"
)

// syncBuffer is a bytes.Buffer safe for the server's goroutines writing and the test reading.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// fakeServerRun is `edsconn fake-server` run in-process until stop.
type fakeServerRun struct {
	url    string
	stderr *syncBuffer
	stop   func() int // cancels the context, as a signal does, and returns the exit code
}

func runFakeServerInProcess(t *testing.T, args ...string) *fakeServerRun {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	stdout, stderr := &syncBuffer{}, &syncBuffer{}
	code := make(chan int, 1)
	go func() {
		code <- run(ctx, append([]string{"fake-server", "--addr", "127.0.0.1:0"}, args...), stdout, stderr)
	}()
	var url string
	require.Eventually(t, func() bool {
		select {
		case c := <-code:
			code <- c
			return true // exited early: reported below
		default:
		}
		url, _, _ = strings.Cut(stdout.String(), "\n")
		return strings.HasSuffix(stdout.String(), "\n")
	}, safetyNet, time.Millisecond)
	require.NotEmpty(t, url, "no URL; stderr: %s", stderr)
	stopped := sync.OnceValue(func() int { cancel(); return <-code })
	t.Cleanup(func() { stopped() })
	return &fakeServerRun{url: url, stderr: stderr, stop: stopped}
}

func TestFakeServerHelpAndArguments(t *testing.T) {
	tests := []struct {
		name   string
		args   []string
		code   int
		stdout string
		stderr string
	}{
		{"-h prints the usage to stdout", []string{"-h"}, exitOK, "Usage: edsconn fake-server", ""},
		{"--help too", []string{"--help"}, exitOK, "-fault [OPERATION:]ITEM", ""},
		{"a stray argument", []string{"extra"}, exitUsage, "", `takes no arguments, got ["extra"]`},
		{"a stray argument after flags", []string{"--log", "extra"}, exitUsage, "", "takes no arguments"},
		{"an unknown flag", []string{"--nope"}, exitUsage, "", "flag provided but not defined: -nope"},
		{"a bad fault", []string{"--fault", "CreateEnhancedConnection:302"}, exitUsage, "", "a status is 400-599"},
		{"an unknown operation", []string{"--addr", "127.0.0.1:0", "--fault", "CreateConnection:500"}, exitUsage, "", `the spec has no operation "CreateConnection"`},
		{"a bad grant", []string{"--grant", "shared"}, exitUsage, "", "want NAME=VALUE"},
		{"a bad error rate", []string{"--addr", "127.0.0.1:0", "--error-rate", "2"}, exitUsage, "", "ErrorRate 2 is outside [0, 1]"},
		{"a negative timeout", []string{"--addr", "127.0.0.1:0", "--idle-timeout", "-1s"}, exitUsage, "", "must not be negative"},
		{"not loopback", []string{"--addr", "0.0.0.0:0"}, exitUsage, "", "not a loopback address"},
		{"a bad metadata token mode", []string{"--metadata", "--metadata-token", "sometimes"}, exitUsage, "", `want required, optional or absent, got "sometimes"`},
		{"a metadata mode without -metadata", []string{"--addr", "127.0.0.1:0", "--metadata-token", "required"}, exitUsage, "", "need -metadata"},
		{"no agency without -metadata", []string{"--addr", "127.0.0.1:0", "--metadata-no-agency"}, exitUsage, "", "need -metadata"},
		{"an empty IdP", []string{"--idp", ""}, exitUsage, "", "must not be empty"},
		{"a missing pod token file", []string{"--addr", "127.0.0.1:0", "--pod-identity-token-file", "/nonexistent/token"}, exitUsage, "", "-pod-identity-token-file: open /nonexistent/token"},
		{"rotation after expiry", []string{"--addr", "127.0.0.1:0", "--metadata", "--key-lifetime", "5m"}, exitUsage, "", "KeyRotateBefore (10m0s) must be less than Platform.KeyLifetime (5m0s)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			clearCloudEnv(t)
			code, stdout, stderr := runCLI(t, append([]string{"fake-server"}, tt.args...)...)
			assert.Equal(t, tt.code, code, "stderr: %s", stderr)
			assert.Contains(t, stdout, tt.stdout)
			assert.Contains(t, stderr, tt.stderr)
			if tt.code == exitUsage {
				assert.Empty(t, stdout, "no server started")
			} else {
				assert.Empty(t, stderr)
			}
		})
	}
}

func TestParseFault(t *testing.T) {
	tests := []struct {
		spec  string
		op    string
		fault fake.Fault
		times int
		err   string
	}{
		{"500", "", fake.Fault{Status: 500}, 1, ""},
		{"CreateEnhancedConnection:drop,after", "CreateEnhancedConnection", fake.Fault{Drop: true, AfterHandler: true}, 1, ""},
		{"ListEnhancedConnections:503,retry-after=2s,times=3", "ListEnhancedConnections", fake.Fault{Status: 503, RetryAfter: 2 * time.Second}, 3, ""},
		{"502,html", "", fake.Fault{Status: 502, HTML: true}, 1, ""},
		{"retry-after=1s", "", fake.Fault{RetryAfter: time.Second}, 1, ""},
		{"ShowEnhancedConnection:delay=1m30s", "ShowEnhancedConnection", fake.Fault{Delay: 90 * time.Second}, 1, ""},
		{"delay=1s,504,after", "", fake.Fault{Delay: time.Second, Status: 504, AfterHandler: true}, 1, ""},
		{"", "", fake.Fault{}, 0, "no fault items"},
		{"Op:", "", fake.Fault{}, 0, "no fault items"},
		{":500", "", fake.Fault{}, 0, "empty operation"},
		{"302", "", fake.Fault{}, 0, "a status is 400-599"},
		{"600", "", fake.Fault{}, 0, "a status is 400-599"},
		{"after", "", fake.Fault{}, 0, "needs a status, retry-after, drop or delay"},
		{"html,delay=1s", "", fake.Fault{}, 0, "html needs a status"},
		{"drop,500", "", fake.Fault{}, 0, "does not combine"},
		{"delay=soon", "", fake.Fault{}, 0, "delay=soon"},
		{"delay=-1s", "", fake.Fault{}, 0, "must be positive"},
		{"500,times=0", "", fake.Fault{}, 0, "at least 1"},
		{"500,colour=red", "", fake.Fault{}, 0, `unknown fault item "colour=red"`},
	}
	for _, tt := range tests {
		t.Run(tt.spec, func(t *testing.T) {
			q, err := parseFault(tt.spec)
			if tt.err != "" {
				require.Error(t, err)
				assert.Contains(t, err.Error(), tt.err)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.op, q.operation)
			assert.Equal(t, tt.fault, q.fault)
			assert.Equal(t, tt.times, q.times)
		})
	}
}

// TestFakeServerFlagsReachTheFake drives a fake-server started with fault, peering and grant
// flags, and checks each one's effect on the wire.
func TestFakeServerFlagsReachTheFake(t *testing.T) {
	clearCloudEnv(t)
	const grantee = "fedcba9876543210fedcba9876543210"
	s := runFakeServerInProcess(t,
		"--activation-delay", "0s",
		"--fault", "ListEnhancedConnections:503,retry-after=2s,times=2",
		"--fault", "502,html",
		"--fail-peering", "q9=no route to the queue",
		"--grant", "shared="+grantee,
	)
	client, err := gen.NewClientWithResponses(s.url)
	require.NoError(t, err)
	ctx := context.Background()
	list := func() *gen.ListEnhancedConnectionsHTTPResponse {
		resp, err := client.ListEnhancedConnectionsWithResponse(ctx, fakeProjectID, nil)
		require.NoError(t, err)
		return resp
	}
	for range 2 {
		resp := list()
		assert.Equal(t, http.StatusServiceUnavailable, resp.StatusCode())
		assert.Equal(t, "2", resp.HTTPResponse.Header.Get("Retry-After"))
	}
	resp := list()
	assert.Equal(t, http.StatusBadGateway, resp.StatusCode(), "then the fault for any operation")
	assert.Equal(t, "text/html", resp.HTTPResponse.Header.Get("Content-Type"))
	assert.Equal(t, http.StatusOK, list().StatusCode(), "all consumed")

	create := func(name string, queues ...string) string {
		resp, err := client.CreateEnhancedConnectionWithResponse(ctx, fakeProjectID, nil, gen.CreateEnhancedConnectionRequest{
			Name: name, DestVpcID: "v", DestNetworkID: "n", Queues: queues,
		})
		require.NoError(t, err)
		require.Equal(t, http.StatusCreated, resp.StatusCode(), "%s", resp.Body)
		return resp.JSON201.ConnectionID
	}
	failing := create("failing", "q9")
	shown, err := client.ShowEnhancedConnectionWithResponse(ctx, fakeProjectID, failing, nil)
	require.NoError(t, err)
	require.Equal(t, http.StatusOK, shown.StatusCode())
	require.Len(t, shown.JSON200.AvailableQueueInfo, 1)
	peering := shown.JSON200.AvailableQueueInfo[0]
	assert.Equal(t, "FAILED", string(peering.Status))
	assert.Equal(t, "no route to the queue", peering.ErrMsg)

	shared := create("shared")
	privs, err := client.ShowEnhancedConnectionPrivilegeWithResponse(ctx, fakeProjectID, shared, nil)
	require.NoError(t, err)
	require.Equal(t, http.StatusOK, privs.StatusCode())
	require.Len(t, privs.JSON200.Privileges, 1)
	assert.Equal(t, grantee, privs.JSON200.Privileges[0].ApplicantProjectID)

	assert.Equal(t, exitOK, s.stop())
	assert.Contains(t, s.stderr.String(), "edsconn: stopped")
}

// TestFakeServerLogKeepsSecretsOut: --log with --require-auth logs a signed request that also
// carries a token, and none of the secrets appear in stderr.
func TestFakeServerLogKeepsSecretsOut(t *testing.T) {
	clearCloudEnv(t)
	const (
		ak    = "HPUAEXAMPLEAK0000001"
		sk    = "ExampleSecretKey0123456789abcdefghijklmnopq"
		token = "MIIS-an-iam-token-that-must-not-leak"
	)
	t.Setenv(wrapper.EnvAccessKey, ak)
	t.Setenv(wrapper.EnvSecretKey, sk)
	t.Setenv(wrapper.EnvAuthToken, token)
	s := runFakeServerInProcess(t, "--require-auth", "--log")

	req, err := http.NewRequest("POST", s.url+"/v2.0/"+fakeProjectID+"/datasource/enhanced-connections?note=query-value",
		strings.NewReader(`{"name":"logged","dest_vpc_id":"v","dest_network_id":"n"}`))
	require.NoError(t, err)
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-Auth-Token", token)
	require.NoError(t, signer.New(signer.Keys(ak, sk)).Sign(req))
	_, signature, _ := strings.Cut(req.Header.Get("Authorization"), "Signature=")
	require.NotEmpty(t, signature)
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	_ = resp.Body.Close()
	require.Equal(t, http.StatusCreated, resp.StatusCode)

	unsigned, err := http.Get(s.url + "/v2.0/" + fakeProjectID + "/datasource/enhanced-connections")
	require.NoError(t, err)
	_ = unsigned.Body.Close()
	require.Equal(t, http.StatusUnauthorized, unsigned.StatusCode)

	require.Equal(t, exitOK, s.stop())
	log := s.stderr.String()
	assert.Contains(t, log, "method=POST path=/v2.0/"+fakeProjectID+"/datasource/enhanced-connections")
	assert.Contains(t, log, "status=201")
	assert.Contains(t, log, "status=401")
	assert.Contains(t, log, "duration=")
	for _, secret := range []string{sk, token, signature, "query-value", ak} {
		assert.NotContains(t, log, secret)
	}
}

// TestFakeServerPlatformFlags starts the platform services from flags and checks each on the
// wire, the variables the start-up message names, and that the pod token stays out of stderr.
func TestFakeServerPlatformFlags(t *testing.T) {
	clearCloudEnv(t)
	const podToken = "pod-token-from-a-file"
	tokenFile := filepath.Join(t.TempDir(), "pod-token")
	require.NoError(t, os.WriteFile(tokenFile, []byte(podToken+"\n"), 0o600))
	s := runFakeServerInProcess(t, "--log",
		"--metadata", "--metadata-token", "required",
		"--idp", "cce-idp", "--idp", "second-idp",
		"--pod-identity-token-file", tokenFile,
		"--key-lifetime", "30m", "--key-rotate-before", "5m",
		"--gateway-clock-offset", "1h",
	)
	for _, want := range []string{
		"edsconn: ECS metadata (agency keys, token required): DLI_METADATA_ENDPOINT=" + s.url + "\n",
		"edsconn: IAM OIDC federation: HUAWEICLOUD_SDK_IAM_ENDPOINT=" + s.url + " HUAWEICLOUD_SDK_IDP_ID=cce-idp",
		"edsconn: CCE pod identity: HC_CONTAINER_CREDENTIALS_FULL_URI=" + s.url + fake.PodIdentityPath + " HC_CONTAINER_AUTHORIZATION_TOKEN_FILE=" + tokenFile + "\n",
		"edsconn: the gateway's clock is 1h0m0s ahead of real time\n",
	} {
		assert.Contains(t, s.stderr.String(), want)
	}

	do := func(method, path, body string, header http.Header) *http.Response {
		req, err := http.NewRequest(method, s.url+path, strings.NewReader(body))
		require.NoError(t, err)
		for k, v := range header {
			req.Header[k] = v
		}
		resp, err := http.DefaultClient.Do(req)
		require.NoError(t, err)
		t.Cleanup(func() { _ = resp.Body.Close() })
		return resp
	}
	keys := do(http.MethodGet, "/openstack/latest/securitykey", "", nil)
	assert.Equal(t, http.StatusUnauthorized, keys.StatusCode, "-metadata-token required")
	token := do(http.MethodPut, "/meta-data/latest/api/token", "", nil)
	require.Equal(t, http.StatusOK, token.StatusCode)
	tok, err := io.ReadAll(token.Body)
	require.NoError(t, err)
	keys = do(http.MethodGet, "/openstack/latest/securitykey", "", http.Header{"X-Metadata-Token": {string(tok)}})
	require.Equal(t, http.StatusOK, keys.StatusCode)
	var md struct {
		Credential struct {
			ExpiresAt string `json:"expires_at"`
		} `json:"credential"`
	}
	require.NoError(t, json.NewDecoder(keys.Body).Decode(&md))
	expires, err := time.Parse("2006-01-02T15:04:05.000000Z", md.Credential.ExpiresAt)
	require.NoError(t, err)
	assert.WithinRange(t, expires, time.Now().Add(29*time.Minute), time.Now().Add(30*time.Minute), "-key-lifetime 30m")

	served, err := http.ParseTime(keys.Header.Get("Date"))
	require.NoError(t, err)
	assert.WithinRange(t, served, time.Now().Add(59*time.Minute), time.Now().Add(61*time.Minute), "-gateway-clock-offset 1h")

	ex := do(http.MethodPost, "/v3.0/OS-AUTH/id-token/tokens", `{"auth":{"id_token":{"id":"any"}}}`, http.Header{"X-Idp-Id": {"second-idp"}})
	assert.Equal(t, http.StatusCreated, ex.StatusCode, "every -idp is accepted")

	pod := do(http.MethodPost, fake.PodIdentityPath, `{}`, http.Header{"Authorization": {podToken}})
	assert.Equal(t, http.StatusOK, pod.StatusCode, "the token of the file, without its newline")
	assert.Equal(t, http.StatusForbidden, do(http.MethodPost, fake.PodIdentityPath, `{}`, http.Header{"Authorization": {"other"}}).StatusCode)

	assert.Equal(t, http.StatusUnauthorized, do(http.MethodGet, "/v2.0/"+fakeProjectID+"/datasource/enhanced-connections", "", nil).StatusCode,
		"a platform service on makes authentication required")

	require.Equal(t, exitOK, s.stop())
	assert.Contains(t, s.stderr.String(), "operation=PodIdentityCredentials")
	assert.NotContains(t, s.stderr.String(), podToken)
	assert.NotContains(t, s.stderr.String(), string(tok))
}

// -metadata-token absent and -metadata-no-agency reach the metadata service.
func TestFakeServerMetadataModes(t *testing.T) {
	clearCloudEnv(t)
	s := runFakeServerInProcess(t, "--metadata", "--metadata-token", "absent", "--metadata-no-agency")
	token, err := http.DefaultClient.Do(must(http.NewRequest(http.MethodPut, s.url+"/meta-data/latest/api/token", nil)))
	require.NoError(t, err)
	_ = token.Body.Close()
	assert.Equal(t, http.StatusNotFound, token.StatusCode, "no token API")
	keys, err := http.Get(s.url + "/openstack/latest/securitykey")
	require.NoError(t, err)
	body, err := io.ReadAll(keys.Body)
	_ = keys.Body.Close()
	require.NoError(t, err)
	assert.Equal(t, http.StatusUnauthorized, keys.StatusCode)
	assert.Contains(t, string(body), "Please configure Cloud Service Agency first")
	assert.Contains(t, s.stderr.String(), "token absent")
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}
