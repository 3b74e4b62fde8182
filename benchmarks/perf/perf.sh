#!/usr/bin/env bash
# The performance runs of issue 5, one command each, on this machine, against a fresh node on loopback.
#
#   benchmarks/perf/perf.sh ceiling   # 1. saturation of /v1/ping and /v1/recommendations, our client and wrk
#   benchmarks/perf/perf.sh latency   # 2. storefront at half of saturation, 100k products, 1M profiles; GC
#   benchmarks/perf/perf.sh ingest    # 3. events/s: single events and NDJSON batches; visible to the next read
#   benchmarks/perf/perf.sh memory    # 4. heap and off-heap per profile at 1M profiles
#   benchmarks/perf/perf.sh all       # all four, one node and one data load
#   benchmarks/perf/perf.sh decay     # no decay: half of saturation for 5 one-minute runs back to back on one node;
#                                     # the last minute's throughput and p99 against the first's
#   benchmarks/perf/perf.sh served    # the per-page-view table: wrk, random shoppers, impressions on and off,
#                                     # ping in the same run, light load, unknown shoppers on an idle node
#                                     # (defaults for this run: 20,000 products and shoppers, 5 events each)
#
# Each run starts its own node (./tailor serve, persistence on, data in a temporary directory), loads the
# synthetic store with `./tailor loadtest generate`, measures, stops the node and writes everything under
# benchmarks/results/perf/<run>-<timestamp>/ (loadtest reports, gc.log, node log, summary.txt).
#
# Environment: PRODUCTS (100000), SHOPPERS (1000000), DURATION (60s), WARMUP (15s), CONNECTIONS (32),
# NODE_HEAP (8g), NODE_OPTS (extra JVM options of the node, e.g. -XX:+UseZGC), JFR=1 (record the node with
# Java Flight Recorder, for a run that misses a target), PERF=1 (served: Linux perf of round 2's recommendations,
# kernel included, broken down by perf-breakdown.py into perf-breakdown.txt), PORT (18080), GRID_PORT (15701).
# Needs: JDK 17+, Maven (first build), python3 (reads result.json); wrk for the independent ceiling check.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
SERVED_PRODUCTS="${PRODUCTS:-20000}"
SERVED_SHOPPERS="${SHOPPERS:-20000}"
PRODUCTS="${PRODUCTS:-100000}"
SHOPPERS="${SHOPPERS:-1000000}"
DURATION="${DURATION:-60s}"
WARMUP="${WARMUP:-15s}"
CONNECTIONS="${CONNECTIONS:-32}"
NODE_HEAP="${NODE_HEAP:-8g}"
PORT="${PORT:-18080}"
GRID_PORT="${GRID_PORT:-15701}"
URL="http://127.0.0.1:$PORT"
STAMP="$(date -u +%Y%m%d-%H%M%S)"
NODE_PID=""
DATA_DIR=""

usage() {
  sed -n '2,23p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
}

log() {
  echo "perf: $*" >&2
}

# JSON field of a loadtest result.json: throughput of the request type "all" (requests/s).
throughput() {
  python3 - "$1" <<'PY'
import json, sys
result = json.load(open(sys.argv[1]))
print(int(next(t for t in result["types"] if t["name"] == "all")["throughputPerSec"]))
PY
}

start_node() {
  local out="$1"
  DATA_DIR="$(mktemp -d "${TMPDIR:-/tmp}/tailor-perf.XXXXXX")"
  local opts="-Xms$NODE_HEAP -Xmx$NODE_HEAP -XX:+AlwaysPreTouch -Xlog:gc*:file=$out/gc.log:uptime,level,tags"
  if [[ "${PERF:-0}" == 1 ]]; then
    opts="$opts -XX:+PreserveFramePointer"
  fi
  if [[ "${JFR:-0}" == 1 ]]; then
    opts="$opts -XX:StartFlightRecording=filename=$out/node.jfr,settings=profile,dumponexit=true"
  fi
  log "starting a node on $URL (heap $NODE_HEAP, data in $DATA_DIR)"
  TAILOR_JAVA_OPTS="$opts ${NODE_OPTS:-}" "$ROOT/tailor" serve --port "$PORT" --grid-port "$GRID_PORT" \
    --data-dir "$DATA_DIR" > "$out/node.log" 2>&1 &
  NODE_PID=$!
  for _ in $(seq 1 120); do
    if curl -fsS "$URL/health/ready" > /dev/null 2>&1; then
      log "node ready (pid $NODE_PID)"
      return
    fi
    if ! kill -0 "$NODE_PID" 2> /dev/null; then
      log "the node died at start; see $out/node.log"
      exit 1
    fi
    sleep 1
  done
  log "the node was not ready within 120 s"
  exit 1
}

