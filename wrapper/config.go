package wrapper

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"os"
	"time"

	"github.com/dli-openapi/enhanced-connections/wrapper/credentials"
	"github.com/dli-openapi/enhanced-connections/wrapper/signer"
)

// Environment variables read by ConfigFromEnv, besides the others of the chain (see
// credentials.Discover). The first five are the vendor SDK's own, so a machine set up for it works
// unchanged.
const (
	EnvAccessKey     = credentials.EnvAccessKey
	EnvSecretKey     = credentials.EnvSecretKey
	EnvSecurityToken = credentials.EnvSecurityToken
	EnvProjectID     = credentials.EnvProjectID
	EnvRegion        = credentials.EnvRegion
	// EnvAuthToken holds an IAM token (sent as X-Auth-Token) for callers without an AK/SK.
	EnvAuthToken = credentials.EnvAuthToken
	// EnvEndpoint overrides the region's endpoint, e.g. to point at a fake DLI on loopback.
	EnvEndpoint = credentials.EnvEndpoint
	// EnvIAMEndpoint is the vendor SDK's variable for the IAM endpoint asked for a project id
	// and for OIDC federation.
	EnvIAMEndpoint = credentials.EnvIAMEndpoint
)

// Credentials are the AK/SK pair (and security token) that sign requests; see signer.Credentials.
type Credentials = signer.Credentials

// Secret holds a secret key or token so that no fmt verb, log/slog or encoding/json shows it;
// see signer.Secret.
type Secret = signer.Secret

// NewSecret wraps a secret key or token, e.g. for Config.AuthToken.
func NewSecret(s string) Secret { return signer.NewSecret(s) }

// Config is everything New needs. Either Credentials (AK/SK, optionally temporary with a
// security token) or AuthToken authenticates; Region or Endpoint says where to send.
//
// Secrets are held as Secret values, so a Config prints, logs and encodes with them redacted,
// whatever verb or encoder, also when it sits in an unexported field of a printed struct.
type Config struct {
	// Region is a region id of the spec's servers, e.g. "cn-north-4", "eu-west-101" (Huawei
	// Cloud Europe) or "eu-de" (Open Telekom Cloud). Ignored when Endpoint is set.
	Region string
	// Endpoint is an explicit base URL such as "https://dli.eu-de.otc.t-systems.com"; it wins
	// over Region. Credentials are sent to this origin (scheme, host and port) and nowhere else.
	Endpoint string
	// ProjectID is the IAM project id of the region; it goes into every path and the
	// X-Project-Id header. Empty with AK/SK credentials and a Region, the client looks it up in
	// IAM on its first call (GET /v3/projects?name=<region>, signed), once, as the vendor SDK
	// does.
	ProjectID string
	// IAMEndpoint is where the project id of Region is looked up when ProjectID is empty
	// (GET /v3/projects?name=<region>); empty means the x-iam-url of the region's server in
	// the spec (IAMEndpoint function).
	IAMEndpoint string
	// ProjectName, with ProjectID empty, names the IAM project whose id is looked up instead of
	// the region's default project: an Open Telekom Cloud project such as "eu-de_sub"
	// ($OS_PROJECT_NAME, clouds.yaml's auth.project_name).
	ProjectName string
	// Credentials signs every request with SDK-HMAC-SHA256 when AccessKey is set: fixed keys
	// (optionally temporary ones with their security token, which nothing renews). It wins over
	// CredentialsProvider.
	Credentials Credentials
	// CredentialsProvider hands out the keys when Credentials is empty, fetched on the first
	// call and taken afresh by every attempt: temporary keys of the ECS metadata service, OIDC
	// federation or CCE pod identity (package credentials), renewed before they expire, safely
	// under any concurrency (credentials.Cache; a provider that is not one is wrapped in one).
	// A 401 on such keys drops them, fetches new ones and retries the call once. ConfigFromEnv
	// sets it from the first source of the chain that is configured.
	CredentialsProvider credentials.Provider
	// AuthToken is an IAM token sent as X-Auth-Token when no AK/SK is configured.
	AuthToken Secret
	// HTTPClient is used for every request; nil means a client of our own. It is copied, never
	// modified: the copy follows no redirects (DLI never redirects, and a redirect must not
	// carry credentials elsewhere) and its transport refuses any origin but the endpoint's.
	// Without a Transport (nil, or an HTTPClient whose Transport is nil) the client builds its
	// own, made for many goroutines at once (see MaxConnsPerHost), not http.DefaultTransport.
	HTTPClient *http.Client
	// Timeout bounds one whole call, retries included; 0 means 30 seconds. The caller's
	// context deadline applies as well.
	Timeout time.Duration
	// Retry tunes retries of idempotent calls; the zero value means DefaultRetryPolicy().
	Retry RetryPolicy
	// MaxAnswerBytes bounds the body of every answer, after decompression; 0 means
	// DefaultMaxAnswerBytes. A longer answer fails the call with ErrAnswerTooLarge.
	MaxAnswerBytes int64
	// Middleware sees every attempt of every call, in order, outermost first: for logging,
	// tracing and metrics (see LogAttempts).
	Middleware []Middleware
	// DisableValidation turns off checking requests against the spec before sending. Leave it
	// on: an invalid request then fails in microseconds with the field and rule named, instead
	// of a round trip and a terse 400.
	DisableValidation bool
	// UserAgent is sent (and signed) as User-Agent; empty means "enhanced-connections-go".
	UserAgent string
	// MaxConnsPerHost bounds the connections the client's own transport holds to one host (the
	// endpoint; IAM has its own): in use, being dialed and idle together. A call beyond it
	// waits for a connection, within its Timeout. 0 means no bound: N goroutines sharing the
	// client keep N connections (up to 1,024 idle ones). Over HTTP/2 one connection carries up
	// to the server's limit of concurrent calls (typically 100 to 250). Set it when the service
	// must stay below a gateway's or a proxy's connection limit.
	//
	// It and IdleConnTimeout shape only the transport a client builds for itself, which it does
	// when HTTPClient is nil or has no Transport (HTTPClient's other settings, such as its
	// Timeout, still apply). With HTTPClient.Transport set, New refuses them: configure that
	// transport instead, and mind that http.DefaultTransport keeps only 2 idle connections per
	// host.
	MaxConnsPerHost int
	// IdleConnTimeout is how long a connection of the client's own transport may sit idle
	// before it is closed; 0 means 90 seconds. A gateway that closes idle connections sooner
	// costs a new handshake for the next call after such a pause (Client.CloseIdleConnections
	// closes them at once).
	IdleConnTimeout time.Duration
}

