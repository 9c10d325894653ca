package fake

import (
	"net/http"
	"strconv"
	"sync"
	"time"
)

// Session tokens of the metadata service (v2, "hardening"): the ECS user guide gives them a
// validity of 1 to 360 minutes, 360 by default.
const (
	metadataTokenTTLHeader = "X-Metadata-Token-Ttl-Seconds"
	metadataTokenHeader    = "X-Metadata-Token"
	minMetadataTokenTTL    = 60
	maxMetadataTokenTTL    = 6 * 60 * 60
)

// noAgencyText is what the metadata service answers for a VM without an agency; clients look for
// it to tell that refusal from one of the session token.
const noAgencyText = "Please configure Cloud Service Agency first"

// metadataService holds the session tokens handed out, with their expiry on Options.Now.
type metadataService struct {
	mu     sync.Mutex
	tokens map[string]time.Time
}

func newMetadataService() *metadataService {
	return &metadataService{tokens: make(map[string]time.Time)}
}

// maxMetadataTokens is how many session tokens are kept before expired ones are dropped.
const maxMetadataTokens = 1024

func (m *metadataService) newToken(now time.Time, ttl time.Duration) string {
	token := randomText(56)
	m.mu.Lock()
	defer m.mu.Unlock()
	if len(m.tokens) >= maxMetadataTokens {
		for t, expires := range m.tokens {
			if !now.Before(expires) {
				delete(m.tokens, t)
			}
		}
	}
	m.tokens[token] = now.Add(ttl)
	return token
}

func (m *metadataService) validToken(token string, now time.Time) bool {
	m.mu.Lock()
	defer m.mu.Unlock()
	expires, ok := m.tokens[token]
	return ok && now.Before(expires)
}

// serveMetadataToken answers PUT /meta-data/latest/api/token with a session token as plain
// text, valid for X-Metadata-Token-Ttl-Seconds (60 to 21600; 21600 when absent). A request
// through a proxy (X-Forwarded-For) is refused, as the ECS guide says; a metadata service
// without the token API (MetadataNoTokenService) answers 404, which clients read as "v1 only".
func (s *Server) serveMetadataToken(w http.ResponseWriter, r *http.Request) {
	if s.platform.opts.MetadataMode&MetadataNoTokenService != 0 {
		writePlainError(w, http.StatusNotFound, "Not Found")
		return
	}
	if !allowOnly(w, r, http.MethodPut, writePlainError) {
		return
	}
	if r.Header.Get("X-Forwarded-For") != "" {
		writePlainError(w, http.StatusForbidden, "a token request through a proxy (X-Forwarded-For) is refused")
		return
	}
	ttl := maxMetadataTokenTTL
	if v := r.Header.Get(metadataTokenTTLHeader); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < minMetadataTokenTTL || n > maxMetadataTokenTTL {
			writePlainError(w, http.StatusBadRequest, metadataTokenTTLHeader+" must be a number of seconds from 60 to 21600")
			return
		}
		ttl = n
	}
	token := s.platform.metadata.newToken(s.opts.Now(), time.Duration(ttl)*time.Second)
	w.Header().Set("Content-Type", "text/plain")
	w.Header().Set(metadataTokenTTLHeader, strconv.Itoa(ttl))
	_, _ = w.Write([]byte(token))
}

// serveMetadataKeys answers GET /openstack/latest/securitykey with the VM's agency keys,
// {"credential":{...}}: the same keys until PlatformOptions.KeyRotateBefore ahead of their
// expiry. A session token, when sent, must be valid (401 otherwise); MetadataRequireToken makes
// it mandatory; MetadataNoAgency refuses with the text clients look for.
func (s *Server) serveMetadataKeys(w http.ResponseWriter, r *http.Request) {
	if !allowOnly(w, r, http.MethodGet, writePlainError) {
		return
	}
	mode := s.platform.opts.MetadataMode
	token, sent := r.Header[http.CanonicalHeaderKey(metadataTokenHeader)]
	switch {
	case mode&MetadataNoTokenService != 0:
		// v1 only: there are no session tokens, and a header naming one means nothing.
	case sent && (len(token) != 1 || !s.platform.metadata.validToken(token[0], s.opts.Now())):
		writePlainError(w, http.StatusUnauthorized, "Unauthorized: the "+metadataTokenHeader+" is invalid or expired")
		return
	case !sent && mode&MetadataRequireToken != 0:
		writePlainError(w, http.StatusUnauthorized, "Unauthorized: this instance requires an "+metadataTokenHeader)
		return
	}
	if mode&MetadataNoAgency != 0 {
		writePlainError(w, http.StatusUnauthorized, noAgencyText)
		return
	}
	key := s.keys.shared(SourceMetadata)
	writeCredential(w, http.StatusOK, "credential", key, s.platform.opts.AlternateSpelling)
}
