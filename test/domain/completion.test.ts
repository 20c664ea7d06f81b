import { describe, expect, it } from 'vitest';
import { completionReview, missingByOwner, type TCompletionReview } from '../../domain/lifecycle/completion';
import { completionDue, completionObligations } from '../../domain/lifecycle/completion-obligations';
import { computeKeyDates } from '../../domain/calendar/deadlines';
import { planObligationNotices } from '../../domain/notifications/plan';
import { renderTemplate } from '../../domain/notifications';
import { zonedInstant } from '../../domain/calendar/dates';
import { ctcStandard, rossier } from '../../domain/policy/policy';
import type { TCandidateState } from '../../domain/lifecycle/state';
import { GOAL_MARKER, MEETS, completeState } from '../support/completion-fixtures';

const unmet = (r: TCompletionReview) => r.items.filter((i) => !i.met).map((i) => `${i.id}:${i.owner}`);
const endYear2 = (s: TCandidateState, rater: 'candidate' | 'coach' | 'supervisor') =>
  s.assessments.find((a) => a.window === 'endYear2' && a.rater === rater)!;

describe('completion review (R-CMP-1…3)', () => {
  it('R-CMP-1 R-CMP-2 R-CMP-3: an on-track record is ready, every item met with when and by whom', () => {
    const review = completionReview(completeState(), rossier);
    expect(unmet(review)).toEqual([]);
    expect(review.ready).toBe(true);
    // Hours are summed, not verified; standing (R-CMP-4) has no date when there never was a watch.
    for (const item of review.items.filter((i) => !i.id.startsWith('hours.') && i.id !== 'standing')) {
      expect(item.verifiedOn, item.id).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(item.verifiedBy, item.id).toBeTruthy();
    }
    expect(review.evidence.proficiency.byRater.supervisor).toEqual({
      date: '2028-05-10',
      proficient: true,
      lowest: 3,
      average: 3.17,
    });
    expect(review.evidence.experience?.years).toBe(2);
  });

  // Each missing item on its own blocks readiness, and the review names it and who owes it.
  const cases: [string, (s: TCandidateState) => void, string[]][] = [
    [
      'R-CMP-1: the year-1 IIP was never submitted (IIP checklist)',
      (s) => void (s.iip.year1 = { standards: [], goals: [], revisions: 0 }),
      ['iip.year1.submitted:candidate', 'iip.year1.coachApproval:coach', 'iip.year1.supervisorApproval:supervisor'],
    ],
    [
      'R-CMP-1: the coach has not approved the year-2 IIP',
      (s) => void (s.iip.year2.coachApprovedOn = undefined),
      ['iip.year2.coachApproval:coach'],
    ],
    [
      'R-CMP-1: the supervisor has not approved the revised year-1 IIP (R-IIP-3)',
      (s) => void Object.assign(s.iip.year1, { supervisorApprovedOn: undefined, revisions: 1 }),
      ['iip.year1.supervisorApproval:supervisor'],
    ],
    [
      'R-CMP-1: the coach has no end-of-program proficiency rating',
      (s) => void (s.assessments = s.assessments.filter((a) => !(a.window === 'endYear2' && a.rater === 'coach'))),
      ['proficiency.coach:coach'],
    ],
    [
      'R-CMP-1 R-ASM-4: the supervisor rates one CPSEL below 3',
      (s) => void (endYear2(s, 'supervisor').scores = { ...MEETS, cpsel5: 2 }),
      ['proficiency.supervisor:supervisor'],
    ],
    [
      "R-CMP-1 R-ASM-4: the candidate's self-rating has a CPSEL below 3",
      (s) => void (endYear2(s, 'candidate').scores = { ...MEETS, cpsel1: 2 }),
      ['proficiency.candidate:candidate'],
    ],
    [
      'R-PF-1: the year-1 portfolio review did not pass',
      (s) => void (s.portfolio.year1Review = { date: '2027-06-10', passed: false }),
      ['portfolio.year1Review:coach'],
    ],
    [
      'R-PF-1: the year-1 portfolio review never happened',
      (s) => void (s.portfolio.year1Review = undefined),
      ['portfolio.year1Review:coach'],
    ],
    [
      'R-PF-2 R-PF-3: one panel reviewer scored below 3',
      (s) =>
        void (s.portfolio.presentations = [
          { date: '2028-05-15', panelScores: [4, 2, 3], medicalExemption: false, passed: false },
        ]),
      ['portfolio.presentation:candidate'],
    ],
    [
      'R-PF-2: the portfolio was never presented',
      (s) => void (s.portfolio.presentations = []),
      ['portfolio.presentation:candidate'],
    ],
    [
      'R-HRS-1: year-2 coaching hours are short of 40',
      (s) => void (s.hours.year2.coaching = 38.5),
      ['hours.coaching.year2:candidate'],
    ],
    [
      'R-HRS-2: year-1 learning is short in one category',
      (s) => void (s.hours.year1.learning.plc = 4),
      ['hours.learning.year1:candidate'],
    ],
    [
      'R-CMP-2: only 1.5 years of administrative experience verified',
      (s) => void (s.verification.experience = { date: '2028-05-20', years: 1.5 }),
      ['experience:candidate'],
    ],
    ['R-CMP-2: no HR letter verified', (s) => void (s.verification.experience = undefined), ['experience:candidate']],
    [
      'R-CMP-3: no PASC or certificate of eligibility on file',
      (s) => void (s.verification.credential = undefined),
      ['credential:candidate'],
    ],
  ];
  it.each(cases)('%s → not ready', (_title, breakIt, expected) => {
    const state = completeState();
    breakIt(state);
    const review = completionReview(state, rossier);
    expect(review.ready).toBe(false);
    expect(unmet(review)).toEqual(expected);
    for (const i of review.items.filter((x) => !x.met)) expect(i.detail, i.id).toBeTruthy();
  });

  it('R-PF-2: a failed presentation is re-presented; the passing one counts and both are on record', () => {
    const state = completeState();
    state.portfolio.presentations = [
      { date: '2028-05-08', panelScores: [3, 2], medicalExemption: false, passed: false },
      { date: '2028-05-29', panelScores: [3, 3], medicalExemption: false, passed: true },
    ];
    const review = completionReview(state, rossier);
    expect(review.ready).toBe(true);
    expect(review.items.find((i) => i.id === 'portfolio.presentation')).toMatchObject({
      met: true,
      verifiedOn: '2028-05-29',
      detail: 'panel scores 3, 3',
    });
    expect(review.evidence.portfolio).toMatchObject({
      attempts: 2,
      presentation: { date: '2028-05-29', passed: true },
    });
  });

  it('R-PF-2 R-PF-3: a documented medical exemption meets the presentation item', () => {
    const state = completeState();
    state.portfolio.presentations = [{ date: '2028-05-15', panelScores: [], medicalExemption: true, passed: true }];
    const item = completionReview(state, rossier).items.find((i) => i.id === 'portfolio.presentation');
    expect(item).toMatchObject({ met: true, detail: 'documented medical exemption (R-PF-2)' });
  });

  it('R-ASM-4: the policy alternative (average ≥ 3, ctc-standard) accepts one 2 among 4s; only the end-of-year-2 window counts', () => {
    const state = completeState();
    endYear2(state, 'coach').scores = { cpsel1: 4, cpsel2: 4, cpsel3: 4, cpsel4: 4, cpsel5: 4, cpsel6: 2 };
    expect(completionReview(state, rossier).items.find((i) => i.id === 'proficiency.coach')?.met).toBe(false);
    expect(completionReview(state, ctcStandard).items.find((i) => i.id === 'proficiency.coach')?.met).toBe(true);
    // An earlier window (endYear1, with a 2) is never used for completion.
    expect(completionReview(completeState(), rossier).items.find((i) => i.id === 'proficiency.candidate')?.met).toBe(
      true,
    );
  });

  it('R-IIP-5: the review and its evidence carry no IIP goal text', () => {
    expect(JSON.stringify(completionReview(completeState(), rossier))).not.toContain(GOAL_MARKER);
  });

  it('R-CMP-1: each owner of a missing item is reminded with their own template; the PA hears after the due date', () => {
    const state = completeState();
    state.iip.year2.supervisorApprovedOn = undefined;
    endYear2(state, 'coach').scores = { ...MEETS, cpsel4: 2 };
    state.verification.credential = undefined;
    const review = completionReview(state, rossier);
    expect(Object.keys(missingByOwner(review)).sort()).toEqual(['candidate', 'coach', 'supervisor']);

    const keyDates = computeKeyDates(
      { assignmentStart: '2026-06-15', enrolledOn: '2026-06-20', cohortStart: '2026-08-03' },
      rossier,
    );
    const due = completionDue(keyDates);
    expect(due).toBe('2028-06-15');
    const obligations = completionObligations(state, rossier, review, due, { portalUrl: 'http://127.0.0.1:8787' });
    const first = planObligationNotices(
      obligations,
      rossier,
      zonedInstant('2028-06-01', '09:00', rossier.timeZone),
      [],
    );
    const sent = first.due.map((n) => ({
      role: n.to.role,
      template: n.template,
      items: (n.data as { items: string[] }).items,
    }));
    expect(sent).toEqual([
      { role: 'candidate', template: 'completionMissing.reminder.candidate', items: ['credentialDocument'] },
      { role: 'coach', template: 'completionMissing.reminder.coach', items: ['proficiencyRatings'] },
      { role: 'supervisor', template: 'completionMissing.reminder.supervisor', items: ['iipGoalsConfirmation'] },
    ]);
    for (const n of first.due) expect(() => renderTemplate(n.template, n.data)).not.toThrow();

    const late = planObligationNotices(
      obligations,
      rossier,
      zonedInstant('2028-06-16', '09:00', rossier.timeZone),
      first.due.map((n) => n.key),
    );
    const toPa = late.due.filter((n) => n.to.role === 'pa');
    expect(toPa).toHaveLength(1);
    expect(toPa[0]).toMatchObject({
      template: 'completionMissing.reminder.pa',
      data: { items: ['credentialDocument'] },
    });
    expect(() => renderTemplate(toPa[0]!.template, toPa[0]!.data)).not.toThrow();
    expect(
      completionObligations(completeState(), rossier, completionReview(completeState(), rossier), due, {
        portalUrl: 'http://x',
      }),
    ).toEqual([]);
  });
});
