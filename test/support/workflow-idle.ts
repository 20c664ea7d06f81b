// Waiting for a workflow to be idle, instead of sleeping and hoping: idle means the server holds no
// workflow task and no activity for it, so its history can change only when a timer fires or a
// message arrives. A test that asserts "nothing changed" waits for this first, then compares.
import type { WorkflowHandle } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { eventually } from './eventually';

/** True when the server has nothing in flight for the workflow (describe: no workflow task, no activity). */
export async function isIdle(handle: WorkflowHandle): Promise<boolean> {
  const { raw } = await handle.describe();
  return !raw.pendingWorkflowTask && (raw.pendingActivities ?? []).length === 0;
}

/** The workflow's history length once it is idle (bounded: throws after timeoutMs). */
export async function idleHistoryLength(handle: WorkflowHandle, timeoutMs = 30_000): Promise<number> {
  return eventually(
    async () => ((await isIdle(handle)) ? ((await handle.fetchHistory()).events?.length ?? 0) : undefined),
    timeoutMs,
  );
}

/**
 * The same, read from the history alone — for the time-skipping test server, whose describe does not
 * report a pending workflow task: closed, or every workflow task completed and every activity
 * scheduled has closed.
 */
export function restsInHistory(events: readonly temporal.api.history.v1.IHistoryEvent[]): boolean {
  const type = temporal.api.enums.v1.EventType;
  const last = events.at(-1);
  if (last?.eventType === type.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED) return true;
  const open = new Set<string>();
  let taskOpen = false;
  for (const e of events) {
    if (e.eventType === type.EVENT_TYPE_WORKFLOW_TASK_SCHEDULED) taskOpen = true;
    if (e.eventType === type.EVENT_TYPE_WORKFLOW_TASK_COMPLETED) taskOpen = false;
    if (e.activityTaskScheduledEventAttributes) open.add(String(e.eventId));
    const closed =
      e.activityTaskCompletedEventAttributes ??
      e.activityTaskFailedEventAttributes ??
      e.activityTaskTimedOutEventAttributes ??
      e.activityTaskCanceledEventAttributes;
    if (closed) open.delete(String(closed.scheduledEventId));
  }
  return !taskOpen && open.size === 0;
}

/** The workflow's history once it rests by restsInHistory (bounded: throws after timeoutMs). */
export async function restingHistory(
  handle: WorkflowHandle,
  timeoutMs = 30_000,
): Promise<temporal.api.history.v1.IHistory> {
  return eventually(async () => {
    const history = await handle.fetchHistory();
    return restsInHistory(history.events ?? []) ? history : undefined;
  }, timeoutMs);
}
