package wrapper_test

import (
	"context"
	"errors"
	"fmt"
	"log"
	"time"

	"github.com/dli-openapi/enhanced-connections/fake"
	"github.com/dli-openapi/enhanced-connections/gen"
	"github.com/dli-openapi/enhanced-connections/wrapper"
	"github.com/dli-openapi/enhanced-connections/wrapper/signer"
)

const exampleProject = "48cc2c48765f481480c7db940d6409d1"

// The documented procedure: create a connection, then wait until it and the peering of each
// of its queues are ACTIVE. The fake DLI stands in for the service, with AK/SK checking on.
func Example() {
	srv, err := fake.Start(fake.Options{
		Credentials:     map[string]string{"EXAMPLEAK": "EXAMPLESK"},
		ActivationDelay: 300 * time.Millisecond,
	})
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()

	client, err := wrapper.New(wrapper.Config{
		Endpoint:    srv.URL(), // or Region: "eu-de", "cn-north-4", ...
		ProjectID:   exampleProject,
		Credentials: signer.Keys("EXAMPLEAK", "EXAMPLESK"),
	})
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()
	ip, host := "192.168.0.1", "ecs-97f8-0001"
	created, err := client.CreateEnhancedConnection(ctx, gen.CreateEnhancedConnectionRequest{
		Name:          "test1",
		DestVpcID:     "22094d8f-c310-4621-913d-4c4d655d8495",
		DestNetworkID: "78f2562a-36e4-4b39-95b9-f5aab22e1281",
		Queues:        []string{"q1", "q2"},
		Hosts:         []gen.Host{{Name: host, IP: ip}},
	})
	if err != nil {
		log.Fatal(err)
	}
	conn, err := client.WaitActive(ctx, created.ConnectionID, wrapper.WithPollInterval(100*time.Millisecond))
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(conn.Name, conn.Status)
	for _, q := range conn.AvailableQueueInfo {
		fmt.Println(q.Name, q.Status)
	}
	// Output:
	// test1 ACTIVE
	// q1 ACTIVE
	// q2 ACTIVE
}

// Invalid requests fail before anything is sent, naming the field and the rule.
func ExampleValidationError() {
	client, err := wrapper.New(wrapper.Config{Endpoint: "http://127.0.0.1:9", ProjectID: exampleProject})
	if err != nil {
		log.Fatal(err)
	}
	_, err = client.CreateEnhancedConnection(context.Background(), gen.CreateEnhancedConnectionRequest{
		Name:          "my-connection",
		DestVpcID:     "22094d8f-c310-4621-913d-4c4d655d8495",
		DestNetworkID: "78f2562a-36e4-4b39-95b9-f5aab22e1281",
	})
	var invalid *wrapper.ValidationError
	if errors.As(err, &invalid) {
		for _, v := range invalid.Violations {
			fmt.Println(v.In, v.Field, v.Rule)
		}
	}
	// Output:
	// body name pattern
}

// DLI answers a missing connection with 400 and DLI.0001; IsNotFound recognises it.
func ExampleIsNotFound() {
	srv, err := fake.Start(fake.Options{})
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()
	client, err := wrapper.New(wrapper.Config{Endpoint: srv.URL(), ProjectID: exampleProject})
	if err != nil {
		log.Fatal(err)
	}
	_, err = client.ShowEnhancedConnection(context.Background(), "2a620c33-5609-40c9-affd-2b6453071b0f")
	var apiErr *wrapper.APIError
	if errors.As(err, &apiErr) {
		fmt.Println(apiErr.StatusCode, apiErr.Code, wrapper.IsNotFound(err))
	}
	// Output:
	// 400 DLI.0001 true
}

// Connections ranges over every page of the list.
func ExampleClient_Connections() {
	srv, err := fake.Start(fake.Options{})
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()
	client, err := wrapper.New(wrapper.Config{Endpoint: srv.URL(), ProjectID: exampleProject})
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()
	for i := range 5 {
		_, err := client.CreateEnhancedConnection(ctx, gen.CreateEnhancedConnectionRequest{
			Name: fmt.Sprintf("conn_%d", i), DestVpcID: "vpc", DestNetworkID: "subnet",
		})
		if err != nil {
			log.Fatal(err)
		}
	}
	pageSize := int32(2)
	n := 0
	for conn, err := range client.Connections(ctx, &gen.ListEnhancedConnectionsParams{Limit: &pageSize}) {
		if err != nil {
			log.Fatal(err)
		}
		n++
		fmt.Println(conn.Name)
	}
	fmt.Println(n, "connections in pages of", pageSize, "after", srv.Calls("ListEnhancedConnections"), "list calls")
	// Output:
	// conn_0
	// conn_1
	// conn_2
	// conn_3
	// conn_4
	// 5 connections in pages of 2 after 3 list calls
}

// A filter on the list: only ACTIVE connections, every page.
func ExampleClient_Connections_active() {
	srv, err := fake.Start(fake.Options{})
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()
	client, err := wrapper.New(wrapper.Config{Endpoint: srv.URL(), ProjectID: exampleProject})
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()
	active := &gen.ListEnhancedConnectionsParams{Status: wrapper.Ptr(string(gen.ConnectionActive))}
	for conn, err := range client.Connections(ctx, active) {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(conn.Name)
	}
	fmt.Println("listed")
	// Output:
	// listed
}

// Ptr gives the pointers of the optional query parameters, where absent and zero differ
// (limit=0 means every connection in one answer).
func ExamplePtr() {
	srv, err := fake.Start(fake.Options{})
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()
	client, err := wrapper.New(wrapper.Config{Endpoint: srv.URL(), ProjectID: exampleProject})
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()
	page, err := client.ListEnhancedConnections(ctx, &gen.ListEnhancedConnectionsParams{Limit: wrapper.Ptr(int32(10))})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(len(page.Connections), page.Count)
	// Output:
	// 0 0
}
