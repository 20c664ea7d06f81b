// Waiting for a workflow to be idle, instead of sleeping and hoping: idle means the server holds no
// workflow task and no activity for it, so its history can change only when a timer fires or a
// message arrives. A test that asserts "nothing changed" waits for this first, then compares.
import type { WorkflowHandle } from '@temporalio/client';
import { eventually } from './dev-stack';

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
