#!/usr/bin/env bash
# Installs the tools the deploy module's tests check artifacts with, when they are missing:
#   promtool (Debian package prometheus), docker-compose, shellcheck.
# The Kubernetes manifests are checked by the fabric8 Kubernetes model, which Maven fetches; nothing to install.
# Idempotent: does nothing when every tool is on the PATH. Installing needs root (apt-get); otherwise it says what to
# run and exits non-zero, and the tests fail with the same advice rather than skip.
set -euo pipefail

declare -A PACKAGE=([promtool]=prometheus [docker-compose]=docker-compose [shellcheck]=shellcheck)

missing=()
for tool in promtool docker-compose shellcheck; do
  command -v "$tool" >/dev/null 2>&1 || missing+=("${PACKAGE[$tool]}")
done

if ((${#missing[@]} == 0)); then
  echo "install-tools: promtool, docker-compose and shellcheck are installed"
  exit 0
fi

if [[ "$(id -u)" != 0 ]]; then
  echo "install-tools: missing ${missing[*]}; run as root: apt-get install -y ${missing[*]}" >&2
  exit 1
fi

echo "install-tools: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# The prometheus package would start a server as a service; the tests only need promtool, so keep it stopped.
if [[ ! -e /usr/sbin/policy-rc.d ]]; then
  printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d
  chmod +x /usr/sbin/policy-rc.d
  trap 'rm -f /usr/sbin/policy-rc.d' EXIT
fi
apt-get install -y -q --no-install-recommends "${missing[@]}"

for tool in promtool docker-compose shellcheck; do
  command -v "$tool" >/dev/null 2>&1 || { echo "install-tools: $tool still missing after install" >&2; exit 1; }
done
echo "install-tools: done"
