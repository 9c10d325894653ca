package fake

import (
	"crypto/subtle"
	"errors"
	"net/http"
	"strings"
	"time"

	"github.com/dli-openapi/enhanced-connections/wrapper/signer"
)

// authenticator plays the API gateway's IAM check: AK/SK signatures, permanent or temporary
// (issued by the platform services, with their security token), and X-Auth-Token tokens. It is
// shared by all requests: the configured credentials never change, and the temporary keys live
// in the keyStore, which has its own lock.
type authenticator struct {
	credentials map[string]string // AK -> SK
	tokens      []string
	// temporary is set when a platform service issues keys: they are then looked up in keys.
	temporary bool
	keys      *keyStore
	// clock is the gateway's clock, which X-Sdk-Date is checked against.
	clock gatewayClock
}

func newAuthenticator(credentials map[string]string, tokens []string, temporary bool, keys *keyStore, clock gatewayClock) *authenticator {
	return &authenticator{credentials: credentials, tokens: tokens, temporary: temporary, keys: keys, clock: clock}
}

// required reports whether any credential is configured or can be issued; without one the fake
// is open.
func (a *authenticator) required() bool { return a.signatures() || len(a.tokens) > 0 }

// signatures reports whether AK/SK signatures can be accepted: permanent keys are configured,
// or the platform services issue temporary ones.
func (a *authenticator) signatures() bool { return len(a.credentials) > 0 || a.temporary }

// verdict is what the authenticator decided from the headers alone.
type verdict int

const (
	accepted  verdict = iota // a valid token, or a signature that covers no body
	refused                  // 401 now, before any body byte is read
	needsBody                // the headers are right; the signature covers the body's hash
)

// checkHeaders decides everything that does not need the body: the Authorization header's
// shape, a known access key, the signed headers present, X-Sdk-Date fresh, a valid
// X-Auth-Token, or no credentials at all. The reason of a refusal is in words safe to send
// back: the signature verifier never puts secrets in its reasons, and scrub makes sure of it.
//
// A request with an Authorization header is judged by its signature when AK/SK signatures can be
// accepted; otherwise by its X-Auth-Token when tokens are configured.
func (a *authenticator) checkHeaders(r *http.Request) (verdict, string) {
	if a.signatures() && r.Header.Get("Authorization") != "" {
		return a.probeSignature(r)
	}
	if len(a.tokens) > 0 {
		if token := r.Header.Get("X-Auth-Token"); token != "" {
			if a.validToken(token) {
				return accepted, ""
			}
			return refused, "the X-Auth-Token is invalid"
		}
	}
	switch {
	case a.signatures() && len(a.tokens) > 0:
		return refused, "send an AK/SK signature (Authorization) or an IAM token (X-Auth-Token)"
	case a.signatures():
		return refused, "send an AK/SK signature (Authorization)"
	default:
		return refused, "send an IAM token (X-Auth-Token)"
	}
}

// probeSignature makes every check of the signature that needs no body: its form, a known
// access key and the signed headers present (signer.VerifyHeadersAt), X-Sdk-Date within
// signer.MaxClockSkew of the gateway's clock, and for a temporary key its security token and
// expiry. A failure there is final; a request that passes still needs its signature verified
// over the body's hash, which verify does once the body stage has read the body.
func (a *authenticator) probeSignature(r *http.Request) (verdict, string) {
	// The zero time skips the signer's own freshness check: the gateway's clock is checked
	// below, and refused in the gateway's words.
	if err := signer.VerifyHeadersAt(r, a.secretKey, time.Time{}); err != nil {
		return refused, a.reason(err)
	}
	if reason := a.clock.checkDate(r.Header.Get("X-Sdk-Date")); reason != "" {
		return refused, reason
	}
	if reason := a.checkTemporary(r); reason != "" {
		return refused, reason
	}
	return needsBody, ""
}

// check decides a request whose body needs no waiting for (IAM's GETs): "" means it
// authenticates.
func (a *authenticator) check(r *http.Request) string {
	v, reason := a.checkHeaders(r)
	switch v {
	case refused:
		return reason
	case needsBody:
		return a.verify(r)
	}
	return ""
}

// secretKey finds the SK of a permanent key first, then of a temporary one.
func (a *authenticator) secretKey(ak string) (string, bool) {
	if sk, ok := a.credentials[ak]; ok {
		return sk, true
	}
	if a.temporary {
		if key, ok := a.keys.lookup(ak); ok {
			return key.secretKey, true
		}
	}
	return "", false
}

// reason is a verifier's error in words safe to send back.
func (a *authenticator) reason(err error) string {
	var se *signer.SignatureError
	if errors.As(err, &se) {
		return a.scrub(se.Reason)
	}
	return "the AK/SK signature is invalid"
}

// verify checks r's AK/SK signature in full, body included; "" means valid. X-Sdk-Date was
// judged when the headers arrived (probeSignature), as the gateway does, so the zero time skips
// the signer's check against the real clock.
func (a *authenticator) verify(r *http.Request) string {
	if err := signer.VerifyAt(r, a.secretKey, time.Time{}); err != nil {
		return a.reason(err)
	}
	return ""
}

// validToken compares in constant time against every token, so timing tells nothing about
// which prefix matched.
func (a *authenticator) validToken(token string) bool {
	ok := 0
	for _, t := range a.tokens {
		ok |= subtle.ConstantTimeCompare([]byte(t), []byte(token))
	}
	return ok == 1
}

// scrub removes every configured or issued secret from msg, whatever produced it.
func (a *authenticator) scrub(msg string) string {
	for _, sk := range a.credentials {
		msg = strings.ReplaceAll(msg, sk, "[REDACTED]")
	}
	if a.temporary {
		msg = a.keys.scrub(msg)
	}
	return msg
}

// unauthorized answers with the gateway's 401 APIGW.0301.
func unauthorized(w http.ResponseWriter, reason string) {
	writeError(w, http.StatusUnauthorized, codeAuth, "Incorrect IAM authentication information: "+reason)
}

// authStage refuses unauthenticated requests before the body stage reads a byte of the body,
// and before the validator or any operation sees them. A signed request whose headers pass
// goes on to the body stage and is verified in full by signatureStage.
func (s *Server) authStage(next http.Handler) http.Handler {
	if !s.auth.required() {
		return next
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		v, reason := s.auth.checkHeaders(r)
		switch v {
		case refused:
			s.answerUnread(w, r, func(w http.ResponseWriter) { unauthorized(w, reason) })
			return
		case needsBody:
			infoFrom(r.Context()).verifyBody = true
		}
		next.ServeHTTP(w, r)
	})
}

// signatureStage verifies, once the body stage has read the body, the signature of a request
// that authStage could only judge by its headers.
func (s *Server) signatureStage(next http.Handler) http.Handler {
	if !s.auth.signatures() {
		return next
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if infoFrom(r.Context()).verifyBody {
			if reason := s.auth.verify(r); reason != "" {
				unauthorized(w, reason)
				return
			}
		}
		next.ServeHTTP(w, r)
	})
}
