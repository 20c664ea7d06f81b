// Races that no scenario reaches on purpose, driven so they happen every run: the test of the patch
// that handles each (test/workflow/message-during-turn.test.ts) asserts on what it returns, and
// scripts/record-histories.ts keeps its history in the replay corpus (so the patch's new path is
// replayed, not only its old one).
import type { WorkflowHandle } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { temporal } from '@temporalio/proto';
import { decodeHistory } from '../../codec/history';
import { resolve } from 'node:path';
import { candidateKey } from '../../domain/lifecycle/candidate';
import { recordEventUpdate } from '../../workflows/messages';
import { watchEventUpdate, watchWorkflowId } from '../../workflows/watch-messages';
import { withWorkers, type TSentEmail } from './harness';
import { GLORIA, jamal } from './fixtures';
import { restingHistory } from './workflow-idle';
import { skipTo } from './clock';
import { eventually } from './eventually';
import { letWatchEnd } from './held-watch/messages';

export interface TRaceOutcome {
  sent: TSentEmail[];
  /** The workflow's status once nothing was in flight (the time-skipping clock never unlocked). */
  status: string;
  /** The candidate's workflow history (decoded), for the replay corpus. */
  history: temporal.api.history.v1.IHistory;
}

export interface TSendRaceOutcome extends TRaceOutcome {
  /** Templates sent before the held send was let go. */
  sentWhileHeld: string[];
  /** The phase the second event's update replied with. */
  replyPhase: string;
}

export interface TWatchRaceOutcome extends TRaceOutcome {
  /** The first watch's run: its status once let go. */
  closed: { runId: string; status: string };
  /** The next watch's run, started under the same id once the first ended: its status at rest. */
  next: { runId: string; status: string };
}

/**
 * The workflow's history once it rests, decoded with the client's codec: the corpus must not be
 * under a key that dies with this process.
 */
async function restingDecodedHistory(
  env: TestWorkflowEnvironment,
  handle: WorkflowHandle,
): Promise<temporal.api.history.v1.IHistory> {
  return decodeHistory(await restingHistory(handle), env.client.options.loadedDataConverter.payloadCodecs);
}

/** A promise with its resolver. */
function latch(): { promise: Promise<void>; open: () => void } {
  let open!: () => void;
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}

/**
 * Patch wake-on-message-during-turn: Jamal is admitted and defers three months; the deferral's
 * confirmation email is held inside its activity while his withdrawal is recorded; then it is let
 * go, and the workflow is left until the server holds nothing in flight for it. The clock must stand
 * at a daytime instant (confirmations wait out quiet hours).
 */
export async function withdrawalDuringDeferralSend(env: TestWorkflowEnvironment): Promise<TSendRaceOutcome> {
  const held = latch();
  const release = latch();
  let holdNext = false;
  return withWorkers(
    env,
    async ({ start, sent }) => {
      const handle = await start(jamal());
      await handle.executeUpdate(recordEventUpdate, { args: [{ type: 'admitted' }] });
      holdNext = true;
      await handle.executeUpdate(recordEventUpdate, { args: [{ type: 'deferred', months: 3 }] });
      await held.promise;
      // The deferral's turn is inside its email activity; the withdrawal's update is accepted meanwhile.
      const reply = await handle.executeUpdate(recordEventUpdate, {
        args: [{ type: 'withdrawn', reason: 'Accepted a post out of state.' }],
      });
      const sentWhileHeld = sent.map((e) => e.template);
      release.open();
      // At rest: no workflow task and no activity in flight. No env.sleep and no result(), so the
      // time-skipping clock stays locked and no timer can fire.
      const history = await restingDecodedHistory(env, handle);
      const status = (await handle.describe()).status.name;
      return { sent, sentWhileHeld, replyPhase: reply.phase, status, history };
    },
    {
      email: (activity) => ({
        async sendNotifications(batch) {
          if (holdNext) {
            holdNext = false;
            held.open();
            await release.promise;
          }
          return activity.sendNotifications(batch);
        },
      }),
    },
  );
}

/** The id a patch marker records (patched() writes `{ id }` as JSON in its patch-data payload). */
const patchIdOf = (m: temporal.api.history.v1.IMarkerRecordedEventAttributes): string =>
  (JSON.parse(Buffer.from(m.details?.['patch-data']?.payloads?.[0]?.data ?? []).toString('utf8')) as { id: string }).id;

