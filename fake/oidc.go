package fake

import (
	"crypto/subtle"
	"errors"
	"net/http"
	"slices"
	"sync"
	"time"
)

// IAM tokens from the OIDC exchange live 24 hours, like every IAM token.
const iamTokenLifetime = 24 * time.Hour

// The bounds and default of securitytokens' duration_seconds, from IAM's "Obtaining a
// Temporary AK/SK" page.
const (
	minKeyDurationSeconds     = 900
	maxKeyDurationSeconds     = 86400
	defaultKeyDurationSeconds = 900
)

// oidcService holds the IAM tokens the OIDC exchange issued, with their expiry on Options.Now,
// and the id tokens it was presented.
type oidcService struct {
	mu        sync.Mutex
	iamTokens map[string]time.Time
	idTokens  []string
}

func newOIDCService() *oidcService { return &oidcService{iamTokens: make(map[string]time.Time)} }

// maxIAMTokens is how many IAM tokens are kept before expired ones are dropped;
// maxPresentedIDTokens how many presented id tokens IDTokensPresented keeps (the latest).
const (
	maxIAMTokens         = 1024
	maxPresentedIDTokens = 10000
)

func (o *oidcService) presented(idToken string) {
	o.mu.Lock()
	defer o.mu.Unlock()
	if len(o.idTokens) >= 2*maxPresentedIDTokens {
		o.idTokens = append(o.idTokens[:0:0], o.idTokens[len(o.idTokens)-maxPresentedIDTokens:]...)
	}
	o.idTokens = append(o.idTokens, idToken)
}

func (o *oidcService) newIAMToken(now time.Time) (string, time.Time) {
	token := "MIIfake" + randomText(120)
	expires := now.Add(iamTokenLifetime)
	o.mu.Lock()
	defer o.mu.Unlock()
	if len(o.iamTokens) >= maxIAMTokens {
		for t, e := range o.iamTokens {
			if !now.Before(e) {
				delete(o.iamTokens, t)
			}
		}
	}
	o.iamTokens[token] = expires
	return token, expires
}

func (o *oidcService) validIAMToken(token string, now time.Time) bool {
	o.mu.Lock()
	defer o.mu.Unlock()
	expires, ok := o.iamTokens[token]
	return ok && now.Before(expires)
}

// IDTokensPresented returns the id tokens the OIDC exchange received in well-formed requests,
// accepted or not, oldest first (the latest 10,000): a test proves with it that a client
// re-reads a rotated token file.
func (s *Server) IDTokensPresented() []string {
	o := s.platform.oidc
	o.mu.Lock()
	defer o.mu.Unlock()
	return slices.Clone(o.idTokens[max(0, len(o.idTokens)-maxPresentedIDTokens):])
}

// oidcExchangeRequest is the body of POST /v3.0/OS-AUTH/id-token/tokens. The scope, when given,
// is accepted and not checked: the fake's keys are good for every project.
type oidcExchangeRequest struct {
	Auth *struct {
		IDToken *struct {
			ID string `json:"id"`
		} `json:"id_token"`
		Scope any `json:"scope"`
	} `json:"auth"`
}

// serveOIDCExchange answers IAM's "Obtaining a Token with an OpenID Connect ID Token": for a
// configured X-Idp-Id and an id token that is not rejected, 201 with the IAM token in
// X-Subject-Token and the token's details in the body. The request is not AK/SK-signed: the id
// token is the credential.
func (s *Server) serveOIDCExchange(w http.ResponseWriter, r *http.Request) {
	if !allowOnly(w, r, http.MethodPost, iamErrorWriter) {
		return
	}
	idp := r.Header.Get("X-Idp-Id")
	if idp == "" {
		writeIAMError(w, http.StatusBadRequest, "Bad Request", "the X-Idp-Id header is required")
		return
	}
	var req oidcExchangeRequest
	if err := s.readPlatformBody(w, r, &req); err != nil {
		iamErrorWriter(w, platformBodyStatus(err), err.Error())
		return
	}
	if req.Auth == nil || req.Auth.IDToken == nil || req.Auth.IDToken.ID == "" {
		writeIAMError(w, http.StatusBadRequest, "Bad Request", "auth.id_token.id is required")
		return
	}
	idToken := req.Auth.IDToken.ID
	s.platform.oidc.presented(idToken)
	if !slices.Contains(s.platform.opts.IdentityProviders, idp) {
		writeIAMError(w, http.StatusNotFound, "Not Found", "the identity provider in X-Idp-Id does not exist")
		return
	}
	if containsConstantTime(s.platform.opts.RejectedIDTokens, idToken) {
		writeIAMError(w, http.StatusUnauthorized, "Unauthorized", "the id token is invalid or expired")
		return
	}
	now := s.opts.Now()
	token, expires := s.platform.oidc.newIAMToken(now)
	w.Header().Set("X-Subject-Token", token)
	w.Header().Set("X-IAM-Trace-Id", fakeTraceID)
	writeJSON(w, http.StatusCreated, federatedToken(idp, now, expires))
}

