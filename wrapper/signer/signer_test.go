package signer

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// signerVectorFile mirrors signer-vectors.json (computed by the vendor SDK).
type signerVectorFile struct {
	Vectors []signerVector `json:"vectors"`
	Extras  []signerExtra  `json:"extras"`
}

type signerVector struct {
	Name             string            `json:"name"`
	Algorithm        string            `json:"algorithm"`
	AK               string            `json:"ak"`
	SK               string            `json:"sk"`
	XSdkDate         string            `json:"x_sdk_date"`
	Method           string            `json:"method"`
	URL              string            `json:"url"`
	Path             string            `json:"path"`
	Query            []signerQueryKV   `json:"query"`
	HeadersSent      map[string]string `json:"headers_sent"`
	HeadersSigned    map[string]string `json:"headers_signed"`
	Body             string            `json:"body"`
	BodySHA256Hex    string            `json:"body_sha256_hex"`
	CanonicalRequest string            `json:"canonical_request"`
	StringToSign     string            `json:"string_to_sign"`
	SignedHeaders    string            `json:"signed_headers"`
	Signature        string            `json:"signature"`
	Authorization    string            `json:"authorization"`
}

type signerQueryKV struct {
	K string `json:"k"`
	V string `json:"v"`
}

type signerExtra struct {
	Name          string `json:"name"`
	Algorithm     string `json:"algorithm"`
	BasedOn       string `json:"based_on"`
	RegionID      string `json:"region_id"`
	ServiceName   string `json:"derived_auth_service_name"`
	Authorization string `json:"authorization"`
}

// loadSignerVectors reads the vendor-computed vectors, preferring the copy
// in testdata so the package tests stand alone; when the shared reference
// is also present, the two must not have drifted apart.
func loadSignerVectors(t testing.TB) signerVectorFile {
	t.Helper()
	local := filepath.Join("testdata", "signer-vectors.json")
	shared := filepath.Join("..", "..", "..", "shared", "reference", "signer-vectors.json")
	data, err := os.ReadFile(local)
	if err != nil {
		data, err = os.ReadFile(shared)
		require.NoError(t, err, "vectors found neither in %s nor in %s", local, shared)
	} else if sharedData, serr := os.ReadFile(shared); serr == nil {
		require.Equal(t, string(sharedData), string(data), "testdata/signer-vectors.json differs from the shared reference")
	}
	var f signerVectorFile
	require.NoError(t, json.Unmarshal(data, &f))
	require.NotEmpty(t, f.Vectors)
	return f
}

// newVectorRequest builds the request the vendor SDK sent, from the
// vector's method, url, headers_sent and exact body bytes.
func newVectorRequest(t testing.TB, v signerVector) *http.Request {
	t.Helper()
	req, err := http.NewRequest(v.Method, v.URL, bytes.NewReader([]byte(v.Body)))
	require.NoError(t, err)
	for k, val := range v.HeadersSent {
		req.Header.Set(k, val)
	}
	return req
}

var (
	sigTestDate  = time.Date(2024, 3, 15, 8, 30, 0, 0, time.UTC)
	sigTestAK    = "HPUAEXAMPLEAK0000001"
	sigTestSK    = "ExampleSecretKey0123456789abcdefghijklmnopq"
	sigTestToken = "TemporarySecurityTokenABCDEFGHIJ0123456789"
)

func sigFixedClock(t time.Time) func() time.Time { return func() time.Time { return t } }

func sigTestKeys(ak string) (string, bool) {
	if ak == sigTestAK {
		return sigTestSK, true
	}
	return "", false
}

