// Issue #9.4: how fast the candidate list answers with 10,000 candidates on the dev server (SQLite
// on disk, the local default). The list goes through the API's own path — the candidate service's
// list()/count(), i.e. Temporal visibility with the custom search attributes — with the filters the
// API and dashboard use. Candidates start on a cheap path: their next deadline is weeks or months
// ahead, so each workflow takes one turn and sleeps (10 % are already overdue, 2 % deferred).
//   npx tsx bench/list-latency.ts [candidates] [queriesPerFilter]      (BENCH_LIST_CANDIDATES)
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import type { createEmailActivities } from '../activities/email';
import { candidateKey, type TCandidateStart } from '../domain/lifecycle/candidate';
import { addDays, localDateOf } from '../domain/calendar/dates';
import { createCandidateService } from '../functions/candidates';
import { createPolicyResolver } from '../functions/policies';
import type { TCandidateFilter } from '../functions/visibility';
import { startDevServer } from '../test/support/dev-stack';
import { prebuiltBundle } from './support/bundle';
import { pool } from './support/lifecycle-run';
import { sampleMemory } from './support/memory';
import { loadNow, percentile, report, round, type TRow } from './support/report';

type EmailActivities = ReturnType<typeof createEmailActivities>;

const FILTERS: { name: string; filter: TCandidateFilter }[] = [
  { name: 'program + phase (rossier, enrolled)', filter: { program: 'rossier', phase: ['enrolled'] } },
  { name: 'flag (deferred)', filter: { flag: ['deferred'] } },
  { name: 'overdue', filter: { overdue: true } },
  { name: 'needs attention (flags or overdue)', filter: { needsAttention: true } },
  { name: 'program + cohort (csun, 2027)', filter: { program: 'csun', cohort: 2027 } },
  { name: 'everything, first page', filter: {} },
];

async function waitFor(what: string, probe: () => Promise<boolean>, log: (l: string) => void, timeoutMs = 30 * 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`${what}: not reached in ${timeoutMs / 60_000} min`);
    await new Promise((r) => setTimeout(r, 2000));
  }
  log(`${what}: reached`);
}

