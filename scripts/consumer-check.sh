#!/usr/bin/env bash
# The consuming-repository recipe, tested: examples/consumer is a separate module that generates
# its own models from this module's spec (by version via go.mod; here replaced by ../..), with its
# own oapi-codegen config, and must vet and test. Afterwards its committed files (generated code,
# go.mod, go.sum) must be unchanged: what go generate and the go command produce.
set -euo pipefail
cd "$(dirname "$0")/../examples/consumer"
go generate ./...
go vet ./...
go test ./...
# Changed or new files (compared with the index, which in CI is the commit).
if ! git diff --quiet -- . || [ -n "$(git ls-files --others --exclude-standard -- .)" ]; then
  echo "examples/consumer changed after go generate/vet/test (commit the regenerated files):"
  git status --short -- .
  git --no-pager diff --stat -- .
  exit 1
fi
echo "examples/consumer: generated code up to date, vet and tests pass"
