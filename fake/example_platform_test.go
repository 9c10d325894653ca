package fake_test

import (
	"encoding/json"
	"fmt"
	"log"
	"net/http"
	"sync"
	"time"

	"github.com/dli-openapi/enhanced-connections/fake"
	"github.com/dli-openapi/enhanced-connections/wrapper/signer"
)

// exampleClock is a clock a test moves by hand.
type exampleClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *exampleClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *exampleClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

// agencyKeys reads the ECS metadata service the way a client on a VM does.
func agencyKeys(baseURL string) signer.Credentials {
	resp, err := http.Get(baseURL + "/openstack/latest/securitykey")
	if err != nil {
		log.Fatal(err)
	}
	defer resp.Body.Close()
	var body struct {
		Credential struct {
			Access        string `json:"access"`
			Secret        string `json:"secret"`
			SecurityToken string `json:"securitytoken"`
		} `json:"credential"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&body); err != nil {
		log.Fatal(err)
	}
	c := body.Credential
	return signer.TemporaryKeys(c.Access, c.Secret, c.SecurityToken)
}

// The fake plays the ECS metadata service beside DLI: a client takes the VM's agency keys and
// signs with them; they expire on the fake's clock, and RevokeTemporaryKeys withdraws them.
func ExamplePlatformOptions() {
	clock := &exampleClock{now: time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)}
	srv, err := fake.Start(fake.Options{Now: clock.Now, Platform: fake.PlatformOptions{Metadata: true}})
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()

	list := func(keys signer.Credentials) int {
		client := &http.Client{Transport: signer.New(keys).RoundTripper(nil)}
		resp, err := client.Get(srv.URL() + "/v2.0/48cc2c48765f481480c7db940d6409d1/datasource/enhanced-connections")
		if err != nil {
			log.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	keys := agencyKeys(srv.URL())
	fmt.Println("fresh keys:", list(keys))
	clock.Advance(time.Hour)
	fmt.Println("an hour later:", list(keys))
	keys = agencyKeys(srv.URL())
	fmt.Println("new keys:", list(keys))
	srv.RevokeTemporaryKeys()
	fmt.Println("revoked:", list(keys))
	for _, k := range srv.IssuedKeys() {
		fmt.Println(k.Source, k.Expires.Format(time.TimeOnly), k.Revoked)
	}
	fmt.Println("metadata calls:", srv.Calls(fake.MetadataKeysOperationID))
	// Output:
	// fresh keys: 200
	// an hour later: 401
	// new keys: 200
	// revoked: 401
	// metadata 13:00:00 true
	// metadata 14:00:00 true
	// metadata calls: 2
}

// A test takes IAM down to see how a client's OIDC federation copes.
func ExampleServer_SetOutage() {
	srv, err := fake.Start(fake.Options{Platform: fake.PlatformOptions{IdentityProviders: []string{"cce-idp"}}})
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()

	srv.SetOutage(fake.IAM, true)
	resp, err := http.Post(srv.URL()+"/v3.0/OS-AUTH/id-token/tokens", "application/json", nil)
	if err != nil {
		log.Fatal(err)
	}
	resp.Body.Close()
	fmt.Println(resp.StatusCode, srv.Requests()[0].OperationID)
	// Output:
	// 503 CreateTokenWithIdToken
}
