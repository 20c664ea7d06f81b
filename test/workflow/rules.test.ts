// Single-rule workflow tests on the time-skipping server (a fresh server per test, clock at the
// first day of Jamal's assignment, 08:00 Pacific).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { TCandidateEvent } from '../../domain/events';
import { recordEventUpdate, statusQuery } from '../../workflows/messages';
import { SA_PHASE, SA_PROGRAM, SA_COHORT_YEAR } from '../../workflows/search-attributes';
import { createTimeSkippingEnv } from '../support/time-skipping';
import { withWorkers } from '../support/harness';
import { GLORIA, jamal } from '../support/fixtures';
import { skipTo } from '../support/clock';

let env: TestWorkflowEnvironment;
beforeEach(async () => {
  env = await createTimeSkippingEnv('2026-06-15T15:00:00Z');
});
afterEach(async () => {
  await env?.teardown();
});

const goals = (s: string[]) =>
  s.map((cpsel) => ({ cpsel, goal: `Goal for ${cpsel}` })) as Extract<
    TCandidateEvent,
    { type: 'iipSubmitted' }
  >['goals'];
const reason = (p: Promise<unknown>) =>
  p.then(
    () => 'accepted',
    (err: { cause?: { message?: string } }) => err.cause?.message ?? String(err),
  );

