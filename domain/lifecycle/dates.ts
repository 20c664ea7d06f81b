// The candidate's key dates as of now: computed from the three anchor dates and the policy, then
// moved by every deferral or extension in order (R-INT-2, R-EXT-1). Before admission the
// enrollment date is not known; the cohort start stands in for it (only admission-phase deadlines
// are used then).
import { computeKeyDates, type TKeyDates } from '../calendar/deadlines';
import { shiftKeyDates } from '../calendar/deferral';
import type { TProgramPolicy } from '../policy/policy';
import type { TCandidateState } from './state';

// The calendar is recomputed from the same few inputs many times per workflow task (risk, planner,
// status, search attributes); a small cache of this pure function's results keeps that cheap.
// Deterministic: the result depends only on the key. Results are never mutated (shifts copy).
const CACHE_LIMIT = 256;
const cache = new WeakMap<TProgramPolicy, Map<string, { keyDates: TKeyDates }>>();

export function computeLifecycleDates(state: TCandidateState, policy: TProgramPolicy): { keyDates: TKeyDates } {
  const key = `${state.workingDayShifts === false ? 'w0|' : ''}${state.weekendDeadlines === true ? 'wd|' : ''}${state.start.assignmentStart}|${state.enrolledOn ?? ''}|${state.start.cohortStart}|${state.shifts.map((s) => `${s.kind}:${s.from}:${s.months}`).join(',')}`;
  let forPolicy = cache.get(policy);
  if (!forPolicy) cache.set(policy, (forPolicy = new Map()));
  const hit = forPolicy.get(key);
  if (hit) return hit;
  if (forPolicy.size >= CACHE_LIMIT) forPolicy.clear();
  const result = computeUncached(state, policy);
  forPolicy.set(key, result);
  return result;
}

function computeUncached(state: TCandidateState, policy: TProgramPolicy): { keyDates: TKeyDates } {
  const base = computeKeyDates(
    {
      assignmentStart: state.start.assignmentStart,
      enrolledOn: state.enrolledOn ?? state.start.cohortStart,
      cohortStart: state.start.cohortStart,
    },
    policy,
    // R-TIME-2: computed deadlines on working days, for runs that took patch 'reminders-2026-12'.
    { weekendDeadlines: state.weekendDeadlines === true },
  );
  // R-TIME-2: shifted dates fall on working days, unless the run predates the rule (patch 'working-days').
  const keyDates = state.shifts.reduce(
    (kd, s) => shiftKeyDates(kd, s.months, s.from, s.kind, state.workingDayShifts !== false),
    base,
  );
  return { keyDates };
}
