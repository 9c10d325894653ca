package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/dli-openapi/enhanced-connections/fake"
	"github.com/dli-openapi/enhanced-connections/gen"
	"github.com/dli-openapi/enhanced-connections/wrapper"
	"github.com/dli-openapi/enhanced-connections/wrapper/credentials"
)

// clearCloudEnv makes sure no credentials of the machine running the tests are used: every test
// here runs against a fake on loopback.
func clearCloudEnv(t *testing.T) {
	t.Helper()
	for _, v := range append(credentials.Variables(), credentials.OtherToolsVariables()...) {
		t.Setenv(v, "")
	}
	t.Setenv(credentials.EnvMetadataDisabled, "true")
}

func runCLI(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	return runCLIInput(t, "", args...)
}

// runCLIInput runs the CLI with stdin as its standard input.
func runCLIInput(t *testing.T, stdin string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	code = runWithInput(ctx, args, strings.NewReader(stdin), &out, &errOut)
	return code, out.String(), errOut.String()
}

// fakeEndpoint starts a fake DLI for the test and points the CLI at it, as another team would
// use `edsconn fake-server` with DLI_ENDPOINT.
func fakeEndpoint(t *testing.T, opts fake.Options) *fake.Running {
	t.Helper()
	clearCloudEnv(t)
	srv, err := fake.Start(opts)
	require.NoError(t, err)
	t.Cleanup(func() { _ = srv.Close() })
	t.Setenv(wrapper.EnvEndpoint, srv.URL())
	t.Setenv(wrapper.EnvProjectID, testProject)
	return srv
}

const testProject = "48cc2c48765f481480c7db940d6409d1"

// createConnection creates a connection through the CLI and returns its id.
func createConnection(t *testing.T, name string, args ...string) string {
	t.Helper()
	args = append([]string{"create", "--name", name, "--vpc", "vpc-1", "--subnet", "subnet-1"}, args...)
	code, out, errOut := runCLI(t, args...)
	require.Equal(t, exitOK, code, errOut)
	var created gen.CreateEnhancedConnectionResponse
	require.NoError(t, json.Unmarshal([]byte(out), &created), out)
	require.NotEmpty(t, created.ConnectionID)
	return created.ConnectionID
}

func TestDemoRunsTheProcedureOnTheEmbeddedFake(t *testing.T) {
	clearCloudEnv(t)
	code, out, errOut := runCLI(t, "demo", "-fake-activation", "1500ms")
	require.Equal(t, exitOK, code, "stderr: %s\nstdout: %s", errOut, out)
	assert.Contains(t, errOut, "nothing is configured: using the embedded fake DLI at http://127.0.0.1:")
	assert.Contains(t, out, "against the embedded fake DLI")
	for _, step := range []string{"1. Create connection", "2. Wait until", "3. Show the connection", "4. List", "5. Delete"} {
		assert.Contains(t, out, step)
	}
	// Each poll line says what is still pending; the end of the wait is "ACTIVE after", not a
	// poll line. (Whether the first poll still sees CREATING depends on the machine's speed;
	// TestWaitInterrupted shows CREATING without timing.)
	polls := regexp.MustCompile(`(?m)^   poll \d+ after [^:]+: (.*)$`).FindAllStringSubmatch(out, -1)
	for _, p := range polls {
		assert.Equal(t, "waiting for queue q1 (CREATING), queue q2 (CREATING)", p[1])
	}
	assert.Regexp(t, `(?m)^   ACTIVE after \d`, out)
	assert.Regexp(t, `(?m)^\s+ID\s+NAME\s+STATUS\s+AVAILABLE_QUEUE_INFO\s`, out, "the connection table has the spec's columns")
	assert.Regexp(t, `[0-9a-f-]{36}\s+edsconn_demo\s+ACTIVE\s+q1=ACTIVE,q2=ACTIVE\s`, out, "the shown connection is ACTIVE with both queues")
	assert.Regexp(t, `ok: Deleted`, out)
	assert.Regexp(t, regexp.MustCompile(`Done: connection [0-9a-f-]{36} was created, became ACTIVE, and was deleted\.`), out)
}

