package credentials

import (
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/dli-openapi/enhanced-connections/wrapper/signer"
)

// Setting is one configuration value and where it came from ("$HUAWEICLOUD_SDK_REGION",
// "clouds.yaml cloud \"otc\"", "--region"), for reports; the zero Setting is "not set".
type Setting struct {
	Value string `json:"value,omitempty"`
	From  string `json:"from,omitempty"`
}

// Look is one source Discover looked at, and what it found there.
type Look struct {
	// Source names the source: its variables or its file.
	Source string `json:"source"`
	// Result is what was found, in words: "used", "not set", "no file at ...", "incomplete: ...".
	Result string `json:"result"`
}

// Kind says how keys behave over time.
type Kind string

// The kinds of keys.
const (
	// Fixed keys are a long-term AK/SK pair.
	Fixed Kind = "fixed"
	// Temporary keys carry a security token but were given as they are: nothing renews them.
	Temporary Kind = "temporary"
	// Renewed keys are temporary keys of a platform service, fetched again before they expire.
	Renewed Kind = "temporary, renewed"
)

// Discovery is what Discover found: the keys' provider and where it looked, and the settings
// (region, project, IAM endpoint) the environment and the chosen source give.
type Discovery struct {
	// Provider hands out the keys; nil when no source has any. Renewed keys should be used
	// through a Cache (package wrapper does that).
	Provider Provider `json:"-"`
	// Source is where the keys come from, "" when nowhere.
	Source string `json:"source,omitempty"`
	// Kind is how the keys behave over time, "" when there are none.
	Kind Kind `json:"kind,omitempty"`
	// AccessKey is the access key of keys given in the configuration, "" for a platform source
	// (known only once fetched).
	AccessKey string `json:"access_key,omitempty"`

	Region      Setting `json:"region"`
	Endpoint    Setting `json:"endpoint"`
	ProjectID   Setting `json:"project_id"`
	ProjectName Setting `json:"project_name"`
	IAMEndpoint Setting `json:"iam_endpoint"`
	// AuthToken is an IAM token ($HUAWEICLOUD_SDK_AUTH_TOKEN), the other way to authenticate.
	AuthToken     signer.Secret `json:"-"`
	AuthTokenFrom string        `json:"auth_token_from,omitempty"`

	// Looked lists every source in the chain's order, with what was found there.
	Looked []Look `json:"looked"`
	// Err is set when the configuration is wrong: a source set up in part (ErrIncomplete), a file
	// that cannot be read, or other tools' variables and nothing of ours (ErrNoCredentials). It
	// names what was found and what to set instead.
	Err error `json:"-"`
}

// HasAuth reports whether the discovery gives a way to authenticate: keys or a token.
func (d *Discovery) HasAuth() bool { return d.Provider != nil || d.AuthToken.IsSet() }

// DiscoverOptions say where Discover looks. The zero value means the process's environment,
// home directory, working directory and /etc/openstack.
type DiscoverOptions struct {
	// Getenv looks a variable up; nil means os.Getenv.
	Getenv func(string) string
	// HomeDir, WorkDir and SystemDir are where the profile file and clouds.yaml are searched
	// ("" means os.UserHomeDir, os.Getwd and /etc/openstack).
	HomeDir, WorkDir, SystemDir string
	// Region, Endpoint and ProjectID, when set, win over the environment: what the caller's
	// own flags or code say (From names them in reports).
	Region, Endpoint, ProjectID Setting
	// IAMEndpointOf returns the IAM endpoint of a region, for OIDC federation when no IAM
	// endpoint is configured; nil means none is known.
	IAMEndpointOf func(region string) (string, error)
	// HTTPClient is used for IAM and CCE pod identity; nil means clients of their own.
	HTTPClient *http.Client
	// MetadataClient is used for the ECS metadata service; nil means a client of its own with
	// short timeouts and no proxy.
	MetadataClient *http.Client
}

// candidate is a source that has keys; build makes its provider once the settings are known.
type candidate struct {
	source    string
	kind      Kind
	accessKey string
	// settings the source gives (used where the environment gives none).
	region, projectID, projectName, iamEndpoint Setting
	build                                       func(d *Discovery) (Provider, error)
}

