package jsondectest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"reflect"
	"strconv"
)

// node is a JSON value with its object members in document order, duplicates kept: what a
// decoder sees, where map[string]any would keep only the last of duplicate keys.
type node struct {
	kind byte // '{', '[', 'n' (null) or 'v' (any other literal)
	keys []string
	vals []*node
}

// parseTree reads valid JSON into a node, through encoding/json's tokenizer, so that keys are
// unescaped as encoding/json unescapes them.
func parseTree(data []byte) (*node, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	n, err := parseNode(dec)
	if err != nil {
		return nil, err
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, fmt.Errorf("jsondectest: data after the value: %v", err)
	}
	return n, nil
}

func parseNode(dec *json.Decoder) (*node, error) {
	tok, err := dec.Token()
	if err != nil {
		return nil, err
	}
	switch tok {
	case json.Delim('{'):
		n := &node{kind: '{'}
		for dec.More() {
			k, err := dec.Token()
			if err != nil {
				return nil, err
			}
			v, err := parseNode(dec)
			if err != nil {
				return nil, err
			}
			n.keys = append(n.keys, k.(string))
			n.vals = append(n.vals, v)
		}
		_, err := dec.Token()
		return n, err
	case json.Delim('['):
		n := &node{kind: '['}
		for dec.More() {
			v, err := parseNode(dec)
			if err != nil {
				return nil, err
			}
			n.vals = append(n.vals, v)
		}
		_, err := dec.Token()
		return n, err
	case nil:
		return &node{kind: 'n'}, nil
	}
	return &node{kind: 'v'}, nil
}

// absences returns the paths ("items[3].id") of the required fields that some object of data,
// decoded as a t, lacks or holds only as null: the MissingFieldErrors a decoder that tracks
// those fields may return. required holds field paths with "[]" for any index ("items[].id").
func absences(t reflect.Type, data []byte, required []string) ([]string, error) {
	tree, err := parseTree(data)
	if err != nil {
		return nil, err
	}
	w := walker{required: map[string]bool{}}
	for _, r := range required {
		w.required[r] = true
	}
	w.walk(t, tree, "", "")
	return w.absent, nil
}

type walker struct {
	required map[string]bool
	absent   []string
}

// walk visits n decoded as a t; pattern is its path with "[]" for indices, path the concrete
// one.
func (w *walker) walk(t reflect.Type, n *node, pattern, path string) {
	switch t.Kind() {
	case reflect.Pointer:
		if n.kind != 'n' {
			w.walk(t.Elem(), n, pattern, path)
		}
	case reflect.Slice, reflect.Array:
		if n.kind != '[' {
			return
		}
		for i, e := range n.vals {
			w.walk(t.Elem(), e, pattern+"[]", path+"["+strconv.Itoa(i)+"]")
		}
	case reflect.Struct:
		if n.kind != '{' {
			return
		}
		fields := jsonFields(t)
		for i := range fields {
			f := &fields[i]
			if !w.required[join(pattern, f.name)] {
				continue
			}
			present := false
			for j, k := range n.keys {
				if resolve(fields, k) == f && n.vals[j].kind != 'n' {
					present = true
				}
			}
			if !present {
				w.absent = append(w.absent, join(path, f.name))
			}
		}
		for j, k := range n.keys {
			if f := resolve(fields, k); f != nil {
				w.walk(f.typ, n.vals[j], join(pattern, f.name), join(path, f.name))
			}
		}
	}
}
