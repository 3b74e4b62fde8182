#!/usr/bin/env bash
# Records a running node with Linux perf for a while and writes OUT/perf.data, OUT/perf-PID.map (the JIT's
# symbols) and OUT/requests.txt (the node's request count over the recording), for perf-breakdown.py.
#
#   benchmarks/perf/perf-profile.sh PID SECONDS OUT [URL]
#   benchmarks/perf/perf-breakdown.py OUT/perf.data --requests "$(cat OUT/requests.txt)"
#
# The node must have been started with -XX:+PreserveFramePointer (TAILOR_JAVA_OPTS or NODE_OPTS of perf.sh), or
# stacks stop at the first Java frame. URL (default http://127.0.0.1:8080) is read for the request count
# (tailor_http_requests_seconds_count of every route). Software clock sampling (cpu-clock, 499 Hz), which works in
# virtual machines without hardware counters; needs perf (apt-get install linux-perf) and
# kernel.perf_event_paranoid <= 2 for a process of the same user.
set -euo pipefail

PID="$1"
SECONDS_TO_RECORD="$2"
OUT="$3"
URL="${4:-http://127.0.0.1:8080}"
mkdir -p "$OUT"

requests() {
  curl -fsS "$URL/metrics" | awk '/^tailor_http_requests_seconds_count/ { n += $NF } END { printf "%d\n", n }'
}

before=$(requests)
perf record -F 499 -e cpu-clock -g -p "$PID" -o "$OUT/perf.data" -- sleep "$SECONDS_TO_RECORD" 2> "$OUT/perf.log"
after=$(requests)
echo $((after - before)) > "$OUT/requests.txt"
# The JIT's symbol map, written after the recording so that it names every method compiled during it; perf
# script reads it from /tmp/perf-PID.map.
jcmd "$PID" Compiler.perfmap > /dev/null
cp "/tmp/perf-$PID.map" "$OUT/"
echo "perf-profile: $(cat "$OUT/requests.txt") requests in ${SECONDS_TO_RECORD} s; now:"
echo "  benchmarks/perf/perf-breakdown.py $OUT/perf.data --requests $(cat "$OUT/requests.txt")"
