package main

import (
	"strings"
	"testing"
	"time"

	"github.com/dli-openapi/enhanced-connections/bench/internal/metadata"
	"github.com/dli-openapi/enhanced-connections/bench/internal/vendorsdk"
)

// The tests below pin, with sequential calls only (so that they pass under -race), the vendor
// behaviour that results/credentials-vendor.txt reports: if a new vendor version changes it,
// they fail and the figures must be measured again. The concurrent figures come only from the
// program (go run ./cmd/credentials), never from a test.

// TestVendorMetadataCallsByPhase: outside the vendor's 40-minute window no request calls the
// metadata service; inside it every request makes one key GET; the token is taken once.
func TestVendorMetadataCallsByPhase(t *testing.T) {
	cases := []struct {
		src         vendorsdk.MetadataSource
		life        time.Duration
		build, reqs metadata.Counts
	}{
		{vendorsdk.MetadataProvider, outsideLife, metadata.Counts{TokenPUTs: 1, KeyGETs: 1}, metadata.Counts{}},
		{vendorsdk.MetadataProvider, insideLife, metadata.Counts{TokenPUTs: 1, KeyGETs: 1}, metadata.Counts{KeyGETs: 40}},
		{vendorsdk.MetadataBuilder, outsideLife, metadata.Counts{}, metadata.Counts{TokenPUTs: 1, KeyGETs: 1}},
		{vendorsdk.MetadataBuilder, insideLife, metadata.Counts{}, metadata.Counts{TokenPUTs: 1, KeyGETs: 40}},
	}
	for _, c := range cases {
		t.Run(c.src.String()+" "+minutes(c.life), func(t *testing.T) {
			r, err := measurePhase(c.src, c.life, sequential)
			if err != nil {
				t.Fatal(err)
			}
			if r.build != c.build || r.calls != c.reqs {
				t.Errorf("metadata calls while building %+v, during 40 requests %+v; want %+v and %+v", r.build, r.calls, c.build, c.reqs)
			}
			if r.failed != 0 || r.dliCheck != "40 signed with the served keys" {
				t.Errorf("%d calls failed (%v); DLI: %s", r.failed, r.errs, r.dliCheck)
			}
		})
	}
}

// TestVendorTokenRenewal: after the session token expired, a refresh takes a new token once and
// fetches the keys again.
func TestVendorTokenRenewal(t *testing.T) {
	for _, src := range []vendorsdk.MetadataSource{vendorsdk.MetadataProvider, vendorsdk.MetadataBuilder} {
		got, err := tokenRenewal(src)
		if err != nil {
			t.Fatalf("%s: %v", src, err)
		}
		if want := (metadata.Counts{TokenPUTs: 1, KeyGETs: 2, Unauthorized: 1}); got != want {
			t.Errorf("%s: %+v, want %+v", src, got, want)
		}
	}
}

// TestVendorFailsWhileMetadataIsDown: with valid keys cached, every call inside the refresh
// window fails while the service is down (503 or a closed port), and no call outside it does.
func TestVendorFailsWhileMetadataIsDown(t *testing.T) {
	const n = 5
	cases := []struct {
		life    time.Duration
		how     string
		failed  int
		errPart string
	}{
		{insideLife, down503, n, `"status_code":503`},
		{insideLife, downClosed, n, "connect: connection refused"},
		{outsideLife, down503, 0, ""},
		{outsideLife, downClosed, 0, ""},
	}
	for _, c := range cases {
		for _, src := range []vendorsdk.MetadataSource{vendorsdk.MetadataProvider, vendorsdk.MetadataBuilder} {
			t.Run(src.String()+" "+minutes(c.life)+" "+c.how, func(t *testing.T) {
				r, err := measureOutage(src, c.life, c.how, n)
				if err != nil {
					t.Fatal(err)
				}
				if r.failed != c.failed || int(r.attempts) != c.failed {
					t.Errorf("%d calls failed after %d metadata attempts, want %d and %d", r.failed, r.attempts, c.failed, c.failed)
				}
				for e := range r.errs {
					if !strings.Contains(e, c.errPart) || strings.Contains(e, "127.0.0.1") {
						t.Errorf("error %q, want one with %q and no emulator address", e, c.errPart)
					}
				}
			})
		}
	}
}

