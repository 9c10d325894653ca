package wrapper

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/dli-openapi/enhanced-connections/gen"
)

// Client calls the DLI enhanced connection API: one method per operation of the spec, named
// after its operationId (the vendor SDK's names), taking and returning the generated types.
// Every call is validated against the spec before anything is sent, authenticated, retried when
// that is safe, and fails with *APIError, *ValidationError or a transport error.
//
// A Client is safe for concurrent use.
type Client struct {
	raw       *gen.Client
	transport *retryTransport
	validator *Validator
	projectID string
	timeout   time.Duration
	// secrets are scrubbed from error messages: a gateway may echo signed headers back.
	secrets []string
}

// New builds a Client from cfg.
func New(cfg Config) (*Client, error) {
	if err := cfg.check(); err != nil {
		return nil, err
	}
	endpoint := cfg.Endpoint
	if endpoint == "" {
		var err error
		if endpoint, err = Endpoint(cfg.Region); err != nil {
			return nil, err
		}
	}
	c := &Client{projectID: cfg.ProjectID, timeout: cfg.Timeout}
	if c.timeout <= 0 {
		c.timeout = defaultTimeout
	}
	for _, s := range []string{cfg.Credentials.SecretKey, cfg.Credentials.SecurityToken, cfg.AuthToken} {
		if s != "" {
			c.secrets = append(c.secrets, s)
		}
	}
	if !cfg.DisableValidation {
		v, err := DefaultValidator()
		if err != nil {
			return nil, err
		}
		c.validator = v
	}
	hc := &http.Client{}
	var base http.RoundTripper
	if cfg.HTTPClient != nil {
		*hc = *cfg.HTTPClient
		base = cfg.HTTPClient.Transport
	}
	c.transport = newTransport(cfg, base, cfg.Retry.withDefaults())
	hc.Transport = c.transport
	raw, err := gen.NewClient(endpoint, gen.WithHTTPClient(hc))
	if err != nil {
		return nil, fmt.Errorf("%w: endpoint %q: %v", ErrInvalidConfig, endpoint, err)
	}
	c.raw = raw
	return c, nil
}

// ProjectID returns the project every call of c is scoped to.
func (c *Client) ProjectID() string { return c.projectID }

// jsonContentType is the media type of every request body of the spec.
const jsonContentType = "application/json"

// CreateEnhancedConnection creates a connection (201). It is never retried once its bytes may
// have reached the server: a second attempt could create a second connection.
func (c *Client) CreateEnhancedConnection(ctx context.Context, body gen.CreateEnhancedConnectionRequest) (*gen.CreateEnhancedConnectionResponse, error) {
	return call[gen.CreateEnhancedConnectionResponse](ctx, c, "CreateEnhancedConnection", c.path(), nil, &body,
		func(ctx context.Context) (*http.Response, error) {
			// Encoded once into a pooled buffer, which the signature and every attempt read
			// (encode.go, body.go). The generated client returns once the retry transport has
			// read the whole answer, so the call's hold on the buffer ends here; the buffer is
			// reused only when the transport has closed every reader of it too.
			rb := newRequestBody(func(b []byte) []byte { return appendCreateBody(b, &body) })
			defer rb.release()
			return c.raw.CreateEnhancedConnectionWithBody(ctx, c.projectID, nil, jsonContentType, nil, rb.editRequest)
		})
}

// ListEnhancedConnections returns one page of connections; params may be nil. Use Connections to
// range over every page.
func (c *Client) ListEnhancedConnections(ctx context.Context, params *gen.ListEnhancedConnectionsParams) (*gen.ListEnhancedConnectionsResponse, error) {
	return call[gen.ListEnhancedConnectionsResponse](ctx, c, "ListEnhancedConnections", c.path(), params, nil,
		func(ctx context.Context) (*http.Response, error) {
			return c.raw.ListEnhancedConnections(ctx, c.projectID, params)
		})
}

