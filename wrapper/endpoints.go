package wrapper

import (
	"fmt"
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
