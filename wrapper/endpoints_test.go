package wrapper

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// sdkRegionTable is the vendor SDK's DLI region table and IAM table, kept with its source in
// the module's test data (testdata/realworld/regions, read by the spec's tests too).
type sdkRegionTable struct {
	Source struct {
		Repository string `json:"repository"`
		Commit     string `json:"commit"`
	} `json:"source"`
	DLI struct {
		Path    string `json:"path"`
		Regions []struct {
			ID       string `json:"id"`
			Endpoint string `json:"endpoint"`
		} `json:"regions"`
	} `json:"dli"`
	IAM struct {
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

func loadSDKRegionTable(t *testing.T) sdkRegionTable {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "testdata", "realworld", "regions", "huaweicloud-sdk-go-v3-dli.json"))
	if err != nil {
		t.Fatal(err)
	}
	var tbl sdkRegionTable
	if err := json.Unmarshal(data, &tbl); err != nil {
		t.Fatal(err)
	}
	if len(tbl.DLI.Regions) == 0 {
		t.Fatal("no regions in the SDK table")
	}
	return tbl
}

// Every region of the vendor SDK's DLI table and OTC's eu-de resolves, through Endpoint, to the
// SDK's URL, and through IAMEndpoint to the IAM endpoint the SDK asks for its project id (the
// SDK README's regional one for eu-west-101, the spec's Choice). -v prints the table.
func TestEveryRegionResolvesToTheSDKEndpoint(t *testing.T) {
	tbl := loadSDKRegionTable(t)
	type row struct{ region, endpoint, iam, from string }
	var rows []row
	for _, r := range tbl.DLI.Regions {
		iam, ok := tbl.IAM.Endpoints[r.ID]
		if !ok {
			iam = tbl.IAM.Default.Endpoint
		}
		if r.ID == "eu-west-101" {
			iam = tbl.IAMEU.Endpoint
		}
		rows = append(rows, row{r.ID, r.Endpoint, iam, "SDK"})
	}
	for _, e := range tbl.Extra {
		rows = append(rows, row{e.ID, e.Endpoint, e.IAM, "OTC"})
	}
	slices.SortFunc(rows, func(a, b row) int { return strings.Compare(a.region, b.region) })

	var b strings.Builder
	fmt.Fprintf(&b, "%-17s %-5s %-50s %s\n", "region", "from", "wrapper.Endpoint", "wrapper.IAMEndpoint")
	for _, r := range rows {
		got, err := Endpoint(r.region)
		if err != nil {
			t.Errorf("%s: %v", r.region, err)
			continue
		}
		if got != r.endpoint {
			t.Errorf("%s: Endpoint = %s, the SDK (%s %s) says %s", r.region, got, tbl.Source.Repository, tbl.DLI.Path, r.endpoint)
		}
		iam, err := IAMEndpoint(r.region)
		if err != nil || iam != r.iam {
			t.Errorf("%s: IAMEndpoint = %q, %v; want %s", r.region, iam, err, r.iam)
		}
		fmt.Fprintf(&b, "%-17s %-5s %-50s %s\n", r.region, r.from, got, iam)
	}
	if got := Regions(); len(got) != len(rows) {
		t.Errorf("Regions() has %d regions, the SDK table and OTC %d: %v", len(got), len(rows), got)
	}
	t.Logf("%d regions (%s@%.7s %s, and OTC):\n%s", len(rows), tbl.Source.Repository, tbl.Source.Commit, tbl.DLI.Path, b.String())
}

func TestUnknownRegion(t *testing.T) {
	for _, f := range []func(string) (string, error){Endpoint, IAMEndpoint} {
		_, err := f("mars-north-1")
		if !errors.Is(err, ErrInvalidConfig) || !strings.Contains(err.Error(), "cn-north-4") {
			t.Errorf("want ErrInvalidConfig listing the known regions, got %v", err)
		}
	}
}

