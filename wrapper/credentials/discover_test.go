package credentials

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// vendorProfile is the profile of the vendor SDK's own test (core/auth/provider/
// profile_provider_test.go, v0.1.215), trailing blanks included.
const vendorProfile = `
[basic]
ak = MockAk
sk = MockSk
project_id = MockProjectId
security_token = MockSecurityToken
iam_endpoint = MockIamEndpoint    

[global]                          
ak = MockAk
sk = MockSk
idp_id = MockIdpId
id_token_file = MockIdTokenFile
domain_id = MockDomainId
security_token = MockSecurityToken
iam_endpoint = MockIamEndpoint

[error]
ak = ak
sk = sk
`

// otcClouds is a clouds.yaml as Open Telekom Cloud documents it for AK/SK (the project name
// names the region), with its SK in secure.yaml.
const otcClouds = `
clouds:
  otc:
    profile: otc
    auth:
      auth_url: https://iam.{region_name}.otc.t-systems.com/v3
      ak: OTCAKEXAMPLE1234
      project_name: eu-de_sub
  password-cloud:
    auth:
      auth_url: https://iam.eu-de.otc.t-systems.com/v3
      username: someone
      password: hunter2
      project_name: eu-de
`

const otcSecure = `
clouds:
  otc:
    auth:
      sk: OTCSKEXAMPLE0123456789
`

type discoverCase struct {
	name  string
	env   map[string]string
	files map[string]string // relative to a fresh temp dir: home/..., work/..., etc/...
	opts  func(*DiscoverOptions)

	source, kind, accessKey          string
	region, projectID, projectName   string
	iamEndpoint, regionFrom, errLike string
	provider                         string // the provider's type, when not static
}

