package wrapper

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/stretchr/testify/require"

	enhancedconnections "github.com/dli-openapi/enhanced-connections"
	"github.com/dli-openapi/enhanced-connections/gen"
)

// The three benchmarks check or encode the same 20,000-host create body, the largest the
// spec allows: ValidateRequest must cost less than the json.Marshal every send pays anyway,
// and kin-openapi's request validation is the reference it replaces.

const vtProjectID = "48cc2c48765f481480c7db940d6409d1"

// bigCreate returns a valid create body with n hosts, 2 queues and 2 tags.
func vtBigCreate(n int) gen.CreateEnhancedConnectionRequest {
	hosts := make([]gen.Host, n)
	for i := range hosts {
		name := fmt.Sprintf("host-%05d", i+1)
		ip := fmt.Sprintf("10.0.%d.%d", i/256, i%256)
		hosts[i] = gen.Host{Name: name, IP: ip}
	}
	return gen.CreateEnhancedConnectionRequest{
		Name:          "bench_connection",
		DestVpcID:     "22094d8f-c310-4621-913d-4c4d655d8495",
		DestNetworkID: "78f2562a-36e4-4b39-95b9-f5aab22e1281",
		Queues:        []string{"q1", "q2"},
		Hosts:         hosts,
		Tags:          []gen.Tag{{Key: "env", Value: "prod"}, {Key: "team", Value: "data"}},
	}
}

func BenchmarkValidateCreate20000Hosts(b *testing.B) {
	v, err := defaultValidator()
	require.NoError(b, err)
	body := vtBigCreate(20000)
	path := map[string]string{"project_id": vtProjectID}
	require.NoError(b, v.ValidateRequest("CreateEnhancedConnection", path, nil, &body))
	b.ReportAllocs()
	for b.Loop() {
		if err := v.ValidateRequest("CreateEnhancedConnection", path, nil, &body); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkJSONMarshalCreate20000Hosts(b *testing.B) {
	body := vtBigCreate(20000)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := json.Marshal(&body); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkKinOpenAPIValidateRequest20000Hosts(b *testing.B) {
	doc, err := enhancedconnections.Load(context.Background())
	require.NoError(b, err)
	const path = "/v2.0/{project_id}/datasource/enhanced-connections"
	item := doc.Paths.Value(path)
	route := &routers.Route{Spec: doc, Path: path, PathItem: item, Method: http.MethodPost, Operation: item.Post}
	raw, err := json.Marshal(vtBigCreate(20000))
	require.NoError(b, err)
	url := "https://dli.cn-north-4.myhuaweicloud.com/v2.0/" + vtProjectID + "/datasource/enhanced-connections"
	opts := &openapi3filter.Options{
		AuthenticationFunc: openapi3filter.NoopAuthenticationFunc,
		SchemaValidationOptions: []openapi3.SchemaValidationOption{
			openapi3.WithStringFormatValidator("ipv4", openapi3.NewIPValidator(true)),
		},
	}
	validate := func() error {
		req, err := http.NewRequest(http.MethodPost, url, bytes.NewReader(raw))
		if err != nil {
			return err
		}
		req.Header.Set("Content-Type", "application/json")
		return openapi3filter.ValidateRequest(context.Background(), &openapi3filter.RequestValidationInput{
			Request:    req,
			PathParams: map[string]string{"project_id": vtProjectID},
			Route:      route,
			Options:    opts,
		})
	}
	require.NoError(b, validate())
	b.ReportAllocs()
	for b.Loop() {
		if err := validate(); err != nil {
			b.Fatal(err)
		}
	}
}
