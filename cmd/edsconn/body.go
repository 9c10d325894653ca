package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
)

// buildBody assembles the request body: the JSON of --body or --file, if any, then the body
// flags, which override its scalar fields and add to its arrays. It refuses what would send
// something else than what was meant: a field the body does not have, a required field missing,
// a required array left empty without --clear (UpdateEnhancedConnection sends the whole host
// list: an empty one removes every host), and nothing at all.
func (o *opFlags) buildBody(op *operation, stdin io.Reader) ([]byte, error) {
	body := map[string]any{}
	given := false
	switch {
	case o.bodyJSON != "" && o.bodyFile != "":
		return nil, usageError(errors.New("--body and --file both give the whole body: use one"))
	case o.bodyJSON != "":
		if err := decodeObject(strings.NewReader(o.bodyJSON), &body, "--body"); err != nil {
			return nil, err
		}
		given = true
	case o.bodyFile != "":
		r, name := stdin, "--file -"
		if o.bodyFile != "-" {
			f, err := os.Open(o.bodyFile)
			if err != nil {
				return nil, usageError(fmt.Errorf("--file: %w", err))
			}
			defer f.Close()
			r, name = f, "--file "+o.bodyFile
		}
		if err := decodeObject(r, &body, name); err != nil {
			return nil, err
		}
		given = true
	}
	for key := range body {
		if _, ok := op.body.prop(key); !ok {
			return nil, usageError(fmt.Errorf("the body has no field %q; %s takes %s", key, op.id, propNames(op.body)))
		}
	}
	for _, f := range o.body {
		if !f.set {
			continue
		}
		given = true
		if f.schema.typ != "array" {
			body[f.field] = f.value
			continue
		}
		var have []any
		if v, ok := body[f.field]; ok && v != nil {
			if have, ok = v.([]any); !ok {
				return nil, usageError(fmt.Errorf("the body's %s is not an array, so --%s cannot add to it", f.field, f.flag))
			}
		}
		body[f.field] = append(have, f.value.([]any)...)
	}
	for _, p := range o.clearable {
		list, _ := body[p.name].([]any)
		switch {
		case o.clear && len(list) > 0:
			return nil, usageError(fmt.Errorf("--clear sends %s empty, but %s were given too: drop one or the other", p.name, p.name))
		case o.clear:
			body[p.name] = []any{}
		case len(list) == 0:
			return nil, usageError(fmt.Errorf("no %s given: %s replaces all %s with those given, so this would remove every one; give %s, or pass --clear to remove them all",
				p.name, op.id, p.name, o.mention(p.name)))
		}
	}
	for _, p := range op.body.props {
		if _, ok := body[p.name]; p.required && !ok {
			return nil, usageError(fmt.Errorf("missing %s: give %s, or %q in --body", p.name, o.mention(p.name), p.name))
		}
	}
	if !given && !o.clear {
		if op.bodyRequired {
			return nil, usageError(fmt.Errorf("nothing to send: give %s", o.bodyFlagList()))
		}
		return nil, nil
	}
	return json.Marshal(body)
}

// decodeObject reads one JSON object, its numbers kept exact, and nothing after it.
func decodeObject(r io.Reader, into *map[string]any, what string) error {
	dec := json.NewDecoder(r)
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return usageError(fmt.Errorf("%s: not JSON: %w", what, err))
	}
	obj, ok := v.(map[string]any)
	if !ok {
		return usageError(fmt.Errorf("%s: the body must be a JSON object", what))
	}
	if dec.More() {
		return usageError(fmt.Errorf("%s: unexpected data after the JSON object", what))
	}
	if _, err := dec.Token(); err != io.EOF {
		return usageError(fmt.Errorf("%s: unexpected data after the JSON object", what))
	}
	*into = obj
	return nil
}

// mention names the flag of a body property with its aliases: --hosts or --host.
func (o *opFlags) mention(field string) string {
	for i, f := range o.body {
		if f.field != field {
			continue
		}
		d := o.docs[groupBody][i]
		if len(d.aliases) == 0 {
			return "--" + f.flag
		}
		names := make([]string, len(d.aliases))
		for j, a := range d.aliases {
			names[j] = "--" + strings.Fields(a)[0]
		}
		return "--" + f.flag + " or " + strings.Join(names, " or ")
	}
	return "--body"
}

// bodyFlagList names the ways to give a body, for an error.
func (o *opFlags) bodyFlagList() string {
	var names []string
	for _, f := range o.body {
		names = append(names, "--"+f.flag)
	}
	names = append(names, "--body", "--file")
	return strings.Join(names[:len(names)-1], ", ") + " or " + names[len(names)-1]
}

func propNames(s *schema) string {
	names := make([]string, len(s.props))
	for i, p := range s.props {
		names[i] = p.name
	}
	return strings.Join(names, ", ")
}

// queryValues are the query parameters given, by their spec names.
func (o *opFlags) queryValues() map[string]any {
	q := map[string]any{}
	for _, f := range o.query {
		if f.set {
			q[f.field] = f.value
		}
	}
	return q
}

// jsonBytes is v as indented JSON.
func jsonBytes(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}
