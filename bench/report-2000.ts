// Issue 19.6: the program report over 2,000 candidates. Part 1 (always): 2,000 generated records
// with varied outcomes, their statuses derived by the domain code (what the loader does for an
// archive), then the one report function and the CSV export. Part 2 (BENCH_REPORT_LOAD candidates,
// default 2000; 0 skips): the same report loaded from the dev server — visibility listing plus one
// `status` query per candidate through the real worker. Goal: ≤ 5 s.
//   npx tsx bench/report-2000.ts [candidates]        (BENCH_REPORT_CANDIDATES, BENCH_REPORT_LOAD)
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import type { createEmailActivities } from '../activities/email';
import { ZCandidateStart } from '../domain/lifecycle/candidate';
import type { TCpselScores } from '../domain/lifecycle/cpsel';
import { addDays, localDateOf } from '../domain/calendar/dates';
import { initialState, type TCandidateState, type TPhase } from '../domain/lifecycle/state';
import { deriveStatus } from '../domain/lifecycle/status';
import { getBuiltinPolicy } from '../domain/policy/policy';
import { programReport } from '../domain/report/program-report';
import { createCandidateService } from '../functions/candidates';
import { createPolicyResolver } from '../functions/policies';
import { reportToCsv } from '../functions/reports/export';
import { buildReport } from '../functions/reports/service';
import { startDevServer } from '../test/support/dev-stack';
import { prebuiltBundle } from './support/bundle';
import { pool } from './support/lifecycle-run';
import { loadNow, percentile, report, round, type TRow } from './support/report';

const policy = getBuiltinPolicy('rossier');
const AS_OF = Date.parse('2028-12-01T20:00:00Z');
/** Status queries in flight while loading (the loader's default is 16). */
const CONCURRENCY = Number(process.env.BENCH_REPORT_CONCURRENCY ?? 16);
const PHASES: TPhase[] = [
  'year1',
  'year2',
  'completionReview',
  'recommendation',
  'recommended',
  'cleared',
  'cleared',
  'cleared',
  'withdrawn',
];

/** A deterministic pseudo-random stream (the same cohort on every run). */
function lcg(seed: number) {
  let s = seed;
  return (n: number) => ((s = (s * 1103515245 + 12345) % 2 ** 31), s % n);
}

function generated(i: number, rnd: (n: number) => number): TCandidateState {
  const start = ZCandidateStart.parse({
    programId: 'rossier',
    candidateId: `r${i}`,
    cohortStart: '2026-08-03',
    assignmentStart: '2026-06-15',
    enrolledOn: '2026-07-01',
    districtId: ['lausd', 'pasadena', 'glendale'][i % 3],
    candidate: { name: `Bench ${i}`, email: `r${i}@example.org` },
    programAdministrator: { name: 'Dr. Tran', email: 'pa.tran@example.edu' },
  });
  const base = initialState(start);
  const phase = PHASES[rnd(PHASES.length)]!;
  const year2 = phase !== 'year1' && phase !== 'withdrawn';
  const done = ['recommended', 'cleared'].includes(phase);
  const scores = (n: number): TCpselScores => ({
    cpsel1: n,
    cpsel2: Math.min(4, n + rnd(2)),
    cpsel3: n,
    cpsel4: n,
    cpsel5: Math.max(1, n - rnd(2)),
    cpsel6: n,
  });
  const learn = () => ({ cpselSession: 6 + rnd(8), jobAligned: 10 + rnd(10), plc: 5 + rnd(7), district: 12 + rnd(10) });
  return {
    ...base,
    phase,
    hours: {
      year1: { coaching: 20 + rnd(30), learning: learn() },
      year2: year2 ? { coaching: 15 + rnd(30), learning: learn() } : base.hours.year2,
    },
    shifts:
      rnd(20) === 0
        ? [{ from: '2027-10-01', months: 1 + rnd(6), kind: 'deferral' }]
        : rnd(40) === 0
          ? [{ from: '2027-09-01', months: 12, kind: 'extension' }]
          : [],
    watch: { opened: rnd(10) === 0 ? 1 : 0, open: false, earlyWarnings: rnd(6) === 0 ? 1 : 0, covered: [] },
    withdrawal:
      phase === 'withdrawn'
        ? {
            date: '2027-01-10',
            reason: ['Personal', 'Moved out of state', 'Took another position'][rnd(3)]!,
            refundEligible: rnd(4) === 0,
          }
        : undefined,
    assessments: year2
      ? (['candidate', 'coach', 'supervisor'] as const).flatMap((rater) => [
          { window: 'pre' as const, rater, scores: scores(1 + rnd(2)), date: '2026-09-20' },
          { window: 'endYear2' as const, rater, scores: scores(3 + rnd(2)), date: '2028-05-01' },
        ])
      : [],
    portfolio: {
      presentations: year2
        ? [{ date: '2028-05-15', panelScores: [3, 3, 3 + rnd(2)], medicalExemption: false, passed: rnd(8) !== 0 }]
        : [],
    },
    recommendation: done
      ? {
          startedOn: '2028-06-01',
          recommendedOn: addDays('2028-06-05', rnd(40)),
          ...(phase === 'cleared' ? { clearedOn: '2028-08-01' } : {}),
        }
      : undefined,
    deliveryProblems:
      rnd(25) === 0 ? [{ date: '2027-02-01', template: 'welcome', recipientRole: 'candidate', reason: 'bounced' }] : [],
  };
}

function timed<T>(fn: () => T): [T, number] {
  const t = performance.now();
  const out = fn();
  return [out, performance.now() - t];
}

