package credentials_test

import (
	"context"
	"fmt"
	"net/http"
	"time"

	"github.com/dli-openapi/enhanced-connections/wrapper/credentials"
	"github.com/dli-openapi/enhanced-connections/wrapper/signer"
)

// Discover reads the variables and files of the chain, without a network call, and says where
// it looked; a Cache keeps the keys of the source it found and renews temporary ones.
func ExampleDiscover() {
	env := map[string]string{"OS_ACCESS_KEY": "OTCAKEXAMPLE", "OS_SECRET_KEY": "example-secret-key", "OS_PROJECT_NAME": "eu-de_sub"}
	d := credentials.Discover(credentials.DiscoverOptions{Getenv: func(k string) string { return env[k] }, HomeDir: "/nonexistent"})
	if d.Err != nil {
		fmt.Println(d.Err)
		return
	}
	fmt.Println(d.Source, "-", d.Kind)
	fmt.Println("region", d.Region.Value, "from", d.Region.From)
	fmt.Println("project", d.ProjectName.Value, "from", d.ProjectName.From)

	keys := credentials.NewCache(d.Provider, credentials.CacheOptions{})
	v, err := keys.Retrieve(context.Background())
	if err != nil {
		fmt.Println(err)
		return
	}
	req, _ := http.NewRequest(http.MethodGet, "https://dli.eu-de.otc.t-systems.com/v1.0/projects", nil)
	if err := signer.New(v.Credentials()).Sign(req); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("signed by %s, secret %v\n", v.AccessKey, v.SecretKey)
	// Output:
	// environment ($OS_ACCESS_KEY, $OS_SECRET_KEY) - fixed
	// region eu-de from $OS_PROJECT_NAME (the region its name starts with)
	// project eu-de_sub from $OS_PROJECT_NAME
	// signed by OTCAKEXAMPLE, secret [REDACTED]
}

// A Cache renews a provider's temporary keys from 15 minutes before they expire, in one
// background refresh, and reports each refresh to OnRefresh.
func ExampleCache() {
	now := time.Date(2026, 12, 6, 12, 0, 0, 0, time.UTC)
	serial := 0
	issue := credentials.ProviderFunc(func(context.Context) (credentials.Value, error) {
		serial++
		return credentials.Value{AccessKey: fmt.Sprintf("TEMPAK%d", serial), SecretKey: signer.NewSecret("s"),
			SecurityToken: signer.NewSecret("t"), Expires: now.Add(time.Hour), Source: "example"}, nil
	})
	refreshed := make(chan string, 2)
	keys := credentials.NewCache(issue, credentials.CacheOptions{
		Now:       func() time.Time { return now },
		OnRefresh: func(v credentials.Value, err error) { refreshed <- v.AccessKey },
	})
	v, _ := keys.Retrieve(context.Background())
	fmt.Println("first:", v.AccessKey, "until", v.Expires.Format(time.Kitchen))
	fmt.Println("refreshed:", <-refreshed)

	now = now.Add(50 * time.Minute) // 10 minutes left: a refresh starts, this call goes on
	v, _ = keys.Retrieve(context.Background())
	fmt.Println("meanwhile:", v.AccessKey)
	fmt.Println("refreshed:", <-refreshed)
	v, _ = keys.Retrieve(context.Background())
	fmt.Println("then:", v.AccessKey)
	// Output:
	// first: TEMPAK1 until 1:00PM
	// refreshed: TEMPAK1
	// meanwhile: TEMPAK1
	// refreshed: TEMPAK2
	// then: TEMPAK2
}
