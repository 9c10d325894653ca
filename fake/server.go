package fake

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"sync/atomic"

	"github.com/dli-openapi/enhanced-connections/gen"
)

// Server is the emulated DLI service: an http.Handler that serves the whole enhanced
// connection API from memory. Create it with New; serve it with Start, or mount it anywhere
// (httptest.NewServer(srv) works too, except that Fault.Drop needs a connection to hijack).
// Its methods may be called from any goroutine.
type Server struct {
	opts     Options
	store    *store
	spec     *specOps
	auth     *authenticator
	faults   *faultInjector
	obs      *observer
	bodies   *bodyBudget
	grants   *createGrants
	keys     *keyStore
	platform *platform
	clock    gatewayClock
	handler  http.Handler

	// regionSubprojects is set when Options.Projects was nil: IAM then also lists a project
	// named <region>_<suffix> of a known region, as OTC names its subprojects.
	regionSubprojects bool

	// bodyBytesRead counts the request body bytes the body stage read, so tests can prove that
	// a refused request cost none.
	bodyBytesRead atomic.Int64
}

var _ http.Handler = (*Server)(nil)

// New builds a Server. It fails only on invalid options or a spec that does not load.
func New(opts Options) (*Server, error) {
	regionSubprojects := opts.Projects == nil
	opts, err := opts.normalized()
	if err != nil {
		return nil, err
	}
	spec, err := sharedSpecOps()
	if err != nil {
		return nil, err
	}
	keys := newKeyStore(opts.Now, opts.Platform.KeyLifetime, opts.Platform.KeyRotateBefore)
	clock := gatewayClock{offset: opts.Platform.GatewayClockOffset}
	s := &Server{
		opts:              opts,
		store:             newStore(opts.Now, opts.ActivationDelay),
		spec:              spec,
		auth:              newAuthenticator(opts.Credentials, opts.Tokens, opts.Platform.on(), keys, clock),
		faults:            newFaultInjector(opts.ErrorRate, opts.Latency, opts.Seed),
		obs:               newObserver(opts.Now),
		bodies:            newBodyBudget(opts.MaxBodyBytesInFlight),
		grants:            newCreateGrants(),
		keys:              keys,
		platform:          newPlatform(opts.Platform),
		clock:             clock,
		regionSubprojects: regionSubprojects,
	}
	ops := &operations{store: s.store, refuseDeleteWhileCreating: opts.RefuseDeleteWhileCreating}
	strict := gen.NewStrictHandlerWithOptions(ops, []gen.StrictMiddlewareFunc{s.grantOnCreate, s.countCalls}, gen.StrictHTTPServerOptions{
		// Both are unreachable behind the validator; they keep the answers in the DLI shape.
		RequestErrorHandlerFunc: func(w http.ResponseWriter, _ *http.Request, _ error) {
			writeError(w, http.StatusBadRequest, codeParameter, "body: cannot decode the JSON body.")
		},
		ResponseErrorHandlerFunc: func(w http.ResponseWriter, _ *http.Request, _ error) {
			writeError(w, http.StatusInternalServerError, codeServer, "Internal service error.")
		},
	})
	api := gen.HandlerWithOptions(strict, gen.StdHTTPServerOptions{
		BaseRouter: http.NewServeMux(),
		ErrorHandlerFunc: func(w http.ResponseWriter, _ *http.Request, err error) {
			writeError(w, http.StatusBadRequest, codeParameter, paramErrorMessage(err))
		},
	})
	s.handler = s.recordStage(s.platformStage(s.iamStage(s.routingStage(s.faultStage(s.authStage(s.bodyStage(s.signatureStage(s.validateStage(api)))))))))
	return s, nil
}

// ServeHTTP answers one request; see the package documentation for the stages it goes through.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.handler.ServeHTTP(w, r) }

// FailPeering makes every peering of the queue or elastic resource pool name that is created
// from now on end FAILED with errMsg (after Options.ActivationDelay), so tests can exercise a
// client's handling of a failed binding. An empty errMsg makes later peerings succeed again.
func (s *Server) FailPeering(name, errMsg string) { s.store.failPeering(name, errMsg) }

// GrantPrivilege records that projectID may bind its queues to the connection, as a
// RunAuthorizationAction grant of BIND_QUEUE does, without a request; ShowEnhancedConnectionPrivilege
// then lists it and the connection's isPrivis turns false. It fails for an unknown or deleted
// connection.
func (s *Server) GrantPrivilege(connID, projectID string) error {
	if projectID == "" {
		return fmt.Errorf("fake: GrantPrivilege needs a project id")
	}
	if !s.store.grant(connID, projectID) {
		return fmt.Errorf("fake: connection %s does not exist", connID)
	}
	return nil
}

// Operations returns the operationIds of the spec, sorted: the names InjectFaults takes.
func (s *Server) Operations() []string {
	ops := make([]string, 0, len(s.spec.operations))
	for op := range s.spec.operations {
		ops = append(ops, op)
	}
	slices.Sort(ops)
	return ops
}

// Connections returns how many connections of projectID are not deleted.
func (s *Server) Connections(projectID string) int { return s.store.liveCount(projectID) }

// countCalls is the strict-server middleware behind Calls: it runs only for requests that got
// past routing, faults, authentication and validation, i.e. that reached the operation.
func (s *Server) countCalls(f gen.StrictHandlerFunc, operationID string) gen.StrictHandlerFunc {
	return func(ctx context.Context, w http.ResponseWriter, r *http.Request, request any) (any, error) {
		s.obs.called(operationID)
		return f(ctx, w, r, request)
	}
}

// paramErrorMessage names the parameter that the generated router could not bind. The validator
// refuses such requests first, so this is a safety net.
func paramErrorMessage(err error) string {
	var (
		invalid  *gen.InvalidParamFormatError
		required *gen.RequiredParamError
		many     *gen.TooManyValuesForParamError
	)
	switch {
	case errors.As(err, &invalid):
		return invalid.ParamName + ": invalid format."
	case errors.As(err, &required):
		return required.ParamName + ": is required."
	case errors.As(err, &many):
		return many.ParamName + ": expected one value."
	}
	msg, _, _ := strings.Cut(err.Error(), "\n")
	return "request: " + msg
}