// With -o json the demo prints one JSON document of what each step sent and received, and
// nothing else on standard output.
func TestDemoPrintsOneJSONDocument(t *testing.T) {
	clearCloudEnv(t)
	code, out, errOut := runCLI(t, "demo", "-o", "json", "--fake-activation", "200ms")
	require.Equal(t, exitOK, code, errOut)
	var doc struct {
		Target    string `json:"target"`
		ProjectID string `json:"project_id"`
		Steps     []struct {
			Step      int             `json:"step"`
			Title     string          `json:"title"`
			Operation string          `json:"operation"`
			Request   json.RawMessage `json:"request"`
			Answer    map[string]any  `json:"answer"`
			Polls     []struct {
				Poll      int      `json:"poll"`
				ElapsedMS int64    `json:"elapsed_ms"`
				Pending   []string `json:"pending"`
			} `json:"polls"`
		} `json:"steps"`
		Result string `json:"result"`
	}
	dec := json.NewDecoder(strings.NewReader(out))
	dec.DisallowUnknownFields()
	require.NoError(t, dec.Decode(&doc), out)
	assert.False(t, dec.More(), "one document")
	assert.Equal(t, "the embedded fake DLI", doc.Target)
	assert.Equal(t, fakeProjectID, doc.ProjectID)
	var ops []string
	for i, s := range doc.Steps {
		assert.Equal(t, i+1, s.Step)
		ops = append(ops, s.Operation)
	}
	assert.Equal(t, []string{"CreateEnhancedConnection", "WaitActive", "ShowEnhancedConnection", "ListEnhancedConnections", "DeleteEnhancedConnection"}, ops)
	require.Len(t, doc.Steps, 5)
	id, _ := doc.Steps[0].Answer["connection_id"].(string)
	require.NotEmpty(t, id)
	assert.JSONEq(t, `{"connection_id":"`+id+`"}`, string(doc.Steps[1].Request))
	// Polls are progress: each names what is still pending (how many there are depends on the
	// machine's speed); the step's answer is the connection, ACTIVE.
	for i, p := range doc.Steps[1].Polls {
		assert.Equal(t, i+1, p.Poll)
		assert.Equal(t, []string{"queue q1 (CREATING)", "queue q2 (CREATING)"}, p.Pending)
	}
	assert.Equal(t, "ACTIVE", doc.Steps[1].Answer["status"])
	assert.Equal(t, "ACTIVE", doc.Steps[2].Answer["status"])
	assert.Equal(t, "Deleted", doc.Steps[4].Answer["message"])
	assert.Equal(t, "Done: connection "+id+" was created, became ACTIVE, and was deleted.", doc.Result)
}

func TestDemoRefusesARealAccountWithoutTargets(t *testing.T) {
	clearCloudEnv(t)
	t.Setenv(wrapper.EnvAccessKey, "AK")
	t.Setenv(wrapper.EnvSecretKey, "SK-must-not-leak")
	t.Setenv(wrapper.EnvProjectID, testProject)
	t.Setenv(wrapper.EnvRegion, "eu-de")
	code, out, errOut := runCLI(t, "demo")
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, errOut, "--vpc, --subnet and at least one --queue")
	assert.NotContains(t, out+errOut, "SK-must-not-leak")
}

func TestExitCodes(t *testing.T) {
	clearCloudEnv(t)
	tests := []struct {
		name   string
		args   []string
		code   int
		stderr string
	}{
		{"no command", nil, exitUsage, "Usage: edsconn <command>"},
		{"unknown command", []string{"frobnicate"}, exitUsage, `unknown command "frobnicate"`},
		{"a near miss", []string{"createenhancedconnection"}, exitUsage, `(did you mean "CreateEnhancedConnection"?)`},
		{"bad flag", []string{"list", "--nope"}, exitUsage, "edsconn list: unknown flag --nope"},
		{"a flag without its value", []string{"show", "--timeout"}, exitUsage, "--timeout needs a value"},
		{"spec refuses the name", []string{"create", "--fake", "--name", "bad-name", "--vpc", "v", "--subnet", "s"}, exitUsage, `--name "bad-name": must be letters, digits and underscores (nothing was sent)`},
		{"spec refuses the ip", []string{"create", "--fake", "--name", "ok", "--vpc", "v", "--subnet", "s", "--host", "h=1.2.3"}, exitUsage, "hosts[0].ip"},
		{"missing connection", []string{"show", "--fake", "2a620c33-5609-40c9-affd-2b6453071b0f"}, exitFailure, "DLI.0001"},
		{"nothing configured is no silent fake", []string{"create", "--name", "ok", "--vpc", "v", "--subnet", "s"}, exitUsage, "nothing to call: no credentials, region or endpoint is configured"},
		{"unknown region", []string{"list", "--region", "mars-1", "--project-id", "abc"}, exitUsage, "unknown region"},
		{"bad output", []string{"list", "-o", "yaml"}, exitUsage, "-o must be json or table"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.name == "unknown region" {
				t.Setenv(wrapper.EnvAuthToken, "token-for-the-test")
			}
			code, out, errOut := runCLI(t, tt.args...)
			assert.Equal(t, tt.code, code, errOut)
			assert.Contains(t, errOut, tt.stderr)
			assert.Empty(t, out)
		})
	}
}

// TestBinaryRunsDemo builds the real binary and runs it as a user would, in a fresh process
// with no cloud variables.
func TestBinaryRunsDemo(t *testing.T) {
	bin := filepath.Join(t.TempDir(), "edsconn")
	build := exec.Command("go", "build", "-o", bin, ".")
	build.Env = os.Environ()
	out, err := build.CombinedOutput()
	require.NoError(t, err, string(out))

	cmd := exec.Command(bin, "demo", "-fake-activation", "200ms")
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "HUAWEICLOUD_SDK_") && !strings.HasPrefix(kv, "DLI_ENDPOINT=") {
			env = append(env, kv)
		}
	}
	cmd.Env = env
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	require.NoError(t, cmd.Run(), stderr.String())
	assert.Contains(t, stdout.String(), "became ACTIVE, and was deleted")
	assert.Contains(t, stderr.String(), "embedded fake DLI")
}
