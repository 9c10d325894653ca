package fake

import (
	"crypto/subtle"
	"errors"
	"net/http"
	"strings"

	"github.com/dli-openapi/enhanced-connections/wrapper/signer"
)

// authenticator plays the API gateway's IAM check: AK/SK signatures and X-Auth-Token tokens.
type authenticator struct {
	credentials map[string]string // AK -> SK
	tokens      []string
}

func newAuthenticator(credentials map[string]string, tokens []string) *authenticator {
	return &authenticator{credentials: credentials, tokens: tokens}
}

// required reports whether any credential is configured; without one the fake is open.
func (a *authenticator) required() bool { return len(a.credentials) > 0 || len(a.tokens) > 0 }

// check returns "" when r authenticates, else why not, in words safe to send back: the
// signature verifier never puts secrets in its reasons, and scrub makes sure of it.
//
// A request with an Authorization header is judged by its signature when AK/SK credentials are
// configured; otherwise by its X-Auth-Token when tokens are configured.
func (a *authenticator) check(r *http.Request) string {
	if len(a.credentials) > 0 && r.Header.Get("Authorization") != "" {
		err := signer.Verify(r, func(ak string) (string, bool) {
			sk, ok := a.credentials[ak]
			return sk, ok
		})
		if err == nil {
			return ""
		}
		var se *signer.SignatureError
		if errors.As(err, &se) {
			return a.scrub(se.Reason)
		}
		return "the AK/SK signature is invalid"
	}
	if len(a.tokens) > 0 {
		if token := r.Header.Get("X-Auth-Token"); token != "" {
			if a.validToken(token) {
				return ""
			}
			return "the X-Auth-Token is invalid"
		}
	}
	switch {
	case len(a.credentials) > 0 && len(a.tokens) > 0:
		return "send an AK/SK signature (Authorization) or an IAM token (X-Auth-Token)"
	case len(a.credentials) > 0:
		return "send an AK/SK signature (Authorization)"
	default:
		return "send an IAM token (X-Auth-Token)"
	}
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

// scrub removes every configured secret key from msg, whatever produced it.
func (a *authenticator) scrub(msg string) string {
	for _, sk := range a.credentials {
		msg = strings.ReplaceAll(msg, sk, "[REDACTED]")
	}
	return msg
}

// authStage refuses unauthenticated requests with the gateway's 401 APIGW.0301 before the
// validator or any operation sees them.
func (s *Server) authStage(next http.Handler) http.Handler {
	if !s.auth.required() {
		return next
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if reason := s.auth.check(r); reason != "" {
			writeError(w, http.StatusUnauthorized, codeAuth, "Incorrect IAM authentication information: "+reason)
			return
		}
		next.ServeHTTP(w, r)
	})
}
