#!/usr/bin/env bash
# Runs every benchmark of this module once (COUNT runs of each, interleaved), keeps the raw
# output, and prints the benchstat tables and the ratios against the floor and the vendor SDK.
#
#   ./run.sh                       # COUNT=6 BENCHTIME=1s, output in results/latest.txt
#   COUNT=10 OUT=/tmp/b.txt ./run.sh
#   ./run.sh results/latest.txt    # only print the tables of an earlier run
set -euo pipefail
cd "$(dirname "$0")"
export GOFLAGS="${GOFLAGS:--mod=mod}"
COUNT="${COUNT:-6}"
BENCHTIME="${BENCHTIME:-1s}"
OUT="${OUT:-results/latest.txt}"

if [ $# -gt 0 ]; then
  OUT="$1"
else
  mkdir -p "$(dirname "$OUT")"
  {
    echo "# $(go version)"
    echo "# nproc: $(nproc); cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
    echo "# load average before the run: $(cut -d' ' -f1-3 /proc/loadavg)"
    echo "# command: COUNT=$COUNT BENCHTIME=$BENCHTIME bench/run.sh"
  } >"$OUT"
  # The cross-check first: every client sends the same, correctly signed request.
  go test -count=1 -run '^TestClientsSendTheSameRequests$' .
  go test -run '^$' -bench . -benchmem -count "$COUNT" -benchtime "$BENCHTIME" -timeout 60m . | tee -a "$OUT"
  echo "# load average after the run: $(cut -d' ' -f1-3 /proc/loadavg)" >>"$OUT"
fi

clients='.name:(Create2 OR Create20000 OR Show OR List1000)'
echo
echo "## Clients, against the floor (plain net/http + encoding/json + our signer)"
go tool benchstat -filter "$clients" -col '/client@(floor ours-validate ours-novalidate vendor)' "$OUT"
echo
echo "## Clients, against the vendor SDK"
go tool benchstat -filter "$clients" -col '/client@(vendor ours-validate ours-novalidate floor)' "$OUT"
echo
echo "## Validation against json.Marshal of the same 20,000-host body"
go tool benchstat -filter '.name:BodyCreate20000' -col '/op@(json.Marshal validate)' "$OUT"
echo
echo "## Signing against SHA-256 of the same 717 KB"
go tool benchstat -filter '.name:SignCreate20000' -col '/op@(sha256 sign)' "$OUT"
echo
echo "## Ratios"
go run ./cmd/ratios "$OUT"
