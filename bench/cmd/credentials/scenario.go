package main

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/dli-openapi/enhanced-connections/bench/internal/fixture"
	"github.com/dli-openapi/enhanced-connections/bench/internal/metadata"
	"github.com/dli-openapi/enhanced-connections/bench/internal/ours"
	"github.com/dli-openapi/enhanced-connections/bench/internal/vendorsdk"
)

var (
	installOnce sync.Once
	dialer      *metadata.Dialer
)

// install makes, once per process, every dial of http.DefaultTransport go through the mapping
// dialer: 169.254.169.254:80 to the current scenario's emulator, loopback unchanged, anything
// else refused. Until a scenario sets a target, the metadata address is refused too.
func install() *metadata.Dialer {
	installOnce.Do(func() {
		dialer = metadata.NewDialer("", nil)
		metadata.InstallDefaultTransport(dialer)
	})
	return dialer
}

// scenario is one emulator and one loopback DLI server. The server accepts every call of the
// benchmarks and checks that it is signed with the keys the emulator hands out now and carries
// their security token as a signed header, so that a count of calls is a count of calls the
// real gateway would take.
type scenario struct {
	meta *metadata.Emulator
	dli  *httptest.Server

	dliOK, dliBad atomic.Int64
	mu            sync.Mutex
	firstBad      string
}

// newScenario starts an emulator that hands out keys expiring life from now, points the
// metadata address at it, and starts the DLI server.
func newScenario(name string, life time.Duration) (*scenario, error) {
	d := install()
	s := &scenario{meta: metadata.Start(metadata.Keys{
		Access:        "TMPAK" + strings.ToUpper(name),
		Secret:        "tmp-secret-of-" + name,
		SecurityToken: "tmp-security-token-of-" + name,
		ExpiresAt:     time.Now().Add(life),
	})}
	d.SetTarget(s.meta.Addr())
	srv, err := fixture.NewServer(s.inspect)
	if err != nil {
		s.meta.Close()
		return nil, err
	}
	s.dli = srv
	return s, nil
}

func (s *scenario) inspect(r *http.Request, _ []byte) {
	k := s.meta.Keys()
	r.Body = http.NoBody // the scenarios' calls are GETs without a body
	err := ours.VerifySignature(r, k.Access, k.Secret)
	switch {
	case err != nil:
	case r.Header.Get("X-Security-Token") != k.SecurityToken:
		err = fmt.Errorf("X-Security-Token is not the emulator's")
	case !strings.Contains(strings.ToLower(r.Header.Get("Authorization")), "x-security-token"):
		err = fmt.Errorf("X-Security-Token is not a signed header")
	}
	if err == nil {
		s.dliOK.Add(1)
		return
	}
	s.dliBad.Add(1)
	s.mu.Lock()
	if s.firstBad == "" {
		s.firstBad = err.Error()
	}
	s.mu.Unlock()
}

// client builds a vendor DLI client on metadata keys from src; its DLI calls go through the
// same mapping dialer (loopback only).
func (s *scenario) client(src vendorsdk.MetadataSource) (*vendorsdk.Client, error) {
	return vendorsdk.NewFromMetadata(s.dli.URL, fixture.ProjectID, src, fixture.NewTransport())
}

// dliCheck says how many DLI calls the server accepted and the first it would not have.
func (s *scenario) dliCheck() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.dliBad.Load() == 0 {
		return fmt.Sprintf("%d signed with the served keys", s.dliOK.Load())
	}
	return fmt.Sprintf("%d signed with the served keys, %d not (%s)", s.dliOK.Load(), s.dliBad.Load(), s.firstBad)
}

func (s *scenario) close() {
	s.dli.Close()
	s.meta.Close()
	http.DefaultTransport.(*http.Transport).CloseIdleConnections()
}

// showCalls makes n show calls on c from goroutines goroutines (each with its own request, the
// calls split evenly) and returns how many failed and the distinct errors with their counts.
func showCalls(c *vendorsdk.Client, goroutines, n int, normalize func(string) string) (failed int, errs map[string]int) {
	var mu sync.Mutex
	errs = map[string]int{}
	var wg sync.WaitGroup
	for g := range goroutines {
		share := n / goroutines
		if g < n%goroutines {
			share++
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			call := c.Show(fixture.ShowID)
			for range share {
				if _, err := call(); err != nil {
					mu.Lock()
					failed++
					errs[normalize(err.Error())]++
					mu.Unlock()
				}
			}
		}()
	}
	wg.Wait()
	return failed, errs
}
