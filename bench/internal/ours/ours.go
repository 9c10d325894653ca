// Package ours is the one place where this module builds and calls the main module's wrapper:
// the benchmarks, the cross-check and the cold-start program all go through it. When the
// wrapper's Config, signer or methods change, adapt this file and nothing else.
package ours

import (
	"context"
	"errors"
	"net/http"

	"github.com/dli-openapi/enhanced-connections/gen"
	"github.com/dli-openapi/enhanced-connections/wrapper"
	"github.com/dli-openapi/enhanced-connections/wrapper/signer"
)

// Options is what the benchmarks vary between our clients.
type Options struct {
	Endpoint, ProjectID, AccessKey, SecretKey string
	// HTTPClient nil means the wrapper's own, as a program that configures nothing gets.
	HTTPClient *http.Client
	// DisableValidation turns off the spec validation (client=ours-novalidate).
	DisableValidation bool
}

// Client is wrapper.Client behind the three calls the benchmarks make.
type Client struct{ c *wrapper.Client }

// New builds a wrapper.Client from o.
func New(o Options) (*Client, error) {
	c, err := wrapper.New(wrapper.Config{
		Endpoint:          o.Endpoint,
		ProjectID:         o.ProjectID,
		Credentials:       signer.Keys(o.AccessKey, o.SecretKey),
		HTTPClient:        o.HTTPClient,
		DisableValidation: o.DisableValidation,
	})
	if err != nil {
		return nil, err
	}
	return &Client{c}, nil
}

// errNoID is an answer without the connection id that a create must return.
var errNoID = errors.New("no connection_id in the answer")

// Create returns a call that creates body and returns the new connection's id.
func (c *Client) Create(body gen.CreateEnhancedConnectionRequest) func(context.Context) (string, error) {
	return func(ctx context.Context) (string, error) {
		out, err := c.c.CreateEnhancedConnection(ctx, body)
		if err != nil {
			return "", err
		}
		if out.ConnectionID == "" {
			return "", errNoID
		}
		return out.ConnectionID, nil
	}
}

// Show returns a call that queries connection id and returns its number of hosts.
func (c *Client) Show(id string) func(context.Context) (int, error) {
	return func(ctx context.Context) (int, error) {
		out, err := c.c.ShowEnhancedConnection(ctx, id)
		if err != nil {
			return 0, err
		}
		return len(out.Hosts), nil
	}
}

// List returns a call that lists one page of limit connections and returns how many came.
func (c *Client) List(limit int) func(context.Context) (int, error) {
	l := int32(limit)
	params := &gen.ListEnhancedConnectionsParams{Limit: &l}
	return func(ctx context.Context) (int, error) {
		out, err := c.c.ListEnhancedConnections(ctx, params)
		if err != nil {
			return 0, err
		}
		return len(out.Connections), nil
	}
}

// Sign signs req with our signer (SDK-HMAC-SHA256), as the floor and the loopback limit do.
type Sign func(req *http.Request) error

// NewSigner returns our signer for one AK/SK.
func NewSigner(accessKey, secretKey string) Sign {
	return signer.New(signer.Keys(accessKey, secretKey)).Sign
}

// VerifySignature checks that req carries a valid signature by accessKey and secretKey.
func VerifySignature(req *http.Request, accessKey, secretKey string) error {
	return signer.Verify(req, func(ak string) (string, bool) { return secretKey, ak == accessKey })
}

// CreateValidator returns a check of a create body against the spec, as the client makes it
// before sending.
func CreateValidator(projectID string) (func(body *gen.CreateEnhancedConnectionRequest) error, error) {
	path := map[string]string{"project_id": projectID}
	return func(body *gen.CreateEnhancedConnectionRequest) error {
		return wrapper.Validate("CreateEnhancedConnection", path, nil, body)
	}, nil
}
