// R-TIME-2: dates a program sets fall on working days — the deadlines it computes too, not only those
// a deferral moves. Runs that took patch 'reminders-2026-12' (lifecycle state.weekendDeadlines) and
// chains that took 'recommendation-weekend-deadlines' (their state.weekendDeadlines); runs recorded
// before keep the dates as computed. A program-set date moves to the Monday after; a limit counted in
// days ("within the first 90 days", the state's 90 days) to the Friday before, so it is never told
// later than it is; a milestone stays inside its program year.
// R-TIME-1: nothing is due from a person before they could do it — a coach, paired only after
// enrollment, does not owe the pre-assessment of a candidate who is not enrolled yet.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { weekdayOf, zonedInstant } from '../../domain/calendar/dates';
import { computeKeyDates, ctcStepsDeadline, preAssessmentDue, workdayWithin } from '../../domain/calendar/deadlines';
import { parsePolicy, rossier, type TProgramPolicy } from '../../domain/policy/policy';
import { computeLifecycleDates } from '../../domain/lifecycle/dates';
import { planMoment } from '../../domain/lifecycle/planner';
import { initialState, type TCandidateState } from '../../domain/lifecycle/state';
import {
  applyStep,
  ctcWindowEndsOn,
  initialRecommendationState,
  stepDueOn,
  type TRecommendationEvent,
  type TRecommendationState,
} from '../../domain/recommendation/steps';
import { renderTemplate } from '../../domain/notifications';
import {
  carriedOf,
  decideRecommendation,
  initialRecommendationCore,
  recommendationStatus,
  type TRecommendationCore,
} from '../../domain/recommendation/core';
import { recommendationInput } from '../support/completion-fixtures';
import { GLORIA, jamal } from '../support/fixtures';

const TZ = 'America/Los_Angeles';
const links = { portalUrl: 'https://casc.example.edu' };
const at = (date: string, time = '08:00') => zonedInstant(date, time, TZ);
const due = (s: TCandidateState, policy: TProgramPolicy, date: string, prefix: string) =>
  planMoment(s, policy, at(date), links)
    .due.filter((n) => n.key.startsWith(prefix))
    .map((n) => `${n.key} ${n.template} → ${n.to.role}`);
const scores = { cpsel1: 3, cpsel2: 3, cpsel3: 3, cpsel4: 3, cpsel5: 3, cpsel6: 3 } as const;
const DAY = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const day = (d: string | undefined) => `${d} ${DAY[weekdayOf(d!)]}`;

