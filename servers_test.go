package enhancedconnections_test

import (
	"encoding/json"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// sdkRegionsFile is the vendor SDK's DLI region table and IAM endpoint table, kept as test data
// with its source.
const sdkRegionsFile = "testdata/realworld/regions/huaweicloud-sdk-go-v3-dli.json"

// sdkRegions is the content of sdkRegionsFile.
type sdkRegions struct {
	Source struct {
		Repository, Commit string
	} `json:"source"`
	DLI struct {
		Path    string `json:"path"`
		Regions []struct {
			ID       string `json:"id"`
			Endpoint string `json:"endpoint"`
		} `json:"regions"`
	} `json:"dli"`
	IAM struct {
		Path      string            `json:"path"`
		Endpoints map[string]string `json:"endpoints"`
		Default   struct {
			Endpoint string `json:"endpoint"`
		} `json:"default"`
	} `json:"iam"`
	Extra []struct {
		ID       string `json:"id"`
		Endpoint string `json:"endpoint"`
		IAM      string `json:"iam"`
	} `json:"extra"`
	IAMEU struct {
		Endpoint string `json:"endpoint"`
	} `json:"iam_eu"`
}

func loadSDKRegions(t testing.TB) sdkRegions {
	t.Helper()
	data, err := os.ReadFile(sdkRegionsFile)
	require.NoError(t, err)
	var r sdkRegions
	require.NoError(t, json.Unmarshal(data, &r))
	require.NotEmpty(t, r.DLI.Regions)
	return r
}

// wantIAM is the IAM endpoint the vendor SDK uses for region: its table, else its default;
// eu-west-101 takes the endpoint the SDK's README tells European users to set (the spec's
// Choice on that server).
func (r sdkRegions) wantIAM(region string) string {
	if region == "eu-west-101" {
		return r.IAMEU.Endpoint
	}
	if e, ok := r.IAM.Endpoints[region]; ok {
		return e
	}
	return r.IAM.Default.Endpoint
}

// specRegion is one region of the spec's servers with its URLs filled in.
type specRegion struct {
	server      int // index in servers
	dli, iamURL string
}

func specRegions(t testing.TB, doc *openapi3.T) map[string][]specRegion {
	t.Helper()
	out := make(map[string][]specRegion)
	for i, s := range doc.Servers {
		v := s.Variables["region"]
		require.NotNil(t, v, "server %d (%s) has a region variable", i, s.URL)
		iam, _ := s.Extensions["x-iam-url"].(string)
		for _, region := range v.Enum {
			out[region] = append(out[region], specRegion{
				server: i,
				dli:    strings.ReplaceAll(s.URL, "{region}", region),
				iamURL: strings.ReplaceAll(iam, "{region}", region),
			})
		}
	}
	return out
}

// TestServersMatchTheSDKRegionTable compares the spec's servers with the vendor SDK's DLI region
// table: every SDK region is in exactly one server, with the SDK's endpoint and the IAM endpoint
// the SDK would ask for its project id, and the spec has no region the SDK lacks (except OTC's
// eu-de). A region added to a later SDK (after updating the test data) fails here, saying what to
// add where.
func TestServersMatchTheSDKRegionTable(t *testing.T) {
	sdk := loadSDKRegions(t)
	doc := loadDoc(t)
	spec := specRegions(t, doc)
	from := sdk.Source.Repository + "@" + sdk.Source.Commit[:7] + " " + sdk.DLI.Path

	// The server a region belongs in: the one whose URL gives the SDK's endpoint and whose
	// x-iam-url gives the SDK's IAM endpoint.
	serverFor := func(region, endpoint, iam string) string {
		for _, s := range doc.Servers {
			x, _ := s.Extensions["x-iam-url"].(string)
			if strings.ReplaceAll(s.URL, "{region}", region) == endpoint && strings.ReplaceAll(x, "{region}", region) == iam {
				return "the region enum of the server " + s.URL + " with x-iam-url " + x
			}
		}
		return "a new server entry with url " + strings.Replace(endpoint, region, "{region}", 1) + " and x-iam-url " + strings.Replace(iam, region, "{region}", 1)
	}

	known := make(map[string]bool)
	for _, r := range sdk.DLI.Regions {
		known[r.ID] = true
		t.Run(r.ID, func(t *testing.T) {
			iam := sdk.wantIAM(r.ID)
			got := spec[r.ID]
			require.Len(t, got, 1, "region %s of %s (endpoint %s): add it to %s in spec/enhanced-connections.yaml, then go generate ./...",
				r.ID, from, r.Endpoint, serverFor(r.ID, r.Endpoint, iam))
			assert.Equal(t, r.Endpoint, got[0].dli, "DLI endpoint of %s", r.ID)
			assert.Equal(t, iam, got[0].iamURL, "IAM endpoint of %s (%s)", r.ID, sdk.IAM.Path)
		})
	}
	for _, e := range sdk.Extra {
		known[e.ID] = true
		got := spec[e.ID]
		require.Len(t, got, 1, "%s", e.ID)
		assert.Equal(t, e.Endpoint, got[0].dli)
		assert.Equal(t, e.IAM, got[0].iamURL)
	}
	var stale []string
	for region := range spec {
		if !known[region] {
			stale = append(stale, region)
		}
	}
	slices.Sort(stale)
	assert.Empty(t, stale, "regions of the spec's servers that neither %s nor the extra regions list: remove them or cite their source", from)
	assert.Equal(t, len(sdk.DLI.Regions)+len(sdk.Extra), len(spec), "regions in the spec's servers")
}