// Discover finds credentials and settings the way the vendor SDK and Open Telekom Cloud's tools
// do, without any network call: it only reads variables and files. The chain, first match wins:
//
//  1. OIDC federation: $HUAWEICLOUD_SDK_IDP_ID and $HUAWEICLOUD_SDK_ID_TOKEN_FILE (renewed).
//  2. $HUAWEICLOUD_SDK_AK, $HUAWEICLOUD_SDK_SK and $HUAWEICLOUD_SDK_SECURITY_TOKEN.
//  3. Open Telekom Cloud's $OS_ACCESS_KEY ($OS_ACCESS_KEY_ID, $OS_AK), $OS_SECRET_KEY
//     ($OS_ACCESS_KEY_SECRET, $OS_SK) and $OS_SECURITY_TOKEN ($OS_AKSK_SECURITY_TOKEN, $OS_ST).
//  4. The vendor's profile file, $HUAWEICLOUD_SDK_CREDENTIALS_FILE or ~/.huaweicloud/credentials,
//     section [basic]: idp_id and id_token_file (renewed), or ak, sk and security_token; also
//     project_id and iam_endpoint.
//  5. clouds.yaml when $OS_CLOUD names a cloud: $OS_CLIENT_CONFIG_FILE, else ./clouds.yaml,
//     ~/.config/openstack/clouds.yaml, /etc/openstack/clouds.yaml (.yml too), with secure.yaml
//     merged over it: auth.ak, auth.sk, auth.security_token, auth.project_id, auth.project_name,
//     auth.auth_url, region_name.
//  6. CCE pod identity: $HC_CONTAINER_CREDENTIALS_FULL_URI and
//     $HC_CONTAINER_AUTHORIZATION_TOKEN_FILE (renewed).
//  7. The ECS metadata service ($DLI_METADATA_ENDPOINT, default http://169.254.169.254; renewed),
//     last, unless $DLI_METADATA_DISABLED is true or an IAM token ($HUAWEICLOUD_SDK_AUTH_TOKEN)
//     authenticates, and only for a client of the real service: one
//     with a region, or with an endpoint that is not a loopback address (a local fake needs no
//     platform keys). An explicit $DLI_METADATA_ENDPOINT is always used.
//
// A source set up in part stops the chain with an error rather than being skipped. Settings:
// the environment's ($HUAWEICLOUD_SDK_REGION, then $OS_REGION_NAME; $HUAWEICLOUD_SDK_PROJECT_ID,
// then $OS_PROJECT_ID; $OS_PROJECT_NAME; $HUAWEICLOUD_SDK_IAM_ENDPOINT, then $OS_AUTH_URL) win
// over the chosen source's.
func Discover(o DiscoverOptions) *Discovery {
	env := environ(os.Getenv)
	if o.Getenv != nil {
		env = environ(o.Getenv)
	}
	d := &Discovery{}
	d.Region = firstSetting(o.Region, env.setting(EnvRegion), env.setting(envOSRegion...))
	d.Endpoint = firstSetting(o.Endpoint, env.setting(EnvEndpoint))
	d.ProjectID = firstSetting(o.ProjectID, env.setting(EnvProjectID), env.setting(envOSProjectID...))
	d.ProjectName = env.setting(envOSProjectName...)
	d.IAMEndpoint = iamSetting(firstSetting(env.setting(EnvIAMEndpoint), env.setting(envOSAuthURL...)))
	if tok := env.setting(EnvAuthToken); tok.Value != "" {
		d.AuthToken, d.AuthTokenFrom = signer.NewSecret(tok.Value), tok.From
	}

	s := &search{o: o, env: env, d: d}
	sources := []func() (*candidate, error){s.oidcEnv, s.vendorEnv, s.otcEnv, s.profile, s.clouds, s.podIdentity}
	var found *candidate
	for i, source := range sources {
		c, err := source()
		if err != nil {
			d.Err = err
			s.notReached(i + 1)
			return d
		}
		if c != nil {
			found = c
			s.notReached(i + 1)
			break
		}
	}
	if found == nil {
		if err := s.otherTools(); err != nil {
			d.Err = err
			return d
		}
		found = s.metadata()
		if found == nil {
			return d
		}
	}

	// The source's own settings fill what the environment left open.
	d.Region = firstSetting(d.Region, found.region)
	d.ProjectID = firstSetting(d.ProjectID, found.projectID)
	d.ProjectName = firstSetting(d.ProjectName, found.projectName)
	if d.Region.Value == "" && d.ProjectName.Value != "" {
		d.Region = Setting{Value: regionOfProject(d.ProjectName.Value), From: d.ProjectName.From + " (the region its name starts with)"}
	}
	// clouds.yaml's auth_url may name the region as a placeholder, filled with the region in use.
	found.iamEndpoint.Value = strings.ReplaceAll(found.iamEndpoint.Value, regionPlaceholder, d.Region.Value)
	d.IAMEndpoint = firstSetting(d.IAMEndpoint, iamSetting(found.iamEndpoint))
	p, err := found.build(d)
	if err != nil {
		d.Err = err
		return d
	}
	d.Provider, d.Source, d.Kind, d.AccessKey = p, found.source, found.kind, found.accessKey
	return d
}