describe('R-TIME-2: computed deadlines fall on working days', () => {
  it('R-TIME-2 R-ASM-2: a June 15, 2026 start makes the pre-assessment due Friday, Sep 11 (90 days is Sunday, Sep 13; Monday would be day 91)', () => {
    const input = { assignmentStart: '2026-06-15', enrolledOn: '2026-06-15', cohortStart: '2026-08-03' };
    expect(day(computeKeyDates(input, rossier).assessments.pre.due)).toBe('2026-09-13 Sun');
    expect(day(computeKeyDates(input, rossier, { weekendDeadlines: true }).assessments.pre.due)).toBe('2026-09-11 Fri');
    // A weekday stays put: Sep 8 + 90 days is Monday, Dec 7.
    expect(day(preAssessmentDue('2026-09-08', rossier, { weekendDeadlines: true }))).toBe('2026-12-07 Mon');

    // Through the workflow's record: the flag decides, and the cache keeps the two apart.
    const s = { ...initialState(jamal({ enrolledOn: '2026-06-15' })), phase: 'enrolled' as const };
    expect(day(computeLifecycleDates(s, rossier).keyDates.assessments.pre.due)).toBe('2026-09-13 Sun');
    expect(day(computeLifecycleDates({ ...s, weekendDeadlines: false }, rossier).keyDates.assessments.pre.due)).toBe(
      '2026-09-13 Sun',
    );
    const flagged = { ...s, weekendDeadlines: true };
    expect(day(computeLifecycleDates(flagged, rossier).keyDates.assessments.pre.due)).toBe('2026-09-11 Fri');

    // The supervisor's reminder names the Friday (rossier: 14 days before, so Aug 28, not Aug 30).
    expect(due(flagged, rossier, '2026-08-27', 'assessment.pre')).toEqual([]);
    expect(due(flagged, rossier, '2026-08-28', 'assessment.pre')).toEqual([
      'assessment.pre:r14:candidate assessmentWindow.reminder.candidate → candidate',
      'assessment.pre:r14:supervisor assessmentWindow.reminder.supervisor → supervisor',
    ]);
    const [reminder] = planMoment(flagged, rossier, at('2026-08-28'), links).due.filter(
      (n) => n.key.startsWith('assessment.pre') && n.to.role === 'supervisor',
    );
    expect(renderTemplate(reminder!.template, reminder!.data as never).subject).toBe(
      'Rate Jamal on the CPSEL pre-assessment by Friday, September 11, 2026',
    );
  });

  it('R-TIME-2 R-IIP-4: the last benchmark rating on Friday, May 21, 2027 makes the IIP revision due Monday, Jun 21 (30 days is Sunday, Jun 20)', () => {
    const start = jamal({ enrolledOn: '2026-06-20', coach: GLORIA });
    const rated: TCandidateState = {
      ...initialState(start),
      phase: 'year1',
      coachAssignedOn: '2026-06-25',
      orientationOn: '2026-08-10',
      moreReminders: true,
      portfolio: { year1Review: { date: '2027-06-10', passed: true }, presentations: [] },
      assessments: (['candidate', 'coach', 'supervisor'] as const).map((rater, i) => ({
        window: 'endYear1' as const,
        rater,
        scores,
        date: `2027-05-${19 + i}`,
      })),
    };
    const revisionDue = (s: TCandidateState, date: string) =>
      planMoment(s, rossier, at(date), links)
        .due.filter((n) => n.key.startsWith('iip1.revision'))
        .map((n) => `${n.key} ${String(n.data.dueDate)}`);
    // Before the rule: due Sunday, reminded 14 days before (Jun 6), escalated Monday, Jun 21.
    expect(revisionDue(rated, '2027-06-06')).toEqual(['iip1.revision:r14:candidate 2027-06-20']);
    expect(revisionDue(rated, '2027-06-21')).toEqual(['iip1.revision:escalation:pa 2027-06-20']);
    const flagged = { ...rated, weekendDeadlines: true };
    expect(revisionDue(flagged, '2027-06-06')).toEqual([]);
    expect(revisionDue(flagged, '2027-06-07')).toEqual(['iip1.revision:r14:candidate 2027-06-21']);
    expect(revisionDue(flagged, '2027-06-18')).toEqual(['iip1.revision:r3:candidate 2027-06-21']);
    expect(revisionDue(flagged, '2027-06-22')).toEqual(['iip1.revision:escalation:pa 2027-06-21']);
  });

  it('R-TIME-2 R-REM-1: the ILP year-1 reflection (policy: May 15, a Saturday in 2027) is due Monday, May 17; a Saturday year-end milestone the Friday before, in its own year', () => {
    const ilpJson = JSON.parse(
      readFileSync(fileURLToPath(new URL('../../domain/policy/programs/ilp-example.json', import.meta.url)), 'utf8'),
    ) as { milestones: object[] } & Record<string, unknown>;
    const ilp = parsePolicy({
      ...ilpJson,
      milestones: [
        ...ilpJson.milestones,
        {
          id: 'ilp-y1-close',
          label: 'Year 1 close-out',
          owner: 'candidate',
          due: { programYear: 1, month: 6, day: 30 },
        },
      ],
    });
    const input = { assignmentStart: '2026-07-01', enrolledOn: '2026-07-15', cohortStart: '2026-08-03' };
    const milestone = (kd: ReturnType<typeof computeKeyDates>, id: string) =>
      day(kd.milestones.find((m) => m.id === id)?.due);
    const old = computeKeyDates(input, ilp);
    const kd = computeKeyDates(input, ilp, { weekendDeadlines: true });
    expect(milestone(old, 'ilp-y1-reflection')).toBe('2027-05-15 Sat');
    expect(milestone(kd, 'ilp-y1-reflection')).toBe('2027-05-17 Mon');
    // The cohort of Aug 7, 2028: year 1 ends Saturday, Jun 30, 2029, and the Monday after is outside it.
    const later = { assignmentStart: '2028-07-03', enrolledOn: '2028-07-10', cohortStart: '2028-08-07' };
    const kd2029 = computeKeyDates(later, ilp, { weekendDeadlines: true });
    expect(day(kd2029.programYears.year1.end)).toBe('2029-06-30 Sat');
    expect(milestone(computeKeyDates(later, ilp), 'ilp-y1-close')).toBe('2029-06-30 Sat');
    expect(milestone(kd2029, 'ilp-y1-close')).toBe('2029-06-29 Fri');
    // Weekday milestones do not move (the November inquiry goal: Monday, Nov 30, 2026).
    expect(milestone(kd, 'ilp-y1-inquiry-goal')).toBe('2026-11-30 Mon');
    expect(kd.milestones.map((m) => weekdayOf(m.due)).filter((w) => w === 0 || w === 6)).toEqual([]);
    expect(workdayWithin('2027-05-15', '2027-07-31')).toBe('2027-05-17');
    expect(workdayWithin('2029-06-30', '2029-06-30')).toBe('2029-06-29');
  });

  it('R-TIME-2 R-REC-5: recommended Monday, May 28, 2029, the CTC steps are due Friday, Aug 24 (90 days is Sunday, Aug 26)', () => {
    expect(day(ctcStepsDeadline('2029-05-28', rossier))).toBe('2029-08-26 Sun');
    expect(day(ctcStepsDeadline('2029-05-28', rossier, { weekendDeadlines: true }))).toBe('2029-08-24 Fri');
    expect(day(ctcStepsDeadline('2028-06-15', rossier, { weekendDeadlines: true }))).toBe('2028-09-13 Wed');
    const recommended: TRecommendationState = {
      ...initialRecommendationState('2029-05-01'),
      step: 'recommended',
      recommendedOn: '2029-05-28',
    };
    expect(ctcWindowEndsOn(recommended, rossier)).toBe('2029-08-26');
    expect(ctcWindowEndsOn({ ...recommended, weekendDeadlines: true }, rossier)).toBe('2029-08-24');
  });

  it('R-TIME-2 R-REC-2 R-REC-4: a step due on a Saturday is due the Monday after (Step 2: Sat Jun 24, 2028 → Mon Jun 26; Step 4: Sat Jul 15 → Mon Jul 17)', () => {
    const step = (s: TRecommendationState, type: TRecommendationEvent['type'], date: string) =>
      applyStep(s, { type, date } as TRecommendationEvent, date);
    for (const weekendDeadlines of [false, true]) {
      let s: TRecommendationState = { ...initialRecommendationState('2028-05-30'), weekendDeadlines };
      s = step(s, 'coachVerified', '2028-06-03'); // a Saturday: + 21 days
      const step2 = day(stepDueOn(s, 2));
      s = step(s, 'candidateDocumentsSubmitted', '2028-06-24');
      s = step(s, 'paVerified', '2028-07-01'); // a Saturday: + 14 days
      expect([step2, day(stepDueOn(s, 4))]).toEqual(
        weekendDeadlines ? ['2028-06-26 Mon', '2028-07-17 Mon'] : ['2028-06-24 Sat', '2028-07-15 Sat'],
      );
    }
  });
});

