package metadata

import (
	"io"
	"net/http"
	"strings"
	"testing"
	"time"
)

// TestEmulatorWire checks each answer of the emulator against the wire notes of issue 17: the
// token PUT, the key GET with and without a valid token, the body's exact shape, the down
// switch, and the counts.
func TestEmulatorWire(t *testing.T) {
	keys := Keys{
		Access: "TMPAK", Secret: "tmp-secret", SecurityToken: "tmp-security-token",
		ExpiresAt: time.Date(2026, 12, 6, 21, 44, 15, 0, time.FixedZone("CET", 3600)),
	}
	e := Start(keys)
	defer e.Close()
	hc := &http.Client{Transport: &http.Transport{}}
	defer hc.CloseIdleConnections()
	base := "http://" + e.Addr()
	var token string

	type step struct {
		name       string
		before     func()
		method     string
		path       string
		header     map[string]string
		wantStatus int
		wantBody   string // exact, or "" for any
		after      func(body string)
	}
	steps := []step{
		{name: "token without a TTL", method: http.MethodPut, path: TokenPath, wantStatus: http.StatusBadRequest},
		{name: "token with a TTL over 6 h", method: http.MethodPut, path: TokenPath, header: map[string]string{TokenTTLHeader: "21601"}, wantStatus: http.StatusBadRequest},
		{name: "keys without a token", method: http.MethodGet, path: SecurityKeyPath, wantStatus: http.StatusUnauthorized},
		{name: "token", method: http.MethodPut, path: TokenPath, header: map[string]string{TokenTTLHeader: "21600"}, wantStatus: http.StatusOK,
			after: func(body string) { token = body }},
		{name: "keys with the token", method: http.MethodGet, path: SecurityKeyPath, wantStatus: http.StatusOK,
			wantBody: `{"credential":{"access":"TMPAK","secret":"tmp-secret","securitytoken":"tmp-security-token","expires_at":"2026-12-06T20:44:15.000000Z"}}`},
		{name: "keys with an unknown token", method: http.MethodGet, path: SecurityKeyPath, header: map[string]string{TokenHeader: "forged"}, wantStatus: http.StatusUnauthorized},
		{name: "keys with the token after it expired", before: e.ExpireTokens, method: http.MethodGet, path: SecurityKeyPath, wantStatus: http.StatusUnauthorized},
		{name: "token while down", before: func() { e.SetDown(true) }, method: http.MethodPut, path: TokenPath, header: map[string]string{TokenTTLHeader: "21600"}, wantStatus: http.StatusServiceUnavailable},
		{name: "keys while down", method: http.MethodGet, path: SecurityKeyPath, wantStatus: http.StatusServiceUnavailable},
		{name: "up again: a new token", before: func() { e.SetDown(false) }, method: http.MethodPut, path: TokenPath, header: map[string]string{TokenTTLHeader: "60"}, wantStatus: http.StatusOK,
			after: func(body string) { token = body }},
		{name: "keys set later", before: func() { keys.Access = "TMPAK2"; e.SetKeys(keys) }, method: http.MethodGet, path: SecurityKeyPath, wantStatus: http.StatusOK,
			wantBody: `{"credential":{"access":"TMPAK2","secret":"tmp-secret","securitytoken":"tmp-security-token","expires_at":"2026-12-06T20:44:15.000000Z"}}`},
		{name: "another path", method: http.MethodGet, path: "/openstack/latest/meta_data.json", wantStatus: http.StatusNotFound},
	}
	for _, s := range steps {
		if s.before != nil {
			s.before()
		}
		req, err := http.NewRequest(s.method, base+s.path, http.NoBody)
		if err != nil {
			t.Fatal(err)
		}
		for k, v := range s.header {
			req.Header.Set(k, v)
		}
		if s.path == SecurityKeyPath && s.header == nil && token != "" {
			req.Header.Set(TokenHeader, token)
		}
		resp, err := hc.Do(req)
		if err != nil {
			t.Fatalf("%s: %v", s.name, err)
		}
		b, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		if err != nil {
			t.Fatalf("%s: %v", s.name, err)
		}
		if resp.StatusCode != s.wantStatus {
			t.Errorf("%s: HTTP %d (%s), want %d", s.name, resp.StatusCode, strings.TrimSpace(string(b)), s.wantStatus)
		}
		if s.wantBody != "" && string(b) != s.wantBody {
			t.Errorf("%s: body\n%s\nwant\n%s", s.name, b, s.wantBody)
		}
		if s.after != nil {
			s.after(string(b))
		}
	}
	if got, want := e.Counts(), (Counts{TokenPUTs: 5, KeyGETs: 6, Unauthorized: 3}); got != want {
		t.Errorf("counts %+v, want %+v", got, want)
	}
}
