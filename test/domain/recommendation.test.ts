import { describe, expect, it } from 'vitest';
import { addDays, zonedInstant, type TLocalDate } from '../../domain/calendar/dates';
import type { TCandidateEvent } from '../../domain/events';
import { planObligationNotices } from '../../domain/notifications/plan';
import { renderTemplate } from '../../domain/notifications';
import { rossier } from '../../domain/policy/policy';
import {
  advanceRecommendation,
  applyStep,
  initialRecommendationState,
  lapsedWaitOver,
  nextRecommendationChangeAt,
  rejectStep,
  type TRecommendationEvent,
  type TRecommendationState,
} from '../../domain/recommendation/steps';
import { recommendationObligations, type TRecommendationContext } from '../../domain/recommendation/obligations';
import { completionReview } from '../../domain/lifecycle/completion';
import { completeState, readyReview, recommendationInput } from '../support/completion-fixtures';
import { RECOMMENDATION_STEPS } from '../support/recommendation-steps';

const STEP: Record<string, TCandidateEvent> = RECOMMENDATION_STEPS;
const ctxFor = (today: TLocalDate, completion = readyReview()) => ({ today, policy: rossier, completion });
const at = (date: TLocalDate, time = '09:00') => zonedInstant(date, time, rossier.timeZone);
const input = recommendationInput('jamal1');
const obligationCtx: TRecommendationContext = {
  candidateKey: input.candidateKey,
  people: input.people,
  credentialsOffice: input.credentialsOffice,
  policy: rossier,
  links: input.links,
};

/** Applies events in turn, asserting each is accepted. */
function run(state: TRecommendationState, events: [TLocalDate, TCandidateEvent][]): TRecommendationState {
  return events.reduce((s, [date, e]) => {
    const event = { ...e, date };
    expect(rejectStep(s, event, ctxFor(date))).toBeUndefined();
    return applyStep(s, event as TRecommendationEvent, date);
  }, state);
}

