package signer

import (
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestVerifySignatureVendorVectors checks the verifier on its own: the
// requests carry the Authorization the vendor SDK computed, not ours.
func TestVerifySignatureVendorVectors(t *testing.T) {
	vf := loadSignerVectors(t)
	byName := map[string]signerVector{}
	for _, v := range vf.Vectors {
		byName[v.Name] = v
		t.Run(v.Name, func(t *testing.T) {
			req := newVectorRequest(t, v)
			req.Header.Set("Authorization", v.Authorization)
			keys := func(ak string) (string, bool) { return v.SK, ak == v.AK }
			require.NoError(t, VerifyAt(req, keys, sigTestDate))

			err := VerifyAt(req, keys, time.Now())
			requireSignatureError(t, err, "clock skew")
		})
	}
	for _, x := range vf.Extras {
		t.Run(x.Name, func(t *testing.T) {
			base := byName[x.BasedOn]
			req := newVectorRequest(t, base)
			req.Header.Set("Authorization", x.Authorization)
			require.NoError(t, VerifyAt(req, func(ak string) (string, bool) { return base.SK, ak == base.AK }, sigTestDate))
		})
	}
}

// sigSignedRequest is a POST with query, JSON body and a project header,
// signed at sigTestDate.
func sigSignedRequest(t *testing.T) *http.Request {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, "https://dli.example.com/v2.0/pid/datasource/enhanced-connections?limit=10&name=conn%20a", strings.NewReader(`{"name":"c1"}`))
	require.NoError(t, err)
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-Project-Id", "pid")
	req.Header.Set("User-Agent", "test")
	s := New(Keys(sigTestAK, sigTestSK))
	s.now = sigFixedClock(sigTestDate)
	require.NoError(t, s.Sign(req))
	return req
}

func sigSetBody(req *http.Request, body string) {
	req.Body = io.NopCloser(strings.NewReader(body))
	req.GetBody = func() (io.ReadCloser, error) { return io.NopCloser(strings.NewReader(body)), nil }
}

func requireSignatureError(t *testing.T, err error, reasonSub string) {
	t.Helper()
	require.Error(t, err)
	var se *SignatureError
	require.True(t, errors.As(err, &se), "want *SignatureError, got %T", err)
	assert.Contains(t, se.Reason, reasonSub)
	assert.NotContains(t, err.Error(), sigTestSK)
	assert.NotContains(t, err.Error(), sigTestToken)
}

func TestVerifySignatureDetectsTampering(t *testing.T) {
	require.NoError(t, VerifyAt(sigSignedRequest(t), sigTestKeys, sigTestDate))

	tests := []struct {
		name   string
		tamper func(r *http.Request)
		reason string
	}{
		{"body changed", func(r *http.Request) { sigSetBody(r, `{"name":"c2"}`) }, "signature mismatch"},
		{"body emptied", func(r *http.Request) { r.Body, r.GetBody = http.NoBody, nil }, "signature mismatch"},
		{"query value changed", func(r *http.Request) { r.URL.RawQuery = "limit=11&name=conn%20a" }, "signature mismatch"},
		{"query parameter added", func(r *http.Request) { r.URL.RawQuery += "&offset=0" }, "signature mismatch"},
		{"signed header changed", func(r *http.Request) { r.Header.Set("X-Project-Id", "other") }, "signature mismatch"},
		{"signed header value added", func(r *http.Request) { r.Header.Add("User-Agent", "second") }, "signature mismatch"},
		{"signed header removed", func(r *http.Request) { r.Header.Del("X-Project-Id") }, "x-project-id is missing"},
		{"date changed", func(r *http.Request) { r.Header.Set("X-Sdk-Date", "20240315T083001Z") }, "signature mismatch"},
		{"date removed", func(r *http.Request) { r.Header.Del("X-Sdk-Date") }, "X-Sdk-Date"},
		{"date malformed", func(r *http.Request) { r.Header.Set("X-Sdk-Date", "2024-03-15T08:30:00Z") }, "malformed X-Sdk-Date"},
		{"method changed", func(r *http.Request) { r.Method = http.MethodPut }, "signature mismatch"},
		{"path changed", func(r *http.Request) { r.URL.Path += "/x" }, "signature mismatch"},
		{"signature altered", func(r *http.Request) {
			a := r.Header.Get("Authorization")
			last := a[len(a)-1]
			repl := byte('0')
			if last == '0' {
				repl = '1'
			}
			r.Header.Set("Authorization", a[:len(a)-1]+string(repl))
		}, "signature mismatch"},
		{"signature upper-cased", func(r *http.Request) {
			a := r.Header.Get("Authorization")
			i := strings.LastIndex(a, "=")
			r.Header.Set("Authorization", a[:i+1]+strings.ToUpper(a[i+1:]))
		}, "signature mismatch"},
		{"signed header dropped from list", func(r *http.Request) {
			r.Header.Set("Authorization", strings.Replace(r.Header.Get("Authorization"), "user-agent;", "", 1))
		}, "signature mismatch"},
		{"unknown access key", func(r *http.Request) {
			r.Header.Set("Authorization", strings.Replace(r.Header.Get("Authorization"), sigTestAK, "OTHERAK", 1))
		}, "unknown access key"},
		{"wrong algorithm", func(r *http.Request) {
			r.Header.Set("Authorization", strings.Replace(r.Header.Get("Authorization"), "SDK-HMAC-SHA256", "SDK-HMAC-SM3", 1))
		}, "unsupported signing algorithm"},
		{"Authorization removed", func(r *http.Request) { r.Header.Del("Authorization") }, "Authorization"},
		{"second Authorization", func(r *http.Request) { r.Header.Add("Authorization", "x") }, "Authorization"},
		{"UNSIGNED-PAYLOAD claimed after signing", func(r *http.Request) {
			r.Header.Set("X-Sdk-Content-Sha256", "UNSIGNED-PAYLOAD")
			sigSetBody(r, "anything")
		}, "signature mismatch"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			req := sigSignedRequest(t)
			tc.tamper(req)
			requireSignatureError(t, VerifyAt(req, sigTestKeys, sigTestDate), tc.reason)
		})
	}

	t.Run("unsigned headers may change", func(t *testing.T) {
		req := sigSignedRequest(t)
		req.Header.Set("Content-Type", "application/json; charset=utf-8")
		req.Header.Set("Accept-Encoding", "gzip")
		req.Header.Set("Content-Length", "13")
		require.NoError(t, VerifyAt(req, sigTestKeys, sigTestDate))
	})
}

