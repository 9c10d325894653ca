package wrapper

import (
	"fmt"
	"net/url"
	"os"
	"slices"
	"strings"
	"sync"
)

// Endpoints are read from the spec's `servers` (each a URL template with a `region` variable and
// the enum of its regions), as the generated rules carry them (see rules.go), so that adding a
// region to the spec and running go generate is the only change needed.
var endpoints struct {
	once    sync.Once
	byID    map[string]string
	iamByID map[string]string // from each server's x-iam-url
	regions []string
	err     error
}

func loadEndpoints() {
	rules, err := loadRules()
	if err != nil {
		endpoints.err = fmt.Errorf("wrapper: endpoints: %w", err)
		return
	}
	endpoints.byID = make(map[string]string)
	endpoints.iamByID = make(map[string]string)
	for _, s := range rules.Servers {
		regions, ok := s.Variables["region"]
		if !ok {
			continue
		}
		for _, region := range regions {
			if _, dup := endpoints.byID[region]; dup {
				endpoints.err = fmt.Errorf("wrapper: spec lists region %q under two servers", region)
				return
			}
			endpoints.byID[region] = strings.ReplaceAll(s.URL, "{region}", region)
			if s.IAMURL != "" {
				endpoints.iamByID[region] = strings.ReplaceAll(s.IAMURL, "{region}", region)
			}
			endpoints.regions = append(endpoints.regions, region)
		}
	}
	slices.Sort(endpoints.regions)
}

// Regions returns the region ids the spec knows, sorted: Huawei Cloud's, Huawei Cloud Europe's
// and Open Telekom Cloud's.
func Regions() []string {
	endpoints.once.Do(loadEndpoints)
	return slices.Clone(endpoints.regions)
}

// Endpoint returns the base URL of DLI in region, e.g. "https://dli.eu-de.otc.t-systems.com"
// for "eu-de". An unknown region is an error that lists the known ones (the vendor SDK panics).
func Endpoint(region string) (string, error) {
	endpoints.once.Do(loadEndpoints)
	if endpoints.err != nil {
		return "", endpoints.err
	}
	u, ok := endpoints.byID[region]
	if !ok {
		return "", fmt.Errorf("%w: unknown region %q; known regions: %s (or set Endpoint)",
			ErrInvalidConfig, region, strings.Join(endpoints.regions, ", "))
	}
	return u, nil
}

// IAMEndpoint returns the IAM endpoint that answers project lookups for region, from the
// x-iam-url of the spec's server of that region, e.g. "https://iam.eu-de.otc.t-systems.com" for
// "eu-de" and "https://iam.myhuaweicloud.com" (the global one, as the vendor SDK picks it) for
// "af-north-1". An unknown region is an error that lists the known ones.
func IAMEndpoint(region string) (string, error) {
	endpoints.once.Do(loadEndpoints)
	if endpoints.err != nil {
		return "", endpoints.err
	}
	u, ok := endpoints.iamByID[region]
	if !ok {
		return "", fmt.Errorf("%w: no IAM endpoint for region %q; known regions: %s (or set IAMEndpoint or %s)",
			ErrInvalidConfig, region, strings.Join(endpoints.regions, ", "), EnvIAMEndpoint)
	}
	return u, nil
}

// envRegionPrefix and dliService make the vendor SDK's per-region endpoint variable of DLI:
// its core/region EnvProvider reads HUAWEICLOUD_SDK_REGION_<SERVICE>_<REGION>, the region id in
// upper case with "-" as "_", before its static region table.
const (
	envRegionPrefix = "HUAWEICLOUD_SDK_REGION_"
	dliService      = "DLI"
)

// RegionEndpointEnv returns the name of the environment variable that overrides the endpoint of
// DLI in region, the vendor SDK's own, so a machine set up for the SDK works unchanged:
// "HUAWEICLOUD_SDK_REGION_DLI_CN_NORTH_4" for "cn-north-4". It is "" for an empty region.
func RegionEndpointEnv(region string) string {
	if region == "" {
		return ""
	}
	return envRegionPrefix + dliService + "_" + strings.ToUpper(strings.ReplaceAll(region, "-", "_"))
}

// EndpointFromEnv returns the endpoint that RegionEndpointEnv(region) sets, and whether it is
// set. The SDK allows a comma-separated list (it fails over between them); the first entry is
// the endpoint, as a client of ours talks to one.
func EndpointFromEnv(region string) (string, bool) {
	return endpointFromEnv(region, os.Getenv)
}

func endpointFromEnv(region string, getenv func(string) string) (string, bool) {
	name := RegionEndpointEnv(region)
	if name == "" {
		return "", false
	}
	first, _, _ := strings.Cut(getenv(name), ",")
	first = strings.TrimSpace(first)
	return first, first != ""
}

// ResolveEndpoint returns the base URL of DLI in region as the vendor SDK resolves it: the
// per-region environment variable (RegionEndpointEnv) first, for any region id, then the spec's
// servers (Endpoint). An override that is not an http or https URL with a host is an error that
// names the variable.
func ResolveEndpoint(region string) (string, error) {
	return resolveEndpoint(region, os.Getenv)
}

func resolveEndpoint(region string, getenv func(string) string) (string, error) {
	e, ok := endpointFromEnv(region, getenv)
	if !ok {
		return Endpoint(region)
	}
	u, err := url.Parse(e)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return "", fmt.Errorf("%w: %s is %q, not an http or https URL with a host", ErrInvalidConfig, RegionEndpointEnv(region), e)
	}
	return strings.TrimSuffix(e, "/"), nil
}