// search holds the state of one Discover.
type search struct {
	o   DiscoverOptions
	env environ
	d   *Discovery
}

func (s *search) look(source, result string) { s.d.Looked = append(s.d.Looked, Look{source, result}) }

// notReached records the sources from index i on, which the one before them made moot.
func (s *search) notReached(i int) {
	for _, name := range sourceNames[i:] {
		s.look(name, "not looked at: an earlier source decides")
	}
}

// sourceNames are the Look.Source of the chain, in order; the last is the metadata service.
var sourceNames = []string{
	"$" + EnvIdpID + ", $" + EnvIDTokenFile + " (OIDC federation)",
	names(EnvAccessKey, EnvSecretKey, EnvSecurityToken),
	"$OS_ACCESS_KEY, $OS_SECRET_KEY, $OS_SECURITY_TOKEN (and their other names)",
	"profile file ($" + EnvCredentialsFile + " or ~/.huaweicloud/credentials)",
	"clouds.yaml ($" + EnvCloud + ")",
	names(EnvPodIdentityURI, EnvPodIdentityTokenFile) + " (CCE pod identity)",
	"ECS metadata service ($" + EnvMetadataEndpoint + ")",
}

// incomplete is the error of a source set up in part.
func incomplete(format string, args ...any) error {
	return fmt.Errorf("%w: "+format, append([]any{ErrIncomplete}, args...)...)
}

func (s *search) oidcEnv() (*candidate, error) {
	idp, tokenFile := s.env.setting(EnvIdpID), s.env.setting(EnvIDTokenFile)
	name := sourceNames[0]
	switch {
	case idp.Value == "" && tokenFile.Value == "":
		s.look(name, "not set")
		return nil, nil
	case idp.Value == "" || tokenFile.Value == "":
		s.look(name, "incomplete")
		return nil, incomplete("$%s and $%s go together (OIDC federation): only %s is set", EnvIdpID, EnvIDTokenFile, firstSetting(idp, tokenFile).From)
	}
	s.look(name, "used")
	return s.oidcCandidate("OIDC federation ($"+EnvIdpID+", $"+EnvIDTokenFile+")", idp.Value, tokenFile.Value), nil
}

// oidcCandidate builds the OIDC provider once the IAM endpoint is known: the configured one, or
// the region's.
func (s *search) oidcCandidate(source, idp, tokenFile string) *candidate {
	return &candidate{source: source, kind: Renewed, build: func(d *Discovery) (Provider, error) {
		iam := d.IAMEndpoint.Value
		if iam == "" && d.Region.Value != "" && s.o.IAMEndpointOf != nil {
			var err error
			if iam, err = s.o.IAMEndpointOf(d.Region.Value); err != nil {
				return nil, err
			}
		}
		if iam == "" {
			return nil, incomplete("OIDC federation exchanges the id token at the IAM endpoint of the region: set a region ($%s) or $%s", EnvRegion, EnvIAMEndpoint)
		}
		return &OIDC{IdentityProvider: idp, TokenFile: tokenFile, IAMEndpoint: withScheme(iam), Client: s.o.HTTPClient}, nil
	}}
}

// keysCandidate is the candidate of keys given in the configuration.
func keysCandidate(source, ak, sk, token string) *candidate {
	v := Value{AccessKey: ak, SecretKey: signer.NewSecret(sk), SecurityToken: signer.NewSecret(token), Source: source}
	kind := Fixed
	if token != "" {
		kind = Temporary
	}
	return &candidate{source: source, kind: kind, accessKey: ak,
		build: func(*Discovery) (Provider, error) { return Static(v), nil }}
}

