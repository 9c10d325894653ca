package fake

import (
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestTrailingDataAfterTheJSONBody(t *testing.T) {
	tests := []struct {
		name   string
		body   string
		status int
		msg    string
	}{
		{"garbage after the object", createBody + "xyz", 400, "body: unexpected data after the JSON value."},
		{"a second object", createBody + `{"name":"again"}`, 400, "body: unexpected data after the JSON value."},
		{"a stray bracket", createBody + "}", 400, "body: unexpected data after the JSON value."},
		{"an array then garbage", `[1] x`, 400, "body: unexpected data after the JSON value."},
		{"blanks after the object", createBody + " \r\n\t\n", 201, ""},
		{"broken inside the value", `{"name":"x",}`, 400, "body: "},
	}
	r := start(t, Options{})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := r.Calls("")
			a := mustSend(t, r, "POST", connsPath(project), tt.body)
			assert.Equal(t, tt.status, a.status, "%s", a.body)
			if tt.status == http.StatusCreated {
				assert.Equal(t, before+1, r.Calls(""))
				return
			}
			code, msg := a.errorBody(t)
			assert.Equal(t, codeParameter, code)
			assert.True(t, strings.HasPrefix(msg, tt.msg), msg)
			if !strings.Contains(tt.msg, "unexpected data") {
				assert.NotContains(t, msg, "unexpected data", "only trailing data is called trailing")
			}
			assert.Equal(t, before, r.Calls(""), "refused before the operation")
		})
	}
}

func TestTrailingData(t *testing.T) {
	tests := []struct {
		body string
		want bool
	}{
		{`{}`, false},
		{`{} `, false},
		{`{}x`, true},
		{`{}{}`, true},
		{`"s" 1`, true},
		{`12 x`, true},
		{`{"a":}`, false}, // invalid, but not trailing: the validator names it
		{``, false},
		{`   `, false},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, trailingData([]byte(tt.body)), "%q", tt.body)
	}
}

func TestTooLargeBodiesAreRefused(t *testing.T) {
	r := start(t, Options{})
	c := dialRaw(t, r)
	c.writeHead("POST", connsPath(project), http.Header{"Content-Type": {"application/json"}}, maxBodyBytes+1)
	resp, body, err := c.readResponse()
	if assert.NoError(t, err, "announced too large: refused before a byte is read") {
		assert.Equal(t, http.StatusRequestEntityTooLarge, resp.StatusCode, "%s", body)
	}
	assert.Zero(t, r.bodyBytesRead.Load())
}
