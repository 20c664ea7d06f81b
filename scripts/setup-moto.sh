#!/usr/bin/env bash
# Installs moto in server mode (PyPI `moto[server]`, the version pinned in tool-versions.sh) into a
# cached virtualenv outside git. Idempotent and quiet when it is already there. A venv's launchers
# name their interpreter by absolute path, so it is built in place; the `.installed` marker,
# written last, keeps a half-built venv (a killed pip) from passing for a finished one.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=tool-versions.sh
source "$here/tool-versions.sh"

if [ -f "$MOTO_VENV/.installed" ] && [ -x "$MOTO_SERVER_BIN" ]; then exit 0; fi
command -v python3 >/dev/null 2>&1 || { echo "setup-moto: python3 (>= 3.9, with venv) is required" >&2; exit 1; }
echo "setup-moto: installing moto[server]==$MOTO_VERSION into $MOTO_VENV (once)…"
rm -rf "$MOTO_VENV"
mkdir -p "$CASC_TOOLS_DIR"
python3 -m venv "$MOTO_VENV"
"$MOTO_VENV/bin/pip" install --quiet --disable-pip-version-check "moto[server]==$MOTO_VERSION"
[ -x "$MOTO_SERVER_BIN" ] || { echo "setup-moto: $MOTO_SERVER_BIN missing after install" >&2; exit 1; }
touch "$MOTO_VENV/.installed"
