package signer

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"hash"
	"net/http"
	"slices"
	"strings"
	"time"
)

// MaxClockSkew is how far X-Sdk-Date may be from the verifier's clock, in
// either direction. The gateway rejects stale signatures with APIGW.0301
// ("signature expired"); a 15-minute gap is known to be rejected, so
// requests signed by this package must reach the server well within it.
const MaxClockSkew = 15 * time.Minute

// SignatureError is returned by Verify, VerifyAt and VerifyHeadersAt for every request that
// fails verification. Reason says what was wrong in words meant for logs
// and test failures; it never contains the secret key, the expected
// signature or header values, so it is safe to send back to the client.
type SignatureError struct {
	Reason string
}

// Error implements error.
func (e *SignatureError) Error() string {
	return "signer: signature verification failed: " + e.Reason
}

func sigErr(reason string) error { return &SignatureError{Reason: reason} }

// SecretKeyFunc returns the secret key of an access key, and whether the access key is known.
type SecretKeyFunc func(accessKey string) (secretKey string, ok bool)

// Verify checks req's SDK-HMAC-SHA256 or V11-HMAC-SHA256 Authorization header the way the API
// gateway does, against the current time. It is meant for fake servers and tests of clients that
// sign; see VerifyAt for the rules.
func Verify(req *http.Request, secretKeyFor SecretKeyFunc) error {
	return VerifyAt(req, secretKeyFor, time.Now())
}

// VerifyAt is Verify with an explicit clock: X-Sdk-Date must be within MaxClockSkew of now,
// unless now is the zero time, which skips the freshness check (for replaying recorded requests).
//
// The canonical request is recomputed over exactly the headers that SignedHeaders lists (which
// must be sorted, unique and include x-sdk-date, as every known client sends them), so requests
// from clients that sign more headers than the vendor SDK, such as content-type, verify too.
// "host" is looked up in req.Header first, then req.Host (where net/http servers put it), then
// req.URL.Host. The payload hash is the SHA-256 of the body, or the value of
// X-Sdk-Content-Sha256 when present; a value other than UNSIGNED-PAYLOAD must then match the
// body. The body is read through req.GetBody when set, otherwise read once and put back (req.Body
// and req.GetBody are replaced by an in-memory copy), so handlers can still read it. The
// signature is compared in constant time.
func VerifyAt(req *http.Request, secretKeyFor SecretKeyFunc, now time.Time) error {
	h, err := checkHeaders(req, secretKeyFor, now)
	if err != nil {
		return err
	}
	a := h.auth

	sc := getScratch()
	defer putScratch(sc)

	sc.headers = sc.headers[:0]
	for _, name := range a.signedHeaders {
		sc.headers = append(sc.headers, headerEntry{name: name, values: lookupHeader(req, name)})
	}
	if sc.pairs, err = parseQuery(sc.pairs[:0], req.URL.RawQuery); err != nil {
		return sigErr("malformed query")
	}

	sc.buf, _, _ = appendCanonicalRequest(sc.buf[:0], &sc.vals, requestMethod(req), req.URL.Path, sc.pairs, sc.headers)

	claimed, hasClaim := firstValue(req.Header, headerContentSHA256)
	if !hasClaim || claimed != unsignedPayload {
		if err := hashBody(req, sc); err != nil {
			return sigErr("cannot read body")
		}
		if hasClaim && claimed != string(sc.hexA[:]) {
			return sigErr("X-Sdk-Content-Sha256 does not match the body")
		}
	}
	if hasClaim {
		sc.buf = append(sc.buf, claimed...)
	} else {
		sc.buf = append(sc.buf, sc.hexA[:]...)
	}

	alg, info := algorithmSDKHMACSHA256, ""
	if a.derived {
		alg, info = algorithmV11HMACSHA256, a.info
	}
	sc.sts = appendStringToSign(sc.sts[:0], alg, h.date, info, sc.buf, sc)

	var mac hash.Hash
	if a.derived {
		if mac, err = derivedMAC([]byte(h.secretKey), a.accessKey, info); err != nil {
			return sigErr("cannot derive signing key")
		}
	} else {
		mac = hmac.New(sha256.New, []byte(h.secretKey))
	}
	mac.Write(sc.sts)
	hex.Encode(sc.hexB[:], mac.Sum(sc.sum[:0]))
	if !hmac.Equal(sc.hexB[:], []byte(a.signature)) {
		return sigErr("signature mismatch")
	}
	return nil
}

// VerifyHeadersAt makes every check of VerifyAt that does not need the body: the Authorization
// header's form, a known access key, X-Sdk-Date present, well formed and fresh, and every signed
// header present. A server calls it before reading a body, so that a request from someone
// without a known key is refused before its body costs anything; VerifyAt must still follow.
// It never reads req.Body.
func VerifyHeadersAt(req *http.Request, secretKeyFor SecretKeyFunc, now time.Time) error {
	_, err := checkHeaders(req, secretKeyFor, now)
	return err
}

// checkedHeaders is what checkHeaders established.
type checkedHeaders struct {
	auth      parsedAuthorization
	date      string
	secretKey string
}

