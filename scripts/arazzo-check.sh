#!/usr/bin/env bash
# The Arazzo workflows (spec/enhanced-connections.arazzo.yaml), linted and run (npm ci first):
#   1. Spectral (spectral:arazzo) and Redocly (recommended-strict) lint them, zero findings;
#   2. Redocly Respect runs every workflow against a fresh `edsconn fake-server --require-auth`
#      on 127.0.0.1 with a random IAM token: create and verify, wait, bind queues, bind pools,
#      share, delete, each checking every answer against the spec as it goes;
#   3. it must fail, and at once, when a peering ends FAILED (a second fake fails queue
#      q_failing), and it must fail on a copy whose last check can never hold: a run that
#      passes proves something only if a broken one fails.
# Every Node process runs under strace: a connect() to anything but 127.0.0.1 (a DNS lookup
# included) fails the script, which proves that the tools need no network and send no telemetry.
set -euo pipefail
cd "$(dirname "$0")/.."
export REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true NO_UPDATE_NOTIFIER=1 SCARF_ANALYTICS=false DO_NOT_TRACK=1
flows=spec/enhanced-connections.arazzo.yaml
project=48cc2c48765f481480c7db940d6409d1

if ! command -v strace >/dev/null; then
  sudo_cmd=""
  if [ "$(id -u)" != 0 ]; then sudo_cmd="sudo"; fi
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends strace >/dev/null
fi

tmp=$(mktemp -d)
fakes=()
stop() {
  for p in "${fakes[@]}"; do kill -TERM "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done
  rm -rf "$tmp"
}
trap stop EXIT
trap 'exit 130' INT TERM

# beyond TRACE prints the lines of an strace log that connected or sent a datagram anywhere but
# 127.0.0.1, or to a DNS port.
beyond() {
  grep -E 'sa_family=AF_INET6?' "$1" | grep -vE 'inet_addr\("127\.0\.0\.1"\)|"::1"|"::ffff:127\.0\.0\.1"' || true
  grep -E 'htons\(53\)' "$1" || true
}
trace_net() { strace -f -qq --seccomp-bpf -e trace=connect,sendto,sendmsg -o "$@"; }

# offline runs a command under strace and fails the script when it reached beyond 127.0.0.1;
# otherwise it returns the command's status.
traces=0
offline() {
  traces=$((traces + 1))
  local trace="$tmp/trace.$traces" status=0 outside
  trace_net "$trace" "$@" || status=$?
  outside=$(beyond "$trace")
  if [ -n "$outside" ]; then
    printf 'network access beyond 127.0.0.1 by %s:\n%s\n' "$*" "$outside"
    exit 1
  fi
  printf '   [strace: no connect() beyond 127.0.0.1; %s in all]\n' "$(grep -c 'connect(' "$trace" || true)"
  return "$status"
}

# The check must be able to fail: a connection to 127.0.0.2 (loopback, so nothing leaves the
# machine, but not the one address allowed) must show.
trace_net "$tmp/selftest" node -e 'require("net").connect(9, "127.0.0.2").on("error", () => {})'
if [ -z "$(beyond "$tmp/selftest")" ]; then echo "strace saw no connect(): the network check would prove nothing"; exit 1; fi

# quiet drops the banner Redocly prints on Node 20 (boxed in ║ ╔ ╚) and blank lines.
quiet() { grep -v '║\|╔\|╚' | grep -v '^\s*$' || true; }

version() { node -p "require('$1/package.json').version"; }

echo "-- lint: Spectral $(version @stoplight/spectral-cli) (spectral:arazzo, .spectral-arazzo.yaml)"
offline npx --no-install spectral lint --ruleset .spectral-arazzo.yaml --fail-severity=hint "$flows"

echo "-- lint: Redocly $(version @redocly/cli) (recommended-strict, redocly-arazzo.yaml)"
out=$(offline npx --no-install redocly lint --config redocly-arazzo.yaml --format=stylish "$flows" 2>&1) || { echo "$out"; exit 1; }
echo "$out" | quiet
if echo "$out" | grep -Eq 'You have [0-9]+ warning'; then echo "redocly reported warnings"; exit 1; fi

# Build first, so that compile time does not count against the fakes' start.
go build -o "$tmp/edsconn" ./cmd/edsconn
token=$(od -An -tx1 -N16 /dev/urandom | tr -d ' \n')

# start_fake NAME FLAGS...: an edsconn fake-server on a free loopback port that takes only the
# token; sets url_NAME. Its request log goes to $tmp/NAME.log.
start_fake() {
  local name=$1
  shift
  env -u HUAWEICLOUD_SDK_AK -u HUAWEICLOUD_SDK_SK HUAWEICLOUD_SDK_AUTH_TOKEN="$token" \
    "$tmp/edsconn" fake-server --require-auth --addr 127.0.0.1:0 --log "$@" >"$tmp/$name.url" 2>"$tmp/$name.log" &
  fakes+=($!)
  for _ in $(seq 100); do
    [ -s "$tmp/$name.url" ] && break
    kill -0 "$!" 2>/dev/null || { cat "$tmp/$name.log"; exit 1; }
    sleep 0.1
  done
  [ -s "$tmp/$name.url" ] || { echo "fake $name did not start within 10 s"; cat "$tmp/$name.log"; exit 1; }
  printf -v "url_$name" '%s' "$(cat "$tmp/$name.url")"
}
start_fake main --activation-delay 1s
start_fake failing --activation-delay 0s --fail-peering 'q_failing=CIDR overlaps'
echo "-- fakes: $url_main (peerings ACTIVE after 1 s), $url_failing (at once; q_failing's FAILED)"

