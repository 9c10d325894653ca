// Package metadata is a loopback emulator of the ECS metadata service's temporary keys (the
// token PUT and the securitykey GET, in the formats of the issue 17 wire notes), and the dialer
// that sends the vendor SDK's requests for http://169.254.169.254 to it without ever dialing
// that address (dialer.go).
package metadata

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync"
	"sync/atomic"
	"time"
)

// Paths and headers of the metadata service, as the vendor SDK and the ECS documentation spell
// them.
const (
	TokenPath       = "/meta-data/latest/api/token"
	SecurityKeyPath = "/openstack/latest/securitykey"
	TokenHeader     = "X-Metadata-Token"
	TokenTTLHeader  = "X-Metadata-Token-Ttl-Seconds"
	// MaxTokenTTLSeconds is the longest token the service hands out (6 h), what the vendor asks
	// for.
	MaxTokenTTLSeconds = 6 * 60 * 60
)

// expiresAtLayout is how the service writes expires_at: UTC with microseconds.
const expiresAtLayout = "2006-01-02T15:04:05.000000Z"

// Keys are the temporary keys the emulator hands out.
type Keys struct {
	Access, Secret, SecurityToken string
	ExpiresAt                     time.Time
}

// Counts are the calls the emulator has answered (or refused) since it started.
type Counts struct {
	// TokenPUTs counts PUT requests for a session token.
	TokenPUTs int64
	// KeyGETs counts GET requests for the keys, those answered 401 included.
	KeyGETs int64
	// Unauthorized counts the key GETs answered 401 for a missing or expired token.
	Unauthorized int64
}

// Total is every call to the service, token PUTs and key GETs together.
func (c Counts) Total() int64 { return c.TokenPUTs + c.KeyGETs }

// Sub is c minus an earlier reading.
func (c Counts) Sub(earlier Counts) Counts {
	return Counts{c.TokenPUTs - earlier.TokenPUTs, c.KeyGETs - earlier.KeyGETs, c.Unauthorized - earlier.Unauthorized}
}

// Emulator is the metadata service on a loopback port. It requires a session token (IMDS v2),
// answers 503 to everything while it is down, and hands out the keys last set, whatever the
// time: a test moves a key's life by setting another ExpiresAt.
type Emulator struct {
	srv *httptest.Server

	mu     sync.Mutex
	keys   Keys
	tokens map[string]bool // issued and not expired
	down   bool

	tokenSeq                 atomic.Int64
	puts, gets, unauthorized atomic.Int64
}

// Start starts an emulator on 127.0.0.1 that hands out keys. The caller closes it.
func Start(keys Keys) *Emulator {
	e := &Emulator{keys: keys, tokens: map[string]bool{}}
	e.srv = httptest.NewServer(e)
	return e
}

// Addr is the emulator's host:port, the target of a Dialer.
func (e *Emulator) Addr() string { return e.srv.Listener.Addr().String() }

// SetKeys sets the keys handed out from now on.
func (e *Emulator) SetKeys(k Keys) {
	e.mu.Lock()
	e.keys = k
	e.mu.Unlock()
}

// Keys are the keys handed out now.
func (e *Emulator) Keys() Keys {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.keys
}

// SetDown makes every answer 503 (down) or normal again (up).
func (e *Emulator) SetDown(down bool) {
	e.mu.Lock()
	e.down = down
	e.mu.Unlock()
}

// ExpireTokens makes every token issued so far expire: a key GET with one is answered 401, as
// after the token's TTL.
func (e *Emulator) ExpireTokens() {
	e.mu.Lock()
	clear(e.tokens)
	e.mu.Unlock()
}

// Counts are the calls so far.
func (e *Emulator) Counts() Counts {
	return Counts{e.puts.Load(), e.gets.Load(), e.unauthorized.Load()}
}

// Close stops the emulator and closes its port: a dial to Addr is refused from then on (a
// "closed port" outage).
func (e *Emulator) Close() { e.srv.Close() }

// ServeHTTP answers the token PUT and the securitykey GET; anything else is 404.
func (e *Emulator) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	switch {
	case r.Method == http.MethodPut && r.URL.Path == TokenPath:
		e.puts.Add(1)
		e.serveToken(w, r)
	case r.Method == http.MethodGet && r.URL.Path == SecurityKeyPath:
		e.gets.Add(1)
		e.serveKeys(w, r)
	default:
		http.NotFound(w, r)
	}
}

func (e *Emulator) isDown(w http.ResponseWriter) bool {
	e.mu.Lock()
	down := e.down
	e.mu.Unlock()
	if down {
		http.Error(w, "503 Service Unavailable", http.StatusServiceUnavailable)
	}
	return down
}

func (e *Emulator) serveToken(w http.ResponseWriter, r *http.Request) {
	if e.isDown(w) {
		return
	}
	ttl, err := strconv.Atoi(r.Header.Get(TokenTTLHeader))
	if err != nil || ttl < 1 || ttl > MaxTokenTTLSeconds {
		http.Error(w, fmt.Sprintf("%s must be 1 to %d", TokenTTLHeader, MaxTokenTTLSeconds), http.StatusBadRequest)
		return
	}
	tok := "emulator-token-" + strconv.FormatInt(e.tokenSeq.Add(1), 10)
	e.mu.Lock()
	e.tokens[tok] = true
	e.mu.Unlock()
	w.Header().Set("Content-Type", "text/plain")
	_, _ = w.Write([]byte(tok))
}

// credentialAnswer is the securitykey answer's shape.
type credentialAnswer struct {
	Credential struct {
		Access        string `json:"access"`
		Secret        string `json:"secret"`
		SecurityToken string `json:"securitytoken"`
		ExpiresAt     string `json:"expires_at"`
	} `json:"credential"`
}

func (e *Emulator) serveKeys(w http.ResponseWriter, r *http.Request) {
	if e.isDown(w) {
		return
	}
	e.mu.Lock()
	valid := e.tokens[r.Header.Get(TokenHeader)]
	k := e.keys
	e.mu.Unlock()
	if !valid {
		e.unauthorized.Add(1)
		http.Error(w, "401 Unauthorized: missing or expired "+TokenHeader, http.StatusUnauthorized)
		return
	}
	var a credentialAnswer
	a.Credential.Access = k.Access
	a.Credential.Secret = k.Secret
	a.Credential.SecurityToken = k.SecurityToken
	a.Credential.ExpiresAt = k.ExpiresAt.UTC().Format(expiresAtLayout)
	b, err := json.Marshal(&a)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	_, _ = w.Write(b)
}
