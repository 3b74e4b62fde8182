#!/usr/bin/env bash
# Issue 12 item 2: what recording a served list's impressions costs the served path. One node (or one per run),
# the per-page-view store (20,000 products and shoppers, 5 views each), wrk on GET /v1/recommendations for a random
# shopper with impressions recorded (the default) and with recordImpressions=false, alternately, in one run.
#
#   benchmarks/perf/impressions-cost.sh      # ROUNDS=3 pairs of SECONDS_PER_RUN=20 s, CONNECTIONS=32
#   NODES=separate benchmarks/perf/impressions-cost.sh   # each run on a fresh node of its own
#
# With one node (the default) the background work an "on" run starts (exposure merges, paced rebuilds) partly lands
# in the "off" run after it; NODES=separate starts a node per run, loads the store and warms that run's mode up for
# 20 s first, so neither mode pays for the other, at the price of each node's own JIT luck (a minute more per run).
# Prints requests/s and the node's CPU time per request (user + system from /proc, all of the node's threads: the
# event loops and the partition threads that apply the impression batches) for each run, and the ratios on / off.
# The CPU per request is less sensitive than the rate to other work on a shared machine; on a node bound by its
# CPU the rate ratio follows the inverse of the CPU ratio. Needs wrk and curl. Port 18094, grid port 15794; the
# node's data goes to a temporary directory, removed at the end. TAILOR_JAVA_OPTS passes through to the node.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
dir="$(mktemp -d)"
url=http://127.0.0.1:18094
products="${PRODUCTS:-20000}"
shoppers="${SHOPPERS:-20000}"
rounds="${ROUNDS:-3}"
seconds="${SECONDS_PER_RUN:-20}"
connections="${CONNECTIONS:-32}"
nodes="${NODES:-one}"
pid=""
trap '[[ -n "$pid" ]] && { kill "$pid" 2> /dev/null || true; wait "$pid" 2> /dev/null || true; }; rm -rf "$dir"' EXIT
# A fresh node with the per-page-view store.
start_node() {
  rm -rf "$dir/data"
  ./tailor serve --port 18094 --grid-port 15794 --data-dir "$dir/data" > "$dir/node.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 120); do curl -fsS "$url/health/ready" > /dev/null 2>&1 && break; sleep 1; done
  ./tailor loadtest generate --url "$url" --products "$products" --shoppers "$shoppers" --events-per-shopper 5 \
    --check-shoppers 0 > "$dir/gen.txt" 2>&1
}
stop_node() {
  kill "$pid" 2> /dev/null || true
  wait "$pid" 2> /dev/null || true
  pid=""
}
cpu() { awk '{ print $14 + $15 }' "/proc/$pid/stat"; }
# One wrk run; prints "<requests/s> <us CPU per request>".
served() {
  local before after out
  before="$(cpu)"
  out="$(wrk -t1 -c"$connections" -d"$1"s -s benchmarks/perf/random-shopper.lua "$url" -- "$shoppers" "$2")"
  after="$(cpu)"
  echo "$out" | awk -v ticks=$((after - before)) -v hz="$(getconf CLK_TCK)" '
    / requests in / { requests = $1 }
    /Requests\/sec/ { rate = $2 }
    END { printf "%.0f %.2f\n", rate, ticks / hz * 1e6 / requests }'
}
# One measured run of a mode ("" for impressions on, "&recordImpressions=false" for off), on its own node when
# NODES=separate.
measured() {
  if [[ "$nodes" == separate ]]; then
    start_node
    served 20 "$1" > /dev/null
    served "$seconds" "$1"
    stop_node
  else
    served "$seconds" "$1"
  fi
}
echo "impressions-cost: $(date -u +%FT%TZ), $(java -version 2>&1 | head -1), $products products, $shoppers shoppers"
echo "commit $(git rev-parse --short HEAD 2> /dev/null || echo '?'); nodes: $nodes;" \
  "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
if [[ "$nodes" != separate ]]; then
  start_node
  # Both paths compiled before anything is measured.
  served 20 "" > /dev/null
  served 10 "&recordImpressions=false" > /dev/null
fi
for round in $(seq 1 "$rounds"); do
  read -r off_rate off_cpu < <(measured "&recordImpressions=false")
  read -r on_rate on_cpu < <(measured "")
  awk -v r="$round" -v a="$off_rate" -v b="$off_cpu" -v c="$on_rate" -v d="$on_cpu" 'BEGIN {
    printf "round %d: off %d req/s, %.2f us CPU/request; on %d req/s, %.2f us CPU/request; ", r, a, b, c, d
    printf "on/off: rate %.3f, CPU per request %.3f\n", c / a, d / b }'
done
if [[ -n "$pid" ]]; then
  echo "impression lists: $(curl -fsS "$url/metrics" | grep -E "^tailor_impressions_(total|sent_total|send_failed)" | tr "\n" " ")"
fi
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
