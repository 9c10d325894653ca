package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The bash script completes what the command list has: bash runs it with the words of a
// command line, as its completion machinery would, and the candidates are compared.
func TestBashCompletion(t *testing.T) {
	bash, err := exec.LookPath("bash")
	require.NoError(t, err, "the completion test runs the script in bash")
	code, script, errOut := runCLI(t, "completion", "bash")
	require.Equal(t, exitOK, code, errOut)
	path := filepath.Join(t.TempDir(), "edsconn.bash")
	require.NoError(t, os.WriteFile(path, []byte(script), 0o600))

	complete := func(words ...string) []string {
		t.Helper()
		// COMP_WORDS is the line; the last word is the one being completed.
		quoted := make([]string, len(words))
		for i, w := range words {
			quoted[i] = "'" + w + "'"
		}
		prog := "source " + path + "\nCOMP_WORDS=(" + strings.Join(quoted, " ") + ")\nCOMP_CWORD=" +
			strconv.Itoa(len(words)-1) + "\n_edsconn\nprintf '%s\\n' \"${COMPREPLY[@]}\"\n"
		out, err := exec.Command(bash, "--norc", "--noprofile", "-c", prog).CombinedOutput()
		require.NoError(t, err, string(out))
		return strings.Fields(string(out))
	}
	tests := []struct {
		words []string
		want  []string
	}{
		{[]string{"edsconn", "cre"}, []string{"create"}},
		{[]string{"edsconn", "CreateE"}, []string{"CreateEnhancedConnection", "CreateEnhancedConnectionRoutes"}},
		{[]string{"edsconn", "create", "--ho"}, []string{"--host", "--hosts"}},
		{[]string{"edsconn", "CreateEnhancedConnection", "--dest"}, []string{"--dest-network-id", "--dest-vpc-id"}},
		{[]string{"edsconn", "update-hosts", "--cl"}, []string{"--clear"}},
		{[]string{"edsconn", "list", "--a"}, []string{"--all"}},
		{[]string{"edsconn", "show", "-o", ""}, []string{"json", "table"}},
		{[]string{"edsconn", "wait", "--progress", "a"}, []string{"always", "auto"}},
		{[]string{"edsconn", "completion", ""}, []string{"bash", "fish", "zsh"}},
		{[]string{"edsconn", "help", "update"}, []string{"update-hosts"}},
	}
	for _, tt := range tests {
		got := complete(tt.words...)
		assert.ElementsMatch(t, tt.want, got, "%v", tt.words)
	}
}

// Every operationId and alias is in every script.
func TestCompletionScriptsNameEveryCommand(t *testing.T) {
	for _, shell := range []string{"bash", "zsh", "fish"} {
		code, script, errOut := runCLI(t, "completion", shell)
		require.Equal(t, exitOK, code, errOut)
		for _, name := range commandNames() {
			assert.Contains(t, script, name, "%s script", shell)
		}
	}
	code, _, errOut := runCLI(t, "completion", "powershell")
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, errOut, `unknown shell "powershell": want bash, zsh or fish`)
}
