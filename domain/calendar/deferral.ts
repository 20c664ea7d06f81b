// R-INT-2 / R-EXT-1: a deferral (≤ policy months, at no cost) or a one-year extension moves every
// later obligation by whole calendar months. Dates before the shift stay put — they are history —
// and instants keep their local wall-clock time, so a 5:30 pm session is still 5:30 pm after
// crossing a DST change.
import {
  addDays,
  addMonths,
  addMonthsToInstant,
  compareDates,
  daysBetween,
  localDateOf,
  localTimeOf,
  maxDate,
  minDate,
  nextWorkday,
  zonedInstant,
  type TLocalDate,
} from './dates';
import type { TDateWindow, TKeyDates, TKeyDateShift } from './deadlines';
import type { TProgramPolicy } from '../policy/policy';

// The working-day helpers live with the other date math; re-exported for existing callers.
export { nextWorkday, previousWorkday } from './dates';

/** Moves every date and instant on or after `from` by `months` calendar months (day clamped to month end). */
export function shiftKeyDates(
  keyDates: TKeyDates,
  months: number,
  from: TLocalDate,
  kind: TKeyDateShift['kind'] = 'deferral',
  workingDays = false,
): TKeyDates {
  const tz = keyDates.timeZone;
  // R-TIME-2: a date the shift lands on a Saturday or Sunday moves to the Monday after.
  const workday = (d: TLocalDate) => (workingDays ? nextWorkday(d) : d);
  const date = (d: TLocalDate) => (compareDates(d, from) >= 0 ? workday(addMonths(d, months)) : d);
  const instant = (ms: number) => {
    if (compareDates(localDateOf(ms, tz), from) < 0) return ms;
    const moved = addMonthsToInstant(ms, months, tz);
    const day = localDateOf(moved, tz);
    const onWorkday = workday(day);
    return onWorkday === day ? moved : zonedInstant(onWorkday, localTimeOf(moved, tz), tz);
  };
  // R-EXT-2: an extension reopens a window still open when it is granted (its opening moves too), so
  // the completion review begun in June waits for the extended June, not a date already past.
  const window = (w: TDateWindow): TDateWindow =>
    kind === 'extension' && compareDates(w.due, from) >= 0
      ? { opens: workday(addMonths(w.opens, months)), due: workday(addMonths(w.due, months)) }
      : { opens: date(w.opens), due: date(w.due) };
  const { year1, year2 } = keyDates.programYears;
  const a = keyDates.assessments;
  return {
    ...keyDates,
    programYears: {
      year1: { start: date(year1.start), end: date(year1.end) },
      year2: { start: date(year2.start), end: date(year2.end) },
    },
    admissionDue: date(keyDates.admissionDue),
    enrollmentDue: date(keyDates.enrollmentDue),
    refundWindowEnds: date(keyDates.refundWindowEnds),
    coachMatchDue: date(keyDates.coachMatchDue),
    orientationDue: date(keyDates.orientationDue),
    iip: {
      year1: { startBy: date(keyDates.iip.year1.startBy), draftDue: date(keyDates.iip.year1.draftDue) },
      year2: { startBy: date(keyDates.iip.year2.startBy), draftDue: date(keyDates.iip.year2.draftDue) },
    },
    assessments: {
      pre: window(a.pre),
      endYear1: window(a.endYear1),
      startYear2: window(a.startYear2),
      endYear2: window(a.endYear2),
    },
    sessions: keyDates.sessions.map((s) => ({
      ...s,
      date: date(s.date),
      startsAt: instant(s.startsAt),
      endsAt: instant(s.endsAt),
      assignmentDue: date(s.assignmentDue),
      assignmentDueAt: instant(s.assignmentDueAt),
    })),
    workshops: keyDates.workshops.map((w) => ({
      ...w,
      date: date(w.date),
      startsAt: instant(w.startsAt),
      endsAt: instant(w.endsAt),
    })),
    portfolioReview: window(keyDates.portfolioReview),
    portfolioPresentation: window(keyDates.portfolioPresentation),
    recommendationTarget: window(keyDates.recommendationTarget),
    milestones: keyDates.milestones.map((m) => ({ ...m, due: date(m.due) })),
    shifts: [...keyDates.shifts, { from, months, kind }],
  };
}

export function deferredMonthsUsed(keyDates: TKeyDates): number {
  return keyDates.shifts.filter((s) => s.kind === 'deferral').reduce((sum, s) => sum + s.months, 0);
}

/** R-INT-2: why a deferral of `months` may not be granted, or undefined when it may. */
export function deferralProblem(keyDates: TKeyDates, months: number, policy: TProgramPolicy): string | undefined {
  const max = policy.deadlines.maxDeferralMonths;
  if (!Number.isInteger(months) || months < 1) return 'a deferral is a whole number of months, at least 1';
  const used = deferredMonthsUsed(keyDates);
  if (used + months > max) return `deferrals total at most ${max} months (${used} already used, ${months} requested)`;
  return undefined;
}

/** R-EXT-1: why the one-year extension may not be granted, or undefined when it may. */
export function extensionProblem(keyDates: TKeyDates): string | undefined {
  return keyDates.shifts.some((s) => s.kind === 'extension')
    ? 'the one-year extension has already been granted'
    : undefined;
}

/** The deferral the candidate is in on `today` (its first day counts, the day it ends does not). */
export function activeDeferral(
  shifts: readonly TKeyDateShift[],
  today: TLocalDate,
): { from: TLocalDate; until: TLocalDate } | undefined {
  for (const s of shifts) {
    if (s.kind !== 'deferral') continue;
    const until = addMonths(s.from, s.months);
    if (compareDates(today, s.from) >= 0 && compareDates(today, until) < 0) return { from: s.from, until };
  }
  return undefined;
}

/** Whether any deferral had begun by `today`: only then does pace or risk reckon with one. */
export function hasDeferralBy(shifts: readonly TKeyDateShift[], today: TLocalDate): boolean {
  return shifts.some((s) => s.kind === 'deferral' && compareDates(s.from, today) <= 0);
}

/**
 * R-INT-2 / R-HRS-3: the day the hours pace reckons with — `today` less the deferred days since
 * `yearStart`, so the months of a deferral do not count as time the candidate should have been
 * logging hours. (The year's end moves by the same months, see shiftKeyDates.)
 */
export function paceDate(shifts: readonly TKeyDateShift[], yearStart: TLocalDate, today: TLocalDate): TLocalDate {
  let paused = 0;
  for (const s of shifts) {
    if (s.kind !== 'deferral') continue;
    const from = maxDate(s.from, yearStart);
    const until = minDate(addMonths(s.from, s.months), today);
    if (compareDates(from, until) < 0) paused += daysBetween(from, until);
  }
  return addDays(today, -paused);
}
