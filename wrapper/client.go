package wrapper

import (
	"context"
	"fmt"
	"net/http"
	"time"
)

// Client calls the DLI enhanced connection API: one method per operation of the spec, named
// after its operationId (the vendor SDK's names), taking and returning the generated types
// (operations.gen.go). Every call is validated against the spec before anything is sent,
// authenticated, retried when that is safe, bounded in what it reads, and fails with
// *APIError, *ValidationError, *InvalidAnswerError, *RedirectError or a transport error.
//
// A Client is safe for concurrent use.
type Client struct {
	endpoint endpoint
	// projectID is the configured project, or "" when projects finds it in IAM.
	projectID string
	projects  *projectResolver
	userAgent string
	authToken Secret
	// keys signs every attempt with the current AK/SK keys; nil without AK/SK credentials.
	keys      *keyring
	clock     *clock
	validator *validator
	timeout   time.Duration
	retry     RetryPolicy
	maxAnswer int64
	// send is the middleware chain ending in the http.Client.
	send Next
	// secrets removes the client's secrets, those of rotated keys included, from anything taken
	// from an answer.
	secrets *secretSet
	// observed is set when middleware sees the attempts: each call then has a Call (callinfo.go).
	observed bool
	// transport returns the client's own transport (transport.go); nil when Config.HTTPClient
	// brought one. A func, not a *http.Transport, so that printing a Client (with any verb,
	// which walks pointers for some) never reads the pool its connections change meanwhile.
	transport func() *http.Transport
}

// New builds a Client from cfg.
func New(cfg Config) (*Client, error) {
	if err := cfg.check(); err != nil {
		return nil, err
	}
	raw := cfg.Endpoint
	if raw == "" {
		var err error
		if raw, err = ResolveEndpoint(cfg.Region); err != nil {
			return nil, err
		}
	}
	ep, err := parseEndpoint(raw)
	if err != nil {
		return nil, err
	}
	c := &Client{
		endpoint:  ep,
		projectID: cfg.ProjectID,
		userAgent: cfg.UserAgent,
		authToken: cfg.AuthToken,
		timeout:   cfg.Timeout,
		retry:     cfg.Retry.withDefaults(),
		maxAnswer: cfg.MaxAnswerBytes,
		clock:     &clock{},
		secrets:   newSecretSet(cfg.Credentials.SecretKey, cfg.Credentials.SecurityToken, cfg.AuthToken),
	}
	if c.userAgent == "" {
		c.userAgent = defaultUserAgent
	}
	if c.timeout == 0 {
		c.timeout = defaultTimeout
	}
	if c.maxAnswer == 0 {
		c.maxAnswer = DefaultMaxAnswerBytes
	}
	switch {
	case cfg.Credentials.AccessKey != "":
		c.keys = newFixedKeyring(cfg.Credentials, c.clock, c.secrets)
	case cfg.CredentialsProvider != nil:
		c.keys = newProviderKeyring(cfg.CredentialsProvider, c.clock, c.secrets)
	}
	if !cfg.DisableValidation {
		v, err := defaultValidator()
		if err != nil {
			return nil, err
		}
		c.validator = v
	}
	hc := &http.Client{}
	if cfg.HTTPClient != nil {
		*hc = *cfg.HTTPClient
	}
	base, own, err := transportFor(cfg) // transport.go: the caller's, or one of the client's own
	if err != nil {
		return nil, err
	}
	if own != nil {
		c.transport = func() *http.Transport { return own }
	}
	hc.Transport = &originGuard{scheme: ep.scheme, host: ep.host, origin: ep.origin, next: base}
	hc.CheckRedirect = noRedirects
	c.send = chain(cfg.Middleware, hc.Do)
	c.observed = len(cfg.Middleware) > 0
	if c.projectID == "" {
		// IAM is another origin than DLI's: its request goes through the same transport (the
		// caller's or the client's own), not through the origin guard, signed by the resolver
		// itself, and follows no redirect (a RoundTripper never does).
		if c.keys == nil {
			return nil, configError("no project id: set ProjectID (%s); looking it up in IAM needs AK/SK credentials", EnvProjectID)
		}
		if c.projects, err = newProjectResolver(cfg.IAMEndpoint, cfg.Region, base, c.keys); err != nil {
			return nil, err
		}
		if cfg.ProjectName != "" {
			c.projects.name = cfg.ProjectName
		}
	}
	return c, nil
}

// defaultUserAgent names this client in the service's logs.
const defaultUserAgent = "enhanced-connections-go/1"

// ProjectID returns the project every call of c is scoped to: the configured one, or the one IAM
// names for the region (looked up on the first call that needs it, then kept).
func (c *Client) ProjectID(ctx context.Context) (string, error) {
	if c.projectID != "" {
		return c.projectID, nil
	}
	return c.projects.ProjectID(ctx)
}

// Format prints c without its credentials, whatever the verb.
func (c *Client) Format(f fmt.State, _ rune) { _, _ = f.Write([]byte(c.String())) }

// String describes c without its credentials.
func (c *Client) String() string {
	return fmt.Sprintf("wrapper.Client{Endpoint:%q ProjectID:%q Validation:%t Timeout:%v}",
		c.endpoint.scheme+"://"+c.endpoint.host+c.endpoint.basePath, c.projectID, c.validator != nil, c.timeout)
}
