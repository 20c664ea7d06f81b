// R-TIME-2: dates a program sets fall on working days — a deferral or extension that moves one onto
// a weekend moves it to the Monday after — and invitations carry the program's time zone.
import { describe, expect, it } from 'vitest';
import { localDateOf, localTimeOf, weekdayOf } from '../../domain/calendar/dates';
import { computeKeyDates } from '../../domain/calendar/deadlines';
import { nextWorkday, shiftKeyDates } from '../../domain/calendar/deferral';
import { getBuiltinPolicy, ZProgramPolicy } from '../../domain/policy/policy';
import { renderTemplate } from '../../domain/notifications';
import { computeLifecycleDates } from '../../domain/lifecycle/dates';
import { openObligations } from '../../domain/lifecycle/obligations';
import { initialState, type TCandidateState } from '../../domain/lifecycle/state';
import { jamal } from '../support/fixtures';

const rossier = getBuiltinPolicy('rossier');
const TZ = 'America/Los_Angeles';
// Dev (test/replay/scenarios/deferral.json): enrolled before the Aug 3, 2026 cohort start, deferred three months on Aug 28.
const base = computeKeyDates(
  { assignmentStart: '2026-07-01', enrolledOn: '2026-07-15', cohortStart: '2026-08-03' },
  rossier,
);
const weekend = (d: string) => weekdayOf(d) === 0 || weekdayOf(d) === 6;

describe('R-TIME-2: working days', () => {
  it('R-TIME-2: nextWorkday keeps a weekday and moves Saturday and Sunday to Monday', () => {
    expect(['2026-11-13', '2026-11-14', '2026-11-15', '2026-11-16'].map(nextWorkday)).toEqual([
      '2026-11-13',
      '2026-11-16',
      '2026-11-16',
      '2026-11-16',
    ]);
  });

  it('R-TIME-2: after a three-month deferral from Aug 28 the sessions that would fall on Sunday Apr 11 and Saturday May 8, 2027 are on Monday Apr 12 and May 10, still 5:30–7:30 pm', () => {
    const before = shiftKeyDates(base, 3, '2026-08-28', 'deferral');
    const after = shiftKeyDates(base, 3, '2026-08-28', 'deferral', true);
    const year1 = (k: typeof base) => k.sessions.filter((s) => s.programYear === 1);
    // The defect: a plain month shift keeps the day of the month, whatever weekday that is.
    expect(year1(before).map((s) => s.date)).toEqual([
      '2026-12-14',
      '2027-01-12',
      '2027-02-09',
      '2027-04-11',
      '2027-05-08',
      '2027-06-08',
      '2027-07-12',
    ]);
    expect(
      year1(before)
        .filter((s) => weekend(s.date))
        .map((s) => s.date),
    ).toEqual(['2027-04-11', '2027-05-08']);
    expect(year1(after).map((s) => s.date)).toEqual([
      '2026-12-14',
      '2027-01-12',
      '2027-02-09',
      '2027-04-12',
      '2027-05-10',
      '2027-06-08',
      '2027-07-12',
    ]);
    for (const s of year1(after)) {
      expect(localDateOf(s.startsAt, TZ)).toBe(s.date);
      expect(localTimeOf(s.startsAt, TZ)).toBe('17:30');
      expect(localTimeOf(s.endsAt, TZ)).toBe('19:30');
    }
    const allDates = [
      ...after.sessions.map((s) => s.date),
      ...after.sessions.map((s) => s.assignmentDue),
      after.iip.year1.startBy,
      after.iip.year1.draftDue,
      after.portfolioReview.due,
      after.portfolioPresentation.due,
      after.recommendationTarget.due,
    ];
    expect(allDates.filter((d) => d >= '2026-08-28' && weekend(d))).toEqual([]);
  });

  it('R-TIME-2: the workflow record uses working days unless the run predates the rule (workingDayShifts false)', () => {
    const s: TCandidateState = {
      ...initialState(jamal({ assignmentStart: '2026-07-01', enrolledOn: '2026-07-15' })),
      phase: 'year1',
      shifts: [{ from: '2026-08-28', months: 3, kind: 'deferral' }],
    };
    const dates = (x: TCandidateState) =>
      computeLifecycleDates(x, rossier)
        .keyDates.sessions.filter((q) => q.programYear === 1)
        .map((q) => q.date);
    expect(dates(s)).toContain('2027-04-12');
    expect(dates({ ...s, workingDayShifts: false })).toContain('2027-04-11');
  });

  it('R-TIME-2: a program in another time zone sends session invitations in its zone, with that VTIMEZONE', () => {
    const chicago = ZProgramPolicy.parse({ id: 'midwest', name: 'Midwest CASC', timeZone: 'America/Chicago' });
    const s: TCandidateState = {
      ...initialState(jamal({ programId: 'midwest', policyId: 'midwest', enrolledOn: '2026-07-15' })),
      phase: 'year1',
    };
    const { keyDates } = computeLifecycleDates(s, chicago);
    const reminder = openObligations(s, chicago, keyDates, { portalUrl: 'https://casc.example.edu' }, '2026-11-06')
      .flatMap((o) => o.reminders(1))
      .find((m) => m.template === 'cpselSession.reminder.candidate')!;
    const email = renderTemplate(reminder.template, reminder.data as never);
    expect(email.subject).toBe('CPSEL session: CPSEL session 3, Monday, November 9, 2026 at 5:30 PM CST');
    const ics = email.attachments![0]!.content;
    expect(ics).toContain('DTSTART;TZID=America/Chicago:20261109T173000');
    expect(ics).toContain('TZID:America/Chicago');
    expect(ics).toContain('BEGIN:STANDARD\r\nTZOFFSETFROM:-0500\r\nTZOFFSETTO:-0600\r\nDTSTART:20261101T020000');
    expect(ics).not.toContain('America/Los_Angeles');
  });
});
