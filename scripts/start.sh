#!/usr/bin/env bash
# `npm start`: install whatever is missing, then run the whole local system (bin/dev.ts).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/ensure-deps.sh
exec node_modules/.bin/tsx bin/dev.ts
