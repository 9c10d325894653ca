package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// config says where things are; paths other than repo and oasdiff are relative to repo.
type config struct {
	repo, oasdiff, spec, released, changelog string
}

// gate runs the whole check and prints oasdiff's changelog to out. An error means the gate could
// not decide (a missing file, oasdiff failing); problems are the policy's verdict.
func gate(cfg config, out io.Writer) ([]string, error) {
	releases, problems, err := findReleases(cfg.repo, cfg.released)
	if err != nil {
		return nil, err
	}
	edited, shallow, err := releasedFilesUnchanged(cfg.repo, cfg.released)
	if err != nil {
		return nil, err
	}
	problems = append(problems, edited...)
	if shallow {
		fmt.Fprintln(out, "spec-gate: warning: shallow clone: released files are checked only against the history it has")
	}
	if len(releases) == 0 {
		return problems, nil
	}
	newest := releases[len(releases)-1]

	raw, err := infoVersion(filepath.Join(cfg.repo, cfg.spec))
	if err != nil {
		return nil, err
	}
	current, err := parseVersion(raw)
	if err != nil {
		return append(problems, fmt.Sprintf("info.version of %s: %v", cfg.spec, err)), nil
	}

	od := oasdiffRunner{path: cfg.oasdiff, dir: cfg.repo}
	fmt.Fprintf(out, "spec-gate: %s (info.version %s) against the newest release, %s (%s)\n", cfg.spec, current, newest.v, newest.bundle)
	text, err := od.changelogText(newest.bundle, cfg.spec)
	if err != nil {
		return nil, err
	}
	fmt.Fprintf(out, "--- oasdiff changelog %s %s\n%s\n---\n", newest.bundle, cfg.spec, strings.TrimRight(text, "\n"))
	changes, err := od.changes(newest.bundle, cfg.spec)
	if err != nil {
		return nil, err
	}

	logText, err := os.ReadFile(filepath.Join(cfg.repo, cfg.changelog))
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	verdict := decide(decision{
		released: newest.v, releasedDir: newest.dir, current: current, specPath: cfg.spec,
		changes: changes, log: parseChangelog(string(logText)), logPath: cfg.changelog,
	})
	fmt.Fprintf(out, "spec-gate: %d change(s) from %s to %s, %d breaking (ERR)\n", len(changes), newest.v, current, len(breaking(changes)))
	return append(problems, verdict...), nil
}
