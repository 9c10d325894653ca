package signer

import (
	"bytes"
	"errors"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
)

// FuzzCanonicalRequest signs requests with arbitrary method, path, query,
// one arbitrary header and body. Sign may refuse only what net/http would
// refuse to send (invalid header names, undecodable queries); whatever it
// signs must verify, must leave the body readable, and must sign the same
// way twice.
func FuzzCanonicalRequest(f *testing.F) {
	f.Add("GET", "/v2.0/pid/datasource/enhanced-connections", "limit=10&name=conn%20a%2Fb", "X-Project-Id", "pid", []byte(nil))
	f.Add("POST", "/v1/ü/a*b+c:d e", "q=%E4%B8%AD*+%2B:&a=&b", "Content-Type", "application/octet-stream", []byte("\x00\xff"))
	f.Add("", "", "", "Host", " h ", []byte(`{"a":1}`+"\n"))
	f.Add("DELETE", "//", "&&=&a=%zz", "x_under", "v", []byte{})
	f.Add("PUT", "/a", "k=v;w", "X-Sdk-Date", "20240315T083000Z", []byte("x"))
	f.Add("PATCH", "/a", "", "authorization", "stale", []byte("x"))
	f.Add("GET", "/a", "", "x-sdk-date", "garbage", []byte("x"))
	f.Fuzz(func(t *testing.T, method, path, rawQuery, hName, hValue string, body []byte) {
		req := &http.Request{
			Method: method,
			URL:    &url.URL{Scheme: "https", Host: "example.com", Path: path, RawQuery: rawQuery},
			Header: http.Header{"User-Agent": {"fuzz"}},
		}
		if hName != "" {
			req.Header[hName] = []string{hValue} // raw key: exercises non-canonical spellings too
		}
		req.Body = io.NopCloser(bytes.NewReader(body))
		req.GetBody = func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(body)), nil }

		s := New(Keys(sigTestAK, sigTestSK))
		s.now = sigFixedClock(sigTestDate)
		err := s.Sign(req)
		if err != nil {
			_, qerr := parseQuery(nil, strings.ReplaceAll(rawQuery, "+", "%20"))
			if qerr == nil && validHeaderName(hName) {
				t.Fatalf("Sign refused a sendable request: %v", err)
			}
			return
		}
		got, err := io.ReadAll(req.Body)
		if err != nil || !bytes.Equal(got, body) {
			t.Fatalf("body consumed or altered by Sign")
		}
		auth := req.Header.Get("Authorization")
		if err := s.Sign(req); err != nil || req.Header.Get("Authorization") != auth {
			t.Fatalf("re-signing changed the result: %v", err)
		}
		// A caller-set X-Sdk-Content-Sha256 is signed as given; a verifier
		// rightly rejects it if it is not the body's hash.
		if strings.EqualFold(hName, headerContentSHA256) {
			return
		}
		// Zero now: a fuzzed X-Sdk-Date may be any valid date.
		if err := VerifyAt(req, sigTestKeys, time.Time{}); err != nil {
			t.Fatalf("signed request does not verify: %v\nAuthorization: %s", err, auth)
		}
	})
}

// FuzzVerifySignature feeds arbitrary Authorization headers and dates to the
// verifier: it must never panic, must fail with *SignatureError, and may
// accept only what parses to the genuine access key, headers and signature.
func FuzzVerify(f *testing.F) {
	valid := func() *http.Request {
		req, _ := http.NewRequest(http.MethodGet, "https://h/v1/x?a=1", nil)
		req.Header.Set("User-Agent", "fuzz")
		s := New(Keys(sigTestAK, sigTestSK))
		s.now = sigFixedClock(sigTestDate)
		if err := s.Sign(req); err != nil {
			panic(err)
		}
		return req
	}
	genuine := valid().Header.Get("Authorization")
	f.Add(genuine, "20240315T083000Z")
	f.Add(strings.ReplaceAll(genuine, ", ", ","), "20240315T083000Z")
	f.Add("V11-HMAC-SHA256 Credential=AK/20240315/r/s, SignedHeaders=x-sdk-date, Signature=00", "20240315T083000Z")
	f.Add("SDK-HMAC-SHA256 Access=, SignedHeaders=;;, Signature=", "x")
	f.Add("V11-HMAC-SHA256 Credential=/, SignedHeaders=a, Signature=b", "20240315T083000Z")
	f.Add("SDK-HMAC-SHA256 ,,,,==", "")
	f.Fuzz(func(t *testing.T, auth, date string) {
		req := valid()
		req.Header.Set("Authorization", auth)
		req.Header.Set("X-Sdk-Date", date)
		err := VerifyAt(req, sigTestKeys, sigTestDate)
		if err == nil {
			a, perr := parseAuthorization(auth)
			g, _ := parseAuthorization(genuine)
			if perr != nil || a.accessKey != g.accessKey || a.signature != g.signature ||
				strings.Join(a.signedHeaders, ";") != strings.Join(g.signedHeaders, ";") || date != "20240315T083000Z" {
				t.Fatalf("forged Authorization accepted: %q date %q", auth, date)
			}
			return
		}
		var se *SignatureError
		if !errors.As(err, &se) {
			t.Fatalf("error is %T, want *SignatureError", err)
		}
		if strings.Contains(err.Error(), sigTestSK) {
			t.Fatalf("error leaks the secret key")
		}
	})
}
