// After a one-year extension the missed windows open again (R-EXT-2), and nothing is recommended
// while an academic watch is open or the candidate is at risk (R-CMP-4). Through the real reducer.
import { describe, expect, it } from 'vitest';
import { ZCandidateEvent } from '../../domain/events';
import { completionReview } from '../../domain/lifecycle/completion';
import { rossier } from '../../domain/policy/policy';
import { applyEvent, rejectEvent, type TEventContext } from '../../domain/lifecycle/reducer';
import { computeLifecycleDates } from '../../domain/lifecycle/dates';
import { openObligations } from '../../domain/lifecycle/obligations';
import type { TCandidateState } from '../../domain/lifecycle/state';
import { renderTemplate } from '../../domain/notifications';
import { completeState, MEETS } from '../support/completion-fixtures';

const ctx = (state: TCandidateState, today: string): TEventContext => {
  const { keyDates } = computeLifecycleDates(state, rossier);
  return {
    today,
    year2Start: keyDates.programYears.year2.start,
    refundWindowEnds: keyDates.refundWindowEnds,
    policy: rossier,
    keyDates,
  };
};
const send = (state: TCandidateState, raw: unknown, today: string): TCandidateState | string => {
  const event = ZCandidateEvent.parse(raw);
  return rejectEvent(state, event, ctx(state, today)) ?? applyEvent(state, event, ctx(state, today));
};
const accepted = (r: TCandidateState | string): TCandidateState => {
  if (typeof r === 'string') throw new Error(`refused: ${r}`);
  return r;
};
const supervisorRating = (scores: object) => ({
  type: 'assessmentSubmitted',
  window: 'endYear2',
  rater: 'supervisor',
  scores,
});

/** Completion review in June 2028: all met but the supervisor's end-of-year-2 rating has a 2. */
function failedAtCompletion(): TCandidateState {
  const s = completeState('ext1');
  return {
    ...s,
    assessments: s.assessments.map((a) =>
      a.window === 'endYear2' && a.rater === 'supervisor' ? { ...a, scores: { ...MEETS, cpsel4: 2 } } : a,
    ),
  };
}

describe('R-EXT-2: after an extension the candidate can finish', () => {
  it('R-EXT-2: without an extension a second end-of-year-2 rating is refused; after the granted extension it is accepted, judged, and completion passes', () => {
    let s = failedAtCompletion();
    expect(completionReview(s, rossier).ready).toBe(false);
    expect(send(s, supervisorRating(MEETS), '2028-06-10')).toBe(
      "the supervisor's 'endYear2' assessment was already recorded on 2028-05-10",
    );

    s = accepted(
      send(s, { type: 'appealFiled', subject: 'extension', statement: 'Family leave in spring 2028' }, '2028-06-10'),
    );
    s = accepted(send(s, { type: 'appealDecided', level: 'coachAndCandidate', decision: 'escalated' }, '2028-06-11'));
    s = accepted(send(s, { type: 'appealDecided', level: 'pa', decision: 'granted' }, '2028-06-12'));
    s = accepted(send(s, { type: 'extensionGranted', months: 12 }, '2028-06-15'));
    expect(computeLifecycleDates(s, rossier).keyDates.recommendationTarget).toEqual({
      opens: '2029-06-01',
      due: '2029-07-02',
    }); // Jun 30, 2029 is a Saturday (R-TIME-2)

    s = accepted(send(s, supervisorRating(MEETS), '2029-05-12'));
    expect(s.assessments.filter((a) => a.window === 'endYear2' && a.rater === 'supervisor').map((a) => a.date)).toEqual(
      ['2028-05-10', '2029-05-12'],
    );
    const review = completionReview(s, rossier);
    expect(review.items.find((i) => i.id === 'proficiency.supervisor')).toMatchObject({
      met: true,
      verifiedOn: '2029-05-12',
    });
    expect(review.ready).toBe(true);
    // Once re-rated after the extension, the window is closed again.
    expect(send(s, supervisorRating(MEETS), '2029-05-20')).toBe(
      "the supervisor's 'endYear2' assessment was already recorded on 2029-05-12",
    );
  });

  it('R-EXT-2: a year-1 portfolio review still missing at completion review is accepted then', () => {
    const s = { ...completeState('ext2'), portfolio: { ...completeState('ext2').portfolio, year1Review: undefined } };
    expect(completionReview(s, rossier).ready).toBe(false);
    const after = accepted(send(s, { type: 'portfolioReviewed', year: 1, passed: true }, '2028-06-05'));
    expect(completionReview(after, rossier).ready).toBe(true);
  });
});

describe('R-CMP-4: no recommendation while academic watch is open or status is at risk', () => {
  const links = { portalUrl: 'https://casc.example.edu' };
  const paReminder = (s: TCandidateState) =>
    openObligations(s, rossier, computeLifecycleDates(s, rossier).keyDates, links, '2028-06-05')
      .flatMap((o) => o.reminders(7))
      .filter((m) => m.to.role === 'pa');

  it('R-CMP-4: a complete record with the watch never closed is held back, and the PA (only) is asked to close it', () => {
    const s: TCandidateState = {
      ...completeState('cmp4a'),
      flags: { ...completeState('cmp4a').flags, academicWatch: true },
      watch: { ...completeState('cmp4a').watch, open: true, opened: 1 },
    };
    const review = completionReview(s, rossier);
    expect(review.ready).toBe(false);
    expect(review.items.filter((i) => !i.met).map((i) => [i.id, i.rule, i.owner])).toEqual([
      ['standing', 'R-CMP-4', 'pa'],
    ]);
    const obligations = openObligations(s, rossier, computeLifecycleDates(s, rossier).keyDates, links, '2028-06-05');
    expect(obligations.map((o) => [o.id, o.due])).toEqual([['completion.pa', '2028-06-15']]);
    const reminders = obligations.flatMap((o) => o.reminders(7));
    expect(reminders.map((m) => [m.template, m.to.email, (m.data as { items: string[] }).items])).toEqual([
      ['completionMissing.reminder.pa', 'pa.tran@example.edu', ['academicWatchClosure']],
    ]);
    expect(renderTemplate(reminders[0]!.template, reminders[0]!.data as never).text).toContain(
      'closing the academic watch (or deciding the at-risk status)',
    );
    expect(paReminder(s)).toHaveLength(1);
  });

  it('R-CMP-4 R-AW-2: at risk holds it too; once the PA closes the watch the review passes, dated the day it closed', () => {
    const base = completeState('cmp4b');
    const atRisk: TCandidateState = {
      ...base,
      flags: { ...base.flags, academicWatch: true, atRisk: true },
      watch: { ...base.watch, open: true, opened: 1 },
    };
    expect(completionReview(atRisk, rossier).items.find((i) => i.id === 'standing')).toMatchObject({
      met: false,
      detail: 'program status is at risk (R-AW-2): the PA decides the outcome and closes the academic watch',
    });
    const closed: TCandidateState = {
      ...base,
      watch: { ...base.watch, opened: 1 },
      timeline: [{ date: '2028-06-08', kind: 'academicWatchClosed' }],
    };
    expect(completionReview(closed, rossier).ready).toBe(true);
    expect(completionReview(closed, rossier).items.find((i) => i.id === 'standing')).toMatchObject({
      met: true,
      verifiedOn: '2028-06-08',
      verifiedBy: 'program administrator',
    });
    expect(paReminder(closed)).toEqual([]);
  });
});
