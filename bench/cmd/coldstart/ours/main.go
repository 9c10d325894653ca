// Command ours is the cold-start program of our client: wrapper.New (validation on, its own
// HTTP client, as a program that configures nothing gets) and one ShowEnhancedConnection
// against the endpoint given as its first argument; a second argument "novalidate" turns
// validation off. It prints the wall-clock time at main's start and
// the time from there to the decoded answer, in nanoseconds; cmd/coldstart runs it.
package main

import (
	"context"
	"fmt"
	"os"
	"time"

	"github.com/dli-openapi/enhanced-connections/bench/internal/fixture"
	"github.com/dli-openapi/enhanced-connections/bench/internal/ours"
)

func main() {
	start := time.Now()
	c, err := ours.New(ours.Options{Endpoint: os.Args[1], ProjectID: fixture.ProjectID, AccessKey: fixture.AK, SecretKey: fixture.SK,
		DisableValidation: len(os.Args) > 2 && os.Args[2] == "novalidate"})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	hosts, err := c.Show(fixture.ShowID)(context.Background())
	elapsed := time.Since(start)
	if err != nil || hosts != fixture.ShowHosts {
		fmt.Fprintln(os.Stderr, "show:", hosts, "hosts", err)
		os.Exit(1)
	}
	fmt.Println(start.UnixNano(), elapsed.Nanoseconds())
}
