// Early warning, academic watch, deferral, extension on appeal and hours pace on the
// time-skipping server (clock starts at the first day of Jamal's assignment).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { TCandidateEvent } from '../../domain/events';
import { recordEventUpdate, statusQuery } from '../../workflows/messages';
import { watchEventUpdate, watchStatusQuery, watchWorkflowId } from '../../workflows/watch-messages';
import { addMonths } from '../../domain/calendar/dates';
import { nextWorkday } from '../../domain/calendar/deferral';
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
const reason = (p: Promise<unknown>) =>
  p.then(
    () => 'accepted',
    (err: { cause?: { message?: string } }) => err.cause?.message ?? String(err),
  );

describe('risk: nobody falls behind unseen', () => {
  it('R-EW-1 R-AW-1 R-AW-2 R-INT-1: two missing assignments warn the candidate (PA copied) and open an academic watch; a missed revised deadline sets atRisk', async () => {
    await withWorkers(env, async ({ start, sent }) => {
      const candidate = jamal({ enrolledOn: '2026-06-15', coach: GLORIA });
      const h = await start(candidate);
      const key = `${candidate.programId}-${candidate.candidateId}`;
      const send = (e: TCandidateEvent) => h.executeUpdate(recordEventUpdate, { args: [e] });
      await skipTo(env, '2026-09-16');
      await send({ type: 'assignmentSubmitted', session: 1 }); // session 1 (Sep 14) due Sep 21
      // Session 2 (Oct 12) is due Oct 19 and session 3 (Nov 9) Nov 16: nothing submitted.
      await skipTo(env, '2026-10-20', '12:00');
      expect(sent.filter((e) => e.template === 'earlyWarning.notice.candidate')).toHaveLength(0); // one missing: neither
      await skipTo(env, '2026-11-17', '12:00');
      const warning = sent.filter((e) => e.template === 'earlyWarning.notice.candidate');
      expect(warning).toHaveLength(1);
      expect(warning[0]?.cc?.map((c) => c.role)).toEqual(['pa']);
      // Flagged the moment the deadline day ended; told at the end of quiet hours (07:00 Pacific).
      expect(Math.floor(warning[0]!.at / 60_000) * 60_000).toBe(Date.parse('2026-11-17T15:00:00Z'));
      let status = await h.query(statusQuery);
      expect(status.flags).toMatchObject({ earlyWarning: true, academicWatch: true, atRisk: false });
      expect(sent.map((e) => e.template)).toEqual(
        expect.arrayContaining(['academicWatch.notice.pa', 'academicWatch.notice.candidate']),
      );

      const watch = env.client.workflow.getHandle(watchWorkflowId(key));
      expect(
        await reason(
          watch.executeUpdate(watchEventUpdate, {
            args: [
              {
                type: 'actionPlanAgreed',
                goals: ['Catch up'],
                revisedDeadlines: [{ item: 'Session 2 assignment', due: '2026-11-30' }],
                agreedInWriting: false,
              },
            ],
          }),
        ),
      ).toMatch(/in writing/);
      await watch.executeUpdate(watchEventUpdate, {
        args: [{ type: 'interventionNoted', step: 'informationGathered', note: 'Met with coach and instructor' }],
      });
      await watch.executeUpdate(watchEventUpdate, {
        args: [
          {
            type: 'actionPlanAgreed',
            goals: ['Catch up on sessions 2 and 3'],
            revisedDeadlines: [
              { item: 'Session 2 assignment', due: '2026-11-30' },
              { item: 'Session 3 assignment', due: '2026-12-07' },
            ],
            agreedInWriting: true,
          },
        ],
      });
      await watch.executeUpdate(watchEventUpdate, {
        args: [{ type: 'revisedItemCompleted', item: 'Session 2 assignment' }],
      });
      await skipTo(env, '2026-12-09');
      expect(sent.map((e) => e.template)).toEqual(
        expect.arrayContaining([
          'remediationPlan.notice.candidate',
          'remediationPlan.notice.coach',
          'revisedDeadline.reminder.candidate',
          'revisedDeadline.escalation.pa',
        ]),
      );
      status = await h.query(statusQuery);
      expect(status.flags.atRisk).toBe(true);
      expect(
        (await watch.query(watchStatusQuery)).items.find((i) => i.item === 'Session 3 assignment')?.completedOn,
      ).toBeUndefined();

      await watch.executeUpdate(watchEventUpdate, { args: [{ type: 'watchClosed', note: 'resolved with the PA' }] });
      await skipTo(env, '2026-12-10');
      status = await h.query(statusQuery);
      expect(status.flags).toMatchObject({ academicWatch: false, atRisk: false });
    });
  }, 120_000);

  it('R-INT-2: a deferral of up to six months moves every later deadline by exactly the deferral', async () => {
    await withWorkers(env, async ({ start }) => {
      const h = await start(jamal({ enrolledOn: '2026-06-15', coach: GLORIA }));
      await skipTo(env, '2026-09-01');
      const before = (await h.query(statusQuery)).keyDates;
      expect(await reason(h.executeUpdate(recordEventUpdate, { args: [{ type: 'deferred', months: 7 }] }))).toMatch(
        /six months|at most 6/,
      );
      await h.executeUpdate(recordEventUpdate, { args: [{ type: 'deferred', months: 4, reason: 'medical leave' }] });
      const after = await h.query(statusQuery);
      expect(after.flags.deferred).toBe(true);
      expect(after.keyDates.iip.year1.startBy).toBe(nextWorkday(addMonths(before.iip.year1.startBy, 4)));
      expect(after.keyDates.programYears.year2.start).toBe(nextWorkday(addMonths(before.programYears.year2.start, 4)));
      // R-TIME-2: Sep 30, 2028 is a Saturday, so the moved deadline is the Monday after.
      expect(after.keyDates.assessments.endYear2.due).toBe(nextWorkday(addMonths(before.assessments.endYear2.due, 4)));
      expect(after.keyDates.assessments.endYear2.due).toBe('2028-10-02');
      expect(after.keyDates.recommendationTarget.opens).toBe(
        nextWorkday(addMonths(before.recommendationTarget.opens, 4)),
      );
      expect(after.keyDates.coachMatchDue).toBe(before.coachMatchDue); // already past on Sep 1: unchanged
      expect(await reason(h.executeUpdate(recordEventUpdate, { args: [{ type: 'deferred', months: 3 }] }))).toMatch(
        /4 already used/,
      );
    });
  });

  it('R-INT-2 R-HRS-3: a deferral is confirmed at once; no hours-pace notice goes out during it; pace resumes at its end without the deferred months', async () => {
    await withWorkers(env, async ({ start, sent }) => {
      const h = await start(jamal({ enrolledOn: '2026-06-15', coach: GLORIA }));
      const send = (e: TCandidateEvent) => h.executeUpdate(recordEventUpdate, { args: [e] });
      await skipTo(env, '2026-08-20');
      await send({ type: 'coachingLogged', hours: 3 });
      await skipTo(env, '2026-08-28');
      await send({ type: 'deferred', months: 3, reason: 'family medical leave' });
      const pace = () => sent.filter((e) => e.template.startsWith('hoursPace.'));
      // Confirmed at once (the update arrives at 08:00 Pacific), to the candidate with the coach copied.
      await skipTo(env, '2026-08-29');
      const confirmed = sent.filter((e) => e.template === 'deferral.confirmation.candidate');
      expect(confirmed.map((e) => [e.to.role, e.cc?.map((c) => c.role)])).toEqual([['candidate', ['coach']]]);
      // Without the pause both kinds were "behind" by early September (3 h coaching, no learning).
      await skipTo(env, '2026-11-27', '12:00');
      expect(pace()).toEqual([]);
      const during = await h.query(statusQuery);
      expect(during.flags.deferred).toBe(true);
      expect(during.hours.pace?.coaching.behind).toBe(false);
      // After Nov 28 the pace clock restarts where it stopped (Aug 28): a notice follows within weeks, not at once.
      await skipTo(env, '2026-11-29', '12:00');
      expect(pace()).toEqual([]);
      await skipTo(env, '2027-01-15');
      expect(pace().map((e) => `${new Date(Math.floor(e.at / 60_000) * 60_000).toISOString()} ${e.template}`)).toEqual([
        '2026-12-04T16:00:00.000Z hoursPace.notice.candidate',
        '2026-12-04T16:00:00.000Z hoursPace.notice.coach',
      ]);
    });
  }, 120_000);

  it('R-APL-1 R-EXT-1: an appeal climbs coach+candidate → PA → Director → Associate Dean in order; a granted one allows the one-year extension, confirmed to the candidate', async () => {
    await withWorkers(env, async ({ start, sent }) => {
      const h = await start(jamal({ enrolledOn: '2026-06-15', coach: GLORIA }));
      const send = (e: TCandidateEvent) => h.executeUpdate(recordEventUpdate, { args: [e] });
      await skipTo(env, '2026-09-01');
      expect(await reason(send({ type: 'extensionGranted', months: 12 }))).toMatch(/granted appeal/);
      await send({ type: 'appealFiled', subject: 'extension', statement: 'A year of family medical leave' });
      expect(await reason(send({ type: 'appealDecided', level: 'pa', decision: 'granted' }))).toMatch(
        /step 1 \(coachAndCandidate\)/,
      );
      await send({
        type: 'appealDecided',
        level: 'coachAndCandidate',
        decision: 'escalated',
        by: { role: 'coach', id: 'gloria' },
      });
      await send({ type: 'appealDecided', level: 'pa', decision: 'escalated', by: { role: 'pa', id: 'tran' } });
      await send({
        type: 'appealDecided',
        level: 'director',
        decision: 'granted',
        by: { role: 'director', id: 'dir' },
      });
      const before = (await h.query(statusQuery)).keyDates.recommendationTarget.opens;
      await send({ type: 'extensionGranted', months: 12 });
      const status = await h.query(statusQuery);
      expect(status.appeals[0]?.decisions.map((d) => `${d.level}:${d.decision}:${d.by}`)).toEqual([
        'coachAndCandidate:escalated:coach:gloria',
        'pa:escalated:pa:tran',
        'director:granted:director:dir',
      ]);
      expect(status.keyDates.recommendationTarget.opens).toBe(addMonths(before, 12));
      await skipTo(env, '2026-09-02');
      const confirmed = sent.filter((e) => e.template === 'extension.confirmation.candidate');
      expect(confirmed.map((e) => [e.to.role, e.cc?.map((c) => c.role), e.data])).toEqual([
        [
          'candidate',
          ['coach', 'pa'],
          expect.objectContaining({
            approvedOn: '2026-09-01',
            newCompletionDate: status.keyDates.recommendationTarget.due,
          }),
        ],
      ]);
      expect(await reason(send({ type: 'extensionGranted', months: 12 }))).toMatch(/already granted/);
    });
  });

  it('R-HRS-3: falling behind the hours pace tells candidate and coach once per slip, not every day', async () => {
    await withWorkers(env, async ({ start, sent }) => {
      const h = await start(jamal({ enrolledOn: '2026-06-15', coach: GLORIA }));
      await skipTo(env, '2026-10-01'); // cohort began Aug 3; no hours logged
      const coachingNotices = () =>
        sent.filter(
          (e) =>
            e.template === 'hoursPace.notice.candidate' && (e.data as { category: string }).category === 'coaching',
        );
      expect(coachingNotices()).toHaveLength(1);
      // The coach hears of each kind once: coaching on Sep 2, professional learning on Sep 15.
      expect(
        sent
          .filter((e) => e.template === 'hoursPace.notice.coach')
          .map(
            (e) =>
              `${new Date(Math.floor(e.at / 60_000) * 60_000).toISOString()} ${(e.data as { category: string }).category}`,
          ),
      ).toEqual(['2026-09-02T15:00:00.000Z coaching', '2026-09-15T15:00:00.000Z professionalLearning']);
      await skipTo(env, '2026-10-20');
      expect(coachingNotices()).toHaveLength(1); // still behind: no daily repeats
      await h.executeUpdate(recordEventUpdate, { args: [{ type: 'coachingLogged', hours: 14 }] });
      await skipTo(env, '2027-03-01'); // caught up, then slipped again
      expect(coachingNotices()).toHaveLength(2);
      expect((await h.query(statusQuery)).hours.pace?.coaching.behind).toBe(true);
    });
  });
});