func TestSignVendorVectors(t *testing.T) {
	vf := loadSignerVectors(t)
	for _, v := range vf.Vectors {
		t.Run(v.Name, func(t *testing.T) {
			require.Equal(t, algorithmSDKHMACSHA256, v.Algorithm)
			req := newVectorRequest(t, v)
			s := New(Keys(v.AK, v.SK))
			s.now = func() time.Time { t.Fatal("X-Sdk-Date from the request must be reused"); return time.Time{} }

			var tr signTrace
			require.NoError(t, s.sign(req, &tr))

			assert.Equal(t, v.BodySHA256Hex, tr.payloadHash, "payload hash")
			assert.Equal(t, v.CanonicalRequest, tr.canonicalRequest, "canonical request")
			assert.Equal(t, v.StringToSign, tr.stringToSign, "string to sign")
			assert.Equal(t, v.SignedHeaders, tr.signedHeaders, "signed headers")
			assert.Equal(t, v.Signature, tr.signature, "signature")
			assert.Equal(t, []string{v.Authorization}, req.Header.Values("Authorization"))
			assert.Equal(t, v.XSdkDate, req.Header.Get("X-Sdk-Date"))

			// Every header the SDK signed is on the request with exactly
			// the signed value, and nothing else is signed.
			names := strings.Split(tr.signedHeaders, ";")
			assert.Len(t, names, len(v.HeadersSigned))
			for name, want := range v.HeadersSigned {
				assert.Equal(t, want, req.Header.Get(name), name)
				assert.Contains(t, names, name)
			}

			// The query parser sees the same unescaped pairs the SDK had.
			pairs, err := parseQuery(nil, req.URL.RawQuery)
			require.NoError(t, err)
			var got []signerQueryKV
			for _, p := range pairs {
				got = append(got, signerQueryKV{K: p.k, V: p.v})
			}
			assert.Equal(t, v.Query, got)
			assert.Equal(t, v.Path, req.URL.Path)

			body, err := io.ReadAll(req.Body)
			require.NoError(t, err)
			assert.Equal(t, v.Body, string(body), "body must still be readable after signing")

			require.NoError(t, VerifyAt(req, func(ak string) (string, bool) { return v.SK, ak == v.AK }, sigTestDate))
		})
	}
}

func TestSignDerivedVendorVector(t *testing.T) {
	vf := loadSignerVectors(t)
	require.NotEmpty(t, vf.Extras)
	for _, x := range vf.Extras {
		t.Run(x.Name, func(t *testing.T) {
			require.Equal(t, algorithmV11HMACSHA256, x.Algorithm)
			var base *signerVector
			for i := range vf.Vectors {
				if vf.Vectors[i].Name == x.BasedOn {
					base = &vf.Vectors[i]
				}
			}
			require.NotNil(t, base, "based_on %q", x.BasedOn)

			req := newVectorRequest(t, *base)
			s := NewDerived(Keys(base.AK, base.SK), x.RegionID, x.ServiceName)
			var tr signTrace
			require.NoError(t, s.sign(req, &tr))

			assert.Equal(t, base.CanonicalRequest, tr.canonicalRequest, "V11 uses the same canonical request")
			crHash := sha256.Sum256([]byte(base.CanonicalRequest))
			info := base.XSdkDate[:8] + "/" + x.RegionID + "/" + x.ServiceName
			assert.Equal(t, "V11-HMAC-SHA256\n"+base.XSdkDate+"\n"+info+"\n"+hex.EncodeToString(crHash[:]), tr.stringToSign)
			assert.Equal(t, x.Authorization, req.Header.Get("Authorization"))

			require.NoError(t, VerifyAt(req, func(ak string) (string, bool) { return base.SK, ak == base.AK }, sigTestDate))
		})
	}
}