async function loadFromDevServer(count: number, log: (l: string) => void): Promise<TRow[]> {
  Runtime.install({ logger: new DefaultLogger('ERROR') });
  const env = await startDevServer(join(mkdtempSync(join(tmpdir(), 'casc-report-')), 'temporal.db'));
  try {
    const taskQueue = 'bench-report';
    const noMail: Pick<ReturnType<typeof createEmailActivities>, 'sendNotifications'> = {
      sendNotifications: async (batch) =>
        batch.map((n) => ({ idempotencyKey: n.idempotencyKey, status: 'sent' as const, messageId: 'bench' })),
    };
    const worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue,
      workflowBundle: prebuiltBundle(),
      maxCachedWorkflows: 500,
    });
    const mail = await Worker.create({
      connection: env.nativeConnection,
      taskQueue: `${taskQueue}-email`,
      activities: noMail,
    });
    const candidates = createCandidateService({
      client: env.client,
      taskQueue,
      portalUrl: 'http://127.0.0.1:8787',
      resolvePolicy: createPolicyResolver(),
    });
    const today = localDateOf(Date.now(), 'America/Los_Angeles');
    return await worker.runUntil(
      mail.runUntil(async () => {
        const t0 = performance.now();
        await pool(count, 16, async (i) => {
          await candidates.start({
            programId: 'rossier',
            candidateId: `d${i}`,
            policyId: 'rossier',
            cohortStart: '2027-08-02',
            assignmentStart: today,
            candidate: { name: `Dev ${i}`, email: `d${i}@example.org` },
            programAdministrator: { name: 'Dr. Tran', email: 'pa.tran@example.edu' },
          });
        });
        log(`started ${count} in ${round((performance.now() - t0) / 1000)} s`);
        // Visibility is eventually consistent: wait until it lists them all.
        while ((await candidates.count({ program: 'rossier', cohort: 2027 }, { kind: 'program' })) < count)
          await new Promise((r) => setTimeout(r, 1000));
        const runs: number[] = [];
        let total = 0;
        for (let run = 0; run < 3; run++) {
          const t = performance.now();
          const { report: r } = await buildReport(
            { candidates, resolvePolicy: createPolicyResolver(), concurrency: CONCURRENCY },
            { programId: 'rossier', cohortYear: 2027 },
            { kind: 'program', programId: 'rossier' },
          );
          runs.push(performance.now() - t);
          total = r.candidates.total;
          log(`load + report run ${run + 1}: ${round(runs.at(-1)! / 1000, 2)} s (${total} candidates)`);
        }
        return [
          ['dev server: candidates loaded (list + status query each)', total],
          ['dev server: load + report, first run (s; worker cache cold for most)', round(runs[0]! / 1000, 2)],
          ['dev server: load + report, median of 3 (s)', round(percentile(runs, 50) / 1000, 2)],
        ] as TRow[];
      }),
    );
  } finally {
    await env.teardown();
  }
}

async function main() {
  const count = Number(process.argv[2] ?? process.env.BENCH_REPORT_CANDIDATES ?? 2000);
  const load = Number(process.env.BENCH_REPORT_LOAD ?? 2000);
  const log = (l: string) => console.error(`[report] ${l}`);
  const loadAtStart = loadNow();
  const rnd = lcg(19);
  const states = Array.from({ length: count }, (_, i) => generated(i, rnd));
  const [statuses, deriveMs] = timed(() => states.map((s) => deriveStatus(s, policy, AS_OF)));
  const reportRuns: number[] = [];
  let result = programReport(statuses, policy, { programId: 'rossier', cohortYear: 2026 }, '2028-12-01');
  for (let i = 0; i < 5; i++) {
    const [r, ms] = timed(() =>
      programReport(statuses, policy, { programId: 'rossier', cohortYear: 2026 }, '2028-12-01'),
    );
    reportRuns.push(ms);
    result = r;
  }
  const [csv, csvMs] = timed(() => reportToCsv(result));
  const [, districtMs] = timed(() =>
    programReport(statuses, policy, { programId: 'rossier', cohortYear: 2026, districtId: 'lausd' }, '2028-12-01'),
  );
  const rows: TRow[] = [
    ['candidates (generated records, varied outcomes)', count],
    ['deriving their statuses (ms; what reading archives costs)', round(deriveMs)],
    ['program report, median of 5 (ms)', round(percentile(reportRuns, 50))],
    ['program report, slowest of 5 (ms)', round(Math.max(...reportRuns))],
    ['one district of three (ms)', round(districtMs)],
    ['CSV export (ms; rows)', `${round(csvMs)}; ${csv.split('\r\n').length - 2}`],
    [
      'report figures check: total / completed / withdrawn',
      `${result.candidates.total} / ${result.completion.completed} / ${result.withdrawals.total}`,
    ],
  ];
  if (load > 0) rows.push(...(await loadFromDevServer(load, log)));
  report(`Program report, ${count} candidates (bench/report-2000.ts)`, rows, [
    `Goal ≤ 5 s for a report over 2,000 candidates. Load average 1/5/15 min at the start: ${loadAtStart}.`,
    load === 0
      ? 'Pure figures only (BENCH_REPORT_LOAD=0): no I/O; the dev-server load was skipped.'
      : `Part 1 is pure: no I/O. The dev-server part starts applicants on the cheap path (one workflow task, then a sleep), lists them through visibility and queries each status with ${CONCURRENCY} queries in flight (functions/reports/load.ts); the worker caches 500 workflows, so most queries replay the short history.`,
  ]);
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