describe('program rules in the workflow', () => {
  it('R-SES-1: a session invitation goes out 3 days before the 2nd-Monday 5:30 pm Pacific session, with the right instant across DST', async () => {
    await withWorkers(env, async ({ start, sent }) => {
      const h = await start(jamal({ enrolledOn: '2026-06-15' }));
      await h.executeUpdate(recordEventUpdate, { args: [{ type: 'coachAssigned', coach: GLORIA }] });
      await skipTo(env, '2026-11-07', '12:00'); // Nov 9 2026 is the 2nd Monday, after DST ends (PST)
      const invites = sent.filter((e) => e.template === 'cpselSession.reminder.candidate');
      const november = invites.find(
        (e) =>
          (e.data as { session: { startUtcMs: number } }).session.startUtcMs === Date.parse('2026-11-10T01:30:00Z'),
      );
      expect(november, 'November session invitation').toBeDefined();
      expect(Math.floor(november!.at / 60_000) * 60_000).toBe(Date.parse('2026-11-06T16:00:00Z')); // Nov 6, 08:00 PST
      const october = invites.find(
        (e) =>
          (e.data as { session: { startUtcMs: number } }).session.startUtcMs === Date.parse('2026-10-13T00:30:00Z'),
      );
      expect(october, 'October session (PDT) invitation').toBeDefined();
    });
  });

  it('R-IIP-2: year-2 goals must take the three standards not chosen in year 1', async () => {
    await withWorkers(env, async ({ start }) => {
      const h = await start(jamal({ enrolledOn: '2026-06-15' }));
      await h.executeUpdate(recordEventUpdate, {
        args: [{ type: 'iipSubmitted', year: 1, goals: goals(['cpsel1', 'cpsel2', 'cpsel3']) }],
      });
      await skipTo(env, '2027-08-05');
      const handle = env.client.workflow.getHandle(h.workflowId);
      expect(
        await reason(
          handle.executeUpdate(recordEventUpdate, {
            args: [{ type: 'iipSubmitted', year: 2, goals: goals(['cpsel3', 'cpsel4', 'cpsel5']) }],
          }),
        ),
      ).toMatch(/R-IIP-2.*cpsel3/);
      expect(
        await reason(
          handle.executeUpdate(recordEventUpdate, {
            args: [{ type: 'iipSubmitted', year: 2, goals: goals(['cpsel4', 'cpsel4', 'cpsel5']) }],
          }),
        ),
      ).toMatch(/different CPSEL standard/);
      expect(
        await reason(
          handle.executeUpdate(recordEventUpdate, {
            args: [{ type: 'iipSubmitted', year: 2, goals: goals(['cpsel4', 'cpsel5', 'cpsel6']) }],
          }),
        ),
      ).toBe('accepted');
    });
  });

  it('R-IIP-3: goals need the coach and the supervisor; a revision needs both again, and the supervisor is reminded without goal text (R-IIP-5)', async () => {
    await withWorkers(env, async ({ start, sent }) => {
      const h = await start(jamal({ enrolledOn: '2026-06-15', coach: GLORIA }));
      const send = (e: TCandidateEvent) => h.executeUpdate(recordEventUpdate, { args: [e] });
      await send({ type: 'iipSubmitted', year: 1, goals: goals(['cpsel1', 'cpsel2', 'cpsel3']) });
      await send({ type: 'iipApproved', year: 1, approver: 'coach' });
      expect(await reason(send({ type: 'iipApproved', year: 1, approver: 'coach' }))).toMatch(/already approved/);
      await skipTo(env, '2026-06-23'); // 7 days before the 14-day approval deadline
      const toSupervisor = sent.filter((e) => e.template === 'iipApproval.reminder.supervisor');
      expect(toSupervisor).toHaveLength(1);
      expect(JSON.stringify(toSupervisor[0]!.data)).not.toContain('Goal for');
      expect(sent.filter((e) => e.template === 'iipApproval.reminder.coach')).toHaveLength(0);

      await send({ type: 'iipApproved', year: 1, approver: 'supervisor' });
      await send({ type: 'iipRevised', year: 1, reason: 'after the mid-year check-in' });
      const status = await h.query(statusQuery);
      expect(status.iip.year1.revisions).toBe(1);
      expect(status.iip.year1.coachApprovedOn).toBeUndefined();
      expect(status.iip.year1.supervisorApprovedOn).toBeUndefined();
      // Approvals of a revision are due 14 days after the revision (Jun 23), not after the first submission.
      expect(status.nextDeadlines.find((d) => d.rule === 'R-IIP-3')?.due).toBe('2026-07-07');
    });
  });

  it('R-ASM-1: each rater scores all six standards once per window; R-ASM-2: missing raters are reminded and the PA told after the window', async () => {
    await withWorkers(env, async ({ start, sent }) => {
      const h = await start(jamal({ enrolledOn: '2026-06-15', coach: GLORIA }));
      const scores = { cpsel1: 2, cpsel2: 3, cpsel3: 3, cpsel4: 2, cpsel5: 3, cpsel6: 3 };
      await h.executeUpdate(recordEventUpdate, {
        args: [{ type: 'assessmentSubmitted', window: 'pre', rater: 'candidate', scores }],
      });
      expect(
        await reason(
          h.executeUpdate(recordEventUpdate, {
            args: [{ type: 'assessmentSubmitted', window: 'pre', rater: 'candidate', scores }],
          }),
        ),
      ).toMatch(/already recorded/);
      expect(
        await reason(
          h.executeUpdate(recordEventUpdate, {
            args: [{ type: 'assessmentSubmitted', window: 'pre', rater: 'coach', scores: { cpsel1: 3 } } as never],
          }),
        ),
      ).toMatch(/scores.cpsel2/);
      await skipTo(env, '2026-09-15'); // the pre-assessment window closed Sep 13 (90 days)
      const reminded = new Set(
        sent.filter((e) => e.template.startsWith('assessmentWindow.reminder.')).map((e) => e.to.role),
      );
      expect([...reminded].sort()).toEqual(['coach', 'supervisor']);
      const escalation = sent.find((e) => e.template === 'assessmentWindow.escalation.pa');
      expect(escalation?.data).toMatchObject({ window: 'pre', missingRaters: ['coach', 'supervisor'] });
    });
  });

  it('R-ADM-5: withdrawal within a week of program start is refundable (less the deposit); later it is not; each is confirmed to the candidate, and the workflow ends', async () => {
    await withWorkers(env, async ({ start, sent }) => {
      const early = await start(jamal({ enrolledOn: '2026-06-15', coach: GLORIA }));
      const late = await start(jamal({ enrolledOn: '2026-06-15' }));
      await skipTo(env, '2026-08-10'); // cohort started Aug 3: the last refundable day
      await early.executeUpdate(recordEventUpdate, { args: [{ type: 'withdrawn', reason: 'family move' }] });
      await skipTo(env, '2026-08-11');
      await late.executeUpdate(recordEventUpdate, { args: [{ type: 'withdrawn', reason: 'family move' }] });
      expect((await early.result()).withdrawal).toMatchObject({ date: '2026-08-10', refundEligible: true });
      expect((await late.result()).withdrawal).toMatchObject({ date: '2026-08-11', refundEligible: false });
      const confirmed = sent.filter((e) => e.template === 'withdrawal.confirmation.candidate');
      expect(
        confirmed.map((e) => [e.idempotencyKey.split(':')[0], e.to.role, e.cc?.map((c) => c.role), e.data]),
      ).toEqual([
        [
          early.workflowId,
          'candidate',
          ['coach', 'pa'],
          expect.objectContaining({ effectiveOn: '2026-08-10', refund: { eligible: true } }),
        ],
        [
          late.workflowId,
          'candidate',
          ['pa'],
          expect.objectContaining({ effectiveOn: '2026-08-11', refund: { eligible: false, reason: 'afterFirstWeek' } }),
        ],
      ]);
    });
  });

  it('R-ADM-1: search attributes carry program, cohort year and phase — and no personal data', async () => {
    await withWorkers(env, async ({ start }) => {
      const h = await start(jamal());
      await h.executeUpdate(recordEventUpdate, { args: [{ type: 'admitted' }] });
      await skipTo(env, '2026-06-16');
      const sa = (await h.describe()).typedSearchAttributes;
      expect(sa.get(SA_PROGRAM)).toBe('rossier');
      expect(sa.get(SA_COHORT_YEAR)).toBe(2026);
      expect(sa.get(SA_PHASE)).toBe('enrolled');
      const raw = JSON.stringify((await h.describe()).raw.workflowExecutionInfo?.searchAttributes);
      expect(raw).not.toMatch(/Jamal|jamal|example\.org|Tran/);
    });
  });
});
