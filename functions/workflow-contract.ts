// The candidate workflow's public contract as a client needs it: message definitions, search
// attribute keys and the values a new workflow starts with. Declared here by name instead of
// imported from workflows/, because those files pull in @temporalio/workflow and @temporalio/common
// at run time and the Lambda bundle may carry only @temporalio/client. The types still come from
// workflows/ (type-only imports are erased), and test/api/workflow-contract.test.ts proves that every
// name and value here equals its workflows/ original.
import type { SearchAttributePair } from '@temporalio/common';
import type { TCandidateStart } from '../domain/candidate';
import type { TPhase } from '../domain/lifecycle/state';
import type { recordEventUpdate as RecordEventUpdate, statusQuery as StatusQuery, tasksQuery as TasksQuery } from '../workflows/messages';
import type { watchEventUpdate as WatchEventUpdate } from '../workflows/watch-messages';
import type { recordRecommendationEventUpdate as RecommendationEventUpdate } from '../workflows/recommendation-messages';
import type {
  SA_COHORT_YEAR as SaCohortYear,
  SA_FLAGS as SaFlags,
  SA_NEXT_DEADLINE as SaNextDeadline,
  SA_PHASE as SaPhase,
  SA_PROGRAM as SaProgram,
} from '../workflows/search-attributes';

export const WORKFLOW_TYPE = 'candidateLifecycle';

export const recordEventUpdate = { type: 'update', name: 'recordEvent' } as typeof RecordEventUpdate;
export const statusQuery = { type: 'query', name: 'status' } as typeof StatusQuery;
export const tasksQuery = { type: 'query', name: 'tasks' } as typeof TasksQuery;

export const SA_PROGRAM = { name: 'CascProgram', type: 'KEYWORD' } as typeof SaProgram;
export const SA_COHORT_YEAR = { name: 'CascCohortYear', type: 'INT' } as typeof SaCohortYear;
export const SA_PHASE = { name: 'CascPhase', type: 'KEYWORD' } as typeof SaPhase;
export const SA_FLAGS = { name: 'CascFlags', type: 'KEYWORD_LIST' } as typeof SaFlags;
export const SA_NEXT_DEADLINE = { name: 'CascNextDeadline', type: 'DATETIME' } as typeof SaNextDeadline;

/** What a candidate's workflow is started with; the workflow publishes the rest on its first turn. */
export function initialSearchAttributes(start: TCandidateStart): SearchAttributePair[] {
  const phase: TPhase = start.enrolledOn ? 'enrolled' : 'applicant';
  return [
    { key: SA_PROGRAM, value: start.programId },
    { key: SA_COHORT_YEAR, value: Number(start.cohortStart.slice(0, 4)) },
    { key: SA_PHASE, value: phase },
    { key: SA_FLAGS, value: [] },
  ];
}

/** The academicWatch child (workflows/watch-messages.ts): watch events are routed there. */
export const watchEventUpdate = { type: 'update', name: 'recordWatchEvent' } as typeof WatchEventUpdate;
export function watchWorkflowId(candidateKey: string): string {
  return `academic-watch-${candidateKey}`;
}

/** The credentialRecommendation child (workflows/recommendation-messages.ts): steps R-REC-1…5 are routed there. */
export const recommendationEventUpdate = { type: 'update', name: 'recordRecommendationEvent' } as typeof RecommendationEventUpdate;
export function recommendationWorkflowId(candidateKey: string): string {
  return `recommendation-${candidateKey}`;
}