func TestSignCanonicalEdgeCases(t *testing.T) {
	const (
		date      = "20240315T083000Z"
		emptyHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
	)
	newReq := func(method, rawURL, body string) *http.Request {
		req, err := http.NewRequest(method, rawURL, strings.NewReader(body))
		require.NoError(t, err)
		return req
	}
	tests := []struct {
		name          string
		creds         Credentials
		req           func() *http.Request
		wantCanonical string
		wantSigned    string
		check         func(t *testing.T, req *http.Request)
	}{
		{
			name:          "host is not signed unless the caller sets it",
			req:           func() *http.Request { return newReq("GET", "https://dli.example.com/v1/x", "") },
			wantCanonical: "GET\n/v1/x/\n\nx-sdk-date:" + date + "\n\nx-sdk-date\n" + emptyHash,
			wantSigned:    "x-sdk-date",
		},
		{
			name: "caller-set Host header is signed with its value",
			req: func() *http.Request {
				r := newReq("GET", "https://dli.example.com/v1/x", "")
				r.Header.Set("Host", "dli.example.com")
				return r
			},
			wantCanonical: "GET\n/v1/x/\n\nhost:dli.example.com\nx-sdk-date:" + date + "\n\nhost;x-sdk-date\n" + emptyHash,
			wantSigned:    "host;x-sdk-date",
		},
		{
			name: "non-JSON content type gives UNSIGNED-PAYLOAD",
			req: func() *http.Request {
				r := newReq("PUT", "https://h/v1/upload", "binary\x00data")
				r.Header.Set("Content-Type", "application/octet-stream")
				return r
			},
			wantCanonical: "PUT\n/v1/upload/\n\nx-sdk-content-sha256:UNSIGNED-PAYLOAD\nx-sdk-date:" + date +
				"\n\nx-sdk-content-sha256;x-sdk-date\nUNSIGNED-PAYLOAD",
			wantSigned: "x-sdk-content-sha256;x-sdk-date",
			check: func(t *testing.T, req *http.Request) {
				assert.Equal(t, "UNSIGNED-PAYLOAD", req.Header.Get("X-Sdk-Content-Sha256"))
			},
		},
		{
			name: "JSON with parameters is hashed",
			req: func() *http.Request {
				r := newReq("POST", "https://h/v1/x", "{}")
				r.Header.Set("Content-Type", "application/json;charset=UTF-8")
				return r
			},
			wantCanonical: "POST\n/v1/x/\n\nx-sdk-date:" + date + "\n\nx-sdk-date\n" +
				"44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a",
			wantSigned: "x-sdk-date",
			check: func(t *testing.T, req *http.Request) {
				assert.Empty(t, req.Header.Values("X-Sdk-Content-Sha256"))
			},
		},
		{
			name: "BSON is hashed",
			req: func() *http.Request {
				r := newReq("POST", "https://h/v1/x", "hello")
				r.Header.Set("Content-Type", "application/bson")
				return r
			},
			wantCanonical: "POST\n/v1/x/\n\nx-sdk-date:" + date + "\n\nx-sdk-date\n" +
				"2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824",
			wantSigned: "x-sdk-date",
		},
		{
			name: "caller-set X-Sdk-Content-Sha256 is the payload hash",
			req: func() *http.Request {
				r := newReq("POST", "https://h/v1/x", "hello")
				r.Header.Set("Content-Type", "application/json")
				r.Header.Set("X-Sdk-Content-Sha256", "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824")
				return r
			},
			wantCanonical: "POST\n/v1/x/\n\nx-sdk-content-sha256:2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824\nx-sdk-date:" + date +
				"\n\nx-sdk-content-sha256;x-sdk-date\n2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824",
			wantSigned: "x-sdk-content-sha256;x-sdk-date",
		},
		{
			name: "content-type*, '_' and authorization headers are not signed, others are",
			req: func() *http.Request {
				r := newReq("GET", "https://h/v1/x", "")
				r.Header.Set("Content-Type", "application/json")
				r.Header.Set("Content-Type-Options", "nosniff")
				r.Header.Set("X_Custom_Header", "a")
				r.Header.Set("Authorization", "stale")
				r.Header.Set("Accept", "application/json")
				return r
			},
			wantCanonical: "GET\n/v1/x/\n\naccept:application/json\nx-sdk-date:" + date + "\n\naccept;x-sdk-date\n" + emptyHash,
			wantSigned:    "accept;x-sdk-date",
			check: func(t *testing.T, req *http.Request) {
				assert.Len(t, req.Header.Values("Authorization"), 1)
				assert.NotEqual(t, "stale", req.Header.Get("Authorization"))
			},
		},
		{
			name:          "empty query values and keys without '='",
			req:           func() *http.Request { return newReq("GET", "https://h/v1/x?b&a=&c=1", "") },
			wantCanonical: "GET\n/v1/x/\na=&b=&c=1\nx-sdk-date:" + date + "\n\nx-sdk-date\n" + emptyHash,
			wantSigned:    "x-sdk-date",
		},
		{
			name: "UTF-8, '*', '+', ':' and space are escaped in path and query",
			req: func() *http.Request {
				r := newReq("GET", "https://h/", "")
				r.URL.Path = "/v1/ü/a*b+c:d e~_.-"
				r.URL.RawQuery = "q=%E4%B8%AD*%2B:%20x&k%3Ay=%2F"
				return r
			},
			wantCanonical: "GET\n/v1/%C3%BC/a%2Ab%2Bc%3Ad%20e~_.-/\nk%3Ay=%2F&q=%E4%B8%AD%2A%2B%3A%20x\nx-sdk-date:" + date + "\n\nx-sdk-date\n" + emptyHash,
			wantSigned:    "x-sdk-date",
		},
		{
			name: "':' in a path segment",
			req: func() *http.Request {
				return newReq("DELETE", "https://h/v2/pid/fgs/functions/urn:fss:cn-north-4:pid:function:default:f:latest", "")
			},
			wantCanonical: "DELETE\n/v2/pid/fgs/functions/urn%3Afss%3Acn-north-4%3Apid%3Afunction%3Adefault%3Af%3Alatest/\n\nx-sdk-date:" + date + "\n\nx-sdk-date\n" + emptyHash,
			wantSigned:    "x-sdk-date",
		},
		{
			name:          "keys sorted byte-wise, values sorted per key",
			req:           func() *http.Request { return newReq("GET", "https://h/v1/x?b=2&b=1&a=y&A=x&a=", "") },
			wantCanonical: "GET\n/v1/x/\nA=x&a=&a=y&b=1&b=2\nx-sdk-date:" + date + "\n\nx-sdk-date\n" + emptyHash,
			wantSigned:    "x-sdk-date",
		},
		{
			name:          "'+' in the raw query is a space and is rewritten to %20 on the wire",
			req:           func() *http.Request { return newReq("GET", "https://h/v1/x?name=conn+a%2Bb", "") },
			wantCanonical: "GET\n/v1/x/\nname=conn%20a%2Bb\nx-sdk-date:" + date + "\n\nx-sdk-date\n" + emptyHash,
			wantSigned:    "x-sdk-date",
			check: func(t *testing.T, req *http.Request) {
				assert.Equal(t, "name=conn%20a%2Bb", req.URL.RawQuery)
			},
		},
		{
			name:          "path without trailing slash gets one, empty path is /",
			req:           func() *http.Request { return newReq("GET", "https://h", "") },
			wantCanonical: "GET\n/\n\nx-sdk-date:" + date + "\n\nx-sdk-date\n" + emptyHash,
			wantSigned:    "x-sdk-date",
		},
		{
			name:          "trailing slash is kept, not doubled",
			req:           func() *http.Request { return newReq("GET", "https://h/v1/a/", "") },
			wantCanonical: "GET\n/v1/a/\n\nx-sdk-date:" + date + "\n\nx-sdk-date\n" + emptyHash,
			wantSigned:    "x-sdk-date",
		},
		{
			name: "values trimmed; several values give sorted lines; spellings merged",
			req: func() *http.Request {
				r := newReq("GET", "https://h/v1/x", "")
				r.Header["X-Multi"] = []string{"b", " a "}
				r.Header.Set("X-Trim", "  v  a  ")
				r.Header["x-custom"] = []string{"2"}
				r.Header["X-Custom"] = []string{"1"}
				r.Header["X-Empty-List"] = []string{}
				return r
			},
			wantCanonical: "GET\n/v1/x/\n\nx-custom:1\nx-custom:2\nx-multi:a\nx-multi:b\nx-sdk-date:" + date + "\nx-trim:v  a\n\n" +
				"x-custom;x-multi;x-sdk-date;x-trim\n" + emptyHash,
			wantSigned: "x-custom;x-multi;x-sdk-date;x-trim",
			check: func(t *testing.T, req *http.Request) {
				assert.Equal(t, []string{"b", " a "}, req.Header["X-Multi"], "caller's header values must keep their order")
			},
		},
		{
			name:  "temporary credentials sign X-Security-Token",
			creds: TemporaryKeys(sigTestAK, sigTestSK, sigTestToken),
			req: func() *http.Request {
				r := newReq("GET", "https://h/v1/x", "")
				r.Header.Set("X-Project-Id", "pid")
				return r
			},
			wantCanonical: "GET\n/v1/x/\n\nx-project-id:pid\nx-sdk-date:" + date + "\nx-security-token:" + sigTestToken +
				"\n\nx-project-id;x-sdk-date;x-security-token\n" + emptyHash,
			wantSigned: "x-project-id;x-sdk-date;x-security-token",
		},
		{
			name: "empty method is GET, as net/http sends it",
			req: func() *http.Request {
				r := newReq("GET", "https://h/v1/x", "")
				r.Method = ""
				return r
			},
			wantCanonical: "GET\n/v1/x/\n\nx-sdk-date:" + date + "\n\nx-sdk-date\n" + emptyHash,
			wantSigned:    "x-sdk-date",
		},
		{
			name: "unparseable X-Sdk-Date is replaced by the clock",
			req: func() *http.Request {
				r := newReq("GET", "https://h/v1/x", "")
				r.Header.Set("X-Sdk-Date", "2024-03-15T08:30:00Z")
				return r
			},
			wantCanonical: "GET\n/v1/x/\n\nx-sdk-date:" + date + "\n\nx-sdk-date\n" + emptyHash,
			wantSigned:    "x-sdk-date",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			creds := tc.creds
			if creds.AccessKey == "" {
				creds = Keys(sigTestAK, sigTestSK)
			}
			s := New(creds)
			s.now = sigFixedClock(sigTestDate)
			req := tc.req()
			var tr signTrace
			require.NoError(t, s.sign(req, &tr))
			assert.Equal(t, tc.wantCanonical, tr.canonicalRequest)
			assert.Equal(t, tc.wantSigned, tr.signedHeaders)
			assert.Equal(t, date, req.Header.Get("X-Sdk-Date"))
			assert.Equal(t, "SDK-HMAC-SHA256 Access="+sigTestAK+", SignedHeaders="+tc.wantSigned+", Signature="+tr.signature,
				req.Header.Get("Authorization"))
			if tc.check != nil {
				tc.check(t, req)
			}
			require.NoError(t, VerifyAt(req, func(string) (string, bool) { return creds.SecretKey.Reveal(), true }, sigTestDate))
		})
	}
}

