// R-HRS-3: the day a candidate would fall well behind pace (the risk wake-up) is found by bisection;
// for every generated record it must be the day a day-by-day scan finds.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, compareDates, type TLocalDate } from '../../domain/calendar/dates';
import { paceStatus } from '../../domain/lifecycle/hours';
import { computeLifecycleDates } from '../../domain/lifecycle/dates';
import { hoursThisYear, paceSlipDate, type THoursKind } from '../../domain/risk/risk';
import { initialState, type TCandidateState } from '../../domain/lifecycle/state';
import { getBuiltinPolicy } from '../../domain/policy/policy';
import { GLORIA, jamal } from '../support/fixtures';

const policy = getBuiltinPolicy('rossier');
const base: TCandidateState = initialState(jamal({ candidateId: 'jamal', enrolledOn: '2026-06-15', coach: GLORIA }));

/** The scan paceSlipDate replaced: the first day from today, to the year's end, that is behind. */
function scanned(
  state: TCandidateState,
  today: TLocalDate,
  kind: THoursKind,
  model: 'calendar' | 'linear',
): TLocalDate | undefined {
  const { keyDates } = computeLifecycleDates(state, policy);
  const { year1, year2 } = keyDates.programYears;
  const year = compareDates(today, year2.start) >= 0 ? 2 : 1;
  const end = year === 1 ? year1.end : year2.end;
  const logged = hoursThisYear(state, year, kind);
  let d = today;
  for (let i = 0; i < 400 && compareDates(d, end) <= 0; i++) {
    if (paceStatus(logged, d, keyDates, policy, kind, model).behind) return d;
    d = addDays(d, 1);
  }
  return undefined;
}

describe('pace slip date (R-HRS-3)', () => {
  it('R-HRS-3: bisection finds the same first behind day as a day-by-day scan, for any hours, day, deferral and model', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 700 }),
        fc.integer({ min: 0, max: 40 }),
        fc.integer({ min: 0, max: 70 }),
        fc.option(fc.record({ at: fc.integer({ min: 30, max: 600 }), months: fc.integer({ min: 1, max: 6 }) }), {
          nil: undefined,
        }),
        fc.constantFrom<THoursKind>('coaching', 'learning'),
        fc.constantFrom<'calendar' | 'linear'>('calendar', 'linear'),
        (day, coaching, learning, deferral, kind, model) => {
          const today = addDays('2026-08-03', day);
          const year = compareDates(today, '2027-07-01') >= 0 ? 'year2' : 'year1';
          const state: TCandidateState = {
            ...base,
            phase: year,
            hours: {
              ...base.hours,
              [year]: { coaching, learning: { cpselSession: learning, jobAligned: 0, plc: 0, district: 0 } },
            },
            shifts: deferral
              ? [{ from: addDays('2026-08-03', deferral.at), months: deferral.months, kind: 'deferral' }]
              : [],
          };
          const { keyDates } = computeLifecycleDates(state, policy);
          expect(paceSlipDate(state, keyDates, policy, today, kind, model)).toBe(scanned(state, today, kind, model));
        },
      ),
      { numRuns: 300, seed: 18 },
    );
  });

  it("R-HRS-3: Jamal with no coaching logged slips on a known day; with the year's minimum logged, never", () => {
    const { keyDates } = computeLifecycleDates({ ...base, phase: 'year1' }, policy);
    const slip = paceSlipDate({ ...base, phase: 'year1' }, keyDates, policy, '2026-08-03', 'coaching', 'calendar');
    expect(slip).toBe(scanned({ ...base, phase: 'year1' }, '2026-08-03', 'coaching', 'calendar'));
    // Behind as soon as the year's grace days (30) are over: Aug 3 + 30.
    expect(slip).toBe('2026-09-02');
    const met: TCandidateState = {
      ...base,
      phase: 'year1',
      hours: { ...base.hours, year1: { ...base.hours.year1, coaching: policy.hours.coachingPerYear } },
    };
    expect(paceSlipDate(met, keyDates, policy, '2026-08-03', 'coaching', 'calendar')).toBeUndefined();
  });
});
