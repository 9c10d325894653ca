package fake

import (
	"errors"
	"net/http"
)

// servePodIdentity answers CCE pod identity's POST PodIdentityPath: with an Authorization value
// of PlatformOptions.PodIdentityTokens, 200 {"credentials":{...}} in the camel spelling, the
// same keys until PlatformOptions.KeyRotateBefore ahead of their expiry. A missing
// Authorization is 401, an unknown one 403. The body (the vendor sends {}) is read, bounded,
// and not checked.
func (s *Server) servePodIdentity(w http.ResponseWriter, r *http.Request) {
	if !allowOnly(w, r, http.MethodPost, writePlainError) {
		return
	}
	var body any
	if err := s.readPlatformBody(w, r, &body); errors.Is(err, errPlatformBodyTooLarge) {
		writePlainError(w, http.StatusRequestEntityTooLarge, err.Error())
		return
	}
	auth := r.Header.Values("Authorization")
	switch {
	case len(auth) == 0:
		writePlainError(w, http.StatusUnauthorized, "Unauthorized: the Authorization header with the pod's token is missing")
		return
	case len(auth) > 1 || !containsConstantTime(s.platform.opts.PodIdentityTokens, auth[0]):
		writePlainError(w, http.StatusForbidden, "Forbidden: the token in the Authorization header is not accepted")
		return
	}
	key := s.keys.shared(SourcePodIdentity)
	writeCredential(w, http.StatusOK, "credentials", key, !s.platform.opts.AlternateSpelling)
}
