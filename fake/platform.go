package fake

import (
	"fmt"
	"net/http"
	"sync/atomic"
	"time"
)

// PlatformOptions turn on the platform services that hand out temporary access keys, each on
// its real path on the fake's one listener (the same origin as the DLI API): the ECS metadata
// service, IAM's OIDC federation and CCE pod identity. Every key they issue is accepted by the
// fake's DLI and IAM with its security token until it expires on Options.Now. When any of them
// is on, the fake requires authentication, as temporary keys mean nothing to an open fake.
type PlatformOptions struct {
	// Metadata serves the ECS metadata API: PUT /meta-data/latest/api/token (a session token,
	// its X-Metadata-Token-Ttl-Seconds honoured) and GET /openstack/latest/securitykey (the
	// VM's agency keys), in the ways MetadataMode chooses.
	Metadata bool

	// MetadataMode combines MetadataRequireToken or MetadataNoTokenService with
	// MetadataNoAgency; zero is a VM with an agency where the session token is optional.
	MetadataMode MetadataMode

	// IdentityProviders are the IdP ids (X-Idp-Id) for which IAM's OIDC exchange,
	// POST /v3.0/OS-AUTH/id-token/tokens, accepts an id token: any non-empty one that is not in
	// RejectedIDTokens. It answers with an IAM token that POST /v3.0/OS-CREDENTIAL/securitytokens
	// turns into temporary keys. Empty: neither is served.
	IdentityProviders []string

	// RejectedIDTokens are id tokens the OIDC exchange refuses (401), as IAM refuses an expired
	// or forged one.
	RejectedIDTokens []string

	// PodIdentityTokens are the Authorization values the CCE pod identity endpoint
	// (POST PodIdentityPath) accepts. Empty: not served.
	PodIdentityTokens []string

	// KeyLifetime is how long the keys of the metadata service and pod identity live, on
	// Options.Now. Zero means DefaultKeyLifetime. Keys from securitytokens live the request's
	// duration_seconds instead.
	KeyLifetime time.Duration

	// KeyRotateBefore is how long before their expiry the metadata service and pod identity
	// stop handing out the same keys and issue new ones; the old ones stay valid until they
	// expire. Zero means DefaultKeyRotateBefore. It must be less than KeyLifetime.
	KeyRotateBefore time.Duration

	// GatewayClockOffset sets the API gateway's clock to real time plus this offset: an
	// X-Sdk-Date more than 15 minutes from it is refused with 401 APIGW.0301 ("signature
	// expired", the real message), and every answer's Date header shows it. Tests use it to
	// play a client whose clock is off.
	GatewayClockOffset time.Duration

	// AlternateSpelling makes each service answer with the other spelling of the credential
	// JSON that the vendor SDK also reads: accessKeyId, secretAccessKey, securityToken and
	// expiration for the metadata service and IAM, access, secret, securitytoken and expires_at
	// for pod identity. Tests use it to prove a client reads both.
	AlternateSpelling bool
}

// MetadataMode is a set of ways the fake ECS metadata service departs from the default (an
// optional session token, an agency attached to the VM).
type MetadataMode uint8

const (
	// MetadataRequireToken answers the keys request 401 unless it carries a valid, unexpired
	// X-Metadata-Token (metadata v2 enforced, "hardening").
	MetadataRequireToken MetadataMode = 1 << iota
	// MetadataNoTokenService answers the token PUT 404, as a metadata service with only v1 does.
	// It excludes MetadataRequireToken.
	MetadataNoTokenService
	// MetadataNoAgency answers the keys request 401 with the body text "Please configure Cloud
	// Service Agency first", as for a VM without an agency.
	MetadataNoAgency
)

// Defaults of PlatformOptions.
const (
	DefaultKeyLifetime     = time.Hour
	DefaultKeyRotateBefore = 10 * time.Minute
)

// PlatformService names a platform service, for Server.SetOutage.
type PlatformService int

const (
	// Metadata is the ECS metadata service (token and keys).
	Metadata PlatformService = iota
	// IAM is IAM: the OIDC exchange, securitytokens and the project lookup.
	IAM
	// PodIdentity is the CCE pod identity endpoint.
	PodIdentity
	numPlatformServices
)

