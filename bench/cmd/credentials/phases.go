package main

import (
	"fmt"
	"io"
	"time"

	"github.com/dli-openapi/enhanced-connections/bench/internal/fixture"
	"github.com/dli-openapi/enhanced-connections/bench/internal/metadata"
	"github.com/dli-openapi/enhanced-connections/bench/internal/vendorsdk"
)

// The vendor refreshes when its keys expire in less than 40 minutes
// (core/auth/base_credentials.go, defaultExpirationThresholdSeconds). Keys that expire in 50
// minutes are outside that window, keys that expire in 35 minutes inside it.
const (
	vendorWindow = 40 * time.Minute
	outsideLife  = 50 * time.Minute
	insideLife   = 35 * time.Minute
)

// The rotation model of issue 17: a key lives 1 h and the service hands out a new one 10 min
// before it expires, so one key is handed out for 50 minutes.
const (
	keyLife        = 60 * time.Minute
	rotationBefore = 10 * time.Minute
)

// load is how the calls of a measurement are made.
type load struct{ goroutines, requests int }

func (l load) String() string {
	if l.goroutines == 1 {
		return fmt.Sprintf("%d sequential requests", l.requests)
	}
	return fmt.Sprintf("%d requests from %d goroutines", l.requests, l.goroutines)
}

var (
	sequential = load{1, 40}
	parallel   = load{8, 1000}
)

// phaseResult is what one client did in one phase of a key's life.
type phaseResult struct {
	src      vendorsdk.MetadataSource
	life     time.Duration
	load     load
	build    metadata.Counts // metadata calls while the client was built
	calls    metadata.Counts // metadata calls during the requests
	failed   int
	errs     map[string]int
	dliCheck string
}

// measurePhase builds a fresh client on keys that expire life from now and makes ld's calls.
func measurePhase(src vendorsdk.MetadataSource, life time.Duration, ld load) (phaseResult, error) {
	r := phaseResult{src: src, life: life, load: ld}
	s, err := newScenario(fmt.Sprintf("%s%d%d", src, int(life.Minutes()), ld.goroutines), life)
	if err != nil {
		return r, err
	}
	defer s.close()
	c, err := s.client(src)
	if err != nil {
		return r, err
	}
	r.build = s.meta.Counts()
	r.failed, r.errs = showCalls(c, ld.goroutines, ld.requests, func(e string) string { return e })
	r.calls = s.meta.Counts().Sub(r.build)
	r.dliCheck = s.dliCheck()
	return r, nil
}

// tokenRenewal measures one call inside the window after the emulator expired the vendor's
// session token: the 401 path of the metadata accessor.
func tokenRenewal(src vendorsdk.MetadataSource) (metadata.Counts, error) {
	s, err := newScenario("renew"+src.String(), insideLife)
	if err != nil {
		return metadata.Counts{}, err
	}
	defer s.close()
	c, err := s.client(src)
	if err != nil {
		return metadata.Counts{}, err
	}
	call := c.Show(fixture.ShowID)
	if _, err := call(); err != nil { // the token is taken (builder) and the keys fetched
		return metadata.Counts{}, err
	}
	s.meta.ExpireTokens()
	before := s.meta.Counts()
	if _, err := call(); err != nil {
		return metadata.Counts{}, err
	}
	return s.meta.Counts().Sub(before), nil
}

func minutes(d time.Duration) string { return fmt.Sprintf("%d min", int(d.Minutes())) }

// perRequest is calls per request with three decimals.
func perRequest(calls int64, requests int) string {
	return fmt.Sprintf("%.3f", float64(calls)/float64(requests))
}

