package main

import (
	"fmt"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
)

// emitGenDoc writes gen/doc.go, the package comment of gen, which oapi-codegen's own ("provides
// primitives to interact with the openapi HTTP API") leaves empty of what a caller needs: that
// the calls go through package wrapper, and what the XProjectID field of every XxxParams is,
// in the words of the spec's X-Project-Id parameter.
func emitGenDoc(doc *openapi3.T) ([]byte, error) {
	p := doc.Components.Parameters["XProjectId"]
	if p == nil || p.Value == nil || p.Value.Description == "" {
		return nil, fmt.Errorf("gen/doc.go: the spec has no described components/parameters/XProjectId: say there what the header is for")
	}
	var e emitter
	e.b.WriteString(header)
	e.p("")
	comment := fmt.Sprintf(`Package gen holds the types oapi-codegen generates from the spec, %s %s: the
request and answer models (CreateEnhancedConnectionRequest, Host, EnhancedConnection,
ShowEnhancedConnectionResponse, ...), their constants (ConnectionActive, PeerFailed, ...),
a raw Client and the strict server interface that the fake DLI implements.

Call the API through package wrapper, which takes and returns these models: it signs each
request (AK/SK) or sends the IAM token, fills in the project id, checks the request against the
spec before sending, retries only where that is safe, and returns typed errors. This package's
Client does none of that.

XProjectID, a field of most XxxParams, is the X-Project-Id header: %s
Leave it nil: wrapper sends its own project id (Config.ProjectID, or the one it looked up in
IAM) in that header on every call; a value set here is only checked against the spec.`,
		doc.Info.Title, doc.Info.Version, lowerFirst(strings.TrimSpace(p.Value.Description)))
	e.comment("", comment)
	e.p("package gen")
	return e.source(), nil
}
