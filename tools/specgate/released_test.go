package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestReleasedFilesUnchanged(t *testing.T) {
	const bundle = "spec/released/0.1.0/enhanced-connections.bundle.yaml"
	tests := []struct {
		name   string
		change func(t *testing.T, repo string)
		want   []string // substrings, one per problem
	}{
		{name: "untouched", change: func(*testing.T, string) {}},
		{name: "edited in the work tree", change: func(t *testing.T, repo string) {
			writeFiles(t, repo, map[string]string{bundle: fixtureSpec("0.1.0", "", optColor)})
		}, want: []string{bundle + " changed after it was released in commit "}},
		{name: "edited and committed", change: func(t *testing.T, repo string) {
			writeFiles(t, repo, map[string]string{bundle: fixtureSpec("0.1.0", "", optColor)})
			gitIn(t, repo, "commit", "-q", "-am", "fix the release")
		}, want: []string{bundle + " changed after it was released"}},
		{name: "removed and committed", change: func(t *testing.T, repo string) {
			gitIn(t, repo, "rm", "-q", bundle)
			gitIn(t, repo, "commit", "-q", "-m", "drop the release")
		}, want: []string{bundle + " was released in commit "}},
		{name: "the directory's README may change, and a new release may come", change: func(t *testing.T, repo string) {
			writeFiles(t, repo, map[string]string{
				"spec/released/README.md":                              "new text\n",
				"spec/released/0.2.0/enhanced-connections.bundle.yaml": fixtureSpec("0.2.0", "", optColor),
			})
			gitIn(t, repo, "add", "-A")
			gitIn(t, repo, "commit", "-q", "-m", "release 0.2.0")
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			repo := newRepo(t, map[string]string{
				bundle:                    fixtureSpec("0.1.0", "", baseSpec),
				"spec/released/README.md": "releases\n",
			})
			tt.change(t, repo)
			got, shallow, err := releasedFilesUnchanged(repo, "spec/released")
			if err != nil {
				t.Fatal(err)
			}
			if shallow {
				t.Error("a fresh repository reported shallow")
			}
			if len(got) != len(tt.want) {
				t.Fatalf("got %d problems, want %d: %q", len(got), len(tt.want), got)
			}
			for i, s := range tt.want {
				if !strings.Contains(got[i], s) || !strings.Contains(got[i], "git checkout ") {
					t.Errorf("problem %q lacks %q or the command that restores it", got[i], s)
				}
			}
		})
	}
}

func TestFindReleases(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"r/0.1.0/" + bundleName:  fixtureSpec("0.1.0", "", ""),
		"r/0.10.0/" + bundleName: fixtureSpec("0.10.0", "", ""),
		"r/0.9.0/" + bundleName:  fixtureSpec("0.9.0", "", ""),
		"r/latest/" + bundleName: fixtureSpec("0.9.0", "", ""),
		"r/0.11.0/README.md":     "no bundle\n",
		"r/README.md":            "not a release\n",
	})
	releases, problems, err := findReleases(dir, "r")
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, r := range releases {
		names = append(names, r.v.String())
	}
	if got := strings.Join(names, " "); got != "0.1.0 0.9.0 0.10.0" {
		t.Errorf("releases %q, want them in version order", got)
	}
	if len(problems) != 2 || !strings.Contains(strings.Join(problems, "\n"), "r/latest/: a release directory is named by its version") ||
		!strings.Contains(strings.Join(problems, "\n"), "r/0.11.0/: every release keeps its bundle") {
		t.Errorf("problems %q", problems)
	}

	if err := os.MkdirAll(filepath.Join(dir, "empty"), 0o755); err != nil {
		t.Fatal(err)
	}
	if _, _, err := findReleases(dir, "empty"); err == nil || !strings.Contains(err.Error(), "no release under empty") {
		t.Errorf("no release: got %v", err)
	}
}