/**
 * What a race test looks for in a history, one label per event: an activity scheduled, an update
 * accepted, a patch marker (`patch <id>`), a timer started or fired, a child start asked, refused
 * or started; undefined for any other event.
 */
export function raceStep(e: temporal.api.history.v1.IHistoryEvent): string | undefined {
  if (e.activityTaskScheduledEventAttributes) return 'activity';
  if (e.workflowExecutionUpdateAcceptedEventAttributes) return 'update';
  if (e.markerRecordedEventAttributes) return `patch ${patchIdOf(e.markerRecordedEventAttributes)}`;
  if (e.timerStartedEventAttributes) return 'timer';
  if (e.timerFiredEventAttributes) return 'fired';
  if (e.startChildWorkflowExecutionInitiatedEventAttributes) return 'start';
  if (e.startChildWorkflowExecutionFailedEventAttributes) return 'refused';
  if (e.childWorkflowExecutionStartedEventAttributes) return 'started';
  return undefined;
}

/** Child starts the server refused in a history (a run of that id was still open). */
export function refusedChildStarts(history: temporal.api.history.v1.IHistory): number {
  return (history.events ?? []).filter((e) => e.startChildWorkflowExecutionFailedEventAttributes).length;
}

/**
 * Patch watch-restart-waits (R-AW-1): Jamal misses sessions 2 and 3, and an academic watch opens on
 * Nov 17; while it is open he misses sessions 4 and 5 as well. When the PA closes it on Feb 17 the
 * candidate's workflow starts the next watch at once — and the closing watch, held open after it has
 * told the parent (test/support/held-watch/), still holds the id. It is let go once the candidate's
 * history shows a start refused; the workflow is left until both it and the next watch are at rest.
 */
export async function watchDueAgainAsItCloses(env: TestWorkflowEnvironment): Promise<TWatchRaceOutcome> {
  return withWorkers(
    env,
    async ({ start, sent }) => {
      const candidate = jamal({ enrolledOn: '2026-06-15', coach: GLORIA });
      const handle = await start(candidate);
      const watchId = watchWorkflowId(candidateKey(candidate.programId, candidate.candidateId));
      await skipTo(env, '2026-09-16');
      await handle.executeUpdate(recordEventUpdate, { args: [{ type: 'assignmentSubmitted', session: 1 }] });
      // Session 2 was due Oct 19 and session 3 Nov 16: the watch opens as the second deadline passes.
      await skipTo(env, '2026-11-17', '12:00');
      const firstRunId = (await env.client.workflow.getHandle(watchId).describe()).runId;
      const closing = env.client.workflow.getHandle(watchId, firstRunId);
      // Sessions 4 (Jan 11, due Jan 18) and 5 (Feb 8, due Feb 15) go missing too, while the watch is open.
      await skipTo(env, '2027-02-17', '12:00');
      await closing.executeUpdate(watchEventUpdate, {
        args: [{ type: 'watchClosed', note: 'Sessions 2 and 3 discussed.' }],
      });
      // No env.sleep and no result() from here: the clock stays locked, and the 100 ms waits run in real time.
      await eventually(async () => refusedChildStarts(await handle.fetchHistory()) > 0, 10_000);
      await closing.signal(letWatchEnd);
      const closed = await eventually(async () => {
        const { status } = await closing.describe();
        return status.name === 'RUNNING' ? undefined : status.name;
      });
      const nextRunId = await eventually(async () => {
        const { runId } = await env.client.workflow.getHandle(watchId).describe();
        return runId === firstRunId ? undefined : runId;
      });
      const nextWatch = env.client.workflow.getHandle(watchId, nextRunId);
      await restingHistory(nextWatch);
      const history = await restingDecodedHistory(env, handle);
      return {
        sent,
        status: (await handle.describe()).status.name,
        history,
        closed: { runId: firstRunId, status: closed },
        next: { runId: nextRunId, status: (await nextWatch.describe()).status.name },
      };
    },
    { workflowsPath: resolve(__dirname, 'held-watch/index.ts') },
  );
}
