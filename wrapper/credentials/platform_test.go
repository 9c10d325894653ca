package credentials

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The answers of the vendor SDK's own tests (v0.1.215): the metadata service's and IAM's
// credential (core/auth/internal/metadata_accessor_test.go, federal_accessor_test.go) and CCE pod
// identity's (core/auth/internal/pod_identity_accessor_test.go), each spelling.
const (
	vendorMetadataAnswer    = `{"credential":{"access":"ak","expires_at":"2020-01-08T03:50:07.574000Z","secret":"sk","securitytoken":"sec-token"}}`
	vendorPodIdentityAnswer = `{"assumedAgency":{"urn":"","id":""},"audience":"","credentials":{"accessKeyId":"ak","secretAccessKey":"sk",` +
		`"securityToken":"st","expiration":"2020-01-08T03:50:07.574000Z"},"podIdentityAssociationId":"","subject":{"namespace":"","serviceAccount":""}}`
)

var vendorExpiry = time.Date(2020, 1, 8, 3, 50, 7, 574000000, time.UTC)

// recorded is what a test server saw of one request.
type recorded struct {
	method, path string
	header       http.Header
	body         string
}

// platform is a test server that records requests and answers from a script.
type platform struct {
	mu   sync.Mutex
	seen []recorded
	srv  *httptest.Server
}

func newPlatform(t *testing.T, answer func(n int, r *http.Request, body string) (int, http.Header, string)) *platform {
	t.Helper()
	p := &platform{}
	p.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		p.mu.Lock()
		p.seen = append(p.seen, recorded{r.Method, r.URL.Path, r.Header.Clone(), string(b)})
		n := len(p.seen)
		p.mu.Unlock()
		status, h, body := answer(n, r, string(b))
		for k, v := range h {
			w.Header()[k] = v
		}
		w.WriteHeader(status)
		_, _ = io.WriteString(w, body)
	}))
	t.Cleanup(p.srv.Close)
	return p
}

func (p *platform) requests() []recorded {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]recorded(nil), p.seen...)
}

func TestMetadata(t *testing.T) {
	tests := []struct {
		name   string
		answer func(n int, r *http.Request) (int, string)
		// want: the paths asked, in order, and the token each keys request carried.
		paths   []string
		tokens  []string
		errLike string
	}{
		{name: "token, then keys with it",
			answer: func(n int, r *http.Request) (int, string) {
				if r.Method == http.MethodPut {
					return 200, "session-token-1"
				}
				return 200, vendorMetadataAnswer
			},
			paths: []string{"PUT " + metadataTokenPath, "GET " + metadataKeysPath}, tokens: []string{"", "session-token-1"}},
		{name: "no token API (v1): keys without one",
			answer: func(n int, r *http.Request) (int, string) {
				if r.Method == http.MethodPut {
					return 404, "not found"
				}
				return 200, vendorMetadataAnswer
			},
			paths: []string{"PUT " + metadataTokenPath, "GET " + metadataKeysPath}, tokens: []string{"", ""}},
		{name: "a token refused: a new one, once",
			answer: func(n int, r *http.Request) (int, string) {
				switch {
				case r.Method == http.MethodPut:
					return 200, fmt.Sprintf("session-token-%d", n)
				case n == 2:
					return 401, "token expired"
				}
				return 200, vendorMetadataAnswer
			},
			paths:  []string{"PUT " + metadataTokenPath, "GET " + metadataKeysPath, "PUT " + metadataTokenPath, "GET " + metadataKeysPath},
			tokens: []string{"", "session-token-1", "", "session-token-3"}},
		{name: "no agency: said, not retried",
			answer: func(n int, r *http.Request) (int, string) {
				if r.Method == http.MethodPut {
					return 200, "session-token"
				}
				return 401, `{"message": "Please configure Cloud Service Agency first"}`
			},
			paths: []string{"PUT " + metadataTokenPath, "GET " + metadataKeysPath}, errLike: "the instance has no agency"},
		{name: "an outage",
			answer: func(n int, r *http.Request) (int, string) {
				if r.Method == http.MethodPut {
					return 200, "session-token"
				}
				return 503, "Service Unavailable"
			},
			paths: []string{"PUT " + metadataTokenPath, "GET " + metadataKeysPath}, errLike: "HTTP 503: Service Unavailable"},
		{name: "an answer without a field",
			answer: func(n int, r *http.Request) (int, string) {
				if r.Method == http.MethodPut {
					return 404, ""
				}
				return 200, `{"credential":{"access":"ak","secret":"sk","expires_at":"2020-01-08T03:50:07Z"}}`
			},
			paths: []string{"PUT " + metadataTokenPath, "GET " + metadataKeysPath}, errLike: `neither "securitytoken" nor "securityToken"`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := newPlatform(t, func(n int, r *http.Request, _ string) (int, http.Header, string) {
				s, b := tc.answer(n, r)
				return s, nil, b
			})
			m := NewMetadata(p.srv.URL, nil)
			v, err := m.Retrieve(context.Background())
			var paths, tokens []string
			for _, r := range p.requests() {
				paths = append(paths, r.method+" "+r.path)
				tokens = append(tokens, r.header.Get(metadataTokenHeader))
				if r.method == http.MethodPut {
					assert.Equal(t, "21600", r.header.Get(metadataTTLHeader))
				}
			}
			assert.Equal(t, tc.paths, paths)
			if tc.errLike != "" {
				var se *SourceError
				require.ErrorAs(t, err, &se)
				assert.Contains(t, err.Error(), tc.errLike)
				assert.Contains(t, err.Error(), p.srv.URL)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tc.tokens, tokens)
			assert.Equal(t, "ak", v.AccessKey)
			assert.Equal(t, "sk", v.SecretKey.Reveal())
			assert.Equal(t, "sec-token", v.SecurityToken.Reveal())
			assert.Equal(t, vendorExpiry, v.Expires)
			assert.Equal(t, "the ECS metadata service ("+p.srv.URL+")", v.Source)
		})
	}
}