func TestSignUsesClockAndIsIdempotent(t *testing.T) {
	s := New(Keys(sigTestAK, sigTestSK))
	s.now = sigFixedClock(time.Date(2025, 1, 2, 3, 4, 5, 0, time.FixedZone("CET", 3600)))
	req, err := http.NewRequest(http.MethodGet, "https://h/v1/x?a=1", nil)
	require.NoError(t, err)

	require.NoError(t, s.Sign(req))
	assert.Equal(t, "20250102T020405Z", req.Header.Get("X-Sdk-Date"), "UTC")
	first := req.Header.Get("Authorization")

	// Signing again reuses the date and replaces, not adds, Authorization.
	s.now = sigFixedClock(time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC))
	require.NoError(t, s.Sign(req))
	assert.Equal(t, []string{first}, req.Header.Values("Authorization"))
}

func TestSignBodyIsNotConsumed(t *testing.T) {
	const body = `{"a":1}` + "\n"
	const bodyHash = "e346432021b04179518d9614f3560ccd71354a4ee101ddcb893d6959a9d6301c"
	s := New(Keys(sigTestAK, sigTestSK))
	s.now = sigFixedClock(sigTestDate)

	t.Run("GetBody set", func(t *testing.T) {
		req, err := http.NewRequest(http.MethodPost, "https://h/v1/x", strings.NewReader(body))
		require.NoError(t, err)
		var tr signTrace
		require.NoError(t, s.sign(req, &tr))
		assert.Equal(t, bodyHash, tr.payloadHash)
		got, err := io.ReadAll(req.Body)
		require.NoError(t, err)
		assert.Equal(t, body, string(got))
	})

	t.Run("no GetBody: read once, made replayable", func(t *testing.T) {
		rc := &sigCloseTracker{Reader: strings.NewReader(body)}
		req, err := http.NewRequest(http.MethodPost, "https://h/v1/x", rc)
		require.NoError(t, err)
		require.Nil(t, req.GetBody)
		var tr signTrace
		require.NoError(t, s.sign(req, &tr))
		assert.Equal(t, bodyHash, tr.payloadHash)
		assert.True(t, rc.closed.Load(), "the original body is closed once read")
		assert.Equal(t, int64(len(body)), req.ContentLength)
		require.NotNil(t, req.GetBody)
		for range 2 {
			got, err := io.ReadAll(req.Body)
			require.NoError(t, err)
			assert.Equal(t, body, string(got))
			req.Body, err = req.GetBody()
			require.NoError(t, err)
		}
		require.NoError(t, VerifyAt(req, sigTestKeys, sigTestDate))
	})

	t.Run("empty body without GetBody", func(t *testing.T) {
		req, err := http.NewRequest(http.MethodPost, "https://h/v1/x", &sigCloseTracker{Reader: strings.NewReader("")})
		require.NoError(t, err)
		var tr signTrace
		require.NoError(t, s.sign(req, &tr))
		assert.Equal(t, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", tr.payloadHash)
		assert.Equal(t, http.NoBody, req.Body)
	})
}

type sigCloseTracker struct {
	io.Reader
	closed atomic.Bool
}

func (c *sigCloseTracker) Close() error { c.closed.Store(true); return nil }

func TestSignErrors(t *testing.T) {
	okReq := func() *http.Request {
		r, err := http.NewRequest(http.MethodGet, "https://h/v1/x", nil)
		require.NoError(t, err)
		return r
	}
	tests := []struct {
		name   string
		signer *Signer
		req    func() *http.Request
		errSub string
	}{
		{"no access key", New(Keys("", sigTestSK)), okReq, "no access key"},
		{"no secret key", New(Keys(sigTestAK, "")), okReq, "no access key or secret key"},
		{"zero Signer", &Signer{}, okReq, "no access key"},
		{"nil Signer", nil, okReq, "no access key"},
		{"nil request", New(Keys(sigTestAK, sigTestSK)), func() *http.Request { return nil }, "nil request"},
		{"no URL", New(Keys(sigTestAK, sigTestSK)), func() *http.Request { return &http.Request{} }, "without URL"},
		{"invalid header name", New(Keys(sigTestAK, sigTestSK)), func() *http.Request {
			r := okReq()
			r.Header["Bad Header"] = []string{"x"}
			return r
		}, "invalid header field name"},
		{"malformed query", New(Keys(sigTestAK, sigTestSK)), func() *http.Request {
			r := okReq()
			r.URL.RawQuery = "a=%zz"
			return r
		}, "malformed query"},
		{"GetBody fails", New(Keys(sigTestAK, sigTestSK)), func() *http.Request {
			r, err := http.NewRequest(http.MethodPost, "https://h/v1/x", strings.NewReader("x"))
			require.NoError(t, err)
			r.GetBody = func() (io.ReadCloser, error) { return nil, errors.New("boom") }
			return r
		}, "boom"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.signer.Sign(tc.req())
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.errSub)
			assert.NotContains(t, err.Error(), sigTestSK)
		})
	}
}

