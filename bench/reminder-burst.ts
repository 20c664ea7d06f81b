// Issues #5.4 and #9.4: a burst of ≥ 1,000 reminders due at once, through the real worker wiring
// (bin/worker.ts's createWorkers: email activities on `<queue>-email` with
// maxTaskQueueActivitiesPerSecond = SES_MAX_SEND_RATE, plus the in-activity pacer) and the real
// @aws-sdk/client-ses to aws-ses-v2-local, on the Temporal dev server. Every candidate's admission
// reminder is due when its workflow starts (assignment began 110 days ago); the workflows are all
// started before the worker, so the whole backlog is due at the same moment. Reports emails/s
// against the configured rate and checks SES's store: none lost, none doubled.
//   npx tsx bench/reminder-burst.ts [candidates] [rate]      (BENCH_BURST, BENCH_RATE; BENCH_LEDGER=dynamo)
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { readEmailConfig } from '../activities/email';
import { LEDGER_FILE } from '../activities/email/ledger';
import { sharedLedgerSentTimes, startSharedLedger } from './support/shared-ledger';
import { createWorkers } from '../bin/worker';
import { clientDataConverter, simulationCodec, simulationWorkerDataConverter } from '../codec/data-converter';
import { candidateKey, type TCandidateStart } from '../domain/lifecycle/candidate';
import { addDays, localDateOf } from '../domain/calendar/dates';
import { createCandidateService } from '../functions/candidates';
import { createPolicyResolver } from '../functions/policies';
import { startDevServer } from '../test/support/dev-stack';
import { startSesLocal } from '../test/support/ses-local';
import { prebuiltBundle } from './support/bundle';
import { pool } from './support/lifecycle-run';
import { sampleMemory } from './support/memory';
import { percentile, report, round, type TRow } from './support/report';

/** When each send was recorded (the ledger's `sent` lines; claim lines carry no MessageId). */
function sentTimes(ledgerFile: string): number[] {
  let text = '';
  try {
    text = readFileSync(ledgerFile, 'utf8');
  } catch {
    return [];
  }
  // Only complete lines: the worker may be half-way through an append.
  return text
    .slice(0, text.lastIndexOf('\n') + 1)
    .split('\n')
    .filter((l) => l.includes('"messageId"'))
    .map((l) => Date.parse((JSON.parse(l) as { at: string }).at))
    .sort((a, b) => a - b);
}

