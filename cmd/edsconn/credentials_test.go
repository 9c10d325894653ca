package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/dli-openapi/enhanced-connections/fake"
	"github.com/dli-openapi/enhanced-connections/wrapper"
	"github.com/dli-openapi/enhanced-connections/wrapper/credentials"
)

// Credentials set the way other tools' users set them reach the service; never the fake.
func TestCommandsUseEveryFormOfCredentials(t *testing.T) {
	tokenFile := filepath.Join(t.TempDir(), "token")
	require.NoError(t, os.WriteFile(tokenFile, []byte("pod-or-id-token"), 0o600))
	home := t.TempDir()
	require.NoError(t, os.MkdirAll(filepath.Join(home, ".config", "openstack"), 0o700))
	require.NoError(t, os.WriteFile(filepath.Join(home, ".config", "openstack", "clouds.yaml"),
		[]byte("clouds:\n  otc:\n    auth: {ak: CLOUDSAK, sk: clouds-secret-key}\n    region_name: eu-de\n"), 0o600))
	tests := []struct {
		name   string
		opts   fake.Options
		env    func(url string) map[string]string
		source string // in `edsconn config`'s credentials line
	}{
		{"OTC's variables", fake.Options{Credentials: map[string]string{"OTCAK": "otc-secret-key"}},
			func(string) map[string]string {
				return map[string]string{"OS_ACCESS_KEY": "OTCAK", "OS_SECRET_KEY": "otc-secret-key", "OS_PROJECT_ID": testProject}
			}, "environment ($OS_ACCESS_KEY, $OS_SECRET_KEY)"},
		{"clouds.yaml", fake.Options{Credentials: map[string]string{"CLOUDSAK": "clouds-secret-key"}},
			func(string) map[string]string {
				return map[string]string{"HOME": home, credentials.EnvCloud: "otc", wrapper.EnvProjectID: testProject}
			}, `cloud "otc"`},
		{"the ECS metadata service", fake.Options{Platform: fake.PlatformOptions{Metadata: true, MetadataMode: fake.MetadataRequireToken}},
			func(url string) map[string]string {
				return map[string]string{credentials.EnvMetadataEndpoint: url, credentials.EnvMetadataDisabled: "", wrapper.EnvProjectID: testProject}
			}, "the ECS metadata service (http://127.0.0.1:"},
		{"OIDC federation, project looked up in IAM", fake.Options{Platform: fake.PlatformOptions{IdentityProviders: []string{"idp"}}},
			func(url string) map[string]string {
				return map[string]string{credentials.EnvIdpID: "idp", credentials.EnvIDTokenFile: tokenFile, wrapper.EnvIAMEndpoint: url, wrapper.EnvRegion: "eu-de"}
			}, "OIDC federation ($HUAWEICLOUD_SDK_IDP_ID, $HUAWEICLOUD_SDK_ID_TOKEN_FILE)"},
		{"CCE pod identity", fake.Options{Platform: fake.PlatformOptions{PodIdentityTokens: []string{"pod-or-id-token"}}},
			func(url string) map[string]string {
				return map[string]string{credentials.EnvPodIdentityURI: url + fake.PodIdentityPath, credentials.EnvPodIdentityTokenFile: tokenFile, wrapper.EnvProjectID: testProject}
			}, "CCE pod identity (http://127.0.0.1:"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			clearCloudEnv(t)
			srv, err := fake.Start(tc.opts)
			require.NoError(t, err)
			defer srv.Close()
			t.Setenv(wrapper.EnvEndpoint, srv.URL())
			for k, v := range tc.env(srv.URL()) {
				t.Setenv(k, v)
			}
			code, out, errOut := runCLI(t, "list")
			require.Equal(t, exitOK, code, errOut)
			assert.Contains(t, out, `"connections"`)
			assert.NotContains(t, errOut, "embedded fake")
			assert.Equal(t, 1, srv.Calls("ListEnhancedConnections"), "the call reached the configured server")

			code, out, errOut = runCLI(t, "config", "--check")
			require.Equal(t, exitOK, code, errOut)
			assert.Contains(t, out, tc.source)
			for _, secret := range []string{"otc-secret-key", "clouds-secret-key", "pod-or-id-token"} {
				assert.NotContains(t, out+errOut, secret)
			}
		})
	}
}

