#!/usr/bin/env bash
# `npm test`: install whatever is missing, then lint, type-check and run the whole suite.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/ensure-deps.sh
echo "== lint";      node_modules/.bin/eslint . --max-warnings=0
echo "== typecheck"; node_modules/.bin/tsc --noEmit
echo "== tests";     node_modules/.bin/vitest run "$@"
