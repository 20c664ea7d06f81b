// The candidate's search attributes as plain values (no person in them); the workflow turns them
// into typed pairs and upserts them only when they change.
import { dateParts, endOfDayInstant } from '../calendar/dates';
import type { TProgramPolicy } from '../policy/policy';
import { computeLifecycleDates } from './dates';
import type { TLinks } from './input';
import { openObligations } from './obligations';
import { type TCandidateState, type TFlag } from './state';
import type { TLifecycleAttributes } from './core-types';
import { todayOf } from './core-types';

/**
 * Kinds that are dates in the calendar, not deadlines: a session or workshop leaves the open
 * obligations the day after it and escalates to nobody. Counted as the next deadline (before patch
 * 'deadlines-owed'), one made the candidate look overdue (`CascNextDeadline < now`) from that
 * midnight until the next wake — days, for a workshop's first date — and upserted once more.
 */
export const CALENDAR_KINDS: readonly string[] = ['cpselSession', 'workshop'];

/**
 * The search attributes both ways, from one pass over the open obligations: `all` counts the
 * calendar's dates as deadlines (runs before patch 'deadlines-owed'), `owed` only what stays owed
 * once its day passes. `links` only lets the planner's own obligations be reused; due dates do not
 * depend on them.
 */
export function searchAttributeReadings(
  record: TCandidateState,
  policy: TProgramPolicy,
  nowMs: number,
  links: TLinks = { portalUrl: '' },
): { all: TLifecycleAttributes; owed: TLifecycleAttributes } {
  const flags = (Object.keys(record.flags) as TFlag[]).filter((f) => record.flags[f]);
  const { keyDates } = computeLifecycleDates(record, policy);
  // The monthly coaching check (R-HRS-1) is a cadence, not a deadline a PA filters on: counting it would upsert every month.
  const due = openObligations(record, policy, keyDates, links, todayOf(nowMs, policy)).filter(
    (o) => o.kind !== 'coachingCadence',
  );
  const earliest = (dates: string[]) => {
    const next = dates.sort()[0];
    return next ? endOfDayInstant(next, policy.timeZone) : null;
  };
  const common = {
    program: record.start.programId,
    cohortYear: dateParts(record.start.cohortStart).year,
    phase: record.phase,
    flags,
  };
  return {
    all: { ...common, nextDeadline: earliest(due.map((o) => o.due)) },
    owed: { ...common, nextDeadline: earliest(due.filter((o) => !CALENDAR_KINDS.includes(o.kind)).map((o) => o.due)) },
  };
}

/** One reading of {@link searchAttributeReadings}: 'all' (the default) or 'owed'. */
export function searchAttributeValues(
  record: TCandidateState,
  policy: TProgramPolicy,
  nowMs: number,
  links: TLinks = { portalUrl: '' },
  deadlines: 'all' | 'owed' = 'all',
): TLifecycleAttributes {
  return searchAttributeReadings(record, policy, nowMs, links)[deadlines];
}
