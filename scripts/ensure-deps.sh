#!/usr/bin/env bash
# Installs what is missing on a fresh machine: npm packages (from the lockfile), the pinned
# Temporal CLI and Java test server, and Debian chromium for the dashboard tests. Idempotent and quiet
# when everything is already there.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  # `npm install` honours package-lock.json; `npm ci` refuses it here because the registry this
  # machine reaches does not serve @swc/core's other-platform optional binaries, so the lock
  # cannot list them (npm ci then calls the lock out of sync).
  echo "ensure-deps: npm install (from package-lock.json)…"
  npm install --no-audit --no-fund --loglevel=error
fi
bash scripts/setup-tools.sh >/dev/null
bash scripts/setup-moto.sh
# The dashboard tests drive Debian's chromium with playwright-core (no browser download).
if [ "${CASC_SKIP_BROWSER:-0}" != "1" ] && ! command -v chromium >/dev/null 2>&1; then
  echo "ensure-deps: installing Debian chromium for the browser tests…"
  if [ "$(id -u)" = "0" ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq && $SUDO apt-get install -y -qq chromium >/dev/null
fi
