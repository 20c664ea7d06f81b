// Issue #9.4: what "sleep until the next computed moment" saves over a naive daily poll. The same
// script (bench/support/cohort-script.ts), the same rules and messages, the same count, run twice on
// fresh time-skipping servers: once with the real candidateLifecycle, once with
// bench/naive/dailyPollLifecycle (wakes every day at 08:00, checks everything, sends what is due). Per
// candidate figures, so a scaled-down count gives the same ratios as 1,000.
//   npx tsx bench/naive-daily-poll.ts [count]      (BENCH_NAIVE_CANDIDATES; default 20)
import { resolve } from 'node:path';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { prebuiltBundle } from './support/bundle';
import { mean, runLifecycle, type TLifecycleRunResult } from './support/lifecycle-run';
import { loadNow, report, round, type TRow } from './support/report';

async function main() {
  Runtime.install({ logger: new DefaultLogger('ERROR') });
  process.env.JAVA_OPTS ??= '-Xmx4g -XX:+UseSerialGC';
  const count = Number(process.argv[2] ?? process.env.BENCH_NAIVE_CANDIDATES ?? 20);
  const loadAtStart = loadNow();
  const real = await runLifecycle({
    workflowType: 'candidateLifecycle',
    bundle: prebuiltBundle(),
    count,
    viaCandidateService: true,
    progress: (l) => console.error(`[real] ${l}`),
  });
  const naive = await runLifecycle({
    workflowType: 'dailyPollLifecycle',
    bundle: prebuiltBundle(resolve(__dirname, 'naive/index.ts')),
    count,
    expectCompletion: false,
    progress: (l) => console.error(`[naive] ${l}`),
  });

  const per = (r: TLifecycleRunResult, n: number) => n / r.count;
  const line = (label: string, f: (r: TLifecycleRunResult) => number, digits = 1): TRow => {
    const a = f(real);
    const b = f(naive);
    return [label, `${round(a, digits)} vs ${round(b, digits)} (naive ×${round(b / a, 1)})`];
  };
  const rows: TRow[] = [
    ['candidates (each run)', count],
    ['figures below', 'real candidateLifecycle vs naive daily poll, per candidate'],
    line('history events', (r) => per(r, r.historyEvents.total)),
    line('workflow runs (continue-as-new + 1)', (r) => mean(r.runsPerCandidate), 2),
    line('billable actions (est.)', (r) => per(r, r.actions.total)),
    line('  timers', (r) => per(r, r.actions.timers)),
    line('  activities', (r) => per(r, r.actions.activities)),
    line('  search-attribute upserts', (r) => per(r, r.actions.searchAttributeUpserts)),
    line('  updates', (r) => per(r, r.actions.updates)),
    line('emails', (r) => per(r, r.emails)),
    line('wall time, two years of events and timers (s, whole run)', (r) => r.wallMs.drive / 1000),
    line('worker peak RSS (MiB)', (r) => r.peakWorkerMiB, 0),
    ['updates rejected (real / naive)', `${real.updatesRejected} / ${naive.updatesRejected}`],
  ];
  report(`Naive daily poll vs computed wake-ups, ${count} candidates each (bench/naive-daily-poll.ts)`, rows, [
    'Both on fresh time-skipping servers with the same worker setup as bench/lifecycle-1000.ts; the naive workflow exists only for this comparison (bench/naive/).',
    "The naive workflow starts no children: the five recommendation-chain events (R-REC, recorded in the real workflow's credentialRecommendation child) are rejected by it, and the real figures include that child.",
    'The naive poll checks once a day at the send time (08:00 local), so scheduled reminders go out as in the real workflow; messages an event triggers wait for the next check, which is why its email count can differ slightly.',
    `Load average 1/5/15 min at the start: ${loadAtStart}.`,
  ]);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