// federatedToken is the body of the exchange's answer: an unscoped token of a federated user.
func federatedToken(idp string, issued, expires time.Time) any {
	type id struct {
		ID string `json:"id"`
	}
	type domain struct {
		ID   string `json:"id"`
		Name string `json:"name"`
	}
	type federation struct {
		IdentityProvider id    `json:"identity_provider"`
		Protocol         id    `json:"protocol"`
		Groups           []any `json:"groups"`
	}
	type user struct {
		Federation federation `json:"OS-FEDERATION"`
		Domain     domain     `json:"domain"`
		ID         string     `json:"id"`
		Name       string     `json:"name"`
	}
	type token struct {
		ExpiresAt string   `json:"expires_at"`
		IssuedAt  string   `json:"issued_at"`
		Methods   []string `json:"methods"`
		User      user     `json:"user"`
	}
	return struct {
		Token token `json:"token"`
	}{token{
		ExpiresAt: expires.UTC().Format(snakeTimeLayout),
		IssuedAt:  issued.UTC().Format(snakeTimeLayout),
		Methods:   []string{"mapped"},
		User: user{
			Federation: federation{IdentityProvider: id{idp}, Protocol: id{"oidc"}, Groups: []any{}},
			Domain:     domain{ID: fakeDomainID, Name: "fake-domain"},
			ID:         "fake-federated-user",
			Name:       "FederationUser",
		},
	}}
}

// securityTokensRequest is the body of POST /v3.0/OS-CREDENTIAL/securitytokens with the token
// method.
type securityTokensRequest struct {
	Auth *struct {
		Identity *struct {
			Methods []string `json:"methods"`
			Token   *struct {
				ID              string `json:"id"`
				DurationSeconds *int   `json:"duration_seconds"`
			} `json:"token"`
		} `json:"identity"`
	} `json:"auth"`
}

// serveSecurityTokens answers IAM's "Obtaining a Temporary AK/SK" with the token method: an IAM
// token from the OIDC exchange (X-Auth-Token, which takes precedence as on IAM's page, or
// auth.identity.token.id) becomes new temporary keys that live duration_seconds (900 to 86400,
// 900 when absent), 201 {"credential":{...}}.
func (s *Server) serveSecurityTokens(w http.ResponseWriter, r *http.Request) {
	if !allowOnly(w, r, http.MethodPost, iamErrorWriter) {
		return
	}
	var req securityTokensRequest
	if err := s.readPlatformBody(w, r, &req); err != nil {
		iamErrorWriter(w, platformBodyStatus(err), err.Error())
		return
	}
	if req.Auth == nil || req.Auth.Identity == nil || !slices.Contains(req.Auth.Identity.Methods, "token") {
		writeIAMError(w, http.StatusBadRequest, "Bad Request", `auth.identity.methods must hold "token" (the fake serves no other method)`)
		return
	}
	duration := defaultKeyDurationSeconds
	token := r.Header.Get("X-Auth-Token")
	if t := req.Auth.Identity.Token; t != nil {
		if token == "" {
			token = t.ID
		}
		if t.DurationSeconds != nil {
			duration = *t.DurationSeconds
		}
	}
	if duration < minKeyDurationSeconds || duration > maxKeyDurationSeconds {
		writeIAMError(w, http.StatusBadRequest, "Bad Request", "auth.identity.token.duration_seconds must be from 900 to 86400")
		return
	}
	if token == "" {
		writeIAMError(w, http.StatusUnauthorized, "Unauthorized", "send the IAM token in X-Auth-Token or auth.identity.token.id")
		return
	}
	if !s.platform.oidc.validIAMToken(token, s.opts.Now()) {
		writeIAMError(w, http.StatusUnauthorized, "Unauthorized", "the IAM token is invalid or expired")
		return
	}
	key := s.keys.issue(SourceOIDC, time.Duration(duration)*time.Second)
	w.Header().Set("X-IAM-Trace-Id", fakeTraceID)
	writeCredential(w, http.StatusCreated, "credential", key, s.platform.opts.AlternateSpelling)
}

// iamErrorWriter is writeIAMError in the shape allowOnly takes.
func iamErrorWriter(w http.ResponseWriter, status int, msg string) {
	writeIAMError(w, status, http.StatusText(status), msg)
}

// platformBodyStatus is the status of a body readPlatformBody refused.
func platformBodyStatus(err error) int {
	if errors.Is(err, errPlatformBodyTooLarge) {
		return http.StatusRequestEntityTooLarge
	}
	return http.StatusBadRequest
}

// containsConstantTime reports whether values holds v, comparing each in constant time.
func containsConstantTime(values []string, v string) bool {
	found := 0
	for _, x := range values {
		found |= subtle.ConstantTimeCompare([]byte(x), []byte(v))
	}
	return found == 1
}
