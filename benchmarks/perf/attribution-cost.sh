#!/usr/bin/env bash
# Issue 13's ingestion cost of attribution: purchases without requestId, in NDJSON batches of 100, for shoppers whose
# served lists were remembered (each purchase is looked up in the shopper's impression record and credited to the list
# that showed its product: attribution on) and for shoppers served the same way with recordImpressions=false (nothing
# remembered, nothing to credit: attribution's work reduced to finding no record), alternately on one node in one run.
# A home experiment runs (A/A arms), so credits go to arms and their tallies.
#
#   benchmarks/perf/attribution-cost.sh       # SHOPPERS=2000 per group, ROUNDS=3 pairs of SECONDS_PER_RUN=20 s
#
# Needs wrk, curl and jq. Port 18093, grid port 15793; the node's data goes to a temporary directory, removed at
# the end. It prints events/s and the node's CPU time per event for each run.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
dir="$(mktemp -d)"
url=http://127.0.0.1:18093
shoppers="${SHOPPERS:-2000}"
rounds="${ROUNDS:-3}"
./tailor serve --port 18093 --grid-port 15793 --data-dir "$dir/data" > "$dir/node.log" 2>&1 &
pid=$!
trap 'kill "$pid" 2> /dev/null || true; wait "$pid" 2> /dev/null || true; rm -rf "$dir"' EXIT
for _ in $(seq 1 120); do curl -fsS "$url/health/ready" > /dev/null 2>&1 && break; sleep 1; done
./tailor loadtest generate --url "$url" --products 2000 --shoppers $((2 * shoppers)) --events-per-shopper 5 \
  --check-shoppers 0 > "$dir/gen.txt" 2>&1
curl -fsS -o /dev/null -X PUT -H 'Content-Type: application/json' "$url/v1/experiments/attribution-cost" \
  -d '{"placement":"home","arms":[{"name":"a","share":0.5},{"name":"b","share":0.5}]}'
sleep 2
# Two lists per shopper (home, email): what was shown, one line per shopper.
serve() {
  local from="$1" to="$2" extra="$3" file="$4"
  seq "$from" "$to" | xargs -P 4 -I{} sh -c "home=\$(curl -fsS '$url/v1/recommendations?user=u{}&k=10$extra' \
    | jq -r '.items[].product' | tr '\n' ' '); email=\$(curl -fsS \
    '$url/v1/recommendations?user=u{}&placement=email&k=10$extra' | jq -r '.items[].product' | tr '\n' ' ');
    echo \"u{} \$home \$email\"" > "$file"
}
serve 0 $((shoppers - 1)) "" "$dir/on.txt"
serve "$shoppers" $((2 * shoppers - 1)) "&recordImpressions=false" "$dir/off.txt"
sleep 1
# events/s and the node's CPU time per event (user + system, from /proc: less sensitive to other load on the machine)
cpu() { awk '{ print $14 + $15 }' "/proc/$pid/stat"; }
events() {
  local before after out
  before="$(cpu)"
  out="$(wrk -t1 -c8 -d"${SECONDS_PER_RUN:-20}"s -s benchmarks/perf/attribution-purchases.lua "$url" -- "$1" 100 "$2")"
  after="$(cpu)"
  echo "$out" | awk -v ticks=$((after - before)) -v hz="$(getconf CLK_TCK)" '
    / requests in / { events = $1 * 100 }
    /Requests\/sec/ { rate = $2 * 100 }
    END { printf "%.0f events/s, %.2f us CPU per event", rate, ticks / hz * 1e6 / events }'
}
credited() {
  curl -fsS "$url/metrics" | awk '/^tailor_attributed_total\{.*type="purchase"/ { s += $2 } END { print s + 0 }'
}
echo "attribution-cost: $(date -u +%FT%TZ), $(java -version 2>&1 | head -1), $shoppers shoppers per group"
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
# Both paths warmed up (compiled) before anything is measured.
events "$dir/off.txt" warm-off > /dev/null
events "$dir/on.txt" warm-on > /dev/null
for round in $(seq 1 "$rounds"); do
  before="$(credited)"
  echo "round $round: nothing remembered $(events "$dir/off.txt" "off$round"), credited $(( $(credited) - before ))"
  before="$(credited)"
  echo "round $round: lists remembered $(events "$dir/on.txt" "on$round"), credited $(( $(credited) - before ))"
done
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
