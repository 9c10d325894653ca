// Command ours creates one enhanced connection with the wrapper of this repository: the
// program whose dependency weight weight.sh measures. It lives in the bench module so that
// `go vet ./...` there fails when the wrapper's API moves under it.
package main

import (
	"context"
	"fmt"
	"os"

	"github.com/dli-openapi/enhanced-connections/gen"
	"github.com/dli-openapi/enhanced-connections/wrapper"
)

func main() {
	c, err := wrapper.New(wrapper.ConfigFromEnv())
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	out, err := c.CreateEnhancedConnection(context.Background(), gen.CreateEnhancedConnectionRequest{
		Name:          "rds_conn",
		DestVpcID:     "22094d8f-c310-4621-913d-4c4d655d8495",
		DestNetworkID: "78f2562a-36e4-4b39-95b9-f5aab22e1281",
		Queues:        []string{"q1"},
	})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Println(out.ConnectionID)
}
