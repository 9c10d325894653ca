#!/usr/bin/env bash
# Builds the files for non-Go users from spec/enhanced-connections.yaml with the pinned Redocly
# (npm ci first):
#   dist/enhanced-connections.bundle.yaml  one self-contained file (the spec is already one file;
#   dist/enhanced-connections.bundle.json  the bundle is Redocly's normalised form of it)
#   dist/enhanced-connections.html         single-page reference, renders offline (scripts inlined)
# The bundles are committed, the HTML is not (dist/.gitignore); scripts/check-dist.sh rebuilds and
# fails if the committed bundles differ. scripts/check-docs-page.sh checks the HTML in a browser.
set -euo pipefail
cd "$(dirname "$0")/.."
export REDOCLY_TELEMETRY=off NO_UPDATE_NOTIFIER=1
spec=spec/enhanced-connections.yaml
mkdir -p dist

# Runs the pinned Redocly; prints its output without the Node.js deprecation banner.
redocly() {
  local out status=0
  out=$(npx --no-install redocly "$@" 2>&1) || status=$?
  printf '%s\n' "$out" | grep -v -e '║' -e '╔' -e '╚' -e '^\s*$' -e '^npm warn' || true
  return "$status"
}

redocly bundle "$spec" --ext yaml -o dist/enhanced-connections.bundle.yaml
redocly bundle "$spec" --ext json -o dist/enhanced-connections.bundle.json
redocly build-docs "$spec" --inlineBundle --title "DLI enhanced datasource connections API" \
  -o dist/enhanced-connections.html

for f in dist/enhanced-connections.bundle.yaml dist/enhanced-connections.bundle.json dist/enhanced-connections.html; do
  [ -s "$f" ] || { echo "missing or empty: $f" >&2; exit 1; }
done
ls -l dist/
