package main

// helperSource holds the helpers that generated code calls only for some shapes of the spec;
// each is written into a generated file only when that file calls it, so that no unused code
// is left in the wrapper (staticcheck flags it) and no shape is left without its helper.
var helperSource = map[string]string{
	"decodeJSONStrings": `// decodeJSONStrings decodes an array of strings with encoding/json's growth and truncation.
func decodeJSONStrings[S ~string](d *jsondec.Decoder, s *[]S) error {
	if ok, err := jsondec.BeginSlice(d, s); !ok {
		return err
	}
	i := 0
	for ; ; i++ {
		more, err := d.NextElem(i == 0)
		if err != nil {
			return err
		}
		if !more {
			break
		}
		if err := jsondec.StringOf(d, jsondec.Elem(s, i)); err != nil {
			return jsondec.InIndex(err, i)
		}
	}
	jsondec.EndSlice(s, i)
	return nil
}
`,
	"appendMarshaled": `// appendMarshaled appends what json.Marshal writes for a value the appenders do not know
// (interface{} and map fields); json.Marshal's output has no trailing newline.
func appendMarshaled(b []byte, v any) []byte {
	out, err := json.Marshal(v)
	if err != nil {
		// Only a value json.Marshal cannot encode (a channel, a NaN) gets here; the validator
		// refuses such values before encoding.
		return append(b, "null"...)
	}
	return append(b, out...)
}
`,
	"appendQueryBool": `// appendQueryBool appends name=true or name=false.
func appendQueryBool(b []byte, name string, value bool) []byte {
	if len(b) > 0 {
		b = append(b, '&')
	}
	b = append(b, name...)
	b = append(b, '=')
	return strconv.AppendBool(b, value)
}
`,
	"decodeJSONPointer": `// decodeJSONPointer decodes a pointer to a struct: null sets nil, anything else decodes into
// the pointed-to value (reused when set), as encoding/json does.
func decodeJSONPointer[T any](d *jsondec.Decoder, p **T, decode func(*jsondec.Decoder, *T) error) error {
	if d.Null() {
		*p = nil
		return nil
	}
	return decode(d, jsondec.Alloc(p))
}
`,
	"decodeNoContent": `// decodeNoContent reads the answer of an operation whose documented success has no body (a
// 204): an empty body is that success; a body that does come must be the JSON object of the
// StatusResponse envelope, so that is_success false still fails the call.
func decodeNoContent(data []byte, out any) error {
	for _, c := range data {
		switch c {
		case ' ', '\t', '\r', '\n':
		default:
			return decodeStatusResponse(data, out)
		}
	}
	return nil
}
`,
	"deref": `// deref returns *p, or the zero value for nil.
func deref[T any](p *T) T {
	var zero T
	if p == nil {
		return zero
	}
	return *p
}
`,
}
