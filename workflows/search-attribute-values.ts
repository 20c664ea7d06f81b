// Search attribute values for a candidate: program, cohort year, phase, flags, next deadline.
// Nothing here identifies a person.
import type { SearchAttributePair, TypedSearchAttributes } from '@temporalio/common';
import { TypedSearchAttributes as TSA } from '@temporalio/common';
import type { TCandidateStart } from '../domain/lifecycle/candidate';
import { dateParts } from '../domain/calendar/dates';
import type { TLifecycleAttributes } from '../domain/lifecycle/core';
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

/** The core's plain values as typed pairs (domain/lifecycle/core.ts decides them and when they change). */
export function searchAttributePairs(values: TLifecycleAttributes): SearchAttributePair[] {
  return [
    { key: SA_PROGRAM, value: values.program },
    { key: SA_COHORT_YEAR, value: values.cohortYear },
    { key: SA_PHASE, value: values.phase },
    { key: SA_FLAGS, value: values.flags },
    { key: SA_NEXT_DEADLINE, value: values.nextDeadline === null ? null : new Date(values.nextDeadline) },
  ] as SearchAttributePair[];
}
