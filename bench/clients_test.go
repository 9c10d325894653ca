package bench

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"testing"

	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core/auth/basic"
	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core/config"
	dli "github.com/huaweicloud/huaweicloud-sdk-go-v3/services/dli/v1"
	"github.com/huaweicloud/huaweicloud-sdk-go-v3/services/dli/v1/model"

	"github.com/dli-openapi/enhanced-connections/gen"
	"github.com/dli-openapi/enhanced-connections/wrapper"
)

// op is one call of a workload, ready to repeat. It checks the decoded answer just enough to
// prove the client decoded it (an id, the number of hosts or connections), at equal cost for all.
type op func(ctx context.Context) error

// client is one way of calling the API. create converts the body to the client's own type once,
// outside the timed loop, as a user of that client would build it directly.
type client struct {
	name   string
	create func(body gen.CreateEnhancedConnectionRequest) op
	show   op
	list   op
}

// Client names, as they appear in the benchmark names (client=...).
const (
	oursValidate   = "ours-validate"
	oursNoValidate = "ours-novalidate"
	vendor         = "vendor"
	floor          = "floor"
)

// clients builds the four clients against baseURL, each with its own connection pool.
func clients(tb testing.TB, baseURL string) []client {
	tb.Helper()
	return []client{
		ours(tb, baseURL, oursValidate, false),
		ours(tb, baseURL, oursNoValidate, true),
		vendorClient(baseURL),
		floorClient(baseURL),
	}
}

func newTransport() *http.Transport { return http.DefaultTransport.(*http.Transport).Clone() }

func wantCreated(id *string) error {
	if id == nil || *id == "" {
		return fmt.Errorf("no connection_id in the answer")
	}
	return nil
}

func wantHosts(n int) error {
	if n != 2 {
		return fmt.Errorf("got %d hosts, want 2", n)
	}
	return nil
}

func wantConnections(n int) error {
	if n != listLimit {
		return fmt.Errorf("got %d connections, want %d", n, listLimit)
	}
	return nil
}

// ours is wrapper.Client: validation (unless disabled), the body encoded by its appender into a
// pooled buffer, sent through the generated client and its retry transport (which heads and
// signs each attempt), typed errors.
func ours(tb testing.TB, baseURL, name string, disableValidation bool) client {
	c, err := wrapper.New(wrapper.Config{
		Endpoint:          baseURL,
		ProjectID:         benchProject,
		Credentials:       wrapper.Credentials{AccessKey: benchAK, SecretKey: benchSK},
		HTTPClient:        &http.Client{Transport: newTransport()},
		DisableValidation: disableValidation,
	})
	if err != nil {
		tb.Fatal(err)
	}
	limit := int32(listLimit)
	params := &gen.ListEnhancedConnectionsParams{Limit: &limit}
	return client{
		name: name,
		create: func(body gen.CreateEnhancedConnectionRequest) op {
			return func(ctx context.Context) error {
				out, err := c.CreateEnhancedConnection(ctx, body)
				if err != nil {
					return err
				}
				return wantCreated(out.ConnectionID)
			}
		},
		show: func(ctx context.Context) error {
			out, err := c.ShowEnhancedConnection(ctx, showID)
			if err != nil {
				return err
			}
			return wantHosts(len(out.Hosts))
		},
		list: func(ctx context.Context) error {
			out, err := c.ListEnhancedConnections(ctx, params)
			if err != nil {
				return err
			}
			return wantConnections(len(out.Connections))
		},
	}
}

