package wrapper

import (
	"context"
	"fmt"
	"net/http"
	"sync"
	"sync/atomic"
	"time"

	"github.com/dli-openapi/enhanced-connections/wrapper/credentials"
	"github.com/dli-openapi/enhanced-connections/wrapper/signer"
)

// keyring gives every attempt the keys to sign it with: fixed keys from Config.Credentials, or
// the current keys of a credentials.Cache, which renews temporary keys before they expire. It
// keeps one signer per key set, so that an attempt with unchanged keys builds nothing.
type keyring struct {
	cache   *credentials.Cache // nil for fixed keys
	current atomic.Pointer[keySet]
	clock   *clock
	secrets *secretSet
}

// keySet is one set of keys and the signer made from them.
type keySet struct {
	value  credentials.Value
	signer *signer.Signer
}

// newFixedKeyring signs with c for ever.
func newFixedKeyring(c Credentials, clk *clock, secrets *secretSet) *keyring {
	k := &keyring{clock: clk, secrets: secrets}
	k.current.Store(&keySet{value: credentials.Value{AccessKey: c.AccessKey, SecretKey: c.SecretKey,
		SecurityToken: c.SecurityToken, Source: "Config.Credentials"}, signer: signer.New(c)})
	return k
}

// newProviderKeyring takes the keys from p through a cache judged by the client's clock (the
// gateway's time once a skew has been measured); a p that is a *credentials.Cache already is used
// as is, with its own clock.
func newProviderKeyring(p credentials.Provider, clk *clock, secrets *secretSet) *keyring {
	return &keyring{cache: credentials.NewCache(p, credentials.CacheOptions{Now: clk.now}), clock: clk, secrets: secrets}
}

// keys returns the keys for one attempt.
func (k *keyring) keys(ctx context.Context) (*keySet, error) {
	if k.cache == nil {
		return k.current.Load(), nil
	}
	v, err := k.cache.Retrieve(ctx)
	if err != nil {
		return nil, err
	}
	// A refresh that returns the same keys may move their expiry; either way the access key and
	// expiry identify a key set without comparing secrets on every attempt.
	if ks := k.current.Load(); ks != nil && ks.value.AccessKey == v.AccessKey && ks.value.Expires.Equal(v.Expires) {
		return ks, nil
	}
	ks := &keySet{value: v, signer: signer.New(v.Credentials())}
	k.secrets.add(v.SecretKey, v.SecurityToken)
	k.current.Store(ks)
	return ks, nil
}

// renewable reports whether the keys of ks can be dropped and fetched anew after the service
// refused them: temporary keys of a platform source. Fixed keys never are: fetching them again
// gives the same keys, and every refused attempt counts toward the gateway's lock-out.
func (k *keyring) renewable(ks *keySet) bool { return k.cache != nil && ks.value.CanExpire() }

// refused drops ks's keys after a 401 and fetches new ones; it reports whether there are others
// to retry with.
func (k *keyring) refused(ctx context.Context, ks *keySet) bool {
	k.cache.Invalidate(ks.value)
	next, err := k.keys(ctx)
	return err == nil && next.value.AccessKey != ks.value.AccessKey
}

// sign signs req with the keys of ks at the client's clock. The signer stamps X-Sdk-Date with
// the local time itself; only a measured skew makes the client stamp it.
func (k *keyring) sign(req *http.Request, ks *keySet) error {
	if off := k.clock.offset(); off != 0 {
		req.Header.Set("X-Sdk-Date", time.Now().Add(off).UTC().Format(sdkDateLayout))
	}
	return ks.signer.Sign(req)
}

// Sign signs req with the current keys (the IAM project lookup's requestSigner).
func (k *keyring) Sign(req *http.Request) error {
	ks, err := k.keys(req.Context())
	if err != nil {
		return fmt.Errorf("credentials: %w", err)
	}
	return k.sign(req, ks)
}

// sdkDateLayout is the format of X-Sdk-Date.
const sdkDateLayout = "20060102T150405Z"

// clock is the time the client signs with: the local clock plus the offset measured from the
// gateway's answer to a request whose signature it found expired.
type clock struct {
	off atomic.Int64 // nanoseconds to add to the local clock
}

func (c *clock) offset() time.Duration { return time.Duration(c.off.Load()) }

func (c *clock) now() time.Time { return time.Now().Add(c.offset()) }

func (c *clock) set(d time.Duration) { c.off.Store(int64(d)) }

// secretSet is every secret the client holds or has held recently, for the scrubber: the fixed
// ones of its Config and the last few key sets of its provider, so that an error echoing keys
// that were just rotated out is cleaned like one echoing the current keys.
type secretSet struct {
	mu       sync.Mutex
	fixed    []Secret
	recent   [][2]Secret // newest last
	scrubber atomic.Pointer[scrubber]
}

// keptKeySets bounds how many rotated key sets are remembered: a few hours of hourly rotation.
const keptKeySets = 8

func newSecretSet(fixed ...Secret) *secretSet {
	s := &secretSet{fixed: fixed}
	s.rebuild()
	return s
}

// add remembers a key set's secrets and rebuilds the scrubber.
func (s *secretSet) add(secretKey, token Secret) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, r := range s.recent {
		if r[0].Equal(secretKey) && r[1].Equal(token) {
			return
		}
	}
	s.recent = append(s.recent, [2]Secret{secretKey, token})
	if len(s.recent) > keptKeySets {
		s.recent = s.recent[len(s.recent)-keptKeySets:]
	}
	s.rebuild()
}

// rebuild makes the scrubber of every secret held; s.mu is held or s is new.
func (s *secretSet) rebuild() {
	all := make([]string, 0, len(s.fixed)+2*len(s.recent))
	for _, f := range s.fixed {
		all = append(all, f.Reveal())
	}
	for _, r := range s.recent {
		all = append(all, r[0].Reveal(), r[1].Reveal())
	}
	s.scrubber.Store(newScrubber(all...))
}

// current is the scrubber of every secret known now.
func (s *secretSet) current() *scrubber { return s.scrubber.Load() }
