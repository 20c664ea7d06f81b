// Starts a program's weekly digest workflow (workflows/weeklyDigest.ts). Idempotent: a digest
// already running for the program is left alone, one that ended (the digest was off, or it was
// terminated) is started afresh. Imports only @temporalio/client and the workflows' contract, so the
// API, the CLI and the dev stack can all call it.
import { WorkflowExecutionAlreadyStartedError, WorkflowIdReusePolicy, type Client } from '@temporalio/client';
import type { TProgramPolicy } from '../domain/policy/policy';
import { DIGEST_WORKFLOW_TYPE, digestWorkflowId } from '../workflows/contract';
import type { TWeeklyDigestInput, weeklyDigest } from '../workflows/weeklyDigest';

export interface TStartDigestOptions {
  taskQueue: string;
  /** Base URL of the dashboard, for the digest's link. */
  portalUrl: string;
}

export type TStartDigestResult =
  | { workflowId: string; outcome: 'started'; runId: string }
  | { workflowId: string; outcome: 'alreadyRunning' }
  | { workflowId: string; outcome: 'disabled' };

/**
 * Starts `digest-<programId>` unless it is running already. With the digest off nothing is started
 * (a running digest of an earlier policy keeps its policy until it is terminated: restart it with
 * the new one by terminating `digest-<programId>` and calling this again).
 */
export async function startProgramDigest(
  client: Client,
  programId: string,
  policy: TProgramPolicy,
  options: TStartDigestOptions,
): Promise<TStartDigestResult> {
  const workflowId = digestWorkflowId(programId);
  if (!policy.notifications.digest.enabled) return { workflowId, outcome: 'disabled' };
  const input: TWeeklyDigestInput = { programId, policy, portalUrl: options.portalUrl };
  try {
    const handle = await client.workflow.start<typeof weeklyDigest>(DIGEST_WORKFLOW_TYPE, {
      taskQueue: options.taskQueue,
      workflowId,
      args: [input],
      // A closed digest may be started again; a running one makes the server refuse (caught below).
      workflowIdReusePolicy: WorkflowIdReusePolicy.ALLOW_DUPLICATE,
    });
    return { workflowId, outcome: 'started', runId: handle.firstExecutionRunId };
  } catch (err) {
    if (err instanceof WorkflowExecutionAlreadyStartedError) return { workflowId, outcome: 'alreadyRunning' };
    throw err;
  }
}
