package wrapper_test

import (
	"context"
	"log"
	"net/http"

	"github.com/dli-openapi/enhanced-connections/wrapper/credentials"
	"github.com/dli-openapi/enhanced-connections/wrapper/signer"
)

// The credentials chain and its cache on their own, for a call of any other API of these clouds:
// the lines package credentials' doc shows. It reads the machine's configuration, so it is
// compiled, not run.
func Example_credentials() {
	ctx := context.Background()
	d := credentials.Discover(credentials.DiscoverOptions{})
	if d.Err != nil {
		log.Fatal(d.Err) // a source set up in part: d.Err names it, d.Looked lists the chain
	}
	keys := credentials.NewCache(d.Provider, credentials.CacheOptions{})
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, "https://iam.eu-de.otc.t-systems.com/v3/projects", nil)
	if err != nil {
		log.Fatal(err)
	}
	v, err := keys.Retrieve(ctx)
	if err != nil {
		log.Fatal(err)
	}
	err = signer.New(v.Credentials()).Sign(req)
	if err != nil {
		log.Fatal(err)
	}
}