// ShowEnhancedConnection returns one connection with the peering state of each queue and pool.
// A missing connection is an *APIError for which IsNotFound is true.
func (c *Client) ShowEnhancedConnection(ctx context.Context, connectionID string) (*gen.ShowEnhancedConnectionResponse, error) {
	return call[gen.ShowEnhancedConnectionResponse](ctx, c, "ShowEnhancedConnection", c.path("connection_id", connectionID), nil, nil,
		func(ctx context.Context) (*http.Response, error) {
			return c.raw.ShowEnhancedConnection(ctx, c.projectID, connectionID, nil)
		})
}

// UpdateEnhancedConnection replaces the whole host list of a connection; nil or empty Hosts
// removes every host (sent as `[]`, never as null).
func (c *Client) UpdateEnhancedConnection(ctx context.Context, connectionID string, body gen.UpdateEnhancedConnectionRequest) (*gen.StatusResponse, error) {
	if body.Hosts == nil {
		body.Hosts = []gen.Host{}
	}
	return call[gen.StatusResponse](ctx, c, "UpdateEnhancedConnection", c.path("connection_id", connectionID), nil, &body,
		func(ctx context.Context) (*http.Response, error) {
			rb := newRequestBody(func(b []byte) []byte { return appendUpdateBody(b, &body) })
			defer rb.release()
			return c.raw.UpdateEnhancedConnectionWithBody(ctx, c.projectID, connectionID, nil, jsonContentType, nil, rb.editRequest)
		})
}

// DeleteEnhancedConnection deletes a connection (softly: it stays listable as DELETED).
//
// A delete is retried after a dropped connection or a gateway error. If the attempt that failed
// had already reached DLI, the retry finds the connection gone and the call returns an error for
// which IsNotFound is true: code that deletes to clean up can treat IsNotFound as done.
func (c *Client) DeleteEnhancedConnection(ctx context.Context, connectionID string) (*gen.StatusResponse, error) {
	return call[gen.StatusResponse](ctx, c, "DeleteEnhancedConnection", c.path("connection_id", connectionID), nil, nil,
		func(ctx context.Context) (*http.Response, error) {
			return c.raw.DeleteEnhancedConnection(ctx, c.projectID, connectionID, nil)
		})
}

// AssociateQueueToEnhancedConnection binds queues or elastic resource pools; each starts
// CREATING (see WaitActive). Not retried once sent.
func (c *Client) AssociateQueueToEnhancedConnection(ctx context.Context, connectionID string, body gen.QueueBindingRequest) (*gen.StatusResponse, error) {
	return call[gen.StatusResponse](ctx, c, "AssociateQueueToEnhancedConnection", c.path("connection_id", connectionID), nil, &body,
		func(ctx context.Context) (*http.Response, error) {
			return c.raw.AssociateQueueToEnhancedConnection(ctx, c.projectID, connectionID, nil, body)
		})
}

// DisassociateQueueFromEnhancedConnection unbinds queues or elastic resource pools. Not retried
// once sent.
func (c *Client) DisassociateQueueFromEnhancedConnection(ctx context.Context, connectionID string, body gen.QueueBindingRequest) (*gen.StatusResponse, error) {
	return call[gen.StatusResponse](ctx, c, "DisassociateQueueFromEnhancedConnection", c.path("connection_id", connectionID), nil, &body,
		func(ctx context.Context) (*http.Response, error) {
			return c.raw.DisassociateQueueFromEnhancedConnection(ctx, c.projectID, connectionID, nil, body)
		})
}

// ShowEnhancedConnectionPrivilege lists the projects granted access to a connection.
func (c *Client) ShowEnhancedConnectionPrivilege(ctx context.Context, connectionID string) (*gen.ShowEnhancedConnectionPrivilegeResponse, error) {
	return call[gen.ShowEnhancedConnectionPrivilegeResponse](ctx, c, "ShowEnhancedConnectionPrivilege", c.path("connection_id", connectionID), nil, nil,
		func(ctx context.Context) (*http.Response, error) {
			return c.raw.ShowEnhancedConnectionPrivilege(ctx, c.projectID, connectionID, nil)
		})
}

