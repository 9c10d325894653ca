package main

import (
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/dli-openapi/enhanced-connections/fake"
)

// queuedFault is one -fault flag: a fault for an operation ("" for any), times copies.
type queuedFault struct {
	raw       string
	operation string
	fault     fake.Fault
	times     int
}

// faultsFlag collects -fault flags in the order given, which is the order they are queued.
type faultsFlag []queuedFault

func (f *faultsFlag) String() string {
	raws := make([]string, len(*f))
	for i, q := range *f {
		raws[i] = q.raw
	}
	return strings.Join(raws, " ")
}

func (f *faultsFlag) Set(v string) error {
	q, err := parseFault(v)
	if err != nil {
		return err
	}
	*f = append(*f, q)
	return nil
}

// parseFault reads [OPERATION:]ITEM[,ITEM...]; see fakeServerUsage for the items. An operation
// name has no colon and no item has one, so the first colon is the separator.
func parseFault(v string) (queuedFault, error) {
	q := queuedFault{raw: v, times: 1}
	items := v
	if op, rest, ok := strings.Cut(v, ":"); ok {
		if op == "" {
			return q, errors.New("empty operation before ':'")
		}
		q.operation, items = op, rest
	}
	if items == "" {
		return q, errors.New("no fault items")
	}
	f := &q.fault
	for _, item := range strings.Split(items, ",") {
		name, value, hasValue := strings.Cut(item, "=")
		var err error
		switch {
		case !hasValue && name == "html":
			f.HTML = true
		case !hasValue && name == "drop":
			f.Drop = true
		case !hasValue && name == "after":
			f.AfterHandler = true
		case hasValue && name == "delay":
			f.Delay, err = positiveDuration(value)
		case hasValue && name == "retry-after":
			f.RetryAfter, err = positiveDuration(value)
		case hasValue && name == "times":
			q.times, err = strconv.Atoi(value)
			if err == nil && q.times < 1 {
				err = errors.New("must be at least 1")
			}
		case !hasValue:
			f.Status, err = strconv.Atoi(name)
			if err != nil || f.Status < 400 || f.Status > 599 {
				return q, fmt.Errorf("unknown fault item %q (a status is 400-599)", item)
			}
		default:
			return q, fmt.Errorf("unknown fault item %q", item)
		}
		if err != nil {
			return q, fmt.Errorf("%s: %w", item, err)
		}
	}
	if f.Status == 0 && f.RetryAfter == 0 && !f.Drop && f.Delay == 0 {
		return q, errors.New("a fault needs a status, retry-after, drop or delay")
	}
	if f.HTML && f.Status == 0 && f.RetryAfter == 0 {
		return q, errors.New("html needs a status")
	}
	if f.Drop && (f.Status != 0 || f.HTML || f.RetryAfter != 0) {
		return q, errors.New("drop sends no status: it does not combine with a status, html or retry-after")
	}
	return q, nil
}

func positiveDuration(s string) (time.Duration, error) {
	d, err := time.ParseDuration(s)
	if err == nil && d <= 0 {
		err = errors.New("must be positive")
	}
	return d, err
}

// pair is one NAME=VALUE flag.
type pair struct{ key, value string }

// pairsFlag collects repeatable NAME=VALUE flags; both sides must be given.
type pairsFlag []pair

func (p *pairsFlag) String() string {
	out := make([]string, len(*p))
	for i, kv := range *p {
		out[i] = kv.key + "=" + kv.value
	}
	return strings.Join(out, " ")
}

func (p *pairsFlag) Set(v string) error {
	k, val, ok := strings.Cut(v, "=")
	if !ok || k == "" || val == "" {
		return fmt.Errorf("want NAME=VALUE, got %q", v)
	}
	*p = append(*p, pair{k, val})
	return nil
}

// metadataTokenFlag is -metadata-token: whether the fake metadata service requires a session
// token, makes it optional (the default) or has no token API at all (v1).
type metadataTokenFlag struct {
	mode fake.MetadataMode
	set  bool
}

// metadataTokenModes are -metadata-token's values.
var metadataTokenModes = map[string]fake.MetadataMode{
	"required": fake.MetadataRequireToken,
	"optional": 0,
	"absent":   fake.MetadataNoTokenService,
}

func (m *metadataTokenFlag) String() string {
	for name, mode := range metadataTokenModes {
		if m != nil && mode == m.mode {
			return name
		}
	}
	return "optional"
}

func (m *metadataTokenFlag) Set(v string) error {
	mode, ok := metadataTokenModes[v]
	if !ok {
		return fmt.Errorf("want required, optional or absent, got %q", v)
	}
	m.mode, m.set = mode, true
	return nil
}

// stringsFlag collects a repeatable flag's non-empty values in the order given.
type stringsFlag []string

func (s *stringsFlag) String() string { return strings.Join(*s, " ") }

func (s *stringsFlag) Set(v string) error {
	if v == "" {
		return errors.New("must not be empty")
	}
	*s = append(*s, v)
	return nil
}

// readTokenFile reads the token a flag names by file, so that it stays out of ps and shell
// history; blanks around it are dropped, as the vendor SDK drops them from its token files. The
// errors never quote the file's content.
func readTokenFile(flagName, path string) (string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return "", fmt.Errorf("-%s: %w", flagName, err)
	}
	token := strings.TrimSpace(string(b))
	if token == "" {
		return "", fmt.Errorf("-%s: %s is empty", flagName, path)
	}
	return token, nil
}
