// Package testenv gives a test binary an environment in which nothing of the machine running the
// tests is used: no credential variable, no profile file or clouds.yaml of the user, and the ECS
// metadata service off, so that no test can dial 169.254.169.254 or act with someone's keys.
// Tests that need a source set it up themselves (t.Setenv, files in t.TempDir, the fake's
// platform services on loopback).
package testenv

import (
	"os"
	"path/filepath"
	"strings"

	"github.com/dli-openapi/enhanced-connections/wrapper/credentials"
)

// Isolate clears every variable the credentials chain reads or recognises, and the vendor's
// per-region endpoint overrides, points HOME at a new empty directory, and turns the metadata
// service off ($DLI_METADATA_DISABLED=true). Call it first in TestMain; run the tests, then call
// the returned function to remove the directory.
func Isolate() (cleanup func(), err error) {
	for _, name := range append(credentials.Variables(), credentials.OtherToolsVariables()...) {
		if err := os.Unsetenv(name); err != nil {
			return nil, err
		}
	}
	for _, kv := range os.Environ() {
		if name, _, _ := strings.Cut(kv, "="); strings.HasPrefix(name, "HUAWEICLOUD_SDK_") {
			if err := os.Unsetenv(name); err != nil {
				return nil, err
			}
		}
	}
	// The go command keeps its caches and settings under HOME by default; a test that runs it
	// (to build the CLI, say) must find them where they are, not rebuild and re-download all.
	if err := pinGoDirs(); err != nil {
		return nil, err
	}
	home, err := os.MkdirTemp("", "testenv-home-")
	if err != nil {
		return nil, err
	}
	if err := os.Setenv("HOME", home); err != nil {
		return nil, err
	}
	if err := os.Setenv(credentials.EnvMetadataDisabled, "true"); err != nil {
		return nil, err
	}
	return func() { _ = os.RemoveAll(home) }, nil
}

// pinGoDirs sets GOCACHE, GOPATH and GOENV to the go command's defaults for the current HOME,
// where they are not set.
func pinGoDirs() error {
	home, err := os.UserHomeDir()
	if err != nil {
		return nil // no HOME: the go command has no defaults under it either
	}
	defaults := map[string]string{"GOPATH": filepath.Join(home, "go")}
	if cache, err := os.UserCacheDir(); err == nil {
		defaults["GOCACHE"] = filepath.Join(cache, "go-build")
	}
	if config, err := os.UserConfigDir(); err == nil {
		defaults["GOENV"] = filepath.Join(config, "go", "env")
	}
	for name, value := range defaults {
		if os.Getenv(name) == "" {
			if err := os.Setenv(name, value); err != nil {
				return err
			}
		}
	}
	return nil
}
