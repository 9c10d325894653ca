#!/usr/bin/env bash
# Regenerates everything derived from spec/enhanced-connections.yaml, in dependency order, with
# the pinned tools (npm ci first for the Node ones):
#   gen/                      oapi-codegen (go generate)
#   internal/specrules/       the request rules, servers and info.version (go generate, internal/cmd/genrules)
#   wrapper/*.gen.go          the Client methods, encoders, decoders (go generate, genwrapper)
#   cmd/edsconn/*.gen.go      the CLI's commands (go generate, genwrapper)
#   dist/                     the bundles and the HTML reference (Redocly)
#   ts/dli.d.ts               the TypeScript types (openapi-typescript)
#   examples/consumer/        the consuming module's own models (its go generate)
# CI runs it and fails when the tree changed: nothing derived from the spec may be stale.
#
#   bash scripts/regenerate.sh            regenerate
#   bash scripts/regenerate.sh --check    regenerate, then fail if a tracked file changed
set -euo pipefail
cd "$(dirname "$0")/.."
export NO_UPDATE_NOTIFIER=1 REDOCLY_TELEMETRY=off
go generate ./...
bash scripts/build-spec-artifacts.sh >/dev/null
npx --no-install openapi-typescript spec/enhanced-connections.yaml -o ts/dli.d.ts >/dev/null
(cd examples/consumer && go generate ./...)
if [ "${1:-}" = "--check" ]; then
  if [ -n "$(git status --porcelain --untracked-files=all -- gen wrapper cmd dist ts examples spec internal/specrules)" ]; then
    echo "regenerating from the spec changed these files (run bash scripts/regenerate.sh and commit):"
    git status --porcelain --untracked-files=all -- gen wrapper cmd dist ts examples spec internal/specrules
    git --no-pager diff --stat
    exit 1
  fi
  echo "everything derived from the spec is up to date"
fi
