package fake

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestAuthenticationBeforeTheBody sends headers that announce a body and then no body byte at
// all: every refusal that does not depend on the body must still come, and the server must have
// read nothing of the body. If the fake read the body first, these requests would wait for bytes
// that never come and the safety net would fail the test.
func TestAuthenticationBeforeTheBody(t *testing.T) {
	const tokenValue = "token-1"
	path := connsPath(project)
	now := func() string { return time.Now().UTC().Format("20060102T150405Z") }
	signed := func(ak, sk, date string, drop string) http.Header {
		h := http.Header{"X-Project-Id": {project}, "X-Sdk-Date": {date}, "User-Agent": {"fake-test"}}
		h.Set("Authorization", sdkAuthorization("POST", path, "", h, []byte(createBody), ak, sk))
		if drop != "" {
			h.Del(drop)
		}
		h.Set("Content-Type", "application/json")
		return h
	}
	tests := []struct {
		name   string
		header http.Header
		reason string
	}{
		{"no credentials", http.Header{"Content-Type": {"application/json"}}, "send an AK/SK signature"},
		{"invalid token", http.Header{"X-Auth-Token": {"token-2"}}, "X-Auth-Token is invalid"},
		{"garbage Authorization", http.Header{"Authorization": {"Basic Zm9vOmJhcg=="}}, "unsupported signing algorithm"},
		{"incomplete Authorization", http.Header{"Authorization": {"SDK-HMAC-SHA256 Access=" + testAK}, "X-Sdk-Date": {now()}}, "incomplete"},
		{"unknown access key", signed("OTHERAK", testSK, now(), ""), "unknown access key"},
		{"signed header missing", signed(testAK, testSK, now(), "X-Project-Id"), "signed header x-project-id is missing"},
		{"no X-Sdk-Date", signed(testAK, testSK, now(), "X-Sdk-Date"), "X-Sdk-Date"},
		{"signature 20 minutes old", signed(testAK, testSK, time.Now().Add(-20*time.Minute).UTC().Format("20060102T150405Z"), ""), "signature expired"},
	}
	r := start(t, Options{Credentials: map[string]string{testAK: testSK}, Tokens: []string{tokenValue}})
	for _, announced := range []int{len(createBody), 4 << 20} { // below and above what net/http discards by itself
		for _, tt := range tests {
			t.Run(tt.name+"/"+byteCount(announced), func(t *testing.T) {
				c := dialRaw(t, r)
				c.writeHead("POST", path, tt.header, announced)

				resp, body, err := c.readResponse()
				require.NoError(t, err, "the 401 comes although no body byte was sent")
				assert.Equal(t, http.StatusUnauthorized, resp.StatusCode)
				assert.Contains(t, string(body), tt.reason)
				assert.True(t, resp.Close, "the unread body rules out reusing the connection")
				assert.Zero(t, r.bodyBytesRead.Load(), "no body byte was read before any refusal")
				assert.Zero(t, r.Calls(""))
			})
		}
	}
}

// TestSignatureOverTheBodyIsStillVerified shows the other half: a request whose headers pass
// is read and verified in full, so a body changed after signing is refused once read, and the
// right one is accepted.
func TestSignatureOverTheBodyIsStillVerified(t *testing.T) {
	r := start(t, Options{Credentials: map[string]string{testAK: testSK}})
	forged := signedRequest(t, r, "POST", connsPath(project), createBody, testAK, testSK, func(http.Header) (string, string) {
		return "", strings.Replace(createBody, "faulty", "forged", 1)
	})
	assert.Equal(t, http.StatusUnauthorized, forged.status)
	_, msg := forged.errorBody(t)
	assert.Contains(t, msg, "signature mismatch")
	assert.Equal(t, int64(len(createBody)), r.bodyBytesRead.Load(), "judging the signature took the body")

	wrongKey := signedRequest(t, r, "POST", connsPath(project), createBody, testAK, "not-the-secret", nil)
	assert.Equal(t, http.StatusUnauthorized, wrongKey.status)

	ok := signedRequest(t, r, "POST", connsPath(project), createBody, testAK, testSK, nil)
	assert.Equal(t, http.StatusCreated, ok.status, "body %s", ok.body)
	assert.Equal(t, 1, r.Calls("CreateEnhancedConnection"))
}

func byteCount(n int) string { return fmt.Sprintf("%dB", n) }

// TestRefusedBodyIsDiscardedNotReset: after refusing a request whose body it did not read, the
// fake takes (and throws away) what the client still sends, instead of closing the connection
// on unread data. A close on unread data makes the kernel reset the connection, and a client
// still writing its body then sees a write error, often instead of the answer (Go's client
// returns the write error when it comes first, which it does on a busy machine). The client
// here reads the refusal first, then sends the rest of a body far larger than socket buffers:
// every byte must be taken, and the connection then closed.
func TestRefusedBodyIsDiscardedNotReset(t *testing.T) {
	r := start(t, Options{Tokens: []string{"token-1"}})
	const size = 8 << 20
	c := dialRaw(t, r)
	c.writeHead("POST", connsPath(project), http.Header{"Content-Type": {"application/json"}}, size)
	resp, _, err := c.readResponse()
	require.NoError(t, err)
	assert.Equal(t, http.StatusUnauthorized, resp.StatusCode)

	_ = c.conn.SetWriteDeadline(time.Now().Add(safetyNet))
	n, err := c.conn.Write(make([]byte, size))
	require.NoError(t, err, "the server took the body after %d bytes", n)
	assert.True(t, c.closedByServer(), "then it closes the connection")
	assert.Zero(t, r.bodyBytesRead.Load(), "discarded, not read by the body stage")
}