func TestVerifySignatureClockSkew(t *testing.T) {
	tests := []struct {
		name   string
		offset time.Duration
		ok     bool
	}{
		{"same time", 0, true},
		{"just inside, server ahead", MaxClockSkew - time.Second, true},
		{"just inside, server behind", -MaxClockSkew + time.Second, true},
		{"exactly the limit", MaxClockSkew, true},
		{"expired", MaxClockSkew + time.Second, false},
		{"from the future", -MaxClockSkew - time.Second, false},
		{"a day old", 24 * time.Hour, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := VerifyAt(sigSignedRequest(t), sigTestKeys, sigTestDate.Add(tc.offset))
			if tc.ok {
				require.NoError(t, err)
			} else {
				requireSignatureError(t, err, "clock skew")
			}
		})
	}
	t.Run("zero now skips the freshness check", func(t *testing.T) {
		require.NoError(t, VerifyAt(sigSignedRequest(t), sigTestKeys, time.Time{}))
	})
	t.Run("VerifySignature uses the real clock", func(t *testing.T) {
		requireSignatureError(t, Verify(sigSignedRequest(t), sigTestKeys), "clock skew")

		req, err := http.NewRequest(http.MethodGet, "https://h/v1/x", nil)
		require.NoError(t, err)
		require.NoError(t, New(Keys(sigTestAK, sigTestSK)).Sign(req))
		require.NoError(t, Verify(req, sigTestKeys))
	})
}

