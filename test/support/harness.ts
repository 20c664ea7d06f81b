// Runs candidate workflows on the time-skipping server with the project's email activity, whose SES
// client delivers in memory (simulator/mailbox.ts): every message is rendered and checked as in
// production (a template/data mismatch fails the test) and what was sent is recorded, with when.
import type { WorkflowHandle, WorkflowHandleWithFirstExecutionRunId } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { simulationWorkerDataConverter } from '../../codec/data-converter';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from '@temporalio/worker';
import { createRecordActivities } from '../../activities/records';
import type { createEmailActivities } from '../../activities/email';
import { createRecordingMailbox, type TRecordedEmail } from '../../simulator/mailbox';
import type { TCandidateStart } from '../../domain/lifecycle/candidate';
import { getBuiltinPolicy, type TProgramPolicy } from '../../domain/policy/policy';
import { workflowIdFor, candidateKey } from '../../domain/lifecycle/candidate';
import type { TLifecycleInput } from '../../domain/lifecycle/input';
import type { candidateLifecycle } from '../../workflows';
import { bundleWorkflows, workflowBundle } from './time-skipping';
import { uniqueId } from './fixtures';

type EmailActivities = ReturnType<typeof createEmailActivities>;
export type TSentEmail = TRecordedEmail;

export interface THarness {
  taskQueue: string;
  sent: TSentEmail[];
  /** Starts a candidate workflow; it is terminated when the test ends. */
  start(
    start: TCandidateStart,
    policy?: TProgramPolicy,
  ): Promise<WorkflowHandleWithFirstExecutionRunId<typeof candidateLifecycle>>;
}

/**
 * The project's email activity with an SES client that delivers in memory (simulator/mailbox.ts):
 * each message is validated, addressed, rendered and ledgered as in production, and recorded in
 * `sent` with the time the activity was scheduled on the server's (skipped) clock.
 */
export function recordingEmail(sent: TSentEmail[]): Pick<EmailActivities, 'sendNotifications'> {
  return createRecordingMailbox(sent).activities;
}

/** Throws when the email activity ruled a message out (a template/data mismatch, a copy not allowed): a bug. */
export function assertNoneRuledOut(sent: readonly TSentEmail[]): void {
  const ruledOut = sent.filter((e) => e.renderProblem !== undefined);
  if (ruledOut.length > 0)
    throw new Error(
      `the email activity ruled out ${ruledOut.length} message(s): ${ruledOut.map((e) => `${e.template}: ${e.renderProblem}`).join('; ')}`,
    );
}

/**
 * Runs `body` with a workflow worker and an email worker (the real email activity, SES in memory) on a fresh task queue.
 * Workflows left running are terminated afterwards: on the time-skipping server a timer that fires
 * with no worker polling would hold the clock still for every later test.
 */
export async function withWorkers<T>(
  env: TestWorkflowEnvironment,
  body: (ctx: THarness) => Promise<T>,
  options: {
    /** Wraps the email activity (a test that must hold a send while it does something else). */
    email?: (activity: Pick<EmailActivities, 'sendNotifications'>) => Pick<EmailActivities, 'sendNotifications'>;
    /** Another workflows entry (a test that must hold a child open); the project's own by default. */
    workflowsPath?: string;
  } = {},
): Promise<T> {
  const taskQueue = uniqueId('tq');
  const sent: TSentEmail[] = [];
  const started: WorkflowHandle[] = [];
  const recording = recordingEmail(sent);
  const email = options.email ? options.email(recording) : recording;
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
    const result = await main.runUntil(mail.runUntil(body(harness)));
    assertNoneRuledOut(sent);
    return result;
  } finally {
    await Promise.all(started.map((h) => h.terminate('test finished').catch(() => undefined)));
  }
}
