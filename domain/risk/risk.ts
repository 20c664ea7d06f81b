// Who is falling behind, derived from the record at a moment: missing, late and subpar session
// assignments (R-SES-1, R-SES-3) for early warning (R-EW-1) and academic watch (R-AW-1), and hours
// pace (R-HRS-3). Pure, so the workflow can evaluate it on every wake and at every event — the
// moment a rule first holds, not at a nightly batch.
import { addDays, compareDates, daysBetween, endOfDayInstant, type TLocalDate } from '../calendar/dates';
import type { TKeyDates } from '../calendar/deadlines';
import type { TProgramPolicy } from '../policy/policy';
import { paceStatus, type TPaceModel } from '../lifecycle/hours';
import { owedFrom, type TCandidateState } from '../lifecycle/state';

export interface TAssignmentStanding {
  /** Sessions whose assignment is past due and not submitted (or submitted late without the instructor accepting it). */
  missing: number[];
  late: number[];
  subpar: number[];
}

export function assignmentStanding(state: TCandidateState, keyDates: TKeyDates, nowMs: number): TAssignmentStanding {
  const tz = keyDates.timeZone;
  const missing: number[] = [];
  // R-TIME-1: sessions held before the candidate enrolled are make-ups, not missing work.
  const from = owedFrom(state);
  const madeUp = (n: number) =>
    from !== undefined && keyDates.sessions.some((s) => s.number === n && compareDates(s.date, from) < 0);
  for (const s of keyDates.sessions) {
    if (endOfDayInstant(s.assignmentDue, tz) >= nowMs) continue;
    if (madeUp(s.number)) continue;
    const sub = state.assignments.find((a) => a.session === s.number);
    if (!sub || (sub.late && !sub.lateAccepted)) missing.push(s.number);
  }
  return {
    missing,
    late: state.assignments.filter((a) => a.late && !(from && madeUp(a.session))).map((a) => a.session),
    subpar: state.assignments.filter((a) => a.subpar).map((a) => a.session),
  };
}

/** R-EW-1: two or more missing, or subpar work → the candidate is warned, the PA copied. */
export function earlyWarningHolds(st: TAssignmentStanding, policy: TProgramPolicy): boolean {
  return st.missing.length >= policy.risk.earlyWarningMissing || st.subpar.length > 0;
}

/** R-AW-1: more than one missing, or habitually late → academic watch. */
export function academicWatchHolds(st: TAssignmentStanding, policy: TProgramPolicy): boolean {
  return st.missing.length >= policy.risk.academicWatchMissing || st.late.length >= policy.risk.habituallyLate;
}

/** The next moment an assignment deadline passes (the standing can only change then or at an event). */
export function nextAssignmentDeadlineAt(
  state: TCandidateState,
  keyDates: TKeyDates,
  nowMs: number,
): number | undefined {
  const times = keyDates.sessions
    .filter((s) => !state.assignments.some((a) => a.session === s.number))
    .map((s) => endOfDayInstant(s.assignmentDue, keyDates.timeZone) + 1)
    .filter((t) => t > nowMs);
  return times.length ? Math.min(...times) : undefined;
}

export type THoursKind = 'coaching' | 'learning';

/** Hours logged in the current program year, per kind. */
export function hoursThisYear(state: TCandidateState, year: 1 | 2, kind: THoursKind): number {
  const h = year === 1 ? state.hours.year1 : state.hours.year2;
  return kind === 'coaching' ? h.coaching : Object.values(h.learning).reduce((a, b) => a + b, 0);
}

/**
 * R-HRS-3: the first local date from `today` on which the candidate, logging nothing more, would be
 * "well behind". The workflow wakes then instead of checking daily.
 */
export function paceSlipDate(
  state: TCandidateState,
  keyDates: TKeyDates,
  policy: TProgramPolicy,
  today: TLocalDate,
  kind: THoursKind,
  model: TPaceModel = 'calendar',
): TLocalDate | undefined {
  const { year1, year2 } = keyDates.programYears;
  const year = compareDates(today, year2.start) >= 0 ? 2 : 1;
  const end = year === 1 ? year1.end : year2.end;
  const logged = hoursThisYear(state, year, kind);
  let byPolicy = slipMemo.get(keyDates);
  if (!byPolicy) slipMemo.set(keyDates, (byPolicy = new WeakMap()));
  let known = byPolicy.get(policy);
  if (!known) byPolicy.set(policy, (known = new Map()));
  const key = `${kind}|${model}|${today}|${logged}`;
  if (known.has(key)) return known.get(key);
  const slip = firstBehindDay(logged, keyDates, policy, today, end, kind, model);
  if (known.size >= REMEMBERED_SLIPS) known.clear();
  known.set(key, slip);
  return slip;
}

// The answer depends only on the hours logged, the day, the calendar and the policy; a candidate's
// decisions between two hour entries ask it again and again (issue #18). Calendars come from
// computeLifecycleDates' cache and are never mutated, so answers are remembered per calendar and
// policy object (bounded; a pure function of the key).
const REMEMBERED_SLIPS = 4_000;
const slipMemo = new WeakMap<TKeyDates, WeakMap<TProgramPolicy, Map<string, TLocalDate | undefined>>>();

function firstBehindDay(
  logged: number,
  keyDates: TKeyDates,
  policy: TProgramPolicy,
  today: TLocalDate,
  end: TLocalDate,
  kind: THoursKind,
  model: TPaceModel,
): TLocalDate | undefined {
  // Expected hours never fall as the year goes on, so "behind" switches on at most once: the first
  // day it holds is found by bisection (about 9 evaluations instead of one per day of the year).
  const days = Math.min(400, daysBetween(today, end) + 1);
  const behindOn = (i: number) => paceStatus(logged, addDays(today, i), keyDates, policy, kind, model).behind;
  if (days <= 0 || !behindOn(days - 1)) return undefined;
  let lo = 0;
  let hi = days - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (behindOn(mid)) hi = mid;
    else lo = mid + 1;
  }
  return addDays(today, lo);
}
