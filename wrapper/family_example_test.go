package wrapper_test

import (
	"context"
	"fmt"
	"log"

	"github.com/dli-openapi/enhanced-connections/fake"
	"github.com/dli-openapi/enhanced-connections/gen"
	"github.com/dli-openapi/enhanced-connections/wrapper"
)

// Share a connection with another project, so that it can bind its queues to it: grant
// BIND_QUEUE on the object edsconnections.<connection id>, as the vendor's Terraform provider
// does. The grant shows in the connection's privileges, and isPrivis turns false (inverted, as
// both clouds document it).
func ExampleClient_RunAuthorizationAction() {
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
	created, err := client.CreateEnhancedConnection(ctx, gen.CreateEnhancedConnectionRequest{
		Name: "shared_conn", DestVpcID: "vpc", DestNetworkID: "subnet",
	})
	if err != nil {
		log.Fatal(err)
	}
	object := "edsconnections." + created.ConnectionID
	_, err = client.RunAuthorizationAction(ctx, gen.RunAuthorizationActionRequest{
		ProjectID:  "330e068af1334c9782f4226acc00a2e2",
		Action:     gen.AuthorizationGrant,
		Privileges: []gen.ObjectPrivileges{{Object: object, Privileges: []string{"BIND_QUEUE"}}},
	})
	if err != nil {
		log.Fatal(err)
	}
	privs, err := client.ShowEnhancedConnectionPrivilege(ctx, created.ConnectionID)
	if err != nil {
		log.Fatal(err)
	}
	for _, p := range privs.Privileges {
		fmt.Println(p.ApplicantProjectID, p.Privileges)
	}
	conn, err := client.ShowEnhancedConnection(ctx, created.ConnectionID)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("isPrivis:", *conn.IsPrivis)
	// Output:
	// 330e068af1334c9782f4226acc00a2e2 [BIND_QUEUE]
	// isPrivis: false
}

// Tag connections at create and through the tag API, then find them by their tags.
func ExampleClient_BatchCreateResourceTags() {
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
	created, err := client.CreateEnhancedConnection(ctx, gen.CreateEnhancedConnectionRequest{
		Name: "rds_conn", DestVpcID: "vpc", DestNetworkID: "subnet",
		Tags: []gen.Tag{{Key: "env", Value: "prod"}},
	})
	if err != nil {
		log.Fatal(err)
	}
	err = client.BatchCreateResourceTags(ctx, created.ConnectionID, gen.BatchCreateResourceTagsRequest{
		Tags: []gen.Tag{{Key: "team", Value: "data"}},
	})
	if err != nil {
		log.Fatal(err)
	}
	tags, err := client.ShowResourceTags(ctx, created.ConnectionID, nil)
	if err != nil {
		log.Fatal(err)
	}
	for _, t := range tags.Tags {
		fmt.Printf("%s=%s\n", t.Key, t.Value)
	}
	found, err := client.ListResourcesByTags(ctx, nil, gen.ResourceInstancesFilter{
		Tags: []gen.TagWithValues{{Key: "team", Values: []string{"data"}}},
	})
	if err != nil {
		log.Fatal(err)
	}
	for _, r := range found.Resources {
		fmt.Println(r.ResourceName, r.ResourceID == created.ConnectionID)
	}
	// Output:
	// env=prod
	// team=data
	// rds_conn true
}
