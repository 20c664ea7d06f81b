// Drives N candidates through the cohort script on the time-skipping test server (clock started
// with --initial-time at the first workflow start) and measures what it cost: wall time, history
// events and billable actions per candidate (across continue-as-new runs), worker and server peak
// memory. The workflow under test is a parameter.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import type { temporal } from '@temporalio/proto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker, type WorkerOptions } from '@temporalio/worker';
import { simulationWorkerDataConverter } from '../../codec/data-converter';
import type { createEmailActivities } from '../../activities/email';
import { createRecordActivities } from '../../activities/records';
import { candidateKey, workflowIdFor } from '../../domain/lifecycle/candidate';
import type { TCandidateEvent } from '../../domain/events';
import { createCandidateService, ServiceError } from '../../functions/candidates';
import type { TLifecycleInput } from '../../domain/lifecycle/input';
import { renderTemplate, type TSendResult } from '../../domain/notifications';
import { fetchRunHistories } from '../../simulator/history';
import { createTimeSkippingEnv } from '../../simulator/time-skipping';
import { recordEventUpdate } from '../../workflows/messages';
import { initialSearchAttributes } from '../../workflows/search-attribute-values';
import { addActions, countActions, emptyActions, type TActions } from './actions';
import { candidateFor, cohortScript, type TCohortScript } from './cohort-script';
import { sampleMemory } from './memory';
import { round, type TRow } from './report';

type EmailActivities = ReturnType<typeof createEmailActivities>;

export interface TLifecycleRunOptions {
  workflowType: string;
  bundle: WorkerOptions['workflowBundle'];
  count: number;
  /** Starts and updates in flight at once. */
  concurrency?: number;
  /**
   * Record events through the candidate service, as the API does (recommendation steps go to the
   * credentialRecommendation child, watch events to the academic watch); otherwise as plain
   * updates of the candidate's workflow (the naive workflow has no children).
   */
  viaCandidateService?: boolean;
  /** The script ends with `cleared` for this workflow (the naive one never gets there). */
  expectCompletion?: boolean;
  progress?: (line: string) => void;
}

export interface TLifecycleRunResult {
  count: number;
  script: TCohortScript;
  wallMs: {
    total: number;
    setup: number;
    start: number;
    drive: number;
    collect: number;
    skipping: number;
    updating: number;
  };
  updatesSent: number;
  updatesRejected: number;
  rejectReasons: Record<string, number>;
  historyEvents: { total: number; perCandidate: number[] };
  runsPerCandidate: number[];
  actions: TActions;
  emails: number;
  finished: Record<string, number>;
  /** Child workflows (academic watch, credential recommendation) across all candidates. */
  childWorkflows: number;
  peakWorkerMiB: number;
  peakServerMiB: number;
  /** What the histories read back say (collectedRows prints it). */
  collected: TCollected;
}

/** Runs `task(i)` for i in [0, n) with at most `limit` in flight. */
export async function pool(n: number, limit: number, task: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, n) }, async () => {
      for (let i = next++; i < n; i = next++) await task(i);
    }),
  );
}

/** How long (real time) the driver waits for every workflow to close after the last event. */
const CLOSE_WAIT_MS = 15 * 60_000;

async function sleepUntil(env: TestWorkflowEnvironment, at: number): Promise<void> {
  const now = await env.currentTimeMs();
  if (at > now) await env.sleep(at - now);
}

/** Renders every message (template CPU is part of a worker's cost) and counts instead of sending. */
function countingMailbox() {
  const counter = { emails: 0 };
  const activities: Pick<EmailActivities, 'sendNotifications'> = {
    async sendNotifications(batch) {
      return batch.map((n): TSendResult => {
        try {
          renderTemplate(n.template, n.data);
          counter.emails++;
          return { idempotencyKey: n.idempotencyKey, status: 'sent', messageId: `bench-${counter.emails}` };
        } catch (e) {
          return {
            idempotencyKey: n.idempotencyKey,
            status: 'failedPermanently',
            reason: 'invalidMessage',
            detail: (e as Error).message,
          };
        }
      });
    },
  };
  return { counter, activities };
}

