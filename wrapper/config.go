package wrapper

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"os"
	"time"

	"github.com/dli-openapi/enhanced-connections/wrapper/signer"
)

// Environment variables read by ConfigFromEnv. The first five are the vendor SDK's own, so a
// machine set up for it works unchanged.
const (
	EnvAccessKey     = "HUAWEICLOUD_SDK_AK"
	EnvSecretKey     = "HUAWEICLOUD_SDK_SK"
	EnvSecurityToken = "HUAWEICLOUD_SDK_SECURITY_TOKEN"
	EnvProjectID     = "HUAWEICLOUD_SDK_PROJECT_ID"
	EnvRegion        = "HUAWEICLOUD_SDK_REGION"
	// EnvAuthToken holds an IAM token (sent as X-Auth-Token) for callers without an AK/SK.
	EnvAuthToken = "HUAWEICLOUD_SDK_AUTH_TOKEN"
	// EnvEndpoint overrides the region's endpoint, e.g. to point at a fake DLI on loopback.
	EnvEndpoint = "DLI_ENDPOINT"
	// EnvIAMEndpoint is the vendor SDK's variable for the IAM endpoint asked for a project id.
	EnvIAMEndpoint = "HUAWEICLOUD_SDK_IAM_ENDPOINT"
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
	// Credentials signs every request with SDK-HMAC-SHA256 when AccessKey is set.
	Credentials Credentials
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
	return json.Marshal(settings{c.Region, c.Endpoint, c.ProjectID, c.Credentials, c.AuthToken, c.Timeout,
		c.Retry, c.MaxAnswerBytes, c.DisableValidation, c.UserAgent, c.MaxConnsPerHost, c.IdleConnTimeout})
}

// defaultTimeout bounds a call when Config.Timeout is zero; the create with 20,000 hosts is the
// slowest documented call and completes well within it.
const defaultTimeout = 30 * time.Second

// ConfigFromEnv reads a Config from the vendor SDK's environment variables (see the Env
// constants). Missing variables stay empty; New reports what is missing.
func ConfigFromEnv() Config {
	return Config{
		Region:    os.Getenv(EnvRegion),
		Endpoint:  firstNonEmpty(os.Getenv(EnvEndpoint), regionEndpointFromEnv(os.Getenv(EnvRegion))),
		ProjectID: os.Getenv(EnvProjectID),
		Credentials: Credentials{
			AccessKey:     os.Getenv(EnvAccessKey),
			SecretKey:     NewSecret(os.Getenv(EnvSecretKey)),
			SecurityToken: NewSecret(os.Getenv(EnvSecurityToken)),
		},
		AuthToken:   NewSecret(os.Getenv(EnvAuthToken)),
		IAMEndpoint: os.Getenv(EnvIAMEndpoint),
	}
}

// regionEndpointFromEnv is the vendor SDK's per-region override (RegionEndpointEnv), or "".
func regionEndpointFromEnv(region string) string {
	e, _ := EndpointFromEnv(region)
	return e
}

// HasAuth reports whether c carries an AK/SK or a token, i.e. whether it can reach the real
// service. The CLI uses it to fall back to the embedded fake.
func (c Config) HasAuth() bool {
	return c.Credentials.AccessKey != "" || c.AuthToken.IsSet()
}

// ErrInvalidConfig is wrapped by every error New returns for a Config it cannot use.
var ErrInvalidConfig = errors.New("invalid config")

func (c Config) check() error {
	if c.ProjectID == "" && (c.Region == "" || c.Credentials.AccessKey == "") {
		return configError("ProjectID is empty (set it or %s; with AK/SK credentials and a Region the client looks it up in IAM)", EnvProjectID)
	}
	if c.Endpoint == "" && c.Region == "" {
		return configError("neither Region nor Endpoint is set (set one, or %s / %s)", EnvRegion, EnvEndpoint)
	}
	if (c.Credentials.AccessKey == "") != !c.Credentials.SecretKey.IsSet() {
		return configError("an access key needs its secret key and the other way round")
	}
	if c.Credentials.SecurityToken.IsSet() && c.Credentials.AccessKey == "" {
		return configError("a security token needs the temporary AK/SK it was issued with")
	}
	if c.MaxAnswerBytes < 0 || c.Timeout < 0 {
		return configError("MaxAnswerBytes and Timeout must not be negative")
	}
	return nil
}

// configError is an ErrInvalidConfig with the prefix every error of this package has.
func configError(format string, args ...any) error {
	return fmt.Errorf("dli: %w: "+format, append([]any{ErrInvalidConfig}, args...)...)
}
