package bench

import (
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"net/http"
	"testing"

	"github.com/dli-openapi/enhanced-connections/bench/internal/fixture"
	"github.com/dli-openapi/enhanced-connections/bench/internal/ours"
	"github.com/dli-openapi/enhanced-connections/gen"
)

func bigCreate(tb testing.TB) gen.CreateEnhancedConnectionRequest {
	tb.Helper()
	body, err := fixture.Create(fixture.CreateSizes[len(fixture.CreateSizes)-1])
	if err != nil {
		tb.Fatal(err)
	}
	return body
}

// BenchmarkBodyCreate20000 compares checking the 20,000-host body against the spec with
// encoding it with json.Marshal, as the floor does (wrapper.Client uses a hand-written appender,
// benchmarked in wrapper/encode_test.go): op=validate must cost less than op=json.Marshal.
func BenchmarkBodyCreate20000(b *testing.B) {
	body := bigCreate(b)
	validate, err := ours.CreateValidator(fixture.ProjectID)
	if err != nil {
		b.Fatal(err)
	}
	b.Run("op=validate", func(b *testing.B) {
		if err := validate(&body); err != nil {
			b.Fatal(err)
		}
		b.ReportAllocs()
		for b.Loop() {
			if err := validate(&body); err != nil {
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
		req, err := http.NewRequest(http.MethodPost, "http://127.0.0.1"+fixture.Prefix, bytes.NewReader(raw))
		if err != nil {
			b.Fatal(err)
		}
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("User-Agent", "bench")
		req.Header.Set("X-Project-Id", fixture.ProjectID)
		sign := ours.NewSigner(fixture.AK, fixture.SK)
		b.ReportAllocs()
		for b.Loop() {
			req.Header.Del("X-Sdk-Date") // a fresh date each time, as every real call has
			if err := sign(req); err != nil {
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
