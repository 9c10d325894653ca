// Package vendorsdk is the vendor SDK (services/dli/v1 of huaweicloud-sdk-go-v3) behind the
// same three calls as package ours, for the benchmarks and the cold-start program.
package vendorsdk

import (
	"errors"
	"net/http"

	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core/auth/basic"
	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core/config"
	dli "github.com/huaweicloud/huaweicloud-sdk-go-v3/services/dli/v1"
	"github.com/huaweicloud/huaweicloud-sdk-go-v3/services/dli/v1/model"

	"github.com/dli-openapi/enhanced-connections/gen"
)

// Client is the vendor's DliClient. With a project id and no region it never calls IAM; its
// default HttpConfig has no retries; an http:// endpoint is used as given.
type Client struct{ c *dli.DliClient }

// New builds a DliClient for endpoint; a nil transport means the SDK's default HttpConfig, as a
// program that configures nothing gets.
func New(endpoint, projectID, accessKey, secretKey string, transport *http.Transport) *Client {
	auth := basic.NewCredentialsBuilder().WithAk(accessKey).WithSk(secretKey).WithProjectId(projectID).Build()
	b := dli.DliClientBuilder().WithEndpoints([]string{endpoint}).WithCredential(auth)
	if transport != nil {
		b = b.WithHttpConfig(config.DefaultHttpConfig().WithHttpTransport(transport))
	}
	return &Client{dli.NewDliClient(b.Build())}
}

var errNoID = errors.New("no connection_id in the answer")

// Create returns a call that creates body and returns the new connection's id. body is
// converted to the SDK's model once, outside the call, as a user of the SDK would build it.
func (c *Client) Create(body gen.CreateEnhancedConnectionRequest) func() (string, error) {
	req := CreateRequest(body)
	return func() (string, error) {
		out, err := c.c.CreateEnhancedConnection(req)
		if err != nil {
			return "", err
		}
		if out.ConnectionId == nil {
			return "", errNoID
		}
		return *out.ConnectionId, nil
	}
}

// Show returns a call that queries connection id and returns its number of hosts.
func (c *Client) Show(id string) func() (int, error) {
	req := &model.ShowEnhancedConnectionRequest{ConnectionId: id}
	return func() (int, error) {
		out, err := c.c.ShowEnhancedConnection(req)
		if err != nil {
			return 0, err
		}
		if out.Hosts == nil {
			return 0, nil
		}
		return len(*out.Hosts), nil
	}
}

// List returns a call that lists one page of limit connections and returns how many came.
func (c *Client) List(limit int) func() (int, error) {
	l := int32(limit)
	req := &model.ListEnhancedConnectionsRequest{Limit: &l}
	return func() (int, error) {
		out, err := c.c.ListEnhancedConnections(req)
		if err != nil {
			return 0, err
		}
		if out.Connections == nil {
			return 0, nil
		}
		return len(*out.Connections), nil
	}
}

// CreateRequest is body in the SDK's model.
func CreateRequest(body gen.CreateEnhancedConnectionRequest) *model.CreateEnhancedConnectionRequest {
	b := &model.CreateEnhancedConnectionRequestBody{
		Name:          body.Name,
		DestVpcId:     body.DestVpcID,
		DestNetworkId: body.DestNetworkID,
		RoutetableId:  optional(body.RoutetableID),
	}
	if body.Queues != nil {
		q := body.Queues
		b.Queues = &q
	}
	if body.ElasticResourcePools != nil {
		p := body.ElasticResourcePools
		b.ElasticResourcePools = &p
	}
	if body.Hosts != nil {
		hosts := make([]model.EnhancedConnectionHost, len(body.Hosts))
		for i, h := range body.Hosts {
			hosts[i] = model.EnhancedConnectionHost{Name: optional(h.Name), Ip: optional(h.IP)}
		}
		b.Hosts = &hosts
	}
	if body.Tags != nil {
		tags := make([]model.Tag, len(body.Tags))
		for i, t := range body.Tags {
			tags[i] = model.Tag{Key: t.Key, Value: t.Value}
		}
		b.Tags = &tags
	}
	return &model.CreateEnhancedConnectionRequest{Body: b}
}

// optional is the SDK's pointer for one of our fields where absent and empty mean the same.
func optional(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}