// raceReport is the race detector's output for two reports of one pair of locations, with
// the sides swapped and through other callers, and one report of another pair whose first
// frame is the runtime's.
const raceReport = `some output of the program
==================
WARNING: DATA RACE
Write at 0x00c0000cc2a8 by goroutine 21:
  github.com/huaweicloud/huaweicloud-sdk-go-v3/core/auth.(*BaseCredentials).ProcessSts()
      /nonexistent/core/auth/base_credentials.go:91 +0x5f6
  main.caller1()
      /nonexistent/main.go:10 +0x1

Previous read at 0x00c0000cc2a8 by goroutine 20:
  github.com/huaweicloud/huaweicloud-sdk-go-v3/core/auth.(*BaseCredentials).isExpired()
      /nonexistent/core/auth/base_credentials.go:64 +0x44

Goroutine 21 (running) created at:
  main.showCalls()
      /nonexistent/scenario.go:124 +0x104
==================
==================
WARNING: DATA RACE
Read at 0x00c0000cc2a8 by goroutine 22:
  github.com/huaweicloud/huaweicloud-sdk-go-v3/core/auth.(*BaseCredentials).isExpired()
      /nonexistent/core/auth/base_credentials.go:64 +0x44
  main.caller2()
      /nonexistent/main.go:20 +0x1

Previous write at 0x00c0000cc2a8 by goroutine 23:
  github.com/huaweicloud/huaweicloud-sdk-go-v3/core/auth.(*BaseCredentials).ProcessSts()
      /nonexistent/core/auth/base_credentials.go:91 +0x5f6

Goroutine 22 (running) created at:
  main.showCalls()
==================
==================
WARNING: DATA RACE
Read at 0x00c000100000 by goroutine 9:
  runtime.slicebytetostring()
      /usr/local/go/src/runtime/string.go:116 +0x0
  github.com/huaweicloud/huaweicloud-sdk-go-v3/core/auth/internal.(*MetadataAccessor).GetCredential()
      /nonexistent/core/auth/internal/metadata_accessor.go:143 +0x1

Previous write at 0x00c000100000 by goroutine 8:
  github.com/huaweicloud/huaweicloud-sdk-go-v3/core/auth/internal.execute()
      /nonexistent/core/auth/internal/metadata_accessor.go:73 +0x2
==================
Found 3 data race(s)
`

// TestParseRaces checks the race report parser on the shapes above.
func TestParseRaces(t *testing.T) {
	races := parseRaces(raceReport)
	if len(races) != 3 {
		t.Fatalf("%d reports, want 3", len(races))
	}
	want := []string{
		"read in auth.(*BaseCredentials).isExpired (base_credentials.go:64) ↔ write in auth.(*BaseCredentials).ProcessSts (base_credentials.go:91)",
		"read in auth.(*BaseCredentials).isExpired (base_credentials.go:64) ↔ write in auth.(*BaseCredentials).ProcessSts (base_credentials.go:91)",
		"read in internal.(*MetadataAccessor).GetCredential (metadata_accessor.go:143), through runtime.slicebytetostring ↔ write in internal.execute (metadata_accessor.go:73)",
	}
	for i, r := range races {
		if got := r.key(); got != want[i] {
			t.Errorf("report %d: key\n%s\nwant\n%s", i+1, got, want[i])
		}
	}
	var b strings.Builder
	reportRaces(&b, []raceRun{{src: vendorsdk.MetadataProvider, n: 1, summary: "s", races: races}})
	for _, part := range []string{"| provider | 1 | 3 | 2 | s |", "Distinct races over all runs: 2.", "provider 1/1"} {
		if !strings.Contains(b.String(), part) {
			t.Errorf("the report lacks %q:\n%s", part, b.String())
		}
	}
}
