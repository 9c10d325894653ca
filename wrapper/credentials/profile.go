package credentials

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"os"
	"strings"
)

// The vendor SDK's profile file (core/auth/provider/profile_provider.go): an INI file whose
// [basic] section holds the keys of project-scoped services such as DLI.
const (
	EnvCredentialsFile = "HUAWEICLOUD_SDK_CREDENTIALS_FILE"
	profileDir         = ".huaweicloud"
	profileFile        = "credentials"
	profileSection     = "basic"
)

// maxConfigFile bounds the configuration files read: a profile or clouds.yaml is a few kilobytes.
const maxConfigFile = 1 << 20

// readConfigFile reads a configuration file, bounded.
func readConfigFile(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer func() { _ = f.Close() }()
	b, err := io.ReadAll(io.LimitReader(f, maxConfigFile+1))
	if err != nil {
		return nil, err
	}
	if len(b) > maxConfigFile {
		return nil, fmt.Errorf("%s is longer than %d bytes", path, maxConfigFile)
	}
	return b, nil
}

// parseINI reads the key = value pairs of one section of an INI file: the subset the vendor's
// profiles use (sections, '#' and ';' comments, values optionally in quotes). A key given twice
// keeps its last value, as gopkg.in/ini.v1 (the vendor's parser) does.
func parseINI(data []byte, section string) (map[string]string, bool, error) {
	var (
		current string
		found   bool
		values  = map[string]string{}
	)
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 0, 4096), maxConfigFile)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if n == 1 {
			line = strings.TrimPrefix(line, "\ufeff")
		}
		switch {
		case line == "" || line[0] == '#' || line[0] == ';':
			continue
		case line[0] == '[':
			end := strings.IndexByte(line, ']')
			if end < 0 {
				return nil, false, fmt.Errorf("line %d: section header without ']'", n)
			}
			current = strings.TrimSpace(line[1:end])
			found = found || current == section
			continue
		}
		if current != section {
			continue
		}
		eq := strings.IndexAny(line, "=:")
		if eq < 0 {
			return nil, false, fmt.Errorf("line %d: want key = value", n)
		}
		key, value := strings.TrimSpace(line[:eq]), strings.TrimSpace(line[eq+1:])
		if len(value) >= 2 && (value[0] == '"' || value[0] == '\'' || value[0] == '`') && value[len(value)-1] == value[0] {
			value = value[1 : len(value)-1]
		}
		values[key] = value
	}
	return values, found, sc.Err()
}
