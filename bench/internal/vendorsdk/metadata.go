package vendorsdk

import (
	"fmt"
	"net/http"

	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core/auth"
	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core/auth/basic"
	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core/auth/provider"
	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core/config"
	dli "github.com/huaweicloud/huaweicloud-sdk-go-v3/services/dli/v1"
)

// MetadataSource is one of the two ways the SDK's documentation gives a program on an ECS
// instance its agency's temporary keys from the metadata service.
type MetadataSource int

const (
	// MetadataProvider is provider.MetadataBasicCredentialProvider: it fetches the keys once
	// while the credentials are built (the last step of the SDK's default provider chain).
	MetadataProvider MetadataSource = iota
	// MetadataBuilder is basic.NewCredentialsBuilder() without an AK or SK: SafeBuild installs
	// the metadata accessor and the first request fetches the keys.
	MetadataBuilder
)

// String names the source in the measurements' tables.
func (s MetadataSource) String() string {
	switch s {
	case MetadataProvider:
		return "provider"
	case MetadataBuilder:
		return "builder"
	}
	return fmt.Sprintf("MetadataSource(%d)", int(s))
}

// NewFromMetadata builds a DliClient for endpoint on temporary keys from the metadata service
// (which the SDK always reaches at http://169.254.169.254 through http.DefaultTransport). The
// DLI requests go through transport.
func NewFromMetadata(endpoint, projectID string, src MetadataSource, transport *http.Transport) (*Client, error) {
	var cred auth.ICredential
	switch src {
	case MetadataProvider:
		c, err := (&provider.MetadataBasicCredentialProvider{ProjectId: projectID}).GetCredentials()
		if err != nil {
			return nil, fmt.Errorf("vendor metadata provider: %w", err)
		}
		cred = c
	case MetadataBuilder:
		c, err := basic.NewCredentialsBuilder().WithProjectId(projectID).SafeBuild()
		if err != nil {
			return nil, fmt.Errorf("vendor credentials builder: %w", err)
		}
		cred = c
	default:
		return nil, fmt.Errorf("vendorsdk: unknown metadata source %d", int(src))
	}
	hc, err := dli.DliClientBuilder().WithEndpoints([]string{endpoint}).WithCredential(cred).
		WithHttpConfig(config.DefaultHttpConfig().WithHttpTransport(transport)).SafeBuild()
	if err != nil {
		return nil, fmt.Errorf("vendor DLI client: %w", err)
	}
	return &Client{dli.NewDliClient(hc)}, nil
}
