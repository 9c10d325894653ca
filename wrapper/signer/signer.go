package signer

import (
	"bytes"
	"context"
	"crypto/hkdf"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"io"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Names and literals of the protocol, spelled exactly as
// huaweicloud-sdk-go-v3 core/auth/signer does.
const (
	algorithmSDKHMACSHA256 = "SDK-HMAC-SHA256"
	algorithmV11HMACSHA256 = "V11-HMAC-SHA256"

	sdkDateLayout   = "20060102T150405Z"
	shortDateLayout = "20060102"

	headerSDKDate       = "X-Sdk-Date"
	headerContentSHA256 = "X-Sdk-Content-Sha256"
	headerSecurityToken = "X-Security-Token"
	headerAuthorization = "Authorization"
	headerContentType   = "Content-Type"

	unsignedPayload = "UNSIGNED-PAYLOAD"
)

var (
	errNoCredentials = errors.New("signer: no access key or secret key")
	errNilRequest    = errors.New("signer: cannot sign a nil request or a request without URL")
)

// Signer signs requests with the AK/SK scheme of the Huawei Cloud / Open
// Telekom Cloud API gateway (SDK-HMAC-SHA256, or V11-HMAC-SHA256 when built
// with NewDerivedSigner), producing byte for byte what huaweicloud-sdk-go-v3
// produces for the same request.
//
// A Signer is immutable after construction and safe for concurrent use. It
// holds the secret key, so it renders itself redacted in fmt and log/slog.
//
// What gets signed, decided from the request at the time Sign runs:
//   - X-Sdk-Date: kept if the request already carries a parseable value
//     (format 20060102T150405Z), otherwise set to the current UTC time.
//   - Every header present in req.Header, lower-cased, except names starting
//     with "content-type", names containing '_' and Authorization itself.
//     Host is signed only if the caller put a "Host" key into req.Header
//     (net/http then still sends req.Host or req.URL.Host on the wire, so keep
//     them equal). A header that occurs with several values (or under
//     several spellings) gives one "name:value" line per value, values sorted,
//     as the vendor's canonicalHeaders and APIG's net/http signer do.
//   - The body: its SHA-256, read through req.GetBody so the body stays
//     sendable; or the literal UNSIGNED-PAYLOAD, announced in a signed
//     X-Sdk-Content-Sha256 header, when a Content-Type is set that mentions
//     neither application/json nor application/bson (case-sensitive, as in
//     the vendor SDK). A caller-set X-Sdk-Content-Sha256 is used as the
//     payload hash as is, which lets callers sign huge bodies they hashed
//     themselves.
//
// The query is read with form semantics ('+' is a space), and any '+' in
// req.URL.RawQuery is rewritten to %20 before sending, as the vendor SDK
// does, so that the gateway cannot read it as a literal plus and compute a
// different canonical query.
type Signer struct {
	accessKey string
	// secrets returns the key material. It is a func rather than a pointer
	// because fmt, printing a Signer held in an unexported field (where it
	// cannot call Format), dereferences pointers for some verbs but prints a
	// func only as an address.
	secrets func() *signingKey
	// regionID and serviceName are set only for the derived (V11) variant.
	regionID    string
	serviceName string
	derived     bool
	// now is the clock; nil means time.Now. Tests inject a fixed clock.
	now func() time.Time
}

type signingKey struct {
	secretKey []byte
	token     string
	// macs recycles HMAC states keyed with secretKey: hmac.New costs several
	// allocations and two key-block hashes per call.
	macs sync.Pool
}

// New returns an SDK-HMAC-SHA256 signer. With temporary credentials (a SecurityToken) every
// signed request also gets an X-Security-Token header, which is signed like any other header.
func New(c Credentials) *Signer {
	k := newSigningKey(c.SecretKey.Reveal(), c.SecurityToken.Reveal())
	return &Signer{accessKey: c.AccessKey, secrets: func() *signingKey { return k }}
}

// NewDerived returns a V11-HMAC-SHA256 signer: the same canonical request, but the HMAC key is
// derived per day, region and service (hex(HKDF-SHA256(ikm=SK, salt=AK,
// info="yyyymmdd/region/service"))), so a leaked signature key is only good for one day, one
// region and one service. The vendor SDK uses it only for endpoints outside *.myhuaweicloud.com
// when asked to; prefer New unless the endpoint requires it.
func NewDerived(c Credentials, regionID, serviceName string) *Signer {
	s := New(c)
	s.derived = true
	s.regionID = regionID
	s.serviceName = serviceName
	return s
}

func newSigningKey(secretKey, token string) *signingKey {
	k := &signingKey{secretKey: []byte(secretKey), token: token}
	k.macs.New = func() any { return hmac.New(sha256.New, k.secretKey) }
	return k
}

// Sign adds X-Sdk-Date (unless a parseable one is present), X-Security-Token
// (temporary credentials), X-Sdk-Content-Sha256 (non-JSON bodies) and
// Authorization to req.Header, and rewrites '+' in req.URL.RawQuery to %20
// (see Signer), in place. Signing again (for a retry, say)
// replaces the Authorization header; the existing X-Sdk-Date is reused, so
// delete it first if the retry may happen after the gateway's clock-skew
// window (RoundTripper does this for you by never touching the caller's
// request).
//
// The body is hashed through req.GetBody and never consumed. A body without
// GetBody is read into memory once, and req.Body, req.GetBody and (when it
// was unknown) req.ContentLength are replaced so the request can still be
// sent and re-sent.
func (s *Signer) Sign(req *http.Request) error {
	return s.sign(req, nil)
}

// EditRequest signs req. It has the shape of oapi-codegen's RequestEditorFn,
// so a generated client signs every call with
// gen.WithRequestEditorFn(signer.EditRequest). Prefer RoundTripper when the
// http.Client follows redirects or retries: an editor runs once per call,
// before any redirect changes the URL.
func (s *Signer) EditRequest(_ context.Context, req *http.Request) error {
	return s.sign(req, nil)
}

// RoundTripper wraps next (http.DefaultTransport if nil) so that every
// request attempt, including redirects and retries done by the client above
// it, is signed freshly with the URL and time actually used. The caller's
// request is cloned and left untouched, as the http.RoundTripper contract
// requires.
func (s *Signer) RoundTripper(next http.RoundTripper) http.RoundTripper {
	if next == nil {
		next = http.DefaultTransport
	}
	return &signingTransport{signer: s, next: next}
}

type signingTransport struct {
	signer *Signer
	next   http.RoundTripper
}

func (t *signingTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	clone := req.Clone(req.Context())
	if err := t.signer.sign(clone, nil); err != nil {
		// The RoundTripper contract says the body is closed even on error.
		if req.Body != nil {
			_ = req.Body.Close()
		}
		return nil, err
	}
	return t.next.RoundTrip(clone)
}

// signTrace receives the intermediate values; only tests ask for them, the
// hot path passes nil and builds no strings.
type signTrace struct {
	payloadHash      string
	canonicalRequest string
	signedHeaders    string
	stringToSign     string
	signature        string
}

func (s *Signer) sign(req *http.Request, tr *signTrace) error {
	if s == nil || s.secrets == nil || s.accessKey == "" || len(s.secrets().secretKey) == 0 {
		return errNoCredentials
	}
	key := s.secrets()
	if req == nil || req.URL == nil {
		return errNilRequest
	}
	if req.Header == nil {
		req.Header = make(http.Header)
	}

	date, t := s.stampDate(req.Header)
	if key.token != "" {
		req.Header.Set(headerSecurityToken, key.token)
	}
	if ct, ok := firstValue(req.Header, headerContentType); ok &&
		!strings.Contains(ct, "application/json") && !strings.Contains(ct, "application/bson") {
		req.Header.Set(headerContentSHA256, unsignedPayload)
	}
	if strings.IndexByte(req.URL.RawQuery, '+') >= 0 {
		req.URL.RawQuery = strings.ReplaceAll(req.URL.RawQuery, "+", "%20")
	}

	sc := getScratch()
	defer putScratch(sc)

	var err error
	if sc.headers, err = collectSignedHeaders(sc.headers[:0], req.Header); err != nil {
		return err
	}
	if sc.pairs, err = parseQuery(sc.pairs[:0], req.URL.RawQuery); err != nil {
		return err
	}

	var shStart, shEnd int
	sc.buf, shStart, shEnd = appendCanonicalRequest(sc.buf[:0], &sc.vals, requestMethod(req), req.URL.Path, sc.pairs, sc.headers)
	if v, ok := firstValue(req.Header, headerContentSHA256); ok {
		sc.buf = append(sc.buf, v...)
	} else {
		if err := hashBody(req, sc); err != nil {
			return err
		}
		sc.buf = append(sc.buf, sc.hexA[:]...)
	}

	var info string
	if s.derived {
		info = derivedInfo(t, s.regionID, s.serviceName)
	}
	sc.sts = appendStringToSign(sc.sts[:0], s.algorithm(), date, info, sc.buf, sc)

	var mac hash.Hash
	if s.derived {
		if mac, err = derivedMAC(key.secretKey, s.accessKey, info); err != nil {
			return err
		}
	} else {
		mac = key.macs.Get().(hash.Hash)
		mac.Reset()
	}
	mac.Write(sc.sts)
	hex.Encode(sc.hexB[:], mac.Sum(sc.sum[:0]))
	if !s.derived {
		key.macs.Put(mac)
	}

	a := append(sc.auth[:0], s.algorithm()...)
	if s.derived {
		a = append(a, " Credential="...)
		a = append(a, s.accessKey...)
		a = append(a, '/')
		a = append(a, info...)
	} else {
		a = append(a, " Access="...)
		a = append(a, s.accessKey...)
	}
	a = append(a, ", SignedHeaders="...)
	a = append(a, sc.buf[shStart:shEnd]...)
	a = append(a, ", Signature="...)
	a = append(a, sc.hexB[:]...)
	sc.auth = a
	req.Header.Set(headerAuthorization, string(a))

	if tr != nil {
		tr.canonicalRequest = string(sc.buf)
		tr.payloadHash = string(sc.buf[bytes.LastIndexByte(sc.buf, '\n')+1:])
		tr.signedHeaders = string(sc.buf[shStart:shEnd])
		tr.stringToSign = string(sc.sts)
		tr.signature = string(sc.hexB[:])
	}
	return nil
}

func (s *Signer) algorithm() string {
	if s.derived {
		return algorithmV11HMACSHA256
	}
	return algorithmSDKHMACSHA256
}

// derivedInfo is the V11 credential scope "yyyymmdd/region/service".
func derivedInfo(t time.Time, regionID, serviceName string) string {
	return t.Format(shortDateLayout) + "/" + regionID + "/" + serviceName
}

// derivedMAC keys HMAC-SHA256 with the lower-case hex string (not the raw
// bytes) of HKDF-SHA256(SK, salt AK, info), as the vendor's DerivedSigner does.
func derivedMAC(secretKey []byte, accessKey, info string) (hash.Hash, error) {
	k, err := hkdf.Key(sha256.New, secretKey, []byte(accessKey), info, sha256.Size)
	if err != nil {
		return nil, fmt.Errorf("signer: deriving V11 signing key: %w", err)
	}
	hk := make([]byte, hex.EncodedLen(len(k)))
	hex.Encode(hk, k)
	return hmac.New(sha256.New, hk), nil
}

// stampDate returns the X-Sdk-Date to sign and its time. A parseable value
// set by the caller is kept (that is how callers and test vectors pin the
// time); anything else is replaced by the current UTC time, because the
// gateway rejects a request whose date it cannot parse anyway.
func (s *Signer) stampDate(h http.Header) (string, time.Time) {
	if v := h[headerSDKDate]; len(v) > 0 {
		if t, err := time.Parse(sdkDateLayout, v[0]); err == nil {
			var b [len(sdkDateLayout)]byte
			f := t.AppendFormat(b[:0], sdkDateLayout)
			if len(v) == 1 && string(f) == v[0] {
				return v[0], t
			}
			d := string(f)
			h.Set(headerSDKDate, d)
			return d, t
		}
	}
	now := time.Now
	if s.now != nil {
		now = s.now
	}
	t := now().UTC()
	d := t.Format(sdkDateLayout)
	h.Set(headerSDKDate, d)
	return d, t
}

func requestMethod(req *http.Request) string {
	if req.Method == "" {
		return http.MethodGet // what net/http sends for an empty Method
	}
	return req.Method
}

func firstValue(h http.Header, canonicalKey string) (string, bool) {
	if v := h[canonicalKey]; len(v) > 0 {
		return v[0], true
	}
	return "", false
}

// scratch holds the per-call buffers; pooling it keeps Sign at a handful of
// allocations however many headers and query parameters there are.
type scratch struct {
	buf     []byte
	sts     []byte
	auth    []byte
	headers []headerEntry
	pairs   []queryPair
	vals    []string
	sha     hash.Hash
	copyBuf []byte
	sum     [sha256.Size]byte
	hexA    [2 * sha256.Size]byte
	hexB    [2 * sha256.Size]byte
}

var scratchPool = sync.Pool{New: func() any { return &scratch{sha: sha256.New()} }}

func getScratch() *scratch { return scratchPool.Get().(*scratch) }

func putScratch(sc *scratch) {
	// Do not let one request with a giant query pin megabytes in the pool.
	if cap(sc.buf) > 64<<10 {
		sc.buf = nil
	}
	// Drop references into the request (header values, query strings).
	clear(sc.headers[:cap(sc.headers)])
	clear(sc.pairs[:cap(sc.pairs)])
	clear(sc.vals[:cap(sc.vals)])
	sc.headers, sc.pairs, sc.vals = sc.headers[:0], sc.pairs[:0], sc.vals[:0]
	scratchPool.Put(sc)
}

// hashBody writes the lower-case hex SHA-256 of the body into sc.hexA
// without consuming req.Body.
func hashBody(req *http.Request, sc *scratch) error {
	h := sc.sha
	h.Reset()
	switch {
	case req.GetBody != nil:
		rc, err := req.GetBody()
		if err != nil {
			return fmt.Errorf("signer: reading request body for signing: %w", err)
		}
		if rc != nil {
			if sc.copyBuf == nil {
				sc.copyBuf = make([]byte, 32<<10)
			}
			// bytes.Reader (what oapi-codegen and http.NewRequest use)
			// implements io.WriterTo, so this is a single Write over the
			// caller's buffer, no copy.
			_, err = io.CopyBuffer(h, rc, sc.copyBuf)
			_ = rc.Close()
			if err != nil {
				return fmt.Errorf("signer: reading request body for signing: %w", err)
			}
		}
	case req.Body != nil && req.Body != http.NoBody:
		b, err := io.ReadAll(req.Body)
		_ = req.Body.Close()
		if err != nil {
			return fmt.Errorf("signer: reading request body for signing: %w", err)
		}
		setReplayableBody(req, b)
		h.Write(b)
	}
	hex.Encode(sc.hexA[:], h.Sum(sc.sum[:0]))
	return nil
}

// setReplayableBody installs an in-memory copy of a body that had no
// GetBody, so it can be sent after being hashed, and re-sent on retries.
func setReplayableBody(req *http.Request, b []byte) {
	if len(b) == 0 {
		req.Body = http.NoBody
		req.GetBody = func() (io.ReadCloser, error) { return http.NoBody, nil }
	} else {
		req.Body = io.NopCloser(bytes.NewReader(b))
		req.GetBody = func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(b)), nil }
	}
	if req.ContentLength <= 0 {
		req.ContentLength = int64(len(b))
	}
}

