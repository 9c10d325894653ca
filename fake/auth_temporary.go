package fake

import (
	"net/http"
	"slices"
	"strings"
)

// checkTemporary decides a request signed with a temporary key, once signer.VerifyHeadersAt
// has accepted the Authorization header's form and found the key: it must carry the key's
// security token in a signed X-Security-Token header, the key must not be revoked, and it must
// not have expired on Options.Now (it works until just before Expires). "" means it passes, or
// the key is a permanent one. The reasons name no secret.
func (a *authenticator) checkTemporary(r *http.Request) string {
	if !a.temporary {
		return ""
	}
	ak, signed := authorizationFields(r.Header.Get("Authorization"))
	if _, permanent := a.credentials[ak]; permanent {
		return ""
	}
	key, ok := a.keys.lookup(ak)
	if !ok {
		return "unknown access key" // unreachable: the signer looked it up
	}
	tokens := r.Header.Values("X-Security-Token")
	switch {
	case len(tokens) == 0:
		return "the security token is missing: a temporary access key needs its X-Security-Token"
	case len(tokens) > 1:
		return "want exactly one X-Security-Token header"
	case !slices.Contains(signed, "x-security-token"):
		return "x-security-token is not a signed header"
	case !key.matchesToken(tokens[0]):
		return "the security token does not belong to the access key"
	case key.Revoked:
		return "the temporary access key has been revoked"
	case !a.keys.now().Before(key.Expires):
		return "the temporary access key has expired"
	}
	return ""
}

// authorizationFields reads the access key and the signed headers of an Authorization header
// that signer.VerifyHeadersAt has accepted: "SDK-HMAC-SHA256 Access=AK, SignedHeaders=a;b, ..."
// or "V11-HMAC-SHA256 Credential=AK/date/region/service, ...".
func authorizationFields(h string) (accessKey string, signedHeaders []string) {
	_, params, _ := strings.Cut(h, " ")
	for param := range strings.SplitSeq(params, ",") {
		name, value, _ := strings.Cut(strings.TrimSpace(param), "=")
		switch name {
		case "Access":
			accessKey = value
		case "Credential":
			accessKey, _, _ = strings.Cut(value, "/")
		case "SignedHeaders":
			signedHeaders = strings.Split(value, ";")
		}
	}
	return accessKey, signedHeaders
}
