package main

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/dli-openapi/enhanced-connections/fake"
	"github.com/dli-openapi/enhanced-connections/wrapper"
)

// What README and help offer works: list --all, --tag KEY=VALUE on every command that filters
// by tags, a path parameter as a flag, a tag removed by its key alone.
func TestOneVocabulary(t *testing.T) {
	srv := fakeEndpoint(t, fake.Options{})
	tagged := createConnection(t, "tagged", "--tag", "env=prod", "--tag", "team=data")
	createConnection(t, "other", "--tag", "env=dev")

	names := func(out string) []string {
		var list struct {
			Connections []struct{ Name string } `json:"connections"`
		}
		require.NoError(t, json.Unmarshal([]byte(out), &list), out)
		var n []string
		for _, c := range list.Connections {
			n = append(n, c.Name)
		}
		return n
	}
	tests := []struct {
		name string
		args []string
		want []string
	}{
		{"list --all, as README says", []string{"list", "--all"}, []string{"tagged", "other"}},
		{"--tag on list, repeatable", []string{"list", "--tag", "env=prod", "--tag", "team=data"}, []string{"tagged"}},
		{"--tags on list, as the spec spells it", []string{"list", "--tags", "env=dev"}, []string{"other"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := runCLI(t, tt.args...)
			require.Equal(t, exitOK, code, errOut)
			assert.Equal(t, tt.want, names(out))
		})
	}

	run := func(args ...string) string {
		t.Helper()
		code, out, errOut := runCLI(t, args...)
		require.Equal(t, exitOK, code, "%v: %s", args, errOut)
		return out
	}
	// A path parameter may be a flag: route-delete --name, as route-add takes it.
	run("route-add", tagged, "--name", "r1", "--cidr", "10.0.0.0/16")
	run("route-delete", tagged, "--name", "r1")
	run("route-add", "--connection-id", tagged, "--name", "r2", "--cidr", "10.1.0.0/16")
	run("route-delete", "--name", "r2", tagged)
	assert.Equal(t, 2, srv.Calls("DeleteRouteFromEnhancedConnection"))

	// tags-delete --tag KEY removes the key whatever its value; --connection-id names the
	// connection on the tag API too.
	run("tags-delete", "--connection-id", tagged, "--tag", "team")
	out := run("tags", tagged)
	assert.Contains(t, out, `"env"`)
	assert.NotContains(t, out, `"team"`)

	// A tag filter: --tag KEY matches any value, --tag KEY=V twice is one key with two values.
	var count struct {
		TotalCount *int `json:"total_count"`
	}
	require.NoError(t, json.Unmarshal([]byte(run("tags-count", "--tag", "env")), &count))
	require.NotNil(t, count.TotalCount)
	assert.Equal(t, 2, *count.TotalCount)
	require.NoError(t, json.Unmarshal([]byte(run("tags-count", "--tag", "env=prod", "--tag", "env=dev")), &count))
	assert.Equal(t, 2, *count.TotalCount)
}

func TestClosest(t *testing.T) {
	commands := []string{"create", "list", "show", "tags", "tags-add", "route-delete", "CreateEnhancedConnection"}
	tests := []struct{ in, want string }{
		{"creat", "create"},
		{"crate", "create"},
		{"lsit", ""}, // a swap is two edits, too many for four letters
		{"lst", "list"},
		{"Show", "show"},
		{"routedelete", "route-delete"},
		{"createenhancedconnection", "CreateEnhancedConnection"},
		{"tag-add", "tags-add"},
		{"deploy", ""},
		{"", ""},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, closest(tt.in, commands), tt.in)
	}
}

// Output is the API's answer: a 0 and an empty list the server sent are printed, which the
// generated types' omitempty used to drop (tags-count printed {}).
func TestOutputKeepsWhatTheServerSent(t *testing.T) {
	clearCloudEnv(t)
	answer := `{"total_count":0,"resources":[],"extra_from_a_newer_service":{"a":[]}}`
	stub := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(answer))
	}))
	t.Cleanup(stub.Close)
	t.Setenv(wrapper.EnvEndpoint, stub.URL)
	t.Setenv(wrapper.EnvProjectID, testProject)

	code, out, errOut := runCLI(t, "tags-count", "--tag", "env")
	require.Equal(t, exitOK, code, errOut)
	var want bytes.Buffer
	require.NoError(t, json.Indent(&want, []byte(answer), "", "  "))
	assert.Equal(t, want.String()+"\n", out)

	code, out, errOut = runCLI(t, "tags-count", "--tag", "env", "-o", "table")
	require.Equal(t, exitOK, code, errOut)
	assert.Equal(t, "total_count: 0\nno resources\n", out)
}

// An interrupted demo deletes the connection it made: against a real account it costs money.
func TestDemoInterruptedCleansUp(t *testing.T) {
	for _, tt := range []struct {
		name    string
		refuse  bool
		stderr  []string
		remains int
	}{
		{"deleted", false, []string{"the demo did not finish: deleting connection ", "edsconn: deleted connection "}, 0},
		{"left behind, with what to delete", true, []string{"is left behind", "delete it with\n  edsconn delete ", "edsconn wait "}, 1},
	} {
		t.Run(tt.name, func(t *testing.T) {
			srv := fakeEndpoint(t, fake.Options{ActivationDelay: 1 << 40, RefuseDeleteWhileCreating: tt.refuse})
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			stdout := &cancelOnWrite{marker: "2. Wait until", cancel: cancel}
			var stderr bytes.Buffer
			code := runWithInput(ctx, []string{"demo", "--vpc", "vpc-1", "--subnet", "subnet-1", "--queue", "q1"},
				strings.NewReader(""), stdout, &stderr)
			assert.Equal(t, exitInterrupted, code, stderr.String())
			rest := stderr.String()
			for _, want := range tt.stderr {
				i := strings.Index(rest, want)
				require.GreaterOrEqual(t, i, 0, "stderr lacks %q: %s", want, stderr.String())
				rest = rest[i+len(want):]
			}
			assert.Equal(t, tt.remains, srv.Connections(testProject))
		})
	}
}
