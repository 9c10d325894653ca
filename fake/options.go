package fake

import (
	"fmt"
	"log/slog"
	"time"
)

// Options configure a Server. The zero value is a usable emulator: no authentication, peerings
// ACTIVE at once, the system clock, no faults, listening on 127.0.0.1 with a free port.
type Options struct {
	// Credentials maps access keys (AK) to secret keys (SK). When it is not empty, requests
	// signed with SDK-HMAC-SHA256 (or V11-HMAC-SHA256) by one of these pairs are accepted, as by
	// the API gateway in front of DLI; anything else without a valid token is 401 APIGW.0301.
	Credentials map[string]string

	// Tokens are the accepted X-Auth-Token values (IAM tokens). When neither Tokens nor
	// Credentials is set and no Platform service is on, no authentication is required at all.
	Tokens []string

	// ActivationDelay is how long a new peering of a queue or pool stays CREATING before it
	// turns ACTIVE (or FAILED), measured on Now. Zero makes peerings final at once.
	ActivationDelay time.Duration

	// Now is the clock of the emulated service: creation and update times, the end of
	// ActivationDelay, and the expiry of temporary keys and platform tokens. Tests inject a
	// clock they advance by hand; nil means time.Now. Signature freshness (X-Sdk-Date) is
	// checked against the gateway's clock instead, real time plus
	// Platform.GatewayClockOffset, so a test clock far from now does not break signed requests.
	Now func() time.Time

	// ErrorRate is the probability, from 0 to 1, that a request which no queued Fault matched
	// fails with a random 500, 502, 503 or 504 before reaching its operation.
	ErrorRate float64

	// Latency bounds a random delay, from 0 up to Latency, added before each request is handled
	// (it honours the request's context).
	Latency time.Duration

	// Seed seeds the random source behind ErrorRate and Latency, so a run can be replayed: the
	// same seed and the same sequence of requests give the same faults.
	Seed int64

	// Addr is the address Start listens on; empty means "127.0.0.1:0" (a free loopback port).
	Addr string

	// AllowNonLoopback lets Start listen on an address that is not a loopback one. The fake
	// accepts anything signed by well-known test keys, so exposing it needs an explicit choice.
	AllowNonLoopback bool

	// RefuseDeleteWhileCreating makes DeleteEnhancedConnection answer 400 DLI.0007 while a
	// peering of the connection is still CREATING, the constraint the reference pages state.
	// Off by default because most tests delete right after creating.
	RefuseDeleteWhileCreating bool

	// Projects are what the fake's IAM lists (GET /v3/projects?name=<region>, see iam.go), for
	// clients that look their project id up. Nil means one project per region of the spec,
	// with DefaultProjectID(region) as id; an empty non-nil slice lists none.
	Projects []Project

	// ReadHeaderTimeout bounds the reading of a request's line and headers, so that a client
	// that connects and sends nothing (or sends headers a byte at a time) is cut off. Zero
	// means DefaultReadHeaderTimeout. Start applies it; a Server mounted elsewhere gets the
	// host server's.
	ReadHeaderTimeout time.Duration

	// ReadBodyTimeout bounds the wait for room under MaxBodyBytesInFlight, and then, counted
	// again from the admission, the reading of the whole body: a body trickled slower than that
	// is answered 408 and its connection closed, whatever its pace. Zero means
	// DefaultReadBodyTimeout. It works on any server that gives handlers their connection
	// (Start, httptest.Server).
	ReadBodyTimeout time.Duration

	// IdleTimeout is how long a keep-alive connection may wait for its next request before the
	// server closes it. Zero means DefaultIdleTimeout. Start applies it.
	IdleTimeout time.Duration

	// MaxBodyBytesInFlight bounds the sum of the sizes of the request bodies being read, held,
	// validated and decoded at once. Validation decodes a body into generic JSON values that
	// take 15 to 30 times its size (a 12 MB create with hosts peaks at about 200 MB, 12 MB of
	// empty objects at about 380 MB), so this bounds what bodies cost to that multiple of it. A
	// request whose body does not fit waits, in arrival order, up to ReadBodyTimeout, then gets
	// 503 APIGW.0202 with Retry-After. A body larger than the whole
	// budget (up to the 12 MB limit) is admitted alone; a body without Content-Length counts as
	// the 12 MB limit. Zero means DefaultMaxBodyBytesInFlight.
	MaxBodyBytesInFlight int64

	// Platform turns on the platform services that hand out temporary access keys (ECS
	// metadata, IAM's OIDC federation, CCE pod identity) and sets the gateway's clock; see
	// PlatformOptions. Any service on makes authentication required.
	Platform PlatformOptions

	// Logger, when not nil, gets one record per request when the server is done with it:
	// method, path, operation, status (0 when no complete answer was sent), duration and the
	// X-Request-Id the answer carried. Header values, query strings and bodies are never logged,
	// so tokens and signatures stay out of logs.
	Logger *slog.Logger
}

