package enhancedconnections

// gen/ is generated from the spec and never edited by hand; CI regenerates it and fails on any
// difference.
//go:generate go tool oapi-codegen -config oapi-codegen.yaml spec/enhanced-connections.yaml

// internal/specrules/rules.gen.go builds the request rules and servers of the spec and holds its
// info.version, so that the wrapper, the fake and the CLI need no OpenAPI parser at run time;
// generated likewise, never edited.
//go:generate go run ./internal/cmd/genrules -o internal/specrules/rules.gen.go

// The per-operation surface of the wrapper (methods, body encoders, answer decoders), the
// CLI's command descriptors and gen's package comment (gen/doc.go) are generated from the spec and from gen/, so it runs after
// oapi-codegen; never edited by hand.
//go:generate go run ./internal/cmd/genwrapper -gen gen/dli.gen.go -o wrapper -cli cmd/edsconn/commands.gen.go -answers internal/answers
