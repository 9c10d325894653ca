package main

import (
	"fmt"
	"io"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/dli-openapi/enhanced-connections/bench/internal/fixture"
	"github.com/dli-openapi/enhanced-connections/bench/internal/metadata"
	"github.com/dli-openapi/enhanced-connections/bench/internal/vendorsdk"
)

// How the metadata service is down in an outage measurement.
const (
	down503    = "503"
	downClosed = "closed port"
)

// outageResult is what a primed client did while the metadata service was down.
type outageResult struct {
	src      vendorsdk.MetadataSource
	life     time.Duration
	how      string
	calls    int
	failed   int
	errs     map[string]int
	attempts int64 // metadata requests answered 503, or dials of the closed port
	dliCheck string
}

// measureOutage primes a client with one successful call on keys expiring life from now,
// takes the metadata service down (how), and makes n sequential calls.
func measureOutage(src vendorsdk.MetadataSource, life time.Duration, how string, n int) (outageResult, error) {
	r := outageResult{src: src, life: life, how: how, calls: n}
	s, err := newScenario(fmt.Sprintf("down%s%d", src, int(life.Minutes())), life)
	if err != nil {
		return r, err
	}
	defer s.close()
	c, err := s.client(src)
	if err != nil {
		return r, err
	}
	if _, err := c.Show(fixture.ShowID)(); err != nil {
		return r, fmt.Errorf("priming call: %w", err)
	}
	attempts := func() int64 { return s.meta.Counts().Total() }
	normalize := strings.TrimSpace
	switch how {
	case down503:
		s.meta.SetDown(true)
	case downClosed:
		// The emulator goes away and the metadata address now leads to a port that refuses
		// connections (and that no other program can take meanwhile).
		s.meta.Close()
		closed, release, err := metadata.ClosedPort()
		if err != nil {
			return r, err
		}
		defer release()
		dialer.SetTarget(closed)
		http.DefaultTransport.(*http.Transport).CloseIdleConnections()
		attempts = dialer.Mapped
		// The port changes from run to run: name it instead.
		normalize = func(e string) string { return strings.TrimSpace(strings.ReplaceAll(e, closed, "<closed port>")) }
	default:
		return r, fmt.Errorf("unknown outage %q", how)
	}
	before := attempts()
	r.failed, r.errs = showCalls(c, 1, n, normalize)
	r.attempts = attempts() - before
	r.dliCheck = s.dliCheck()
	return r, nil
}

// reportOutages writes the table of (b) and the distinct errors.
func reportOutages(w io.Writer, results []outageResult) {
	fmt.Fprintf(w, "## (b) Calls that fail while the metadata service is down, with valid keys cached\n\n")
	fmt.Fprintf(w, "Each row: a fresh client, one successful call (keys fetched and cached), then the service down, then sequential calls.\n")
	fmt.Fprintf(w, "The cached keys are valid for the whole run in every row (they expire 35 or 50 minutes later).\n")
	fmt.Fprintf(w, "Metadata attempts: requests the emulator answered 503, or dials of the closed port.\n\n")
	fmt.Fprintf(w, "| source | keys expire in | service | calls | failed | metadata attempts | DLI calls (the priming call included) | error |\n|---|---|---|---|---|---|---|---|\n")
	for _, r := range results {
		keys := make([]string, 0, len(r.errs))
		for e := range r.errs {
			keys = append(keys, e)
		}
		slices.Sort(keys)
		var errs []string
		for _, e := range keys {
			errs = append(errs, fmt.Sprintf("%d × `%s`", r.errs[e], strings.ReplaceAll(e, "\n", " ")))
		}
		msg := "none"
		if len(errs) > 0 {
			msg = strings.Join(errs, "; ")
		}
		fmt.Fprintf(w, "| %s | %s | %s | %d | %d | %d | %s | %s |\n", r.src, minutes(r.life), r.how, r.calls, r.failed, r.attempts, r.dliCheck, msg)
	}
}
