// A candidate's workflow history across continue-as-new and child workflows: each run has its own
// history, the run that continued names the next one in its last event, and a parent's history
// names each child it started. The chains are followed from the first run (no visibility listing
// needed, which the test server barely supports).
import type { Client } from '@temporalio/client';
import type { temporal } from '@temporalio/proto';
import type { THistoryLength } from './report';
import { decodeHistory } from '../codec/history';

export interface TRunHistory {
  workflowId: string;
  runId: string;
  workflowType: string;
  history: temporal.api.history.v1.IHistory;
}

const MAX_RUNS = 1000;
const MAX_CHILD_DEPTH = 3;

/** Every run of one workflow id, first to last. */
export async function fetchRunHistories(
  client: Client,
  workflowId: string,
  firstRunId: string,
): Promise<TRunHistory[]> {
  const runs: TRunHistory[] = [];
  for (let runId: string | undefined = firstRunId; runId;) {
    // Decoded with the client's own codec: the replay corpus is stored readable, not under a key that dies with this process.
    const history: temporal.api.history.v1.IHistory = await decodeHistory(
      await client.workflow.getHandle(workflowId, runId).fetchHistory(),
      client.options.loadedDataConverter.payloadCodecs,
    );
    const workflowType = history.events?.[0]?.workflowExecutionStartedEventAttributes?.workflowType?.name ?? 'unknown';
    runs.push({ workflowId, runId, workflowType, history });
    runId = history.events?.at(-1)?.workflowExecutionContinuedAsNewEventAttributes?.newExecutionRunId ?? undefined;
    if (runs.length > MAX_RUNS)
      throw new Error(`${workflowId}: more than ${MAX_RUNS} runs; is continue-as-new looping?`);
  }
  return runs;
}

/** Every run of a workflow and of the children it started (and theirs), parents first. */
export async function fetchWorkflowFamily(
  client: Client,
  workflowId: string,
  firstRunId: string,
  depth = 0,
): Promise<TRunHistory[]> {
  const runs = await fetchRunHistories(client, workflowId, firstRunId);
  const family = [...runs];
  if (depth >= MAX_CHILD_DEPTH) return family;
  for (const run of runs) {
    for (const event of run.history.events ?? []) {
      const child = event.childWorkflowExecutionStartedEventAttributes?.workflowExecution;
      if (child?.workflowId && child.runId)
        family.push(...(await fetchWorkflowFamily(client, child.workflowId, child.runId, depth + 1)));
    }
  }
  return family;
}

const eventsIn = (r: TRunHistory) => r.history.events?.length ?? 0;

/** The candidate workflow's own runs, and each child workflow's total. */
export function historyLength(family: readonly TRunHistory[], workflowId: string): THistoryLength {
  const own = family.filter((r) => r.workflowId === workflowId);
  const runs = own.map((r) => ({
    runId: r.runId,
    events: eventsIn(r),
    continuedAsNew: Boolean(r.history.events?.at(-1)?.workflowExecutionContinuedAsNewEventAttributes),
  }));
  const childIds = [...new Set(family.filter((r) => r.workflowId !== workflowId).map((r) => r.workflowId))];
  const children = childIds.map((id) => {
    const childRuns = family.filter((r) => r.workflowId === id);
    return {
      workflowId: id,
      workflowType: childRuns[0]!.workflowType,
      events: childRuns.reduce((a, r) => a + eventsIn(r), 0),
      runs: childRuns.length,
    };
  });
  const events = runs.reduce((a, r) => a + r.events, 0);
  return { events, runs, children, withChildren: events + children.reduce((a, c) => a + c.events, 0) };
}

/**
 * The server keeps a rejected update's (speculative) workflow task in history — three events, and
 * "rejected before history" broken — when more than this many events follow the last completed task
 * (Temporal's DiscardSpeculativeWorkflowTaskMaximumEventsCount, default 10;
 * docs/architecture/speculative-workflow-task.md in temporalio/temporal).
 */
export const SPECULATIVE_TASK_EVENT_LIMIT = 10;

/**
 * Each workflow task that wrote more events than the limit: `<workflow type> run <n>, task at event <id>: <count>`.
 * `idleOnly`: only tasks after which the workflow waits for a message or its timer — not those that
 * scheduled an activity or started a child, whose completion brings the next task within seconds
 * (a rejected update in that window still leaves three events).
 */
export function tasksOverSpeculativeLimit(runs: readonly TRunHistory[], opts: { idleOnly?: boolean } = {}): string[] {
  const over: string[] = [];
  const runOf = new Map<string, number>();
  for (const run of runs) {
    const n = (runOf.get(run.workflowId) ?? 0) + 1;
    runOf.set(run.workflowId, n);
    const events = run.history.events ?? [];
    events.forEach((event, i) => {
      if (event.workflowTaskCompletedEventAttributes == null) return;
      // What the task's commands wrote: everything up to the next event that is not one of them.
      const written: temporal.api.history.v1.IHistoryEvent[] = [];
      for (let j = i + 1; j < events.length && isCommandEvent(events[j]!); j++) written.push(events[j]!);
      const busy = written.some(
        (e) => e.activityTaskScheduledEventAttributes ?? e.startChildWorkflowExecutionInitiatedEventAttributes,
      );
      if (written.length > SPECULATIVE_TASK_EVENT_LIMIT && !(opts.idleOnly && busy))
        over.push(`${run.workflowType} run ${n}, task at event ${String(event.eventId)}: ${written.length}`);
    });
  }
  return over;
}

function isCommandEvent(e: temporal.api.history.v1.IHistoryEvent): boolean {
  return Boolean(
    e.markerRecordedEventAttributes ??
    e.upsertWorkflowSearchAttributesEventAttributes ??
    e.timerStartedEventAttributes ??
    e.timerCanceledEventAttributes ??
    e.activityTaskScheduledEventAttributes ??
    e.startChildWorkflowExecutionInitiatedEventAttributes ??
    e.signalExternalWorkflowExecutionInitiatedEventAttributes ??
    e.requestCancelExternalWorkflowExecutionInitiatedEventAttributes ??
    e.workflowExecutionUpdateAcceptedEventAttributes ??
    e.workflowExecutionUpdateCompletedEventAttributes ??
    e.workflowPropertiesModifiedEventAttributes,
  );
}
