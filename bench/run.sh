#!/usr/bin/env bash
# `npm run bench`: every benchmark once, shortest first; each prints its table and appends a dated
# section to bench/RESULTS.md. Sizes: BENCH_BURST, BENCH_RATE, BENCH_LIST_CANDIDATES,
# BENCH_CANDIDATES, BENCH_REPORT_CANDIDATES, BENCH_REPORT_LOAD (defaults 1000, 50, 10000, 1000, 2000,
# 2000). BENCH_DRY_RUN=1
# prints without recording. The two-year lifecycle of 1,000 candidates takes hours on 2 cores
# (see its wall time in RESULTS.md).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
CASC_SKIP_BROWSER=1 bash scripts/ensure-deps.sh
export AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED=true
tsx=node_modules/.bin/tsx
echo "== reminder burst";            "$tsx" bench/reminder-burst.ts
echo "== worker memory";             "$tsx" bench/worker-memory.ts
echo "== list latency";              "$tsx" bench/list-latency.ts
echo "== program report";            "$tsx" bench/report-2000.ts
# The in-memory engine: 100 and 1,000 lifecycles, and computed wake-ups vs a daily poll on the same core.
echo "== in-memory engine, daily poll"; "$tsx" bench/simulate-memory.ts
# 1,000 cached two-year workflows need more than the default 4 GiB workflow-thread heap
# (bench/worker-memory.ts); V8's heap flag applies to the worker threads too.
echo "== two-year lifecycle";        NODE_OPTIONS="${NODE_OPTIONS:-} --max-old-space-size=8192" "$tsx" bench/lifecycle-1000.ts