describe('R-TIME-2: the recommendation chain decides once (patch recommendation-weekend-deadlines)', () => {
  const recommended: TRecommendationState = {
    ...initialRecommendationState('2029-05-01'),
    step: 'recommended',
    recommendedOn: '2029-05-28',
  };
  const base = recommendationInput('jamal1');
  const input = { ...base, carried: { state: recommended, progressSent: ['step4'], deliveryProblems: [] } };
  const now = at('2029-06-01');

  it('R-TIME-2 R-REC-5: asked at the first decision only; the answer stays in the state, continue-as-new carries it, and the status names Friday, Aug 24, 2029', () => {
    const asked: string[] = [];
    const oracle = (answer: boolean) => (id: string) => (asked.push(id), answer);
    let core: TRecommendationCore = initialRecommendationCore(input, now);
    core = decideRecommendation(core, now, input, oracle(true)).state;
    expect(asked).toEqual(['recommendation-weekend-deadlines']);
    expect(core.state.weekendDeadlines).toBe(true);
    decideRecommendation(core, now + 1, input, oracle(true));
    expect(asked).toHaveLength(1);
    expect(carriedOf(core).state.weekendDeadlines).toBe(true);
    expect(recommendationStatus(core, input, now).ctcWindowEndsOn).toBe('2029-08-24');

    // A chain recorded before the patch: the Sunday, as it was told.
    const old = decideRecommendation(initialRecommendationCore(input, now), now, input, oracle(false)).state;
    expect(old.state.weekendDeadlines).toBe(false);
    expect(recommendationStatus(old, input, now).ctcWindowEndsOn).toBe('2029-08-26');
  });
});

