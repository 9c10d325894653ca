package main

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"go.yaml.in/yaml/v3"
)

// bundleName is the file each release directory keeps: the spec as Redocly bundled it.
const bundleName = "enhanced-connections.bundle.yaml"

// release is one directory spec/released/<version>/.
type release struct {
	v      version
	dir    string // relative to the repository, slash-separated, with a trailing slash
	bundle string // relative to the repository
}

// findReleases lists the release directories under releasedDir (relative to repo), oldest first,
// and what is wrong with any of them.
func findReleases(repo, releasedDir string) ([]release, []string, error) {
	entries, err := os.ReadDir(filepath.Join(repo, releasedDir))
	if err != nil {
		return nil, nil, fmt.Errorf("released bundles: %w", err)
	}
	var releases []release
	var problems []string
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		dir := path.Join(releasedDir, e.Name()) + "/"
		v, err := parseVersion(e.Name())
		if err != nil {
			problems = append(problems, fmt.Sprintf("%s: a release directory is named by its version: %v", dir, err))
			continue
		}
		r := release{v: v, dir: dir, bundle: path.Join(dir, bundleName)}
		got, err := infoVersion(filepath.Join(repo, r.bundle))
		switch {
		case err != nil:
			problems = append(problems, fmt.Sprintf("%s: every release keeps its bundle: %v", dir, err))
			continue
		case got != e.Name():
			problems = append(problems, fmt.Sprintf("%s says info.version %q, not its directory's %q", r.bundle, got, e.Name()))
		}
		releases = append(releases, r)
	}
	if len(releases) == 0 && len(problems) == 0 {
		return nil, nil, fmt.Errorf("no release under %s: the first release's bundle goes to %s/<version>/%s", releasedDir, releasedDir, bundleName)
	}
	sort.Slice(releases, func(i, j int) bool { return releases[i].v.compare(releases[j].v) < 0 })
	return releases, problems, nil
}

// infoVersion reads info.version of an OpenAPI document.
func infoVersion(file string) (string, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return "", err
	}
	var doc struct {
		Info struct {
			Version string `yaml:"version"`
		} `yaml:"info"`
	}
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return "", fmt.Errorf("%s: %w", file, err)
	}
	if doc.Info.Version == "" {
		return "", fmt.Errorf("%s has no info.version", file)
	}
	return doc.Info.Version, nil
}

// releasedFilesUnchanged checks with git that every file ever committed under a release
// directory is still there as the commit that added it left it, in the work tree. shallow
// reports a shallow clone, where history before its first commit cannot be seen.
func releasedFilesUnchanged(repo, releasedDir string) (problems []string, shallow bool, err error) {
	out, err := git(repo, "rev-parse", "--is-shallow-repository")
	if err != nil {
		return nil, false, err
	}
	shallow = strings.TrimSpace(out) == "true"
	// Newest first: the last commit seen for a file is the one that first added it.
	out, err = git(repo, "-c", "core.quotePath=false", "log", "--diff-filter=A", "--name-only", "--format=commit %H", "--", releasedDir)
	if err != nil {
		return nil, shallow, err
	}
	added := map[string]string{}
	var files []string
	commit := ""
	for _, l := range strings.Split(out, "\n") {
		switch {
		case strings.HasPrefix(l, "commit "):
			commit = strings.TrimPrefix(l, "commit ")
		case l != "":
			if _, seen := added[l]; !seen {
				files = append(files, l)
			}
			added[l] = commit
		}
	}
	sort.Strings(files)
	for _, f := range files {
		rel, _ := strings.CutPrefix(f, strings.TrimSuffix(releasedDir, "/")+"/")
		if !strings.Contains(rel, "/") {
			continue // spec/released/README.md and the like describe releases; they are no release
		}
		c := added[f]
		short := c[:min(12, len(c))]
		if _, err := os.Stat(filepath.Join(repo, f)); errors.Is(err, os.ErrNotExist) {
			problems = append(problems, fmt.Sprintf("%s was released in commit %s and is gone: released files are "+
				"never removed; restore it with: git checkout %s -- %s", f, short, short, f))
			continue
		}
		if _, err := git(repo, "diff", "--quiet", c, "--", f); err != nil {
			var exit *exec.ExitError
			if !errors.As(err, &exit) || exit.ExitCode() != 1 {
				return nil, shallow, err
			}
			problems = append(problems, fmt.Sprintf("%s changed after it was released in commit %s: released "+
				"files never change (a fix is a new version); restore it with: git checkout %s -- %s", f, short, short, f))
		}
	}
	return problems, shallow, nil
}

func git(repo string, args ...string) (string, error) {
	cmd := exec.Command("git", append([]string{"-C", repo}, args...)...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		return "", fmt.Errorf("git %s: %w: %s", strings.Join(args, " "), err, strings.TrimSpace(stderr.String()))
	}
	return stdout.String(), nil
}
