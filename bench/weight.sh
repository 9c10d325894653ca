#!/usr/bin/env bash
# Dependency weight of a minimal program that creates one connection, written with our
# wrapper and with the vendor SDK (github.com/huaweicloud/huaweicloud-sdk-go-v3 v0.1.207):
#   - download: what `go` fetches into an empty module cache to build it (module zips, .mod and
#     .info files: du of GOMODCACHE/cache/download), and the same unpacked;
#   - modules and packages linked into the binary;
#   - cold build time: `go build` with an empty GOCACHE (the standard library is compiled too,
#     equally for both), once plain and once with -trimpath -ldflags='-s -w';
#   - binary size of both builds.
# Our module is taken from this checkout through a replace directive, so go downloads only its
# dependencies; the table adds the size of our module's zip as the proxy would serve it for
# HEAD (bench/cmd/modzip, golang.org/x/mod/zip) to count it the way the vendor module is counted.
# Prints a markdown table. Needs the Go module proxy (or a module cache that holds the modules:
# GOPROXY is tried with the local cache first).
set -euo pipefail
cd "$(dirname "$0")"
BENCH_DIR=$(pwd)
REPO=$(cd .. && pwd)
VENDOR_VERSION=v0.1.207
ORIG_PROXY=$(go env GOPROXY)
LOCAL_CACHE=$(go env GOMODCACHE)/cache/download
WORK=$(mktemp -d)
trap 'chmod -R u+w "$WORK" 2>/dev/null; rm -rf "$WORK"' EXIT

# Our module zip, built once with the normal caches.
OUR_ZIP=$(go run ./cmd/modzip "$REPO" HEAD "$WORK/ours.zip")

write_program() { # dir variant
  local dir=$1 variant=$2
  mkdir -p "$dir"
  if [ "$variant" = ours ]; then
    cat >"$dir/go.mod" <<EOF
module weight/ours

go 1.26

require github.com/dli-openapi/enhanced-connections v0.0.0-00010101000000-000000000000

replace github.com/dli-openapi/enhanced-connections => $REPO
EOF
    cp "$BENCH_DIR/cmd/weight/ours/main.go" "$dir/main.go"
  else
    cat >"$dir/go.mod" <<EOF
module weight/vendor

go 1.26

require github.com/huaweicloud/huaweicloud-sdk-go-v3 $VENDOR_VERSION
EOF
    cp "$BENCH_DIR/cmd/weight/vendor/main.go" "$dir/main.go"
  fi
}

timed() { # command... ; prints "wall cpu" in seconds (cpu = user + sys of the command and its children)
  local t
  t=$( { TIMEFORMAT='%R %U %S'; time "$@" >/dev/null 2>&1; } 2>&1 )
  awk -v t="$t" 'BEGIN { split(t, a, " "); printf "%.1f %.1f\n", a[1], a[2] + a[3] }'
}

mb() { awk -v b="$1" 'BEGIN { printf "%.1f MB", b / 1e6 }'; }

declare -A R
for variant in ours vendor; do
  dir=$WORK/$variant
  write_program "$dir/src" "$variant"
  # go.sum, with a throwaway cache.
  (cd "$dir/src" && GOMODCACHE=$WORK/tidycache GOPROXY="file://$LOCAL_CACHE,$ORIG_PROXY" GOFLAGS=-mod=mod go mod tidy >/dev/null 2>&1)
  export GOMODCACHE=$dir/modcache GOCACHE=$dir/listcache GOPROXY="file://$LOCAL_CACHE,$ORIG_PROXY" GOFLAGS=-mod=mod
  pushd "$dir/src" >/dev/null
  # Download exactly what the build needs (the module graph's go.mod files, the zips of the
  # modules that provide linked packages), nothing for tests.
  go list -deps . >/dev/null
  R[$variant,dl]=$(du -sb "$GOMODCACHE/cache/download" | cut -f1)
  R[$variant,unpacked]=$(du -sb --exclude=cache "$GOMODCACHE" | cut -f1)
  R[$variant,modules]=$(go list -deps -f '{{with .Module}}{{if not .Main}}{{.Path}}{{end}}{{end}}' . | sort -u | grep -c . || true)
  R[$variant,pkgs]=$(go list -deps -f '{{if not .Standard}}{{.ImportPath}}{{end}}' . | grep -c . || true)
  export GOCACHE=$dir/gocache
  read -r R[$variant,cold] R[$variant,coldcpu] < <(timed go build -o "$dir/bin-default" .)
  export GOCACHE=$dir/gocache2
  read -r R[$variant,coldstripped] R[$variant,coldstrippedcpu] < <(timed go build -trimpath -ldflags='-s -w' -o "$dir/bin-stripped" .)
  R[$variant,bin]=$(stat -c %s "$dir/bin-default")
  R[$variant,binstripped]=$(stat -c %s "$dir/bin-stripped")
  popd >/dev/null
  unset GOMODCACHE GOCACHE GOPROXY GOFLAGS
