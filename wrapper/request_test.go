package wrapper

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestBuildURLEscapesOnlyWhatNeedsIt(t *testing.T) {
	tests := []struct {
		endpoint, template string
		values             []string
		query              string
		wantPath, wantRaw  string
		wantString         string
	}{
		{"https://dli.eu-de.otc.t-systems.com", "/v2.0/{project_id}/x/{id}", []string{"p1", "2a620c33"}, "",
			"/v2.0/p1/x/2a620c33", "", "https://dli.eu-de.otc.t-systems.com/v2.0/p1/x/2a620c33"},
		{"http://127.0.0.1:8080/prefix/", "/v3/{project_id}/r/{name}", []string{"p1", "a b/c"}, "limit=1",
			"/prefix/v3/p1/r/a b/c", "/prefix/v3/p1/r/a%20b%2Fc", "http://127.0.0.1:8080/prefix/v3/p1/r/a%20b%2Fc?limit=1"},
		{"https://proxy.example/dli%20api", "/v2.0/{project_id}", []string{"p1"}, "",
			"/dli api/v2.0/p1", "/dli%20api/v2.0/p1", "https://proxy.example/dli%20api/v2.0/p1"},
	}
	for _, tt := range tests {
		e, err := parseEndpoint(tt.endpoint)
		require.NoError(t, err)
		u, err := e.buildURL(tt.template, tt.values, tt.query)
		require.NoError(t, err)
		assert.Equal(t, tt.wantPath, u.Path, tt.endpoint)
		assert.Equal(t, tt.wantRaw, u.RawPath, tt.endpoint)
		assert.Equal(t, tt.wantString, u.String(), tt.endpoint)
	}
	e, _ := parseEndpoint("https://dli.example")
	_, err := e.buildURL("/v2.0/{project_id}/{id}", []string{"p1"}, "")
	assert.Error(t, err, "fewer values than parameters")
}

func TestParseEndpointSaysWhatIsWrong(t *testing.T) {
	for raw, want := range map[string]string{
		"ftp://dli.example":         "want an https://",
		"https://":                  "has no host",
		"https://u:p@dli.example":   "user information",
		"https://dli.example/?x=1":  "query or fragment",
		"https://dli.example/#frag": "query or fragment",
		"://nope":                   "is not a URL",
	} {
		_, err := parseEndpoint(raw)
		require.ErrorIs(t, err, ErrInvalidConfig, raw)
		assert.Contains(t, err.Error(), want, raw)
	}
}
