package wrapper

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
)

// endpoint is Config.Endpoint (or the region's), parsed once: every request is built from its
// parts rather than by formatting and parsing a URL per call.
type endpoint struct {
	scheme, host string // host as in the URL, with the port if one was given
	basePath     string // a path prefix, without a trailing slash; usually ""
	origin       string // scheme://host:port, the port always written, for comparisons
}

// CheckEndpoint reports what New would find wrong with an endpoint URL, nil when nothing: tools
// use it to name a bad endpoint before anything else.
func CheckEndpoint(endpoint string) error {
	_, err := parseEndpoint(endpoint)
	return err
}

// parseEndpoint checks an endpoint URL and says precisely what is wrong with a bad one.
func parseEndpoint(raw string) (endpoint, error) {
	u, err := url.Parse(raw)
	if err != nil {
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err
		}
		return endpoint{}, configError("endpoint %q is not a URL: %v", raw, err)
	}
	switch {
	case u.Scheme != "https" && u.Scheme != "http":
		return endpoint{}, configError("endpoint %q: want an https:// (or, for a local fake, http://) URL", raw)
	case u.Host == "" || u.Hostname() == "":
		return endpoint{}, configError("endpoint %q has no host", raw)
	case u.User != nil:
		return endpoint{}, configError("endpoint %q must not carry user information", raw)
	case u.RawQuery != "" || u.Fragment != "" || u.ForceQuery:
		return endpoint{}, configError("endpoint %q must not have a query or fragment", raw)
	}
	e := endpoint{scheme: u.Scheme, host: u.Host, basePath: strings.TrimRight(u.EscapedPath(), "/")}
	e.origin = originOf(u.Scheme, u.Host)
	return e, nil
}

// originOf is scheme://host:port in lower case with the default port written out, so that two
// spellings of one origin compare equal.
func originOf(scheme, host string) string {
	scheme = strings.ToLower(scheme)
	h, port, err := net.SplitHostPort(host)
	if err != nil {
		h, port = host, ""
	}
	h = strings.ToLower(strings.TrimSuffix(strings.TrimPrefix(h, "["), "]"))
	if port == "" {
		port = map[string]string{"https": "443", "http": "80"}[scheme]
	}
	return scheme + "://" + net.JoinHostPort(h, port)
}

// buildURL fills in a path template of the spec ("/v2.0/{project_id}/..."), the values of its
// parameters in the order they appear, and the encoded query. The path is written once; only
// when a value or the endpoint's path needed escaping is the unescaped form (URL.Path, which
// the signer reads) written apart from the escaped one (URL.RawPath, which goes on the wire).
func (e *endpoint) buildURL(template string, values []string, rawQuery string) (*url.URL, error) {
	escaped := strings.IndexByte(e.basePath, '%') >= 0
	for _, v := range values {
		escaped = escaped || url.PathEscape(v) != v
	}
	raw, err := fillTemplate(e.basePath, template, values, url.PathEscape)
	if err != nil {
		return nil, err
	}
	u := &url.URL{Scheme: e.scheme, Host: e.host, Path: raw, RawQuery: rawQuery}
	if escaped {
		basePath, err := url.PathUnescape(e.basePath)
		if err != nil {
			return nil, err
		}
		if u.Path, err = fillTemplate(basePath, template, values, func(s string) string { return s }); err != nil {
			return nil, err
		}
		u.RawPath = raw
	}
	return u, nil
}

// fillTemplate writes prefix and template with its {parameters} replaced by values, in order,
// each through enc.
func fillTemplate(prefix, template string, values []string, enc func(string) string) (string, error) {
	var b strings.Builder
	b.Grow(len(prefix) + len(template) + 48*len(values))
	b.WriteString(prefix)
	for rest, i := template, 0; rest != ""; {
		open := strings.IndexByte(rest, '{')
		if open < 0 {
			b.WriteString(rest)
			break
		}
		closing := strings.IndexByte(rest[open:], '}')
		if closing < 0 || i >= len(values) {
			return "", fmt.Errorf("path template %q does not match its %d values", template, len(values))
		}
		b.WriteString(rest[:open])
		b.WriteString(enc(values[i]))
		rest, i = rest[open+closing+1:], i+1
	}
	return b.String(), nil
}

// smallBody is the size up to which a request body is sent from a plain byte slice: net/http
// writes a body it knows to be in memory (a *bytes.Reader) together with the headers, where a
// reader of its own type costs an extra write of the headers alone, which a small request
// notices (one more syscall of three). Larger bodies are sent from the pooled buffer, whose
// readers net/http does not know, because a copy of them costs more than the extra write.
const smallBody = 16 << 10

// attemptBody gives each attempt a body over the call's encoded bytes: small ones as an
// in-memory reader over a copy that belongs to the call, large ones from the pooled buffer.
type attemptBody struct {
	small  []byte
	pooled *requestBody
}

func newAttemptBody(rb *requestBody) attemptBody {
	if n := rb.size(); n <= smallBody {
		b := make([]byte, n)
		rb.copyTo(b)
		return attemptBody{small: b}
	}
	return attemptBody{pooled: rb}
}

// install sets req's Body, GetBody and ContentLength.
func (b attemptBody) install(req *http.Request) error {
	if b.pooled != nil {
		return b.pooled.editRequest(req.Context(), req)
	}
	small := b.small
	req.Body = io.NopCloser(bytes.NewReader(small))
	req.GetBody = func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(small)), nil }
	req.ContentLength = int64(len(small))
	return nil
}