func TestEditRequest(t *testing.T) {
	// Same shape as oapi-codegen's RequestEditorFn.
	var editor func(ctx context.Context, req *http.Request) error = New(Keys(sigTestAK, sigTestSK)).EditRequest

	srv := httptest.NewServer(sigVerifyingHandler(t))
	defer srv.Close()

	req, err := http.NewRequest(http.MethodPost, srv.URL+"/v2.0/pid/datasource/enhanced-connections?name=a+b", strings.NewReader(`{"x":1}`))
	require.NoError(t, err)
	req.Header.Set("Content-Type", "application/json")
	require.NoError(t, editor(context.Background(), req))
	require.NotEmpty(t, req.Header.Get("Authorization"))

	resp, err := srv.Client().Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	assert.Equal(t, http.StatusOK, resp.StatusCode, string(b))
	assert.Equal(t, `{"x":1}`, string(b))
}

// sigVerifyingHandler is a fake API gateway: 401 unless the signature
// verifies, otherwise it echoes the body (proving it was not consumed).
func sigVerifyingHandler(t *testing.T) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := Verify(r, sigTestKeys); err != nil {
			var se *SignatureError
			assert.True(t, errors.As(err, &se))
			http.Error(w, err.Error(), http.StatusUnauthorized)
			return
		}
		_, _ = io.Copy(w, r.Body)
	})
}

