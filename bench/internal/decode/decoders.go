// Package decode is the decoder study: the documented list and show answers decoded into the
// generated types by encoding/json and by third-party JSON libraries, and edge cases on which
// such libraries are known to part from encoding/json (cases.go, compare.go). The benchmarks
// are BenchmarkDecode in the bench package; cmd/agreement prints the agreement table.
package decode

import (
	"encoding/json"

	"github.com/bytedance/sonic"
	gojson "github.com/goccy/go-json"
	jsoniter "github.com/json-iterator/go"
	segjson "github.com/segmentio/encoding/json"

	"github.com/dli-openapi/enhanced-connections/gen"
	"github.com/dli-openapi/enhanced-connections/internal/answers"
)

// Decoder decodes the two answers the study covers. A generic library fills both from one
// Unmarshal (Generic); a decoder generated for these types may give one function for each.
type Decoder struct {
	// Name is the benchmark key lib=<Name>: no slash, no space.
	Name string
	// What says which module and which entry point, for the tables.
	What string
	List func(data []byte, v *gen.ListEnhancedConnectionsResponse) error
	Show func(data []byte, v *gen.ShowEnhancedConnectionResponse) error
}

// Generic is a Decoder that calls unmarshal for both answers.
func Generic(name, what string, unmarshal func(data []byte, v any) error) Decoder {
	return Decoder{
		Name: name,
		What: what,
		List: func(data []byte, v *gen.ListEnhancedConnectionsResponse) error { return unmarshal(data, v) },
		Show: func(data []byte, v *gen.ShowEnhancedConnectionResponse) error { return unmarshal(data, v) },
	}
}

// Reference is the decoder every other one is compared with.
const Reference = "encoding-json"

// All is every decoder of the study, the reference first. The versions are those of this
// module's go.mod (json-iterator is the version the vendor SDK requires).
func All() []Decoder {
	return []Decoder{
		Generic(Reference, "encoding/json Unmarshal (Go standard library)", json.Unmarshal),
		Generic("goccy", "github.com/goccy/go-json v0.12.0 Unmarshal", gojson.Unmarshal),
		Generic("sonic", "github.com/bytedance/sonic v1.15.5 Unmarshal (ConfigDefault)", sonic.Unmarshal),
		Generic("sonic-std", "github.com/bytedance/sonic v1.15.5 ConfigStd.Unmarshal", sonic.ConfigStd.Unmarshal),
		Generic("jsoniter", "github.com/json-iterator/go v1.1.13-0.20220915233716 Unmarshal (ConfigDefault, as the vendor SDK decodes)", jsoniter.Unmarshal),
		Generic("jsoniter-std", "github.com/json-iterator/go v1.1.13-0.20220915233716 ConfigCompatibleWithStandardLibrary.Unmarshal", jsoniter.ConfigCompatibleWithStandardLibrary.Unmarshal),
		Generic("segmentio", "github.com/segmentio/encoding v0.5.4 json.Unmarshal", segjson.Unmarshal),
		{Name: "ours", What: "internal/answers, generated from the spec by internal/cmd/genwrapper on internal/jsondec (what wrapper.Client decodes with)",
			List: answers.DecodeListEnhancedConnectionsResponse, Show: answers.DecodeShowEnhancedConnectionResponse},
	}
}