// What cannot be used is refused with exit 2, naming what was found and every source looked at;
// nothing reaches the fake or the network.
func TestCredentialsItCannotUseAreRefused(t *testing.T) {
	tests := []struct {
		name string
		env  map[string]string
		want []string
	}{
		{"an SK without an AK", map[string]string{wrapper.EnvSecretKey: "sk-secret-value", wrapper.EnvRegion: "eu-de"},
			[]string{"$HUAWEICLOUD_SDK_SK is set but no access key", "Looked for credentials in, in this order:",
				"$HUAWEICLOUD_SDK_AK, $HUAWEICLOUD_SDK_SK, $HUAWEICLOUD_SDK_SECURITY_TOKEN: incomplete"}},
		{"Terraform's variables", map[string]string{"HW_ACCESS_KEY": "AK", "HW_SECRET_KEY": "sk-secret-value", "HW_REGION_NAME": "eu-de"},
			[]string{"$HW_ACCESS_KEY, $HW_SECRET_KEY: the Huawei Cloud Terraform provider's names", "HUAWEICLOUD_SDK_AK"}},
		{"an OTC password", map[string]string{"OS_USERNAME": "me", "OS_PASSWORD": "sk-secret-value", "OS_REGION_NAME": "eu-de"},
			[]string{"password authentication, which this client does not do", "OS_ACCESS_KEY"}},
		{"a cloud that is not in clouds.yaml", map[string]string{credentials.EnvCloud: "otc"},
			[]string{`$OS_CLOUD is "otc" but there is no clouds.yaml`, "clouds.yaml ($OS_CLOUD): no clouds.yaml"}},
		{"nothing at all", nil,
			[]string{"nothing to call: no credentials, region or endpoint is configured", "ECS metadata service", "edsconn demo", "--fake"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			clearCloudEnv(t)
			for k, v := range tc.env {
				t.Setenv(k, v)
			}
			for _, args := range [][]string{{"create", "--name", "c", "--vpc", "v", "--subnet", "s"}, {"list"}} {
				code, out, errOut := runCLI(t, args...)
				assert.Equal(t, exitUsage, code, errOut)
				assert.Empty(t, out)
				rest := errOut
				for _, want := range tc.want {
					i := strings.Index(rest, want)
					require.GreaterOrEqual(t, i, 0, "stderr lacks %q (in order): %s", want, errOut)
					rest = rest[i+len(want):]
				}
				assert.NotContains(t, errOut, "sk-secret-value")
				assert.NotContains(t, errOut, "using the embedded fake")
			}
		})
	}
}

// demo runs the documented procedure with temporary keys of the fake's metadata service, and
// `config -o json` reports them without a secret.
func TestDemoAndConfigWithPlatformKeys(t *testing.T) {
	clearCloudEnv(t)
	srv, err := fake.Start(fake.Options{Platform: fake.PlatformOptions{Metadata: true}})
	require.NoError(t, err)
	defer srv.Close()
	t.Setenv(wrapper.EnvEndpoint, srv.URL())
	t.Setenv(wrapper.EnvRegion, "")
	t.Setenv(credentials.EnvMetadataEndpoint, srv.URL())
	t.Setenv(credentials.EnvMetadataDisabled, "")
	t.Setenv(wrapper.EnvProjectID, testProject)
	code, out, errOut := runCLI(t, "demo", "--vpc", "vpc-1", "--subnet", "subnet-1", "--queue", "q1")
	require.Equal(t, exitOK, code, "stderr: %s\nstdout: %s", errOut, out)
	assert.Contains(t, out, "was created, became ACTIVE, and was deleted")
	assert.Equal(t, 1, srv.Calls("CreateEnhancedConnection"))
	assert.Len(t, srv.IssuedKeys(), 1, "one fetch of the metadata keys for the whole demo")

	code, out, errOut = runCLI(t, "config", "--check", "-o", "json")
	require.Equal(t, exitOK, code, errOut)
	var report configReport
	require.NoError(t, json.Unmarshal([]byte(out), &report), out)
	assert.Equal(t, credentials.Renewed, report.Credentials.Kind)
	require.NotNil(t, report.Credentials.Expires)
	assert.True(t, strings.HasPrefix(report.Credentials.AccessKey, "****"), report.Credentials.AccessKey)
	assert.Equal(t, "$"+credentials.EnvEndpoint, report.Endpoint.From)
	assert.Len(t, report.Looked, 7)
}