type sigRoundTripFunc func(*http.Request) (*http.Response, error)

func (f sigRoundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

func TestRoundTripperClonesAndSignsEveryAttempt(t *testing.T) {
	s := New(Keys(sigTestAK, sigTestSK))
	var clock atomic.Int64
	clock.Store(sigTestDate.Unix())
	s.now = func() time.Time { return time.Unix(clock.Load(), 0) }

	var seen []*http.Request
	rt := s.RoundTripper(sigRoundTripFunc(func(r *http.Request) (*http.Response, error) {
		seen = append(seen, r)
		require.NoError(t, VerifyAt(r, sigTestKeys, time.Unix(clock.Load(), 0)))
		body, err := io.ReadAll(r.Body)
		require.NoError(t, err)
		assert.Equal(t, `{"x":1}`, string(body))
		return &http.Response{StatusCode: http.StatusOK, Body: http.NoBody, Request: r}, nil
	}))

	req, err := http.NewRequest(http.MethodPost, "https://h/v1/x?q=a+b", strings.NewReader(`{"x":1}`))
	require.NoError(t, err)
	req.Header.Set("Content-Type", "application/json")
	before := req.Header.Clone()

	for range 2 {
		resp, err := rt.RoundTrip(req)
		require.NoError(t, err)
		require.NoError(t, resp.Body.Close())
		clock.Add(60)
		// An attempt reuses the caller's request; its body must be
		// rewound as net/http does for retries.
		req.Body, err = req.GetBody()
		require.NoError(t, err)
	}

	require.Len(t, seen, 2)
	assert.Equal(t, before, req.Header, "caller's headers untouched")
	assert.Equal(t, "q=a+b", req.URL.RawQuery, "caller's URL untouched")
	assert.Equal(t, "20240315T083000Z", seen[0].Header.Get("X-Sdk-Date"))
	assert.Equal(t, "20240315T083100Z", seen[1].Header.Get("X-Sdk-Date"))
	assert.NotEqual(t, seen[0].Header.Get("Authorization"), seen[1].Header.Get("Authorization"))
	assert.Equal(t, "q=a%20b", seen[0].URL.RawQuery)
}

func TestRoundTripperErrorClosesBody(t *testing.T) {
	rt := New(Keys("", "")).RoundTripper(sigRoundTripFunc(func(*http.Request) (*http.Response, error) {
		t.Fatal("must not be called")
		return nil, nil
	}))
	body := &sigCloseTracker{Reader: strings.NewReader("x")}
	req, err := http.NewRequest(http.MethodPost, "https://h/", body)
	require.NoError(t, err)
	_, err = rt.RoundTrip(req)
	require.Error(t, err)
	assert.True(t, body.closed.Load())
}

func TestRoundTripperNilNextUsesDefaultTransport(t *testing.T) {
	rt := New(Keys(sigTestAK, sigTestSK)).RoundTripper(nil)
	st, ok := rt.(*signingTransport)
	require.True(t, ok)
	assert.Same(t, http.DefaultTransport, st.next)
}

func TestRoundTripperEndToEnd(t *testing.T) {
	mux := http.NewServeMux()
	mux.Handle("/v1/new", sigVerifyingHandler(t))
	mux.HandleFunc("/v1/old", func(w http.ResponseWriter, r *http.Request) {
		// 307 makes the client resend method and body to another path: the
		// signature of the first attempt would not match there.
		http.Redirect(w, r, "/v1/new?moved=yes", http.StatusTemporaryRedirect)
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()

	client := &http.Client{Transport: New(Keys(sigTestAK, sigTestSK)).RoundTripper(srv.Client().Transport)}

	tests := []struct {
		name, path string
		body       func() io.Reader
	}{
		{"JSON body, query with space and plus", "/v1/new?name=conn+a%2Fb&tags=env%3Dprod&empty=", func() io.Reader { return strings.NewReader(`{"a":"b"}`) }},
		{"body without GetBody", "/v1/new", func() io.Reader { return struct{ io.Reader }{strings.NewReader(`{"a":"b"}`)} }},
		{"redirect is re-signed", "/v1/old", func() io.Reader { return strings.NewReader(`{"a":"b"}`) }},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			req, err := http.NewRequest(http.MethodPost, srv.URL+tc.path, tc.body())
			require.NoError(t, err)
			req.Header.Set("Content-Type", "application/json")
			req.Header.Set("X-Project-Id", "0123456789abcdef0123456789abcdef")
			resp, err := client.Do(req)
			require.NoError(t, err)
			defer resp.Body.Close()
			b, _ := io.ReadAll(resp.Body)
			require.Equal(t, http.StatusOK, resp.StatusCode, string(b))
			assert.Equal(t, `{"a":"b"}`, string(b))
		})
	}
}

func TestSignConcurrent(t *testing.T) {
	s := New(TemporaryKeys(sigTestAK, sigTestSK, sigTestToken))
	s.now = sigFixedClock(sigTestDate)
	keys := func(string) (string, bool) { return sigTestSK, true }
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			for i := range 50 {
				body := fmt.Sprintf(`{"g":%d,"i":%d}`, g, i)
				req, err := http.NewRequest(http.MethodPost, fmt.Sprintf("https://h/v1/%d?i=%d", g, i), strings.NewReader(body))
				if !assert.NoError(t, err) {
					return
				}
				req.Header.Set("X-Index", fmt.Sprint(i))
				assert.NoError(t, s.Sign(req))
				assert.NoError(t, VerifyAt(req, keys, sigTestDate))
			}
		})
	}
	wg.Wait()
}

