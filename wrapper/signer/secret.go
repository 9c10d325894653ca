package signer

import (
	"crypto/subtle"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"strconv"
)

// redacted is what every rendering of a set secret shows.
const redacted = "[REDACTED]"

// Secret holds a secret key or a token so that nothing which prints, logs or encodes values can
// show it: every fmt verb (%p and %x included), log/slog, encoding/json and encoding.TextMarshaler
// users (YAML, TOML, ...) see "[REDACTED]", or "" when no secret is set.
//
// Methods alone cannot protect a secret held as a plain string: fmt prints a struct reached
// through an unexported field, or handed to %p, by reflection without calling any method, and
// would print the string. A Secret therefore keeps its value inside a func, which fmt, and
// reflection-based dumpers such as go-spew, print only as an address.
//
// The zero Secret is "not set". Secrets are not comparable with ==; use Equal.
type Secret struct {
	value func() string
}

// NewSecret wraps s. An empty s gives the zero Secret.
func NewSecret(s string) Secret {
	if s == "" {
		return Secret{}
	}
	return Secret{value: func() string { return s }}
}

// IsSet reports whether a non-empty secret is held.
func (s Secret) IsSet() bool { return s.value != nil }

// Reveal returns the secret itself, for code that must hand it on (a signer, another SDK).
// Everything else should pass the Secret around.
func (s Secret) Reveal() string {
	if s.value == nil {
		return ""
	}
	return s.value()
}

// Equal reports whether s and o hold the same secret, in time independent of where they differ.
func (s Secret) Equal(o Secret) bool {
	return subtle.ConstantTimeCompare([]byte(s.Reveal()), []byte(o.Reveal())) == 1
}

// shown is what the renderings print in place of the secret.
func (s Secret) shown() string {
	if s.value == nil {
		return ""
	}
	return redacted
}

// String returns "[REDACTED]", or "" when no secret is set.
func (s Secret) String() string { return s.shown() }

// GoString makes %#v print signer.Secret("[REDACTED]").
func (s Secret) GoString() string { return "signer.Secret(" + strconv.Quote(s.shown()) + ")" }

// Format takes over every verb that reaches it: String and GoString alone leave %x, %d and
// friends to reflection.
func (s Secret) Format(f fmt.State, verb rune) {
	formatRedacted(f, verb, "signer.Secret", s.shown(), s.GoString())
}

// LogValue makes log/slog print the redacted form with both the text and the JSON handler.
func (s Secret) LogValue() slog.Value { return slog.StringValue(s.shown()) }

// MarshalJSON emits the redacted form. It is one-way on purpose: UnmarshalJSON still reads a
// secret, so a configuration file can carry one, while dumping a configuration cannot leak it.
func (s Secret) MarshalJSON() ([]byte, error) { return []byte(strconv.Quote(s.shown())), nil }

// UnmarshalJSON reads a secret from a JSON string.
func (s *Secret) UnmarshalJSON(b []byte) error {
	var v string
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	*s = NewSecret(v)
	return nil
}

// MarshalText emits the redacted form, for encoders that use encoding.TextMarshaler.
func (s Secret) MarshalText() ([]byte, error) { return []byte(s.shown()), nil }

// UnmarshalText reads a secret, for decoders that use encoding.TextUnmarshaler.
func (s *Secret) UnmarshalText(b []byte) error {
	*s = NewSecret(string(b))
	return nil
}

// formatRedacted implements fmt.Formatter for the types that hold secrets: the plain, %s and %+v
// forms use str, %#v uses goStr, %q quotes str, and every other verb gets fmt's own bad-verb
// notation around the redacted form.
func formatRedacted(f fmt.State, verb rune, typeName, str, goStr string) {
	switch verb {
	case 'v':
		if f.Flag('#') {
			_, _ = io.WriteString(f, goStr)
			return
		}
		_, _ = io.WriteString(f, str)
	case 's':
		_, _ = io.WriteString(f, str)
	case 'q':
		_, _ = io.WriteString(f, strconv.Quote(str))
	default:
		_, _ = io.WriteString(f, "%!"+string(verb)+"("+typeName+"="+str+")")
	}
}
