// The candidate service: every client (HTTP API, CLI, simulator) starts workflows, records events,
// reads status and lists candidates through here, so error mapping (400/404/409) is decided once.
// It runs in the Lambda bundle: of workflow code it imports only workflows/contract.ts (message
// definitions, ids, type names, search attributes), whose define* helpers need no worker.
import {
  ApplicationFailure,
  WorkflowExecutionAlreadyStartedError,
  WorkflowIdReusePolicy,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  type Client,
} from '@temporalio/client';
import { z } from 'zod';
import { candidateKey, workflowIdFor, type TCandidateStart } from '../domain/lifecycle/candidate';
import type { TCandidateEvent } from '../domain/events';
import type { TProgramPolicy } from '../domain/policy/policy';
import type { TCandidateStatus } from '../domain/lifecycle/status';
import type { TTaskSummary } from '../domain/portal/tasks';
import type { TLifecycleInput } from '../domain/lifecycle/input';
import type { TListScope } from './auth/policy';
import {
  buildVisibilityQuery,
  decodePageToken,
  DEFAULT_PAGE_SIZE,
  encodePageToken,
  listingOf,
  listItemFromRaw,
  type TCandidateFilter,
  type TCandidatePage,
} from './visibility';
import {
  CANDIDATE_WORKFLOW_TYPE,
  initialSearchAttributes,
  recommendationWorkflowId,
  recordEventUpdate,
  recordRecommendationEventUpdate,
  statusQuery,
  tasksQuery,
  watchEventUpdate,
  watchWorkflowId,
  type TEventAccepted,
} from '../workflows/contract';
import { WATCH_EVENT_TYPES, type TWatchEvent } from '../domain/risk/watch';
import { isRecommendationEvent, type TRecommendationEvent } from '../domain/recommendation/steps';

export class ServiceError extends Error {
  constructor(
    readonly kind: 'notFound' | 'conflict' | 'invalid',
    message: string,
    readonly issues?: { path: string; message: string }[],
  ) {
    super(message);
    this.name = 'ServiceError';
  }
}

export interface CandidateServiceDeps {
  client: Client;
  taskQueue: string;
  portalUrl: string;
  resolvePolicy: (policyId: string) => TProgramPolicy;
}

export type CandidateService = ReturnType<typeof createCandidateService>;
/** What the HTTP app needs of the service (tests give it a fake). */
export type AppCandidateService = Pick<
  CandidateService,
  'start' | 'status' | 'tasks' | 'recordEvent' | 'list' | 'count' | 'policyProblem'
>;