// vendorClient is huaweicloud-sdk-go-v3's DliClient. With ProjectId set and no region it never
// calls IAM; its default HttpConfig has no retries; an http:// endpoint is used as given.
func vendorClient(baseURL string) client {
	auth := basic.NewCredentialsBuilder().WithAk(benchAK).WithSk(benchSK).WithProjectId(benchProject).Build()
	c := dli.NewDliClient(dli.DliClientBuilder().
		WithEndpoints([]string{baseURL}).
		WithCredential(auth).
		WithHttpConfig(config.DefaultHttpConfig().WithHttpTransport(newTransport())).
		Build())
	limit := int32(listLimit)
	return client{
		name: vendor,
		create: func(body gen.CreateEnhancedConnectionRequest) op {
			req := vendorCreate(body)
			return func(context.Context) error {
				out, err := c.CreateEnhancedConnection(req)
				if err != nil {
					return err
				}
				return wantCreated(out.ConnectionId)
			}
		},
		show: func(context.Context) error {
			out, err := c.ShowEnhancedConnection(&model.ShowEnhancedConnectionRequest{ConnectionId: showID})
			if err != nil {
				return err
			}
			if out.Hosts == nil {
				return wantHosts(0)
			}
			return wantHosts(len(*out.Hosts))
		},
		list: func(context.Context) error {
			out, err := c.ListEnhancedConnections(&model.ListEnhancedConnectionsRequest{Limit: &limit})
			if err != nil {
				return err
			}
			if out.Connections == nil {
				return wantConnections(0)
			}
			return wantConnections(len(*out.Connections))
		},
	}
}

// vendorCreate is body in the vendor SDK's model.
func vendorCreate(body gen.CreateEnhancedConnectionRequest) *model.CreateEnhancedConnectionRequest {
	b := &model.CreateEnhancedConnectionRequestBody{
		Name:          body.Name,
		DestVpcId:     body.DestVpcID,
		DestNetworkId: body.DestNetworkID,
		RoutetableId:  body.RoutetableID,
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
			hosts[i] = model.EnhancedConnectionHost{Name: h.Name, Ip: h.IP}
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

// floorClient is the practical floor: a request built by hand, the body encoded once with
// encoding/json, signed with our signer (the vendor's algorithm), sent with net/http, the
// answer read and decoded into the generated type. No validation, retries or typed errors.
func floorClient(baseURL string) client {
	hc := &http.Client{Transport: newTransport()}
	signer := wrapper.NewSigner(benchAK, benchSK)
	prefix := baseURL + "/v2.0/" + benchProject + "/datasource/enhanced-connections"
	do := func(ctx context.Context, method, url string, body any, want int, out any) error {
		var rd io.Reader
		if body != nil {
			b, err := json.Marshal(body)
			if err != nil {
				return err
			}
			rd = bytes.NewReader(b)
		}
		req, err := http.NewRequestWithContext(ctx, method, url, rd)
		if err != nil {
			return err
		}
		if body != nil {
			req.Header.Set("Content-Type", "application/json")
		}
		req.Header.Set("User-Agent", "floor")
		req.Header.Set("X-Project-Id", benchProject)
		if err := signer.Sign(req); err != nil {
			return err
		}
		resp, err := hc.Do(req)
		if err != nil {
			return err
		}
		defer resp.Body.Close()
		data, err := io.ReadAll(resp.Body)
		if err != nil {
			return err
		}
		if resp.StatusCode != want {
			return fmt.Errorf("HTTP %d: %s", resp.StatusCode, data)
		}
		return json.Unmarshal(data, out)
	}
	listURL := prefix + "?limit=" + strconv.Itoa(listLimit)
	return client{
		name: floor,
		create: func(body gen.CreateEnhancedConnectionRequest) op {
			return func(ctx context.Context) error {
				var out gen.CreateEnhancedConnectionResponse
				if err := do(ctx, http.MethodPost, prefix, &body, http.StatusCreated, &out); err != nil {
					return err
				}
				return wantCreated(out.ConnectionID)
			}
		},
		show: func(ctx context.Context) error {
			var out gen.ShowEnhancedConnectionResponse
			if err := do(ctx, http.MethodGet, prefix+"/"+showID, nil, http.StatusOK, &out); err != nil {
				return err
			}
			return wantHosts(len(out.Hosts))
		},
		list: func(ctx context.Context) error {
			var out gen.ListEnhancedConnectionsResponse
			if err := do(ctx, http.MethodGet, listURL, nil, http.StatusOK, &out); err != nil {
				return err
			}
			return wantConnections(len(out.Connections))
		},
	}
}
