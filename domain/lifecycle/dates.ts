// The candidate's key dates as of now: computed from the three anchor dates and the policy, then
// moved by every deferral or extension in order (R-INT-2, R-EXT-1). Before admission the
// enrollment date is not known; the cohort start stands in for it (only admission-phase deadlines
// are used then).
import { computeKeyDates, type TKeyDates } from '../deadlines';
import { shiftKeyDates } from '../deferral';
import type { TProgramPolicy } from '../policy';
import type { TCandidateState } from './state';

export function computeLifecycleDates(state: TCandidateState, policy: TProgramPolicy): { keyDates: TKeyDates } {
  const base = computeKeyDates(
    { assignmentStart: state.start.assignmentStart, enrolledOn: state.enrolledOn ?? state.start.cohortStart, cohortStart: state.start.cohortStart },
    policy,
  );
  const keyDates = state.shifts.reduce((kd, s) => shiftKeyDates(kd, s.months, s.from, s.kind), base);
  return { keyDates };
}
