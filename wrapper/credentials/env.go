package credentials

import "strings"

// Environment variables of the vendor SDK (core/auth/provider/env_provider.go), read first.
const (
	EnvAccessKey     = "HUAWEICLOUD_SDK_AK"
	EnvSecretKey     = "HUAWEICLOUD_SDK_SK"
	EnvSecurityToken = "HUAWEICLOUD_SDK_SECURITY_TOKEN"
	EnvProjectID     = "HUAWEICLOUD_SDK_PROJECT_ID"
	EnvRegion        = "HUAWEICLOUD_SDK_REGION"
	EnvIAMEndpoint   = "HUAWEICLOUD_SDK_IAM_ENDPOINT"
	EnvIdpID         = "HUAWEICLOUD_SDK_IDP_ID"
	EnvIDTokenFile   = "HUAWEICLOUD_SDK_ID_TOKEN_FILE"
	EnvAuthToken     = "HUAWEICLOUD_SDK_AUTH_TOKEN"
	EnvEndpoint      = "DLI_ENDPOINT"
)

// CCE pod identity (the vendor's core/auth/provider/pod_identity_provider.go).
const (
	EnvPodIdentityURI       = "HC_CONTAINER_CREDENTIALS_FULL_URI"
	EnvPodIdentityTokenFile = "HC_CONTAINER_AUTHORIZATION_TOKEN_FILE"
)

// The ECS metadata service: where it is, and how to keep this client from asking it.
const (
	EnvMetadataEndpoint = "DLI_METADATA_ENDPOINT"
	EnvMetadataDisabled = "DLI_METADATA_DISABLED"
)

// Open Telekom Cloud's variables, as gophertelekomcloud (openstack/loader.go) reads them: each
// setting under every name it accepts, the first set one winning.
var (
	envOSAccessKey     = []string{"OS_ACCESS_KEY", "OS_ACCESS_KEY_ID", "OS_AK"}
	envOSSecretKey     = []string{"OS_SECRET_KEY", "OS_ACCESS_KEY_SECRET", "OS_SK"}
	envOSSecurityToken = []string{"OS_SECURITY_TOKEN", "OS_AKSK_SECURITY_TOKEN", "OS_ST"}
	envOSRegion        = []string{"OS_REGION_NAME", "OS_REGION_ID"}
	envOSProjectID     = []string{"OS_PROJECT_ID", "OS_TENANT_ID"}
	envOSProjectName   = []string{"OS_PROJECT_NAME", "OS_TENANT_NAME"}
	envOSAuthURL       = []string{"OS_AUTH_URL"}
)

// otherTools are variables of other tools that mean credentials, and what to set instead. None
// is read: with no source of ours set, they make Discover fail with these words instead of
// falling through to the metadata service (or, in the CLI, to nothing).
var otherTools = []struct{ names, hint string }{
	{"HW_ACCESS_KEY HW_SECRET_KEY HW_SECURITY_TOKEN", "the Huawei Cloud Terraform provider's names: export HUAWEICLOUD_SDK_AK and HUAWEICLOUD_SDK_SK (and HUAWEICLOUD_SDK_SECURITY_TOKEN) instead"},
	{"OS_USERNAME OS_PASSWORD OS_USER_ID", "password authentication, which this client does not do: create an access key (My Credentials, Access Keys) and export OS_ACCESS_KEY and OS_SECRET_KEY"},
	{"OS_TOKEN OS_AUTH_TOKEN", "an IAM token under OpenStack's name: export HUAWEICLOUD_SDK_AUTH_TOKEN instead"},
	{"AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY", "AWS's names, which gophertelekomcloud also reads but this client does not (they are most often AWS keys): export OS_ACCESS_KEY and OS_SECRET_KEY"},
}

// environ looks variables up.
type environ func(string) string

// first returns the first of names that is set, and its name.
func (e environ) first(names ...string) (value, name string) {
	for _, n := range names {
		if v := strings.TrimSpace(e(n)); v != "" {
			return v, n
		}
	}
	return "", ""
}

// setting is first() as a Setting whose origin is the variable.
func (e environ) setting(names ...string) Setting {
	v, n := e.first(names...)
	if v == "" {
		return Setting{}
	}
	return Setting{Value: v, From: "$" + n}
}

// isTrue reads a boolean variable as the vendor SDK and most tools do.
func isTrue(v string) bool {
	switch strings.ToLower(strings.TrimSpace(v)) {
	case "1", "true", "yes", "on":
		return true
	}
	return false
}

// names lists variable names for a message.
func names(ns ...string) string {
	out := make([]string, len(ns))
	for i, n := range ns {
		out[i] = "$" + n
	}
	return strings.Join(out, ", ")
}

// Variables lists every environment variable Discover reads, in the chain's order, for
// documentation and for tests that must start from a clean environment. Other tools' variables,
// which it only reports, are not among them (see OtherToolsVariables).
func Variables() []string {
	v := []string{EnvIdpID, EnvIDTokenFile, EnvAccessKey, EnvSecretKey, EnvSecurityToken}
	v = append(v, envOSAccessKey...)
	v = append(v, envOSSecretKey...)
	v = append(v, envOSSecurityToken...)
	v = append(v, EnvCredentialsFile, EnvCloud, EnvClientConfigFile, EnvClientSecureFile,
		EnvPodIdentityURI, EnvPodIdentityTokenFile, EnvMetadataEndpoint, EnvMetadataDisabled,
		EnvRegion)
	v = append(v, envOSRegion...)
	v = append(v, EnvProjectID)
	v = append(v, envOSProjectID...)
	v = append(v, envOSProjectName...)
	v = append(v, EnvIAMEndpoint)
	v = append(v, envOSAuthURL...)
	return append(v, EnvAuthToken, EnvEndpoint)
}

// OtherToolsVariables lists the variables of other tools that Discover recognises, to say what
// to set instead, but never reads.
func OtherToolsVariables() []string {
	var out []string
	for _, t := range otherTools {
		out = append(out, strings.Fields(t.names)...)
	}
	return out
}
