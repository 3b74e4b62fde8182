#!/usr/bin/env bash
# A Tailor cluster of N nodes on loopback, for trying scale-out and fault drills on one machine.
#
#   deploy/local-cluster.sh start N     start nodes 1..N (those not running yet) and wait until each is ready
#   deploy/local-cluster.sh stop [I]    stop every node, or node I (SIGTERM: drain HTTP, leave the grid; SIGKILL after
#                                       a timeout)
#   deploy/local-cluster.sh status      one line a node: pid, ports, ready, members seen; exit 3 when one is not ready
#   deploy/local-cluster.sh kill I      kill -9 node I (fault drill: no shutdown hook, no graceful leave)
#   deploy/local-cluster.sh restart I   stop node I if it runs, start it again with the same data dir, wait until ready
#   deploy/local-cluster.sh logs I      follow node I's log
#
# Node I (1-based) serves HTTP on 127.0.0.1:(8080+I) and is a grid member on 127.0.0.1:(5701+I); every node is
# given the same --join list of all N members. Each node has its own directory under the run dir:
#   $TAILOR_CLUSTER_DIR/node-I/{data/, node.log, node.pid}      (default run dir: <repo>/local-cluster)
# `start` is idempotent: running nodes are left alone, so `start 4` on a running 3-node cluster is a scale-out.
#
# Environment: TAILOR_CLUSTER_DIR (run dir), TAILOR_HTTP_BASE (8080), TAILOR_GRID_BASE (5701),
# TAILOR_CLUSTER_NAME (local), TAILOR_NODE_ARGS (extra `serve` options, e.g. "--event-loops 1"),
# TAILOR_JAVA_OPTS (JVM options; default -Xmx1g), TAILOR_START_TIMEOUT (120 s), TAILOR_STOP_TIMEOUT (60 s),
# TAILOR_PROFILE_CAPACITY (profiles each node's data files are sized for; default 100000, about 140 MB a node).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RUN_DIR="${TAILOR_CLUSTER_DIR:-$ROOT/local-cluster}"
HTTP_BASE="${TAILOR_HTTP_BASE:-8080}"
GRID_BASE="${TAILOR_GRID_BASE:-5701}"
CLUSTER_NAME="${TAILOR_CLUSTER_NAME:-local}"
START_TIMEOUT="${TAILOR_START_TIMEOUT:-120}"
STOP_TIMEOUT="${TAILOR_STOP_TIMEOUT:-60}"
export TAILOR_JAVA_OPTS="${TAILOR_JAVA_OPTS:--Xmx1g}"
# Data files are written in full at their capacity: a drill cluster needs far less than a production node's 2,000,000.
export TAILOR_PROFILE_CAPACITY="${TAILOR_PROFILE_CAPACITY:-100000}"

# Environment variables of `serve` that must not leak into the nodes: each node gets its settings as options.
unset TAILOR_HOST TAILOR_PORT TAILOR_DATA_DIR TAILOR_GRID_HOST TAILOR_GRID_PORT TAILOR_JOIN

die() {
  echo "local-cluster: $*" >&2
  exit 1
}

usage() {
  sed -n '2,10p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
}

is_index() {
  [[ "$1" =~ ^[1-9][0-9]*$ ]]
}

node_dir() { echo "$RUN_DIR/node-$1"; }
http_port() { echo $((HTTP_BASE + $1)); }
grid_port() { echo $((GRID_BASE + $1)); }

# The number of nodes the cluster was last started with (0 when never started).
cluster_size() {
  if [[ -f "$RUN_DIR/cluster.size" ]]; then
    cat "$RUN_DIR/cluster.size"
  else
    echo 0
  fi
}

join_list() {
  local n="$1" i list=""
  for ((i = 1; i <= n; i++)); do
    list+="${list:+,}127.0.0.1:$(grid_port "$i")"
  done
  echo "$list"
}

# Prints the pid of node I when that process is alive and is this node (its command line names its data dir).
node_pid() {
  local dir pid
  dir="$(node_dir "$1")"
  [[ -f "$dir/node.pid" ]] || return 1
  pid="$(cat "$dir/node.pid")"
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  kill -0 "$pid" 2>/dev/null || return 1
  ps -p "$pid" -o args= 2>/dev/null | grep -qF -- "--data-dir $dir/data" || return 1
  echo "$pid"
}

