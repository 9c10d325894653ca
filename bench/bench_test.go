package bench

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/json"
	"net/http"
	"reflect"
	"sync"
	"testing"

	"github.com/dli-openapi/enhanced-connections/wrapper"
)

// runClients runs one workload for every client, as sub-benchmarks client=<name>, against one
// loopback server. Each client makes one untimed call first, so that every timed call reuses a
// kept-alive connection.
func runClients(b *testing.B, pick func(tb testing.TB, c client) op) {
	srv := startServer(b, nil)
	for _, c := range clients(b, srv.URL) {
		b.Run("client="+c.name, func(b *testing.B) {
			o := pick(b, c)
			ctx := context.Background()
			if err := o(ctx); err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			for b.Loop() {
				if err := o(ctx); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkCreate2 creates the getting-started connection: two hosts, two queues (240 bytes).
func BenchmarkCreate2(b *testing.B) {
	runClients(b, func(tb testing.TB, c client) op { return c.create(seedCreate(tb)) })
}

// BenchmarkCreate20000 creates a connection with 20,000 hosts, the most the API takes (717 KB).
func BenchmarkCreate20000(b *testing.B) {
	body := bigCreate(b)
	runClients(b, func(_ testing.TB, c client) op { return c.create(body) })
}

// BenchmarkShow queries one connection; the answer is seed 004's documented response.
func BenchmarkShow(b *testing.B) {
	runClients(b, func(_ testing.TB, c client) op { return c.show })
}

// BenchmarkList1000 lists 1,000 connections (limit=1000) in one answer of about 420 KB.
func BenchmarkList1000(b *testing.B) {
	runClients(b, func(_ testing.TB, c client) op { return c.list })
}

// BenchmarkBodyCreate20000 compares checking the 20,000-host body against the spec with
// encoding it with json.Marshal, as the floor does (wrapper.Client uses a hand-written appender,
// benchmarked in wrapper/encode_test.go): op=validate must cost less than op=json.Marshal.
func BenchmarkBodyCreate20000(b *testing.B) {
	body := bigCreate(b)
	v, err := wrapper.DefaultValidator()
	if err != nil {
		b.Fatal(err)
	}
	path := map[string]string{"project_id": benchProject}
	b.Run("op=validate", func(b *testing.B) {
		if err := v.ValidateRequest("CreateEnhancedConnection", path, nil, &body); err != nil {
			b.Fatal(err)
		}
		b.ReportAllocs()
		for b.Loop() {
			if err := v.ValidateRequest("CreateEnhancedConnection", path, nil, &body); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("op=json.Marshal", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := json.Marshal(&body); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkSignCreate20000 compares signing the 717 KB create request with hashing its body,
// which the signature needs and nothing can avoid: op=sign minus op=sha256 is the signer's own
// cost.
func BenchmarkSignCreate20000(b *testing.B) {
	body := bigCreate(b)
	raw, err := json.Marshal(&body)
	if err != nil {
		b.Fatal(err)
	}
	b.Run("op=sign", func(b *testing.B) {
		req, err := http.NewRequest(http.MethodPost, "http://127.0.0.1/v2.0/"+benchProject+"/datasource/enhanced-connections", bytes.NewReader(raw))
		if err != nil {
			b.Fatal(err)
		}
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("User-Agent", "bench")
		req.Header.Set("X-Project-Id", benchProject)
		s := wrapper.NewSigner(benchAK, benchSK)
		b.ReportAllocs()
		for b.Loop() {
			req.Header.Del("X-Sdk-Date") // a fresh date each time, as every real call has
			if err := s.Sign(req); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("op=sha256", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			_ = sha256.Sum256(raw)
		}
	})
}

// TestClientsSendTheSameRequests proves the comparison fair: for every workload, each client
// sends a request whose signature verifies and whose method, path, query and JSON body are the
// same as the others', and decodes the answer (the ops check ids and counts).
func TestClientsSendTheSameRequests(t *testing.T) {
	var mu sync.Mutex
	var got []seen
	srv := startServer(t, func(r *http.Request, body []byte) {
		r.Body, r.GetBody = nil, nil
		r.Body = http.NoBody
		if len(body) > 0 {
			r.Body = readCloser{bytes.NewReader(body)}
		}
		err := wrapper.VerifySignature(r, func(ak string) (string, bool) { return benchSK, ak == benchAK })
		var decoded any
		if len(body) > 0 {
			if jerr := json.Unmarshal(body, &decoded); jerr != nil {
				t.Errorf("%s %s: body is not JSON: %v", r.Method, r.URL.Path, jerr)
			}
		}
		if err != nil {
			t.Errorf("%s %s (User-Agent %q): %v", r.Method, r.URL.Path, r.UserAgent(), err)
		}
		if r.Header.Get("X-Project-Id") != benchProject {
			t.Errorf("%s %s (User-Agent %q): X-Project-Id %q", r.Method, r.URL.Path, r.UserAgent(), r.Header.Get("X-Project-Id"))
		}
		mu.Lock()
		got = append(got, seen{r.Method, r.URL.Path, r.URL.RawQuery, decoded})
		mu.Unlock()
	})
	workloads := map[string]func(c client) op{
		"Create2":     func(c client) op { return c.create(seedCreate(t)) },
		"Create20000": func(c client) op { return c.create(bigCreate(t)) },
		"Show":        func(c client) op { return c.show },
		"List1000":    func(c client) op { return c.list },
	}
	for name, pick := range workloads {
		mu.Lock()
		got = nil
		mu.Unlock()
		for _, c := range clients(t, srv.URL) {
			if err := pick(c)(context.Background()); err != nil {
				t.Fatalf("%s, client %s: %v", name, c.name, err)
			}
		}
		mu.Lock()
		got := got
		mu.Unlock()
		if len(got) != 4 {
			t.Fatalf("%s: %d requests for 4 clients", name, len(got))
		}
		for i := 1; i < len(got); i++ {
			if !reflect.DeepEqual(got[0], got[i]) {
				t.Errorf("%s: request %d differs from the first:\n%+v\n%+v", name, i, trim(got[0]), trim(got[i]))
			}
		}
		t.Logf("%s: the 4 clients sent the same signed %s %s (query %q)", name, got[0].method, got[0].path, got[0].query)
	}
}

type readCloser struct{ *bytes.Reader }

func (readCloser) Close() error { return nil }

// seen is what the server saw of one request.
type seen struct {
	method, path, query string
	body                any
}

// trim keeps failure messages about the 20,000-host body short.
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
