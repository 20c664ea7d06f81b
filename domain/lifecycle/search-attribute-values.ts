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

/** `links` only lets the planner's own obligations be reused; due dates do not depend on them. */
export function searchAttributeValues(
  record: TCandidateState,
  policy: TProgramPolicy,
  nowMs: number,
  links: TLinks = { portalUrl: '' },
): TLifecycleAttributes {
  const flags = (Object.keys(record.flags) as TFlag[]).filter((f) => record.flags[f]);
  const { keyDates } = computeLifecycleDates(record, policy);
  // The monthly coaching check (R-HRS-1) is a cadence, not a deadline a PA filters on: counting it would upsert every month.
  const next = openObligations(record, policy, keyDates, links, todayOf(nowMs, policy))
    .filter((o) => o.kind !== 'coachingCadence')
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
