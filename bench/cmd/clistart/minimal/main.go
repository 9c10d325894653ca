// Command minimal is the smallest program that does what `edsconn list` does over the network:
// one GET of the connection list, signed with the AK/SK of $HUAWEICLOUD_SDK_AK and
// $HUAWEICLOUD_SDK_SK (the signer package and net/http, nothing else), the answer copied to
// stdout. cmd/clistart runs it beside edsconn as the floor of a command's start:
//
//	minimal ENDPOINT PROJECT_ID
package main

import (
	"fmt"
	"io"
	"net/http"
	"os"

	"github.com/dli-openapi/enhanced-connections/wrapper/signer"
)

func main() {
	if err := run(os.Args[1], os.Args[2]); err != nil {
		fmt.Fprintln(os.Stderr, "minimal:", err)
		os.Exit(1)
	}
}

func run(endpoint, projectID string) error {
	req, err := http.NewRequest(http.MethodGet, endpoint+"/v2.0/"+projectID+"/datasource/enhanced-connections", nil)
	if err != nil {
		return err
	}
	req.Header.Set("X-Project-Id", projectID)
	s := signer.New(signer.Keys(os.Getenv("HUAWEICLOUD_SDK_AK"), os.Getenv("HUAWEICLOUD_SDK_SK")))
	if err := s.Sign(req); err != nil {
		return err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("HTTP %d", resp.StatusCode)
	}
	_, err = io.Copy(os.Stdout, resp.Body)
	return err
}
