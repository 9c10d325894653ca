package wrapper_test

import (
	"context"
	"fmt"
	"log"
	"sync"
	"time"

	"github.com/dli-openapi/enhanced-connections/fake"
	"github.com/dli-openapi/enhanced-connections/wrapper"
)

// A service shares one Client among all its goroutines: the client's own transport keeps a
// connection for every call in flight (HTTP/2 when the gateway offers it). MaxConnsPerHost
// caps the connections when a proxy or gateway limits them; IdleConnTimeout says how long an
// unused one stays open; CloseIdleConnections closes them at once when the service is done
// with the client.
func ExampleClient_CloseIdleConnections() {
	srv, err := fake.Start(fake.Options{})
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()

	client, err := wrapper.New(wrapper.Config{
		Endpoint:        srv.URL(),
		ProjectID:       exampleProject,
		MaxConnsPerHost: 16,               // at most 16 connections; more calls wait for one
		IdleConnTimeout: 30 * time.Second, // the default is 90 s
	})
	if err != nil {
		log.Fatal(err)
	}
	defer client.CloseIdleConnections()

	var wg sync.WaitGroup
	errs := make(chan error, 32)
	for range 32 {
		wg.Go(func() {
			_, err := client.ListEnhancedConnections(context.Background(), nil)
			errs <- err
		})
	}
	wg.Wait()
	close(errs)
	failed := 0
	for err := range errs {
		if err != nil {
			failed++
		}
	}
	fmt.Println("calls that failed:", failed)
	// Output: calls that failed: 0
}