// String is the service's name as the documentation spells it.
func (p PlatformService) String() string {
	switch p {
	case Metadata:
		return "metadata"
	case IAM:
		return "iam"
	case PodIdentity:
		return "pod-identity"
	}
	return fmt.Sprintf("PlatformService(%d)", int(p))
}

// Operation ids of the platform requests in RecordedRequest, Calls and the request log. They are
// no operations of the spec: the vendor SDK's names where it has one.
const (
	MetadataTokenOperationID  = "MetadataToken"
	MetadataKeysOperationID   = "MetadataSecurityKey"
	OIDCExchangeOperationID   = "CreateTokenWithIdToken"
	SecurityTokensOperationID = "CreateTemporaryAccessKeyByToken"
	PodIdentityOperationID    = "PodIdentityCredentials"
)

// PodIdentityPath is the path of the CCE pod identity endpoint: a client's
// HC_CONTAINER_CREDENTIALS_FULL_URI is the fake's URL followed by it.
const PodIdentityPath = "/v1/pod-identity/credentials"

// The other platform paths, as the vendor SDK and the services' pages spell them.
const (
	metadataTokenPath  = "/meta-data/latest/api/token"
	metadataKeysPath   = "/openstack/latest/securitykey"
	oidcExchangePath   = "/v3.0/OS-AUTH/id-token/tokens"
	securityTokensPath = "/v3.0/OS-CREDENTIAL/securitytokens"
)

// isPlatformPath reports whether path is one of the platform services', served or not: the
// record stage keeps no header value of such a request, whatever happens to it next.
func isPlatformPath(path string) bool {
	switch path {
	case metadataTokenPath, metadataKeysPath, oidcExchangePath, securityTokensPath, PodIdentityPath:
		return true
	}
	return false
}

// on reports whether any platform service is served.
func (p PlatformOptions) on() bool {
	return p.Metadata || len(p.IdentityProviders) > 0 || len(p.PodIdentityTokens) > 0
}

// normalized checks p and returns a copy that shares nothing with the caller.
func (p PlatformOptions) normalized() (PlatformOptions, error) {
	if p.MetadataMode&MetadataRequireToken != 0 && p.MetadataMode&MetadataNoTokenService != 0 {
		return p, fmt.Errorf("fake: Platform.MetadataMode: MetadataRequireToken and MetadataNoTokenService exclude each other")
	}
	if p.MetadataMode >= MetadataNoAgency<<1 {
		return p, fmt.Errorf("fake: Platform.MetadataMode %#x has unknown bits", uint8(p.MetadataMode))
	}
	if p.KeyLifetime < 0 || p.KeyRotateBefore < 0 {
		return p, fmt.Errorf("fake: Platform.KeyLifetime and Platform.KeyRotateBefore must not be negative")
	}
	p.KeyLifetime = orDefault(p.KeyLifetime, DefaultKeyLifetime)
	p.KeyRotateBefore = orDefault(p.KeyRotateBefore, DefaultKeyRotateBefore)
	if p.KeyRotateBefore >= p.KeyLifetime {
		return p, fmt.Errorf("fake: Platform.KeyRotateBefore (%s) must be less than Platform.KeyLifetime (%s)", p.KeyRotateBefore, p.KeyLifetime)
	}
	var err error
	if p.IdentityProviders, err = nonEmptyCopy("Platform.IdentityProviders", p.IdentityProviders); err != nil {
		return p, err
	}
	if p.RejectedIDTokens, err = nonEmptyCopy("Platform.RejectedIDTokens", p.RejectedIDTokens); err != nil {
		return p, err
	}
	if p.PodIdentityTokens, err = nonEmptyCopy("Platform.PodIdentityTokens", p.PodIdentityTokens); err != nil {
		return p, err
	}
	return p, nil
}

// nonEmptyCopy copies values, refusing an empty one: it would match a missing header or field.
func nonEmptyCopy(field string, values []string) ([]string, error) {
	out := make([]string, 0, len(values))
	for _, v := range values {
		if v == "" {
			return nil, fmt.Errorf("fake: %s must not hold an empty value", field)
		}
		out = append(out, v)
	}
	return out, nil
}

