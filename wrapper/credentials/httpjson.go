package credentials

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/dli-openapi/enhanced-connections/internal/iamerror"
)

// tempKeys is the credential object of the three platform services. The vendor SDK reads two
// spellings of each field (IAM and the metadata service write access/secret/securitytoken/
// expires_at, CCE pod identity accessKeyId/secretAccessKey/securityToken/expiration), and so do
// we; each field must be there.
type tempKeys struct {
	access, secret, token string
	expires               time.Time
}

// UnmarshalJSON reads either spelling.
func (t *tempKeys) UnmarshalJSON(b []byte) error {
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		return err
	}
	pick := func(names ...string) (string, error) {
		for _, n := range names {
			if v, ok := m[n]; ok {
				s, isString := v.(string)
				if !isString || s == "" {
					return "", fmt.Errorf("%q is not a non-empty string", n)
				}
				return s, nil
			}
		}
		return "", fmt.Errorf("neither %s is in the answer", strings.Join(quoteAll(names), " nor "))
	}
	var err error
	if t.access, err = pick("access", "accessKeyId"); err != nil {
		return err
	}
	if t.secret, err = pick("secret", "secretAccessKey"); err != nil {
		return err
	}
	if t.token, err = pick("securitytoken", "securityToken"); err != nil {
		return err
	}
	exp, err := pick("expires_at", "expiration")
	if err != nil {
		return err
	}
	if t.expires, err = time.Parse(time.RFC3339Nano, exp); err != nil {
		return fmt.Errorf("expiry %q is not an RFC 3339 time", exp)
	}
	return nil
}

func quoteAll(names []string) []string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = `"` + n + `"`
	}
	return out
}

// value turns decoded keys into a Value of source.
func (t tempKeys) value(source string) Value {
	return Value{AccessKey: t.access, SecretKey: newSecret(t.secret), SecurityToken: newSecret(t.token),
		Expires: t.expires, Source: source}
}

// maxAnswer bounds every platform answer: a credential object is a few kilobytes.
const maxAnswer = 64 << 10

// answer is a platform service's answer, read whole and bounded.
type answer struct {
	status int
	header http.Header
	body   []byte
}

// send sends req with client and reads the answer, at most maxAnswer bytes.
func send(client *http.Client, req *http.Request) (answer, error) {
	resp, err := client.Do(req)
	if err != nil {
		return answer{}, err
	}
	defer func() { _ = resp.Body.Close() }()
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxAnswer+1))
	if err != nil {
		return answer{}, err
	}
	if len(body) > maxAnswer {
		return answer{}, fmt.Errorf("the answer is longer than %d bytes", maxAnswer)
	}
	return answer{status: resp.StatusCode, header: resp.Header, body: body}, nil
}

// failure is the SourceError of an error answer: its status and, when the body says, the code
// and message (IAM's {"error": {"code", "title", "message"}} or {"error_code", "error_msg"}, or
// plain text), cleaned of the given secrets and cut short.
func failure(source string, a answer, secrets ...string) *SourceError {
	e := &SourceError{Source: source, StatusCode: a.status}
	var ok bool
	if e.Code, e.Message, ok = iamerror.Parse(a.body); !ok {
		e.Message = string(a.body)
	}
	e.Code, e.Message = clean(e.Code, secrets...), clean(e.Message, secrets...)
	return e
}

// maxMessage bounds what is kept of a service's error text.
const maxMessage = 300

// clean removes every given secret from text, folds whitespace and cuts it to maxMessage bytes
// on a rune boundary. The services never echo a secret that we know of; this makes sure.
func clean(text string, secrets ...string) string {
	for _, s := range secrets {
		if len(s) >= 4 {
			text = strings.ReplaceAll(text, s, "[REDACTED]")
		}
	}
	text = strings.Join(strings.Fields(text), " ")
	if len(text) <= maxMessage {
		return text
	}
	cut := maxMessage
	for cut > 0 && !utf8.RuneStart(text[cut]) {
		cut--
	}
	return text[:cut] + "..."
}

// newRequest is http.NewRequestWithContext for a JSON body.
func newRequest(ctx context.Context, method, url string, body []byte) (*http.Request, error) {
	var r io.Reader
	if body != nil {
		r = bytes.NewReader(body)
	}
	return http.NewRequestWithContext(ctx, method, url, r)
}

// errAnswer marks an answer that is not what the service documents.
var errAnswer = errors.New("unexpected answer")
