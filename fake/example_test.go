package fake_test

import (
	"context"
	"fmt"
	"log"
	"time"

	"github.com/dli-openapi/enhanced-connections/fake"
	"github.com/dli-openapi/enhanced-connections/gen"
	"github.com/dli-openapi/enhanced-connections/wrapper"
)

// A test of a client against the fake: a create whose answer is lost on the way back (the fake
// ran it, then dropped the connection), and what the fake saw: one create, one connection.
func Example() {
	srv, err := fake.Start(fake.Options{ActivationDelay: time.Minute})
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()
	srv.InjectFaults("CreateEnhancedConnection", fake.Fault{Drop: true, AfterHandler: true})
	const project = "48cc2c48765f481480c7db940d6409d1"
	client, err := wrapper.New(wrapper.Config{Endpoint: srv.URL(), ProjectID: project})
	if err != nil {
		log.Fatal(err)
	}
	_, err = client.CreateEnhancedConnection(context.Background(), gen.CreateEnhancedConnectionRequest{
		Name: "lost_answer", DestVpcID: "vpc-1", DestNetworkID: "subnet-1",
	})
	_ = err // the answer was lost; a create is never sent twice
	fmt.Println(srv.Calls("CreateEnhancedConnection"), srv.Connections(project))
	// Output:
	// 1 1
}
