package fake

import (
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/dli-openapi/enhanced-connections/wrapper/signer"
)

// TestConcurrentKeysAcrossRotations has many clients fetch keys from the metadata service and
// pod identity and call DLI and IAM with them while the clock crosses several rotations (run it
// with -race -count=20). The clock moves only between a fetch and its calls (a write lock
// against the clients' read locks), so every call must be accepted, and every fetch must get
// the one key of its rotation window: issued at or before the fetch, not yet due to rotate, and
// no key issued that no client got.
func TestConcurrentKeysAcrossRotations(t *testing.T) {
	const (
		workers      = 16
		iterations   = 30
		advanceEvery = 10              // a worker moves the clock every 10th iteration
		step         = 3 * time.Minute // 48 steps: 144 minutes, three rotation windows
		podToken     = "pod"
	)
	clock := newTestClock()
	r := platformStart(t, clock, PlatformOptions{Metadata: true, PodIdentityTokens: []string{podToken}})
	transport := &http.Transport{MaxIdleConnsPerHost: 2 * workers}
	t.Cleanup(transport.CloseIdleConnections)
	plain := &http.Client{Transport: transport}

	type fetched struct {
		source KeySource
		at     time.Time
		access string
	}
	var (
		gate    sync.RWMutex
		mu      sync.Mutex
		fetches []fetched
		wg      sync.WaitGroup
	)
	fetch := func(source KeySource) (wireCredential, error) {
		req, err := http.NewRequest(http.MethodGet, r.URL()+metadataKeysPath, nil)
		wrapper := "credential"
		if source == SourcePodIdentity {
			req, err = http.NewRequest(http.MethodPost, r.URL()+PodIdentityPath, strings.NewReader(`{}`))
			req.Header.Set("Authorization", podToken)
			wrapper = "credentials"
		}
		if err != nil {
			return wireCredential{}, err
		}
		status, body, err := do(plain, req)
		if err != nil || status != http.StatusOK {
			return wireCredential{}, fmt.Errorf("fetch from %s: %d %s %v", source, status, body, err)
		}
		return parseCredential(body, wrapper)
	}
	call := func(c wireCredential, path string) error {
		req, err := http.NewRequest(http.MethodGet, r.URL()+path, nil)
		if err != nil {
			return err
		}
		client := &http.Client{Transport: signer.New(c.keys()).RoundTripper(transport)}
		status, body, err := do(client, req)
		if err != nil || status != http.StatusOK {
			return fmt.Errorf("%s with %s: %d %s %v", path, c.Access, status, body, err)
		}
		return nil
	}
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range iterations {
				if i%advanceEvery == advanceEvery-1 {
					gate.Lock()
					clock.Advance(step)
					gate.Unlock()
					_ = r.IssuedKeys() // reads while others issue
					_ = r.Requests()
				}
				source := []KeySource{SourceMetadata, SourcePodIdentity}[(w+i)%2]
				gate.RLock()
				at := clock.Now()
				c, err := fetch(source)
				if err == nil {
					err = call(c, connsPath(project))
				}
				if err == nil && i%5 == 0 {
					err = call(c, "/v3/projects?name=eu-de")
				}
				gate.RUnlock()
				if !assert.NoError(t, err) {
					return
				}
				mu.Lock()
				fetches = append(fetches, fetched{source, at, c.Access})
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	require.Len(t, fetches, workers*iterations)

	issued := map[string]IssuedKey{}
	bySource := map[KeySource][]IssuedKey{}
	for _, k := range r.IssuedKeys() {
		issued[k.AccessKey] = k
		bySource[k.Source] = append(bySource[k.Source], k)
	}
	seen := map[string]bool{}
	for _, f := range fetches {
		k, ok := issued[f.access]
		require.True(t, ok, "a key the fake never issued")
		assert.Equal(t, f.source, k.Source)
		issuedAt := k.Expires.Add(-DefaultKeyLifetime)
		rotates := k.Expires.Add(-DefaultKeyRotateBefore)
		assert.False(t, f.at.Before(issuedAt), "fetched at %s, issued at %s", f.at, issuedAt)
		assert.True(t, f.at.Before(rotates), "fetched at %s, due to rotate at %s", f.at, rotates)
		seen[f.access] = true
	}
	assert.Len(t, seen, len(issued), "every key issued went to a client: one per rotation window")
	for source, keys := range bySource {
		for i := 1; i < len(keys); i++ {
			assert.False(t, keys[i].Expires.Add(-DefaultKeyLifetime).Before(keys[i-1].Expires.Add(-DefaultKeyRotateBefore)),
				"%s: key %d issued before key %d was due to rotate", source, i, i-1)
		}
		assert.GreaterOrEqual(t, len(keys), 3, "%s: the clock crossed at least two rotations", source)
	}
}

// do sends req and reads the answer, for goroutines, which must not call require.
func do(client *http.Client, req *http.Request) (int, []byte, error) {
	resp, err := client.Do(req)
	if err != nil {
		return 0, nil, err
	}
	defer func() { _ = resp.Body.Close() }()
	body, err := io.ReadAll(resp.Body)
	return resp.StatusCode, body, err
}