// Defaults of the Options timeouts and the body budget.
const (
	DefaultReadHeaderTimeout    = 10 * time.Second
	DefaultReadBodyTimeout      = time.Minute
	DefaultIdleTimeout          = time.Minute
	DefaultMaxBodyBytesInFlight = 16 << 20
)

// defaultAddr is where Start listens when Options.Addr is empty: loopback, any free port.
const defaultAddr = "127.0.0.1:0"

// normalized checks o and returns a copy that shares nothing with the caller, so a test that
// changes its map or slice afterwards cannot race with the server.
func (o Options) normalized() (Options, error) {
	if o.ErrorRate < 0 || o.ErrorRate > 1 {
		return o, fmt.Errorf("fake: ErrorRate %v is outside [0, 1]", o.ErrorRate)
	}
	if o.Latency < 0 || o.ActivationDelay < 0 {
		return o, fmt.Errorf("fake: Latency and ActivationDelay must not be negative")
	}
	if o.ReadHeaderTimeout < 0 || o.ReadBodyTimeout < 0 || o.IdleTimeout < 0 || o.MaxBodyBytesInFlight < 0 {
		return o, fmt.Errorf("fake: timeouts and MaxBodyBytesInFlight must not be negative")
	}
	o.ReadHeaderTimeout = orDefault(o.ReadHeaderTimeout, DefaultReadHeaderTimeout)
	o.ReadBodyTimeout = orDefault(o.ReadBodyTimeout, DefaultReadBodyTimeout)
	o.IdleTimeout = orDefault(o.IdleTimeout, DefaultIdleTimeout)
	o.MaxBodyBytesInFlight = orDefault(o.MaxBodyBytesInFlight, DefaultMaxBodyBytesInFlight)
	creds := make(map[string]string, len(o.Credentials))
	for ak, sk := range o.Credentials {
		if ak == "" || sk == "" {
			return o, fmt.Errorf("fake: Credentials must not hold an empty access or secret key")
		}
		creds[ak] = sk
	}
	o.Credentials = creds
	tokens := make([]string, 0, len(o.Tokens))
	for _, t := range o.Tokens {
		if t == "" {
			return o, fmt.Errorf("fake: Tokens must not hold an empty token")
		}
		tokens = append(tokens, t)
	}
	o.Tokens = tokens
	platform, err := o.Platform.normalized()
	if err != nil {
		return o, err
	}
	o.Platform = platform
	if o.Projects == nil {
		o.Projects = defaultProjects()
	} else {
		o.Projects = append([]Project{}, o.Projects...)
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Addr == "" {
		o.Addr = defaultAddr
	}
	return o, nil
}

// orDefault is v, or def when v is zero.
func orDefault[T comparable](v, def T) T {
	var zero T
	if v == zero {
		return def
	}
	return v
}
