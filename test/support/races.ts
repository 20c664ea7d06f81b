// Races that no scenario reaches on purpose, driven so they happen every run: the test of the patch
// that handles each (test/workflow/message-during-turn.test.ts) asserts on what it returns, and
// scripts/record-histories.ts keeps its history in the replay corpus (so the patch's new path is
// replayed, not only its old one).
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { temporal } from '@temporalio/proto';
import { decodeHistory } from '../../codec/history';
import { recordEventUpdate } from '../../workflows/messages';
import { withWorkers, type TSentEmail } from './harness';
import { jamal } from './fixtures';
import { restingHistory } from './workflow-idle';

export interface TRaceOutcome {
  sent: TSentEmail[];
  /** Templates sent before the held send was let go. */
  sentWhileHeld: string[];
  /** The phase the second event's update replied with. */
  replyPhase: string;
  /** The workflow's status once nothing was in flight (the time-skipping clock never unlocked). */
  status: string;
  history: temporal.api.history.v1.IHistory;
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
export async function withdrawalDuringDeferralSend(env: TestWorkflowEnvironment): Promise<TRaceOutcome> {
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
      // Decoded with the client's codec: the corpus must not be under a key that dies with this process.
      const history = await decodeHistory(
        await restingHistory(handle),
        env.client.options.loadedDataConverter.payloadCodecs,
      );
      const status = (await handle.describe()).status.name;
      return { sent, sentWhileHeld, replyPhase: reply.phase, status, history };
    },
    {
      email: (stub) => ({
        async sendNotifications(batch) {
          if (holdNext) {
            holdNext = false;
            held.open();
            await release.promise;
          }
          return stub.sendNotifications(batch);
        },
      }),
    },
  );
}