done

ours_total=$(( ${R[ours,dl]} + OUR_ZIP ))
echo "Minimal program that creates one connection; $(go version | cut -d' ' -f3), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)."
echo
echo "| | ours (wrapper + gen) | vendor SDK $VENDOR_VERSION | vendor / ours |"
echo "|---|---|---|---|"
printf "| download into an empty module cache | %s (%s of dependencies + %s our module zip) | %s | %.1fx |\n" \
  "$(mb $ours_total)" "$(mb ${R[ours,dl]})" "$(mb $OUR_ZIP)" "$(mb ${R[vendor,dl]})" "$(awk -v a=${R[vendor,dl]} -v b=$ours_total 'BEGIN{print a/b}')"
printf "| unpacked module cache | %s (+ our tree) | %s | %.1fx |\n" \
  "$(mb ${R[ours,unpacked]})" "$(mb ${R[vendor,unpacked]})" "$(awk -v a=${R[vendor,unpacked]} -v b=${R[ours,unpacked]} 'BEGIN{print a/b}')"
printf "| modules linked (besides the program) | %s | %s | |\n" "${R[ours,modules]}" "${R[vendor,modules]}"
printf "| non-standard packages linked | %s | %s | |\n" "${R[ours,pkgs]}" "${R[vendor,pkgs]}"
printf "| cold build, \`go build\`: wall / CPU | %s s / %s s | %s s / %s s | %.1fx / %.1fx |\n" "${R[ours,cold]}" "${R[ours,coldcpu]}" "${R[vendor,cold]}" "${R[vendor,coldcpu]}" \
  "$(awk -v a=${R[vendor,cold]} -v b=${R[ours,cold]} 'BEGIN{print a/b}')" "$(awk -v a=${R[vendor,coldcpu]} -v b=${R[ours,coldcpu]} 'BEGIN{print a/b}')"
printf "| cold build, \`-trimpath -ldflags='-s -w'\`: wall / CPU | %s s / %s s | %s s / %s s | %.1fx / %.1fx |\n" "${R[ours,coldstripped]}" "${R[ours,coldstrippedcpu]}" "${R[vendor,coldstripped]}" "${R[vendor,coldstrippedcpu]}" \
  "$(awk -v a=${R[vendor,coldstripped]} -v b=${R[ours,coldstripped]} 'BEGIN{print a/b}')" "$(awk -v a=${R[vendor,coldstrippedcpu]} -v b=${R[ours,coldstrippedcpu]} 'BEGIN{print a/b}')"
printf "| binary, default | %s | %s | %.1fx |\n" "$(mb ${R[ours,bin]})" "$(mb ${R[vendor,bin]})" "$(awk -v a=${R[vendor,bin]} -v b=${R[ours,bin]} 'BEGIN{print a/b}')"
printf "| binary, \`-trimpath -ldflags='-s -w'\` | %s | %s | %.1fx |\n" "$(mb ${R[ours,binstripped]})" "$(mb ${R[vendor,binstripped]})" "$(awk -v a=${R[vendor,binstripped]} -v b=${R[ours,binstripped]} 'BEGIN{print a/b}')"
