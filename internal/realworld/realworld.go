// Package realworld reads the corpus of testdata/realworld: requests and answers taken from the
// vendor's own material (its SDK's models, its Terraform provider and the providers built on
// it, every example and table of the OTC reference pages, current and historic), each with the
// verdict its source implies. The spec's tests in this module and in the conformance module
// judge every case with a different validator and must agree with every verdict; sharing this
// reader keeps the two from reading the same file differently.
//
// It is test support only: nothing a client links imports it.
package realworld

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// Directions of a case: what part of an exchange it is.
const (
	Request  = "request"  // a request body (with default path parameters)
	Query    = "query"    // the query string of a request
	Path     = "path"     // path parameters of a request
	Response = "response" // an answer body with its status
)

// Values of the path parameters a case does not set: the project and connection of the
// vendor's examples.
const (
	DefaultProjectID    = "48cc2c48765f481480c7db940d6409d1"
	DefaultConnectionID = "2a620c33-5609-40c9-affd-2b6453071b0f"
	DefaultRouteName    = "route"
)

// File is one JSON file of the corpus: the cases taken from one source.
type File struct {
	Name   string `json:"-"` // the file name, e.g. "hwc-terraform-provider.json"
	Source Source `json:"source"`
	Cases  []Case `json:"cases"`
}

// Source says where the cases of a file come from.
type Source struct {
	Repository  string `json:"repository,omitempty"` // owner/name on GitHub
	Commit      string `json:"commit,omitempty"`     // the commit read, unless a case names another
	URL         string `json:"url,omitempty"`        // for material outside a repository
	Copies      string `json:"copies,omitempty"`     // where this module keeps a copy of it
	Description string `json:"description"`
}

// Case is one request or answer with the verdict of its source.
type Case struct {
	Name      string `json:"name"`
	Operation string `json:"operation"` // an operationId of the spec
	Direction string `json:"direction"` // Request, Query, Path or Response
	// Status is the HTTP status of a Response.
	Status int `json:"status,omitempty"`
	// PathParams override the default path parameters, by name.
	PathParams map[string]string `json:"path,omitempty"`
	// RawQuery is the query string of a Query case, as sent (escaped or not).
	RawQuery string `json:"query,omitempty"`
	// Body is the JSON of a Request or Response, with every {"$repeat": v, "count": n}
	// expanded (see Load).
	Body json.RawMessage `json:"body,omitempty"`
	// Valid is the verdict the source implies, or ours when Choice says why.
	Valid  bool   `json:"valid"`
	Choice string `json:"choice,omitempty"`
	Where  Where  `json:"where"`
	Note   string `json:"note,omitempty"`
}

// Where locates a case in its source.
type Where struct {
	Path        string `json:"path"`
	Line        int    `json:"line,omitempty"`
	Section     string `json:"section,omitempty"`
	Commit      string `json:"commit,omitempty"`       // overrides Source.Commit
	FirstCommit string `json:"first_commit,omitempty"` // the first commit that carries the text
	FirstLine   int    `json:"first_line,omitempty"`
}

// Label names the source of f in one short line, e.g.
// "huaweicloud/terraform-provider-huaweicloud@a0345b8".
func (f File) Label() string {
	switch {
	case f.Source.Repository != "" && len(f.Source.Commit) >= 7:
		return f.Source.Repository + "@" + f.Source.Commit[:7]
	case f.Source.URL != "":
		return f.Source.URL
	}
	return f.Name
}

// Load reads every *.json file of dir as a File, sorted by name. A field it does not know, a
// case without name, operation, direction, source location or the fields its direction needs,
// and two cases of one name are errors, so that a mistyped case cannot pass unnoticed.
func Load(dir string) ([]File, error) {
	names, err := filepath.Glob(filepath.Join(dir, "*.json"))
	if err != nil {
		return nil, err
	}
	if len(names) == 0 {
		return nil, fmt.Errorf("realworld: no *.json in %s", dir)
	}
	slices.Sort(names)
	var files []File
	for _, name := range names {
		f, err := loadFile(name)
		if err != nil {
			return nil, fmt.Errorf("realworld: %s: %w", filepath.Base(name), err)
		}
		files = append(files, f)
	}
	return files, nil
}

