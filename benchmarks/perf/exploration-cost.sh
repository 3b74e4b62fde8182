#!/usr/bin/env bash
# Issue 20: what the exploration slot costs the served path. Two nodes on this machine, the same store loaded in
# each (20,000 products and shoppers, 5 views each; every product is a new arrival, launched by the catalog when it
# was uploaded, so the slot works on every home list), one with the defaults and one with
# ranking.exploration.exposureFloor: 0 (exploration off). wrk on GET /v1/recommendations for a random shopper,
# alternated between the two, ROUNDS times; prints requests/s and the node's CPU time per request (user + system
# of all its threads, from /proc) for each, and the ratios on / off.
#
#   benchmarks/perf/exploration-cost.sh      # ROUNDS=3 pairs of SECONDS_PER_RUN=15 s, 32 connections
#
# Needs wrk and curl. Ports 18101/18102, grid ports 15801/15802; data in a temporary directory, removed at the end.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
dir="$(mktemp -d)"
rounds="${ROUNDS:-3}"
seconds="${SECONDS_PER_RUN:-15}"
printf 'ranking:\n  exploration:\n    exposureFloor: 0\n' > "$dir/off.yaml"
pids=()
start() {
  ./tailor serve --port "$1" --grid-port "$2" --cluster-name "exploration-cost-$1" --data-dir "$dir/data-$1" "${@:3}" \
    > "$dir/node-$1.log" 2>&1 &
  pids+=($!)
}
trap 'kill "${pids[@]}" 2> /dev/null || true; wait 2> /dev/null || true; rm -rf "$dir"' EXIT
start 18101 15801
start 18102 15802 --config "$dir/off.yaml"
for port in 18101 18102; do
  for _ in $(seq 1 120); do curl -fsS "http://127.0.0.1:$port/health/ready" > /dev/null 2>&1 && break; sleep 1; done
  ./tailor loadtest generate --url "http://127.0.0.1:$port" --products 20000 --shoppers 20000 --events-per-shopper 5 \
    --check-shoppers 0 > "$dir/gen-$port.txt" 2>&1
done
# The JVM's pid: ./tailor execs java, so the launcher's pid is the node's.
cpu() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
# One wrk run against a port; prints "<requests/s> <us CPU per request>".
served() {
  local pid="$1" port="$2" before after out
  before="$(cpu "$pid")"
  out="$(wrk -t1 -c32 -d"$3"s -s benchmarks/perf/random-shopper.lua "http://127.0.0.1:$port" -- 20000 "")"
  after="$(cpu "$pid")"
  echo "$out" | awk -v ticks=$((after - before)) -v hz="$(getconf CLK_TCK)" '
    / requests in / { requests = $1 }
    /Requests\/sec/ { rate = $2 }
    END { printf "%.0f %.2f\n", rate, ticks / hz * 1e6 / requests }'
}
echo "exploration-cost: $(date -u +%FT%TZ), $(java -version 2>&1 | head -1), commit $(git rev-parse --short HEAD 2> /dev/null || echo '?')"
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
served "${pids[0]}" 18101 20 > /dev/null
served "${pids[1]}" 18102 20 > /dev/null
for round in $(seq 1 "$rounds"); do
  read -r on_rate on_cpu < <(served "${pids[0]}" 18101 "$seconds")
  read -r off_rate off_cpu < <(served "${pids[1]}" 18102 "$seconds")
  awk -v r="$round" -v a="$on_rate" -v b="$on_cpu" -v c="$off_rate" -v d="$off_cpu" 'BEGIN {
    printf "round %d: slot on %d req/s, %.1f us CPU/request; off %d req/s, %.1f us CPU/request; ", r, a, b, c, d
    printf "on/off: rate %.3f, CPU per request %.3f\n", a / c, b / d }'
done
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
