package fake

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/gorillamux"

	enhancedconnections "github.com/dli-openapi/enhanced-connections"
)

// validator checks requests against the spec before any operation runs.
type validator struct {
	router     routers.Router
	options    *openapi3filter.Options
	operations map[string]bool // operationIds of the spec
}

// sharedValidator is the validator of every Server in the process. Loading and checking the
// spec takes tens of milliseconds, which tests that start a Server each paid again and again;
// the document, router and options are only read once built, as one Server's many goroutines
// already do.
var sharedValidator = sync.OnceValues(newValidator)

// newValidator loads a private copy of the spec: the shared document of
// enhancedconnections.Load must not be changed, and the router needs servers that match any
// host (the fake listens on 127.0.0.1, not on dli.<region>.myhuaweicloud.com).
func newValidator() (*validator, error) {
	doc, err := openapi3.NewLoader().LoadFromData(enhancedconnections.Spec())
	if err != nil {
		return nil, fmt.Errorf("fake: load spec: %w", err)
	}
	if err := doc.Validate(context.Background()); err != nil {
		return nil, fmt.Errorf("fake: validate spec: %w", err)
	}
	doc.Servers = openapi3.Servers{{URL: "/"}}
	router, err := gorillamux.NewRouter(doc)
	if err != nil {
		return nil, fmt.Errorf("fake: route spec: %w", err)
	}
	ops := make(map[string]bool)
	for _, item := range doc.Paths.Map() {
		for _, op := range item.Operations() {
			ops[op.OperationID] = true
		}
	}
	return &validator{
		router: router,
		options: &openapi3filter.Options{
			// Authentication is the auth stage's job; the spec's security schemes only say
			// which headers carry it.
			AuthenticationFunc: openapi3filter.NoopAuthenticationFunc,
			SchemaValidationOptions: []openapi3.SchemaValidationOption{
				// Per call, not openapi3.DefineIPv4Format(), which would change every user of
				// kin-openapi in the process.
				openapi3.WithStringFormatValidator("ipv4", openapi3.NewIPValidator(true)),
				// Without it one error on a 20,000-host body embeds the schema and the value
				// (megabytes); the answer names the field instead.
				openapi3.DisableSchemaErrorDetails(),
			},
		},
		operations: ops,
	}, nil
}

// validateStage refuses a request the spec does not allow with 400 DLI.0001 and a message
// "<field>: <reason>", before the generated router decodes it.
func (s *Server) validateStage(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		m := infoFrom(r.Context()).route
		if m == nil { // not behind routingStage: nothing to validate against
			next.ServeHTTP(w, r)
			return
		}
		err := openapi3filter.ValidateRequest(r.Context(), &openapi3filter.RequestValidationInput{
			Request:    r,
			PathParams: m.pathParams,
			Route:      m.route,
			Options:    s.validator.options,
		})
		if err != nil {
			field, reason := describeRequestError(err)
			writeError(w, http.StatusBadRequest, codeParameter, field+": "+reason)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// describeRequestError turns a kin-openapi validation error into the name of the offending
// field (a parameter name, or a JSON pointer into the body such as "hosts/3/ip") and a short
// reason that never quotes the value.
func describeRequestError(err error) (field, reason string) {
	var me openapi3.MultiError
	if errors.As(err, &me) && len(me) > 0 {
		err = me[0]
	}
	var re *openapi3filter.RequestError
	if !errors.As(err, &re) {
		return "request", firstLine(err.Error())
	}
	var se *openapi3.SchemaError
	hasSchemaErr := errors.As(re.Err, &se)
	switch {
	case re.Parameter != nil:
		field = re.Parameter.Name
		switch {
		case hasSchemaErr:
			reason = schemaReason(se)
		default:
			var pe *openapi3filter.ParseError
			if errors.As(re.Err, &pe) {
				reason = pe.Reason
				if reason == "" && pe.RootCause() != nil {
					reason = pe.RootCause().Error()
				}
			}
		}
	case re.RequestBody != nil:
		field = "body"
		if hasSchemaErr {
			if p := se.JSONPointer(); len(p) > 0 {
				field = strings.Join(p, "/")
			}
			reason = schemaReason(se)
		} else if strings.Contains(re.Reason, "Content-Type") {
			field = "Content-Type"
		}
	default:
		field = "request"
	}
	if reason == "" {
		reason = re.Reason
	}
	if reason == "" && re.Err != nil {
		reason = re.Err.Error()
	}
	return field, firstLine(reason)
}

// schemaReason is the reason of a schema error, which kin-openapi words without the value.
// Long patterns (the cidr one is 200 characters) are left out to keep the answer readable.
func schemaReason(se *openapi3.SchemaError) string {
	switch {
	case se.SchemaField == "pattern" && se.Schema != nil && len(se.Schema.Pattern) > maxQuotedPattern:
		return "string doesn't match the pattern the spec gives for this field"
	case se.SchemaField == "not":
		return "the value is one the spec forbids"
	case se.Reason != "":
		return se.Reason
	}
	return fmt.Sprintf("does not match the schema (%s)", se.SchemaField)
}

// maxQuotedPattern is the longest pattern quoted in an error message.
const maxQuotedPattern = 40

func firstLine(s string) string {
	line, _, _ := strings.Cut(s, "\n")
	return line
}
