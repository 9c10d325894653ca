package bench

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"reflect"
	"slices"
	"sync"
	"testing"

	"github.com/dli-openapi/enhanced-connections/bench/internal/fixture"
	"github.com/dli-openapi/enhanced-connections/bench/internal/ours"
)

// TestClientsSendTheSameRequests proves the comparison fair: for every workload and size, each
// client that makes the real call sends a request whose signature verifies and whose method,
// path, query and JSON body are the same as the others', and decodes the answer (the ops check
// ids and counts). The loopback limit's pre-signed GET is checked to verify too.
func TestClientsSendTheSameRequests(t *testing.T) {
	var mu sync.Mutex
	var got []seen
	srv := startServer(t, func(r *http.Request, body []byte) {
		r.Body = http.NoBody
		if len(body) > 0 {
			r.Body = readCloser{bytes.NewReader(body)}
		}
		if err := ours.VerifySignature(r, fixture.AK, fixture.SK); err != nil {
			t.Errorf("%s %s (User-Agent %q): %v", r.Method, r.URL.Path, r.UserAgent(), err)
		}
		if r.Header.Get("X-Project-Id") != fixture.ProjectID {
			t.Errorf("%s %s (User-Agent %q): X-Project-Id %q", r.Method, r.URL.Path, r.UserAgent(), r.Header.Get("X-Project-Id"))
		}
		var decoded any
		if len(body) > 0 {
			if err := json.Unmarshal(body, &decoded); err != nil {
				t.Errorf("%s %s: body is not JSON: %v", r.Method, r.URL.Path, err)
			}
		}
		mu.Lock()
		got = append(got, seen{r.Method, r.URL.Path, r.URL.RawQuery, decoded})
		mu.Unlock()
	})
	ctx := context.Background()
	for _, w := range workloads(t) {
		t.Run(w.String(), func(t *testing.T) {
			mu.Lock()
			got = nil
			mu.Unlock()
			for _, m := range makers {
				if !slices.Contains(sameRequestClients, m.name) {
					continue
				}
				if err := w.pick(m.make(t, srv.URL))(ctx); err != nil {
					t.Fatalf("client %s: %v", m.name, err)
				}
			}
			mu.Lock()
			got := got
			mu.Unlock()
			if len(got) != len(sameRequestClients) {
				t.Fatalf("%d requests for %d clients", len(got), len(sameRequestClients))
			}
			for i := 1; i < len(got); i++ {
				if !reflect.DeepEqual(got[0], got[i]) {
					t.Errorf("the request of %s differs from that of %s:\n%+v\n%+v", sameRequestClients[i], sameRequestClients[0], trim(got[i]), trim(got[0]))
				}
			}
		})
	}
	t.Run("loopback limit", func(t *testing.T) {
		mu.Lock()
		got = nil
		mu.Unlock()
		if err := loopbackClient(t, srv.URL).show()(ctx); err != nil {
			t.Fatal(err)
		}
		mu.Lock()
		defer mu.Unlock()
		if len(got) != 1 || got[0].method != http.MethodGet || got[0].path != fixture.LoopbackPath || got[0].body != nil {
			t.Errorf("the loopback limit sent %+v, want one GET %s without a body", got, fixture.LoopbackPath)
		}
	})
}

type readCloser struct{ *bytes.Reader }

func (readCloser) Close() error { return nil }

// seen is what the server saw of one request.
type seen struct {
	method, path, query string
	body                any
}

// trim keeps failure messages about the large create bodies short.
func trim(s seen) seen {
	if b, ok := s.body.(map[string]any); ok {
		if h, ok := b["hosts"].([]any); ok && len(h) > 3 {
			c := make(map[string]any, len(b))
			for k, x := range b {
				c[k] = x
			}
			c["hosts"] = append(h[:3:3], "...")
			s.body = c
		}
	}
	return s
}
