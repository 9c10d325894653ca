package main

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/dli-openapi/enhanced-connections/fake"
	"github.com/dli-openapi/enhanced-connections/wrapper"
)

// Every refusal of issue 19 in its words, so that they stay words: the command line, what it
// prints on stderr, its exit code (testdata/golden/refusals.txt). None sends anything.
func TestGoldenRefusals(t *testing.T) {
	srv := fakeEndpoint(t, fake.Options{})
	t.Setenv("HOME", "/home/edsconn-golden") // the profile file's path shows in "looked at"
	const id = "2a620c33-5609-40c9-affd-2b6453071b0f"
	create := []string{"create", "--name", "db_conn", "--vpc", "vpc-1", "--subnet", "subnet-1"}
	with := func(args ...string) []string { return append(append([]string{}, create...), args...) }
	endpoint := srv.URL()
	tests := []struct {
		env  map[string]string // replaces the fake endpoint's settings
		args []string
	}{
		// A refusal says what to type: enums as their values, patterns in the spec's words.
		{nil, []string{"list", "--status", "ACTIVEE"}},
		{nil, []string{"route-add", id, "--name", "r1", "--cidr", "10.0.0.0/33"}},
		{nil, []string{"tags-add", id, "--tag", "env=prod\x01"}},
		{nil, []string{"show", "abc"}},
		{nil, []string{"create", "--name", "bad-name", "--vpc", "vpc-1", "--subnet", "subnet-1"}},
		{nil, with("--host", "db1=10.0.0.300")},
		{nil, []string{"list", "--page-size", "4294967297"}},
		// Nothing half-specified passes.
		{nil, with("--host", "db1=")},
		{nil, with("--host", "=10.0.0.1")},
		{nil, with("--hosts", "name=db1,ip=")},
		{nil, with("--queue", "q1", "--queue", "q1")},
		{nil, with("--queue", "")},
		{nil, []string{"update-hosts", id}},
		// One vocabulary, and "did you mean".
		{nil, []string{"creat"}},
		{nil, []string{"create", "--nme", "x"}},
		{nil, []string{"list", "--all=false"}},
		{nil, []string{"route-delete", id}},
		{nil, []string{"tags-add", id, "--tag", "env"}},
		// Configuration: the real cause first, and the flag or variable to set.
		{map[string]string{wrapper.EnvEndpoint: "", wrapper.EnvProjectID: "", wrapper.EnvAccessKey: "AKEXAMPLE", wrapper.EnvSecretKey: "SKEXAMPLE"}, []string{"list"}},
		{map[string]string{wrapper.EnvEndpoint: "", wrapper.EnvProjectID: "", wrapper.EnvAccessKey: "AKEXAMPLE"}, []string{"list"}},
		{map[string]string{wrapper.EnvEndpoint: "https://dli.example.com", wrapper.EnvProjectID: "", wrapper.EnvAccessKey: "AKEXAMPLE", wrapper.EnvSecretKey: "SKEXAMPLE"}, []string{"list"}},
		{map[string]string{wrapper.EnvEndpoint: "http://127.0.0.1:8080", wrapper.EnvProjectID: ""}, []string{"list"}},
		{map[string]string{wrapper.EnvEndpoint: "", wrapper.EnvProjectID: ""}, []string{"list"}},
	}
	before := 0
	for _, op := range specOperations {
		before += srv.Calls(op.id)
	}
	var b strings.Builder
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			for k, v := range tt.env {
				t.Setenv(k, v)
			}
			code, out, errOut := runCLI(t, tt.args...)
			assert.Equal(t, exitUsage, code, errOut)
			assert.Empty(t, out)
			assert.NotContains(t, errOut, "SKEXAMPLE")
			var envs []string
			for _, k := range sortedKeys(tt.env) {
				if tt.env[k] != "" {
					envs = append(envs, k+"="+tt.env[k])
				}
			}
			fmt.Fprintf(&b, "$ %sedsconn %s\n%sexit %d\n\n", prefixed(envs), quoteArgs(tt.args), strings.ReplaceAll(errOut, endpoint, "$DLI_ENDPOINT"), code)
		})
	}
	after := 0
	for _, op := range specOperations {
		after += srv.Calls(op.id)
	}
	assert.Equal(t, before, after, "a refusal sends nothing")
	golden(t, "refusals.txt", b.String())
}

func prefixed(envs []string) string {
	if len(envs) == 0 {
		return ""
	}
	return strings.Join(envs, " ") + " "
}

// quoteArgs writes arguments as a shell would need them.
func quoteArgs(args []string) string {
	q := make([]string, len(args))
	for i, a := range args {
		q[i] = a
		if a == "" || strings.ContainsAny(a, " !\x01") {
			q[i] = fmt.Sprintf("%q", a)
		}
	}
	return strings.Join(q, " ")
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