func TestDiscover(t *testing.T) {
	iamOf := func(region string) (string, error) { return "https://iam." + region + ".example", nil }
	tests := []discoverCase{
		{name: "nothing", kind: ""},
		{name: "the vendor's variables", env: map[string]string{EnvAccessKey: "AK1", EnvSecretKey: "sk-secret-1", EnvRegion: "cn-north-4", EnvProjectID: "p1"},
			source: "environment ($HUAWEICLOUD_SDK_AK, $HUAWEICLOUD_SDK_SK)", kind: "fixed", accessKey: "AK1", region: "cn-north-4", projectID: "p1"},
		{name: "with a security token", env: map[string]string{EnvAccessKey: "AK1", EnvSecretKey: "sk-secret-1", EnvSecurityToken: "ST1"},
			source: "environment ($HUAWEICLOUD_SDK_AK, $HUAWEICLOUD_SDK_SK, $HUAWEICLOUD_SDK_SECURITY_TOKEN)", kind: "temporary", accessKey: "AK1"},
		{name: "an SK without its AK", env: map[string]string{EnvSecretKey: "sk-secret-1"}, errLike: "$HUAWEICLOUD_SDK_SK is set but no access key"},
		{name: "an AK without its SK", env: map[string]string{EnvAccessKey: "AK1"}, errLike: "$HUAWEICLOUD_SDK_AK is set but no secret key"},
		{name: "a token alone", env: map[string]string{EnvSecurityToken: "ST1"}, errLike: "$HUAWEICLOUD_SDK_SECURITY_TOKEN is set but no access and secret key"},
		// gophertelekomcloud's names, and OTC's Terraform provider's documented set.
		{name: "OTC's variables", env: map[string]string{"OS_ACCESS_KEY": "OTCAK", "OS_SECRET_KEY": "otc-sk-secret", "OS_PROJECT_NAME": "eu-de_sub",
			"OS_REGION_NAME": "eu-de", "OS_AUTH_URL": "https://iam.eu-de.otc.t-systems.com/v3"},
			source: "environment ($OS_ACCESS_KEY, $OS_SECRET_KEY)", kind: "fixed", accessKey: "OTCAK", region: "eu-de",
			projectName: "eu-de_sub", iamEndpoint: "https://iam.eu-de.otc.t-systems.com", regionFrom: "$OS_REGION_NAME"},
		{name: "OTC's short names, the region from the project name", env: map[string]string{"OS_AK": "OTCAK", "OS_SK": "otc-sk-secret", "OS_ST": "OTCST", "OS_PROJECT_NAME": "eu-nl_team"},
			source: "environment ($OS_AK, $OS_SK, $OS_ST)", kind: "temporary", accessKey: "OTCAK", region: "eu-nl", projectName: "eu-nl_team",
			regionFrom: "$OS_PROJECT_NAME (the region its name starts with)"},
		{name: "the vendor's variables win over OTC's", env: map[string]string{EnvAccessKey: "AK1", EnvSecretKey: "sk-secret-1", "OS_ACCESS_KEY_ID": "OTCAK", "OS_SECRET_KEY": "otc-sk-secret"},
			source: "environment ($HUAWEICLOUD_SDK_AK, $HUAWEICLOUD_SDK_SK)", kind: "fixed", accessKey: "AK1"},
		{name: "an OTC SK alone", env: map[string]string{"OS_SECRET_KEY": "otc-sk-secret"}, errLike: "$OS_SECRET_KEY is set but no access key"},
		{name: "the vendor's profile file", files: map[string]string{"home/.huaweicloud/credentials": vendorProfile},
			kind: "temporary", accessKey: "MockAk", projectID: "MockProjectId", iamEndpoint: "https://MockIamEndpoint"},
		{name: "the environment's project wins over the profile's", files: map[string]string{"home/.huaweicloud/credentials": vendorProfile},
			env: map[string]string{EnvProjectID: "envproject"}, kind: "temporary", accessKey: "MockAk", projectID: "envproject"},
		{name: "a profile without [basic]", files: map[string]string{"home/.huaweicloud/credentials": "[global]\nak = a\nsk = b\n"},
			errLike: "has no [basic] section"},
		{name: "a profile without keys", files: map[string]string{"home/.huaweicloud/credentials": "[basic]\nproject_id = p\n"},
			errLike: "without ak and sk"},
		{name: "an explicit profile that is not there", env: map[string]string{EnvCredentialsFile: "/nonexistent/credentials"},
			errLike: "profile file /nonexistent/credentials"},
		{name: "OIDC in a profile needs both", files: map[string]string{"home/.huaweicloud/credentials": "[basic]\nidp_id = idp\n"},
			errLike: "idp_id and id_token_file go together"},
		{name: "OIDC federation at the region's IAM", env: map[string]string{EnvIdpID: "idp-1", EnvIDTokenFile: "/var/run/token", EnvRegion: "eu-de"},
			source: "OIDC federation ($HUAWEICLOUD_SDK_IDP_ID, $HUAWEICLOUD_SDK_ID_TOKEN_FILE)", kind: "temporary, renewed", region: "eu-de",
			provider: "*credentials.OIDC https://iam.eu-de.example"},
		{name: "OIDC federation at the configured IAM", env: map[string]string{EnvIdpID: "idp-1", EnvIDTokenFile: "/var/run/token", EnvIAMEndpoint: "http://127.0.0.1:9"},
			kind: "temporary, renewed", iamEndpoint: "http://127.0.0.1:9", provider: "*credentials.OIDC http://127.0.0.1:9"},
		{name: "OIDC federation wins over keys, as in the vendor SDK", env: map[string]string{EnvIdpID: "idp-1", EnvIDTokenFile: "/t", EnvRegion: "eu-de", EnvAccessKey: "AK1", EnvSecretKey: "sk-secret-1"},
			kind: "temporary, renewed", region: "eu-de", provider: "*credentials.OIDC https://iam.eu-de.example"},
		{name: "OIDC federation without anywhere to exchange", env: map[string]string{EnvIdpID: "idp-1", EnvIDTokenFile: "/t"},
			errLike: "set a region ($HUAWEICLOUD_SDK_REGION) or $HUAWEICLOUD_SDK_IAM_ENDPOINT"},
		{name: "an id token file without the IdP", env: map[string]string{EnvIDTokenFile: "/t"}, errLike: "only $HUAWEICLOUD_SDK_ID_TOKEN_FILE is set"},
		{name: "clouds.yaml with secure.yaml", env: map[string]string{EnvCloud: "otc"},
			files: map[string]string{"work/clouds.yaml": otcClouds, "work/secure.yaml": otcSecure}, kind: "fixed", accessKey: "OTCAKEXAMPLE1234",
			region: "eu-de", projectName: "eu-de_sub", iamEndpoint: "https://iam.eu-de.otc.t-systems.com"},
		{name: "clouds.yaml in ~/.config/openstack", env: map[string]string{EnvCloud: "otc", "OS_REGION_NAME": "eu-nl"},
			files: map[string]string{"home/.config/openstack/clouds.yml": otcClouds, "etc/secure.yaml": otcSecure}, kind: "fixed",
			accessKey: "OTCAKEXAMPLE1234", region: "eu-nl", regionFrom: "$OS_REGION_NAME", projectName: "eu-de_sub",
			iamEndpoint: "https://iam.eu-nl.otc.t-systems.com"},
		{name: "clouds.yaml without the SK", env: map[string]string{EnvCloud: "otc"}, files: map[string]string{"etc/clouds.yaml": otcClouds},
			errLike: `cloud "otc" auth.ak is set but no secret key`},
		{name: "a cloud with a password", env: map[string]string{EnvCloud: "password-cloud"}, files: map[string]string{"work/clouds.yaml": otcClouds},
			errLike: "password or token, which this client does not do"},
		{name: "a cloud that is not there", env: map[string]string{EnvCloud: "nope"}, files: map[string]string{"work/clouds.yaml": otcClouds},
			errLike: `has no cloud "nope" ($OS_CLOUD); it has "otc", "password-cloud"`},
		{name: "OS_CLOUD without clouds.yaml", env: map[string]string{EnvCloud: "otc"}, errLike: "there is no clouds.yaml"},
		{name: "CCE pod identity", env: map[string]string{EnvPodIdentityURI: "http://127.0.0.1:9/v1/creds", EnvPodIdentityTokenFile: "/t"},
			source: "CCE pod identity (http://127.0.0.1:9/v1/creds)", kind: "temporary, renewed", provider: "*credentials.PodIdentity"},
		{name: "pod identity needs both", env: map[string]string{EnvPodIdentityURI: "http://127.0.0.1:9/v1/creds"}, errLike: "go together (CCE pod identity)"},
		{name: "the metadata service for a region", env: map[string]string{EnvRegion: "eu-de"},
			source: "the ECS metadata service (http://169.254.169.254)", kind: "temporary, renewed", region: "eu-de", provider: "*credentials.Metadata"},
		{name: "the metadata service for a real endpoint", env: map[string]string{EnvEndpoint: "https://dli.eu-de.otc.t-systems.com"},
			kind: "temporary, renewed", provider: "*credentials.Metadata"},
		{name: "not for a fake on loopback", env: map[string]string{EnvEndpoint: "http://127.0.0.1:8080"}},
		{name: "not when turned off", env: map[string]string{EnvRegion: "eu-de", EnvMetadataDisabled: "true"}, region: "eu-de"},
		{name: "not when an IAM token authenticates", env: map[string]string{EnvRegion: "eu-de", EnvAuthToken: "iam-token"}, region: "eu-de"},
		{name: "an explicit metadata endpoint is asked", env: map[string]string{EnvMetadataEndpoint: "http://127.0.0.1:9"},
			source: "the ECS metadata service (http://127.0.0.1:9)", kind: "temporary, renewed", provider: "*credentials.Metadata"},
		{name: "Terraform's variables are named, not read", env: map[string]string{"HW_ACCESS_KEY": "a", "HW_SECRET_KEY": "b", EnvRegion: "eu-de"},
			errLike: "$HW_ACCESS_KEY, $HW_SECRET_KEY: the Huawei Cloud Terraform provider's names"},
		{name: "a password is named", env: map[string]string{"OS_USERNAME": "u", "OS_PASSWORD": "p"}, errLike: "password authentication, which this client does not do"},
		{name: "other tools' variables beside ours are left alone", env: map[string]string{"HW_ACCESS_KEY": "a", EnvAccessKey: "AK1", EnvSecretKey: "sk-secret-1"},
			kind: "fixed", accessKey: "AK1"},
		{name: "flags win over the environment", env: map[string]string{EnvRegion: "cn-north-4", EnvAccessKey: "AK1", EnvSecretKey: "sk-secret-1"},
			opts: func(o *DiscoverOptions) { o.Region = Setting{Value: "eu-de", From: "--region"} }, kind: "fixed", accessKey: "AK1", region: "eu-de", regionFrom: "--region"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			for name, content := range tc.files {
				p := filepath.Join(dir, name)
				require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o700))
				require.NoError(t, os.WriteFile(p, []byte(content), 0o600))
			}
			o := DiscoverOptions{
				Getenv:        func(k string) string { return tc.env[k] },
				HomeDir:       filepath.Join(dir, "home"),
				WorkDir:       filepath.Join(dir, "work"),
				SystemDir:     filepath.Join(dir, "etc"),
				IAMEndpointOf: iamOf,
			}
			if tc.opts != nil {
				tc.opts(&o)
			}
			d := Discover(o)
			require.Len(t, d.Looked, len(sourceNames)+boolInt(strings.HasPrefix(tc.errLike, "$HW_") ||
				strings.Contains(tc.errLike, "password authentication")), "every source is listed: %v", d.Looked)
			if tc.errLike != "" {
				require.Error(t, d.Err)
				assert.Contains(t, d.Err.Error(), tc.errLike)
				assert.Nil(t, d.Provider)
				for _, secret := range []string{"sk-secret-1", "otc-sk-secret", "hunter2", "MockSk"} {
					assert.NotContains(t, d.Err.Error(), secret)
				}
				return
			}
			require.NoError(t, d.Err)
			assert.Equal(t, Kind(tc.kind), d.Kind)
			if tc.source != "" {
				assert.Equal(t, tc.source, d.Source)
			}
			assert.Equal(t, tc.accessKey, d.AccessKey)
			assert.Equal(t, tc.region, d.Region.Value)
			if tc.regionFrom != "" {
				assert.Equal(t, tc.regionFrom, d.Region.From)
			}
			assert.Equal(t, tc.projectID, d.ProjectID.Value)
			assert.Equal(t, tc.projectName, d.ProjectName.Value)
			if tc.iamEndpoint != "" {
				assert.Equal(t, tc.iamEndpoint, d.IAMEndpoint.Value)
			}
			if tc.kind == "" {
				assert.Nil(t, d.Provider)
				return
			}
			require.NotNil(t, d.Provider)
			switch p := d.Provider.(type) {
			case *OIDC:
				assert.Equal(t, tc.provider, "*credentials.OIDC "+p.IAMEndpoint)
			case *Metadata, *PodIdentity:
				assert.Contains(t, tc.provider, strings.TrimPrefix(strings.Split(typeName(p), ".")[1], ""))
			default:
				v, err := p.Retrieve(context.Background())
				require.NoError(t, err)
				assert.Equal(t, tc.accessKey, v.AccessKey)
				assert.True(t, v.SecretKey.IsSet())
				assert.Equal(t, tc.kind == "temporary", v.SecurityToken.IsSet())
				assert.False(t, v.CanExpire())
			}
		})
	}
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

