package credentials

import (
	"context"
	"time"

	"github.com/dli-openapi/enhanced-connections/wrapper/signer"
)

// Value is one set of keys as a source handed it out: the AK/SK pair, the security token of
// temporary keys, when they expire, and where they came from.
//
// The secret parts are signer.Secret values, so a Value prints, logs and encodes with them
// redacted, whatever the verb or encoder.
type Value struct {
	AccessKey     string
	SecretKey     signer.Secret
	SecurityToken signer.Secret
	// Expires is when the keys stop working; the zero time means never (long-term keys, or
	// temporary keys given without their expiry, which nothing can renew).
	Expires time.Time
	// Source says where the keys came from, in words for people: a variable, a file, a
	// service and its address. It never holds a secret.
	Source string
}

// CanExpire reports whether the keys have an expiry, i.e. whether a cache must renew them.
func (v Value) CanExpire() bool { return !v.Expires.IsZero() }

// Temporary reports whether the keys are temporary ones, which need their security token.
func (v Value) Temporary() bool { return v.SecurityToken.IsSet() }

// Credentials returns the keys in the form package signer signs with.
func (v Value) Credentials() signer.Credentials {
	return signer.Credentials{AccessKey: v.AccessKey, SecretKey: v.SecretKey, SecurityToken: v.SecurityToken}
}

// SameKeys reports whether v and o are the same key pair with the same token (their expiry
// and source aside): a refresh that answers with the same keys renews nothing.
func (v Value) SameKeys(o Value) bool {
	return v.AccessKey == o.AccessKey && v.SecretKey.Equal(o.SecretKey) && v.SecurityToken.Equal(o.SecurityToken)
}

// Provider hands out keys. Retrieve may call a service (IAM, the ECS metadata service, CCE pod
// identity) and should honour ctx; it is called again whenever the keys it returned are about
// to expire, so an implementation needs no cache of its own: wrap it in a Cache.
type Provider interface {
	Retrieve(ctx context.Context) (Value, error)
}

// ProviderFunc adapts a function to Provider.
type ProviderFunc func(ctx context.Context) (Value, error)

// Retrieve calls f.
func (f ProviderFunc) Retrieve(ctx context.Context) (Value, error) { return f(ctx) }

// Static returns a Provider that always hands out v: long-term keys, or temporary keys whose
// renewal is someone else's business.
func Static(v Value) Provider { return staticProvider{v} }

type staticProvider struct{ v Value }

func (p staticProvider) Retrieve(context.Context) (Value, error) { return p.v, nil }

// newSecret is signer.NewSecret, short for the sources.
func newSecret(s string) signer.Secret { return signer.NewSecret(s) }
