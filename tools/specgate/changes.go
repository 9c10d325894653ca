package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os/exec"
	"strings"
)

// level is oasdiff's severity of a change. Its JSON output writes it as a number (ERR is 3); a
// name is accepted too, in case a later version writes names.
type level int

// oasdiff's levels (checker/rules in oasdiff v1.37.0).
const (
	levelInfo level = 1
	levelWarn level = 2
	levelErr  level = 3
)

func (l *level) UnmarshalJSON(data []byte) error {
	var n int
	if err := json.Unmarshal(data, &n); err == nil {
		*l = level(n)
		return nil
	}
	var s string
	if err := json.Unmarshal(data, &s); err != nil {
		return fmt.Errorf("oasdiff level %s: %w", data, err)
	}
	switch strings.ToUpper(s) {
	case "ERR", "ERROR":
		*l = levelErr
	case "WARN", "WARNING":
		*l = levelWarn
	case "INFO":
		*l = levelInfo
	default:
		return fmt.Errorf("oasdiff level %q is none of ERR, WARN, INFO", s)
	}
	return nil
}

// change is one entry of `oasdiff changelog --format json`.
type change struct {
	ID          string `json:"id"`
	Text        string `json:"text"`
	Level       level  `json:"level"`
	Operation   string `json:"operation"`
	OperationID string `json:"operationId"`
	Path        string `json:"path"`
}

// name is what CHANGELOG.md must mention for this change: the operationId, which is also the
// wrapper's method name; else the method and path; else the path; else (a change to a shared
// component) oasdiff's rule id.
func (c change) name() string {
	switch {
	case c.OperationID != "":
		return c.OperationID
	case c.Operation != "" && c.Path != "":
		return c.Operation + " " + c.Path
	case c.Path != "":
		return c.Path
	default:
		return c.ID
	}
}

// where is the method and path of the change, for messages.
func (c change) where() string {
	return strings.TrimSpace(c.Operation + " " + c.Path)
}

func breaking(changes []change) []change {
	var out []change
	for _, c := range changes {
		if c.Level >= levelErr {
			out = append(out, c)
		}
	}
	return out
}

// oasdiffRunner runs the oasdiff binary at path in dir.
type oasdiffRunner struct{ path, dir string }

// changelogText is oasdiff's human-readable changelog from base to revision.
func (o oasdiffRunner) changelogText(base, revision string) (string, error) {
	return o.run("changelog", "--color", "never", base, revision)
}

// changes is oasdiff's changelog from base to revision, every level.
func (o oasdiffRunner) changes(base, revision string) ([]change, error) {
	out, err := o.run("changelog", "--format", "json", base, revision)
	if err != nil {
		return nil, err
	}
	var changes []change
	if err := json.Unmarshal([]byte(out), &changes); err != nil {
		return nil, fmt.Errorf("oasdiff changelog --format json: %w", err)
	}
	return changes, nil
}

func (o oasdiffRunner) run(args ...string) (string, error) {
	cmd := exec.Command(o.path, args...)
	cmd.Dir = o.dir
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		return "", fmt.Errorf("oasdiff %s: %w: %s", strings.Join(args, " "), err, strings.TrimSpace(stderr.String()))
	}
	return stdout.String(), nil
}
