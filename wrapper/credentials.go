package wrapper

import (
	"fmt"
	"io"
	"log/slog"
	"strconv"
	"strings"
)

// redacted replaces a secret in every human- or machine-readable rendering.
// An empty secret is shown as empty so that "no token configured" stays
// distinguishable from "token configured" when debugging.
const redacted = "[REDACTED]"

func redact(secret string) string {
	if secret == "" {
		return ""
	}
	return redacted
}

// Credentials are the AK/SK pair (and optional temporary security token) of a
// Huawei Cloud / Open Telekom Cloud IAM user or agency.
//
// The type renders itself with the secret parts replaced by "[REDACTED]" in
// every fmt verb, in log/slog and in encoding/json, so a Credentials value can
// be logged or embedded in a configuration dump without leaking the secret.
// That protection relies on fmt/slog/json seeing the value through its
// methods: reflection-based printers cannot call methods on an unexported
// struct field, so keep Credentials in exported fields (or behind a pointer,
// which fmt prints as an address) of structs that may be printed.
type Credentials struct {
	// AccessKey (AK) identifies the key pair. It is sent in clear in every
	// Authorization header, so it is not treated as secret.
	AccessKey string
	// SecretKey (SK) is the HMAC key. It never leaves the process: only
	// signatures computed with it are sent.
	SecretKey string
	// SecurityToken is set only for temporary credentials (STS / agency
	// tokens). The gateway needs it in the signed X-Security-Token header;
	// it is as sensitive as SecretKey because it authorises requests on its
	// own for its lifetime.
	SecurityToken string
}

// String renders the credentials with the secrets redacted. It exists so that
// %v, %s and Println never fall back to printing the fields.
func (c Credentials) String() string {
	var b strings.Builder
	b.WriteString("{AccessKey:")
	b.WriteString(c.AccessKey)
	b.WriteString(" SecretKey:")
	b.WriteString(redact(c.SecretKey))
	b.WriteString(" SecurityToken:")
	b.WriteString(redact(c.SecurityToken))
	b.WriteByte('}')
	return b.String()
}

// GoString renders a Go-syntax-like form for %#v with the secrets redacted;
// without it %#v would print the raw fields.
func (c Credentials) GoString() string {
	var b strings.Builder
	b.WriteString("wrapper.Credentials{AccessKey:")
	b.WriteString(strconv.Quote(c.AccessKey))
	b.WriteString(", SecretKey:")
	b.WriteString(strconv.Quote(redact(c.SecretKey)))
	b.WriteString(", SecurityToken:")
	b.WriteString(strconv.Quote(redact(c.SecurityToken)))
	b.WriteByte('}')
	return b.String()
}

// Format takes over every fmt verb. String and GoString alone are not
// enough: verbs such as %x or %d would make fmt walk the fields by reflection
// and print the secret.
func (c Credentials) Format(f fmt.State, verb rune) {
	formatRedacted(f, verb, "wrapper.Credentials", c.String(), c.GoString())
}

// LogValue makes log/slog emit the redacted form for both the text and the
// JSON handler (which would otherwise marshal the fields).
func (c Credentials) LogValue() slog.Value {
	return slog.GroupValue(
		slog.String("access_key", c.AccessKey),
		slog.String("secret_key", redact(c.SecretKey)),
		slog.String("security_token", redact(c.SecurityToken)),
	)
}

// MarshalJSON emits the redacted form. It is deliberately one-way (the
// default decoding still fills all three fields): a struct that embeds
// Credentials and is logged with slog's JSON handler or dumped with
// encoding/json would otherwise leak the secret key.
func (c Credentials) MarshalJSON() ([]byte, error) {
	b := make([]byte, 0, 96)
	b = append(b, `{"AccessKey":`...)
	b = strconv.AppendQuote(b, c.AccessKey)
	b = append(b, `,"SecretKey":`...)
	b = strconv.AppendQuote(b, redact(c.SecretKey))
	b = append(b, `,"SecurityToken":`...)
	b = strconv.AppendQuote(b, redact(c.SecurityToken))
	b = append(b, '}')
	return b, nil
}

// formatRedacted implements fmt.Formatter for the types that hold secrets:
// plain, %s and %+v forms use str, %#v uses goStr, %q quotes str, and any
// other verb gets fmt's own bad-verb notation around the redacted form.
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
