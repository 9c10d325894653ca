package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
)

// request is one invocation of an operation command, assembled from its arguments and flags:
// what the generated call of the operation decodes into the wrapper's typed arguments.
type request struct {
	args []string
	// query holds the query parameters given, by their spec names.
	query map[string]any
	// body is the request body as JSON, nil when the operation has none.
	body []byte
}

// arg is the i-th positional argument, a path parameter.
func (r *request) arg(i int) string { return r.args[i] }

// decodeQuery fills gen's XxxParams from the query parameters given (its JSON names are the
// spec's names); a parameter not given stays nil and is not sent.
func (r *request) decodeQuery(dst any) error {
	data, err := json.Marshal(r.query)
	if err != nil {
		return err
	}
	return strictDecode(data, dst, "query")
}

// decodeBody fills the gen body type from the JSON body. A field the type does not have is an
// error: dropping it silently would send something else than what was asked for.
func (r *request) decodeBody(dst any) error {
	if r.body == nil {
		return nil // an optional body not given: the zero value
	}
	return strictDecode(r.body, dst, "body")
}

func strictDecode(data []byte, dst any, what string) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(dst); err != nil {
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) {
			field := te.Field
			if field == "" {
				field = "(the whole value)"
			}
			return usageError(fmt.Errorf("%s field %s: a JSON %s does not fit: want %s", what, field, te.Value, jsonKind(te.Type.Kind().String())))
		}
		return usageError(fmt.Errorf("%s: %w", what, err))
	}
	return nil
}

// jsonKind names a Go kind the way a JSON author thinks of it.
func jsonKind(kind string) string {
	switch kind {
	case "slice", "array":
		return "an array"
	case "struct", "map":
		return "an object"
	case "string":
		return "a string"
	case "bool":
		return "true or false"
	case "int", "int8", "int16", "int32", "int64", "uint", "uint8", "uint16", "uint32", "uint64":
		return "an integer"
	case "float32", "float64":
		return "a number"
	}
	return kind
}