// keysFrom checks an AK/SK/token triple of one source: all or nothing of the pair, and no token
// without them.
func keysFrom(ak, sk, token Setting) (complete bool, err error) {
	switch {
	case ak.Value == "" && sk.Value == "" && token.Value == "":
		return false, nil
	case ak.Value == "" && sk.Value != "":
		return false, incomplete("%s is set but no access key: set the access key (AK) that goes with this secret key", sk.From)
	case ak.Value != "" && sk.Value == "":
		return false, incomplete("%s is set but no secret key: set the secret key (SK) of access key %s", ak.From, ak.Value)
	case ak.Value == "":
		return false, incomplete("%s is set but no access and secret key: a security token is used with the temporary AK/SK it was issued with", token.From)
	}
	return true, nil
}

func (s *search) vendorEnv() (*candidate, error) {
	return s.envKeys(sourceNames[1], s.env.setting(EnvAccessKey), s.env.setting(EnvSecretKey), s.env.setting(EnvSecurityToken))
}

func (s *search) otcEnv() (*candidate, error) {
	return s.envKeys(sourceNames[2], s.env.setting(envOSAccessKey...), s.env.setting(envOSSecretKey...), s.env.setting(envOSSecurityToken...))
}

func (s *search) envKeys(name string, ak, sk, token Setting) (*candidate, error) {
	ok, err := keysFrom(ak, sk, token)
	switch {
	case err != nil:
		s.look(name, "incomplete")
		return nil, err
	case !ok:
		s.look(name, "not set")
		return nil, nil
	}
	s.look(name, "used")
	source := "environment (" + ak.From + ", " + sk.From
	if token.Value != "" {
		source += ", " + token.From
	}
	return keysCandidate(source+")", ak.Value, sk.Value, token.Value), nil
}

func (s *search) profile() (*candidate, error) {
	name := sourceNames[3]
	path, explicit := s.env(EnvCredentialsFile), true
	if path == "" {
		explicit = false
		home := s.homeDir()
		if home == "" {
			s.look(name, "no home directory to look in")
			return nil, nil
		}
		path = filepath.Join(home, profileDir, profileFile)
	}
	data, err := readConfigFile(path)
	switch {
	case errors.Is(err, os.ErrNotExist) && !explicit:
		s.look(name, "no file at "+path)
		return nil, nil
	case err != nil:
		s.look(name, "unreadable: "+path)
		return nil, &SourceError{Source: "profile file " + path, Err: err}
	}
	values, found, err := parseINI(data, profileSection)
	if err != nil {
		s.look(name, "unreadable: "+path)
		return nil, &SourceError{Source: "profile file " + path, Err: err}
	}
	if !found {
		s.look(name, "incomplete: "+path)
		return nil, incomplete("profile file %s has no [%s] section (the keys of project-scoped services such as DLI)", path, profileSection)
	}
	field := func(key string) Setting {
		if v := values[key]; v != "" {
			return Setting{Value: v, From: path + " [" + profileSection + "] " + key}
		}
		return Setting{}
	}
	source := "profile file " + path
	if idp, tokenFile := field("idp_id"), field("id_token_file"); idp.Value != "" || tokenFile.Value != "" {
		if idp.Value == "" || tokenFile.Value == "" {
			s.look(name, "incomplete: "+path)
			return nil, incomplete("%s: idp_id and id_token_file go together (OIDC federation): only %s is set", path, firstSetting(idp, tokenFile).From)
		}
		s.look(name, "used: "+path)
		c := s.oidcCandidate("OIDC federation ("+source+")", idp.Value, tokenFile.Value)
		c.projectID, c.iamEndpoint = field("project_id"), field("iam_endpoint")
		return c, nil
	}
	ok, err := keysFrom(field("ak"), field("sk"), field("security_token"))
	if err == nil && !ok {
		err = incomplete("profile file %s has a [%s] section without ak and sk (or idp_id and id_token_file)", path, profileSection)
	}
	if err != nil {
		s.look(name, "incomplete: "+path)
		return nil, err
	}
	s.look(name, "used: "+path)
	c := keysCandidate(source, values["ak"], values["sk"], values["security_token"])
	c.projectID, c.iamEndpoint = field("project_id"), field("iam_endpoint")
	return c, nil
}

