package fake

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/dli-openapi/enhanced-connections/gen"
	"github.com/dli-openapi/enhanced-connections/wrapper/signer"
)

const (
	testAK = "HPUAEXAMPLEAK0000001"
	testSK = "ExampleSecretKey0123456789abcdefghijklmnopq"
)

// sdkAuthorization is an independent, stdlib-only SDK-HMAC-SHA256 signer (see
// /work/shared/reference/signer.md), so the fake's check is not only tested against the
// wrapper's own signer. It signs every header in header except Content-Type.
func sdkAuthorization(method, path, rawQuery string, header http.Header, body []byte, ak, sk string) string {
	escape := func(s string) string {
		var b strings.Builder
		for i := 0; i < len(s); i++ {
			c := s[i]
			if 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9' || strings.IndexByte("-_.~", c) >= 0 {
				b.WriteByte(c)
			} else {
				b.WriteString("%" + strings.ToUpper(hex.EncodeToString([]byte{c})))
			}
		}
		return b.String()
	}
	segs := strings.Split(path, "/")
	for i, s := range segs {
		segs[i] = escape(s)
	}
	uri := strings.Join(segs, "/")
	if !strings.HasSuffix(uri, "/") {
		uri += "/"
	}
	q, _ := url.ParseQuery(rawQuery)
	var pairs []string
	for _, k := range slices.Sorted(func(yield func(string) bool) {
		for k := range q {
			if !yield(k) {
				return
			}
		}
	}) {
		vs := slices.Sorted(slices.Values(q[k]))
		for _, v := range vs {
			pairs = append(pairs, escape(k)+"="+escape(v))
		}
	}
	var names []string
	for k := range header {
		if lk := strings.ToLower(k); !strings.HasPrefix(lk, "content-type") {
			names = append(names, lk)
		}
	}
	slices.Sort(names)
	var canonHeaders strings.Builder
	for _, n := range names {
		canonHeaders.WriteString(n + ":" + strings.TrimSpace(header.Get(n)) + "\n")
	}
	bodyHash := sha256.Sum256(body)
	canonical := strings.Join([]string{method, uri, strings.Join(pairs, "&"), canonHeaders.String(), strings.Join(names, ";"), hex.EncodeToString(bodyHash[:])}, "\n")
	crHash := sha256.Sum256([]byte(canonical))
	sts := "SDK-HMAC-SHA256\n" + header.Get("X-Sdk-Date") + "\n" + hex.EncodeToString(crHash[:])
	mac := hmac.New(sha256.New, []byte(sk))
	mac.Write([]byte(sts))
	return "SDK-HMAC-SHA256 Access=" + ak + ", SignedHeaders=" + strings.Join(names, ";") + ", Signature=" + hex.EncodeToString(mac.Sum(nil))
}

// TestLocalSignerMatchesTheVendorVectors pins the local signer to signatures computed by the
// vendor's SDK (signer-vectors.json), so it is a trustworthy independent client.
func TestLocalSignerMatchesTheVendorVectors(t *testing.T) {
	header := http.Header{
		"User-Agent":   {"huaweicloud-usdk-go/3.0; sdkstudy"},
		"X-Project-Id": {project},
		"X-Sdk-Date":   {"20240315T083000Z"},
		"Content-Type": {"application/json"},
	}
	tests := []struct {
		name, method, path, query, body, signature string
	}{
		{"get-list-with-query", "GET", connsPath(project), "limit=10&name=conn%20a%2Fb&offset=0&status=ACTIVE&tags=env%3Dprod", "", "69bb3418f6d3e940d9f887dbe04299ce582470a66a80738abd3c931600a35a9c"},
		{"post-create-json-body", "POST", connsPath(project), "", `{"name":"rds-conn","dest_vpc_id":"22094d8f-c310-4621-913d-4c4d655d8495","dest_network_id":"78f2562a-36e4-4b39-95b9-f5aab22e1281","queues":["q1"],"hosts":[{"name":"db.example.com","ip":"192.168.0.10"}],"tags":[{"key":"env","value":"prod"}]}` + "\n", "5043c5d9c94b76cecab788a44258bdda393f1877b80275a52f9bb417ef7ed4c3"},
		{"delete-connection", "DELETE", connsPath(project) + "/" + missingID, "", "", "ac042ef7d50851aa44038ebbc37fb3bf0d20c1c17153525e9e2400c95db06355"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := sdkAuthorization(tt.method, tt.path, tt.query, header, []byte(tt.body), testAK, testSK)
			assert.Equal(t, "SDK-HMAC-SHA256 Access="+testAK+", SignedHeaders=user-agent;x-project-id;x-sdk-date, Signature="+tt.signature, got)
		})
	}
}

