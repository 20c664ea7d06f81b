// R-INT-2 with R-HRS-3: a deferral pauses the hours pace. While it lasts no pace notice goes out and
// the workflow sleeps to its end; afterwards its days do not count toward the hours expected.
import { describe, expect, it } from 'vitest';
import { activeDeferral, hasDeferralBy, paceDate } from '../../domain/calendar/deferral';
import { zonedInstant } from '../../domain/calendar/dates';
import { getBuiltinPolicy } from '../../domain/policy/policy';
import { evaluateRisk } from '../../domain/risk/notices';
import { computeLifecycleDates } from '../../domain/lifecycle/dates';
import { initialState, type TCandidateState } from '../../domain/lifecycle/state';
import { jamal } from '../support/fixtures';

const policy = getBuiltinPolicy('rossier');
const tz = policy.timeZone;
const at = (date: string) => zonedInstant(date, '08:00', tz);
const links = { portalUrl: 'http://localhost' };
const shifts = [{ from: '2026-08-28', months: 3, kind: 'deferral' as const }];
const base: TCandidateState = initialState(jamal({ enrolledOn: '2026-06-15' }));
// Year 1, 3 coaching hours and no learning: behind pace within weeks (R-HRS-3).
const deferred: TCandidateState = {
  ...base,
  phase: 'year1',
  shifts,
  hours: { ...base.hours, year1: { ...base.hours.year1, coaching: 3 } },
};
const paceTemplates = (s: TCandidateState, now: number, deferralPausesPace: boolean) =>
  evaluateRisk(s, policy, now, links, { deferralPausesPace })
    .notices.filter((n) => n.template.startsWith('hoursPace.'))
    .map((n) => n.key);

describe('a deferral pauses the hours pace', () => {
  it('R-INT-2: the active deferral runs from its first day up to (not including) the day it ends', () => {
    expect(activeDeferral(shifts, '2026-08-27')).toBeUndefined();
    expect(activeDeferral(shifts, '2026-08-28')).toEqual({ from: '2026-08-28', until: '2026-11-28' });
    expect(activeDeferral(shifts, '2026-11-27')).toBeDefined();
    expect(activeDeferral(shifts, '2026-11-28')).toBeUndefined();
    expect(hasDeferralBy(shifts, '2026-08-27')).toBe(false);
    expect(hasDeferralBy(shifts, '2026-08-28')).toBe(true);
  });

  it('R-HRS-3 R-INT-2: the pace date is today less the deferred days this year (92 days for Aug 28 → Nov 28)', () => {
    const yearStart = computeLifecycleDates(deferred, policy).keyDates.programYears.year1.start;
    expect(paceDate(shifts, yearStart, '2026-08-20')).toBe('2026-08-20');
    expect(paceDate(shifts, yearStart, '2026-09-10')).toBe('2026-08-28'); // frozen while deferred
    expect(paceDate(shifts, yearStart, '2026-12-01')).toBe('2026-08-31');
    // A deferral before the year began does not pause this year.
    expect(paceDate(shifts, '2027-08-02', '2027-09-01')).toBe('2027-09-01');
  });

  it('R-INT-2 R-HRS-3: during the deferral no pace notice goes out and the workflow wakes when it ends', () => {
    // Without the rule (workflows started before it: patched() false) the notices went out.
    expect(paceTemplates(deferred, at('2026-09-03'), false)).toEqual([
      'pace.coaching.y1.1:candidate',
      'pace.learning.y1.1:candidate',
    ]);
    const r = evaluateRisk(deferred, policy, at('2026-09-03'), links, { deferralPausesPace: true });
    expect(r.notices.filter((n) => n.template.startsWith('hoursPace.'))).toEqual([]);
    expect(r.state.flags.deferred).toBe(true);
    expect(r.state.pace).toEqual(deferred.pace);
    expect(r.wakeAt).toBeLessThanOrEqual(at('2026-11-28'));
  });

  it('R-HRS-3: after the deferral, pace is measured without its months', () => {
    const status = (now: number, on: boolean) =>
      evaluateRisk(deferred, policy, now, links, { deferralPausesPace: on }).state.pace.coaching.behind;
    // Dec 1 is four months into the year by the calendar but counts as Aug 31 for pace: 3 hours
    // of coaching are behind by the calendar only.
    expect(status(at('2026-12-01'), false)).toBe(true);
    expect(status(at('2026-12-01'), true)).toBe(false);
  });
});