// MarshalJSON encodes the settings of c that are data, with its secrets redacted; the HTTP
// client and the middleware, which are code, are left out.
func (c Config) MarshalJSON() ([]byte, error) {
	type settings struct {
		Region            string        `json:"region,omitempty"`
		Endpoint          string        `json:"endpoint,omitempty"`
		ProjectID         string        `json:"project_id,omitempty"`
		ProjectName       string        `json:"project_name,omitempty"`
		Credentials       Credentials   `json:"credentials"`
		AuthToken         Secret        `json:"auth_token"`
		Timeout           time.Duration `json:"timeout,omitempty"`
		Retry             RetryPolicy   `json:"retry"`
		MaxAnswerBytes    int64         `json:"max_answer_bytes,omitempty"`
		DisableValidation bool          `json:"disable_validation,omitempty"`
		UserAgent         string        `json:"user_agent,omitempty"`
		MaxConnsPerHost   int           `json:"max_conns_per_host,omitempty"`
		IdleConnTimeout   time.Duration `json:"idle_conn_timeout,omitempty"`
	}
	return json.Marshal(settings{c.Region, c.Endpoint, c.ProjectID, c.ProjectName, c.Credentials, c.AuthToken, c.Timeout,
		c.Retry, c.MaxAnswerBytes, c.DisableValidation, c.UserAgent, c.MaxConnsPerHost, c.IdleConnTimeout})
}

// defaultTimeout bounds a call when Config.Timeout is zero; the create with 20,000 hosts is the
// slowest documented call and completes well within it.
const defaultTimeout = 30 * time.Second

// ConfigFromEnv reads a Config from the environment and the configuration files the vendor SDK
// and Open Telekom Cloud's tools read, without any network call (credentials.Discover has the
// chain, in order): the region, endpoint and project, and a CredentialsProvider of the first
// source that is configured (or Credentials, for keys written in a variable or file). Platform sources (OIDC federation, CCE pod identity, the ECS metadata
// service) are asked on the first call. Missing settings stay empty and New reports what is
// missing; a source set up in part (an SK without its AK, say) makes New fail naming it.
func ConfigFromEnv() Config {
	cfg, _ := DiscoverConfig(credentials.DiscoverOptions{})
	return cfg
}

