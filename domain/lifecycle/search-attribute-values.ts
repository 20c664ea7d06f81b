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
 * `links` only lets the planner's own obligations be reused; due dates do not depend on them.
 * `deadlines`: 'owed' counts only what stays owed once its day passes (patch 'deadlines-owed');
 * 'all' counts the calendar's dates too (runs before it).
 */
export function searchAttributeValues(
  record: TCandidateState,
  policy: TProgramPolicy,
  nowMs: number,
  links: TLinks = { portalUrl: '' },
  deadlines: 'all' | 'owed' = 'all',
): TLifecycleAttributes {
  const flags = (Object.keys(record.flags) as TFlag[]).filter((f) => record.flags[f]);
  const { keyDates } = computeLifecycleDates(record, policy);
  // The monthly coaching check (R-HRS-1) is a cadence, not a deadline a PA filters on: counting it would upsert every month.
  const next = openObligations(record, policy, keyDates, links, todayOf(nowMs, policy))
    .filter((o) => o.kind !== 'coachingCadence' && (deadlines === 'all' || !CALENDAR_KINDS.includes(o.kind)))
    .map((o) => o.due)
    .sort()[0];
  return {
    program: record.start.programId,
    cohortYear: dateParts(record.start.cohortStart).year,
    phase: record.phase,
    flags,
    nextDeadline: next ? endOfDayInstant(next, policy.timeZone) : null,
  };
}