func TestSignerAndCredentialsRedactSecrets(t *testing.T) {
	creds := TemporaryKeys(sigTestAK, sigTestSK, sigTestToken)
	signers := map[string]*Signer{
		"signer":  New(creds),
		"derived": NewDerived(Keys(sigTestAK, sigTestSK), "cn-north-4", "dli"),
	}
	type exported struct {
		C Credentials
		S *Signer
		V Signer
	}
	type unexported struct {
		s Signer
		p *Signer
	}
	values := map[string]any{
		"Credentials":         creds,
		"*Credentials":        &creds,
		"struct with fields":  exported{C: creds, S: signers["signer"], V: *signers["derived"]},
		"unexported fields":   unexported{s: *signers["signer"], p: signers["signer"]},
		"slice of signers":    []*Signer{signers["signer"], signers["derived"]},
		"*Signer":             signers["signer"],
		"Signer value":        *signers["signer"],
		"derived *Signer":     signers["derived"],
		"derived Signer":      *signers["derived"],
		"map with signer key": map[string]any{"s": signers["signer"], "c": creds},
		"unexported credentials": struct {
			c  Credentials
			pc *Credentials
			sk Secret
		}{creds, &creds, creds.SecretKey},
		"Secret":  creds.SecretKey,
		"*Secret": &creds.SecretKey,
	}
	verbs := []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%X", "%d", "%10.3v", "%T", "%p", "%t", "%08b"}
	for name, v := range values {
		for _, verb := range verbs {
			out := fmt.Sprintf(verb, v)
			assertNoSignerSecret(t, out, name+" "+verb)
		}
		assertNoSignerSecret(t, fmt.Sprint(v), name+" Sprint")
		assertNoSignerSecret(t, fmt.Sprintln(v), name+" Sprintln")
	}

	for _, newHandler := range []func(io.Writer) slog.Handler{
		func(w io.Writer) slog.Handler { return slog.NewJSONHandler(w, nil) },
		func(w io.Writer) slog.Handler { return slog.NewTextHandler(w, nil) },
	} {
		var buf bytes.Buffer
		log := slog.New(newHandler(&buf))
		log.Info("signing", "creds", creds, "signer", signers["signer"], "derived", signers["derived"],
			"nested", exported{C: creds, S: signers["signer"]}, slog.Any("value", *signers["signer"]))
		out := buf.String()
		assertNoSignerSecret(t, out, "slog")
		assert.Contains(t, out, sigTestAK)
		assert.Contains(t, out, redacted)
	}

	js, err := json.Marshal(exported{C: creds, S: signers["signer"]})
	require.NoError(t, err)
	assertNoSignerSecret(t, string(js), "encoding/json")
	assert.Contains(t, string(js), sigTestAK)

	// Shapes, so the redacted output stays useful.
	assert.Equal(t, "{"+sigTestAK+" [REDACTED] [REDACTED]}", fmt.Sprintf("%v", creds))
	assert.Equal(t, "{AccessKey:ak SecretKey:[REDACTED] SecurityToken:}", fmt.Sprintf("%+v", Keys("ak", "sk")))
	assert.Equal(t, `signer.Credentials{AccessKey:"ak", SecretKey:signer.Secret(""), SecurityToken:signer.Secret("")}`, fmt.Sprintf("%#v", Credentials{AccessKey: "ak"}))
	assert.Equal(t, "{Algorithm:SDK-HMAC-SHA256 AccessKey:ak SecretKey:[REDACTED] SecurityToken:}", fmt.Sprint(New(Keys("ak", "sk"))))
	assert.Equal(t, "{Algorithm:V11-HMAC-SHA256 AccessKey:ak SecretKey:[REDACTED] SecurityToken: Region:r Service:dli}",
		fmt.Sprintf("%+v", NewDerived(Keys("ak", "sk"), "r", "dli")))
	assert.Equal(t, "<nil>", fmt.Sprint((*Signer)(nil)))
}