// signedRequest sends method path body signed by the local signer, after edit may spoil it.
func signedRequest(t *testing.T, r *Running, method, path, body, ak, sk string, edit func(h http.Header) (string, string)) answer {
	t.Helper()
	h := http.Header{
		"X-Project-Id": {project},
		"X-Sdk-Date":   {time.Now().UTC().Format("20060102T150405Z")},
		"User-Agent":   {"fake-test"},
	}
	sentBody := body
	if edit != nil {
		var date string
		date, sentBody = edit(h)
		if date != "" {
			h.Set("X-Sdk-Date", date)
		}
	}
	h.Set("Authorization", sdkAuthorization(method, path, "", h, []byte(body), ak, sk))
	a, err := send(t, http.DefaultClient, method, r.URL()+path, sentBody, h)
	require.NoError(t, err)
	return a
}

func TestAuthentication(t *testing.T) {
	r := start(t, Options{Credentials: map[string]string{testAK: testSK}, Tokens: []string{"token-1"}})
	createBody := `{"name":"signed","dest_vpc_id":"v","dest_network_id":"n"}`
	tests := []struct {
		name   string
		do     func(t *testing.T) answer
		status int
	}{
		{"no credentials", func(t *testing.T) answer { return mustSend(t, r, "GET", connsPath(project), "") }, 401},
		{"unknown access key", func(t *testing.T) answer {
			return signedRequest(t, r, "GET", connsPath(project), "", "OTHERAK", testSK, nil)
		}, 401},
		{"wrong secret key", func(t *testing.T) answer {
			return signedRequest(t, r, "GET", connsPath(project), "", testAK, "not-the-secret", nil)
		}, 401},
		{"body changed after signing", func(t *testing.T) answer {
			return signedRequest(t, r, "POST", connsPath(project), createBody, testAK, testSK, func(http.Header) (string, string) {
				return "", strings.Replace(createBody, "signed", "forged", 1)
			})
		}, 401},
		{"signature 20 minutes old", func(t *testing.T) answer {
			return signedRequest(t, r, "GET", connsPath(project), "", testAK, testSK, func(http.Header) (string, string) {
				return time.Now().Add(-20 * time.Minute).UTC().Format("20060102T150405Z"), ""
			})
		}, 401},
		{"garbage Authorization", func(t *testing.T) answer {
			a, err := send(t, http.DefaultClient, "GET", r.URL()+connsPath(project), "", http.Header{"Authorization": {"Basic Zm9vOmJhcg=="}})
			require.NoError(t, err)
			return a
		}, 401},
		{"invalid token", func(t *testing.T) answer {
			a, err := send(t, http.DefaultClient, "GET", r.URL()+connsPath(project), "", http.Header{"X-Auth-Token": {"token-2"}})
			require.NoError(t, err)
			return a
		}, 401},
		{"valid token", func(t *testing.T) answer {
			a, err := send(t, http.DefaultClient, "GET", r.URL()+connsPath(project), "", http.Header{"X-Auth-Token": {"token-1"}})
			require.NoError(t, err)
			return a
		}, 200},
		{"valid signature on GET", func(t *testing.T) answer {
			return signedRequest(t, r, "GET", connsPath(project), "", testAK, testSK, nil)
		}, 200},
		{"valid signature on POST", func(t *testing.T) answer {
			return signedRequest(t, r, "POST", connsPath(project), createBody, testAK, testSK, nil)
		}, 201},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := r.Calls("")
			a := tt.do(t)
			require.Equal(t, tt.status, a.status, "body %s", a.body)
			assert.NotContains(t, string(a.body), testSK, "the secret key is never echoed")
			if tt.status != http.StatusUnauthorized {
				assert.Equal(t, before+1, r.Calls(""))
				return
			}
			code, msg := a.errorBody(t)
			assert.Equal(t, codeAuth, code)
			assert.True(t, strings.HasPrefix(msg, "Incorrect IAM authentication information: "), msg)
			assert.Equal(t, before, r.Calls(""), "a refused request reaches no operation")
		})
	}
}