// CreateRouteToEnhancedConnection adds a route (v3 path). Not retried once sent.
func (c *Client) CreateRouteToEnhancedConnection(ctx context.Context, connectionID string, body gen.CreateRouteRequest) (*gen.StatusResponse, error) {
	return call[gen.StatusResponse](ctx, c, "CreateRouteToEnhancedConnection", c.path("connection_id", connectionID), nil, &body,
		func(ctx context.Context) (*http.Response, error) {
			return c.raw.CreateRouteToEnhancedConnection(ctx, c.projectID, connectionID, nil, body)
		})
}

// DeleteRouteFromEnhancedConnection deletes a route by name (v3 path).
func (c *Client) DeleteRouteFromEnhancedConnection(ctx context.Context, connectionID, routeName string) (*gen.StatusResponse, error) {
	return call[gen.StatusResponse](ctx, c, "DeleteRouteFromEnhancedConnection", c.path("connection_id", connectionID, "name", routeName), nil, nil,
		func(ctx context.Context) (*http.Response, error) {
			return c.raw.DeleteRouteFromEnhancedConnection(ctx, c.projectID, connectionID, routeName, nil)
		})
}

// CreateEnhancedConnectionRoutes adds a route through the old v2.0 path (Huawei Cloud only).
//
// Deprecated: use CreateRouteToEnhancedConnection; the vendor deprecated this path.
func (c *Client) CreateEnhancedConnectionRoutes(ctx context.Context, connectionID string, body gen.CreateRouteRequest) (*gen.StatusResponse, error) {
	return call[gen.StatusResponse](ctx, c, "CreateEnhancedConnectionRoutes", c.path("connection_id", connectionID), nil, &body,
		func(ctx context.Context) (*http.Response, error) {
			return c.raw.CreateEnhancedConnectionRoutes(ctx, c.projectID, connectionID, nil, body)
		})
}

// DeleteEnhancedConnectionRoutes deletes a route through the old v2.0 path (Huawei Cloud only).
//
// Deprecated: use DeleteRouteFromEnhancedConnection; the vendor deprecated this path.
func (c *Client) DeleteEnhancedConnectionRoutes(ctx context.Context, connectionID, routeName string) (*gen.StatusResponse, error) {
	return call[gen.StatusResponse](ctx, c, "DeleteEnhancedConnectionRoutes", c.path("connection_id", connectionID, "name", routeName), nil, nil,
		func(ctx context.Context) (*http.Response, error) {
			return c.raw.DeleteEnhancedConnectionRoutes(ctx, c.projectID, connectionID, routeName, nil)
		})
}

// path builds the path parameters of a call: the project id and the given name/value pairs.
func (c *Client) path(nameValues ...string) map[string]string {
	m := make(map[string]string, 1+len(nameValues)/2)
	m["project_id"] = c.projectID
	for i := 0; i+1 < len(nameValues); i += 2 {
		m[nameValues[i]] = nameValues[i+1]
	}
	return m
}

// call is every operation: validate (unless turned off), send, and decode the answer into a
// new T. Nothing is sent for an invalid request, and no partial T is returned with an error.
func call[T any](ctx context.Context, c *Client, op string, path map[string]string, params, body any, send func(context.Context) (*http.Response, error)) (*T, error) {
	if c.validator != nil {
		if err := c.validator.ValidateRequest(op, path, params, body); err != nil {
			return nil, err
		}
	}
	out := new(T)
	if err := c.do(ctx, op, out, send); err != nil {
		return nil, err
	}
	return out, nil
}

