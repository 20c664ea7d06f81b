import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { createTimeSkippingEnv } from '../support/time-skipping';
import { withWorkers } from '../support/harness';
import { jamal } from '../support/fixtures';
import { recordEventUpdate, statusQuery } from '../../workflows/messages';

// Each test gets its own server whose clock starts on the first day of Jamal's administrative
// assignment (08:00 Pacific), so absolute dates in assertions mean what they say.
let env: TestWorkflowEnvironment;
beforeEach(async () => {
  env = await createTimeSkippingEnv('2026-06-15T15:00:00Z');
});
afterEach(async () => {
  await env?.teardown();
});

describe('admission (time-skipping)', () => {
  it('R-ADM-1: reminds the candidate before the 120-day admission deadline and escalates to the PA after it', async () => {
    await withWorkers(env, async ({ start: startCandidate, sent }) => {
      const start = jamal();
      const handle = await startCandidate(start);
      const status = await handle.query(statusQuery);
      expect(status.phase).toBe('applicant');
      expect(status.keyDates.admissionDue).toBe('2026-10-13');
      expect(sent).toHaveLength(0);

      await env.sleep('110 days'); // past the 14-day reminder (Sep 29 08:00 PT), before the 3-day one
      const admission = sent.filter((e) => e.template === 'admission.reminder.candidate');
      expect(admission).toHaveLength(1);
      expect(admission[0]?.to).toEqual({
        role: 'candidate',
        name: 'Jamal Jackson',
        email: 'jamal.jackson@example.org',
      });
      expect(Math.floor(admission[0]!.at / 60_000) * 60_000).toBe(Date.parse('2026-09-29T15:00:00Z'));

      await env.sleep('11 days'); // Oct 13 is the deadline; Oct 14 08:00 PT the escalation goes out
      expect(sent.filter((e) => e.template === 'admission.reminder.candidate')).toHaveLength(2);
      const escalation = sent.filter((e) => e.template === 'admission.escalation.pa');
      expect(escalation).toHaveLength(1);
      expect(escalation[0]?.to.email).toBe('pa.tran@example.edu');
      expect(Math.floor(escalation[0]!.at / 60_000) * 60_000).toBe(Date.parse('2026-10-14T15:00:00Z'));
    });
  });

  it('R-ADM-1: admission stops the reminders; R-ONB-1: the coach-match deadline is 30 days after enrollment', async () => {
    await withWorkers(env, async ({ start: startCandidate, sent }) => {
      const start = jamal();
      const handle = await startCandidate(start);
      const accepted = await handle.executeUpdate(recordEventUpdate, { args: [{ type: 'admitted' }] });
      expect(accepted.phase).toBe('enrolled');
      const status = await handle.query(statusQuery);
      const today = status.asOf;
      expect(status.milestones.enrolledOn).toBe(today);
      expect(status.nextDeadlines.map((d) => d.id)).toContain('coachMatch');
      const coachMatch = status.nextDeadlines.find((d) => d.id === 'coachMatch');
      expect(coachMatch?.rule).toBe('R-ONB-1');
      expect(Date.parse(coachMatch!.due) - Date.parse(today)).toBe(30 * 86_400_000);
      await env.sleep('20 days');
      expect(sent.filter((e) => e.template.startsWith('admission.'))).toHaveLength(0);
      // The PA is reminded of the coach match once so far, 14 days after enrollment (08:00 Pacific).
      expect(
        sent
          .filter((e) => e.template === 'coachMatch.reminder.pa')
          .map((e) => new Date(Math.floor(e.at / 60_000) * 60_000).toISOString()),
      ).toEqual(['2026-07-01T15:00:00.000Z']);
    });
  });

  it('R-ADM-1: an out-of-phase or malformed event is rejected by the validator and changes nothing', async () => {
    // (The Java test server persists the rejected update's workflow task, so "no events at all"
    // is proven on the dev server in test/integration; here: no update is accepted, state is unchanged.)
    await withWorkers(env, async ({ start: startCandidate }) => {
      const handle = await startCandidate(jamal());
      await handle.executeUpdate(recordEventUpdate, { args: [{ type: 'admitted' }] });
      const before = await handle.query(statusQuery);
      const rejection = (p: Promise<unknown>) =>
        p.then(
          () => 'accepted',
          (err: { cause?: { message?: string } }) => err.cause?.message ?? String(err),
        );
      expect(await rejection(handle.executeUpdate(recordEventUpdate, { args: [{ type: 'admitted' }] }))).toMatch(
        /not allowed in phase 'enrolled'/,
      );
      expect(
        await rejection(
          handle.executeUpdate(recordEventUpdate, { args: [{ type: 'coachingLogged', hours: -2 } as never] }),
        ),
      ).toMatch(/hours: hours must be > 0/);
      const history = await handle.fetchHistory();
      const accepted = history.events?.filter((e) => e.workflowExecutionUpdateAcceptedEventAttributes) ?? [];
      expect(accepted).toHaveLength(1);
      expect(await handle.query(statusQuery)).toEqual(before);
    });
  });
});
