// Like withWorkers (harness.ts), with the real local-store handoff and archive activities on the
// main task queue (in a temp dir), for the recommendation chain and the parent that starts it.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { WorkflowHandle } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { simulationWorkerDataConverter } from '../../codec/data-converter';
import { Worker } from '@temporalio/worker';
import { createArchiveActivities, createLocalArchiveStore } from '../../activities/archive';
import { createHandoffActivities, createLocalHandoffStore, type HandoffStore } from '../../activities/handoff';
import { candidateKey, workflowIdFor, type TCandidateStart } from '../../domain/lifecycle/candidate';
import { getBuiltinPolicy, type TProgramPolicy } from '../../domain/policy/policy';
import type { TLifecycleInput } from '../../domain/lifecycle/input';
import type { candidateLifecycle, credentialRecommendation } from '../../workflows';
import { recommendationWorkflowId, type TRecommendationInput } from '../../workflows/recommendation-messages';
import { assertNoneRuledOut, recordingEmail, type TSentEmail } from './harness';
import { workflowBundle } from './time-skipping';
import { uniqueId } from './fixtures';

export interface TRecordHarness {
  taskQueue: string;
  sent: TSentEmail[];
  dataDir: string;
  handoffs: HandoffStore;
  /** Starts the chain on its own (no parent: progress signals are skipped). */
  startRecommendation(input: TRecommendationInput): Promise<WorkflowHandle<typeof credentialRecommendation>>;
  /** Starts a candidate's parent workflow, as harness.start does; `extra` adds input fields (e.g. a carried record). */
  start(
    start: TCandidateStart,
    policy?: TProgramPolicy,
    extra?: Partial<TLifecycleInput> & Record<string, unknown>,
  ): Promise<WorkflowHandle<typeof candidateLifecycle>>;
}

export async function withRecordWorkers<T>(
  env: TestWorkflowEnvironment,
  body: (ctx: TRecordHarness) => Promise<T>,
): Promise<T> {
  const taskQueue = uniqueId('tq');
  const sent: TSentEmail[] = [];
  const started: WorkflowHandle[] = [];
  const dataDir = mkdtempSync(join(tmpdir(), 'casc-records-'));
  const handoffs = createLocalHandoffStore(join(dataDir, 'handoffs'));
  const activities = {
    ...createHandoffActivities({ store: handoffs }),
    ...createArchiveActivities({ store: createLocalArchiveStore(join(dataDir, 'archives')) }),
  };
  const main = await Worker.create({
    connection: env.nativeConnection,
    dataConverter: simulationWorkerDataConverter(),
    taskQueue,
    workflowBundle: await workflowBundle(),
    activities,
  });
  const mail = await Worker.create({
    connection: env.nativeConnection,
    dataConverter: simulationWorkerDataConverter(),
    taskQueue: `${taskQueue}-email`,
    activities: recordingEmail(sent),
  });
  const harness: TRecordHarness = {
    taskQueue,
    sent,
    dataDir,
    handoffs,
    async startRecommendation(input) {
      const handle = await env.client.workflow.start<typeof credentialRecommendation>('credentialRecommendation', {
        taskQueue,
        workflowId: recommendationWorkflowId(input.candidateKey),
        args: [input],
      });
      started.push(handle);
      return handle;
    },
    async start(start, policy = getBuiltinPolicy(start.policyId), extra = {}) {
      const input: TLifecycleInput = { start, policy, links: { portalUrl: 'http://127.0.0.1:8787' }, ...extra };
      const handle = await env.client.workflow.start<typeof candidateLifecycle>('candidateLifecycle', {
        taskQueue,
        workflowId: workflowIdFor(candidateKey(start.programId, start.candidateId)),
        args: [input],
      });
      started.push(
        handle,
        env.client.workflow.getHandle(recommendationWorkflowId(candidateKey(start.programId, start.candidateId))),
      );
      return handle;
    },
  };
  try {
    const result = await main.runUntil(mail.runUntil(body(harness)));
    assertNoneRuledOut(sent);
    return result;
  } finally {
    // A timer left running with no worker would hold the time-skipping clock still for later tests.
    await Promise.all(started.map((h) => h.terminate('test finished').catch(() => undefined)));
  }
}
