// Program-year boundaries. The handbook runs a program year from the fall start to June (R-ADM-4)
// but gives no dates, so: year 1 runs from the cohort start to the first June 30 after it; year 2
// from the next Aug 1 to the June 30 after that (both month/days are policy settings). Every
// "month M of program year Y" in the policy is resolved against these spans.
import { z } from 'zod';
import { ZLocalDate, compareDates, dateParts, daysInMonth, makeDate, type TLocalDate } from './dates';
import type { TMonthDay } from '../policy/fields';
import type { TProgramPolicy } from '../policy/policy';

export const ZYearSpan = z.strictObject({ start: ZLocalDate, end: ZLocalDate });
export type TYearSpan = z.infer<typeof ZYearSpan>;

export const ZProgramYearSpans = z.strictObject({ year1: ZYearSpan, year2: ZYearSpan });
export type TProgramYearSpans = z.infer<typeof ZProgramYearSpans>;

export type TProgramYearNumber = 1 | 2;

function clampedDate(year: number, md: TMonthDay): TLocalDate {
  return makeDate(year, md.month, Math.min(md.day, daysInMonth(year, md.month)));
}

/** The first date strictly after `d` that falls on the given month/day. */
export function nextMonthDayAfter(d: TLocalDate, md: TMonthDay): TLocalDate {
  const { year } = dateParts(d);
  const sameYear = clampedDate(year, md);
  return compareDates(sameYear, d) > 0 ? sameYear : clampedDate(year + 1, md);
}

export function programYearSpans(cohortStart: TLocalDate, policy: TProgramPolicy): TProgramYearSpans {
  const { yearEnd, year2Start } = policy.programYears;
  const year1End = nextMonthDayAfter(cohortStart, yearEnd);
  const year2Begin = nextMonthDayAfter(year1End, year2Start);
  return {
    year1: { start: cohortStart, end: year1End },
    year2: { start: year2Begin, end: nextMonthDayAfter(year2Begin, yearEnd) },
  };
}

export function spanOf(spans: TProgramYearSpans, year: TProgramYearNumber): TYearSpan {
  return year === 1 ? spans.year1 : spans.year2;
}

/**
 * Month `month` of a program year: the one in the span's start year when it is on or after the
 * start month (Sep of a year starting in Aug), otherwise the next calendar year (Jan–Jul).
 */
export function calendarYearOfMonth(span: TYearSpan, month: number): number {
  const start = dateParts(span.start);
  return month >= start.month ? start.year : start.year + 1;
}

/** A month/day inside a program year; days past the month's end clamp (Feb 30 → Feb 28/29). */
export function dateInProgramYear(span: TYearSpan, md: TMonthDay): TLocalDate {
  return clampedDate(calendarYearOfMonth(span, md.month), md);
}

export function firstOfMonthIn(span: TYearSpan, month: number): TLocalDate {
  return dateInProgramYear(span, { month, day: 1 });
}

export function lastOfMonthIn(span: TYearSpan, month: number): TLocalDate {
  return dateInProgramYear(span, { month, day: 31 });
}

/**
 * Which program year a dated activity counts toward. Everything before year 2 starts — including
 * pre-cohort coaching (R-ADM-1 self-assessment) and the July gap — counts toward year 1, so summer
 * hours can still close a year-1 shortfall; everything from year 2's start on counts toward year 2.
 */
export function programYearOf(date: TLocalDate, spans: TProgramYearSpans): TProgramYearNumber {
  return compareDates(date, spans.year2.start) < 0 ? 1 : 2;
}