async function main() {
  Runtime.install({ logger: new DefaultLogger('ERROR') });
  const count = Number(process.argv[2] ?? process.env.BENCH_LIST_CANDIDATES ?? 10_000);
  const perFilter = Number(process.argv[3] ?? 120);
  const log = (l: string) => console.error(`[list] ${l}`);
  const loadAtStart = loadNow();
  const memory = sampleMemory();
  const dir = mkdtempSync(join(tmpdir(), 'casc-list-'));
  const env = await startDevServer(join(dir, 'temporal.db'));
  try {
    const taskQueue = 'bench-list';
    const noMail: Pick<EmailActivities, 'sendNotifications'> = {
      sendNotifications: async (batch) =>
        batch.map((n) => ({ idempotencyKey: n.idempotencyKey, status: 'sent' as const, messageId: 'bench' })),
    };
    // Bounded: with the default cache the workflow thread runs out of heap near 2,000 cached
    // workflows (bench/worker-memory.ts). Visibility latency does not depend on the worker's cache.
    const main = await Worker.create({
      connection: env.nativeConnection,
      taskQueue,
      workflowBundle: prebuiltBundle(),
      maxCachedWorkflows: 1000,
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
    const scope = { kind: 'program' as const };
    const today = localDateOf(Date.now(), 'America/Los_Angeles');

    const starts: TCandidateStart[] = Array.from({ length: count }, (_, i) => {
      const csun = i % 5 >= 3;
      const kind = i % 10 < 7 ? 'applicant' : i % 10 < 9 ? 'enrolled' : 'overdue';
      return {
        programId: csun ? 'csun' : 'rossier',
        candidateId: `l${i}`,
        policyId: csun ? 'ctc-standard' : 'rossier',
        // Applicants in both cohorts; enrolled candidates in next year's, so nothing is due for months.
        cohortStart: kind === 'enrolled' || i % 4 === 0 ? '2027-08-02' : '2026-08-03',
        // Applicant: admission due in 120 days. Overdue: due 5 days ago (one escalation, then sleep).
        assignmentStart: kind === 'overdue' ? addDays(today, -125) : today,
        ...(kind === 'enrolled' ? { enrolledOn: today } : {}),
        candidate: { name: `List Candidate ${i}`, email: `l${i}@example.org` },
        programAdministrator: { name: 'Dr. Tran', email: 'pa.tran@example.edu' },
      };
    });
    const deferredKeys = starts
      .filter((s) => s.enrolledOn)
      .slice(0, Math.round(count / 50))
      .map((s) => candidateKey(s.programId, s.candidateId));

    const measured = await main.runUntil(
      mail.runUntil(async () => {
        let t = performance.now();
        let done = 0;
        await pool(count, 32, async (i) => {
          await candidates.start(starts[i]!);
          if (++done % 1000 === 0) log(`${done} started (${round((performance.now() - t) / 1000)} s)`);
        });
        const startSeconds = (performance.now() - t) / 1000;
        t = performance.now();
        const sleeping = `WorkflowType = 'candidateLifecycle' AND CascNextDeadline IS NOT NULL`;
        await waitFor(
          `${count} workflows past their first turn (visible)`,
          async () => (await env.client.workflow.count(sleeping)).count >= count,
          log,
        );
        await pool(
          deferredKeys.length,
          16,
          async (i) => void (await candidates.recordEvent(deferredKeys[i]!, { type: 'deferred', months: 2 })),
        );
        await waitFor(
          `${deferredKeys.length} deferred (visible)`,
          async () => (await candidates.count({ flag: ['deferred'] }, scope)) >= deferredKeys.length,
          log,
        );
        const settleSeconds = (performance.now() - t) / 1000;

        // Round robin over the filters so load and cache effects spread evenly across them.
        const lists = FILTERS.map(() => [] as number[]);
        const counts = FILTERS.map(() => [] as number[]);
        for (let round = 0; round < perFilter; round++) {
          for (const [f, { filter }] of FILTERS.entries()) {
            let q = performance.now();
            await candidates.list(filter, scope);
            lists[f]!.push(performance.now() - q);
            q = performance.now();
            await candidates.count(filter, scope);
            counts[f]!.push(performance.now() - q);
          }
        }
        const matches = await Promise.all(FILTERS.map(({ filter }) => candidates.count(filter, scope)));
        // The whole roster, page by page, as an export would read it.
        t = performance.now();
        let listed = 0;
        for await (const _ of env.client.workflow.list({ query: `WorkflowType = 'candidateLifecycle'` })) listed++;
        const fullSeconds = (performance.now() - t) / 1000;
        return { startSeconds, settleSeconds, lists, counts, matches, listed, fullSeconds };
      }),
    );

    const ms = (xs: number[], p: number) => round(percentile(xs, p), 1);
    const rows: TRow[] = [
      ['candidates (running workflows)', count],
      [
        'starting them, 32 at a time (s)',
        `${round(measured.startSeconds)} (${round(count / measured.startSeconds)} starts/s)`,
      ],
      ['until all visible with their search attributes (s)', round(measured.settleSeconds)],
      ['queries per filter (list page of 25, and count)', perFilter],
      ...FILTERS.map(({ name }, f): TRow => [
        `${name} — ${measured.matches[f]} match`,
        `list p50 ${ms(measured.lists[f]!, 50)} ms, p99 ${ms(measured.lists[f]!, 99)} ms; count p50 ${ms(measured.counts[f]!, 50)} ms, p99 ${ms(measured.counts[f]!, 99)} ms`,
      ]),
      [
        'all list queries together',
        `p50 ${ms(measured.lists.flat(), 50)} ms, p99 ${ms(measured.lists.flat(), 99)} ms (n = ${measured.lists.flat().length})`,
      ],
      [
        'full listing of every candidate (pages of the SDK default)',
        `${measured.listed} in ${round(measured.fullSeconds, 2)} s`,
      ],
      ['bench process peak RSS (MiB: worker + client)', memory.peakSelfMiB()],
      ['dev server peak RSS (MiB)', memory.peakChildrenMiB()],
    ];
    report(`List latency, ${count} candidates on the dev server (bench/list-latency.ts)`, rows, [
      'Temporal dev server (pinned CLI) with its SQLite file on disk, as `npm start` runs it; queries through the candidate service (functions/candidates.ts list()/count(): the API and dashboard path), as a PA (whole-program scope), each filter run round robin.',
      'The bench worker runs with maxCachedWorkflows 1000: the default cache runs the workflow thread out of heap near 2,000 cached workflows (bench/worker-memory.ts).',
      'Mix: 70 % applicants (admission due in 120 days), 20 % enrolled in the 2027 cohort, 10 % overdue applicants; 60 % rossier, 40 % csun (ctc-standard policy); 2 % of candidates deferred (one update each).',
      `Load average 1/5/15 min at the start: ${loadAtStart}.`,
    ]);
  } finally {
    memory.stop();
    await env.teardown();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
