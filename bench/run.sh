#!/usr/bin/env bash
# Runs every benchmark of this module in interleaved rounds (cmd/rounds: the test binary built
# once, then ROUNDS rounds, each running every benchmark once, every client of a workload one
# after the other, the first client rotating from round to round), keeps the raw output, and
# prints the benchstat tables, the ratios and the targets (cmd/ratios).
#
#   ./run.sh                          # ROUNDS=10 BENCHTIME=1s, output in results/latest.txt
#   ROUNDS=6 BENCHTIME=500ms OUT=/tmp/b.txt BENCH='Show|Create' ./run.sh
#   ./run.sh results/latest.txt       # only print the tables of an earlier run
#   COLD=results/coldstart.txt ./run.sh results/latest.txt   # with the cold-start targets
set -euo pipefail
cd "$(dirname "$0")"
export GOFLAGS="${GOFLAGS:--mod=mod}"
ROUNDS="${ROUNDS:-10}"
BENCHTIME="${BENCHTIME:-1s}"
BENCH="${BENCH:-.}"
OUT="${OUT:-results/latest.txt}"

if [ $# -gt 0 ]; then
  OUT="$1"
else
  mkdir -p "$(dirname "$OUT")"
  header="$(go version)
nproc: $(nproc); cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'); $(uname -sr)
load average before the run: $(cut -d' ' -f1-3 /proc/loadavg)
command: cd bench && ROUNDS=$ROUNDS BENCHTIME=$BENCHTIME BENCH='$BENCH' ./run.sh"
  printf '%s\n' "$header" | sed 's/^/# /'
  # The cross-check first: every client sends the same, correctly signed request, and every
  # decoder decodes the documented answers alike.
  go test -count=1 -run '^(TestClientsSendTheSameRequests|TestDocumentedAnswersAgree)$' ./ ./internal/decode
  go run ./cmd/rounds -rounds "$ROUNDS" -benchtime "$BENCHTIME" -bench "$BENCH" -out "$OUT" -header "$header"
  echo "# load average after the run: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT"
fi

cols='/client@(ours-validate ours-novalidate vendor floor loopback)'
for w in Create Show List Parallel; do
  echo
  echo "## $w"
  go tool benchstat -filter ".name:$w" -col "$cols" "$OUT"
done
echo
echo "## Decoders"
go tool benchstat -filter '.name:Decode' -col '/lib' "$OUT"
echo
echo "## Validation against json.Marshal of the same 20,000-host body"
go tool benchstat -filter '.name:BodyCreate20000' -col '/op@(json.Marshal validate)' "$OUT"
echo
echo "## Signing against SHA-256 of the same 717 KB"
go tool benchstat -filter '.name:SignCreate20000' -col '/op@(sha256 sign)' "$OUT"
echo
echo "## Ratios and targets"
go run ./cmd/ratios ${COLD:+-cold "$COLD"} "$OUT"