async function main() {
  Runtime.install({ logger: new DefaultLogger('ERROR') });
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  const count = Number(process.argv[2] ?? process.env.BENCH_BURST ?? 1000);
  const rate = Number(process.argv[3] ?? process.env.BENCH_RATE ?? 50);
  const log = (l: string) => console.error(`[burst] ${l}`);

  const memory = sampleMemory();
  const bundle = prebuiltBundle();
  const [env, ses] = await Promise.all([
    startDevServer(undefined, clientDataConverter(simulationCodec())),
    startSesLocal(),
  ]);
  const dataDir = mkdtempSync(join(tmpdir(), 'casc-burst-'));
  // BENCH_LEDGER=dynamo: the workers' shared DynamoDB ledger on moto instead of the file ledger.
  const shared = process.env.BENCH_LEDGER === 'dynamo' ? await startSharedLedger() : undefined;
  try {
    const taskQueue = `burst-${Date.now().toString(36)}`;
    const candidates = createCandidateService({
      client: env.client,
      taskQueue,
      portalUrl: 'http://127.0.0.1:8787',
      resolvePolicy: createPolicyResolver(),
    });
    const today = localDateOf(Date.now(), 'America/Los_Angeles');
    const starts: TCandidateStart[] = Array.from({ length: count }, (_, i) => ({
      programId: 'rossier',
      candidateId: `burst${i}`,
      policyId: 'rossier',
      cohortStart: addDays(today, 45),
      assignmentStart: addDays(today, -110),
      candidate: { name: `Burst Candidate ${i}`, email: `burst${i}@example.org` },
      programAdministrator: { name: 'Dr. Tran', email: 'pa.tran@example.edu' },
    }));
    let t = performance.now();
    await pool(count, 32, async (i) => void (await candidates.start(starts[i]!)));
    const startSeconds = (performance.now() - t) / 1000;
    log(`${count} workflows started in ${round(startSeconds)} s; starting the worker`);

    // The worker exactly as bin/worker.ts builds it, with the bench's rate.
    const workers = await createWorkers({
      connection: env.nativeConnection,
      namespace: 'default',
      taskQueue,
      email: readEmailConfig({ SES_ENDPOINT: ses.endpoint, SES_MAX_SEND_RATE: String(rate) }),
      dataDir,
      workflowBundle: bundle,
      dataConverter: simulationWorkerDataConverter(),
    });
    const workerStartedAt = Date.now();
    t = performance.now();
    const running = workers.run();

    // Progress from the worker's own sent-ledger (cheap to read); SES's store is read once, at the
    // end, so the bench's polling does not weigh on the worker it measures.
    const keys = starts.map((s) => candidateKey(s.programId, s.candidateId));
    const ledgerFile = join(dataDir, LEDGER_FILE);
    const sentSoFar = async () => (shared ? await sharedLedgerSentTimes(shared) : sentTimes(ledgerFile));
    // The shared ledger is read with a table scan, which the one moto process serves between the
    // worker's own ledger calls: polled every 1 s it cost the burst ~25 points of its rate, so rarely.
    const [pollMs, stablePolls] = shared ? [4000, 2] : [500, 6];
    for (let last = -1, stable = 0; stable < stablePolls;) {
      await new Promise((r) => setTimeout(r, pollMs));
      const sent = (await sentSoFar()).length;
      stable = sent === last && sent > 0 ? stable + 1 : 0;
      if (sent !== last && sent % 100 < 15) log(`${sent} sent after ${round((performance.now() - t) / 1000)} s`);
      last = sent;
    }
    const drainSeconds = (performance.now() - t) / 1000;
    let intended = 0;
    const templates = new Map<string, number>();
    await pool(keys.length, 16, async (i) => {
      const sent = (await candidates.status(keys[i]!)).timeline.filter((e) => e.kind === 'emailSent');
      intended += sent.length;
      for (const e of sent) templates.set(e.detail ?? '?', (templates.get(e.detail ?? '?') ?? 0) + 1);
    });
    workers.shutdown();
    await running;

    const emails = await ses.emails();
    const intents = new Set(emails.map((e) => `${e.destination.to.join(',')}|${e.subject}`));
    const sentAt = await sentSoFar();
    const first = sentAt[0]!;
    const last = sentAt.at(-1)!;
    const achieved = (sentAt.length - 1) / ((last - first) / 1000);
    // The busiest second: the most sends inside any 1-second window (a check on the pacer).
    let busiest = 0;
    for (let i = 0, j = 0; j < sentAt.length; j++) {
      while (sentAt[j]! - sentAt[i]! >= 1000) i++;
      busiest = Math.max(busiest, j - i + 1);
    }
    const gaps = sentAt.slice(1).map((x, i) => x - sentAt[i]!);
    const rows: TRow[] = [
      ['candidates (workflows started before the worker)', count],
      ["reminders due at once (the workflows' emailSent entries)", intended],
      ['configured rate (SES_MAX_SEND_RATE = maxTaskQueueActivitiesPerSecond = pacer)', `${rate} emails/s`],
      ['emails in the SES store', emails.length],
      ['distinct (recipient, subject) in the store', intents.size],
      ['lost / doubled', `${Math.max(0, intended - intents.size)} / ${emails.length - intents.size}`],
      [
        'achieved rate, first → last send (ledger timestamps)',
        `${round(achieved, 1)} emails/s (${round((100 * achieved) / rate, 1)} % of configured)`,
      ],
      ['busiest 1-second window', `${busiest} emails`],
      ['gap between sends p50 / p99 (ms)', `${percentile(gaps, 50)} / ${percentile(gaps, 99)}`],
      ['worker start → first send (s)', round((first - workerStartedAt) / 1000, 2)],
      [`worker start → store drained and stable ${(pollMs * stablePolls) / 1000} s (s)`, round(drainSeconds, 1)],
      ['starting the workflows (s)', round(startSeconds, 1)],
      ['bench process peak RSS (MiB: worker + client)', memory.peakSelfMiB()],
    ];
    const notes = [
      'Temporal dev server (pinned CLI, in-memory SQLite), aws-ses-v2-local, the real createWorkers wiring and @aws-sdk/client-ses; one worker process (the bench).',
      ...(shared
        ? [
            'Email ledger: the shared DynamoDB ledger (activities/email/ledger-dynamo.ts) on moto in server mode; send times are its sentAt (ms, written when SES answered).',
          ]
        : []),
      "Emails/s uses the sent-ledger timestamps (ms, written when SES answered) of the first and last send; the SES store only keeps whole seconds. Answer-time jitter lets a 1-second window of those timestamps hold slightly more than the pacer's slots.",
      `What was due: ${[...templates.entries()].map(([t, n]) => `${t} ×${n}`).join(', ')} (one batch activity per candidate).`,
    ];
    report(
      `Reminder burst, ${intended} due at once at ${rate}/s${shared ? ', shared DynamoDB ledger' : ''} (bench/reminder-burst.ts)`,
      rows,
      notes,
    );
    if (emails.length !== intended || intents.size !== intended) {
      console.error(`MISMATCH: ${intended} intended, ${emails.length} stored, ${intents.size} distinct`);
      process.exitCode = 1;
    }
  } finally {
    memory.stop();
    await ses.stop();
    await env.teardown();
    await shared?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
