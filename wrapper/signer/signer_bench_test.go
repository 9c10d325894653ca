package signer

import (
	"bytes"
	"crypto/sha256"
	"net/http"
	"strconv"
	"sync"
	"testing"
)

// benchBody is a create-enhanced-connection body with 20,000 hosts, about
// 717 KB: the largest request the wrapper is expected to sign.
var benchBody = sync.OnceValue(func() []byte {
	b := []byte(`{"name":"bench-conn","dest_vpc_id":"22094d8f-c310-4621-913d-4c4d655d8495",` +
		`"dest_network_id":"78f2562a-36e4-4b39-95b9-f5aab22e1281","queues":["q1"],"hosts":[`)
	for i := 1; i <= 20000; i++ {
		if i > 1 {
			b = append(b, ',')
		}
		b = append(b, `{"name":"host-`...)
		n := strconv.Itoa(i)
		for range 5 - len(n) {
			b = append(b, '0')
		}
		b = append(b, n...)
		b = append(b, `","ip":"10.0.`...)
		b = strconv.AppendInt(b, int64(i/250), 10)
		b = append(b, '.')
		b = strconv.AppendInt(b, int64(i%250+1), 10)
		b = append(b, `"}`...)
	}
	return append(b, "]}\n"...)
})

// BenchmarkSign signs the 717 KB body; compare with BenchmarkSHA256Body,
// the floor set by hashing the same bytes.
func BenchmarkSign(b *testing.B) {
	body := benchBody()
	req, err := http.NewRequest(http.MethodPost,
		"https://dli.cn-north-4.myhuaweicloud.com/v2.0/0123456789abcdef0123456789abcdef/datasource/enhanced-connections",
		bytes.NewReader(body))
	if err != nil {
		b.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", "dli-enhanced-connections/1.0")
	req.Header.Set("X-Project-Id", "0123456789abcdef0123456789abcdef")
	s := New(Keys(sigTestAK, sigTestSK))
	b.ReportAllocs()
	b.SetBytes(int64(len(body)))
	for b.Loop() {
		if err := s.Sign(req); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkSHA256Body(b *testing.B) {
	body := benchBody()
	b.ReportAllocs()
	b.SetBytes(int64(len(body)))
	for b.Loop() {
		_ = sha256.Sum256(body)
	}
}

// BenchmarkSignNoBody isolates the fixed cost of signing (canonical request,
// HMAC, headers), which is what a GET pays.
func BenchmarkSignNoBody(b *testing.B) {
	req, err := http.NewRequest(http.MethodGet,
		"https://dli.cn-north-4.myhuaweicloud.com/v2.0/0123456789abcdef0123456789abcdef/datasource/enhanced-connections?limit=10&name=conn%20a%2Fb&offset=0&status=ACTIVE&tags=env%3Dprod", nil)
	if err != nil {
		b.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", "dli-enhanced-connections/1.0")
	req.Header.Set("X-Project-Id", "0123456789abcdef0123456789abcdef")
	s := New(Keys(sigTestAK, sigTestSK))
	b.ReportAllocs()
	for b.Loop() {
		if err := s.Sign(req); err != nil {
			b.Fatal(err)
		}
	}
}