// do runs one call: send (through retries and signing), then turn the answer into out or an
// error. The answer is decoded once, straight into the generated type, from the bytes the retry
// transport read.
func (c *Client) do(ctx context.Context, op string, out any, send func(context.Context) (*http.Response, error)) error {
	ctx, cancel := context.WithTimeout(ctx, c.timeout)
	defer cancel()
	resp, err := send(ctx)
	if err != nil {
		return fmt.Errorf("dli: %s: %w", op, c.scrubErr(err))
	}
	defer resp.Body.Close()
	body, err := answerBytes(resp)
	if err != nil {
		return fmt.Errorf("dli: %s: read answer: %w", op, err)
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return c.scrub(parseAPIError(op, resp.StatusCode, resp.Header, body))
	}
	if len(body) > 0 {
		if err := json.Unmarshal(body, out); err != nil {
			// A 2xx that is not our JSON (a captive portal, a misrouted proxy) is a failure of
			// the call, with the raw answer kept for diagnosis.
			e := parseAPIError(op, resp.StatusCode, resp.Header, body)
			e.Message = "answer is not the documented JSON: " + err.Error()
			return c.scrub(e)
		}
	}
	if ok, msg := envelope(out); !ok {
		e := parseAPIError(op, resp.StatusCode, resp.Header, nil)
		e.Message = msg
		if e.Message == "" {
			e.Message = "is_success is false"
		}
		return c.scrub(e)
	}
	return nil
}

// envelope reads is_success/message of a decoded success body. An absent is_success counts as
// success: several documented examples omit it.
func envelope(out any) (ok bool, message string) {
	var s *bool
	var m *string
	switch v := out.(type) {
	case *gen.StatusResponse:
		s, m = v.IsSuccess, v.Message
	case *gen.CreateEnhancedConnectionResponse:
		s, m = v.IsSuccess, v.Message
	case *gen.ListEnhancedConnectionsResponse:
		s, m = v.IsSuccess, v.Message
	case *gen.ShowEnhancedConnectionResponse:
		s, m = v.IsSuccess, v.Message
	case *gen.ShowEnhancedConnectionPrivilegeResponse:
		s, m = v.IsSuccess, v.Message
	}
	if m != nil {
		message = *m
	}
	return s == nil || *s, message
}

// scrub removes the client's secrets from an APIError: a gateway that refuses a signature may
// quote the signed headers, the security token among them. Code and RequestID come from the
// answer too, so they are cleaned as well: whatever the server sends, Error() never prints one.
func (c *Client) scrub(e *APIError) *APIError {
	for _, s := range c.secrets {
		e.Message = strings.ReplaceAll(e.Message, s, "[REDACTED]")
		e.Code = strings.ReplaceAll(e.Code, s, "[REDACTED]")
		e.RequestID = strings.ReplaceAll(e.RequestID, s, "[REDACTED]")
		if len(e.Body) > 0 {
			e.Body = []byte(strings.ReplaceAll(string(e.Body), s, "[REDACTED]"))
		}
	}
	return e
}

// scrubErr does the same for transport errors, whose text may quote a URL or a header.
func (c *Client) scrubErr(err error) error {
	msg := err.Error()
	for _, s := range c.secrets {
		if strings.Contains(msg, s) {
			return &redactedError{msg: strings.ReplaceAll(msg, s, "[REDACTED]"), err: err}
		}
	}
	return err
}

// redactedError keeps errors.Is/As working on an error whose text had to be cleaned.
type redactedError struct {
	msg string
	err error
}

func (e *redactedError) Error() string { return e.msg }
func (e *redactedError) Unwrap() error { return e.err }

// String describes c without its credentials: %v of a Client, or of a struct holding one, must
// never print the SK or a token.
func (c *Client) String() string {
	return fmt.Sprintf("wrapper.Client{ProjectID:%q Validation:%t Timeout:%v}", c.projectID, c.validator != nil, c.timeout)
}

// GoString makes %#v as safe as %v.
func (c *Client) GoString() string { return c.String() }

// Format routes every verb through String, so that no verb prints a field directly.
func (c *Client) Format(f fmt.State, _ rune) { _, _ = f.Write([]byte(c.String())) }
