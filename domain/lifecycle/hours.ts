// Hour requirements (R-HRS-1, R-HRS-2) and pace (R-HRS-3). Requirements are per program year, so
// pace compares the hours logged in the current program year with what that year expects by now.
//
// Two models. 'linear' (the first one): a ramp from the year's start to policy.pace.hoursDueBy
// (May 31 by default), flat at the full requirement after that. It expected learning hours in
// August, before any session or workshop, and warned on-track candidates (8 notices over two years
// for the seed's Jamal). 'calendar' (patch 'pace-follows-calendar'): coaching keeps the ramp;
// learning follows the program's calendar — the CPSEL-session hours are expected a session at a
// time and the workshop hours a workshop part at a time, each once its assignment week has passed;
// the other categories ramp from the year's first session or workshop to hoursDueBy.
import { addDays, compareDates, daysBetween, minDate, type TLocalDate } from '../calendar/dates';
import { dateInProgramYear, programYearOf, spanOf, type TProgramYearNumber } from '../calendar/program-year';
import type { TKeyDates } from '../calendar/deadlines';
import type { TLearningCategory, TProgramPolicy } from '../policy/policy';

export type THoursKind = 'coaching' | 'learning';

export interface TRequiredHours {
  coaching: { perYear: number; total: number };
  learning: { perYear: number; total: number; categories: Partial<Record<TLearningCategory, number>> };
}

const PROGRAM_YEARS = 2;

export function requiredHours(policy: TProgramPolicy): TRequiredHours {
  const h = policy.hours;
  return {
    coaching: { perYear: h.coachingPerYear, total: h.coachingPerYear * PROGRAM_YEARS },
    learning: {
      perYear: h.learningPerYear,
      total: h.learningPerYear * PROGRAM_YEARS,
      categories: { ...h.learningCategories },
    },
  };
}

function perYear(policy: TProgramPolicy, kind: THoursKind): number {
  return kind === 'coaching' ? policy.hours.coachingPerYear : policy.hours.learningPerYear;
}

/** Fraction (0–1) of a year's hours that should be done by `date`, and which year that is. */
function expectedFraction(
  date: TLocalDate,
  keyDates: TKeyDates,
  policy: TProgramPolicy,
): { programYear: TProgramYearNumber; fraction: number; daysIn: number } {
  const programYear = programYearOf(date, keyDates.programYears);
  const span = spanOf(keyDates.programYears, programYear);
  const dueBy = minDate(dateInProgramYear(span, policy.pace.hoursDueBy), span.end);
  const daysIn = daysBetween(span.start, date);
  const length = daysBetween(span.start, dueBy);
  if (daysIn <= 0) return { programYear, fraction: 0, daysIn };
  if (length <= 0 || compareDates(date, dueBy) >= 0) return { programYear, fraction: 1, daysIn };
  return { programYear, fraction: daysIn / length, daysIn };
}

export type TPaceModel = 'linear' | 'calendar';

/** Days after a session or workshop by which its hours should be logged (the assignment week). */
const LOG_WITHIN_DAYS = 7;

/** R-HRS-3: hours of this kind the candidate should have logged in the current program year by `date`. */
export function expectedHoursByDate(
  date: TLocalDate,
  keyDates: TKeyDates,
  policy: TProgramPolicy,
  kind: THoursKind,
  model: TPaceModel = 'calendar',
): number {
  const round = (h: number) => Math.round(h * 100) / 100;
  if (model === 'linear' || kind === 'coaching')
    return round(perYear(policy, kind) * expectedFraction(date, keyDates, policy).fraction);
  const programYear = programYearOf(date, keyDates.programYears);
  const span = spanOf(keyDates.programYears, programYear);
  const sessions = keyDates.sessions.filter((x) => x.programYear === programYear);
  const workshops = keyDates.workshops.filter((x) => x.programYear === programYear);
  const cutoff = addDays(date, -LOG_WITHIN_DAYS);
  const logged = (d: TLocalDate) => compareDates(d, cutoff) <= 0;
  // A category is paced by its calendar only when the program schedules it; otherwise it ramps.
  const cpsel = sessions.length ? (policy.hours.learningCategories.cpselSession ?? 0) : 0;
  const jobAligned = workshops.length ? (policy.hours.learningCategories.jobAligned ?? 0) : 0;
  const scheduled =
    (cpsel * sessions.filter((x) => logged(x.date)).length) / Math.max(1, sessions.length) +
    (jobAligned * workshops.filter((x) => logged(x.date)).length) / Math.max(1, workshops.length);
  const rest = Math.max(0, policy.hours.learningPerYear - cpsel - jobAligned);
  const firstOffering = [...sessions, ...workshops].map((x) => x.date).sort(compareDates)[0] ?? span.start;
  const dueBy = minDate(dateInProgramYear(span, policy.pace.hoursDueBy), span.end);
  const length = daysBetween(firstOffering, dueBy);
  const fraction =
    compareDates(date, firstOffering) <= 0
      ? 0
      : length <= 0 || compareDates(date, dueBy) >= 0
        ? 1
        : daysBetween(firstOffering, date) / length;
  return round(scheduled + rest * fraction);
}

