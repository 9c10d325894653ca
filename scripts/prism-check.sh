#!/usr/bin/env bash
# Starts Prism (pinned in package.json; npm ci first) as a validating mock of the spec on
# loopback, runs internal/prismcheck against it (every operation through the generated Go client
# with the seeds' examples must be accepted; invalid requests must be refused), stops Prism and
# exits with the check's status.
# usage: scripts/prism-check.sh        PRISM_PORT=4010 by default
set -euo pipefail
cd "$(dirname "$0")/.."
export NO_UPDATE_NOTIFIER=1
port="${PRISM_PORT:-4010}"
tmp=$(mktemp -d)
log="$tmp/prism.log" bin="$tmp/prismcheck" prism=""
stop() {
  if [ -n "$prism" ]; then kill -TERM -- "-$prism" 2>/dev/null || true; wait "$prism" 2>/dev/null || true; fi
  rm -rf "$tmp"
}
trap stop EXIT
trap 'exit 130' INT TERM

# Build first, so that compile time does not count against Prism's start.
go build -o "$bin" ./internal/prismcheck

if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
  echo "port $port on 127.0.0.1 is already in use; set PRISM_PORT" >&2
  exit 1
fi

# Own process group, so that the trap ends Prism and every process npx started for it.
setsid npx --no-install prism mock -h 127.0.0.1 -p "$port" spec/enhanced-connections.yaml >"$log" 2>&1 &
prism=$!

# Wait (at most 60 s) until Prism says it listens.
for _ in $(seq 600); do
  grep -q 'Prism is listening' "$log" && break
  if ! kill -0 "$prism" 2>/dev/null; then echo "prism exited:"; cat "$log"; exit 1; fi
  sleep 0.1
done
grep -q 'Prism is listening' "$log" || { echo "prism did not start within 60 s:"; cat "$log"; exit 1; }
echo "prism $(npx --no-install prism --version 2>/dev/null) listening on http://127.0.0.1:$port"

status=0
"$bin" -url "http://127.0.0.1:$port" || status=$?
if [ "$status" -ne 0 ]; then echo "--- prism log (last 40 lines)"; tail -n 40 "$log"; fi
exit "$status"
