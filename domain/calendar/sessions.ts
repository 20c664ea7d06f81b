// The CPSEL session calendar (R-SES-1) and the job-aligned workshop calendar (R-SES-2), with exact
// start/end instants in the program's time zone so a workflow can sleep until them and an email can
// state the right local time on either side of a DST change.
import { z } from 'zod';
import { ZInstant, ZLocalDate, addDays, endOfDayInstant, nthWeekdayOfMonth, zonedInstant } from './dates';
import { ZProgramYear } from '../policy/fields';
import { calendarYearOfMonth, spanOf, type TProgramYearNumber, type TProgramYearSpans } from './program-year';
import type { TProgramPolicy } from '../policy/policy';

export const ZSession = z.strictObject({
  /** 1…7 in year 1, 8…14 in year 2, as the handbook numbers them. */
  number: z.int().min(1),
  programYear: ZProgramYear,
  title: z.string().optional(),
  date: ZLocalDate,
  startsAt: ZInstant,
  endsAt: ZInstant,
  /** R-SES-1 "an assignment is due after each": policy.sessions.assignmentDueDays after the session. */
  assignmentDue: ZLocalDate,
  assignmentDueAt: ZInstant,
});
export type TSession = z.infer<typeof ZSession>;

/**
 * How every message and screen names a session: the program's own title ("CASC 01: Developing a
 * Shared Vision") when it has one, else "CPSEL session 2". One name, so a reminder, an early warning
 * and the academic-watch evidence never disagree about which session they mean.
 */
export function sessionName(s: Pick<TSession, 'number' | 'title'>): string {
  return s.title ?? `CPSEL session ${s.number}`;
}

export const ZWorkshopPart = z.strictObject({
  topicId: z.string(),
  title: z.string(),
  programYear: ZProgramYear,
  /** A, B in year 1; C, D in year 2 (letters continue across years). */
  part: z.string().regex(/^[A-Z]$/),
  date: ZLocalDate,
  startsAt: ZInstant,
  endsAt: ZInstant,
});
export type TWorkshopPart = z.infer<typeof ZWorkshopPart>;

const YEARS: readonly TProgramYearNumber[] = [1, 2];

function byDate<T extends { date: string }>(a: T, b: T): number {
  return a.date < b.date ? -1 : a.date > b.date ? 1 : 0;
}

/** Every CPSEL session of both program years, in date order. */
export function sessionCalendar(spans: TProgramYearSpans, policy: TProgramPolicy): TSession[] {
  const { months, titles, weekday, nth, start, end, assignmentDueDays } = policy.sessions;
  const tz = policy.timeZone;
  const sessions: TSession[] = [];
  for (const programYear of YEARS) {
    const span = spanOf(spans, programYear);
    const year = months
      .map((month, i) => {
        const date = nthWeekdayOfMonth(calendarYearOfMonth(span, month), month, weekday, nth);
        const assignmentDue = addDays(date, assignmentDueDays);
        return {
          number: 0,
          programYear,
          ...(titles?.[i] !== undefined ? { title: titles[i] } : {}),
          date,
          startsAt: zonedInstant(date, start, tz),
          endsAt: zonedInstant(date, end, tz),
          assignmentDue,
          assignmentDueAt: endOfDayInstant(assignmentDue, tz),
        };
      })
      .sort(byDate);
    sessions.push(...year);
  }
  return sessions.map((s, i) => ({ ...s, number: i + 1 }));
}

/** Every job-aligned workshop part of both program years, in date order. */
export function workshopCalendar(spans: TProgramYearSpans, policy: TProgramPolicy): TWorkshopPart[] {
  const { topics, weekday, partNth, start, partMinutes } = policy.workshops;
  const parts: TWorkshopPart[] = [];
  for (const programYear of YEARS) {
    const span = spanOf(spans, programYear);
    for (const topic of topics) {
      const month = programYear === 1 ? topic.year1Month : topic.year2Month;
      partNth.forEach((n, i) => {
        const date = nthWeekdayOfMonth(calendarYearOfMonth(span, month), month, weekday, n);
        const startsAt = zonedInstant(date, start, policy.timeZone);
        parts.push({
          topicId: topic.id,
          title: topic.title,
          programYear,
          part: String.fromCharCode(65 + (programYear - 1) * partNth.length + i),
          date,
          startsAt,
          endsAt: startsAt + partMinutes * 60_000,
        });
      });
    }
  }
  return parts.sort(
    (a, b) => byDate(a, b) || a.startsAt - b.startsAt || (a.topicId < b.topicId ? -1 : a.topicId > b.topicId ? 1 : 0),
  );
}
