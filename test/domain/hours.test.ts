import { describe, it, expect } from 'vitest';
import { computeKeyDates } from '../../domain/calendar/deadlines';
import { expectedHoursByDate, hoursShortfall, paceStatus, requiredHours } from '../../domain/lifecycle/hours';
import { ctcStandard, rossier } from '../../domain/policy/policy';
import { candidate2026 } from './fixtures';

const kd = computeKeyDates(candidate2026, rossier);

describe('hours', () => {
  it('R-HRS-1: coaching is at least 40 h a year, 80 in all', () => {
    expect(requiredHours(rossier).coaching).toEqual({ perYear: 40, total: 80 });
    expect(requiredHours(ctcStandard).coaching).toEqual({ perYear: 40, total: 80 });
  });

  it('R-HRS-2: learning is 60 h a year (12 sessions, 18 workshops, 10 PLC, 20 district); the state standard 20 h', () => {
    expect(requiredHours(rossier).learning).toEqual({
      perYear: 60,
      total: 120,
      categories: { cpselSession: 12, jobAligned: 18, plc: 10, district: 20 },
    });
    expect(requiredHours(ctcStandard).learning).toEqual({ perYear: 20, total: 40, categories: {} });
  });

  it('R-HRS-2: the year-end shortfall is reported per kind and per category', () => {
    expect(
      hoursShortfall(
        { coaching: 38.5, learning: { cpselSession: 14, jobAligned: 12, plc: 10, district: 20 } },
        rossier,
      ),
    ).toEqual({
      coaching: 1.5,
      learning: 4,
      categories: { cpselSession: 0, jobAligned: 6, plc: 0, district: 0 },
    });
    expect(hoursShortfall({ coaching: 40, learning: { district: 25 } }, ctcStandard)).toEqual({
      coaching: 0,
      learning: 0,
      categories: {},
    });
  });

  it('R-HRS-3: expected coaching hours grow linearly from the year start to May 31, then hold', () => {
    // Year 1: 2026-08-03 → 2027-05-31 is 301 days; 2026-11-01 is day 90.
    expect(expectedHoursByDate('2026-08-03', kd, rossier, 'coaching')).toBe(0);
    expect(expectedHoursByDate('2026-11-01', kd, rossier, 'coaching')).toBe(11.96);
    // The first model (workflows without patch 'pace-follows-calendar') ramped learning the same way.
    expect(expectedHoursByDate('2026-11-01', kd, rossier, 'learning', 'linear')).toBe(17.94);
    expect(expectedHoursByDate('2027-05-31', kd, rossier, 'coaching')).toBe(40);
    expect(expectedHoursByDate('2027-07-20', kd, rossier, 'coaching')).toBe(40); // summer: still year 1, complete
    expect(expectedHoursByDate('2027-08-01', kd, rossier, 'coaching')).toBe(0); // year 2 starts over
    expect(expectedHoursByDate('2028-05-31', kd, rossier, 'learning')).toBe(60);
    expect(expectedHoursByDate('2026-07-10', kd, rossier, 'coaching')).toBe(0); // before the cohort starts
  });

  it('R-HRS-3 R-SES-1 R-SES-2: expected learning hours follow the session and workshop calendar', () => {
    // Year 1 sessions Sep 14, Oct 12, Nov 9, Jan 11 … Apr 12 (7 × 12/7 h); workshop parts Dec 9 …
    // May 19 (12 × 1.5 h); PLC + district (30 h) ramp from Sep 14 to May 31 (259 days). Each
    // session's or part's hours are expected a week after it.
    expect(expectedHoursByDate('2026-08-31', kd, rossier, 'learning')).toBe(0); // nothing offered yet
    expect(expectedHoursByDate('2026-09-21', kd, rossier, 'learning')).toBe(2.53); // 12/7 + 30 × 7/259
    expect(expectedHoursByDate('2026-11-01', kd, rossier, 'learning')).toBe(8.99); // 2 × 12/7 + 30 × 48/259
    expect(expectedHoursByDate('2027-01-04', kd, rossier, 'learning')).toBe(21.12); // 3 × 12/7 + 2 × 1.5 + 30 × 112/259
    expect(expectedHoursByDate('2027-05-31', kd, rossier, 'learning')).toBe(60);
    expect(expectedHoursByDate('2027-09-01', kd, rossier, 'learning')).toBe(0); // year 2 before its first session
    // A program without sessions or workshops (the state standard) ramps from the year's start.
    const kc = computeKeyDates(candidate2026, ctcStandard);
    expect(expectedHoursByDate('2026-11-01', kc, ctcStandard, 'learning')).toBe(
      expectedHoursByDate('2026-11-01', kc, ctcStandard, 'learning', 'linear'),
    );
  });

  it("R-HRS-3: well behind pace (below 75% of expected) is a warning, but not in a year's first 30 days", () => {
    expect(paceStatus(5, '2026-11-01', kd, rossier, 'coaching')).toEqual({
      programYear: 1,
      expected: 11.96,
      warnBelow: 8.97,
      behind: true,
    });
    expect(paceStatus(9, '2026-11-01', kd, rossier, 'coaching').behind).toBe(false);
    expect(paceStatus(0, '2026-08-20', kd, rossier, 'coaching').behind).toBe(false);
    expect(paceStatus(0, '2027-08-20', kd, rossier, 'learning')).toMatchObject({ programYear: 2, behind: false });
    expect(paceStatus(20, '2028-03-01', kd, rossier, 'learning')).toMatchObject({ programYear: 2, behind: true });
  });
});
