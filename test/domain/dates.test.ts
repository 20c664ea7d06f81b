import { describe, it, expect } from 'vitest';
import {
  ZLocalDate,
  addBusinessDays,
  addDays,
  addMonths,
  addMonthsToInstant,
  compareDates,
  daysBetween,
  endOfDayInstant,
  localDateOf,
  localTimeOf,
  maxDate,
  minDate,
  nthWeekdayOfMonth,
  weekdayOf,
  zonedInstant,
} from '../../domain/calendar/dates';
import { iso, utc } from './fixtures';

const LA = 'America/Los_Angeles';

describe('local dates', () => {
  it('R-ADM-1: assignment start dates must be real calendar dates', () => {
    expect(ZLocalDate.safeParse('2026-06-15').success).toBe(true);
    expect(ZLocalDate.safeParse('2028-02-29').success).toBe(true);
    for (const bad of ['2027-02-29', '2026-13-01', '2026-04-31', '2026-6-15', '15/06/2026', 20260615]) {
      expect(ZLocalDate.safeParse(bad).success).toBe(false);
    }
  });

  it('R-ADM-1: day arithmetic crosses months, years and leap days exactly', () => {
    expect(addDays('2026-06-15', 120)).toBe('2026-10-13');
    expect(addDays('2027-12-31', 1)).toBe('2028-01-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(daysBetween('2026-06-15', '2026-10-13')).toBe(120);
    expect(daysBetween('2026-10-13', '2026-06-15')).toBe(-120);
    expect(daysBetween('1969-12-31', '2000-03-01')).toBe(11_018);
  });

  it('R-ADM-2: dates compare chronologically and pick the earlier/later', () => {
    expect(compareDates('2026-07-01', '2026-08-03')).toBe(-1);
    expect(compareDates('2026-08-03', '2026-08-03')).toBe(0);
    expect(compareDates('2027-01-01', '2026-12-31')).toBe(1);
    expect(maxDate('2026-07-01', '2026-08-03', '2026-05-01')).toBe('2026-08-03');
    expect(minDate('2026-07-01', '2026-08-03', '2026-05-01')).toBe('2026-05-01');
  });

  it('R-INT-2: month arithmetic clamps to the month end (Jan 31 + 1 month = Feb 28 or 29)', () => {
    expect(addMonths('2027-01-31', 1)).toBe('2027-02-28');
    expect(addMonths('2028-01-31', 1)).toBe('2028-02-29');
    expect(addMonths('2026-08-31', 6)).toBe('2027-02-28');
    expect(addMonths('2028-02-29', 12)).toBe('2029-02-28');
    expect(addMonths('2026-10-31', 1)).toBe('2026-11-30');
    expect(addMonths('2026-12-15', 2)).toBe('2027-02-15');
    expect(addMonths('2027-03-31', -1)).toBe('2027-02-28');
  });

  it('R-SES-1: the n-th weekday of a month (2nd Monday, and -1 for the last)', () => {
    expect(nthWeekdayOfMonth(2026, 9, 1, 2)).toBe('2026-09-14');
    expect(nthWeekdayOfMonth(2027, 2, 1, 2)).toBe('2027-02-08'); // Feb 1 2027 is itself a Monday
    expect(nthWeekdayOfMonth(2026, 11, 1, 1)).toBe('2026-11-02');
    expect(nthWeekdayOfMonth(2026, 11, 1, -1)).toBe('2026-11-30');
    expect(nthWeekdayOfMonth(2026, 2, 6, -1)).toBe('2026-02-28');
    expect(weekdayOf('2026-09-14')).toBe(1);
    expect(() => nthWeekdayOfMonth(2026, 2, 1, 5)).toThrow(RangeError);
  });

  it('R-REC-5: business days skip weekends', () => {
    expect(addBusinessDays('2028-06-30', 10)).toBe('2028-07-14'); // Fri + 10 business days
    expect(addBusinessDays('2028-07-01', 1)).toBe('2028-07-03'); // Sat → Mon
  });
});

describe('time zones', () => {
  it('R-SES-1: 5:30 pm Pacific is UTC−8 after the November DST change (PST)', () => {
    expect(iso(zonedInstant('2025-11-10', '17:30', LA))).toBe('2025-11-11T01:30:00.000Z');
    expect(iso(zonedInstant('2026-11-09', '17:30', LA))).toBe('2026-11-10T01:30:00.000Z');
  });

  it('R-SES-1: 5:30 pm Pacific is UTC−7 in October and in March after DST starts (PDT)', () => {
    expect(iso(zonedInstant('2025-10-13', '17:30', LA))).toBe('2025-10-14T00:30:00.000Z');
    expect(iso(zonedInstant('2026-03-09', '17:30', LA))).toBe('2026-03-10T00:30:00.000Z'); // DST began Mar 8 2026
    expect(iso(zonedInstant('2027-03-08', '17:30', LA))).toBe('2027-03-09T01:30:00.000Z'); // DST begins Mar 14 2027: still PST
  });

  it('R-SES-1: skipped and repeated wall times resolve like Temporal "compatible"', () => {
    // 02:30 does not exist on 2026-03-08 in Los Angeles: read as 03:30 PDT.
    expect(iso(zonedInstant('2026-03-08', '02:30', LA))).toBe('2026-03-08T10:30:00.000Z');
    // 01:30 happens twice on 2026-11-01: the first (PDT) is taken.
    expect(iso(zonedInstant('2026-11-01', '01:30', LA))).toBe('2026-11-01T08:30:00.000Z');
    expect(iso(zonedInstant('2026-07-01', '09:00', 'Australia/Lord_Howe'))).toBe('2026-06-30T22:30:00.000Z'); // half-hour zone
    expect(iso(zonedInstant('2026-07-01', '09:00', 'UTC'))).toBe('2026-07-01T09:00:00.000Z');
  });

  it('R-SES-1: local date and time of an instant in the program zone', () => {
    expect(localDateOf(utc('2026-11-10T01:30:00Z'), LA)).toBe('2026-11-09');
    expect(localTimeOf(utc('2026-11-10T01:30:00Z'), LA)).toBe('17:30');
    expect(localDateOf(utc('2026-11-10T08:00:00Z'), LA)).toBe('2026-11-10');
  });

  it('R-ONB-1: a deadline date is met until 23:59:59.999 local time', () => {
    const end = endOfDayInstant('2026-07-31', LA);
    expect(iso(end)).toBe('2026-08-01T06:59:59.999Z');
    expect(localDateOf(end, LA)).toBe('2026-07-31');
    expect(localDateOf(end + 1, LA)).toBe('2026-08-01');
    // A 25-hour day: the deadline day of the fall-back change still ends at local midnight.
    expect(iso(endOfDayInstant('2026-11-01', LA))).toBe('2026-11-02T07:59:59.999Z');
  });

  it('R-INT-2: shifting an instant by months keeps its wall-clock time across DST', () => {
    const session = zonedInstant('2026-10-12', '17:30', LA); // PDT
    const moved = addMonthsToInstant(session, 1, LA); // Nov 12: PST
    expect(iso(moved)).toBe('2026-11-13T01:30:00.000Z');
    expect(iso(addMonthsToInstant(endOfDayInstant('2027-01-31', LA), 1, LA))).toBe(
      iso(endOfDayInstant('2027-02-28', LA)),
    );
  });
});