export async function runLifecycle(options: TLifecycleRunOptions): Promise<TLifecycleRunResult> {
  const {
    workflowType,
    bundle,
    count,
    concurrency = 48,
    viaCandidateService = false,
    expectCompletion = true,
    progress = () => undefined,
  } = options;
  const began = performance.now();
  const memory = sampleMemory();
  const script = cohortScript();
  const env = await createTimeSkippingEnv(new Date(script.startsAt).toISOString());
  const dataDir = mkdtempSync(join(tmpdir(), 'casc-bench-records-'));
  try {
    const taskQueue = `bench-${workflowType}`;
    const mailbox = countingMailbox();
    // Handoff packets and the archive of a finished candidate, on the main queue as in bin/worker.ts.
    const main = await Worker.create({
      connection: env.nativeConnection,
      dataConverter: simulationWorkerDataConverter(),
      taskQueue,
      workflowBundle: bundle,
      activities: createRecordActivities({ dataDir }),
    });
    const mail = await Worker.create({
      connection: env.nativeConnection,
      dataConverter: simulationWorkerDataConverter(),
      taskQueue: `${taskQueue}-email`,
      activities: mailbox.activities,
    });
    const setup = performance.now() - began;
    const timings = { start: 0, drive: 0, collect: 0, skipping: 0, updating: 0 };
    const firstRunIds: string[] = new Array(count);
    const rejectReasons: Record<string, number> = {};
    let updatesSent = 0;
    let updatesRejected = 0;
    const ids = Array.from({ length: count }, (_, i) => {
      const start = candidateFor(script, i);
      return { start, workflowId: workflowIdFor(candidateKey(start.programId, start.candidateId)) };
    });

    const service = createCandidateService({
      client: env.client as Client,
      taskQueue,
      portalUrl: 'http://127.0.0.1:8787',
      resolvePolicy: () => script.policy,
    });
    const record = async (i: number, event: TCandidateEvent): Promise<void> => {
      const { start, workflowId } = ids[i]!;
      if (viaCandidateService) await service.recordEvent(candidateKey(start.programId, start.candidateId), event);
      else await env.client.workflow.getHandle(workflowId).executeUpdate(recordEventUpdate, { args: [event] });
    };

    const drive = async () => {
      let t = performance.now();
      await pool(count, concurrency, async (i) => {
        const { start, workflowId } = ids[i]!;
        const input: TLifecycleInput = { start, policy: script.policy, links: { portalUrl: 'http://127.0.0.1:8787' } };
        const handle = await env.client.workflow.start(workflowType, {
          taskQueue,
          workflowId,
          args: [input],
          typedSearchAttributes: initialSearchAttributes(start),
        });
        firstRunIds[i] = handle.firstExecutionRunId;
      });
      timings.start = performance.now() - t;
      t = performance.now();
      for (const [n, moment] of script.moments.entries()) {
        const s0 = performance.now();
        await sleepUntil(env, moment.at);
        const s1 = performance.now();
        timings.skipping += s1 - s0;
        await pool(count, concurrency, async (i) => {
          for (const event of moment.events) {
            updatesSent++;
            try {
              await record(i, event);
            } catch (err) {
              if (!(err instanceof WorkflowUpdateFailedError) && !(err instanceof ServiceError)) throw err;
              updatesRejected++;
              const why = err instanceof WorkflowUpdateFailedError ? (err.cause?.message ?? err.message) : err.message;
              const reason = `${event.type}: ${why}`
                .replace(/\d{4}-\d{2}-\d{2}/g, '<date>')
                .replace(/rossier-b\d+/g, '<key>');
              rejectReasons[reason] = (rejectReasons[reason] ?? 0) + 1;
            }
          }
        });
        timings.updating += performance.now() - s1;
        if (n % 8 === 7)
          progress(
            `${moment.date}: ${n + 1}/${script.moments.length} moments, ${Math.round((performance.now() - t) / 1000)} s (skipping ${Math.round(timings.skipping / 1000)} s, updates ${Math.round(timings.updating / 1000)} s)`,
          );
      }
      // To the scenario's end, unless every candidate has finished: once workflows close, the Java
      // test server lets a sleep run at wall-clock speed (a 1,000-candidate run sat idle for 20 min
      // after all had completed, because one pass of describe() took longer than the 30 s this wait
      // allowed). So wait, in real time, for the last events' effects (the archive), up to
      // CLOSE_WAIT_MS, and skip only for the workflows still open (their timers keep time moving).
      const s0 = performance.now();
      let open = ids.map((_, i) => i);
      for (const until = expectCompletion ? Date.now() + CLOSE_WAIT_MS : 0; open.length > 0 && Date.now() < until;) {
        const still: number[] = [];
        await pool(open.length, 32, async (k) => {
          const d = await env.client.workflow.getHandle(ids[open[k]!]!.workflowId).describe();
          if (d.status.name === 'RUNNING') still.push(open[k]!);
        });
        open = still;
        if (open.length > 0) await new Promise((r) => setTimeout(r, 500));
      }
      if (open.length > 0) await sleepUntil(env, script.endsAt);
      timings.skipping += performance.now() - s0;
      timings.drive = performance.now() - t;
    };
    await main.runUntil(mail.runUntil(drive()));

    // Histories are read from the server; no worker needed.
    const t = performance.now();
    const collected = await collectHistories(
      env.client as Client,
      ids.map((x) => x.workflowId),
      firstRunIds,
    );
    const { perCandidate, runs, actions, finished, childCount } = collected;
    timings.collect = performance.now() - t;
    return {
      count,
      script,
      wallMs: { total: performance.now() - began, setup, ...timings },
      updatesSent,
      updatesRejected,
      rejectReasons,
      historyEvents: { total: perCandidate.reduce((a, b) => a + b, 0), perCandidate },
      runsPerCandidate: runs,
      actions,
      emails: mailbox.counter.emails,
      finished,
      childWorkflows: childCount,
      peakWorkerMiB: memory.peakSelfMiB(),
      peakServerMiB: memory.peakChildrenMiB(),
      collected,
    };
  } finally {
    memory.stop();
    await env.teardown();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/**
 * Every candidate's runs and children, read back from the server: history events, runs, billable
 * actions and how each ended. Without a first run id, the latest run names it (firstExecutionRunId).
 */
export async function collectHistories(
  client: Client,
  workflowIds: string[],
  firstRunIds: (string | undefined)[] = [],
) {
  const count = workflowIds.length;
  const perCandidate: number[] = new Array(count);
  const runs: number[] = new Array(count);
  const actions = emptyActions();
  const finished: Record<string, number> = {};
  let childCount = 0;
  await pool(count, 8, async (i) => {
    const workflowId = workflowIds[i]!;
    const firstRunId =
      firstRunIds[i] ??
      (await client.workflow.getHandle(workflowId).fetchHistory()).events?.[0]?.workflowExecutionStartedEventAttributes
        ?.firstExecutionRunId;
    if (!firstRunId) throw new Error(`${workflowId}: no first run id`);
    const histories = await fetchRunHistories(client, workflowId, firstRunId);
    // The candidate's children (academic watch, credential recommendation) are its cost too; their
    // start is already counted by the parent's StartChildWorkflowExecutionInitiated.
    const children = await childHistories(
      client,
      histories.map((r) => r.history),
    );
    const all = [...histories, ...children.flatMap((c) => c.runs)];
    perCandidate[i] = all.reduce((a, r) => a + (r.history.events?.length ?? 0), 0);
    runs[i] = histories.length;
    childCount += children.length;
    const counted = countActions(all.map((r) => r.history));
    counted.workflowStarts -= children.length;
    counted.total -= children.length;
    addActions(actions, counted);
    const last = histories.at(-1)!.history.events?.at(-1);
    const state = last?.workflowExecutionCompletedEventAttributes
      ? 'completed'
      : last?.workflowExecutionContinuedAsNewEventAttributes
        ? 'continuedAsNew'
        : 'running';
    finished[state] = (finished[state] ?? 0) + 1;
  });
  return { perCandidate, runs, actions, finished, childCount };
}

export type TCollected = Awaited<ReturnType<typeof collectHistories>>;

/** The per-candidate rows bench/lifecycle-1000.ts and bench/lifecycle-collect.ts both print. */
export function collectedRows(c: TCollected): TRow[] {
  const count = c.perCandidate.length;
  const per = (n: number) => round(n / count, 1);
  const total = c.perCandidate.reduce((a, b) => a + b, 0);
  const a = c.actions;
  return [
    [
      'candidate workflows completed (cleared) / still running',
      `${c.finished.completed ?? 0} / ${c.finished.running ?? 0}`,
    ],
    ['child workflows (recommendation, academic watch)', c.childCount],
    ['history events, total (candidates and their children)', total],
    [
      'history events per candidate (mean / min / max)',
      `${per(total)} / ${Math.min(...c.perCandidate)} / ${Math.max(...c.perCandidate)}`,
    ],
    ['runs per candidate (continue-as-new + 1)', round(mean(c.runs), 2)],
    ['billable actions per candidate (est.)', per(a.total)],
    [
      '  of which',
      `starts ${per(a.workflowStarts)}, children ${per(a.childStarts)}, updates ${per(a.updates)}, signals ${per(a.signals)}, activities ${per(a.activities)}, timers ${per(a.timers)}, search-attribute upserts ${per(a.searchAttributeUpserts)}`,
    ],
  ];
}

/** Every run of every child a set of histories started (one level: children start no children). */
async function childHistories(client: Client, histories: temporal.api.history.v1.IHistory[]) {
  const started = histories.flatMap((h) =>
    (h.events ?? [])
      .map((e) => e.childWorkflowExecutionStartedEventAttributes?.workflowExecution)
      .filter((x) => x?.workflowId && x.runId),
  );
  return Promise.all(
    started.map(async (x) => ({
      workflowId: x!.workflowId!,
      runs: await fetchRunHistories(client, x!.workflowId!, x!.runId!),
    })),
  );
}

export const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
