#!/usr/bin/env bash
# Headless Chromium loads the offline HTML reference from disk and must find every operation of
# the spec in the rendered page (see check-docs-page.mjs). Needs Debian's chromium
# (apt-get install -y --no-install-recommends chromium) and the files of build-spec-artifacts.sh.
# usage: scripts/check-docs-page.sh [page.html]
set -euo pipefail
cd "$(dirname "$0")/.."
command -v "${CHROMIUM:-chromium}" >/dev/null ||
  { echo "no ${CHROMIUM:-chromium}: apt-get install -y --no-install-recommends chromium" >&2; exit 1; }
for f in "${1:-dist/enhanced-connections.html}" dist/enhanced-connections.bundle.json; do
  [ -s "$f" ] || { echo "missing $f: run scripts/build-spec-artifacts.sh" >&2; exit 1; }
done
exec node scripts/check-docs-page.mjs "$@"