// The session token is kept for its lifetime, and v1 is remembered.
func TestMetadataKeepsItsSessionToken(t *testing.T) {
	p := newPlatform(t, func(n int, r *http.Request, _ string) (int, http.Header, string) {
		if r.Method == http.MethodPut {
			return 200, nil, "session-token"
		}
		return 200, nil, vendorMetadataAnswer
	})
	m := NewMetadata(p.srv.URL, nil)
	for range 3 {
		_, err := m.Retrieve(context.Background())
		require.NoError(t, err)
	}
	assert.Len(t, p.requests(), 4, "one token, three keys requests")
}

// Off a cloud VM nothing answers on the metadata address; a closed port stands in for it here
// (the test never dials 169.254.169.254).
func TestMetadataFailsFastWhenNothingListens(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	addr := l.Addr().String()
	require.NoError(t, l.Close())
	_, err = NewMetadata("http://"+addr, nil).Retrieve(context.Background())
	var se *SourceError
	require.ErrorAs(t, err, &se)
	assert.Contains(t, err.Error(), "connection refused")
}

func writeToken(t *testing.T, token string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "token")
	require.NoError(t, os.WriteFile(p, []byte(token+"\n"), 0o600))
	return p
}

func TestOIDC(t *testing.T) {
	p := newPlatform(t, func(n int, r *http.Request, body string) (int, http.Header, string) {
		switch r.URL.Path {
		case oidcTokenPath:
			h := http.Header{"X-Subject-Token": {fmt.Sprintf("iam-token-%d", n)}, "X-Request-Id": {"req"}}
			return 201, h, `{"token":{"expires_at":"2018-03-13T03:00:01.168000Z","methods":["mapped"]}}`
		case securityTokensPath:
			return 201, nil, vendorMetadataAnswer
		}
		return 404, nil, ""
	})
	tokenFile := writeToken(t, "id-token-1")
	o := &OIDC{IdentityProvider: "idp-1", TokenFile: tokenFile, IAMEndpoint: p.srv.URL}
	v, err := o.Retrieve(context.Background())
	require.NoError(t, err)
	assert.Equal(t, "ak", v.AccessKey)
	assert.Equal(t, vendorExpiry, v.Expires)

	// Projected tokens rotate: the file is read again at the next exchange.
	require.NoError(t, os.WriteFile(tokenFile, []byte("id-token-2"), 0o600))
	_, err = o.Retrieve(context.Background())
	require.NoError(t, err)

	reqs := p.requests()
	require.Len(t, reqs, 4)
	for i, idToken := range []string{"id-token-1", "id-token-2"} {
		ex, keys := reqs[2*i], reqs[2*i+1]
		assert.Equal(t, "POST "+oidcTokenPath, ex.method+" "+ex.path)
		assert.Equal(t, "idp-1", ex.header.Get("X-Idp-Id"))
		assert.Empty(t, ex.header.Get("Authorization"), "the exchange is not signed")
		assert.JSONEq(t, `{"auth":{"id_token":{"id":"`+idToken+`"}}}`, ex.body)
		iamToken := fmt.Sprintf("iam-token-%d", 2*i+1)
		assert.Equal(t, "POST "+securityTokensPath, keys.method+" "+keys.path)
		assert.Equal(t, iamToken, keys.header.Get("X-Auth-Token"))
		assert.JSONEq(t, `{"auth":{"identity":{"methods":["token"],"token":{"id":"`+iamToken+`","duration_seconds":21600}}}}`, keys.body)
	}
}

