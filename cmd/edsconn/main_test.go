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
)

// clearCloudEnv makes sure no credentials of the machine running the tests are used: every test
// here runs against a fake on loopback.
func clearCloudEnv(t *testing.T) {
	t.Helper()
	for _, v := range []string{wrapper.EnvAccessKey, wrapper.EnvSecretKey, wrapper.EnvSecurityToken,
		wrapper.EnvProjectID, wrapper.EnvRegion, wrapper.EnvAuthToken, wrapper.EnvEndpoint} {
		t.Setenv(v, "")
	}
}

func runCLI(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	code = run(ctx, args, &out, &errOut)
	return code, out.String(), errOut.String()
}

func TestDemoRunsTheProcedureOnTheEmbeddedFake(t *testing.T) {
	clearCloudEnv(t)
	code, out, errOut := runCLI(t, "demo", "-fake-activation", "1500ms")
	require.Equal(t, exitOK, code, "stderr: %s\nstdout: %s", errOut, out)
	assert.Contains(t, errOut, "no credentials configured: using the embedded fake DLI at http://127.0.0.1:")
	assert.Contains(t, out, "against the embedded fake DLI")
	for _, step := range []string{"1. Create connection", "2. Wait until", "3. Show the connection", "4. List", "5. Delete"} {
		assert.Contains(t, out, step)
	}
	assert.Regexp(t, `poll 1 after .*: waiting for queue q1 \(CREATING\), queue q2 \(CREATING\)`, out, "progress shows the CREATING peerings")
	assert.Regexp(t, `ACTIVE after \d`, out)
	assert.Regexp(t, `edsconn_demo\s+ACTIVE\s+q1=ACTIVE,q2=ACTIVE\s+2`, out, "the shown connection is ACTIVE with both queues")
	assert.Regexp(t, regexp.MustCompile(`Done: connection [0-9a-f-]{36} was created, became ACTIVE, and was deleted\.`), out)
}

func TestDemoRefusesARealAccountWithoutTargets(t *testing.T) {
	clearCloudEnv(t)
	t.Setenv(wrapper.EnvAccessKey, "AK")
	t.Setenv(wrapper.EnvSecretKey, "SK-must-not-leak")
	t.Setenv(wrapper.EnvProjectID, "48cc2c48765f481480c7db940d6409d1")
	t.Setenv(wrapper.EnvRegion, "eu-de")
	code, out, errOut := runCLI(t, "demo")
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, errOut, "--vpc, --subnet and at least one --queue")
	assert.NotContains(t, out+errOut, "SK-must-not-leak")
}

// TestEveryCommandAgainstAFakeServer drives each subcommand against one fake, the way another
// team would use `edsconn fake-server` with DLI_ENDPOINT.
func TestEveryCommandAgainstAFakeServer(t *testing.T) {
	clearCloudEnv(t)
	srv, err := fake.Start(fake.Options{})
	require.NoError(t, err)
	defer srv.Close()
	t.Setenv(wrapper.EnvEndpoint, srv.URL())
	t.Setenv(wrapper.EnvProjectID, "48cc2c48765f481480c7db940d6409d1")

	code, out, errOut := runCLI(t, "create", "--name", "cli_conn", "--vpc", "vpc-1", "--subnet", "subnet-1",
		"--queue", "q1", "--host", "db1=192.168.0.10", "--tag", "env=prod")
	require.Equal(t, exitOK, code, errOut)
	var created gen.CreateEnhancedConnectionResponse
	require.NoError(t, json.Unmarshal([]byte(out), &created), out)
	id := created.ConnectionID

	steps := []struct {
		args []string
		want string
	}{
		{[]string{"show", id}, `"name": "cli_conn"`},
		{[]string{"show", "-o", "table", id}, "cli_conn"},
		{[]string{"wait", "-interval", "10ms", id}, `"status": "ACTIVE"`},
		{[]string{"list", "-o", "table"}, "cli_conn"},
		{[]string{"list", "-status", "active", "-tags", "env=prod"}, `"cli_conn"`},
		{[]string{"update-hosts", "--host", "db2=192.168.0.11", id}, `"is_success": true`},
		{[]string{"bind", "--queue", "q2", id}, `"is_success": true`},
		{[]string{"unbind", "--queue", "q1", id}, `"is_success": true`},
		{[]string{"privileges", id}, `"connection_id": "` + id + `"`},
		{[]string{"route-add", "--name", "r1", "--cidr", "10.0.0.0/24", id}, `"is_success": true`},
		{[]string{"route-delete", id, "r1"}, `"is_success": true`},
		{[]string{"delete", "-o", "table", id}, "ok:"},
	}
	for _, s := range steps {
		code, out, errOut := runCLI(t, s.args...)
		assert.Equal(t, exitOK, code, "%v: %s", s.args, errOut)
		assert.Contains(t, out, s.want, "%v", s.args)
		assert.NotContains(t, errOut, "embedded fake", "DLI_ENDPOINT is used, not the embedded fake")
	}
	assert.Zero(t, srv.Connections("48cc2c48765f481480c7db940d6409d1"))
}

func TestExitCodes(t *testing.T) {
	clearCloudEnv(t)
	tests := []struct {
		name   string
		args   []string
		code   int
		stderr string
	}{
		{"no command", nil, exitUsage, ""},
		{"unknown command", []string{"frobnicate"}, exitUsage, `unknown command "frobnicate"`},
		{"bad flag", []string{"list", "--nope"}, exitUsage, "flag provided but not defined"},
		{"spec refuses the name", []string{"create", "--name", "bad-name", "--vpc", "v", "--subnet", "s"}, exitUsage, "name"},
		{"spec refuses the ip", []string{"create", "--name", "ok", "--vpc", "v", "--subnet", "s", "--host", "h=1.2.3"}, exitUsage, "hosts[0].ip"},
		{"missing connection", []string{"show", "2a620c33-5609-40c9-affd-2b6453071b0f"}, exitFailure, "DLI.0001"},
		{"unknown region", []string{"list", "--region", "mars-1", "--project-id", "abc"}, exitUsage, "unknown region"},
		{"bad output", []string{"list", "-o", "yaml"}, exitUsage, "-o must be json or table"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.name == "unknown region" {
				t.Setenv(wrapper.EnvAuthToken, "token-for-the-test")
			}
			code, _, errOut := runCLI(t, tt.args...)
			assert.Equal(t, tt.code, code, errOut)
			assert.Contains(t, errOut, tt.stderr)
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
