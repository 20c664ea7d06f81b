// Search attribute values for a candidate: program, cohort year, phase, flags, next deadline.
// Nothing here identifies a person.
import type { SearchAttributePair, TypedSearchAttributes } from '@temporalio/common';
import { TypedSearchAttributes as TSA } from '@temporalio/common';
import type { TCandidateStart } from '../domain/candidate';
import { dateParts, endOfDayInstant, localDateOf } from '../domain/dates';
import type { TProgramPolicy } from '../domain/policy';
import { computeLifecycleDates } from '../domain/lifecycle/dates';
import { openObligations } from '../domain/lifecycle/obligations';
import type { TCandidateState, TFlag } from '../domain/lifecycle/state';
import { SA_COHORT_YEAR, SA_FLAGS, SA_NEXT_DEADLINE, SA_PHASE, SA_PROGRAM } from './search-attributes';

export function initialSearchAttributes(start: TCandidateStart): TypedSearchAttributes {
  const pairs: SearchAttributePair[] = [
    { key: SA_PROGRAM, value: start.programId },
    { key: SA_COHORT_YEAR, value: dateParts(start.cohortStart).year },
    { key: SA_PHASE, value: start.enrolledOn ? 'enrolled' : 'applicant' },
    { key: SA_FLAGS, value: [] },
  ];
  return new TSA(pairs);
}

export function searchAttributesFor(state: TCandidateState, policy: TProgramPolicy, nowMs: number): SearchAttributePair[] {
  const flags = (Object.keys(state.flags) as TFlag[]).filter((f) => state.flags[f]);
  const { keyDates } = computeLifecycleDates(state, policy);
  const today = localDateOf(nowMs, policy.timeZone);
  const next = openObligations(state, policy, keyDates, { portalUrl: '' }, today)
    .map((o) => o.due)
    .sort()[0];
  return [
    { key: SA_PROGRAM, value: state.start.programId },
    { key: SA_COHORT_YEAR, value: dateParts(state.start.cohortStart).year },
    { key: SA_PHASE, value: state.phase },
    { key: SA_FLAGS, value: flags },
    { key: SA_NEXT_DEADLINE, value: next ? new Date(endOfDayInstant(next, policy.timeZone)) : null },
  ] as SearchAttributePair[];
}
