package wrapper

import (
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"os"
	"time"
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

// Config is everything New needs. Either Credentials (AK/SK, optionally temporary with a
// security token) or AuthToken authenticates; Region or Endpoint says where to send.
type Config struct {
	// Region is a region id of the spec's servers, e.g. "cn-north-4", "eu-west-101" (Huawei
	// Cloud Europe) or "eu-de" (Open Telekom Cloud). Ignored when Endpoint is set.
	Region string
	// Endpoint is an explicit base URL such as "https://dli.eu-de.otc.t-systems.com"; it wins
	// over Region.
	Endpoint string
	// ProjectID is the IAM project id of the region; it goes into every path and the
	// X-Project-Id header.
	ProjectID string
	// IAMEndpoint is where the project id of Region is looked up when ProjectID is empty
	// (GET /v3/projects?name=<region>); empty means the x-iam-url of the region's server in
	// the spec (IAMEndpoint function).
	IAMEndpoint string
	// Credentials signs every request with SDK-HMAC-SHA256 when AccessKey is set.
	Credentials Credentials
	// AuthToken is an IAM token sent as X-Auth-Token when no AK/SK is configured.
	AuthToken string
	// HTTPClient is used for every request; nil means a client of our own. Its Transport is
	// wrapped (never modified) with retries and authentication.
	HTTPClient *http.Client
	// Timeout bounds one whole call, retries included; 0 means 30 seconds. The caller's
	// context deadline applies as well.
	Timeout time.Duration
	// Retry tunes retries of idempotent calls; the zero value means DefaultRetryPolicy.
	Retry RetryPolicy
	// DisableValidation turns off checking requests against the spec before sending. Leave it
	// on: an invalid request then fails in microseconds with the field and rule named, instead
	// of a round trip and a terse 400.
	DisableValidation bool
	// UserAgent is sent (and signed) as User-Agent; empty means "enhanced-connections-go".
	UserAgent string
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
			SecretKey:     os.Getenv(EnvSecretKey),
			SecurityToken: os.Getenv(EnvSecurityToken),
		},
		AuthToken:   os.Getenv(EnvAuthToken),
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
	return c.Credentials.AccessKey != "" || c.AuthToken != ""
}

// ErrInvalidConfig is wrapped by every error New returns for a Config it cannot use.
var ErrInvalidConfig = errors.New("invalid config")

func (c Config) check() error {
	if c.ProjectID == "" {
		return fmt.Errorf("%w: ProjectID is empty (set it or %s)", ErrInvalidConfig, EnvProjectID)
	}
	if c.Endpoint == "" && c.Region == "" {
		return fmt.Errorf("%w: neither Region nor Endpoint is set (set one, or %s / %s)", ErrInvalidConfig, EnvRegion, EnvEndpoint)
	}
	ak, sk := c.Credentials.AccessKey, c.Credentials.SecretKey
	if (ak == "") != (sk == "") {
		return fmt.Errorf("%w: an access key needs its secret key and the other way round", ErrInvalidConfig)
	}
	if c.Credentials.SecurityToken != "" && ak == "" {
		return fmt.Errorf("%w: a security token needs the temporary AK/SK it was issued with", ErrInvalidConfig)
	}
	return nil
}

// String keeps secrets out of logs: %v of a Config (or of a struct holding one) shows the
// credentials redacted, never the SK or a token.
func (c Config) String() string {
	return fmt.Sprintf("Config{Region:%q Endpoint:%q ProjectID:%q Credentials:%v AuthToken:%s Timeout:%v DisableValidation:%t}",
		c.Region, c.Endpoint, c.ProjectID, c.Credentials, redactedMark(c.AuthToken), c.Timeout, c.DisableValidation)
}

// GoString makes %#v as safe as %v.
func (c Config) GoString() string { return "wrapper." + c.String() }

// Format routes every verb (%v, %+v, %#v, %s, %q) through String/GoString, so no verb prints a
// field directly.
func (c Config) Format(f fmt.State, verb rune) {
	if verb == 'v' && f.Flag('#') {
		_, _ = f.Write([]byte(c.GoString()))
		return
	}
	_, _ = f.Write([]byte(c.String()))
}

// LogValue keeps secrets out of log/slog output.
func (c Config) LogValue() slog.Value {
	return slog.GroupValue(
		slog.String("region", c.Region),
		slog.String("endpoint", c.Endpoint),
		slog.String("project_id", c.ProjectID),
		slog.Any("credentials", c.Credentials),
		slog.String("auth_token", redactedMark(c.AuthToken)),
	)
}

// redactedMark says whether a secret is set without saying anything about it.
func redactedMark(secret string) string {
	if secret == "" {
		return `""`
	}
	return "[REDACTED]"
}
