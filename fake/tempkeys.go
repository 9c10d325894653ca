package fake

import (
	"crypto/rand"
	"crypto/subtle"
	"strings"
	"sync"
	"time"
)

// KeySource is the platform service that issued a temporary key.
type KeySource string

// The sources of IssuedKey.
const (
	SourceMetadata    KeySource = "metadata"
	SourceOIDC        KeySource = "oidc"
	SourcePodIdentity KeySource = "pod-identity"
)

// IssuedKey describes a temporary access key the fake issued, without its secrets.
type IssuedKey struct {
	// AccessKey is the key's AK, as it appears in the Authorization header of a signed request.
	AccessKey string
	// Source is the service that issued it.
	Source KeySource
	// Expires is when the fake's DLI and IAM stop accepting it, on Options.Now. The answer
	// that handed it out carries this time (pod identity's, without the fraction of a second).
	Expires time.Time
	// Revoked reports whether RevokeTemporaryKeys withdrew it.
	Revoked bool
}

// tempKey is an issued key with its secrets, as the authenticator needs it.
type tempKey struct {
	IssuedKey
	secretKey     string
	securityToken string
}

// keyPrecision is what the expiry of an issued key is truncated to, so that the time on the
// wire (microseconds in the metadata and IAM answers) is exactly when the key stops working.
const keyPrecision = time.Millisecond

// keyStore holds every temporary key issued, for the authenticator (shared by all requests)
// and the services that issue them, and the keys the metadata service and pod identity hand
// out until they rotate. One mutex guards it all, so that concurrent clients of a service get
// the same keys.
type keyStore struct {
	now          func() time.Time
	lifetime     time.Duration
	rotateBefore time.Duration

	mu      sync.RWMutex
	byAK    map[string]*tempKey
	issued  []*tempKey // in the order issued, for IssuedKeys
	current map[KeySource]*tempKey
}

func newKeyStore(now func() time.Time, lifetime, rotateBefore time.Duration) *keyStore {
	return &keyStore{
		now: now, lifetime: lifetime, rotateBefore: rotateBefore,
		byAK: make(map[string]*tempKey), current: make(map[KeySource]*tempKey),
	}
}

// shared returns the keys source hands out now: the same as before until KeyRotateBefore
// ahead of their expiry or their revocation, new ones from then on.
func (k *keyStore) shared(source KeySource) tempKey {
	now := k.now()
	k.mu.Lock()
	defer k.mu.Unlock()
	if c := k.current[source]; c != nil && !c.Revoked && now.Before(c.Expires.Add(-k.rotateBefore)) {
		return *c
	}
	c := k.issueLocked(source, now, k.lifetime)
	k.current[source] = c
	return *c
}

// issue makes new keys that live lifetime.
func (k *keyStore) issue(source KeySource, lifetime time.Duration) tempKey {
	now := k.now()
	k.mu.Lock()
	defer k.mu.Unlock()
	return *k.issueLocked(source, now, lifetime)
}

func (k *keyStore) issueLocked(source KeySource, now time.Time, lifetime time.Duration) *tempKey {
	key := &tempKey{
		IssuedKey: IssuedKey{
			AccessKey: newAccessKey(),
			Source:    source,
			Expires:   now.Add(lifetime).Truncate(keyPrecision),
		},
		secretKey:     randomText(40),
		securityToken: randomText(160),
	}
	for k.byAK[key.AccessKey] != nil { // 100 random bits: never in practice, but an AK names one key
		key.AccessKey = newAccessKey()
	}
	k.byAK[key.AccessKey] = key
	k.issued = append(k.issued, key)
	return key
}

// lookup returns a copy of the key with access key ak.
func (k *keyStore) lookup(ak string) (tempKey, bool) {
	k.mu.RLock()
	defer k.mu.RUnlock()
	if key := k.byAK[ak]; key != nil {
		return *key, true
	}
	return tempKey{}, false
}

// revokeAll withdraws every key issued so far; the services issue new ones on their next call.
func (k *keyStore) revokeAll() {
	k.mu.Lock()
	defer k.mu.Unlock()
	for _, key := range k.issued {
		key.Revoked = true
	}
	clear(k.current)
}

// list describes every key issued, in order.
func (k *keyStore) list() []IssuedKey {
	k.mu.RLock()
	defer k.mu.RUnlock()
	out := make([]IssuedKey, len(k.issued))
	for i, key := range k.issued {
		out[i] = key.IssuedKey
	}
	return out
}

// scrub replaces every issued secret key and security token in msg.
func (k *keyStore) scrub(msg string) string {
	k.mu.RLock()
	defer k.mu.RUnlock()
	for _, key := range k.issued {
		msg = strings.ReplaceAll(msg, key.secretKey, "[REDACTED]")
		msg = strings.ReplaceAll(msg, key.securityToken, "[REDACTED]")
	}
	return msg
}

// matchesToken compares in constant time, so timing tells nothing about a prefix.
func (t tempKey) matchesToken(token string) bool {
	return subtle.ConstantTimeCompare([]byte(t.securityToken), []byte(token)) == 1
}

// newAccessKey is 20 characters of A-Z and 2-7, the length and alphabet of a real AK.
func newAccessKey() string { return randomText(20) }

// randomText is n random characters of crypto/rand's Text alphabet (base32, 5 bits each).
func randomText(n int) string {
	var b strings.Builder
	for b.Len() < n {
		b.WriteString(rand.Text())
	}
	return b.String()[:n]
}

// RevokeTemporaryKeys withdraws every temporary key issued so far: the fake's DLI and IAM refuse
// them at once (401 APIGW.0301), and the metadata service and pod identity hand out new keys on
// their next call. It is how a test makes a client's temporary keys fail mid-use.
func (s *Server) RevokeTemporaryKeys() { s.keys.revokeAll() }

// IssuedKeys describes every temporary key issued so far, in order, without secrets.
func (s *Server) IssuedKeys() []IssuedKey { return s.keys.list() }