// DiscoverConfig is ConfigFromEnv with the search's options (the region, endpoint or project
// that flags give, other files or variables) and its report: where each setting came from and
// every source it looked at, for tools that show it (edsconn config).
func DiscoverConfig(o credentials.DiscoverOptions) (Config, *credentials.Discovery) {
	if o.IAMEndpointOf == nil {
		o.IAMEndpointOf = IAMEndpoint
	}
	d := credentials.Discover(o)
	getenv := o.Getenv
	if getenv == nil {
		getenv = os.Getenv
	}
	cfg := Config{
		Region:      d.Region.Value,
		Endpoint:    d.Endpoint.Value,
		ProjectID:   d.ProjectID.Value,
		ProjectName: d.ProjectName.Value,
		IAMEndpoint: d.IAMEndpoint.Value,
		AuthToken:   d.AuthToken,
	}
	if cfg.Endpoint == "" && cfg.Region != "" {
		if e, ok := endpointFromEnv(cfg.Region, getenv); ok {
			cfg.Endpoint = e
			d.Endpoint = credentials.Setting{Value: e, From: "$" + RegionEndpointEnv(cfg.Region)}
		}
	}
	switch {
	case d.Err != nil:
		cfg.CredentialsProvider = &discoveryFailure{err: d.Err}
	case d.Kind == credentials.Renewed:
		cfg.CredentialsProvider = d.Provider
	case d.Provider != nil:
		// Keys written in the configuration: Credentials, as a caller would set them by hand.
		// A static provider answers at once, without any network call.
		v, err := d.Provider.Retrieve(context.Background())
		if err != nil {
			cfg.CredentialsProvider = &discoveryFailure{err: err}
			break
		}
		cfg.Credentials = v.Credentials()
	}
	return cfg, d
}

// discoveryFailure stands in for the provider of a configuration that ConfigFromEnv found wrong,
// so that New can report it (unless the caller replaced it, or set Credentials).
type discoveryFailure struct{ err error }

func (f *discoveryFailure) Retrieve(context.Context) (credentials.Value, error) {
	return credentials.Value{}, f.err
}

// HasAuth reports whether c carries an AK/SK, a provider of keys or a token, i.e. whether it can
// authenticate to the real service.
func (c Config) HasAuth() bool {
	return c.Credentials.AccessKey != "" || c.AuthToken.IsSet() || c.CredentialsProvider != nil
}

// ErrInvalidConfig is wrapped by every error New returns for a Config it cannot use.
var ErrInvalidConfig = errors.New("invalid config")

func (c Config) check() error {
	if f, ok := c.CredentialsProvider.(*discoveryFailure); ok && c.Credentials.AccessKey == "" {
		return configError("%v", f.err)
	}
	switch {
	case c.Credentials.AccessKey != "" && !c.Credentials.SecretKey.IsSet():
		return configError("access key %s has no secret key: set Config.Credentials.SecretKey ($%s)", c.Credentials.AccessKey, EnvSecretKey)
	case c.Credentials.AccessKey == "" && c.Credentials.SecretKey.IsSet():
		return configError("a secret key without its access key: set Config.Credentials.AccessKey ($%s)", EnvAccessKey)
	case c.Credentials.SecurityToken.IsSet() && c.Credentials.AccessKey == "":
		return configError("a security token needs the temporary AK/SK it was issued with ($%s, $%s)", EnvAccessKey, EnvSecretKey)
	case c.Endpoint == "" && c.Region == "":
		return configError("no region and no endpoint: set Config.Region ($%s) or Config.Endpoint ($%s)", EnvRegion, EnvEndpoint)
	case c.MaxAnswerBytes < 0 || c.Timeout < 0:
		return configError("MaxAnswerBytes and Timeout must not be negative")
	}
	hasKeys := c.Credentials.AccessKey != "" || c.CredentialsProvider != nil
	switch {
	case c.ProjectID != "":
	case c.Region == "" && c.ProjectName == "":
		return configError("no project id: set Config.ProjectID ($%s), or Config.Region ($%s), whose project the client then looks up in IAM", EnvProjectID, EnvRegion)
	case !hasKeys:
		return configError("no project id: set Config.ProjectID ($%s); looking it up in IAM needs AK/SK credentials", EnvProjectID)
	}
	return nil
}

// configError is an ErrInvalidConfig with the prefix every error of this package has.
func configError(format string, args ...any) error {
	return fmt.Errorf("dli: %w: "+format, append([]any{ErrInvalidConfig}, args...)...)
}