# Prints the HTTP status of a node's readiness endpoint, 000 when nothing answers.
ready_status() {
  curl -s -o /dev/null -m 2 -w '%{http_code}' "http://127.0.0.1:$(http_port "$1")/health/ready" || true
}

# The member count in the node's last cluster membership line ("Members {size:3, ver:3} [").
members_seen() {
  local log
  log="$(node_dir "$1")/node.log"
  [[ -f "$log" ]] || { echo "-"; return; }
  grep -o 'Members {size:[0-9]*' "$log" | tail -1 | sed 's/.*size://' | grep . || echo "-"
}

port_in_use() {
  ss -Hltn "sport = :$1" 2>/dev/null | grep -q .
}

# Builds the server jar once, before nodes start in parallel (the launcher builds when sources are newer).
ensure_built() {
  "$ROOT/tailor" serve --help >/dev/null || die "build failed; run ./tailor serve --help to see why"
}

# start_node I N INITIAL: node I of a cluster of N, which waits for INITIAL members (the nodes one start command
# brings up together, so that none serves before all of their files are in; 1 when one node rejoins).
start_node() {
  local i="$1" n="$2" initial="$3" dir pid
  dir="$(node_dir "$i")"
  if pid="$(node_pid "$i")"; then
    echo "node $i: already running (pid $pid)"
    return
  fi
  for port in "$(http_port "$i")" "$(grid_port "$i")"; do
    if port_in_use "$port"; then
      die "node $i: port $port is taken by another process (set TAILOR_HTTP_BASE / TAILOR_GRID_BASE)"
    fi
  done
  mkdir -p "$dir/data"
  # shellcheck disable=SC2086 # TAILOR_NODE_ARGS is a list of options by contract
  nohup "$ROOT/tailor" serve \
    --host 127.0.0.1 --port "$(http_port "$i")" \
    --data-dir "$dir/data" \
    --grid-host 127.0.0.1 --grid-port "$(grid_port "$i")" \
    --join "$(join_list "$n")" \
    --cluster-name "$CLUSTER_NAME" \
    --initial-members "$initial" \
    ${TAILOR_NODE_ARGS:-} >>"$dir/node.log" 2>&1 </dev/null &
  echo $! >"$dir/node.pid"
  echo "node $i: started (pid $!, http 127.0.0.1:$(http_port "$i"), grid 127.0.0.1:$(grid_port "$i"), log $dir/node.log)"
}

# Waits until node I answers 200 on /health/ready; fails with the log's tail when it dies or times out.
await_ready() {
  local i="$1" deadline=$((SECONDS + START_TIMEOUT))
  while ((SECONDS < deadline)); do
    if ! node_pid "$i" >/dev/null; then
      tail -n 30 "$(node_dir "$i")/node.log" >&2 || true
      die "node $i exited during start (log above)"
    fi
    if [[ "$(ready_status "$i")" == 200 ]]; then
      echo "node $i: ready (members seen: $(members_seen "$i"))"
      return
    fi
    sleep 1
  done
  tail -n 30 "$(node_dir "$i")/node.log" >&2 || true
  die "node $i not ready after ${START_TIMEOUT}s (log above)"
}