# run NAME FILE URL INPUT_JSON WORKFLOW...: Respect runs the workflows, in the document's order,
# with the inputs (the token included) from the environment, not the command line. Its JSON
# log is $tmp/NAME.json.
run() {
  local name=$1 file=$2 url=$3 input=$4 status=0 args=()
  shift 4
  for w in "$@"; do args+=(-w "$w"); done
  echo "-- redocly respect ${args[*]} --server dli=$url"
  REDOCLY_CLI_RESPECT_INPUT="$input" offline npx --no-install redocly respect "$file" --server "dli=$url" \
    "${args[@]}" --execution-timeout 300000 -J "$tmp/$name.json" >"$tmp/$name.out" 2>&1 || status=$?
  quiet <"$tmp/$name.out"
  if grep -q "$token" "$tmp/$name.out" "$tmp/$name.json"; then echo "the token appears in Respect's output"; exit 1; fi
  return "$status"
}

# result NAME [connection]: from Respect's JSON log, the ids of the steps that failed (one a
# line; a step retried counts by its last run), or with `connection` the connection id the
# create step was answered.
result() {
  node -e '
    const doc = require(process.argv[1]);
    const steps = [];
    const walk = (list) => {
      const last = new Map();
      for (const s of list) {
        if (s.type === "step") last.set(s.stepId, s);
        if (s.executedSteps) walk(s.executedSteps);
      }
      steps.push(...last.values());
    };
    for (const f of Object.values(doc.files)) walk(f.executedWorkflows);
    if (process.argv[2] === "connection") {
      console.log(steps.find((s) => s.stepId === "create").response.body.connection_id);
    } else {
      for (const s of steps) if (s.status !== "success") console.log(s.stepId);
    }' "$tmp/$1.json" "${2:-}"
}

target="\"project_id\":\"$project\",\"auth_token\":\"$token\""
run create "$flows" "$url_main" "{$target,\"name\":\"arazzo_ci\"}" createAndVerifyConnection
conn=$(result create connection)
# The other workflows on that connection; the bind adds q3 to the q1 and q2 of the create.
run others "$flows" "$url_main" "{$target,\"connection_id\":\"$conn\",\"queues\":[\"q3\"]}" \
  waitUntilActive bindQueuesAndWait bindElasticResourcePoolsAndWait shareConnection deleteConnection
ran=$(node -p 'require(process.argv[1]).files[process.argv[2]].executedWorkflows.map((w) => w.workflowId).join(" ")' "$tmp/others.json" "$flows")
if [ "$ran" != "waitUntilActive bindQueuesAndWait bindElasticResourcePoolsAndWait shareConnection deleteConnection" ]; then
  echo "Respect ran the workflows in another order: $ran"; exit 1
fi

echo "== must fail: a peering ends FAILED, and the wait stops at the first poll that says so"
if run failing "$flows" "$url_failing" "{$target,\"queues\":[\"q1\",\"q_failing\"]}" createAndVerifyConnection; then
  echo "the workflow passed although a peering FAILED"; exit 1
fi
polls=$(grep -c 'operation=ShowEnhancedConnection ' "$tmp/failing.log" || true)
failed=$(result failing | xargs)
if [ "$polls" != 1 ] || [ "$failed" != poll ]; then
  echo "want one poll and the step poll failed, got $polls polls and failed steps: $failed"; exit 1
fi
echo "   failed as it must: step $failed, after $polls poll"

echo "== must fail: a copy whose last check can never hold (the listed connection counted twice)"
mkdir "$tmp/copy"
cp spec/enhanced-connections.yaml "$tmp/copy/"
node -e '
  const fs = require("fs");
  const [src, dst, from, to] = process.argv.slice(1);
  const text = fs.readFileSync(src, "utf8");
  if (text.split(from).length !== 2) {
    console.error(`want ${from} once in ${src}: did the list step change? update this script`);
    process.exit(1);
  }
  fs.writeFileSync(dst, text.replace(from, to));' "$flows" "$tmp/copy/${flows##*/}" \
  "[?@.id == {\$steps.create.outputs.connection_id}]) == 1]" "[?@.id == {\$steps.create.outputs.connection_id}]) == 2]"
# On the second fake, whose peerings of q1 and q2 are ACTIVE at once: no wait before the check.
if run copy "$tmp/copy/${flows##*/}" "$url_failing" "{$target,\"name\":\"arazzo_ci_copy\"}" createAndVerifyConnection; then
  echo "the workflow passed with a criterion that cannot hold"; exit 1
fi
failed=$(result copy | xargs)
if [ "$failed" != list ]; then echo "want only the step list failed, got: $failed"; exit 1; fi
echo "   failed as it must: step $failed"
echo "arazzo: linted clean; every workflow passed against the fake; the two broken runs failed"
