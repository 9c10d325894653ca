package fake

import (
	"net/http"
	"time"

	"github.com/getkin/kin-openapi/routers"
)

// routeMatch is the spec operation a request matched, kept for the validator.
type routeMatch struct {
	route      *routers.Route
	pathParams map[string]string
}

// routingStage finds the spec operation of the request, so that faults can target it and the
// validator can check it, and answers an unknown route the way the API gateway does: 404
// APIGW.0101 with the DLI error body. It reads nothing of the body: that is the body stage's
// job, after authentication.
func (s *Server) routingStage(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		route, params, err := s.validator.router.FindRoute(r)
		if err != nil {
			msg := "The API does not exist or has not been published in the environment."
			if err == routers.ErrMethodNotAllowed {
				msg = "The API does not exist: method " + r.Method + " is not defined for this path."
			}
			s.refuseUnread(w, r)
			writeError(w, http.StatusNotFound, codeNoAPI, msg)
			return
		}
		info := infoFrom(r.Context())
		info.route = &routeMatch{route: route, pathParams: params}
		s.obs.setOperation(info.rec, route.Operation.OperationID)
		info.operationID = route.Operation.OperationID
		next.ServeHTTP(w, r)
	})
}

// refuseUnread prepares an answer given before the body stage has read the body, so that the
// answer goes out at once: the connection is marked to close after it (otherwise net/http would
// read, before sending the answer, a body that may never come or be megabytes long), and the
// discarding of what is left of the body that net/http does after the answer, to close
// cleanly, is bounded by ReadBodyTimeout.
func (s *Server) refuseUnread(w http.ResponseWriter, r *http.Request) {
	if !hasBody(r) {
		return
	}
	w.Header().Set("Connection", "close")
	_ = http.NewResponseController(w).SetReadDeadline(time.Now().Add(s.opts.ReadBodyTimeout))
}

// hasBody reports whether r comes with a body, announced by Content-Length or chunked.
func hasBody(r *http.Request) bool { return r.Body != nil && r.Body != http.NoBody }