func loadFile(name string) (File, error) {
	data, err := os.ReadFile(name)
	if err != nil {
		return File{}, err
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var f File
	if err := dec.Decode(&f); err != nil {
		return File{}, err
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return File{}, fmt.Errorf("data after the cases")
	}
	f.Name = filepath.Base(name)
	if f.Source.Description == "" || (f.Source.Repository == "" && f.Source.URL == "") {
		return File{}, fmt.Errorf("source needs a repository or url, and a description")
	}
	if f.Source.Repository != "" && len(f.Source.Commit) != 40 {
		return File{}, fmt.Errorf("source %s needs its full commit id", f.Source.Repository)
	}
	seen := make(map[string]bool)
	for i := range f.Cases {
		c := &f.Cases[i]
		if err := c.check(); err != nil {
			return File{}, fmt.Errorf("case %d (%q): %w", i, c.Name, err)
		}
		if seen[c.Name] {
			return File{}, fmt.Errorf("two cases are named %q", c.Name)
		}
		seen[c.Name] = true
		if len(c.Body) > 0 {
			if c.Body, err = expandJSON(c.Body); err != nil {
				return File{}, fmt.Errorf("case %q: %w", c.Name, err)
			}
		}
	}
	return f, nil
}

func (c *Case) check() error {
	switch {
	case c.Name == "" || c.Operation == "":
		return fmt.Errorf("name and operation are required")
	case c.Where.Path == "":
		return fmt.Errorf("where.path is required: say where the case comes from")
	case c.Where.Commit != "" && len(c.Where.Commit) != 40:
		return fmt.Errorf("where.commit must be a full commit id")
	}
	hasBody := len(c.Body) > 0 && string(c.Body) != "null"
	switch c.Direction {
	case Request:
		if !hasBody {
			return fmt.Errorf("a request case needs a body")
		}
	case Response:
		if !hasBody || c.Status < 100 || c.Status > 599 {
			return fmt.Errorf("a response case needs a body and a status")
		}
	case Query:
		if c.RawQuery == "" || hasBody {
			return fmt.Errorf("a query case has a query and no body")
		}
	case Path:
		if len(c.PathParams) == 0 || hasBody {
			return fmt.Errorf("a path case has path parameters and no body")
		}
	default:
		return fmt.Errorf("direction %q is none of request, query, path, response", c.Direction)
	}
	if c.RawQuery != "" && c.Direction != Query {
		return fmt.Errorf("only a query case has a query")
	}
	return nil
}

// maxRepeat bounds one $repeat: the largest documented limit is 20,000 hosts.
const maxRepeat = 100_000

// expandJSON replaces every {"$repeat": v, "count": n} of a JSON text: a string v becomes the
// string repeated n times, any other v an array of n copies of it. The corpus states a 20,000-host
// body or a 256-character value this way instead of spelling it out.
func expandJSON(raw json.RawMessage) (json.RawMessage, error) {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, err
	}
	v, err := expand(v)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}

func expand(v any) (any, error) {
	switch x := v.(type) {
	case map[string]any:
		if item, ok := x["$repeat"]; ok {
			n, err := repeatCount(x)
			if err != nil {
				return nil, err
			}
			if s, isString := item.(string); isString {
				return strings.Repeat(s, n), nil
			}
			item, err = expand(item)
			if err != nil {
				return nil, err
			}
			out := make([]any, n)
			for i := range out {
				out[i] = item
			}
			return out, nil
		}
		for k, e := range x {
			e, err := expand(e)
			if err != nil {
				return nil, err
			}
			x[k] = e
		}
	case []any:
		for i, e := range x {
			e, err := expand(e)
			if err != nil {
				return nil, err
			}
			x[i] = e
		}
	}
	return v, nil
}

func repeatCount(m map[string]any) (int, error) {
	num, ok := m["count"].(json.Number)
	if len(m) != 2 || !ok {
		return 0, fmt.Errorf(`$repeat takes exactly "$repeat" and a numeric "count"`)
	}
	n, err := num.Int64()
	if err != nil || n < 0 || n > maxRepeat {
		return 0, fmt.Errorf("$repeat count %s is not between 0 and %d", num, maxRepeat)
	}
	return int(n), nil
}

// Params returns the path parameters of the case for an operation whose path template is
// pathTemplate: the case's own, the defaults for the others. A parameter the template does not
// have is an error.
func (c Case) Params(pathTemplate string) (map[string]string, error) {
	defaults := map[string]string{
		"project_id":    DefaultProjectID,
		"connection_id": DefaultConnectionID,
		"name":          DefaultRouteName,
	}
	out := make(map[string]string)
	for name, def := range defaults {
		if strings.Contains(pathTemplate, "{"+name+"}") {
			out[name] = def
		}
	}
	for name, v := range c.PathParams {
		if _, ok := out[name]; !ok {
			return nil, fmt.Errorf("case %q: %s has no path parameter %q", c.Name, pathTemplate, name)
		}
		out[name] = v
	}
	return out, nil
}

// HTTPRequest builds the request of the case for an operation of method and pathTemplate, sent
// to base (e.g. "https://dli.cn-north-4.myhuaweicloud.com"). A Response case gets the request
// its answer answers: default parameters, and a body only when the operation needs one
// (bodyJSON, nil for none), which the caller gives.
func (c Case) HTTPRequest(method, pathTemplate, base string, bodyJSON []byte) (*http.Request, error) {
	params, err := c.Params(pathTemplate)
	if err != nil {
		return nil, err
	}
	p := pathTemplate
	for name, v := range params {
		p = strings.ReplaceAll(p, "{"+name+"}", url.PathEscape(v))
	}
	u := base + p
	if c.RawQuery != "" {
		u += "?" + c.RawQuery
	}
	body := bodyJSON
	if c.Direction == Request {
		body = c.Body
	}
	var r io.Reader
	if body != nil {
		r = bytes.NewReader(body)
	}
	req, err := http.NewRequest(method, u, r)
	if err != nil {
		return nil, err
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	// The spec requires one of its security schemes; a token is the simplest to present.
	req.Header.Set("X-Auth-Token", "test-token")
	return req, nil
}