# Sends SIGTERM to the given nodes and waits for them to leave; SIGKILL after STOP_TIMEOUT.
stop_nodes() {
  local i pid deadline
  local -a pids=() idx=()
  for i in "$@"; do
    if pid="$(node_pid "$i")"; then
      kill -TERM "$pid"
      pids+=("$pid")
      idx+=("$i")
      echo "node $i: stopping (pid $pid)"
    fi
    rm -f "$(node_dir "$i")/node.pid.killed"
  done
  deadline=$((SECONDS + STOP_TIMEOUT))
  for ((k = 0; k < ${#pids[@]}; k++)); do
    while kill -0 "${pids[$k]}" 2>/dev/null && ((SECONDS < deadline)); do
      sleep 0.5
    done
    if kill -0 "${pids[$k]}" 2>/dev/null; then
      echo "node ${idx[$k]}: still running after ${STOP_TIMEOUT}s, sending SIGKILL" >&2
      kill -KILL "${pids[$k]}" 2>/dev/null || true
    else
      echo "node ${idx[$k]}: stopped"
    fi
    rm -f "$(node_dir "${idx[$k]}")/node.pid"
  done
}

# The indexes of every node directory under the run dir, in order.
known_nodes() {
  local d
  [[ -d "$RUN_DIR" ]] || return 0
  for d in "$RUN_DIR"/node-*; do
    [[ -d "$d" ]] && echo "${d##*/node-}"
  done | sort -n
}

cmd_start() {
  local n="${1:-}" i
  is_index "$n" || die "usage: start N (N >= 1)"
  command -v curl >/dev/null || die "curl is needed to wait for readiness (apt-get install -y curl)"
  mkdir -p "$RUN_DIR"
  ((n > $(cluster_size))) && echo "$n" >"$RUN_DIR/cluster.size"
  ensure_built
  for ((i = 1; i <= n; i++)); do
    start_node "$i" "$(cluster_size)" "$n"
  done
  for ((i = 1; i <= n; i++)); do
    await_ready "$i"
  done
}

cmd_stop() {
  local -a nodes
  if [[ -n "${1:-}" ]]; then
    is_index "$1" || die "usage: stop [I]"
    stop_nodes "$1"
    return
  fi
  mapfile -t nodes < <(known_nodes)
  ((${#nodes[@]} > 0)) || { echo "no nodes under $RUN_DIR"; return; }
  stop_nodes "${nodes[@]}"
}

cmd_status() {
  local i pid state ready members rc=0
  local -a nodes
  mapfile -t nodes < <(known_nodes)
  ((${#nodes[@]} > 0)) || { echo "no nodes under $RUN_DIR"; return 3; }
  printf '%-5s %-8s %-8s %-16s %-16s %-6s %s\n' node state pid http grid ready members
  for i in "${nodes[@]}"; do
    if pid="$(node_pid "$i")"; then
      state=running
      ready="$(ready_status "$i")"
      members="$(members_seen "$i")"
    else
      pid=-
      ready=-
      members=-
      state=stopped
      [[ -f "$(node_dir "$i")/node.pid.killed" ]] && state=killed
    fi
    [[ "$ready" == 200 ]] || rc=3
    printf '%-5s %-8s %-8s %-16s %-16s %-6s %s\n' "$i" "$state" "$pid" "127.0.0.1:$(http_port "$i")" \
      "127.0.0.1:$(grid_port "$i")" "$ready" "$members"
  done
  return "$rc"
}

cmd_kill() {
  local i="${1:-}" pid
  is_index "$i" || die "usage: kill I"
  pid="$(node_pid "$i")" || die "node $i is not running"
  kill -KILL "$pid"
  mv "$(node_dir "$i")/node.pid" "$(node_dir "$i")/node.pid.killed"
  echo "node $i: killed with SIGKILL (pid $pid); 'restart $i' brings it back with its data dir"
}

cmd_restart() {
  local i="${1:-}" n
  is_index "$i" || die "usage: restart I"
  n="$(cluster_size)"
  ((i <= n)) || die "node $i is not part of the cluster (size $n); use start $i to grow it"
  stop_nodes "$i"
  ensure_built
  start_node "$i" "$n" 1
  await_ready "$i"
}

cmd_logs() {
  local i="${1:-}"
  is_index "$i" || die "usage: logs I"
  [[ -f "$(node_dir "$i")/node.log" ]] || die "node $i has no log"
  exec tail -n 50 -F "$(node_dir "$i")/node.log"
}

case "${1:-}" in
  start) cmd_start "${2:-}" ;;
  stop) cmd_stop "${2:-}" ;;
  status) cmd_status ;;
  kill) cmd_kill "${2:-}" ;;
  restart) cmd_restart "${2:-}" ;;
  logs) cmd_logs "${2:-}" ;;
  -h | --help | help) usage ;;
  *)
    usage >&2
    exit 2
    ;;
esac
