package realworld

import (
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestExpandJSON(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{`{"name":{"$repeat":"ab","count":3}}`, `{"name":"ababab"}`},
		{`{"hosts":{"$repeat":{"ip":"1.2.3.4"},"count":2}}`, `{"hosts":[{"ip":"1.2.3.4"},{"ip":"1.2.3.4"}]}`},
		{`[{"$repeat":"x","count":0}]`, `[""]`},
		{`{"n":1566888011125,"s":"<&>"}`, `{"n":1566888011125,"s":"<&>"}`}, // numbers and text kept as they are
	} {
		got, err := expandJSON(json.RawMessage(tc.in))
		require.NoError(t, err, tc.in)
		assert.JSONEq(t, tc.want, string(got), tc.in)
		assert.NotContains(t, string(got), `\u003c`, "no HTML escaping")
	}
	for _, bad := range []string{
		`{"$repeat":"x"}`, `{"$repeat":"x","count":-1}`, `{"$repeat":"x","count":1.5}`,
		`{"$repeat":"x","count":1000000}`, `{"$repeat":"x","count":1,"other":2}`,
	} {
		_, err := expandJSON(json.RawMessage(bad))
		assert.Error(t, err, bad)
	}
}

func writeCorpus(t *testing.T, content string) string {
	t.Helper()
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "x.json"), []byte(content), 0o644))
	return dir
}

const okSource = `{"repository":"o/r","commit":"0123456789012345678901234567890123456789","description":"d"}`

func TestLoadRefusesMalformedCases(t *testing.T) {
	for name, c := range map[string]string{
		"unknown field":        `{"name":"a","operation":"Op","direction":"request","body":{},"valid":true,"where":{"path":"p"},"verdict":true}`,
		"no where":             `{"name":"a","operation":"Op","direction":"request","body":{},"valid":true}`,
		"bad direction":        `{"name":"a","operation":"Op","direction":"header","body":{},"valid":true,"where":{"path":"p"}}`,
		"response sans status": `{"name":"a","operation":"Op","direction":"response","body":{},"valid":true,"where":{"path":"p"}}`,
		"query with a body":    `{"name":"a","operation":"Op","direction":"query","query":"a=b","body":{},"valid":true,"where":{"path":"p"}}`,
		"request sans body":    `{"name":"a","operation":"Op","direction":"request","valid":true,"where":{"path":"p"}}`,
		"short commit":         `{"name":"a","operation":"Op","direction":"path","path":{"name":"r"},"valid":true,"where":{"path":"p","commit":"abc"}}`,
	} {
		_, err := Load(writeCorpus(t, `{"source":`+okSource+`,"cases":[`+c+`]}`))
		assert.Error(t, err, name)
	}
	_, err := Load(writeCorpus(t, `{"source":{"description":"no repository"},"cases":[]}`))
	assert.Error(t, err)
	c := `{"name":"a","operation":"Op","direction":"path","path":{"name":"r"},"valid":true,"where":{"path":"p"}}`
	_, err = Load(writeCorpus(t, `{"source":`+okSource+`,"cases":[`+c+`,`+c+`]}`))
	assert.ErrorContains(t, err, "two cases")
}

func TestHTTPRequest(t *testing.T) {
	files, err := Load(writeCorpus(t, `{"source":`+okSource+`,"cases":[
		{"name":"q","operation":"List","direction":"query","query":"status=Active","valid":true,"where":{"path":"p"}},
		{"name":"b","operation":"Update","direction":"request","path":{"connection_id":"c-1"},"body":{"hosts":[]},"valid":true,"where":{"path":"p"}},
		{"name":"r","operation":"Update","direction":"response","status":200,"body":{"is_success":true},"valid":true,"where":{"path":"p"}}]}`))
	require.NoError(t, err)
	cases := files[0].Cases
	const list, one = "/v2.0/{project_id}/datasource/enhanced-connections", "/v2.0/{project_id}/datasource/enhanced-connections/{connection_id}"

	req, err := cases[0].HTTPRequest("GET", list, "https://h", nil)
	require.NoError(t, err)
	assert.Equal(t, "https://h/v2.0/"+DefaultProjectID+"/datasource/enhanced-connections?status=Active", req.URL.String())
	assert.Nil(t, req.Body)

	req, err = cases[1].HTTPRequest("PUT", one, "https://h", nil)
	require.NoError(t, err)
	assert.True(t, strings.HasSuffix(req.URL.Path, "/enhanced-connections/c-1"), req.URL.Path)
	body, err := io.ReadAll(req.Body)
	require.NoError(t, err)
	assert.JSONEq(t, `{"hosts":[]}`, string(body))
	assert.Equal(t, "application/json", req.Header.Get("Content-Type"))

	req, err = cases[2].HTTPRequest("PUT", one, "https://h", []byte(`{"hosts":[]}`))
	require.NoError(t, err)
	assert.Contains(t, req.URL.Path, DefaultConnectionID)
	body, err = io.ReadAll(req.Body)
	require.NoError(t, err)
	assert.Equal(t, `{"hosts":[]}`, string(body), "the answer's request carries the body the caller gave, not the answer")

	_, err = cases[0].Params(one + "/{name}")
	require.NoError(t, err)
	bad := cases[1]
	bad.PathParams = map[string]string{"route": "x"}
	_, err = bad.Params(one)
	assert.Error(t, err, "a parameter the path does not have")
}

// The corpus of this module loads.
func TestTheCorpusLoads(t *testing.T) {
	files, err := Load(filepath.Join("..", "..", "testdata", "realworld"))
	require.NoError(t, err)
	n := 0
	for _, f := range files {
		n += len(f.Cases)
		assert.NotEmpty(t, f.Cases, f.Name)
	}
	assert.Greater(t, n, 150)
}