func assertNoSignerSecret(t *testing.T, out, what string) {
	t.Helper()
	assert.NotContains(t, out, sigTestSK, "%s leaks the secret key: %s", what, out)
	assert.NotContains(t, out, sigTestToken, "%s leaks the security token: %s", what, out)
	// The SK split into pieces (e.g. a byte-slice dump) must not show either.
	assert.NotContains(t, out, "ExampleSecret", "%s: %s", what, out)
	assert.NotContains(t, out, fmt.Sprint([]byte(sigTestSK)[:8]), "%s: %s", what, out)
	assert.NotContains(t, strings.ToLower(out), hex.EncodeToString([]byte(sigTestSK)[:8]), "%s: %s", what, out)
}

func TestParseQueryMatchesURLValues(t *testing.T) {
	// For queries net/url accepts, our parser sees the same pairs.
	for _, raw := range []string{"", "a=1", "a=1&a=2&b=", "x=%20%2B+&y", "k=v&&k=w", "%E4%B8%AD=%E6%96%87"} {
		want, err := url.ParseQuery(raw)
		require.NoError(t, err)
		pairs, err := parseQuery(nil, raw)
		require.NoError(t, err)
		got := url.Values{}
		for _, p := range pairs {
			got[p.k] = append(got[p.k], p.v)
		}
		for k := range want {
			assert.ElementsMatch(t, want[k], got[k], raw)
		}
		assert.Len(t, got, len(want), raw)
	}
}