func TestVerifySignatureMalformedAuthorization(t *testing.T) {
	const sig = "Signature=69bb3418f6d3e940d9f887dbe04299ce582470a66a80738abd3c931600a35a9c"
	tests := []struct{ name, auth, reason string }{
		{"empty", "", "malformed"},
		{"algorithm only", "SDK-HMAC-SHA256", "malformed"},
		{"unknown algorithm", "AWS4-HMAC-SHA256 Credential=a/b, SignedHeaders=x-sdk-date, " + sig, "unsupported"},
		{"missing Access", "SDK-HMAC-SHA256 SignedHeaders=x-sdk-date, " + sig, "incomplete"},
		{"missing Signature", "SDK-HMAC-SHA256 Access=" + sigTestAK + ", SignedHeaders=x-sdk-date", "incomplete"},
		{"empty SignedHeaders", "SDK-HMAC-SHA256 Access=" + sigTestAK + ", SignedHeaders=, " + sig, "incomplete"},
		{"parameter without =", "SDK-HMAC-SHA256 Access=" + sigTestAK + ", SignedHeaders, " + sig, "malformed"},
		{"repeated parameter", "SDK-HMAC-SHA256 Access=" + sigTestAK + ", Access=" + sigTestAK + ", SignedHeaders=x-sdk-date, " + sig, "repeated"},
		{"unknown parameter", "SDK-HMAC-SHA256 Access=" + sigTestAK + ", Region=x, SignedHeaders=x-sdk-date, " + sig, "unexpected"},
		{"Credential in SDK-HMAC-SHA256", "SDK-HMAC-SHA256 Credential=" + sigTestAK + ", SignedHeaders=x-sdk-date, " + sig, "unexpected"},
		{"upper-case signed header", "SDK-HMAC-SHA256 Access=" + sigTestAK + ", SignedHeaders=X-Sdk-Date, " + sig, "malformed SignedHeaders"},
		{"unsorted signed headers", "SDK-HMAC-SHA256 Access=" + sigTestAK + ", SignedHeaders=x-sdk-date;user-agent, " + sig, "not sorted"},
		{"duplicate signed headers", "SDK-HMAC-SHA256 Access=" + sigTestAK + ", SignedHeaders=x-sdk-date;x-sdk-date, " + sig, "not sorted"},
		{"empty signed header name", "SDK-HMAC-SHA256 Access=" + sigTestAK + ", SignedHeaders=;x-sdk-date, " + sig, "malformed SignedHeaders"},
		{"date not signed", "SDK-HMAC-SHA256 Access=" + sigTestAK + ", SignedHeaders=user-agent, " + sig, "x-sdk-date is not a signed header"},
		{"V11 bad scope", "V11-HMAC-SHA256 Credential=" + sigTestAK + "/2024/cn-north-4/dli, SignedHeaders=x-sdk-date, " + sig, "malformed Credential"},
		{"V11 scope date mismatch", "V11-HMAC-SHA256 Credential=" + sigTestAK + "/20240316/cn-north-4/dli, SignedHeaders=x-sdk-date, " + sig, "does not match"},
		{"V11 missing service", "V11-HMAC-SHA256 Credential=" + sigTestAK + "/20240315/cn-north-4, SignedHeaders=x-sdk-date, " + sig, "malformed Credential"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			req, err := http.NewRequest(http.MethodGet, "https://h/v1/x", nil)
			require.NoError(t, err)
			req.Header.Set("User-Agent", "test")
			req.Header.Set("X-Sdk-Date", "20240315T083000Z")
			req.Header.Set("Authorization", tc.auth)
			requireSignatureError(t, VerifyAt(req, sigTestKeys, sigTestDate), tc.reason)
		})
	}

	t.Run("nil request and nil lookup", func(t *testing.T) {
		requireSignatureError(t, VerifyAt(nil, sigTestKeys, sigTestDate), "no request")
		requireSignatureError(t, VerifyAt(sigSignedRequest(t), nil, sigTestDate), "no secret key lookup")
	})
}

func TestVerifySignatureServerSideRequest(t *testing.T) {
	client := sigSignedRequest(t)

	// What a net/http server hands to a handler: Body without GetBody,
	// Host in req.Host, only the path and query in req.URL.
	server := httptest.NewRequest(client.Method, client.URL.RequestURI(), strings.NewReader(`{"name":"c1"}`))
	server.Host = client.URL.Host
	server.Header = client.Header.Clone()
	require.Nil(t, server.GetBody)

	require.NoError(t, VerifyAt(server, sigTestKeys, sigTestDate))
	body, err := io.ReadAll(server.Body)
	require.NoError(t, err)
	assert.Equal(t, `{"name":"c1"}`, string(body), "verification must leave the body readable")
}

func TestVerifySignatureHostSigned(t *testing.T) {
	req, err := http.NewRequest(http.MethodGet, "https://dli.example.com/v1/x", nil)
	require.NoError(t, err)
	req.Header.Set("Host", "dli.example.com")
	s := New(Keys(sigTestAK, sigTestSK))
	s.now = sigFixedClock(sigTestDate)
	require.NoError(t, s.Sign(req))
	require.Contains(t, req.Header.Get("Authorization"), "SignedHeaders=host;x-sdk-date")

	// On the server, Host arrives in req.Host, not in req.Header.
	server := httptest.NewRequest(http.MethodGet, "/v1/x", nil)
	server.Header = req.Header.Clone()
	server.Header.Del("Host")
	server.Host = "dli.example.com"
	require.NoError(t, VerifyAt(server, sigTestKeys, sigTestDate))

	server.Host = "evil.example.com"
	requireSignatureError(t, VerifyAt(server, sigTestKeys, sigTestDate), "signature mismatch")
}

