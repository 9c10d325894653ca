#!/usr/bin/env bash
# The spec's breaking-change gate (tools/specgate): compares spec/enhanced-connections.yaml with
# the bundle of the newest release under spec/released/, prints oasdiff's changelog, and fails
# when README's versioning policy is broken (a breaking change without the version bump and the
# CHANGELOG.md entry it needs, info.version going backwards, a released file edited). oasdiff is
# the version tools/go.mod pins, built by the go command (cached after the first build).
# Extra arguments go to specgate (-h lists them).
set -euo pipefail
cd "$(dirname "$0")/.."
oasdiff=$(go -C tools tool -n oasdiff)
bin=$(mktemp -d)
trap 'rm -rf "$bin"' EXIT
go -C tools build -o "$bin/specgate" ./specgate
"$bin/specgate" -repo "$PWD" -oasdiff "$oasdiff" "$@"