func checkHeaders(req *http.Request, secretKeyFor SecretKeyFunc, now time.Time) (checkedHeaders, error) {
	if req == nil || req.URL == nil {
		return checkedHeaders{}, sigErr("no request")
	}
	authz := req.Header.Values(headerAuthorization)
	if len(authz) != 1 {
		return checkedHeaders{}, sigErr("want exactly one Authorization header")
	}
	a, err := parseAuthorization(authz[0])
	if err != nil {
		return checkedHeaders{}, err
	}

	dates := req.Header.Values(headerSDKDate)
	if len(dates) != 1 {
		return checkedHeaders{}, sigErr("want exactly one X-Sdk-Date header")
	}
	date := dates[0]
	t, err := time.Parse(sdkDateLayout, date)
	if err != nil || t.Format(sdkDateLayout) != date {
		return checkedHeaders{}, sigErr("malformed X-Sdk-Date")
	}
	if !now.IsZero() {
		if d := now.Sub(t); d > MaxClockSkew || d < -MaxClockSkew {
			return checkedHeaders{}, sigErr("X-Sdk-Date outside the allowed clock skew (signature expired)")
		}
	}
	if !slices.Contains(a.signedHeaders, "x-sdk-date") {
		return checkedHeaders{}, sigErr("x-sdk-date is not a signed header")
	}
	if a.derived && a.info[:len(shortDateLayout)] != date[:len(shortDateLayout)] {
		return checkedHeaders{}, sigErr("credential scope date does not match X-Sdk-Date")
	}

	if secretKeyFor == nil {
		return checkedHeaders{}, sigErr("no secret key lookup")
	}
	sk, ok := secretKeyFor(a.accessKey)
	if !ok || sk == "" {
		return checkedHeaders{}, sigErr("unknown access key")
	}
	for _, name := range a.signedHeaders {
		if len(lookupHeader(req, name)) == 0 {
			return checkedHeaders{}, sigErr("signed header " + name + " is missing")
		}
	}
	return checkedHeaders{auth: a, date: date, secretKey: sk}, nil
}

// parsedAuthorization is what an Authorization header claims.
type parsedAuthorization struct {
	derived       bool
	accessKey     string
	info          string // V11 only: "yyyymmdd/region/service"
	signedHeaders []string
	signature     string
}

const malformedAuthorization = "malformed Authorization header"

// parseAuthorization accepts
//
//	SDK-HMAC-SHA256 Access=AK, SignedHeaders=a;b, Signature=hex
//	V11-HMAC-SHA256 Credential=AK/yyyymmdd/region/service, SignedHeaders=a;b, Signature=hex
//
// with optional blanks after the commas. Each parameter must appear exactly
// once; anything else is rejected rather than guessed at.
func parseAuthorization(s string) (parsedAuthorization, error) {
	var a parsedAuthorization
	alg, rest, ok := strings.Cut(s, " ")
	if !ok {
		return a, sigErr(malformedAuthorization)
	}
	idParam := "Access"
	switch alg {
	case algorithmSDKHMACSHA256:
	case algorithmV11HMACSHA256:
		a.derived = true
		idParam = "Credential"
	default:
		return a, sigErr("unsupported signing algorithm")
	}

	var id, sh, sig string
	var seenID, seenSH, seenSig bool
	for rest != "" {
		var param string
		param, rest, _ = strings.Cut(rest, ",")
		name, value, ok := strings.Cut(strings.TrimSpace(param), "=")
		if !ok {
			return a, sigErr(malformedAuthorization)
		}
		var seen *bool
		switch name {
		case idParam:
			id, seen = value, &seenID
		case "SignedHeaders":
			sh, seen = value, &seenSH
		case "Signature":
			sig, seen = value, &seenSig
		default:
			return a, sigErr("unexpected Authorization parameter")
		}
		if *seen {
			return a, sigErr("repeated Authorization parameter")
		}
		*seen = true
	}
	if !seenID || !seenSH || !seenSig || id == "" || sh == "" || sig == "" {
		return a, sigErr("incomplete Authorization header")
	}

	if a.derived {
		ak, info, _ := strings.Cut(id, "/")
		parts := strings.Split(info, "/")
		if ak == "" || len(parts) != 3 || parts[1] == "" || parts[2] == "" || !isShortDate(parts[0]) {
			return a, sigErr("malformed Credential")
		}
		a.accessKey, a.info = ak, info
	} else {
		a.accessKey = id
	}

	a.signedHeaders = strings.Split(sh, ";")
	for i, name := range a.signedHeaders {
		if !validHeaderName(name) || name != strings.ToLower(name) {
			return a, sigErr("malformed SignedHeaders")
		}
		if i > 0 && a.signedHeaders[i-1] >= name {
			return a, sigErr("SignedHeaders not sorted and unique")
		}
	}
	a.signature = sig
	return a, nil
}

func isShortDate(s string) bool {
	if len(s) != len(shortDateLayout) {
		return false
	}
	_, err := time.Parse(shortDateLayout, s)
	return err == nil
}

// lookupHeader returns all values of a header whatever the spelling of its
// name, merged the way the signer merges them.
func lookupHeader(req *http.Request, lowerName string) []string {
	var out []string
	for k, v := range req.Header {
		if strings.EqualFold(k, lowerName) {
			out = append(out, v...)
		}
	}
	if len(out) == 0 && lowerName == "host" {
		switch {
		case req.Host != "":
			out = []string{req.Host}
		case req.URL.Host != "":
			out = []string{req.URL.Host}
		}
	}
	return out
}
