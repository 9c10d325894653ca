package wrapper_test

import (
	"context"
	"fmt"
	"log"
	"net/http"

	"github.com/dli-openapi/enhanced-connections/fake"
	"github.com/dli-openapi/enhanced-connections/wrapper"
	"github.com/dli-openapi/enhanced-connections/wrapper/credentials"
	"github.com/dli-openapi/enhanced-connections/wrapper/signer"
)

// On a cloud server the client signs with the temporary keys of the server's agency, which the
// ECS metadata service hands out and the client renews before they expire. Here the fake plays
// the metadata service too; on a server, wrapper.ConfigFromEnv() with a region finds it by itself.
func ExampleConfig_credentialsProvider() {
	srv, err := fake.Start(fake.Options{Platform: fake.PlatformOptions{Metadata: true}})
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()

	client, err := wrapper.New(wrapper.Config{
		Endpoint:            srv.URL(),
		ProjectID:           exampleProject,
		CredentialsProvider: credentials.NewMetadata(srv.URL(), nil), // nil: short timeouts, no proxy
	})
	if err != nil {
		log.Fatal(err)
	}
	for range 3 {
		if _, err := client.ListEnhancedConnections(context.Background(), nil); err != nil {
			log.Fatal(err)
		}
	}
	keys := srv.IssuedKeys()
	fmt.Println(len(keys), "key set from the", keys[0].Source, "service for 3 calls")
	fmt.Println(srv.Calls(fake.MetadataKeysOperationID), "keys request")
	// Output:
	// 1 key set from the metadata service for 3 calls
	// 1 keys request
}

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