describe('R-TIME-1: a coach owes no pre-assessment before the candidate could have one', () => {
  // Lina (scenarios/late-admission.json): assignment from Sep 8, 2026 (pre-assessment due Mon, Dec 7),
  // cohort from Aug 3, admitted lawfully Dec 28; she and her supervisor rated in the autumn.
  const start = jamal({ candidateId: 'lina', assignmentStart: '2026-09-08', enrolledOn: undefined, coach: GLORIA });
  const rated = (['candidate', 'supervisor'] as const).map((rater, i) => ({
    window: 'pre' as const,
    rater,
    scores,
    date: `2026-10-0${1 + i}`,
  }));
  const applicant: TCandidateState = { ...initialState(start), assessments: rated, moreReminders: true };

  it('R-TIME-1 R-ASM-2 R-REM-2: on Dec 8, 2026, still an applicant, the PA is not told her pre-assessment lacks the coach (before the rule: escalated)', () => {
    expect(applicant.phase).toBe('applicant');
    expect(due(applicant, rossier, '2026-12-08', 'assessment.pre')).toEqual([
      'assessment.pre:escalation:pa assessmentWindow.escalation.pa → pa',
    ]);
    expect(due({ ...applicant, weekendDeadlines: true }, rossier, '2026-12-08', 'assessment.pre')).toEqual([]);
    // The candidate's and supervisor's parts are still judged on Dec 7: without the supervisor's rating, escalated naming the supervisor only.
    const noSupervisor = { ...applicant, weekendDeadlines: true, assessments: rated.slice(0, 1) };
    const [escalation] = planMoment(noSupervisor, rossier, at('2026-12-08'), links).due.filter((n) =>
      n.key.startsWith('assessment.pre'),
    );
    expect([escalation?.key, escalation?.data.missingRaters, escalation?.data.closedOn]).toEqual([
      'assessment.pre:escalation:pa',
      ['supervisor'],
      '2026-12-07',
    ]);
  });

  it('R-TIME-1 R-ASM-2: admitted Dec 28, her coach owes the rating 90 days after enrollment (Sunday, Mar 28, 2027 → Friday, Mar 26): reminded, escalated the Monday after (Mar 29) only if missing', () => {
    const enrolled: TCandidateState = {
      ...applicant,
      phase: 'year1',
      admittedOn: '2026-12-28',
      enrolledOn: '2026-12-28',
      orientationOn: '2026-12-31',
      coachAssignedOn: '2027-01-15',
      owedFromEnrollment: true,
      weekendDeadlines: true,
    };
    const coach = (s: TCandidateState, date: string) =>
      planMoment(s, rossier, at(date), links)
        .due.filter((n) => n.key.startsWith('assessment.pre'))
        .map((n) => `${n.key} → ${n.to.role} ${String(n.data.closesOn ?? n.data.closedOn)}`);
    expect(coach(enrolled, '2027-01-15')).toEqual([]);
    expect(coach(enrolled, '2027-03-12')).toEqual(['assessment.pre.coach:r14:coach → coach 2027-03-26']);
    // The day after the deadline is a Saturday: the escalation waits for Monday.
    expect(coach(enrolled, '2027-03-27')).toEqual([]);
    expect(coach(enrolled, '2027-03-29')).toEqual(['assessment.pre.coach:escalation:pa → pa 2027-03-26']);
    // Rated on Jan 18 (as in the scenario): nothing more.
    const done = {
      ...enrolled,
      assessments: [...rated, { window: 'pre' as const, rater: 'coach' as const, scores, date: '2027-01-18' }],
    };
    expect(coach(done, '2027-03-12')).toEqual([]);
    expect(coach(done, '2027-03-29')).toEqual([]);
  });

  it('R-TIME-1: a candidate enrolled before the window closes keeps its date for the coach too (Jamal: enrolled Jun 15, due Fri Sep 11, escalated Monday, Sep 14)', () => {
    const s: TCandidateState = {
      ...initialState(jamal({ enrolledOn: '2026-06-15', coach: GLORIA })),
      phase: 'enrolled',
      coachAssignedOn: '2026-06-20',
      weekendDeadlines: true,
    };
    expect(due(s, rossier, '2026-09-12', 'assessment.pre')).toEqual([]);
    expect(due(s, rossier, '2026-09-14', 'assessment.pre')).toEqual([
      'assessment.pre:escalation:pa assessmentWindow.escalation.pa → pa',
    ]);
  });
});