// platform is the state of the platform services.
// The keys it issues live in the Server's keyStore, which the authenticator reads.
type platform struct {
	opts     PlatformOptions
	metadata *metadataService
	oidc     *oidcService
	down     [numPlatformServices]atomic.Bool
}

func newPlatform(opts PlatformOptions) *platform {
	return &platform{opts: opts, metadata: newMetadataService(), oidc: newOIDCService()}
}

// isDown reports whether SetOutage took service down.
func (p *platform) isDown(service PlatformService) bool { return p.down[service].Load() }

// SetOutage takes a platform service down (every request to it is answered 503, without
// Retry-After) or brings it back. Taking IAM down also fails the project lookup. It panics on a
// service that does not exist, so that a typo cannot make a test pass without an outage.
func (s *Server) SetOutage(service PlatformService, down bool) {
	if service < 0 || service >= numPlatformServices {
		panic(fmt.Sprintf("fake: SetOutage: no platform service %v", service))
	}
	s.platform.down[service].Store(down)
}

// platformRoute is a served platform path: its service, operation id and handler.
type platformRoute struct {
	service     PlatformService
	operationID string
	handle      func(w http.ResponseWriter, r *http.Request)
}

// route finds the served platform path of r, if it is one; the path of a service that is off
// goes on to the DLI stages, which answer it 404 like any unknown path.
func (s *Server) platformRoute(path string) (platformRoute, bool) {
	o := s.platform.opts
	switch {
	case o.Metadata && path == metadataTokenPath:
		return platformRoute{Metadata, MetadataTokenOperationID, s.serveMetadataToken}, true
	case o.Metadata && path == metadataKeysPath:
		return platformRoute{Metadata, MetadataKeysOperationID, s.serveMetadataKeys}, true
	case len(o.IdentityProviders) > 0 && path == oidcExchangePath:
		return platformRoute{IAM, OIDCExchangeOperationID, s.serveOIDCExchange}, true
	case len(o.IdentityProviders) > 0 && path == securityTokensPath:
		return platformRoute{IAM, SecurityTokensOperationID, s.serveSecurityTokens}, true
	case len(o.PodIdentityTokens) > 0 && path == PodIdentityPath:
		return platformRoute{PodIdentity, PodIdentityOperationID, s.servePodIdentity}, true
	}
	return platformRoute{}, false
}

// platformStage answers the platform services' requests and passes everything else on. A
// request is recorded under its operation id; it counts in Calls unless its service was down.
// The services judge their own credentials (session tokens, id tokens, IAM tokens, pod
// tokens), so the gateway's authentication, faults and body budget do not apply to them.
func (s *Server) platformStage(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		route, ok := s.platformRoute(r.URL.Path)
		if !ok {
			next.ServeHTTP(w, r)
			return
		}
		s.obs.setOperation(infoFrom(r.Context()).rec, route.operationID)
		if s.platform.isDown(route.service) {
			writeOutage(w, route.service)
			return
		}
		s.obs.called(route.operationID)
		route.handle(w, r)
	})
}

// writeOutage is the 503 of a service taken down by SetOutage: IAM's in Keystone's error body,
// the metadata service's and pod identity's in plain text.
func writeOutage(w http.ResponseWriter, service PlatformService) {
	if service == IAM {
		writeIAMError(w, http.StatusServiceUnavailable, "Service Unavailable", "The service is unavailable.")
		return
	}
	writePlainError(w, http.StatusServiceUnavailable, "Service Unavailable")
}

// writePlainError answers with a plain-text body, as the metadata service and pod identity do.
func writePlainError(w http.ResponseWriter, status int, text string) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(status)
	_, _ = w.Write([]byte(text + "\n"))
}

// allowOnly answers 405 unless r uses method; it reports whether r may go on.
func allowOnly(w http.ResponseWriter, r *http.Request, method string, writeErr func(http.ResponseWriter, int, string)) bool {
	if r.Method == method {
		return true
	}
	w.Header().Set("Allow", method)
	writeErr(w, http.StatusMethodNotAllowed, "only "+method+" is served on "+r.URL.Path)
	return false
}
