#!/usr/bin/env bash
# TypeScript proof: openapi-typescript (pinned; npm ci first) regenerates ts/dli.d.ts from the
# spec, which must equal the committed file, then tsc --strict type-checks the example client
# ts/client.ts against it (its @ts-expect-error lines prove the types reject wrong values).
set -euo pipefail
cd "$(dirname "$0")/.."
export NO_UPDATE_NOTIFIER=1
npx --no-install openapi-typescript spec/enhanced-connections.yaml -o ts/dli.d.ts
# Changed or new files (compared with the index, which in CI is the commit).
if ! git diff --quiet -- ts/ || [ -n "$(git ls-files --others --exclude-standard -- ts/)" ]; then
  echo "ts/ changed after regeneration (run npm run ts:generate and commit ts/dli.d.ts):"
  git status --short -- ts/
  git --no-pager diff --stat -- ts/
  exit 1
fi
npx --no-install tsc --strict --noEmit -p ts
echo "tsc --strict: ts/dli.d.ts and ts/client.ts compile"