func TestRegionEndpointEnv(t *testing.T) {
	for region, want := range map[string]string{
		"cn-north-4":       "HUAWEICLOUD_SDK_REGION_DLI_CN_NORTH_4",
		"my-kualalumpur-1": "HUAWEICLOUD_SDK_REGION_DLI_MY_KUALALUMPUR_1",
		"eu-de":            "HUAWEICLOUD_SDK_REGION_DLI_EU_DE",
		"":                 "",
	} {
		if got := RegionEndpointEnv(region); got != want {
			t.Errorf("RegionEndpointEnv(%q) = %q, want %q", region, got, want)
		}
	}
}

// The per-region variable wins over the spec's table, for any region id, as in the vendor SDK's
// core/region EnvProvider; a value that is no URL is refused with the variable named.
func TestResolveEndpointFromTheEnvironment(t *testing.T) {
	const name = "HUAWEICLOUD_SDK_REGION_DLI_CN_NORTH_4"
	for _, tc := range []struct {
		desc, region, value, want, errPart string
	}{
		{"unset: the spec's endpoint", "cn-north-4", "", "https://dli.cn-north-4.myhuaweicloud.com", ""},
		{"override", "cn-north-4", "http://127.0.0.1:8080", "http://127.0.0.1:8080", ""},
		{"first of a comma-separated list, trailing slash dropped", "cn-north-4", " https://a.example/ ,https://b.example", "https://a.example", ""},
		{"blank is unset", "cn-north-4", "  ", "https://dli.cn-north-4.myhuaweicloud.com", ""},
		{"not a URL", "cn-north-4", "dli.cn-north-4.example", "", name},
		{"another region's variable does not apply", "eu-de", "http://127.0.0.1:8080", "https://dli.eu-de.otc.t-systems.com", ""},
	} {
		t.Run(tc.desc, func(t *testing.T) {
			getenv := func(k string) string {
				if k == name {
					return tc.value
				}
				return ""
			}
			got, err := resolveEndpoint(tc.region, getenv)
			if tc.errPart != "" {
				if !errors.Is(err, ErrInvalidConfig) || !strings.Contains(err.Error(), tc.errPart) {
					t.Fatalf("want ErrInvalidConfig naming %s, got %v", tc.errPart, err)
				}
				return
			}
			if err != nil || got != tc.want {
				t.Fatalf("resolveEndpoint = %q, %v; want %q", got, err, tc.want)
			}
		})
	}
	// A region the spec does not list resolves when its variable is set.
	got, err := resolveEndpoint("xx-new-1", func(k string) string {
		if k == "HUAWEICLOUD_SDK_REGION_DLI_XX_NEW_1" {
			return "https://dli.xx-new-1.example"
		}
		return ""
	})
	if err != nil || got != "https://dli.xx-new-1.example" {
		t.Fatalf("unlisted region with override: %q, %v", got, err)
	}
}

// ConfigFromEnv reads the same variable, after DLI_ENDPOINT, and the IAM endpoint variable.
func TestConfigFromEnvReadsTheRegionOverrides(t *testing.T) {
	t.Setenv(EnvRegion, "eu-de")
	t.Setenv(EnvEndpoint, "")
	t.Setenv("HUAWEICLOUD_SDK_REGION_DLI_EU_DE", "http://127.0.0.1:9")
	t.Setenv(EnvIAMEndpoint, "https://iam.example")
	c := ConfigFromEnv()
	if c.Endpoint != "http://127.0.0.1:9" || c.IAMEndpoint != "https://iam.example" {
		t.Fatalf("Endpoint %q, IAMEndpoint %q", c.Endpoint, c.IAMEndpoint)
	}
	t.Setenv(EnvEndpoint, "http://127.0.0.1:10")
	if c := ConfigFromEnv(); c.Endpoint != "http://127.0.0.1:10" {
		t.Fatalf("DLI_ENDPOINT must win, got %q", c.Endpoint)
	}
}
