// Command modzip writes the module zip of this repository's main module at a git revision, as
// the Go module proxy would serve it (golang.org/x/mod/zip: nested modules such as bench/ and
// ignored files are left out), and prints its size in bytes. weight.sh uses it to weigh our
// module, which the weight build takes from the local checkout through a replace directive.
//
//	go run ./cmd/modzip REPO_ROOT REVISION OUT.zip
package main

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strings"

	"golang.org/x/mod/module"
	"golang.org/x/mod/zip"
)

func main() {
	if len(os.Args) != 4 {
		fmt.Fprintln(os.Stderr, "usage: modzip REPO_ROOT REVISION OUT.zip")
		os.Exit(2)
	}
	root, rev, out := os.Args[1], os.Args[2], os.Args[3]
	f, err := os.Create(out)
	if err != nil {
		fail(err)
	}
	m := module.Version{Path: "github.com/dli-openapi/enhanced-connections", Version: "v0.0.0-20260101000000-000000000000"}
	err = zip.CreateFromVCS(f, m, root, rev, "")
	var notRepo *zip.UnrecognizedVCSError
	if errors.As(err, &notRepo) {
		// A git worktree: its .git is a file, which CreateFromVCS does not recognise. Zip the
		// same commit from a clone of it.
		err = fromClone(f, m, root, rev)
	}
	if err != nil {
		fail(err)
	}
	st, err := f.Stat()
	if err != nil {
		fail(err)
	}
	if err := f.Close(); err != nil {
		fail(err)
	}
	fmt.Println(st.Size())
}

// fromClone writes the module zip of rev (resolved in root first, so that HEAD means the
// worktree's HEAD) from a temporary clone of root.
func fromClone(f *os.File, m module.Version, root, rev string) error {
	hash, err := exec.Command("git", "-C", root, "rev-parse", "--verify", rev+"^{commit}").Output()
	if err != nil {
		return fmt.Errorf("git rev-parse %s: %w", rev, err)
	}
	tmp, err := os.MkdirTemp("", "modzip")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	if out, err := exec.Command("git", "clone", "--quiet", "--no-checkout", root, tmp).CombinedOutput(); err != nil {
		return fmt.Errorf("git clone: %w: %s", err, out)
	}
	return zip.CreateFromVCS(f, m, tmp, strings.TrimSpace(string(hash)), "")
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "modzip:", err)
	os.Exit(1)
}
