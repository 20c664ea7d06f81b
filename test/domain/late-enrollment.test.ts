// R-TIME-1: a candidate hired after the cohort started and admitted lawfully (R-ADM-1) owes nothing
// for the time before enrollment. Hana: assignment from 2026-09-14, admitted 98 days later on
// 2026-12-21 (cohort start 2026-08-03), as in test/replay/scenarios/late-hire.json.
import { describe, expect, it } from 'vitest';
import { ZCandidateEvent } from '../../domain/events';
import { zonedInstant } from '../../domain/calendar/dates';
import { rossier } from '../../domain/policy/policy';
import { applyEvent, type TEventContext } from '../../domain/lifecycle/reducer';
import { computeLifecycleDates } from '../../domain/lifecycle/dates';
import { advanceByTime } from '../../domain/lifecycle/phases';
import { planMoment } from '../../domain/lifecycle/planner';
import { evaluateRisk } from '../../domain/risk/notices';
import { initialState, type TCandidateState } from '../../domain/lifecycle/state';
import { jamal } from '../support/fixtures';

const links = { portalUrl: 'https://casc.example.edu' };
const at = (date: string, time = '09:00') => zonedInstant(date, time, 'America/Los_Angeles');
const options = { deferralPausesPace: true, paceFollowsCalendar: true };
const record = (state: TCandidateState, raw: unknown, today: string) => {
  const { keyDates } = computeLifecycleDates(state, rossier);
  const ctx: TEventContext = {
    today,
    year2Start: keyDates.programYears.year2.start,
    refundWindowEnds: keyDates.refundWindowEnds,
    policy: rossier,
    keyDates,
  };
  return applyEvent(state, ZCandidateEvent.parse(raw), ctx);
};

function hana(owedFromEnrollment: boolean): TCandidateState {
  const start = jamal({
    assignmentStart: '2026-09-14',
    candidate: { name: 'Hana Sato', email: 'hana.sato@example.org' },
    coach: { name: 'Gloria Sharp', email: 'gloria.sharp@example.org' },
  });
  let s = initialState(start);
  s = record(s, { type: 'admitted' }, '2026-12-21');
  s = { ...advanceByTime(s, rossier, at('2026-12-21')), coachAssignedOn: '2026-12-21', owedFromEnrollment };
  return s;
}
/** Every message the workflow's wake at `date` 09:00 would send (risk notices, then the planner's). */
const wake = (s: TCandidateState, date: string) => {
  const risk = evaluateRisk(s, rossier, at(date), links, options);
  const plan = planMoment(risk.state, rossier, at(date), links);
  return { risk, due: [...risk.notices, ...plan.due].map((n) => `${n.template} → ${n.to.role}`) };
};

describe('R-TIME-1: nothing is owed before enrollment', () => {
  it('R-TIME-1: on the day she is admitted (Dec 21) she gets no orientation escalation, no early warning, no watch, no pace notice', () => {
    const before = wake(hana(false), '2026-12-21');
    // The defect, as it was: escalations and warnings for the months before she could take part.
    expect(before.due).toEqual(
      expect.arrayContaining([
        'orientation.escalation.pa → pa',
        'earlyWarning.notice.candidate → candidate',
        'hoursPace.notice.candidate → candidate',
      ]),
    );
    expect(before.risk.openWatch?.missing).toBe(3);

    const { risk, due } = wake(hana(true), '2026-12-21');
    expect(risk.openWatch).toBeUndefined();
    expect(risk.state.flags).toEqual({ earlyWarning: false, academicWatch: false, atRisk: false, deferred: false });
    // The pre-assessment window (90 days from the assignment, Dec 13) was hers while an applicant (R-ADM-1, R-ASM-2).
    expect(due).toEqual(['assessmentWindow.escalation.pa → pa']);
  });

  it('R-TIME-1 R-ONB-2: her orientation is due a month after enrollment (Jan 20, 2027): reminded Jan 6 and 17, escalated Jan 21', () => {
    const s = hana(true);
    const orientation = (date: string) => wake(s, date).due.filter((d) => d.startsWith('orientation.'));
    // Rossier reminds 14 and 3 days before and escalates the day after (a wake sends the latest one due).
    expect(orientation('2027-01-05')).toEqual([]);
    expect(orientation('2027-01-06')).toEqual(['orientation.reminder.candidate → candidate']);
    expect(orientation('2027-01-20')).toEqual(['orientation.reminder.candidate → candidate']);
    expect(orientation('2027-01-21')).toEqual(['orientation.escalation.pa → pa']);
  });

  it("R-TIME-1 R-EW-1: the first assignment she owes is January's (session 4, due Jan 18); missing it and February's is an early warning", () => {
    const s = hana(true);
    expect(wake(s, '2027-01-19').risk.state.flags.earlyWarning).toBe(false);
    const feb = wake(s, '2027-02-16').risk;
    expect(feb.state.flags.earlyWarning).toBe(true);
    expect(feb.openWatch?.evidence).toEqual([
      'CASC 03: Creating a Teaching & Learning Environment assignment missing (due 2027-01-18)',
      'CASC 04: Engaging Communities assignment missing (due 2027-02-15)',
    ]);
  });

  it('R-TIME-1 R-HRS-3: pace counts from enrollment — no coaching warning in her first 30 days, one once she is well behind after that', () => {
    const s = hana(true);
    expect(wake(s, '2027-01-19').due.filter((d) => d.startsWith('hoursPace'))).toEqual([]);
    const feb = wake(s, '2027-02-16');
    const toCandidate = feb.risk.notices.filter((n) => n.template === 'hoursPace.notice.candidate').map((n) => n.data);
    // 57 days of her 301-day paced year: 40 h × 57/301 = 7.57 coaching hours, not the 26 of a candidate there since August.
    expect(toCandidate.map((d) => [d.category, d.loggedHours, d.expectedHours])).toEqual([
      ['coaching', 0, 7.57],
      ['professionalLearning', 0, 3.45],
    ]);
  });
});