describe('the recommendation chain (R-REC-1…5)', () => {
  it('R-REC-1 R-REC-2 R-REC-3 R-REC-4: four steps in order, each recorded with its date and role', () => {
    const s = run(initialRecommendationState('2028-06-01'), [
      ['2028-06-03', STEP.coachVerified!],
      ['2028-06-09', STEP.candidateDocumentsSubmitted!],
      ['2028-06-12', STEP.paVerified!],
      ['2028-06-19', STEP.recommendedToCtc!],
    ]);
    expect(s.step).toBe('recommended');
    expect(s.recommendedOn).toBe('2028-06-19');
    expect(s.completed).toEqual({
      step1: { date: '2028-06-03', by: { role: 'coach' } },
      step2: { date: '2028-06-09', by: { role: 'candidate' } },
      step3: { date: '2028-06-12', by: { role: 'pa' } },
      step4: { date: '2028-06-19', by: { role: 'credentialsOffice' } },
    });
  });

  it('R-REC-3: no step is accepted out of order; the message names the step due and who owes it', () => {
    const start = initialRecommendationState('2028-06-01');
    expect(rejectStep(start, STEP.paVerified!, ctxFor('2028-06-02'))).toMatch(
      /'paVerified' is step 3 \(R-REC-3\) and cannot come before step 1: step 1 \(R-REC-1\) is due: the coach owes 'coachVerified'.*by 2028-06-15/,
    );
    expect(rejectStep(start, STEP.recommendedToCtc!, ctxFor('2028-06-02'))).toMatch(/step 4.*before step 1/);
    expect(rejectStep(start, STEP.ctcStepsCompleted!, ctxFor('2028-06-02'))).toMatch(
      /comes after the recommendation.*the coach owes 'coachVerified'/,
    );
    const after1 = run(start, [['2028-06-03', STEP.coachVerified!]]);
    expect(rejectStep(after1, STEP.coachVerified!, ctxFor('2028-06-04'))).toMatch(
      /step 1 \(R-REC-1\) was already completed on 2028-06-03 by coach; step 2 \(R-REC-2\) is due: the candidate owes 'candidateDocumentsSubmitted'.*by 2028-06-24/,
    );
  });

  it('R-REC-1: the chain cannot begin while completion review finds anything missing (R-CMP-1…3)', () => {
    const state = completeState();
    state.verification.credential = undefined;
    const notReady = completionReview(state, rossier);
    expect(
      rejectStep(initialRecommendationState('2028-06-01'), STEP.coachVerified!, ctxFor('2028-06-02', notReady)),
    ).toMatch(/completion review is not complete.*PASC.*R-CMP-3, owed by candidate/);
  });

  it('R-REC-2: each step is recorded by its own role, never dated in the future or before the previous step', () => {
    const after1 = run(initialRecommendationState('2028-06-01'), [['2028-06-05', STEP.coachVerified!]]);
    expect(
      rejectStep(
        after1,
        { ...STEP.candidateDocumentsSubmitted!, by: { role: 'coach', id: 'gloria' } },
        ctxFor('2028-06-06'),
      ),
    ).toMatch(/recorded by candidate, not by 'coach'/);
    expect(
      rejectStep(after1, { ...STEP.candidateDocumentsSubmitted!, date: '2028-06-09' }, ctxFor('2028-06-06')),
    ).toMatch(/in the future/);
    expect(
      rejectStep(after1, { ...STEP.candidateDocumentsSubmitted!, date: '2028-06-04' }, ctxFor('2028-06-06')),
    ).toMatch(/before step 1 \(2028-06-05\)/);
    expect(rejectStep(after1, { type: 'coachingLogged', hours: 1 }, ctxFor('2028-06-06'))).toMatch(
      /not a recommendation event/,
    );
    const s = applyStep(
      after1,
      { ...STEP.candidateDocumentsSubmitted!, by: { role: 'candidate', id: 'jamal' } } as TRecommendationEvent,
      '2028-06-06',
    );
    expect(s.completed.step2).toEqual({ date: '2028-06-06', by: { role: 'candidate', id: 'jamal' } });
  });

  it("R-REC-1 R-REC-3: a stalled step reminds its owner when it opens and 2 days before, then escalates on a working day (PA; the director for the PA's own step, the Monday after a Saturday)", () => {
    const start = initialRecommendationState('2028-06-01');
    const plan = (s: TRecommendationState, ms: number, notified: string[] = []) =>
      planObligationNotices(recommendationObligations(s, obligationCtx), rossier, ms, notified);
    const opened = plan(start, at('2028-06-01', '10:00'));
    expect(opened.due.map((n) => [n.template, n.to.email])).toEqual([
      ['recommendationStep.reminder.coach', 'gloria.sharp@example.org'],
    ]);
    expect(opened.nextWakeAt).toBe(at('2028-06-13', '08:00')); // 2 days before the 14-day due date
    const overdue = plan(
      start,
      at('2028-06-16'),
      opened.due.map((n) => n.key),
    );
    expect(overdue.due.map((n) => n.template)).toEqual(['recommendationStep.escalation.pa']);
    expect(overdue.due[0]!.data).toMatchObject({ step: 1, dueBy: '2028-06-15', daysOverdue: 1 });

    const atStep3 = run(start, [
      ['2028-06-03', STEP.coachVerified!],
      ['2028-06-09', STEP.candidateDocumentsSubmitted!],
    ]);
    expect(plan(atStep3, at('2028-06-17'), ['x']).due).toEqual([]);
    const paLate = plan(atStep3, at('2028-06-19'), ['x']);
    expect(paLate.due.map((n) => [n.template, n.to.role])).toEqual([
      ['recommendationStep.escalation.director', 'director'],
    ]);
    for (const n of [...opened.due, ...overdue.due, ...paLate.due])
      expect(() => renderTemplate(n.template, n.data)).not.toThrow();
  });

  it('R-REC-5: the 90-day window reminds the candidate, lapses the day after with notices to candidate and PA, and still accepts completion', () => {
    let s = run(initialRecommendationState('2028-06-01'), [
      ['2028-06-03', STEP.coachVerified!],
      ['2028-06-09', STEP.candidateDocumentsSubmitted!],
      ['2028-06-12', STEP.paVerified!],
      ['2028-06-19', STEP.recommendedToCtc!],
    ]);
    const ends = addDays('2028-06-19', 90);
    expect(ends).toBe('2028-09-17');
    const notified: string[] = [];
    const sentOn = (date: TLocalDate) => {
      const p = planObligationNotices(
        recommendationObligations(advanceRecommendation(s, rossier, at(date)), obligationCtx),
        rossier,
        at(date),
        notified,
      );
      notified.push(...p.due.map((n) => n.key));
      return p.due;
    };
    expect(sentOn('2028-07-19').map((n) => n.template)).toEqual(['ctcWindow.reminder.candidate']); // 60 days before
    expect(sentOn('2028-08-18').map((n) => n.template)).toEqual(['ctcWindow.reminder.candidate']); // 30
    expect(sentOn('2028-09-10')[0]!.data).toMatchObject({ recommendedOn: '2028-06-19', completeBy: '2028-09-17' }); // 7
    expect(advanceRecommendation(s, rossier, at('2028-09-17', '23:00')).step).toBe('recommended');
    expect(nextRecommendationChangeAt(s, rossier, at('2028-09-10'))).toBe(
      zonedInstant('2028-09-18', '00:00', rossier.timeZone),
    );

    s = advanceRecommendation(s, rossier, at('2028-09-18'));
    expect(s).toMatchObject({ step: 'lapsed', lapsedOn: '2028-09-17' });
    const lapse = sentOn('2028-09-18');
    expect(lapse.map((n) => [n.template, n.to.role])).toEqual([
      ['ctcWindow.notice.candidate', 'candidate'],
      ['ctcWindow.notice.pa', 'pa'],
    ]);
    for (const n of lapse) expect(() => renderTemplate(n.template, n.data)).not.toThrow();
    expect(sentOn('2028-10-18')).toEqual([]);

    expect(rejectStep(s, STEP.ctcStepsCompleted!, ctxFor('2028-10-01'))).toBeUndefined();
    expect(
      applyStep(s, { ...STEP.ctcStepsCompleted!, date: '2028-10-01' } as TRecommendationEvent, '2028-10-01'),
    ).toMatchObject({ step: 'cleared', clearedOn: '2028-10-01' });
    expect(lapsedWaitOver(s, rossier, at('2029-09-16'))).toBe(false);
    expect(lapsedWaitOver(s, rossier, at('2029-09-17'))).toBe(true);
  });

  it('R-REC-5: after a lapse the credentials office may renew the recommendation, which opens a new window', () => {
    const lapsed = advanceRecommendation(
      run(initialRecommendationState('2028-06-01'), [
        ['2028-06-03', STEP.coachVerified!],
        ['2028-06-09', STEP.candidateDocumentsSubmitted!],
        ['2028-06-12', STEP.paVerified!],
        ['2028-06-19', STEP.recommendedToCtc!],
      ]),
      rossier,
      at('2028-09-20'),
    );
    expect(rejectStep(lapsed, STEP.coachVerified!, ctxFor('2028-09-25'))).toMatch(/already completed/);
    const renewed = run(lapsed, [['2028-09-25', STEP.recommendedToCtc!]]);
    expect(renewed).toMatchObject({
      step: 'recommended',
      recommendedOn: '2028-09-25',
      renewals: 1,
      completed: { step4: { date: '2028-06-19' } },
    });
    expect(recommendationObligations(renewed, obligationCtx)[0]).toMatchObject({
      id: 'rec.ctcWindow.w1',
      due: '2028-12-24',
    });
    const cleared = run(renewed, [['2028-10-02', STEP.ctcStepsCompleted!]]);
    expect(rejectStep(cleared, STEP.ctcStepsCompleted!, ctxFor('2028-10-03'))).toMatch(/already cleared on 2028-10-02/);
  });
});