export interface TPaceStatus {
  programYear: TProgramYearNumber;
  expected: number;
  /** Below this many hours the candidate is "well behind" (R-HRS-3). */
  warnBelow: number;
  behind: boolean;
}

/** R-HRS-3: is the candidate well behind pace? Never in a year's first policy.pace.graceDays days. */
export function paceStatus(
  loggedThisYear: number,
  date: TLocalDate,
  keyDates: TKeyDates,
  policy: TProgramPolicy,
  kind: THoursKind,
  model: TPaceModel = 'calendar',
): TPaceStatus {
  const { programYear, daysIn, expected, warnBelow } = paceOn(date, keyDates, policy, kind, model);
  const behind = daysIn >= policy.pace.graceDays && loggedThisYear < warnBelow;
  return { programYear, expected, warnBelow, behind };
}

interface TPaceOn {
  programYear: TProgramYearNumber;
  daysIn: number;
  expected: number;
  warnBelow: number;
}

// What pace expects on a date depends only on the date, the calendar and the policy, and the risk
// checks ask it for the same dates at every decision of a candidate's two years (issue #18). The
// calendar objects come from computeLifecycleDates' cache and are never mutated, so the answers
// are remembered per calendar and policy object (bounded; a pure function of the key).
const REMEMBERED_PACE_DATES = 4_000;
const paceMemo = new WeakMap<TKeyDates, WeakMap<TProgramPolicy, Map<string, TPaceOn>>>();

function paceOn(
  date: TLocalDate,
  keyDates: TKeyDates,
  policy: TProgramPolicy,
  kind: THoursKind,
  model: TPaceModel,
): TPaceOn {
  let byPolicy = paceMemo.get(keyDates);
  if (!byPolicy) paceMemo.set(keyDates, (byPolicy = new WeakMap()));
  let known = byPolicy.get(policy);
  if (!known) byPolicy.set(policy, (known = new Map()));
  const key = `${kind}|${model}|${date}`;
  let pace = known.get(key);
  if (!pace) {
    const { programYear, daysIn } = expectedFraction(date, keyDates, policy);
    const expected = expectedHoursByDate(date, keyDates, policy, kind, model);
    const warnBelow = Math.round(expected * (1 - policy.pace.behindBy) * 100) / 100;
    pace = { programYear, daysIn, expected, warnBelow };
    if (known.size >= REMEMBERED_PACE_DATES) known.clear();
    known.set(key, pace);
  }
  return pace;
}

/** R-HRS-1 / R-HRS-2: the shortfall against the year's minimums (0 when met), per kind and category. */
export function hoursShortfall(
  logged: { coaching: number; learning: Partial<Record<TLearningCategory, number>> },
  policy: TProgramPolicy,
): { coaching: number; learning: number; categories: Partial<Record<TLearningCategory, number>> } {
  const learningTotal = Object.values(logged.learning).reduce<number>((a, b) => a + (b ?? 0), 0);
  const categories: Partial<Record<TLearningCategory, number>> = {};
  for (const [category, minimum] of Object.entries(policy.hours.learningCategories) as [
    TLearningCategory,
    number | undefined,
  ][]) {
    if (minimum !== undefined) categories[category] = Math.max(0, minimum - (logged.learning[category] ?? 0));
  }
  return {
    coaching: Math.max(0, policy.hours.coachingPerYear - logged.coaching),
    learning: Math.max(0, policy.hours.learningPerYear - learningTotal),
    categories,
  };
}
