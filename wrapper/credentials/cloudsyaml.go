package credentials

import (
	"fmt"
	"path/filepath"
	"strings"

	"go.yaml.in/yaml/v3"
)

// clouds.yaml, as OpenStack tools and Open Telekom Cloud's (gophertelekomcloud, its Terraform
// provider, otcextensions) read it: a map of named clouds, the one to use named by OS_CLOUD, and
// secure.yaml beside it with the secrets of the same clouds.
const (
	EnvCloud            = "OS_CLOUD"
	EnvClientConfigFile = "OS_CLIENT_CONFIG_FILE"
	EnvClientSecureFile = "OS_CLIENT_SECURE_FILE"
	regionPlaceholder   = "{region_name}"
)

// cloudsFile is the part of clouds.yaml and secure.yaml read here.
type cloudsFile struct {
	Clouds map[string]cloudEntry `yaml:"clouds"`
}

type cloudEntry struct {
	Auth struct {
		AK            string `yaml:"ak"`
		SK            string `yaml:"sk"`
		SecurityToken string `yaml:"security_token"`
		ProjectID     string `yaml:"project_id"`
		ProjectName   string `yaml:"project_name"`
		AuthURL       string `yaml:"auth_url"`
		// Read only to say that they are not used: this client signs with AK/SK.
		Password string `yaml:"password"`
		Token    string `yaml:"token"`
	} `yaml:"auth"`
	RegionName string `yaml:"region_name"`
}

// merge fills e with what o sets: secure.yaml's values win over clouds.yaml's, as in openstacksdk.
func (e *cloudEntry) merge(o cloudEntry) {
	set := func(dst *string, v string) {
		if v != "" {
			*dst = v
		}
	}
	set(&e.Auth.AK, o.Auth.AK)
	set(&e.Auth.SK, o.Auth.SK)
	set(&e.Auth.SecurityToken, o.Auth.SecurityToken)
	set(&e.Auth.ProjectID, o.Auth.ProjectID)
	set(&e.Auth.ProjectName, o.Auth.ProjectName)
	set(&e.Auth.AuthURL, o.Auth.AuthURL)
	set(&e.Auth.Password, o.Auth.Password)
	set(&e.Auth.Token, o.Auth.Token)
	set(&e.RegionName, o.RegionName)
}

// region is region_name, or, as OTC's tools do, the region that starts the project name
// ("eu-de" of "eu-de_sub").
func (e *cloudEntry) region() string {
	if e.RegionName != "" {
		return e.RegionName
	}
	return regionOfProject(e.Auth.ProjectName)
}

// regionOfProject is the region an OTC project name starts with: projects are named
// <region> or <region>_<name>.
func regionOfProject(name string) string {
	region, _, _ := strings.Cut(name, "_")
	return region
}

// configFile finds the first file of name (.yaml or .yml) in dirs, or the explicit path.
func configFile(explicit string, name string, dirs []string, exists func(string) bool) string {
	if explicit != "" {
		return explicit
	}
	for _, dir := range dirs {
		if dir == "" {
			continue
		}
		for _, ext := range []string{".yaml", ".yml"} {
			if p := filepath.Join(dir, name+ext); exists(p) {
				return p
			}
		}
	}
	return ""
}

// readClouds parses a clouds.yaml or secure.yaml.
func readClouds(path string) (cloudsFile, error) {
	var f cloudsFile
	data, err := readConfigFile(path)
	if err != nil {
		return f, err
	}
	if err := yaml.Unmarshal(data, &f); err != nil {
		return f, fmt.Errorf("%s: %w", path, err)
	}
	return f, nil
}