func typeName(v any) string {
	switch v.(type) {
	case *Metadata:
		return "*credentials.Metadata"
	case *PodIdentity:
		return "*credentials.PodIdentity"
	}
	return "?"
}

// The sources are listed in the documented order, and a decision stops the search: sources
// after it are named as not looked at.
func TestDiscoverListsEverySourceInOrder(t *testing.T) {
	d := Discover(DiscoverOptions{Getenv: func(k string) string {
		return map[string]string{"OS_ACCESS_KEY": "A", "OS_SECRET_KEY": "S"}[k]
	}, HomeDir: t.TempDir()})
	require.NoError(t, d.Err)
	var got []string
	for _, l := range d.Looked {
		got = append(got, l.Source+": "+l.Result)
	}
	assert.Equal(t, []string{
		sourceNames[0] + ": not set",
		sourceNames[1] + ": not set",
		sourceNames[2] + ": used",
		sourceNames[3] + ": not looked at: an earlier source decides",
		sourceNames[4] + ": not looked at: an earlier source decides",
		sourceNames[5] + ": not looked at: an earlier source decides",
		sourceNames[6] + ": not looked at: an earlier source decides",
	}, got)
}

// Variables covers every variable the chain reads: an environment with each of them set to
// something that would change the outcome makes Discover look at it.
func TestVariablesAreTheOnesRead(t *testing.T) {
	read := map[string]bool{}
	Discover(DiscoverOptions{Getenv: func(k string) string { read[k] = true; return "" }, HomeDir: t.TempDir()})
	// With OS_CLOUD set and a clouds.yaml found, the clouds.yaml variables are read too.
	work := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(work, "clouds.yaml"), []byte("clouds: {c: {auth: {ak: a, sk: s}}}"), 0o600))
	Discover(DiscoverOptions{Getenv: func(k string) string {
		read[k] = true
		if k == EnvCloud {
			return "c"
		}
		return ""
	}, HomeDir: t.TempDir(), WorkDir: work, SystemDir: t.TempDir()})
	for _, v := range Variables() {
		assert.True(t, read[v], "%s is listed in Variables but never read", v)
	}
	for v := range read {
		if strings.HasPrefix(v, "HW_") || strings.HasPrefix(v, "AWS_") || v == "OS_USERNAME" || v == "OS_PASSWORD" || v == "OS_USER_ID" || v == "OS_TOKEN" || v == "OS_AUTH_TOKEN" {
			continue
		}
		assert.Contains(t, Variables(), v, "Discover reads %s, which Variables does not list", v)
	}
}

func TestDiscoverRefusesAMetadataEndpointThatIsNoURL(t *testing.T) {
	d := Discover(DiscoverOptions{Getenv: func(k string) string {
		return map[string]string{EnvMetadataEndpoint: "169.254.169.254"}[k]
	}, HomeDir: t.TempDir()})
	require.ErrorIs(t, d.Err, ErrIncomplete)
	assert.Contains(t, d.Err.Error(), `$DLI_METADATA_ENDPOINT "169.254.169.254" is not an http or https URL`)
}
