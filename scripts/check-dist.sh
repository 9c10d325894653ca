#!/usr/bin/env bash
# Rebuilds dist/ (scripts/build-spec-artifacts.sh) and fails if the committed bundles
# (dist/enhanced-connections.bundle.yaml and .json) differ from what the spec gives now, or if
# Redocly's lint finds anything in them.
# The HTML page is built too but not committed (dist/.gitignore); Redocly builds it
# byte-for-byte reproducibly, so it could be.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build-spec-artifacts.sh
# Changed or new files (compared with the index, which in CI is the commit).
if ! git diff --quiet -- dist/ || [ -n "$(git ls-files --others --exclude-standard -- dist/)" ]; then
  echo "dist/ differs from what the spec builds (run npm run build and commit dist/):"
  git status --short -- dist/
  git --no-pager diff --stat -- dist/
  exit 1
fi
# The files other teams download are valid too (same rules as the spec: redocly.yaml).
for f in dist/enhanced-connections.bundle.yaml dist/enhanced-connections.bundle.json; do
  out=$(REDOCLY_TELEMETRY=off npx --no-install redocly lint --format=stylish "$f" 2>&1) || { echo "$out"; exit 1; }
  if echo "$out" | grep -Eq 'You have [0-9]+ warning'; then echo "$out"; echo "redocly warns about $f"; exit 1; fi
  echo "redocly lint $f: valid, no warnings"
done
echo "dist/ bundles are up to date with the spec"
