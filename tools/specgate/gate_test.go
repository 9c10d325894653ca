package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// fixtureSpec is a small OpenAPI document in the shape of ours: one create operation whose body
// has required and optional properties. extraRequired and extraProps vary it.
func fixtureSpec(version, extraRequired, extraProps string) string {
	return fmt.Sprintf(`openapi: 3.0.3
info:
  title: gate fixture
  version: %s
paths:
  /v2.0/{project_id}/things:
    post:
      operationId: CreateThing
      parameters:
        - name: project_id
          in: path
          required: true
          schema: {type: string}
      requestBody:
        required: true
        content:
          application/json:
            schema:
              type: object
              required: [name%s]
              properties:
                name: {type: string}
%s
      responses:
        '200':
          description: created
`, version, extraRequired, extraProps)
}

const (
	baseSpec   = "" // no extra property
	optColor   = "                color: {type: string}\n"
	reqOwner   = ", owner"
	ownerProp  = "                owner: {type: string}\n"
	logHeader  = "# Changelog\n\n"
	logRelease = "## [0.1.0] - 2025-06-01\n\n### Added\n\n- CreateThing\n"
)

var oasdiffOnce struct {
	sync.Once
	path string
	err  error
}

// oasdiffPath builds the oasdiff that tools/go.mod pins (go tool -n prints the cached binary).
func oasdiffPath(t *testing.T) string {
	t.Helper()
	oasdiffOnce.Do(func() {
		out, err := exec.Command("go", "tool", "-n", "oasdiff").Output()
		oasdiffOnce.path, oasdiffOnce.err = strings.TrimSpace(string(out)), err
	})
	if oasdiffOnce.err != nil {
		t.Fatalf("go tool -n oasdiff: %v", oasdiffOnce.err)
	}
	return oasdiffOnce.path
}

// newRepo makes a git repository in a temporary directory with files committed in one commit.
func newRepo(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	gitIn(t, dir, "init", "-q")
	writeFiles(t, dir, files)
	gitIn(t, dir, "add", "-A")
	gitIn(t, dir, "commit", "-q", "-m", "release")
	return dir
}

func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, content := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func gitIn(t *testing.T, dir string, args ...string) {
	t.Helper()
	cmd := exec.Command("git", append([]string{"-C", dir, "-c", "user.name=t", "-c", "user.email=t@example.com",
		"-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main"}, args...)...)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("git %v: %v\n%s", args, err, out)
	}
}

