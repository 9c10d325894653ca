// Command vendor is the cold-start program of the vendor SDK: a DliClient built with the SDK's
// defaults and one ShowEnhancedConnection against the endpoint given as its argument. It prints
// the wall-clock time at main's start and the time from there to the decoded answer, in
// nanoseconds; cmd/coldstart runs it. It uses the SDK directly, not internal/vendorsdk, so that
// it links nothing of ours but the test constants.
package main

import (
	"fmt"
	"os"
	"time"

	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core/auth/basic"
	dli "github.com/huaweicloud/huaweicloud-sdk-go-v3/services/dli/v1"
	"github.com/huaweicloud/huaweicloud-sdk-go-v3/services/dli/v1/model"

	"github.com/dli-openapi/enhanced-connections/bench/internal/fixture"
)

func main() {
	start := time.Now()
	auth := basic.NewCredentialsBuilder().WithAk(fixture.AK).WithSk(fixture.SK).WithProjectId(fixture.ProjectID).Build()
	c := dli.NewDliClient(dli.DliClientBuilder().WithEndpoints([]string{os.Args[1]}).WithCredential(auth).Build())
	out, err := c.ShowEnhancedConnection(&model.ShowEnhancedConnectionRequest{ConnectionId: fixture.ShowID})
	elapsed := time.Since(start)
	if err != nil || out.Hosts == nil || len(*out.Hosts) != fixture.ShowHosts {
		fmt.Fprintln(os.Stderr, "show:", err)
		os.Exit(1)
	}
	fmt.Println(start.UnixNano(), elapsed.Nanoseconds())
}
