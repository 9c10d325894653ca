// Command modzip writes the module zip of this repository's main module at a git revision, as
// the Go module proxy would serve it (golang.org/x/mod/zip: nested modules such as bench/ and
// ignored files are left out), and prints its size in bytes. weight.sh uses it to weigh our
// module, which the weight build takes from the local checkout through a replace directive.
//
//	go run ./cmd/modzip REPO_ROOT REVISION OUT.zip
package main

import (
	"fmt"
	"os"

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
	if err := zip.CreateFromVCS(f, m, root, rev, ""); err != nil {
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

func fail(err error) {
	fmt.Fprintln(os.Stderr, "modzip:", err)
	os.Exit(1)
}
