// Command credentials measures the vendor SDK's (huaweicloud-sdk-go-v3) handling of temporary
// keys from the ECS metadata service, the "vendor" column of issue 17, against a loopback
// metadata emulator and the benchmarks' loopback DLI server:
//
//	(a) metadata calls per request by phase of a key's life, sequential and from 8 goroutines,
//	    and from them the calls per 1,000 requests across a rotation;
//	(b) calls that fail while the metadata service is down (503, closed port) with valid keys
//	    cached;
//	(c) data races of 8 goroutines sharing one client (a child process built with -race).
//
// The vendor always asks http://169.254.169.254 through http.DefaultTransport; this program
// replaces that with a transport whose dialer maps exactly 169.254.169.254:80 to the emulator
// and refuses every address that is not loopback (internal/metadata), so nothing leaves the
// machine. No figure is a timing. Run it from bench/:
//
//	go run ./cmd/credentials                       # everything: results/credentials-vendor.txt, raw race logs in results/credentials-vendor-races.txt
//	go run ./cmd/credentials -race-runs 0 -out -   # (a) and (b) only, on stdout (about 5 s)
package main

import (
	"bytes"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/debug"
	"strings"
	"time"

	"github.com/dli-openapi/enhanced-connections/bench/internal/metadata"
	"github.com/dli-openapi/enhanced-connections/bench/internal/vendorsdk"
)

func main() {
	out := flag.String("out", "results/credentials-vendor.txt", "the report's file; - for stdout only")
	rawOut := flag.String("races-out", "results/credentials-vendor-races.txt", "the race children's raw output; - for none")
	raceRuns := flag.Int("race-runs", 5, "child processes per credential source for (c); 0 skips (c)")
	outageCalls := flag.Int("outage-calls", 100, "calls per outage row of (b)")
	child := flag.String("child", "", "internal: run one child measurement (races)")
	source := flag.String("source", "provider", "internal: the child's credential source (provider or builder)")
	flag.Parse()
	if err := run(*out, *rawOut, *raceRuns, *outageCalls, *child, *source); err != nil {
		fmt.Fprintln(os.Stderr, "credentials:", err)
		os.Exit(1)
	}
}

func run(out, rawOut string, raceRuns, outageCalls int, child, source string) error {
	if child != "" {
		src, err := parseSource(source)
		if err != nil {
			return err
		}
		if child != "races" {
			return fmt.Errorf("unknown child %q", child)
		}
		return childRaces(src)
	}
	var report bytes.Buffer
	w := io.MultiWriter(os.Stdout, &report)
	header(w, raceRuns, outageCalls)

	sources := []vendorsdk.MetadataSource{vendorsdk.MetadataProvider, vendorsdk.MetadataBuilder}
	var phases []phaseResult
	renew := map[vendorsdk.MetadataSource]metadata.Counts{}
	for _, src := range sources {
		for _, life := range []time.Duration{outsideLife, insideLife} {
			for _, ld := range []load{sequential, parallel} {
				r, err := measurePhase(src, life, ld)
				if err != nil {
					return fmt.Errorf("(a) %s %s %d goroutines: %w", src, minutes(life), ld.goroutines, err)
				}
				phases = append(phases, r)
			}
		}
		c, err := tokenRenewal(src)
		if err != nil {
			return fmt.Errorf("(a) token renewal, %s: %w", src, err)
		}
		renew[src] = c
	}
	reportPhases(w, phases, renew)
	fmt.Fprintln(w)

	var outages []outageResult
	for _, src := range sources {
		for _, life := range []time.Duration{insideLife, outsideLife} {
			for _, how := range []string{down503, downClosed} {
				r, err := measureOutage(src, life, how, outageCalls)
				if err != nil {
					return fmt.Errorf("(b) %s %s %s: %w", src, minutes(life), how, err)
				}
				outages = append(outages, r)
			}
		}
	}
	reportOutages(w, outages)

	if raceRuns > 0 {
		fmt.Fprintln(w)
		var raw bytes.Buffer
		runs, err := measureRaces(raceRuns, &raw)
		if err != nil {
			return fmt.Errorf("(c): %w", err)
		}
		reportRaces(w, runs)
		if rawOut != "-" {
			if err := os.WriteFile(rawOut, raw.Bytes(), 0o644); err != nil {
				return err
			}
			fmt.Fprintf(os.Stderr, "raw race reports in %s\n", rawOut)
		}
	}
	fmt.Fprintf(w, "\nload average after: %s\n", loadAverage())
	if out == "-" {
		return nil
	}
	return os.WriteFile(out, report.Bytes(), 0o644)
}

func parseSource(s string) (vendorsdk.MetadataSource, error) {
	for _, src := range []vendorsdk.MetadataSource{vendorsdk.MetadataProvider, vendorsdk.MetadataBuilder} {
		if src.String() == s {
			return src, nil
		}
	}
	return 0, fmt.Errorf("unknown -source %q (provider or builder)", s)
}

// header says what ran where: the vendor's version, Go, the machine and its load, the command.
func header(w io.Writer, raceRuns, outageCalls int) {
	vendor := "unknown"
	if bi, ok := debug.ReadBuildInfo(); ok {
		for _, d := range bi.Deps {
			if d.Path == "github.com/huaweicloud/huaweicloud-sdk-go-v3" {
				vendor = d.Version
			}
		}
	}
	fmt.Fprintf(w, "# The vendor SDK's temporary keys from the ECS metadata service (issue 17)\n\n")
	fmt.Fprintf(w, "- vendor: github.com/huaweicloud/huaweicloud-sdk-go-v3 %s (services/dli/v1, core/auth)\n", vendor)
	fmt.Fprintf(w, "- %s %s/%s, %d CPUs, load average before: %s\n", runtime.Version(), runtime.GOOS, runtime.GOARCH, runtime.NumCPU(), loadAverage())
	fmt.Fprintf(w, "- command: cd bench && go run ./cmd/credentials -race-runs %d -outage-calls %d\n", raceRuns, outageCalls)
	fmt.Fprintf(w, "- sources: provider = provider.MetadataBasicCredentialProvider{ProjectId}.GetCredentials(); builder = basic.NewCredentialsBuilder().WithProjectId(id).SafeBuild() (no AK/SK)\n")
	fmt.Fprintf(w, "- every call is a show (GET) on the loopback DLI server, which checks its signature with the served keys and their X-Security-Token\n\n")
}

// loadAverage is the 1, 5 and 15 minute load averages, or "unknown" off Linux.
func loadAverage() string {
	b, err := os.ReadFile("/proc/loadavg")
	f := strings.Fields(string(b))
	if err != nil || len(f) < 3 {
		return "unknown"
	}
	return strings.Join(f[:3], " ")
}
