package fake

import (
	"bytes"
	"io"
	"net/http"

	"github.com/getkin/kin-openapi/routers"
)

// routeMatch is the spec operation a request matched, kept for the validator.
type routeMatch struct {
	route      *routers.Route
	pathParams map[string]string
}

// routeStage finds the spec operation of the request, so that faults can target it and the
// validator can check it, and answers an unknown route the way the API gateway does: 404
// APIGW.0101 with the DLI error body. It also reads the body once, up to the gateway's limit,
// and makes it replayable, because the signature check and the validator both read it.
func (s *Server) routeStage(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		route, params, err := s.validator.router.FindRoute(r)
		if err != nil {
			msg := "The API does not exist or has not been published in the environment."
			if err == routers.ErrMethodNotAllowed {
				msg = "The API does not exist: method " + r.Method + " is not defined for this path."
			}
			writeError(w, http.StatusNotFound, codeNoAPI, msg)
			return
		}
		info := infoFrom(r.Context())
		info.operationID = route.Operation.OperationID
		info.route = &routeMatch{route: route, pathParams: params}

		if r.Body != nil && r.Body != http.NoBody {
			body, err := io.ReadAll(io.LimitReader(r.Body, maxBodyBytes+1))
			_ = r.Body.Close()
			switch {
			case err != nil:
				writeError(w, http.StatusBadRequest, codeParameter, "body: cannot read the request body.")
				return
			case len(body) > maxBodyBytes:
				writeError(w, http.StatusRequestEntityTooLarge, codeTooLarge, "Request entity too large.")
				return
			}
			info.body = body
			r.ContentLength = int64(len(body))
			r.GetBody = func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(body)), nil }
			r.Body, _ = r.GetBody()
		}
		next.ServeHTTP(w, r)
	})
}
