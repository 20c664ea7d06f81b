// R-HRS-1: "the coach meets the candidate monthly; coaching logs record it". A program-year month
// with no coaching logged is told to candidate and coach on the next month's first working day at
// 08:00 (send time, outside quiet hours, R-TIME-3); a second month in a row goes to the PA, once
// (R-REM-2). Deferral months and months before enrollment do not count; a candidate coached every
// month hears nothing (R-REM-2: no false alarm).
import { describe, expect, it } from 'vitest';
import { addDays, localTimeOf, zonedInstant } from '../../domain/calendar/dates';
import { rossier } from '../../domain/policy/policy';
import { planMoment } from '../../domain/lifecycle/planner';
import { computeLifecycleDates } from '../../domain/lifecycle/dates';
import { coachingCadenceObligations } from '../../domain/lifecycle/coaching-cadence';
import { planObligationNotices } from '../../domain/notifications/plan';
import { initialState, type TCandidateState } from '../../domain/lifecycle/state';
import { renderTemplate } from '../../domain/notifications';
import { GLORIA, jamal } from '../support/fixtures';

const TZ = 'America/Los_Angeles';
const links = { portalUrl: 'https://casc.example.edu' };
const at = (date: string, time = '08:00') => zonedInstant(date, time, TZ);
const start = jamal({ candidateId: 'c001', enrolledOn: '2026-07-01', coach: GLORIA });
const base: TCandidateState = {
  ...initialState(start),
  phase: 'year1',
  coachAssignedOn: '2026-06-25',
  orientationOn: '2026-08-10',
  coachingCadence: true,
};

/** Year 1's months (Aug 2026 – Jul 2027), coaching logged on the 15th of each but `skipped` ('YYYY-MM'). */
const coachedMonths = (skipped: string[]) =>
  [
    '2026-08',
    '2026-09',
    '2026-10',
    '2026-11',
    '2026-12',
    '2027-01',
    '2027-02',
    '2027-03',
    '2027-04',
    '2027-05',
    '2027-06',
    '2027-07',
  ]
    .filter((m) => !skipped.includes(m))
    .map((m) => `${m}-15`);

/**
 * Every hour the workflow could wake, from `from` to `to`: the planner runs each morning at 08:00
 * and whenever it asked to wake; coaching dated up to the day is on the record (as the log grows).
 * Returns each cadence message as 'local send time key → recipient'.
 */
function run(state: TCandidateState, coachedOn: string[], from: string, to: string): string[] {
  let s = state;
  const sent: string[] = [];
  for (let day = from; day <= to; day = addDays(day, 1)) {
    for (const time of ['00:00', '08:00']) {
      const now = at(day, time);
      const current = {
        ...s,
        timeline: [
          ...s.timeline,
          ...coachedOn
            .filter((d) => d <= day)
            .map((date) => ({ date, kind: 'coachingLogged', detail: '1.5 h coaching' })),
        ],
      };
      const { due } = planMoment(current, rossier, now, links);
      s = { ...s, notified: [...s.notified, ...due.map((n) => n.key)] };
      for (const n of due)
        if (n.key.startsWith('coaching.'))
          sent.push(`${day} ${localTimeOf(now, TZ)} ${n.key} ${n.template} → ${n.to.email}`);
    }
  }
  return sent;
}