export function createCandidateService({ client, taskQueue, portalUrl, resolvePolicy }: CandidateServiceDeps) {
  const handle = (key: string) => client.workflow.getHandle(workflowIdFor(key));

  async function start(start: TCandidateStart): Promise<{ key: string; workflowId: string; runId: string }> {
    let policy: TProgramPolicy;
    try {
      policy = resolvePolicy(start.policyId);
    } catch (err) {
      throw new ServiceError('invalid', (err as Error).message, [
        { path: 'policyId', message: (err as Error).message },
      ]);
    }
    const key = candidateKey(start.programId, start.candidateId);
    const input: TLifecycleInput = { start, policy, links: { portalUrl } };
    try {
      const h = await client.workflow.start(CANDIDATE_WORKFLOW_TYPE, {
        taskQueue,
        workflowId: workflowIdFor(key),
        args: [input],
        workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
        typedSearchAttributes: initialSearchAttributes(start),
      });
      return { key, workflowId: h.workflowId, runId: h.firstExecutionRunId };
    } catch (err) {
      if (err instanceof WorkflowExecutionAlreadyStartedError)
        throw new ServiceError('conflict', `candidate ${key} already exists`);
      throw err;
    }
  }

  /** One candidate's open tasks (My tasks): a lighter query than the whole status. */
  async function tasks(key: string): Promise<TTaskSummary> {
    try {
      return await handle(key).query(tasksQuery);
    } catch (err) {
      throw mapNotFound(err, key);
    }
  }

  async function status(key: string): Promise<TCandidateStatus> {
    try {
      return await handle(key).query(statusQuery);
    } catch (err) {
      throw mapNotFound(err, key);
    }
  }

  /**
   * Records one event. `idempotencyKey` (an API caller's Idempotency-Key, a portal form's hidden
   * key) becomes the Temporal update id, so a retried POST or a double-clicked form is absorbed
   * once by the workflow and answers the first attempt's result.
   */
  async function recordEvent(
    key: string,
    event: TCandidateEvent,
    options: { idempotencyKey?: string } = {},
  ): Promise<TEventAccepted> {
    const updateId = options.idempotencyKey ? `event-${options.idempotencyKey}` : undefined;
    const opts = <A extends unknown[]>(args: A) => ({ args, ...(updateId ? { updateId } : {}) });
    try {
      if ((WATCH_EVENT_TYPES as readonly string[]).includes(event.type))
        return await recordWatchEvent(key, event as TWatchEvent, opts);
      if (isRecommendationEvent(event)) return await recordRecommendationEvent(key, event, opts);
      return await handle(key).executeUpdate(recordEventUpdate, opts([event] as [TCandidateEvent]));
    } catch (err) {
      if (err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure) {
        const kind = err.cause.type === 'InvalidEvent' ? 'invalid' : 'conflict';
        throw new ServiceError(kind, err.cause.message);
      }
      throw mapNotFound(err, key);
    }
  }

  /** Steps R-REC-1…5 go to the credentialRecommendation child, which enforces their order. */
  type TUpdateOptions = <A extends unknown[]>(args: A) => { args: A; updateId?: string };
  async function recordRecommendationEvent(
    key: string,
    event: TRecommendationEvent,
    opts: TUpdateOptions,
  ): Promise<TEventAccepted> {
    const chain = client.workflow.getHandle(recommendationWorkflowId(key));
    const running = await chain.describe().then(
      (d) => d.status.name === 'RUNNING',
      () => false,
    );
    if (!running) {
      const status = await handle(key)
        .query(statusQuery)
        .catch((err: unknown) => {
          throw mapNotFound(err, key);
        });
      throw new ServiceError(
        'conflict',
        `the recommendation chain is not open for ${key} (phase '${status.phase}'); it starts when the completion review is complete`,
      );
    }
    await chain.executeUpdate(recordRecommendationEventUpdate, opts([event] as [TRecommendationEvent]));
    const status = await handle(key).query(statusQuery);
    return { accepted: true, type: event.type, date: event.date ?? status.asOf, phase: status.phase };
  }

  /** Academic-watch events go to the candidate's open watch (a child workflow), not the lifecycle. */
  async function recordWatchEvent(key: string, event: TWatchEvent, opts: TUpdateOptions): Promise<TEventAccepted> {
    const watch = client.workflow.getHandle(watchWorkflowId(key));
    const running = await watch.describe().then(
      (d) => d.status.name === 'RUNNING',
      () => false,
    );
    if (!running) {
      await handle(key).describe(); // 404 when the candidate does not exist at all
      throw new ServiceError('conflict', `no academic watch is open for ${key}`);
    }
    const result = await watch.executeUpdate(watchEventUpdate, opts([event] as [TWatchEvent]));
    const status = await handle(key).query(statusQuery);
    return {
      accepted: true,
      type: event.type,
      date: event.date ?? status.asOf,
      phase: status.phase,
      watchStage: result.stage,
    };
  }

  /** Why a policy id cannot start a candidate, or undefined when it can (roster validation). */
  function policyProblem(policyId: string): string | undefined {
    try {
      resolvePolicy(policyId);
      return undefined;
    } catch (err) {
      return (err as Error).message;
    }
  }

  /** One page of candidates matching a filter within a scope (visibility; eventually consistent). */
  async function list(filter: TCandidateFilter, scope: TListScope, nowMs = Date.now()): Promise<TCandidatePage> {
    const query = buildVisibilityQuery(filter, scope, nowMs);
    if (query === undefined) return { candidates: [], nextPageToken: null };
    const listing = listingOf(filter, scope);
    const nextPageToken = decodePageToken(filter.pageToken, listing);
    if (nextPageToken === 'invalid')
      throw new ServiceError('invalid', 'invalid page token', [
        { path: 'pageToken', message: 'not a page token from this listing (filters must stay the same)' },
      ]);
    const res = await client.workflowService.listWorkflowExecutions({
      namespace: client.options.namespace,
      query,
      pageSize: filter.pageSize ?? DEFAULT_PAGE_SIZE,
      nextPageToken,
    });
    return {
      candidates: res.executions.map((raw) => listItemFromRaw(raw, nowMs)),
      nextPageToken: encodePageToken(res.nextPageToken, listing),
    };
  }

  /** How many candidates match (the cohort overview's counts). */
  async function count(
    filter: Omit<TCandidateFilter, 'pageSize' | 'pageToken'>,
    scope: TListScope,
    nowMs = Date.now(),
  ): Promise<number> {
    const query = buildVisibilityQuery(filter, scope, nowMs);
    return query === undefined ? 0 : (await client.workflow.count(query)).count;
  }

  return { start, status, tasks, recordEvent, list, count, policyProblem, handle };
}

function mapNotFound(err: unknown, key: string): unknown {
  if (err instanceof WorkflowNotFoundError) return new ServiceError('notFound', `no candidate ${key}`);
  // Querying or updating a closed workflow of a candidate that never existed also lands here.
  if (err instanceof Error && /not found/i.test(err.message))
    return new ServiceError('notFound', `no candidate ${key}`);
  return err;
}

export function zodIssues(error: z.ZodError): { path: string; message: string }[] {
  return error.issues.map((i) => ({ path: i.path.join('.') || '(body)', message: i.message }));
}
