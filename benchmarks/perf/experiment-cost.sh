#!/usr/bin/env bash
# Issue 13's serving cost: recommendations with and without a running experiment on their placement, alternately,
# on one node in one run (20,000 products and shoppers, wrk, random shoppers, home lists of 10), ping beside them.
#
#   benchmarks/perf/experiment-cost.sh        # A/A: two personalised arms, so only the experiment's own work differs
#   ARMS=ab benchmarks/perf/experiment-cost.sh  # a bestseller control arm against Tailor, as a marketer runs it
#
# Needs wrk. Port 18092, grid port 15792; the node's data goes to a temporary directory, removed at the end.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
dir="$(mktemp -d)"
url=http://127.0.0.1:18092
./tailor serve --port 18092 --grid-port 15792 --data-dir "$dir/data" > "$dir/node.log" 2>&1 &
pid=$!
trap 'kill "$pid" 2> /dev/null || true; wait "$pid" 2> /dev/null || true; rm -rf "$dir"' EXIT
for _ in $(seq 1 120); do curl -fsS "$url/health/ready" > /dev/null 2>&1 && break; sleep 1; done
./tailor loadtest generate --url "$url" --products 20000 --shoppers 20000 --events-per-shopper 5 > "$dir/gen.txt" 2>&1
aa='{"placement":"home","arms":[{"name":"a","share":0.5},{"name":"b","share":0.5}]}'
ab='{"placement":"home","arms":[{"name":"control","share":0.5,"strategy":"popular"},{"name":"tailor","share":0.5}]}'
body="$aa"
if [[ "${ARMS:-aa}" == ab ]]; then body="$ab"; fi
recs() { wrk -t1 -c32 -d20s -s benchmarks/perf/random-shopper.lua "$url" -- 20000 | awk '/Requests\/sec/ { print $2 }'; }
ping() { wrk -t1 -c32 -d20s "$url/v1/ping" | awk '/Requests\/sec/ { print $2 }'; }
echo "experiment-cost: $(date -u +%FT%TZ), $(java -version 2>&1 | head -1), arms $body"
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
recs > /dev/null
for round in 1 2; do
  echo "round $round: ping $(ping) req/s"
  echo "round $round: no experiment $(recs) req/s"
  curl -fsS -o /dev/null -X PUT -H 'Content-Type: application/json' "$url/v1/experiments/cost-$round" -d "$body"
  sleep 2
  echo "round $round: experiment running $(recs) req/s"
  curl -fsS -o /dev/null -X POST "$url/v1/experiments/cost-$round/stop"
  sleep 2
done
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