func TestVerifySignaturePayloadClaims(t *testing.T) {
	s := New(Keys(sigTestAK, sigTestSK))
	s.now = sigFixedClock(sigTestDate)

	t.Run("UNSIGNED-PAYLOAD does not protect the body", func(t *testing.T) {
		req, err := http.NewRequest(http.MethodPut, "https://h/v1/upload", strings.NewReader("original"))
		require.NoError(t, err)
		req.Header.Set("Content-Type", "application/octet-stream")
		require.NoError(t, s.Sign(req))
		require.NoError(t, VerifyAt(req, sigTestKeys, sigTestDate))
		// That is the protocol: non-JSON bodies are not covered.
		sigSetBody(req, "replaced")
		require.NoError(t, VerifyAt(req, sigTestKeys, sigTestDate))
	})

	t.Run("a claimed hash must match the body", func(t *testing.T) {
		req, err := http.NewRequest(http.MethodPost, "https://h/v1/x", strings.NewReader("hello"))
		require.NoError(t, err)
		req.Header.Set("X-Sdk-Content-Sha256", "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824")
		require.NoError(t, s.Sign(req))
		require.NoError(t, VerifyAt(req, sigTestKeys, sigTestDate))
		sigSetBody(req, "world")
		requireSignatureError(t, VerifyAt(req, sigTestKeys, sigTestDate), "does not match the body")
	})

	t.Run("body read error", func(t *testing.T) {
		req, err := http.NewRequest(http.MethodPost, "https://h/v1/x", strings.NewReader("hello"))
		require.NoError(t, err)
		require.NoError(t, s.Sign(req))
		req.GetBody = func() (io.ReadCloser, error) { return nil, errors.New("gone") }
		requireSignatureError(t, VerifyAt(req, sigTestKeys, sigTestDate), "cannot read body")
	})
}

func TestVerifySignatureDerived(t *testing.T) {
	s := NewDerived(Keys(sigTestAK, sigTestSK), "eu-de", "dli")
	s.now = sigFixedClock(sigTestDate)
	req, err := http.NewRequest(http.MethodPost, "https://dli.eu-de.otc.t-systems.com/v1/x?a=b", strings.NewReader(`{}`))
	require.NoError(t, err)
	require.NoError(t, s.Sign(req))
	assert.True(t, strings.HasPrefix(req.Header.Get("Authorization"), "V11-HMAC-SHA256 Credential="+sigTestAK+"/20240315/eu-de/dli, SignedHeaders=x-sdk-date, Signature="))
	require.NoError(t, VerifyAt(req, sigTestKeys, sigTestDate))

	// The scope is part of the key: another region does not verify.
	req.Header.Set("Authorization", strings.Replace(req.Header.Get("Authorization"), "/eu-de/", "/eu-nl/", 1))
	requireSignatureError(t, VerifyAt(req, sigTestKeys, sigTestDate), "signature mismatch")
}

// unreadBody fails the test that reads it: VerifyHeadersAt must decide from the headers alone.
type unreadBody struct{ t *testing.T }

func (b unreadBody) Read([]byte) (int, error) {
	b.t.Error("the body was read")
	return 0, io.EOF
}
func (unreadBody) Close() error { return nil }

func TestVerifyHeadersReadsNoBody(t *testing.T) {
	keys := func(ak string) (string, bool) { return sigTestSK, ak == sigTestAK }
	tests := []struct {
		name    string
		edit    func(*http.Request)
		keys    SecretKeyFunc
		wantErr string
	}{
		{name: "a good request passes the header checks", keys: keys},
		{name: "unknown access key", keys: func(string) (string, bool) { return "", false }, wantErr: "unknown access key"},
		{name: "no Authorization", edit: func(r *http.Request) { r.Header.Del("Authorization") }, keys: keys, wantErr: "Authorization"},
		{name: "stale date", edit: func(r *http.Request) { r.Header.Set("X-Sdk-Date", "20200101T000000Z") }, keys: keys, wantErr: "clock skew"},
		{name: "signed header missing", edit: func(r *http.Request) { r.Header.Del("X-Project-Id") }, keys: keys, wantErr: "x-project-id is missing"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := sigSignedRequest(t)
			req.Body, req.GetBody = unreadBody{t}, nil
			if tt.edit != nil {
				tt.edit(req)
			}
			err := VerifyHeadersAt(req, tt.keys, sigTestDate)
			if tt.wantErr == "" {
				require.NoError(t, err)
				return
			}
			requireSignatureError(t, err, tt.wantErr)
		})
	}
}
