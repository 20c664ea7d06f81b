// Runs candidate workflows on the time-skipping server with a typed email stub that renders every
// message (so a template/data mismatch fails the test) and records what was sent, when.
import type { WorkflowHandle, WorkflowHandleWithFirstExecutionRunId } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { simulationWorkerDataConverter } from '../../codec/data-converter';
import { activityInfo } from '@temporalio/activity';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from '@temporalio/worker';
import { createRecordActivities } from '../../activities/records';
import type { createEmailActivities } from '../../activities/email';
import { addressingProblem, renderTemplate } from '../../domain/notifications';
import type { TCandidateStart } from '../../domain/lifecycle/candidate';
import { getBuiltinPolicy, type TProgramPolicy } from '../../domain/policy/policy';
import { workflowIdFor, candidateKey } from '../../domain/lifecycle/candidate';
import type { TLifecycleInput } from '../../domain/lifecycle/input';
import type { candidateLifecycle } from '../../workflows';
import { bundleWorkflows, workflowBundle } from './time-skipping';
import { uniqueId } from './fixtures';

type EmailActivities = ReturnType<typeof createEmailActivities>;
export type TSentEmail = Parameters<EmailActivities['sendNotifications']>[0][number] & { at: number; subject: string };

export interface THarness {
  taskQueue: string;
  sent: TSentEmail[];
  /** Starts a candidate workflow; it is terminated when the test ends. */
  start(
    start: TCandidateStart,
    policy?: TProgramPolicy,
  ): Promise<WorkflowHandleWithFirstExecutionRunId<typeof candidateLifecycle>>;
}

/** The typed email stub: renders every message (a template/data mismatch fails) and records it in `sent`. */
export function createEmailStub(sent: TSentEmail[]): Pick<EmailActivities, 'sendNotifications'> {
  return {
    async sendNotifications(batch) {
      // The server's (skipped) clock, not the wall clock: when the activity was scheduled.
      const at = activityInfo().currentAttemptScheduledTimestampMs;
      return batch.map((n) => {
        // As the real activity does: a template copied to a role it may not copy is a bug.
        const problem = addressingProblem(n);
        if (problem) throw new Error(problem);
        const rendered = renderTemplate(n.template, n.data);
        sent.push({ ...n, at, subject: rendered.subject });
        return { idempotencyKey: n.idempotencyKey, status: 'sent' as const, messageId: `stub-${sent.length}` };
      });
    },
  };
}

/**
 * Runs `body` with a workflow worker and an email worker (typed stub) on a fresh task queue.
 * Workflows left running are terminated afterwards: on the time-skipping server a timer that fires
 * with no worker polling would hold the clock still for every later test.
 */
export async function withWorkers<T>(
  env: TestWorkflowEnvironment,
  body: (ctx: THarness) => Promise<T>,
  options: {
    /** Wraps the email stub (a test that must hold a send while it does something else). */
    email?: (stub: Pick<EmailActivities, 'sendNotifications'>) => Pick<EmailActivities, 'sendNotifications'>;
    /** Another workflows entry (a test that must hold a child open); the project's own by default. */
    workflowsPath?: string;
  } = {},
): Promise<T> {
  const taskQueue = uniqueId('tq');
  const sent: TSentEmail[] = [];
  const started: WorkflowHandle[] = [];
  const stub = createEmailStub(sent);
  const email = options.email ? options.email(stub) : stub;
  // Archive and handoff activities on the main queue (a finished workflow archives its record).
  const records = createRecordActivities({ dataDir: mkdtempSync(join(tmpdir(), 'casc-harness-')) });
  const main = await Worker.create({
    connection: env.nativeConnection,
    dataConverter: simulationWorkerDataConverter(),
    taskQueue,
    workflowBundle: await (options.workflowsPath ? bundleWorkflows(options.workflowsPath) : workflowBundle()),
    activities: records,
  });
  const mail = await Worker.create({
    connection: env.nativeConnection,
    dataConverter: simulationWorkerDataConverter(),
    taskQueue: `${taskQueue}-email`,
    activities: email,
  });
  const harness: THarness = {
    taskQueue,
    sent,
    async start(start, policy = getBuiltinPolicy(start.policyId)) {
      const input: TLifecycleInput = { start, policy, links: { portalUrl: 'http://127.0.0.1:8787' } };
      const handle = await env.client.workflow.start<typeof candidateLifecycle>('candidateLifecycle', {
        taskQueue,
        workflowId: workflowIdFor(candidateKey(start.programId, start.candidateId)),
        args: [input],
      });
      started.push(handle);
      return handle;
    },
  };
  try {
    return await main.runUntil(mail.runUntil(body(harness)));
  } finally {
    await Promise.all(started.map((h) => h.terminate('test finished').catch(() => undefined)));
  }
}
