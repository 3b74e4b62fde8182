#!/usr/bin/env bash
# Container entry point: picks the HTTP bind address, then runs the launcher (which adds jvm.properties' flags).
#
# HTTP binds 0.0.0.0 only when an API keys file is mounted (TAILOR_API_KEYS_FILE names a readable file, e.g. a
# Kubernetes Secret or a compose bind mount). Without one the node runs in development mode: HTTP on the
# container's loopback only (reachable with `docker exec`), as the server refuses any other address without keys.
# An explicit TAILOR_HOST wins (and the server still enforces that rule).
# The grid member announces the container's own address unless TAILOR_GRID_HOST is set.
set -euo pipefail

if [[ -n "${TAILOR_API_KEYS_FILE:-}" && ! -r "$TAILOR_API_KEYS_FILE" ]]; then
  echo "tailor-entrypoint: TAILOR_API_KEYS_FILE=$TAILOR_API_KEYS_FILE is not a readable file; ignoring it" >&2
  unset TAILOR_API_KEYS_FILE
fi
if [[ -z "${TAILOR_HOST:-}" ]]; then
  if [[ -n "${TAILOR_API_KEYS_FILE:-}" ]]; then
    export TAILOR_HOST=0.0.0.0
  else
    export TAILOR_HOST=127.0.0.1
    echo "tailor-entrypoint: no API keys file mounted: development mode, HTTP on the container's loopback only" >&2
  fi
fi
if [[ -z "${TAILOR_GRID_HOST:-}" ]]; then
  TAILOR_GRID_HOST="$(hostname -i | awk '{ print $1 }')"
  export TAILOR_GRID_HOST
fi

exec /opt/tailor/tailor "$@"