describe('R-HRS-1: the monthly coaching cadence', () => {
  it('R-HRS-1 R-REM-2: a candidate coached every month of year 1 gets no cadence message', () => {
    expect(run(base, coachedMonths([]), '2026-08-01', '2027-07-31')).toEqual([]);
  });

  it('R-HRS-1: one who skips March 2027 is told once, with the coach, on Thu Apr 1 at 08:00; the PA is not', () => {
    expect(run(base, coachedMonths(['2027-03']), '2026-08-01', '2027-07-31')).toEqual([
      '2027-04-01 08:00 coaching.2027-03:escalation:candidate coachingCadence.notice.candidate → jamal.jackson@example.org',
      '2027-04-01 08:00 coaching.2027-03:escalation:coach coachingCadence.notice.coach → gloria.sharp@example.org',
    ]);
  });

  it('R-HRS-1 R-REM-2: two months in a row (Feb and Mar 2027) → told Mon Mar 1 and Thu Apr 1; one PA escalation, on Apr 1', () => {
    expect(run(base, coachedMonths(['2027-02', '2027-03']), '2027-01-01', '2027-05-31')).toEqual([
      '2027-03-01 08:00 coaching.2027-02:escalation:candidate coachingCadence.notice.candidate → jamal.jackson@example.org',
      '2027-03-01 08:00 coaching.2027-02:escalation:coach coachingCadence.notice.coach → gloria.sharp@example.org',
      '2027-04-01 08:00 coaching.2027-03:escalation:candidate coachingCadence.notice.candidate → jamal.jackson@example.org',
      '2027-04-01 08:00 coaching.2027-03:escalation:coach coachingCadence.notice.coach → gloria.sharp@example.org',
      '2027-04-01 08:00 coaching.2027-03:escalation:pa coachingCadence.escalation.pa → pa.tran@example.edu',
    ]);
  });

  it('R-HRS-1 R-REM-2: three months in a row (Feb–Apr) still escalate to the PA once; April is told on Mon May 3 (May 1 is a Saturday)', () => {
    const sent = run(base, coachedMonths(['2027-02', '2027-03', '2027-04']), '2027-01-01', '2027-06-30');
    expect(sent.filter((l) => l.includes(':pa '))).toEqual([
      '2027-04-01 08:00 coaching.2027-03:escalation:pa coachingCadence.escalation.pa → pa.tran@example.edu',
    ]);
    expect(sent.filter((l) => l.includes('coaching.2027-04'))).toEqual([
      '2027-05-03 08:00 coaching.2027-04:escalation:candidate coachingCadence.notice.candidate → jamal.jackson@example.org',
      '2027-05-03 08:00 coaching.2027-04:escalation:coach coachingCadence.notice.coach → gloria.sharp@example.org',
    ]);
  });

  it('R-HRS-1: coaching logged late but dated in March (on Mar 30, recorded Mar 31) counts; the month is not told', () => {
    expect(run(base, [...coachedMonths(['2027-03']), '2027-03-30'], '2027-03-01', '2027-04-30')).toEqual([]);
  });

  it('R-HRS-1 R-INT-2: deferral months do not count (deferred Jan 10 for two months: Jan, Feb and Mar are not told)', () => {
    const deferred: TCandidateState = { ...base, shifts: [{ from: '2027-01-10', months: 2, kind: 'deferral' }] };
    expect(run(deferred, coachedMonths(['2027-01', '2027-02', '2027-03']), '2026-12-01', '2027-04-30')).toEqual([]);
  });

  it('R-HRS-1 R-TIME-1: months before enrollment (and the month of it) do not count: enrolled Oct 15, uncoached until Dec, told of November only, on Dec 1', () => {
    const late: TCandidateState = {
      ...base,
      enrolledOn: '2026-10-15',
      admittedOn: '2026-10-15',
      coachAssignedOn: '2026-10-15',
    };
    expect(
      run(late, coachedMonths(['2026-08', '2026-09', '2026-10', '2026-11']), '2026-08-01', '2026-12-31').map((l) =>
        l.split(' ').slice(0, 3).join(' '),
      ),
    ).toEqual([
      '2026-12-01 08:00 coaching.2026-11:escalation:candidate',
      '2026-12-01 08:00 coaching.2026-11:escalation:coach',
    ]);
  });

  it('R-HRS-1: the workflow wakes for it: on Mar 31 at 21:00 with nothing logged in March, the next wake is Apr 1 at 08:00', () => {
    const s = { ...base, timeline: [...base.timeline, { date: '2027-02-15', kind: 'coachingLogged' }] };
    const { keyDates } = computeLifecycleDates(s, rossier);
    const obligations = coachingCadenceObligations(s, rossier, keyDates, links, '2027-03-31');
    expect(obligations.map((o) => [o.id, o.due, o.plan])).toEqual([
      ['coaching.2027-03', '2027-03-31', { daysBefore: [], escalateAfterDays: 1 }],
    ]);
    expect(planObligationNotices(obligations, rossier, at('2027-03-31', '21:00'), [])).toEqual({
      due: [],
      nextWakeAt: at('2027-04-01'),
    });
  });

  it('R-HRS-1: the messages name the month, and the PA the two months', () => {
    const s = { ...base, timeline: [...base.timeline, { date: '2027-01-15', kind: 'coachingLogged' }] };
    const byRole = Object.fromEntries(
      planMoment(s, rossier, at('2027-04-01'), links)
        .due.filter((n) => n.key.startsWith('coaching.'))
        .map((n) => [n.to.role, renderTemplate(n.template, n.data as never)]),
    );
    expect(byRole.candidate?.subject).toBe('No coaching logged for March 2027');
    expect(byRole.candidate?.text).toContain('If you met, Gloria can still log it with its date');
    expect(byRole.coach?.subject).toBe('No coaching logged for Jamal in March 2027');
    expect(byRole.pa?.subject).toBe('No coaching for two months: Jamal Jackson');
    expect(byRole.pa?.text).toContain(
      'No coaching is logged for Jamal Jackson in February 2027 or March 2027, two months in a row',
    );
  });

  it('R-HRS-1 R-REC-6: the last program month (May 2028) is still told in completion review (Thu Jun 1); June, in completion review, is not', () => {
    const coached = ['2028-01-15', '2028-02-15', '2028-03-15', '2028-04-15'];
    expect(run({ ...base, phase: 'year2' }, coached, '2028-05-01', '2028-05-31')).toEqual([]);
    // Completion review opens on Jun 1, 2028 (the recommendation-target month, R-REC-6).
    const sent = run({ ...base, phase: 'completionReview' }, coached, '2028-06-01', '2028-07-31');
    expect(sent.map((l) => l.split(' ').slice(0, 3).join(' '))).toEqual([
      '2028-06-01 08:00 coaching.2028-05:escalation:candidate',
      '2028-06-01 08:00 coaching.2028-05:escalation:coach',
    ]);
  });

  it('R-REM-2: a run recorded before the rule (coachingCadence absent or false) is never told', () => {
    for (const flag of [undefined, false])
      expect(
        run({ ...base, coachingCadence: flag }, coachedMonths(['2027-02', '2027-03']), '2027-02-01', '2027-04-30'),
      ).toEqual([]);
  });
});