func (s *search) clouds() (*candidate, error) {
	name := sourceNames[4]
	cloud := s.env(EnvCloud)
	if cloud == "" {
		s.look(name, "not set")
		return nil, nil
	}
	dirs := []string{s.workDir(), "", s.systemDir()} // "": no home directory to look in
	if home := s.homeDir(); home != "" {
		dirs[1] = filepath.Join(home, ".config", "openstack")
	}
	exists := func(p string) bool { _, err := os.Stat(p); return err == nil }
	path := configFile(s.env(EnvClientConfigFile), "clouds", dirs, exists)
	if path == "" {
		s.look(name, "no clouds.yaml")
		return nil, incomplete("$%s is %q but there is no clouds.yaml in %s (or $%s)", EnvCloud, cloud, strings.Join(nonEmpty(dirs), ", "), EnvClientConfigFile)
	}
	file, err := readClouds(path)
	if err != nil {
		s.look(name, "unreadable: "+path)
		return nil, &SourceError{Source: "clouds.yaml " + path, Err: err}
	}
	entry, ok := file.Clouds[cloud]
	if !ok {
		s.look(name, "incomplete: "+path)
		return nil, incomplete("%s has no cloud %q ($%s); it has %s", path, cloud, EnvCloud, cloudNames(file))
	}
	from := "clouds.yaml " + path
	if secure := configFile(s.env(EnvClientSecureFile), "secure", dirs, exists); secure != "" {
		sf, err := readClouds(secure)
		if err != nil {
			s.look(name, "unreadable: "+secure)
			return nil, &SourceError{Source: "secure.yaml " + secure, Err: err}
		}
		if se, ok := sf.Clouds[cloud]; ok {
			entry.merge(se)
			from += " and " + secure
		}
	}
	field := func(key, v string) Setting {
		if v == "" {
			return Setting{}
		}
		return Setting{Value: v, From: fmt.Sprintf("%s cloud %q %s", path, cloud, key)}
	}
	ak, sk, token := field("auth.ak", entry.Auth.AK), field("auth.sk", entry.Auth.SK), field("auth.security_token", entry.Auth.SecurityToken)
	ok, err = keysFrom(ak, sk, token)
	if err == nil && !ok {
		how := ""
		if entry.Auth.Password != "" || entry.Auth.Token != "" {
			how = " (it authenticates with a password or token, which this client does not do: add an access key as auth.ak and auth.sk)"
		}
		err = incomplete("%s: cloud %q has no auth.ak and auth.sk%s", path, cloud, how)
	}
	if err != nil {
		s.look(name, "incomplete: "+path)
		return nil, err
	}
	s.look(name, fmt.Sprintf("used: cloud %q in %s", cloud, path))
	c := keysCandidate(fmt.Sprintf("%s, cloud %q", from, cloud), entry.Auth.AK, entry.Auth.SK, entry.Auth.SecurityToken)
	c.projectID, c.projectName = field("auth.project_id", entry.Auth.ProjectID), field("auth.project_name", entry.Auth.ProjectName)
	if r := entry.region(); r != "" {
		c.region = field("region_name", r)
	}
	c.iamEndpoint = field("auth.auth_url", entry.Auth.AuthURL)
	return c, nil
}

func (s *search) podIdentity() (*candidate, error) {
	name := sourceNames[5]
	uri, tokenFile := s.env.setting(EnvPodIdentityURI), s.env.setting(EnvPodIdentityTokenFile)
	switch {
	case uri.Value == "" && tokenFile.Value == "":
		s.look(name, "not set")
		return nil, nil
	case uri.Value == "" || tokenFile.Value == "":
		s.look(name, "incomplete")
		return nil, incomplete("$%s and $%s go together (CCE pod identity): only %s is set", EnvPodIdentityURI, EnvPodIdentityTokenFile, firstSetting(uri, tokenFile).From)
	}
	if !isHTTPURL(uri.Value) {
		s.look(name, "incomplete")
		return nil, incomplete("%s is not an http or https URL", uri.From)
	}
	s.look(name, "used")
	p := &PodIdentity{URI: uri.Value, TokenFile: tokenFile.Value, Client: s.o.HTTPClient}
	return &candidate{source: p.source(), kind: Renewed, build: func(*Discovery) (Provider, error) { return p, nil }}, nil
}

