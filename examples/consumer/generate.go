// Package consumer shows how a repository generates Go code from the enhanced-connections spec
// of the version it depends on (go.mod), with its own oapi-codegen configuration and without
// copying the spec: `go list` finds the dependency's directory in the module cache (or, in this
// example only, the replace target; it downloads the module if needed), and oapi-codegen reads
// the spec from there.
package consumer

//go:generate sh -c "go tool oapi-codegen -config oapi-codegen.yaml \"$(go list -f '{{.Module.Dir}}' github.com/dli-openapi/enhanced-connections)/spec/enhanced-connections.yaml\""
