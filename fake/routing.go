package fake

import (
	"net/http"
)

// routeMatch is the spec operation a request matched, kept for the validator.
type routeMatch struct {
	op         *specOp
	pathParams map[string]string
}

// routingStage finds the spec operation of the request, so that faults can target it and the
// validator can check it, and answers an unknown route the way the API gateway does: 404
// APIGW.0101 with the DLI error body. It reads nothing of the body: that is the body stage's
// job, after authentication.
func (s *Server) routingStage(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		op, params, pathKnown := s.spec.route(r.Method, r.URL.EscapedPath())
		if op == nil {
			msg := "The API does not exist or has not been published in the environment."
			if pathKnown {
				msg = "The API does not exist: method " + r.Method + " is not defined for this path."
			}
			s.answerUnread(w, r, func(w http.ResponseWriter) { writeError(w, http.StatusNotFound, codeNoAPI, msg) })
			return
		}
		info := infoFrom(r.Context())
		info.route = &routeMatch{op: op, pathParams: params}
		s.obs.setOperation(info.rec, op.id)
		info.operationID = op.id
		next.ServeHTTP(w, r)
	})
}