// otherTools fails when another tool's credential variables are set and nothing of ours.
func (s *search) otherTools() error {
	var found, hints []string
	for _, t := range otherTools {
		var set []string
		for _, n := range strings.Fields(t.names) {
			if s.env(n) != "" {
				set = append(set, "$"+n)
			}
		}
		if len(set) > 0 {
			found = append(found, set...)
			hints = append(hints, strings.Join(set, ", ")+": "+t.hint)
		}
	}
	if len(found) == 0 {
		return nil
	}
	s.look(strings.Join(found, ", ")+" (other tools' variables)", "not read")
	s.look(sourceNames[6], "not asked: other tools' variables are set, and nothing of ours")
	return fmt.Errorf("%w: only other tools' variables are set: %s", ErrNoCredentials, strings.Join(hints, "; "))
}

// metadata is the last source: the ECS metadata service, for a client of the real service.
func (s *search) metadata() *candidate {
	name := sourceNames[6]
	explicit := s.env(EnvMetadataEndpoint)
	switch {
	case isTrue(s.env(EnvMetadataDisabled)):
		s.look(name, "disabled ($"+EnvMetadataDisabled+")")
		return nil
	case s.d.AuthToken.IsSet():
		s.look(name, "not asked: "+s.d.AuthTokenFrom+" (an IAM token) authenticates")
		return nil
	case explicit == "" && s.d.Region.Value == "" && (s.d.Endpoint.Value == "" || isLoopback(s.d.Endpoint.Value)):
		s.look(name, "not asked: no region, and no endpoint but a loopback one (set $"+EnvMetadataEndpoint+" to ask one)")
		return nil
	}
	m := NewMetadata(explicit, s.o.MetadataClient)
	s.look(name, "used: "+m.Endpoint()+" (asked on the first call)")
	return &candidate{source: m.source(), kind: Renewed, build: func(*Discovery) (Provider, error) {
		if !isHTTPURL(m.Endpoint()) {
			return nil, incomplete("$%s %q is not an http or https URL", EnvMetadataEndpoint, explicit)
		}
		return m, nil
	}}
}

func (s *search) homeDir() string {
	if s.o.HomeDir != "" {
		return s.o.HomeDir
	}
	h, _ := os.UserHomeDir()
	return h
}

func (s *search) workDir() string {
	if s.o.WorkDir != "" {
		return s.o.WorkDir
	}
	w, _ := os.Getwd()
	return w
}

func (s *search) systemDir() string {
	if s.o.SystemDir != "" {
		return s.o.SystemDir
	}
	return "/etc/openstack"
}

// isLoopback reports whether an endpoint URL names a loopback host: localhost or a loopback IP.
func isLoopback(endpoint string) bool {
	u, err := url.Parse(endpoint)
	if err != nil {
		return false
	}
	host := u.Hostname()
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// isHTTPURL reports whether s is an absolute http or https URL with a host: what a platform
// endpoint must be before any key or token is sent to it.
func isHTTPURL(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}

// iamSetting normalises an IAM endpoint: OS_AUTH_URL and clouds.yaml's auth_url name Keystone's
// /v3, the profile and $HUAWEICLOUD_SDK_IAM_ENDPOINT the base; the lookups add their own paths.
func iamSetting(s Setting) Setting {
	if s.Value == "" {
		return s
	}
	v := strings.TrimRight(s.Value, "/")
	v = strings.TrimSuffix(v, "/v3")
	s.Value = withScheme(strings.TrimRight(v, "/"))
	return s
}

// withScheme adds https:// to an endpoint given without a scheme, as the vendor SDK does.
func withScheme(endpoint string) string {
	if strings.Contains(endpoint, "://") {
		return endpoint
	}
	return "https://" + endpoint
}

func firstSetting(settings ...Setting) Setting {
	for _, s := range settings {
		if s.Value != "" {
			return s
		}
	}
	return Setting{}
}

func nonEmpty(ss []string) []string {
	var out []string
	for _, s := range ss {
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}

func cloudNames(f cloudsFile) string {
	if len(f.Clouds) == 0 {
		return "none"
	}
	var out []string
	for n := range f.Clouds {
		out = append(out, fmt.Sprintf("%q", n))
	}
	slices.Sort(out)
	return strings.Join(out, ", ")
}
