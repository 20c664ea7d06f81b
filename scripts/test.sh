#!/usr/bin/env bash
# `npm test`: install whatever is missing, then lint, check the formatting (prettier, print width 120),
# type-check and run the whole suite.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/ensure-deps.sh
echo "== lint";      node_modules/.bin/eslint . --max-warnings=0
echo "== format";    node_modules/.bin/prettier --check --log-level=warn "**/*.ts"
echo "== typecheck"; node_modules/.bin/tsc --noEmit
echo "== tests";     node_modules/.bin/vitest run "$@"
