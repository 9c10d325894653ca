// Package specrules is what programs need of the spec at run time, written as Go by
// internal/cmd/genrules (rules.gen.go, never edited): the request rules of every operation and
// the servers (Rules), and info.version (InfoVersion). The wrapper validates requests and
// resolves regions with them, the fake routes and validates requests with them, and the CLI
// prints the version; none of them links an OpenAPI, YAML or JSON Schema library, or parses
// anything when it starts.
package specrules