func TestOIDCFailures(t *testing.T) {
	tests := []struct {
		name    string
		answer  func(path string) (int, http.Header, string)
		token   string
		errLike string
	}{
		{"IAM refuses the id token", func(string) (int, http.Header, string) {
			return 401, nil, `{"error":{"code":401,"title":"Unauthorized","message":"id token id-token-secret is invalid"}}`
		}, "id-token-secret", "HTTP 401 Unauthorized: id token [REDACTED] is invalid"},
		{"another site's IAM", func(string) (int, http.Header, string) {
			return 403, nil, `{"error_code":"IAM.0002","error_msg":"The identity provider does not exist."}`
		}, "t", "HTTP 403 IAM.0002: The identity provider does not exist."},
		{"no X-Subject-Token", func(string) (int, http.Header, string) { return 201, nil, `{}` }, "t", "without X-Subject-Token"},
		{"no credential", func(path string) (int, http.Header, string) {
			if path == oidcTokenPath {
				return 201, http.Header{"X-Subject-Token": {"x"}}, `{}`
			}
			return 201, nil, `{}`
		}, "t", `no "credential" in IAM's answer`},
		{"an empty token file", nil, "", "is empty"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := newPlatform(t, func(_ int, r *http.Request, _ string) (int, http.Header, string) { return tc.answer(r.URL.Path) })
			o := &OIDC{IdentityProvider: "idp", TokenFile: writeToken(t, tc.token), IAMEndpoint: p.srv.URL}
			_, err := o.Retrieve(context.Background())
			var se *SourceError
			require.ErrorAs(t, err, &se)
			assert.Contains(t, err.Error(), tc.errLike)
			if tc.token != "" && len(tc.token) > 4 {
				assert.NotContains(t, err.Error(), tc.token)
			}
		})
	}
}

func TestPodIdentity(t *testing.T) {
	p := newPlatform(t, func(_ int, r *http.Request, body string) (int, http.Header, string) {
		if r.Header.Get("Authorization") != "pod-token" {
			return 403, nil, "forbidden"
		}
		return 200, nil, vendorPodIdentityAnswer
	})
	pi := &PodIdentity{URI: p.srv.URL + "/v1/pod-identity/credentials", TokenFile: writeToken(t, "pod-token")}
	v, err := pi.Retrieve(context.Background())
	require.NoError(t, err)
	assert.Equal(t, "ak", v.AccessKey)
	assert.Equal(t, "st", v.SecurityToken.Reveal())
	assert.Equal(t, vendorExpiry, v.Expires)
	r := p.requests()[0]
	assert.Equal(t, "POST /v1/pod-identity/credentials", r.method+" "+r.path)
	assert.Equal(t, "{}", r.body)
	assert.Equal(t, "application/json; charset=utf-8", r.header.Get("Content-Type"))

	pi.TokenFile = writeToken(t, "wrong-token")
	_, err = pi.Retrieve(context.Background())
	assert.ErrorContains(t, err, "HTTP 403: forbidden")
	assert.NotContains(t, err.Error(), "wrong-token")
}

// No secret of a Value or of a provider shows in any fmt verb or in JSON.
func TestValuesAndProvidersPrintNoSecret(t *testing.T) {
	v := Value{AccessKey: "AK", SecretKey: newSecret("very-secret-key-123"), SecurityToken: newSecret("very-secret-token-456"), Source: "s"}
	m := NewMetadata("http://127.0.0.1:9", nil)
	m.token = newSecret("metadata-session-token-789")
	c := NewCache(Static(v), CacheOptions{})
	_, _ = c.Retrieve(context.Background())
	js, err := json.Marshal(v)
	require.NoError(t, err)
	outs := []string{string(js)}
	for _, x := range []any{v, &v, m, c, Static(v)} {
		for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x"} {
			outs = append(outs, fmt.Sprintf(verb, x))
		}
	}
	for _, out := range outs {
		for _, secret := range []string{"very-secret-key-123", "very-secret-token-456", "metadata-session-token-789"} {
			assert.False(t, strings.Contains(out, secret), "leaks %s: %s", secret, out)
		}
	}
}

// A metadata service that refuses the connection (starting, restarting) is tried twice more,
// shortly after, then the refusal is the answer; a dial that times out is never tried again.
func TestMetadataRetriesARefusedConnection(t *testing.T) {
	p := newPlatform(t, func(_ int, r *http.Request, _ string) (int, http.Header, string) {
		if r.Method == http.MethodPut {
			return 200, nil, "session-token"
		}
		return 200, nil, vendorMetadataAnswer
	})
	var dials atomic.Int64
	refuseFirst := &http.Client{Transport: &http.Transport{DialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
		if dials.Add(1) == 1 {
			return nil, &net.OpError{Op: "dial", Net: network, Err: os.NewSyscallError("connect", syscall.ECONNREFUSED)}
		}
		return (&net.Dialer{}).DialContext(ctx, network, addr)
	}}}
	v, err := NewMetadata(p.srv.URL, refuseFirst).Retrieve(context.Background())
	require.NoError(t, err)
	assert.Equal(t, "ak", v.AccessKey)
	assert.Equal(t, int64(2), dials.Load(), "refused once, then connected (and kept the connection)")

	var refused atomic.Int64
	alwaysRefused := &http.Client{Transport: &http.Transport{DialContext: func(context.Context, string, string) (net.Conn, error) {
		refused.Add(1)
		return nil, &net.OpError{Op: "dial", Net: "tcp", Err: os.NewSyscallError("connect", syscall.ECONNREFUSED)}
	}}}
	_, err = NewMetadata(p.srv.URL, alwaysRefused).Retrieve(context.Background())
	require.Error(t, err)
	assert.Equal(t, int64(1+refusedRetries), refused.Load())
}