// String renders the signer without its secret key or token. The
// printing methods have value receivers so that a Signer value, not only a
// *Signer, is redacted.
func (s Signer) String() string {
	sk, token := s.shownSecrets()
	var b strings.Builder
	b.WriteString("{Algorithm:")
	b.WriteString(s.algorithm())
	b.WriteString(" AccessKey:")
	b.WriteString(s.accessKey)
	b.WriteString(" SecretKey:")
	b.WriteString(sk)
	b.WriteString(" SecurityToken:")
	b.WriteString(token)
	if s.derived {
		b.WriteString(" Region:")
		b.WriteString(s.regionID)
		b.WriteString(" Service:")
		b.WriteString(s.serviceName)
	}
	b.WriteByte('}')
	return b.String()
}

// GoString renders %#v without the secret key or token; without it %#v
// would dump the fields.
func (s Signer) GoString() string {
	sk, token := s.shownSecrets()
	var b strings.Builder
	b.WriteString("signer.Signer{Algorithm:")
	b.WriteString(strconv.Quote(s.algorithm()))
	b.WriteString(", AccessKey:")
	b.WriteString(strconv.Quote(s.accessKey))
	b.WriteString(", SecretKey:")
	b.WriteString(strconv.Quote(sk))
	b.WriteString(", SecurityToken:")
	b.WriteString(strconv.Quote(token))
	if s.derived {
		b.WriteString(", Region:")
		b.WriteString(strconv.Quote(s.regionID))
		b.WriteString(", Service:")
		b.WriteString(strconv.Quote(s.serviceName))
	}
	b.WriteByte('}')
	return b.String()
}

// Format takes over every fmt verb so that no verb falls back to printing
// the fields by reflection.
func (s Signer) Format(f fmt.State, verb rune) {
	formatRedacted(f, verb, "signer.Signer", s.String(), s.GoString())
}

// LogValue makes log/slog print the signer redacted.
func (s Signer) LogValue() slog.Value {
	sk, token := s.shownSecrets()
	attrs := []slog.Attr{
		slog.String("algorithm", s.algorithm()),
		slog.String("access_key", s.accessKey),
		slog.String("secret_key", sk),
		slog.String("security_token", token),
	}
	if s.derived {
		attrs = append(attrs, slog.String("region", s.regionID), slog.String("service", s.serviceName))
	}
	return slog.GroupValue(attrs...)
}

// shownSecrets is what the printers show in place of the secret key and
// the token: "[REDACTED]" when set, "" when not.
func (s Signer) shownSecrets() (secretKey, token string) {
	if s.secrets == nil {
		return "", ""
	}
	k := s.secrets()
	if len(k.secretKey) > 0 {
		secretKey = redacted
	}
	if k.token != "" {
		token = redacted
	}
	return secretKey, token
}
