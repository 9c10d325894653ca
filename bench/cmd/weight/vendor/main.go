// Command vendor creates one enhanced connection with the vendor SDK: the program weight.sh
// measures against cmd/weight/ours.
package main

import (
	"fmt"
	"os"

	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core/auth/basic"
	dli "github.com/huaweicloud/huaweicloud-sdk-go-v3/services/dli/v1"
	"github.com/huaweicloud/huaweicloud-sdk-go-v3/services/dli/v1/model"
)

func main() {
	auth := basic.NewCredentialsBuilder().
		WithAk(os.Getenv("HUAWEICLOUD_SDK_AK")).
		WithSk(os.Getenv("HUAWEICLOUD_SDK_SK")).
		WithProjectId(os.Getenv("HUAWEICLOUD_SDK_PROJECT_ID")).
		Build()
	client := dli.NewDliClient(dli.DliClientBuilder().
		WithEndpoints([]string{os.Getenv("DLI_ENDPOINT")}).
		WithCredential(auth).
		Build())
	queues := []string{"q1"}
	out, err := client.CreateEnhancedConnection(&model.CreateEnhancedConnectionRequest{
		Body: &model.CreateEnhancedConnectionRequestBody{
			Name:          "rds_conn",
			DestVpcId:     "22094d8f-c310-4621-913d-4c4d655d8495",
			DestNetworkId: "78f2562a-36e4-4b39-95b9-f5aab22e1281",
			Queues:        &queues,
		},
	})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Println(*out.ConnectionId)
}