stop_node() {
  if [[ -n "$NODE_PID" ]] && kill -0 "$NODE_PID" 2> /dev/null; then
    kill "$NODE_PID"
    wait "$NODE_PID" 2> /dev/null || true
  fi
  NODE_PID=""
  if [[ -n "$DATA_DIR" ]]; then
    rm -rf "$DATA_DIR"
    DATA_DIR=""
  fi
}
trap stop_node EXIT

loadtest() {
  "$ROOT/tailor" loadtest "$@" --url "$URL" --products "$PRODUCTS" --shoppers "$SHOPPERS"
}

generate() {
  local out="$1"
  log "loading $PRODUCTS products and $SHOPPERS shoppers"
  local start end
  start=$(date +%s)
  loadtest generate --events-per-shopper "${EVENTS_PER_SHOPPER:-4}" | tee "$out/generate.txt"
  end=$(date +%s)
  echo "generate: $((end - start)) s for $PRODUCTS products and $SHOPPERS shoppers" | tee -a "$out/summary.txt"
}

# Live heap after a full GC (from the GC log line of that collection), the process's resident memory and the
# blocks the data files take on disk, in bytes.
memory_snapshot() {
  local label="$1" out="$2"
  jcmd "$NODE_PID" GC.run > /dev/null
  sleep 1
  local heap rss files
  heap=$(grep "(Diagnostic Command).*->" "$out/gc.log" | tail -1 | python3 -c '
import re, sys
m = re.search(r"->(\d+)M\(", sys.stdin.read())
print(int(m.group(1)) * 2**20 if m else -1)')
  rss=$(( $(awk '/VmRSS/ { print $2 }' "/proc/$NODE_PID/status") * 1024 ))
  # Blocks on disk, not apparent size: Chronicle Map files are sparse, sized for their maximum entries.
  files=$(du -s --block-size=1 "$DATA_DIR" | cut -f1)
  echo "$label heap_after_gc=$heap rss=$rss data_files=$files" | tee -a "$out/memory.txt"
}

run_ceiling() {
  local out="$1"
  log "1. ceiling: ping, then recommendations, closed model, same client"
  loadtest run --target ping,recommendations --connections "$CONNECTIONS" --duration 20s --warmup 5s \
    --output "$out/ceiling" | tee "$out/ceiling.txt"
  if command -v wrk > /dev/null; then
    log "1. ceiling: the same with wrk (-t1 -c$CONNECTIONS -d20s)"
    {
      echo "== wrk /v1/ping"
      wrk -t1 -c"$CONNECTIONS" -d20s --latency "$URL/v1/ping"
      echo "== wrk /v1/recommendations (one shopper, home)"
      wrk -t1 -c"$CONNECTIONS" -d20s --latency "$URL/v1/recommendations?user=u1&k=10&recordImpressions=false"
    } | tee "$out/wrk.txt"
  else
    log "wrk not installed (apt-get install wrk): independent check skipped"
  fi
}

run_latency() {
  local out="$1"
  log "2. latency: storefront saturation (closed model), then half of it (open model)"
  loadtest run --connections "$CONNECTIONS" --duration 20s --warmup 5s --output "$out/saturation" \
    | tee "$out/saturation.txt"
  local saturation half
  saturation=$(throughput "$out/saturation/result.json")
  half=$((saturation / 2))
  echo "storefront saturation: $saturation req/s; latency run at $half req/s" | tee -a "$out/summary.txt"
  local degraded0 served0
  degraded0=$(metric_sum tailor_recommendations_degraded_total)
  served0=$(metric_sum 'tailor_http_requests_seconds_count{method="GET",route="/v1/recommendations"')
  loadtest run --rate "$half" --connections "$CONNECTIONS" --duration "$DURATION" --warmup "$WARMUP" \
    --output "$out/half" --slo recommendations:p99=1ms | tee "$out/half.txt" || true
  # Item 1: at half of saturation at most 0.1 % of the answers degraded (the node's own counters).
  python3 - "$degraded0" "$served0" "$(metric_sum tailor_recommendations_degraded_total)" \
    "$(metric_sum 'tailor_http_requests_seconds_count{method="GET",route="/v1/recommendations"')" <<'PY' \
    | tee -a "$out/summary.txt"
import sys
d0, s0, d1, s1 = (float(v) for v in sys.argv[1:])
served = s1 - s0
print(f"degraded answers at half of saturation: {d1 - d0:.0f} of {served:.0f} GET recommendations "
      f"({100 * (d1 - d0) / max(served, 1):.3f} %)")
PY
  grep -E "Pause (Young|Full|Remark|Cleanup)" "$out/gc.log" | python3 -c '
import re, sys
pauses = sorted(float(m.group(1)) for m in (re.search(r"(\d+\.\d+)ms$", l.strip()) for l in sys.stdin) if m)
if pauses:
    n = len(pauses)
    print(f"GC pauses over the node lifetime: {n}, p50 {pauses[n // 2]:.2f} ms, "
          f"p99 {pauses[min(n - 1, int(n * 0.99))]:.2f} ms, max {pauses[-1]:.2f} ms, total {sum(pauses):.0f} ms")
' | tee -a "$out/summary.txt"
}

# Issue 12, item 7: whether serving gets slower as profiles fill up with impressions and history. The storefront
# mix at half of its saturation, open model, five one-minute runs back to back on the same node and data (each its
# own report), then minute 5 against minute 1: throughput and the recommendations' p99 (coordinated omission
# corrected), target within 10 %.
run_decay() {
  local out="$1"
  log "decay: storefront saturation (closed model), then 5 x 60 s at half of it (open model)"
  loadtest run --connections "$CONNECTIONS" --duration 20s --warmup 5s --output "$out/saturation" \
    | tee "$out/saturation.txt"
  local saturation half
  saturation=$(throughput "$out/saturation/result.json")
  half=$((saturation / 2))
  echo "storefront saturation: $saturation req/s; five minutes at $half req/s" | tee -a "$out/summary.txt"
  for minute in 1 2 3 4 5; do
    loadtest run --rate "$half" --connections "$CONNECTIONS" --duration 60s --warmup 0s \
      --output "$out/minute-$minute" > "$out/minute-$minute.txt" || true
  done
  python3 - "$out" <<'PY' | tee -a "$out/summary.txt"
import json, sys
rows = []
for minute in range(1, 6):
    result = json.load(open(f"{sys.argv[1]}/minute-{minute}/result.json"))
    types = {t["name"]: t for t in result["types"]}
    recs = types.get("recommendations")
    rows.append((minute, types["all"]["throughputPerSec"], recs["latency"]["p99Us"] if recs else float("nan"),
                 recs["latency"]["p50Us"] if recs else float("nan")))
for minute, rate, p99, p50 in rows:
    print(f"minute {minute}: {rate:,.0f} req/s, recommendations p50 {p50 / 1000:.2f} ms, p99 {p99 / 1000:.2f} ms")
first, last = rows[0], rows[-1]
print(f"minute 5 / minute 1: throughput {last[1] / first[1]:.3f}, recommendations p99 {last[2] / first[2]:.3f} "
      f"(target: both within 10 %)")
PY
}

# The per-page-view table of issue 12: one node, wrk -t1 on loopback, a random shopper per request (k=10),
# /v1/ping in the same run; then unknown shoppers on the idle node right after a catalog change.
run_served() {
  local out="$1" script="$ROOT/benchmarks/perf/random-shopper.lua"
  command -v wrk > /dev/null || { log "served: wrk is needed (apt-get install wrk)"; exit 1; }
  log "served: warm-up (20 s of recommendations, impressions on)"
  wrk -t1 -c"$CONNECTIONS" -d20s -s "$script" "$URL" -- "$SHOPPERS" > /dev/null
  {
    for round in 1 2; do
      served_wrk "round $round" "$CONNECTIONS" /v1/ping
      served_wrk "round $round" "$CONNECTIONS" /v1/recommendations "(impressions recorded)"
      served_wrk "round $round" "$CONNECTIONS" /v1/recommendations "(recordImpressions=false)" \
        "&recordImpressions=false"
    done
    served_wrk "light load" 2 /v1/ping
    served_wrk "light load" 2 /v1/recommendations "(impressions recorded)"
  } | tee "$out/wrk.txt"
  # Light load as a storefront meets it: a fixed 1,000 requests a second (open model, coordinated omission
  # corrected), not wrk's two connections, which saturate two CPUs shared with the client.
  log "served: light load, 1,000 req/s open model, ping then recommendations (random shoppers, placements mixed)"
  loadtest run --target ping,recommendations --rate 1000 --connections 4 --duration 20s --warmup 5s \
    --output "$out/light-1000" > "$out/light-1000.txt" || true
  python3 - "$out/light-1000" <<'PY' | tee -a "$out/summary.txt"
import json, sys
for target in ("ping", "recommendations"):
    result = json.load(open(f"{sys.argv[1]}/{target}/result.json"))
    t = next(t for t in result["types"] if t["name"] == target)
    print(f"light load, 1,000 req/s open model, {target}: p50 {t['latency']['p50Us']:.0f} us, "
          f"p99 {t['latency']['p99Us']:.0f} us, p99.9 {t['latency']['p999Us']:.0f} us (client, CO corrected)")
    stalls = result.get("clientStalls")
    if stalls:
        h = stalls["hiccups"]
        print(f"  the generator's own stalls in that run: p99 {h['p99Us']:.0f} us, p99.9 {h['p999Us']:.0f} us, "
              f"max {h['maxUs']:.0f} us; its GC pauses {stalls['gcPauses']}, longest {stalls['gcPauseMaxMs']:.0f} ms")
PY
  log "served: 300 requests for unknown shoppers right after a catalog change, node otherwise idle"
  sleep 5
  curl -fsS -X PUT -H 'Content-Type: application/json' "$URL/v1/products" \
    -d '[{"id":"served-new-1","title":"New","category":"perf/new","brand":"perf","price":1}]' > /dev/null
  local degraded=0
  for i in $(seq 1 300); do
    if curl -fsS "$URL/v1/recommendations?user=new-$STAMP-$i&k=10" | grep -q '"degraded":true'; then
      degraded=$((degraded + 1))
    fi
  done
  echo "unknown shoppers on the idle node: $degraded of 300 answered degraded" | tee -a "$out/summary.txt"
  curl -fsS "$URL/metrics" | grep -E '^tailor_recommendations_degraded_total|^tailor_profile_grid_reads' \
    | tee -a "$out/summary.txt" || true
  python3 - "$out/wrk.txt" <<'PY' | tee -a "$out/summary.txt"
import re, sys
text = open(sys.argv[1]).read()
for block in re.split(r"^== ", text, flags=re.M)[1:]:
    title = block.splitlines()[0]
    rps = re.search(r"Requests/sec:\s+([\d.]+)", block)
    p99 = re.search(r"^\s+99%\s+(\S+)", block, flags=re.M)
    alloc = re.search(r"^event loops allocated: (\S+) bytes per request", block, flags=re.M)
    cpu = re.search(r"^node CPU by thread (.*)$", block, flags=re.M)
    print(f"{title}: {float(rps.group(1)):,.0f} req/s, p99 {p99.group(1) if p99 else '?'}"
          + (f", {alloc.group(1)} B/request on the event loops" if alloc else ""))
    if cpu:
        print(f"  node CPU by thread {cpu.group(1)}")
PY
}

# Sum of a metric's samples whose line starts with the given prefix (name and optional labels).
metric_sum() {
  curl -fsS "$URL/metrics" | awk -v p="$1" 'index($0, p) == 1 { sum += $NF } END { printf "%.0f", sum }'
}

# One wrk run of a route, with the event loops' allocation per request measured around it (from /metrics).
served_wrk() {
  local label="$1" connections="$2" route="$3" note="${4:-}" extra="${5:-}"
  local count="tailor_http_requests_seconds_count{method=\"GET\",route=\"$route\""
  local alloc0 count0 alloc1 count1
  alloc0=$(metric_sum tailor_eventloop_allocated_bytes_total)
  count0=$(metric_sum "$count")
  echo "== $label: wrk -t1 -c$connections -d20s $route $note"
  # CPU per thread over the middle 16 s of the run (top's second sample covers the interval since its first).
  local threads="$out/threads-$(echo "$label $route $note" | tr -c 'A-Za-z0-9' '-').txt"
  (sleep 2; top -H -b -d 16 -n 2 -w 200 -p "$NODE_PID" > "$threads" 2>&1) &
  local top_pid=$!
  # PERF=1: Linux perf over the middle 16 s of round 2's recommendations with impressions, kernel included.
  local perf_pid=""
  if [[ "${PERF:-0}" == 1 && "$route" != /v1/ping && -z "$extra" && "$label" == "round 2" ]]; then
    (sleep 2; "$ROOT/benchmarks/perf/perf-profile.sh" "$NODE_PID" 16 "$out/perf-recommendations" "$URL" \
      > /dev/null 2>&1) &
    perf_pid=$!
  fi
  if [[ "$route" == /v1/ping ]]; then
    wrk -t1 -c"$connections" -d20s --latency "$URL/v1/ping"
  else
    wrk -t1 -c"$connections" -d20s --latency -s "$ROOT/benchmarks/perf/random-shopper.lua" "$URL" -- \
      "$SHOPPERS" "$extra"
  fi
  alloc1=$(metric_sum tailor_eventloop_allocated_bytes_total)
  count1=$(metric_sum "$count")
  if (( count1 > count0 )); then
    echo "event loops allocated: $(( (alloc1 - alloc0) / (count1 - count0) )) bytes per request"
  fi
  wait "$top_pid" || true
  thread_cpu "$threads"
  if [[ -n "$perf_pid" ]] && wait "$perf_pid"; then
    "$ROOT/benchmarks/perf/perf-breakdown.py" "$out/perf-recommendations/perf.data" \
      --requests "$(cat "$out/perf-recommendations/requests.txt")" > "$out/perf-breakdown.txt" 2>&1 || true
    echo "perf breakdown: $out/perf-breakdown.txt"
  fi
}

# The node's CPU by thread group from top -H's last sample: what the storefront gets (event loops, partition
# threads) and what background work takes (model rebuilds and merges, factor learning, impressions, GC).
thread_cpu() {
  python3 - "$1" "$NODE_PID" <<'PY'
import collections, re, sys
text = open(sys.argv[1]).read()
last = text.split("top - ")[-1]
groups = collections.Counter()
for line in last.splitlines():
    fields = line.split()
    # The row of the process id itself is the whole process's total in top -H, not its first thread.
    if len(fields) < 12 or not re.match(r"^\d+$", fields[0]) or fields[0] == sys.argv[2]:
        continue
    cpu, name = float(fields[8]), " ".join(fields[11:])
    # top shows the first 15 characters of a thread's name.
    group = ("event loops" if name.startswith("vert.x-eventloo") else
             "hazelcast (partition and other threads)" if name.startswith("hz.") else
             "tailor-model" if name.startswith("tailor-model") else
             "tailor-factors" if name.startswith("tailor-factor") else
             "tailor-impressions" if name.startswith("tailor-impress") else
             "tailor-replica" if name.startswith("tailor-replica") else
             "tailor-coverage" if name.startswith("tailor-coverag") else
             "tailor-signals" if name.startswith("tailor-signals") else
             "GC" if name.startswith(("GC ", "G1 ", "Z")) or name == "VM Thread" else
             "JIT" if name.startswith(("C1 Comp", "C2 Comp")) else
             "other")
    groups[group] += cpu
total = sum(groups.values())
if total > 0:
    background = sum(v for g, v in groups.items() if g.startswith("tailor-"))
    parts = ", ".join(f"{g} {v:.1f} %" for g, v in groups.most_common())
    print(f"node CPU by thread (top -H, % of one core): {total:.0f} % in all; background (tailor-*) "
          f"{100 * background / total:.1f} % of it; {parts}")
PY
}

run_ingest() {
  local out="$1"
  log "3. ingestion: NDJSON batches of 100 and 1000, then single events, closed model"
  loadtest run --target events --batch 100 --connections 8 --duration 20s --warmup 5s --output "$out/batch100" \
    | tee "$out/batch100.txt"
  loadtest run --target events --batch 1000 --connections 4 --duration 20s --warmup 5s --output "$out/batch1000" \
    | tee "$out/batch1000.txt"
  loadtest run --target events --connections "$CONNECTIONS" --duration 20s --warmup 5s --output "$out/single" \
    | tee "$out/single.txt"
  # The same random-shopper batches from wrk, whose client costs less of the shared CPUs than the JVM load tester.
  if command -v wrk > /dev/null; then
    log "3. ingestion with wrk: NDJSON batches of 100 views of random shoppers and products, 8 connections"
    wrk -t1 -c8 -d10s -s "$ROOT/benchmarks/perf/random-events.lua" "$URL" -- "$SHOPPERS" "$PRODUCTS" 100 warm \
      > /dev/null
    wrk -t1 -c8 -d20s -s "$ROOT/benchmarks/perf/random-events.lua" "$URL" -- "$SHOPPERS" "$PRODUCTS" 100 \
      "m$STAMP" | tee "$out/wrk-batch100.txt"
    awk '/Requests\/sec/ { printf "ingestion, wrk, NDJSON batches of 100 random shoppers: %.0f events/s\n", $2 * 100 }' \
      "$out/wrk-batch100.txt" | tee -a "$out/summary.txt"
    log "3. ingestion with wrk: single events of random shoppers, one JSON object per request, 32 connections"
    wrk -t1 -c"$CONNECTIONS" -d20s -s "$ROOT/benchmarks/perf/random-events.lua" "$URL" -- "$SHOPPERS" "$PRODUCTS" 1 \
      "s$STAMP" | tee "$out/wrk-single.txt"
    awk '/Requests\/sec/ { printf "ingestion, wrk, single events over keep-alive: %.0f events/s\n", $2 }' \
      "$out/wrk-single.txt" | tee -a "$out/summary.txt"
  fi
  log "3. read-your-write: an event, then at once the shopper's profile"
  local id
  id="perf-$STAMP"
  curl -fsS -X POST -H 'Content-Type: application/json' "$URL/v1/events" \
    -d "{\"id\":\"$id\",\"type\":\"view\",\"user\":\"u7\",\"product\":\"p42\"}" > /dev/null
  if curl -fsS "$URL/v1/profiles/u7" | grep -q '"product":"p42"'; then
    echo "read-your-write: the view was in the profile read right after the event was acknowledged" \
      | tee -a "$out/summary.txt"
  else
    echo "read-your-write: NOT visible in the next read" | tee -a "$out/summary.txt"
  fi
}

main() {
  local run="${1:-}"
  case "$run" in
    served)
      PRODUCTS="$SERVED_PRODUCTS"; SHOPPERS="$SERVED_SHOPPERS"; EVENTS_PER_SHOPPER="${EVENTS_PER_SHOPPER:-5}" ;;
    ceiling|latency|ingest|memory|decay|all) ;;
    -h|--help|help|"") usage; exit 0 ;;
    *) usage; exit 2 ;;
  esac
  local out="$ROOT/benchmarks/results/perf/$run-$STAMP"
  mkdir -p "$out"
  {
    echo "run: $run, $(date -u +%FT%TZ), $(nproc) CPUs, $(java -version 2>&1 | head -1)"
    echo "store: $PRODUCTS products, $SHOPPERS shoppers; node heap $NODE_HEAP ${NODE_OPTS:-}"
    echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
  } | tee "$out/summary.txt"
  start_node "$out"
  if [[ "$run" == memory || "$run" == all ]]; then
    memory_snapshot "empty" "$out"
  fi
  generate "$out"
  if [[ "$run" == memory || "$run" == all ]]; then
    memory_snapshot "loaded" "$out"
    python3 - "$out/memory.txt" "$SHOPPERS" <<'PY' | tee -a "$out/summary.txt"
import sys
rows = {}
for line in open(sys.argv[1]):
    label, *pairs = line.split()
    rows[label] = {k: int(v) for k, v in (p.split("=") for p in pairs)}
n = int(sys.argv[2])
for key in ("heap_after_gc", "rss", "data_files"):
    delta = rows["loaded"][key] - rows["empty"][key]
    print(f"{key}: {delta / n:.0f} bytes per shopper ({delta / 2**20:.0f} MiB for {n} shoppers, products included)")
PY
  fi
  case "$run" in
    ceiling) run_ceiling "$out" ;;
    latency) run_latency "$out" ;;
    ingest) run_ingest "$out" ;;
    served) run_served "$out" ;;
    decay) run_decay "$out" ;;
    all) run_ceiling "$out"; run_latency "$out"; run_ingest "$out" ;;
  esac
  echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$out/summary.txt"
  log "results in $out"
}

main "$@"
