// Issue #9.4: a full two-year lifecycle for 1,000 candidates on the time-skipping server — the
// on-track script of scenarios/jamal-on-track.json (hours folded, bench/support/cohort-script.ts)
// from the first day of the assignment to `cleared`. Prints wall time, history events and billable
// actions per candidate, and the worker's peak memory; appends them to bench/RESULTS.md.
//   npx tsx bench/lifecycle-1000.ts [count]      (BENCH_CANDIDATES also sets the count)
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { prebuiltBundle } from './support/bundle';
import { programDays } from './support/cohort-script';
import { collectedRows, runLifecycle } from './support/lifecycle-run';
import { loadNow, report, round, type TRow } from './support/report';

async function main() {
  Runtime.install({ logger: new DefaultLogger('ERROR') });
  // The launcher's default heap (512 MiB) is sized for tests, not 1,000 two-year histories.
  process.env.JAVA_OPTS ??= '-Xmx6g -XX:+UseSerialGC';
  const loadAtStart = loadNow();
  const count = Number(process.argv[2] ?? process.env.BENCH_CANDIDATES ?? 1000);
  const r = await runLifecycle({
    workflowType: 'candidateLifecycle',
    bundle: prebuiltBundle(),
    count,
    viaCandidateService: true,
    progress: (l) => console.error(`[lifecycle] ${l}`),
  });
  const per = (n: number) => round(n / r.count, 1);
  const s = (ms: number) => round(ms / 1000, 1);
  const rows: TRow[] = [
    ['candidates', r.count],
    ['simulated program days', `${programDays(r.script)} (${r.script.from} → ${r.script.until})`],
    ['events recorded per candidate (updates)', r.script.eventsPerCandidate],
    ['wall time, total (s)', s(r.wallMs.total)],
    ['  starting the workflows (s)', s(r.wallMs.start)],
    [
      '  two years of events and timers (s)',
      `${s(r.wallMs.drive)} (time skipping ${s(r.wallMs.skipping)}, updates ${s(r.wallMs.updating)})`,
    ],
    ['  reading histories back (s)', s(r.wallMs.collect)],
    ['updates sent / rejected', `${r.updatesSent} / ${r.updatesRejected}`],
    ['emails (rendered, counted)', `${r.emails} (${per(r.emails)} per candidate)`],
    ...collectedRows(r.collected),
    ['worker peak RSS (MiB, this process: worker + client)', r.peakWorkerMiB],
    ['test server peak RSS (MiB, Java)', r.peakServerMiB],
  ];
  const notes = [
    'Time-skipping test server (pinned Java server, `--initial-time` at the first workflow start); one worker process with the real workflow bundle and an email activity that renders every message and counts it (no SES).',
    "Billable actions: workflow starts (incl. continue-as-new), child starts, accepted updates, signals, activities (+ retries), timers and search-attribute upserts, one each, counted from every run's history (bench/support/actions.ts, after https://docs.temporal.io/cloud/actions). Queries and rejected updates are actions too but leave no history: not counted.",
    `Load average 1/5/15 min at the start: ${loadAtStart}; test server JVM options: ${process.env.JAVA_OPTS}.`,
    ...(r.updatesRejected > 0 ? [`Rejected updates: ${JSON.stringify(r.rejectReasons)}`] : []),
  ];
  report(`Two-year lifecycle, ${r.count} candidates (bench/lifecycle-1000.ts)`, rows, notes);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