// TestGate runs the whole gate, the pinned oasdiff included, on a repository whose release 0.1.0
// is committed and whose spec is then changed in the work tree, as a developer would.
func TestGate(t *testing.T) {
	od := oasdiffPath(t)
	tests := []struct {
		name      string
		spec      string
		changelog string
		wantCode  int
		want      []string // in the output
		notWant   []string
	}{
		{name: "no change", spec: fixtureSpec("0.1.0", "", baseSpec), changelog: logHeader + logRelease,
			wantCode: 0, want: []string{"0 change(s) from 0.1.0 to 0.1.0", "spec-gate: ok"}},
		{name: "additive change, version moved", spec: fixtureSpec("0.1.1", "", optColor),
			changelog: logHeader + "## [Unreleased] (0.1.1)\n\n### Added\n\n- color\n\n" + logRelease,
			wantCode:  0, want: []string{"new-optional-request-property", "0 breaking (ERR)", "spec-gate: ok"}},
		{name: "additive change, version not moved", spec: fixtureSpec("0.1.0", "", optColor), changelog: logHeader + logRelease,
			wantCode: 1, want: []string{"new-optional-request-property", "Set info.version to 0.1.1"}},
		{name: "breaking change without bump", spec: fixtureSpec("0.1.1", reqOwner, ownerProp),
			changelog: logHeader + "## [Unreleased] (0.1.1)\n\n### Breaking\n\n- `CreateThing` needs `owner`\n\n" + logRelease,
			wantCode:  1, want: []string{
				"added the new required request property `owner`", "1 breaking (ERR)",
				"in 0.x a breaking change moves the minor version: set info.version in spec/enhanced-connections.yaml to 0.2.0 (it says 0.1.1)"},
			notWant: []string{"does not name every breaking change"}},
		{name: "breaking change with bump but no changelog entry", spec: fixtureSpec("0.2.0", reqOwner, ownerProp),
			changelog: logHeader + "## [Unreleased] (0.2.0)\n\n### Added\n\n- nothing\n\n" + logRelease,
			wantCode:  1, want: []string{
				"CHANGELOG.md does not name every breaking change since 0.1.0",
				`Add to section "## [Unreleased] (0.2.0)" (line 3 of CHANGELOG.md)`,
				"### Breaking\n\n- `CreateThing` (POST /v2.0/{project_id}/things): added the new required request property `owner`"},
			notWant: []string{"moves the minor version"}},
		{name: "breaking change with bump and changelog entry", spec: fixtureSpec("0.2.0", reqOwner, ownerProp),
			changelog: logHeader + "## [Unreleased] (0.2.0)\n\n### Breaking\n\n- `CreateThing` needs `owner`\n\n" + logRelease,
			wantCode:  0, want: []string{"new-required-request-property", "1 breaking (ERR)", "spec-gate: ok"}},
		{name: "version went backwards", spec: fixtureSpec("0.0.9", "", baseSpec), changelog: logHeader + logRelease,
			wantCode: 1, want: []string{"info.version 0.0.9 in spec/enhanced-connections.yaml is below the newest release, 0.1.0"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			repo := newRepo(t, map[string]string{
				"spec/enhanced-connections.yaml":                       fixtureSpec("0.1.0", "", baseSpec),
				"spec/released/0.1.0/enhanced-connections.bundle.yaml": fixtureSpec("0.1.0", "", baseSpec),
				"CHANGELOG.md": logHeader + logRelease,
			})
			writeFiles(t, repo, map[string]string{"spec/enhanced-connections.yaml": tt.spec, "CHANGELOG.md": tt.changelog})
			var stdout, stderr bytes.Buffer
			code := run([]string{"-repo", repo, "-oasdiff", od}, &stdout, &stderr)
			out := stdout.String() + stderr.String()
			if code != tt.wantCode {
				t.Errorf("exit code %d, want %d", code, tt.wantCode)
			}
			for _, s := range tt.want {
				if !strings.Contains(out, s) {
					t.Errorf("output lacks %q", s)
				}
			}
			for _, s := range tt.notWant {
				if strings.Contains(out, s) {
					t.Errorf("output has %q", s)
				}
			}
			if t.Failed() {
				t.Logf("output:\n%s", out)
			}
		})
	}
}

// The newest release is the highest version, not the last name in directory order, and each
// bundle must say its own version.
func TestGateComparesWithNewestRelease(t *testing.T) {
	od := oasdiffPath(t)
	repo := newRepo(t, map[string]string{
		"spec/enhanced-connections.yaml":                        fixtureSpec("0.10.0", "", optColor),
		"spec/released/0.9.0/enhanced-connections.bundle.yaml":  fixtureSpec("0.9.0", "", baseSpec),
		"spec/released/0.10.0/enhanced-connections.bundle.yaml": fixtureSpec("0.10.0", "", optColor),
		"spec/released/0.2.0/enhanced-connections.bundle.yaml":  fixtureSpec("0.3.0", "", baseSpec),
		"spec/released/README.md":                               "releases\n",
		"CHANGELOG.md":                                          "## [0.10.0]\n",
	})
	var stdout bytes.Buffer
	code := run([]string{"-repo", repo, "-oasdiff", od}, &stdout, &stdout)
	out := stdout.String()
	for _, s := range []string{
		"against the newest release, 0.10.0 (spec/released/0.10.0/enhanced-connections.bundle.yaml)",
		"0 change(s) from 0.10.0 to 0.10.0",
		`spec/released/0.2.0/enhanced-connections.bundle.yaml says info.version "0.3.0", not its directory's "0.2.0"`,
	} {
		if !strings.Contains(out, s) {
			t.Errorf("output lacks %q:\n%s", s, out)
		}
	}
	if code != 1 {
		t.Errorf("exit code %d, want 1 (a bundle in the wrong directory)", code)
	}
}
