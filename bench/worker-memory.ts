// What a cached workflow costs the worker. With reuseV8Context (the SDK default) every workflow in
// the sticky cache gets its own copy of each module of the bundle (webpack module cache per
// workflow: zod, the domain schemas, the templates), so RSS grows per cached workflow — and the
// default cache size is derived from the heap limit, not from this cost. Measured: worker RSS after
// N sleeping candidates took their first turn, with the default cache and with a bounded one.
//   npx tsx bench/worker-memory.ts
import { getHeapStatistics } from 'node:v8';
import { DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import type { createEmailActivities } from '../activities/email';
import { createCandidateService } from '../functions/candidates';
import { createPolicyResolver } from '../functions/policies';
import { startDevServer } from '../test/support/dev-stack';
import { prebuiltBundle } from './support/bundle';
import { pool } from './support/lifecycle-run';
import { loadNow, report, round, type TRow } from './support/report';

type EmailActivities = ReturnType<typeof createEmailActivities>;
const STEPS = [250, 500, 1000];

async function measure(maxCachedWorkflows: number | undefined): Promise<number[]> {
  const env = await startDevServer();
  try {
    const taskQueue = 'bench-memory';
    const bundle = prebuiltBundle();
    const main = await Worker.create({
      connection: env.nativeConnection,
      taskQueue,
      workflowBundle: bundle,
      ...(maxCachedWorkflows ? { maxCachedWorkflows } : {}),
    });
    const noMail: Pick<EmailActivities, 'sendNotifications'> = {
      sendNotifications: async (batch) =>
        batch.map((n) => ({ idempotencyKey: n.idempotencyKey, status: 'sent' as const, messageId: 'bench' })),
    };
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
    const rss = () => process.memoryUsage().rss / 2 ** 20;
    return await main.runUntil(
      mail.runUntil(async () => {
        await new Promise((r) => setTimeout(r, 3000));
        const out = [rss()];
        let started = 0;
        for (const total of STEPS) {
          const from = started;
          await pool(total - from, 16, async (i) => {
            const n = from + i;
            await candidates.start({
              programId: 'rossier',
              candidateId: `mem${n}`,
              policyId: 'rossier',
              cohortStart: '2027-08-02',
              // Admission due in 120 days: one turn, then asleep (and cached).
              assignmentStart: new Date().toISOString().slice(0, 10),
              candidate: { name: `Memory Candidate ${n}`, email: `mem${n}@example.org` },
              programAdministrator: { name: 'Dr. Tran', email: 'pa.tran@example.edu' },
            });
          });
          started = total;
          while ((await env.client.workflow.count(`CascNextDeadline IS NOT NULL`)).count < total)
            await new Promise((r) => setTimeout(r, 1000));
          await new Promise((r) => setTimeout(r, 3000));
          out.push(rss());
        }
        return out;
      }),
    );
  } finally {
    await env.teardown();
  }
}

async function main() {
  Runtime.install({ logger: new DefaultLogger('ERROR') });
  const loadAtStart = loadNow();
  const byDefault = await measure(undefined);
  const bounded = await measure(100);
  const perWorkflow = (byDefault.at(-1)! - byDefault[0]!) / STEPS.at(-1)!;
  const rows: TRow[] = [
    [
      'worker RSS before any workflow (MiB)',
      `${round(byDefault[0]!, 0)} (default cache) / ${round(bounded[0]!, 0)} (maxCachedWorkflows 100)`,
    ],
    ...STEPS.map((n, i): TRow => [
      `after ${n} sleeping candidates (MiB)`,
      `${round(byDefault[i + 1]!, 0)} / ${round(bounded[i + 1]!, 0)}`,
    ]),
    ['RSS per cached workflow, default cache (MiB)', round(perWorkflow, 2)],
    // The SDK's own formula (worker-options: reuseV8Context), from this process's heap limit.
    [
      'default maxCachedWorkflows here (from the heap limit)',
      Math.max(Math.floor((Math.max(getHeapStatistics().heap_size_limit / 2 ** 20 - 200, 0) * 600) / 1024), 10),
    ],
  ];
  report('Worker memory per cached workflow (bench/worker-memory.ts)', rows, [
    'Dev server (in-memory), the real workflow bundle, one worker in this process; RSS 3 s after all N workflows took their first turn.',
    "The SDK default (reuseV8Context) keeps a webpack module cache per workflow, so each cached workflow carries its own zod, domain schemas and templates. The default cache (~2,300 on a 4 GiB heap) times this cost exceeds the workflow thread's heap: the worker dies with ERR_WORKER_OUT_OF_MEMORY (seen at ~2,000 cached workflows in bench/list-latency.ts). bin/worker.ts should bound maxCachedWorkflows.",
    `Load average 1/5/15 min at the start: ${loadAtStart}.`,
  ]);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
