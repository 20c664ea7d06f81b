import { describe, it, expect } from 'vitest';
import { computeKeyDates } from '../../domain/calendar/deadlines';
import { localDateOf, localTimeOf, weekdayOf } from '../../domain/calendar/dates';
import { ctcStandard, parsePolicy, rossier } from '../../domain/policy/policy';
import { candidate2026, iso } from './fixtures';

const LA = 'America/Los_Angeles';
const kd = computeKeyDates(candidate2026, rossier);

describe('CPSEL sessions (R-SES-1)', () => {
  it('R-SES-1: seven sessions a year on the 2nd Monday of Sep, Oct, Nov, Jan, Feb, Mar, Apr', () => {
    expect(kd.sessions.map((s) => s.date)).toEqual([
      '2026-09-14',
      '2026-10-12',
      '2026-11-09',
      '2027-01-11',
      '2027-02-08',
      '2027-03-08',
      '2027-04-12',
      '2027-09-13',
      '2027-10-11',
      '2027-11-08',
      '2028-01-10',
      '2028-02-14',
      '2028-03-13',
      '2028-04-10',
    ]);
    expect(kd.sessions.map((s) => s.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14]);
    expect(kd.sessions.filter((s) => s.programYear === 2)).toHaveLength(7);
    expect(kd.sessions.every((s) => weekdayOf(s.date) === 1)).toBe(true);
    expect(kd.sessions[0]?.title).toBe('CASC 00: Coaching and Induction');
  });

  it('R-SES-1: sessions run 5:30–7:30 pm Pacific — UTC−7 in October, UTC−8 after the November change', () => {
    const [sep, oct, nov] = kd.sessions;
    expect(iso(oct!.startsAt)).toBe('2026-10-13T00:30:00.000Z');
    expect(iso(oct!.endsAt)).toBe('2026-10-13T02:30:00.000Z');
    expect(iso(nov!.startsAt)).toBe('2026-11-10T01:30:00.000Z');
    expect(iso(nov!.endsAt)).toBe('2026-11-10T03:30:00.000Z');
    expect(iso(sep!.startsAt)).toBe('2026-09-15T00:30:00.000Z');
    for (const s of kd.sessions) {
      expect(localTimeOf(s.startsAt, LA)).toBe('17:30');
      expect(localTimeOf(s.endsAt, LA)).toBe('19:30');
      expect(localDateOf(s.startsAt, LA)).toBe(s.date);
    }
  });

  it('R-SES-1: a March session after the DST start is 5:30 pm PDT (UTC−7); before it, PST', () => {
    const cohort2025 = computeKeyDates(
      { assignmentStart: '2025-06-02', enrolledOn: '2025-06-20', cohortStart: '2025-08-04' },
      rossier,
    );
    const march2026 = cohort2025.sessions.find((s) => s.date === '2026-03-09'); // DST began Sunday 2026-03-08
    expect(iso(march2026!.startsAt)).toBe('2026-03-10T00:30:00.000Z');
    const nov2025 = cohort2025.sessions.find((s) => s.date === '2025-11-10'); // DST ended 2025-11-02
    expect(iso(nov2025!.startsAt)).toBe('2025-11-11T01:30:00.000Z');
    const march2027 = kd.sessions.find((s) => s.date === '2027-03-08'); // DST begins 2027-03-14
    expect(iso(march2027!.startsAt)).toBe('2027-03-09T01:30:00.000Z');
  });

  it('R-SES-1: the assignment is due 7 days after each session, on time until 23:59:59.999 Pacific', () => {
    const nov = kd.sessions[2]!;
    expect(nov.assignmentDue).toBe('2026-11-16');
    expect(iso(nov.assignmentDueAt)).toBe('2026-11-17T07:59:59.999Z');
    const oct = kd.sessions[1]!;
    expect(iso(oct.assignmentDueAt)).toBe('2026-10-20T06:59:59.999Z');
  });

  it('R-SES-1: a program without a session calendar gets no sessions', () => {
    expect(computeKeyDates(candidate2026, ctcStandard).sessions).toEqual([]);
  });

  it('R-SES-1: sessions follow the policy time zone', () => {
    const eastern = parsePolicy({ id: 'east', name: 'East', timeZone: 'America/New_York' });
    const first = computeKeyDates(candidate2026, eastern).sessions[0]!;
    expect(iso(first.startsAt)).toBe('2026-09-14T21:30:00.000Z');
  });
});

describe('job-aligned workshops (R-SES-2)', () => {
  it('R-SES-2: six topics, two 90-minute parts each year, in the handbook months', () => {
    expect(kd.workshops).toHaveLength(24);
    const personnel = kd.workshops.filter((w) => w.topicId === 'personnel');
    expect(personnel.map((w) => [w.programYear, w.part, w.date])).toEqual([
      [1, 'A', '2026-12-09'],
      [1, 'B', '2026-12-16'],
      [2, 'C', '2027-09-08'],
      [2, 'D', '2027-09-15'],
    ]);
    const months = (year: 1 | 2) => [
      ...new Set(kd.workshops.filter((w) => w.programYear === year).map((w) => Number(w.date.slice(5, 7)))),
    ];
    expect(months(1)).toEqual([12, 1, 2, 3, 4, 5]);
    expect(months(2)).toEqual([9, 10, 11, 1, 2, 3]);
    for (const w of kd.workshops) {
      expect(w.endsAt - w.startsAt).toBe(90 * 60_000);
      expect(weekdayOf(w.date)).toBe(3);
      expect(localTimeOf(w.startsAt, LA)).toBe('17:30');
    }
    expect(kd.workshops.map((w) => w.date)).toEqual([...kd.workshops.map((w) => w.date)].sort());
  });

  it('R-SES-2: each topic gives 3 hours a year, 18 hours of job-aligned workshops in all', () => {
    const minutes = kd.workshops
      .filter((w) => w.programYear === 1)
      .reduce((sum, w) => sum + (w.endsAt - w.startsAt) / 60_000, 0);
    expect(minutes / 60).toBe(rossier.hours.learningCategories.jobAligned);
  });
});