// reportPhases writes the table of (a) and the figure across a rotation.
func reportPhases(w io.Writer, results []phaseResult, renew map[vendorsdk.MetadataSource]metadata.Counts) {
	fmt.Fprintf(w, "## (a) Metadata calls per request by phase of a key's life\n\n")
	fmt.Fprintf(w, "A fresh client per row; the emulator hands out the same keys throughout (as the service does until 10 min before expiry).\n")
	fmt.Fprintf(w, "\"while building\": calls made by building the credentials and the client; the other columns count only the calls made during the requests.\n\n")
	fmt.Fprintf(w, "| source | keys expire in | goroutines × requests | while building: PUT / GET | during the requests: token PUTs | key GETs (401s) | all calls per request | failed calls | DLI calls |\n")
	fmt.Fprintf(w, "|---|---|---|---|---|---|---|---|---|\n")
	for _, r := range results {
		fmt.Fprintf(w, "| %s | %s | %d × %d | %d / %d | %d | %d (%d) | %s | %d | %s |\n",
			r.src, minutes(r.life), r.load.goroutines, r.load.requests, r.build.TokenPUTs, r.build.KeyGETs,
			r.calls.TokenPUTs, r.calls.KeyGETs, r.calls.Unauthorized, perRequest(r.calls.Total(), r.load.requests), r.failed, r.dliCheck)
	}
	for _, r := range results {
		for e, n := range r.errs {
			fmt.Fprintf(w, "\n%s, %s, %d goroutines: %d calls failed: %s\n", r.src, minutes(r.life), r.load.goroutines, n, e)
		}
	}
	fmt.Fprintf(w, "\nOne call inside the window after the session token expired (emulator answers 401 to it):\n\n")
	for _, src := range []vendorsdk.MetadataSource{vendorsdk.MetadataProvider, vendorsdk.MetadataBuilder} {
		c := renew[src]
		fmt.Fprintf(w, "- %s: %d token PUT, %d key GETs (%d answered 401)\n", src, c.TokenPUTs, c.KeyGETs, c.Unauthorized)
	}

	// The figure across a rotation, from the warm (provider) rows: per request, the key GETs
	// and token PUTs made during the requests of each phase.
	rate := func(life time.Duration, ld load) (gets, puts float64) {
		for _, r := range results {
			if r.src == vendorsdk.MetadataProvider && r.life == life && r.load == ld {
				return float64(r.calls.KeyGETs) / float64(ld.requests), float64(r.calls.TokenPUTs) / float64(ld.requests)
			}
		}
		return 0, 0
	}
	served := keyLife - rotationBefore
	outside := keyLife - vendorWindow // time at the start of a key's serving during which the vendor does not refresh
	fOut := float64(outside) / float64(served)
	fIn := 1 - fOut
	fmt.Fprintf(w, "\n### Metadata calls per 1,000 requests across a rotation\n\n")
	fmt.Fprintf(w, "Keys live %s and the service hands out new ones %s before expiry, so one key is handed out for %s.\n", minutes(keyLife), minutes(rotationBefore), minutes(served))
	fmt.Fprintf(w, "A key fetched at any moment of those %s expires %s to %s later. The vendor refreshes when its key expires in less than %s,\n", minutes(served), minutes(keyLife), minutes(rotationBefore), minutes(vendorWindow))
	fmt.Fprintf(w, "so for the first %s of each %s (fraction %.1f) its key is outside its window and for the last %s (fraction %.1f) inside it.\n", minutes(outside), minutes(served), fOut, minutes(served-outside), fIn)
	fmt.Fprintf(w, "The %s window can not be compressed in real time (the vendor reads time.Now), so each phase is measured on its own with keys\n", minutes(vendorWindow))
	fmt.Fprintf(w, "expiring %s (outside) and %s (inside) ahead, and the figure is fraction × calls per request in that phase, from the warm\n", minutes(outsideLife), minutes(insideLife))
	fmt.Fprintf(w, "(provider) rows, with requests evenly spread in time:\n\n")
	fmt.Fprintf(w, "| load | key GETs per request outside / inside | key GETs per 1,000 requests | token PUTs per 1,000 requests | all calls per 1,000 requests |\n|---|---|---|---|---|\n")
	for _, ld := range []load{sequential, parallel} {
		gOut, pOut := rate(outsideLife, ld)
		gIn, pIn := rate(insideLife, ld)
		gets := 1000 * (fOut*gOut + fIn*gIn)
		puts := 1000 * (fOut*pOut + fIn*pIn)
		fmt.Fprintf(w, "| %s | %.3f / %.3f | %.0f | %.0f | %.0f |\n", ld, gOut, gIn, gets, puts, gets+puts)
	}
	fmt.Fprintf(w, "\nBesides that: one more key GET per rotation (the first request after the service rotated: the cached key then expires in\n")
	fmt.Fprintf(w, "less than %s, so it is refreshed and the new key is outside the window), i.e. 1,000 / (%d × requests per minute) per 1,000 requests;\n", minutes(rotationBefore), int(served.Minutes()))
	fmt.Fprintf(w, "one token PUT when the client first fetches keys (while building for the provider, at the first request for the builder);\n")
	fmt.Fprintf(w, "and one token PUT plus one extra key GET each time the %d-h session token has expired (the 401 path above).\n", metadata.MaxTokenTTLSeconds/3600)
}
