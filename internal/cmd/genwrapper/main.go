// Command genwrapper writes the per-operation surface of package wrapper from the spec and the
// Go types oapi-codegen generated from it (gen/dli.gen.go): one Client method per operationId
// with its documentation, path, parameters, body, success type and retry class
// (operations.gen.go), the request body encoders (encode.gen.go), the answer decoders
// (internal/answers/decode.gen.go, with their differential test decode_gen_test.go) and the answers' envelope
// and required-field checks (answers.gen.go). The hand-written wrapper keeps only what every operation shares.
// It also writes the CLI's command descriptors (cmd/edsconn/commands.gen.go, see emit_cli.go)
// and the package comment of gen (gen/doc.go, see emit_gendoc.go).
//
//	go run ./internal/cmd/genwrapper -gen gen/dli.gen.go -o wrapper -cli cmd/edsconn/commands.gen.go
//
// go generate runs it after oapi-codegen (see generate.go); CI fails if the committed files
// differ from what it writes. A spec construct it does not know (a header parameter, a body
// that is not JSON, a type its encoders cannot write) stops it with a message that says where
// to teach it.
package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"go/format"
	"os"
	"path/filepath"

	"github.com/getkin/kin-openapi/openapi3"

	enhancedconnections "github.com/dli-openapi/enhanced-connections"
)

func main() {
	genFile := flag.String("gen", "gen/dli.gen.go", "the oapi-codegen output to read the Go types from")
	out := flag.String("o", "wrapper", "directory to write the generated files into")
	cli := flag.String("cli", "cmd/edsconn/commands.gen.go", "the CLI's command descriptors to write")
	answersDir := flag.String("answers", "internal/answers", "directory to write the answer decoders into")
	genDoc := flag.String("gendoc", "gen/doc.go", "the package comment of gen to write")
	flag.Parse()
	if flag.NArg() > 0 {
		fmt.Fprintln(os.Stderr, "usage: genwrapper [-gen FILE] [-o DIR] [-cli FILE]")
		os.Exit(2)
	}
	if err := run(*genFile, *out, *cli, *answersDir, *genDoc); err != nil {
		fmt.Fprintln(os.Stderr, "genwrapper:", err)
		os.Exit(1)
	}
}

func run(genFile, outDir, cliFile, answersDir, genDocFile string) error {
	doc, err := enhancedconnections.Load(context.Background())
	if err != nil {
		return err
	}
	g, err := loadGoTypes(genFile)
	if err != nil {
		return err
	}
	ops, err := operations(doc, g)
	if err != nil {
		return err
	}
	for _, op := range ops {
		if op.BodyType == "" {
			continue
		}
		fields, err := g.structFields(op.BodyType)
		if err != nil {
			return err
		}
		for _, f := range fields {
			if f.shape.kind == kSlice && !f.omitEmpty {
				op.requiredBodySlices = append(op.requiredBodySlices, f)
			}
		}
	}
	checks := &requiredChecks{g: g, has: map[string]bool{}}
	for _, op := range ops {
		if op.checked, err = checks.needs(op.SuccessType); err != nil {
			return err
		}
	}
	encoders, err := emitEncoders(ops, g)
	if err != nil {
		return err
	}
	answers, err := emitAnswers(ops, g)
	if err != nil {
		return err
	}
	decoders, decoderTest, err := emitDecoders(ops, g)
	if err != nil {
		return err
	}
	// The CLI orders flags and table columns as the spec does, which only a document loaded with
	// the origin of every element knows (kin-openapi keeps properties in a map).
	withOrigins, err := loadWithOrigins()
	if err != nil {
		return err
	}
	commands, err := emitCLI(withOrigins, ops)
	if err != nil {
		return fmt.Errorf("CLI: %w", err)
	}
	genDoc, err := emitGenDoc(doc)
	if err != nil {
		return err
	}
	for name, src := range map[string][]byte{
		genDocFile: genDoc,
		filepath.Join(outDir, "operations.gen.go"):      emitOperations(ops),
		filepath.Join(outDir, "encode.gen.go"):          encoders,
		filepath.Join(outDir, "answers.gen.go"):         answers,
		filepath.Join(answersDir, "decode.gen.go"):      decoders,
		filepath.Join(answersDir, "decode_gen_test.go"): decoderTest,
		cliFile: commands,
	} {
		if err := writeGo(name, src); err != nil {
			return err
		}
	}
	return nil
}

// loadWithOrigins parses the embedded spec again, recording where each element is written.
// enhancedconnections.Load has validated the same bytes already.
func loadWithOrigins() (*openapi3.T, error) {
	loader := openapi3.NewLoader()
	loader.IncludeOrigin = true
	doc, err := loader.LoadFromData(enhancedconnections.Spec())
	if err != nil {
		return nil, fmt.Errorf("parse the spec with origins: %w", err)
	}
	return doc, nil
}

// writeGo formats src and writes it, leaving an unchanged file untouched.
func writeGo(path string, src []byte) error {
	formatted, err := format.Source(src)
	if err != nil {
		_ = os.WriteFile(path+".broken", src, 0o644)
		return fmt.Errorf("%s: generated code does not parse (written to %s.broken): %w", path, path, err)
	}
	if old, err := os.ReadFile(path); err == nil && bytes.Equal(old, formatted) {
		return nil
	}
	return os.WriteFile(path, formatted, 0o644)
}