// TestAuthenticationWithTheGeneratedClient signs with the wrapper's signer as a request editor
// and validates the 401 answer against the spec too.
func TestAuthenticationWithTheGeneratedClient(t *testing.T) {
	r := start(t, Options{Credentials: map[string]string{testAK: testSK}})
	ctx := context.Background()

	signed := newClient(t, r, signer.New(signer.Keys(testAK, testSK)).EditRequest)
	id := create(t, signed, project, gen.CreateEnhancedConnectionRequest{Name: "viaclient", Queues: []string{"q1"}})
	list, err := signed.ListEnhancedConnectionsWithResponse(ctx, project, &gen.ListEnhancedConnectionsParams{Name: ptr("viaclient"), Limit: ptr(int32(5))})
	require.NoError(t, err)
	require.Equal(t, http.StatusOK, list.StatusCode(), "body %s", list.Body)
	assert.Equal(t, id, list.JSON200.Connections[0].ID)

	unsigned := newClient(t, r)
	resp, err := unsigned.ShowEnhancedConnectionWithResponse(ctx, project, id, nil)
	require.NoError(t, err)
	require.Equal(t, http.StatusUnauthorized, resp.StatusCode())
	checkResponse(t, resp.HTTPResponse, resp.Body)

	wrongKey := newClient(t, r, signer.New(signer.Keys(testAK, "wrong")).EditRequest)
	resp, err = wrongKey.ShowEnhancedConnectionWithResponse(ctx, project, id, nil)
	require.NoError(t, err)
	require.Equal(t, http.StatusUnauthorized, resp.StatusCode())
	assert.NotContains(t, string(resp.Body), testSK)
	assert.NotContains(t, string(resp.Body), "wrong")
}

func TestNoAuthenticationWhenNothingIsConfigured(t *testing.T) {
	r := start(t, Options{})
	a, err := send(t, http.DefaultClient, "GET", r.URL()+connsPath(project), "", http.Header{"Authorization": {"SDK-HMAC-SHA256 nonsense"}})
	require.NoError(t, err)
	assert.Equal(t, http.StatusOK, a.status, "an open fake ignores credentials")
}

func TestTokensOnly(t *testing.T) {
	r := start(t, Options{Tokens: []string{"t"}})
	signed := signedRequest(t, r, "GET", connsPath(project), "", testAK, testSK, nil)
	assert.Equal(t, http.StatusUnauthorized, signed.status, "no AK/SK configured: a signature alone is not enough")
	a, err := send(t, http.DefaultClient, "GET", r.URL()+connsPath(project), "", http.Header{"X-Auth-Token": {"t"}, "Authorization": {"SDK-HMAC-SHA256 ignored"}})
	require.NoError(t, err)
	assert.Equal(t, http.StatusOK, a.status)
}

func TestScrubRemovesSecretKeys(t *testing.T) {
	a := newAuthenticator(map[string]string{"ak": "s3cr3t"}, nil, false, nil, gatewayClock{})
	assert.Equal(t, "bad [REDACTED] here", a.scrub("bad s3cr3t here"))
}
