// Patch wake-on-message-during-turn (workflows/candidateLifecycle.ts, domain/patches.ts): an event
// recorded while the workflow is carrying out a turn's commands — here, while the day's emails are
// being sent — is decided on as soon as those commands finish, not at the next timer (days later).
// The email activity is held open until the second event has been accepted, so the race the patch
// exists for happens every run (test/support/races.ts).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { createTimeSkippingEnv } from '../support/time-skipping';
import { raceStep, withdrawalDuringDeferralSend } from '../support/races';
import { STATUS_CONFIRMATIONS, WAKE_ON_MESSAGE_DURING_TURN } from '../../workflows/patches';

let env: TestWorkflowEnvironment;
beforeEach(async () => {
  // 08:00 in Los Angeles: outside quiet hours, so confirmations go out when the event is recorded.
  env = await createTimeSkippingEnv('2026-06-15T15:00:00Z');
});
afterEach(async () => {
  await env?.teardown();
});

describe('a message that arrives during a turn (time-skipping)', () => {
  it(`R-ADM-5 R-INT-2 ${WAKE_ON_MESSAGE_DURING_TURN}: a withdrawal recorded while the deferral's confirmation is being sent is confirmed at once, with no timer in between`, async () => {
    const race = await withdrawalDuringDeferralSend(env);
    expect(race.replyPhase).toBe('withdrawn');
    expect(race.sentWhileHeld).toEqual([]);
    // Without the patch the workflow would rest with the withdrawal undecided until its next timer,
    // days ahead, and still be running here.
    expect(race.status).toBe('COMPLETED');
    expect(race.sent.map((e) => `${e.template} → ${e.to.role}`)).toEqual([
      'deferral.confirmation.candidate → candidate',
      'withdrawal.confirmation.candidate → candidate',
    ]);
    const [deferral, withdrawal] = race.sent;
    expect(withdrawal!.at - deferral!.at).toBeLessThan(60_000);

    // Sends, updates, patch markers and timers firing (a timer started or a child start is not looked at).
    const kinds = (race.history.events ?? [])
      .map(raceStep)
      .map((k) => (k === 'activity' || k === 'update' || k === 'fired' || k?.startsWith('patch ') ? k : undefined));
    const sends = kinds.flatMap((k, i) => (k === 'activity' ? [i] : []));
    // Between the two sends: the withdrawal's update, this patch's marker and the withdrawal
    // confirmation's (asked the first time a status confirmation is due) — no timer.
    const between = kinds.slice(sends[0]! + 1, sends[1]).filter((k) => k !== undefined);
    expect(between).toEqual(['update', `patch ${WAKE_ON_MESSAGE_DURING_TURN}`, `patch ${STATUS_CONFIRMATIONS}`]);
  }, 60_000);
});
