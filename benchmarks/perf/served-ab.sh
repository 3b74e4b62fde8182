#!/usr/bin/env bash
# Two (or more) builds of the server on the served path, alternated: what a change does to a served list's CPU.
#
#   benchmarks/perf/served-ab.sh OUT JAR_A JAR_B [JAR_A JAR_B ...]    # e.g. jars copied from server/target
#
# Per jar given, in the order given: a fresh node on that jar (4 GB heap, port 18097, grid port 15797, data in a
# temporary directory), the per-page-view store (`loadtest generate`: 20,000 products and shoppers, 5 views each),
# 25 s of wrk on random shoppers' recommendations as warm-up, then three rounds of `/v1/ping` for 10 s and
# `/v1/recommendations` for a random shopper (impressions recorded) for 15 s, wrk -t1 -c32. Prints, and appends to
# OUT/results.txt, each round's rates and the node's CPU per request (user + system from /proc, every thread), so
# the medians over rounds of each jar compare what each build costs per request beside what ping costs on the same
# machine at the same time. The jar in server/target is replaced for each run (touched, so ./tailor does not
# rebuild) and rebuilt by the next ./tailor that finds sources newer than it. Needs wrk and curl.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
out="$1"
shift
mkdir -p "$out"
url=http://127.0.0.1:18097
data="$(mktemp -d)"
pid=""
trap '[[ -n "$pid" ]] && kill "$pid" 2> /dev/null; rm -rf "$data"' EXIT
cpu() { awk '{ print $14 + $15 }' "/proc/$pid/stat"; }
# One wrk run: prints "<requests/s> <us of node CPU per request>".
measured() {
  local seconds="$1" before after result
  shift
  before="$(cpu)"
  result="$(wrk -t1 -c32 -d"$seconds"s "$@")"
  after="$(cpu)"
  echo "$result" | awk -v ticks=$((after - before)) -v hz="$(getconf CLK_TCK)" '
    / requests in / { requests = $1 } /Requests\/sec/ { rate = $2 }
    END { printf "%.0f %.2f\n", rate, ticks / hz * 1e6 / requests }'
}
for jar in "$@"; do
  cp "$jar" server/target/tailor-server.jar
  touch server/target/tailor-server.jar
  rm -rf "$data/node"
  TAILOR_JAVA_OPTS="-Xms4g -Xmx4g" ./tailor serve --port 18097 --grid-port 15797 --data-dir "$data/node" \
    > "$out/node.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 120); do curl -fsS "$url/health/ready" > /dev/null 2>&1 && break; sleep 1; done
  ./tailor loadtest generate --url "$url" --products 20000 --shoppers 20000 --events-per-shopper 5 \
    --check-shoppers 0 > /dev/null 2>&1
  wrk -t1 -c32 -d25s -s benchmarks/perf/random-shopper.lua "$url" -- 20000 > /dev/null
  wrk -t1 -c32 -d5s "$url/v1/ping" > /dev/null
  for round in 1 2 3; do
    read -r ping_rate ping_cpu < <(measured 10 "$url/v1/ping")
    read -r recs_rate recs_cpu < <(measured 15 -s benchmarks/perf/random-shopper.lua "$url" -- 20000)
    echo "$(date -u +%H:%M:%S) $jar round $round: ping $ping_rate req/s, $ping_cpu us/request;" \
      "recommendations $recs_rate req/s, $recs_cpu us/request; rate ratio" \
      "$(awk -v a="$recs_rate" -v b="$ping_rate" 'BEGIN { printf "%.3f", a / b }')" | tee -a "$out/results.txt"
  done
  kill "$pid"
  wait "$pid" 2> /dev/null || true
  pid=""
done
