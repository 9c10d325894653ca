package enhancedconnections

// gen/ is generated from the spec and never edited by hand; CI regenerates it and fails on any
// difference.
//go:generate go tool oapi-codegen -config oapi-codegen.yaml spec/enhanced-connections.yaml
