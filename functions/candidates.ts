// The candidate service: every client (HTTP API, CLI, simulator) starts workflows, records events
// and reads status through here, so error mapping (400/404/409) is decided once.
import { WorkflowIdReusePolicy, WorkflowNotFoundError, WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import { ApplicationFailure, WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import { z } from 'zod';
import { candidateKey, workflowIdFor, type TCandidateStart } from '../domain/candidate';
import type { TCandidateEvent } from '../domain/events';
import type { TProgramPolicy } from '../domain/policy';
import type { TCandidateStatus } from '../domain/lifecycle/status';
import type { TLifecycleInput } from '../domain/lifecycle/input';
import { initialSearchAttributes } from '../workflows/search-attribute-values';
import { recordEventUpdate, statusQuery, type TEventAccepted } from '../workflows/messages';

export class ServiceError extends Error {
  constructor(
    readonly kind: 'notFound' | 'conflict' | 'invalid',
    message: string,
    readonly issues?: { path: string; message: string }[],
  ) {
    super(message);
  }
}

export interface CandidateServiceDeps {
  client: Client;
  taskQueue: string;
  portalUrl: string;
  resolvePolicy: (policyId: string) => TProgramPolicy;
}

export type CandidateService = ReturnType<typeof createCandidateService>;

export function createCandidateService({ client, taskQueue, portalUrl, resolvePolicy }: CandidateServiceDeps) {
  const handle = (key: string) => client.workflow.getHandle(workflowIdFor(key));

  async function start(start: TCandidateStart): Promise<{ key: string; workflowId: string; runId: string }> {
    let policy: TProgramPolicy;
    try {
      policy = resolvePolicy(start.policyId);
    } catch (err) {
      throw new ServiceError('invalid', (err as Error).message, [{ path: 'policyId', message: (err as Error).message }]);
    }
    const key = candidateKey(start.programId, start.candidateId);
    const input: TLifecycleInput = { start, policy, links: { portalUrl } };
    try {
      const h = await client.workflow.start('candidateLifecycle', {
        taskQueue,
        workflowId: workflowIdFor(key),
        args: [input],
        workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
        typedSearchAttributes: initialSearchAttributes(start),
      });
      return { key, workflowId: h.workflowId, runId: h.firstExecutionRunId };
    } catch (err) {
      if (err instanceof WorkflowExecutionAlreadyStartedError) throw new ServiceError('conflict', `candidate ${key} already exists`);
      throw err;
    }
  }

  async function status(key: string): Promise<TCandidateStatus> {
    try {
      return await handle(key).query(statusQuery);
    } catch (err) {
      throw mapNotFound(err, key);
    }
  }

  async function recordEvent(key: string, event: TCandidateEvent): Promise<TEventAccepted> {
    try {
      return await handle(key).executeUpdate(recordEventUpdate, { args: [event] });
    } catch (err) {
      if (err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure) {
        const kind = err.cause.type === 'InvalidEvent' ? 'invalid' : 'conflict';
        throw new ServiceError(kind, err.cause.message);
      }
      throw mapNotFound(err, key);
    }
  }

  return { start, status, recordEvent, handle };
}

function mapNotFound(err: unknown, key: string): unknown {
  if (err instanceof WorkflowNotFoundError) return new ServiceError('notFound', `no candidate ${key}`);
  // Querying or updating a closed workflow of a candidate that never existed also lands here.
  if (err instanceof Error && /not found/i.test(err.message)) return new ServiceError('notFound', `no candidate ${key}`);
  return err;
}

export function zodIssues(error: z.ZodError): { path: string; message: string }[] {
  return error.issues.map((i) => ({ path: i.path.join('.') || '(body)', message: i.message }));
}
