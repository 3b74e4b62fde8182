#!/usr/bin/env bash
# Installs the tools the test suite needs, when they are missing:
#   promtool (Debian package prometheus), docker-compose, shellcheck: the deploy module checks artifacts with them;
#   chromium and chromedriver (Debian packages chromium, chromium-driver): browser tests drive pages with Selenium;
#   node (Debian package nodejs): the unit tests of sdk/js (tailor.js) run with node --test.
# The Kubernetes manifests are checked by the fabric8 Kubernetes model, which Maven fetches; nothing to install.
# Idempotent: does nothing when every tool is on the PATH. Installing needs apt-get and root (or sudo); otherwise it
# says what to run and exits non-zero, and the tests fail with the same advice rather than skip.
set -euo pipefail

declare -A PACKAGE=([promtool]=prometheus [docker-compose]=docker-compose [shellcheck]=shellcheck
  [chromium]=chromium [chromedriver]=chromium-driver [node]=nodejs)
TOOLS=(promtool docker-compose shellcheck chromium chromedriver node)

missing=()
for tool in "${TOOLS[@]}"; do
  command -v "$tool" >/dev/null 2>&1 || missing+=("${PACKAGE[$tool]}")
done

if ((${#missing[@]} == 0)); then
  echo "install-tools: ${TOOLS[*]} are installed"
  exit 0
fi

if ! command -v apt-get >/dev/null 2>&1 || { [[ "$(id -u)" != 0 ]] && ! command -v sudo >/dev/null 2>&1; }; then
  echo "install-tools: missing ${missing[*]}; install them as root: apt-get install -y ${missing[*]}" >&2
  exit 1
fi

# Runs a command as root: directly, or through sudo (which may ask for a password).
as_root() {
  if [[ "$(id -u)" == 0 ]]; then
    "$@"
  else
    sudo "$@"
  fi
}

echo "install-tools: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
as_root apt-get update -qq
# The prometheus package would start a server as a service; the tests only need promtool, so keep it stopped.
if [[ ! -e /usr/sbin/policy-rc.d ]]; then
  printf '#!/bin/sh\nexit 101\n' | as_root tee /usr/sbin/policy-rc.d >/dev/null
  as_root chmod +x /usr/sbin/policy-rc.d
  trap 'as_root rm -f /usr/sbin/policy-rc.d' EXIT
fi
as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"

for tool in "${TOOLS[@]}"; do
  command -v "$tool" >/dev/null 2>&1 || { echo "install-tools: $tool still missing after install" >&2; exit 1; }
done
echo "install-tools: done"
