// The workflows' public contract: the one module clients (API, CLI, simulator, activities, scripts)
// import to start, message and find a workflow. Message definitions and search attribute keys are
// re-exported from the files the workflows themselves use, so there is one definition of each.
// Run-time imports are limited to @temporalio/workflow (its define* helpers only build plain
// `{ type, name }` objects and work outside a workflow), @temporalio/common and pure domain/ code:
// the Lambda bundles this file (test/api/lambda-imports.test.ts checks which workflows/ files come
// with it) but no workflow, activity or worker code.
import type { SearchAttributePair } from '@temporalio/common';
import type { TCandidateStart } from '../domain/lifecycle/candidate';
import type { TPhase } from '../domain/lifecycle/state';
import type * as workflows from './index';
import { SA_COHORT_YEAR, SA_FLAGS, SA_PHASE, SA_PROGRAM } from './search-attributes';

/** A name the worker registers (workflows/index.ts): a typo here is a compile error. */
export type TWorkflowType = keyof typeof workflows;

// ── candidateLifecycle: one per candidate ──
export const CANDIDATE_WORKFLOW_TYPE = 'candidateLifecycle' satisfies TWorkflowType;
/** `candidate-<programId>-<candidateId>`: the key is not personal data (domain/lifecycle/candidate.ts). */
export { workflowIdFor } from '../domain/lifecycle/candidate';
export { recordEventUpdate, statusQuery, tasksQuery, type TEventAccepted } from './messages';

// ── academicWatch: the candidate's child while a watch is open; watch events are routed here ──
export const WATCH_WORKFLOW_TYPE = 'academicWatch' satisfies TWorkflowType;
export { watchEventUpdate, watchProgressSignal, watchStatusQuery, watchWorkflowId } from './watch-messages';

// ── credentialRecommendation: the candidate's child from Step 1 (R-REC-1…5 are routed here) ──
export const RECOMMENDATION_WORKFLOW_TYPE = 'credentialRecommendation' satisfies TWorkflowType;
export {
  recommendationProgressSignal,
  recommendationStatusQuery,
  recommendationWorkflowId,
  recordRecommendationEventUpdate,
  type TRecommendationEventAccepted,
  type TRecommendationInput,
  type TRecommendationOutcome,
  type TRecommendationProgress,
} from './recommendation-messages';

// ── weeklyDigest: one per program ──
export const DIGEST_WORKFLOW_TYPE = 'weeklyDigest' satisfies TWorkflowType;
export function digestWorkflowId(programId: string): string {
  return `digest-${programId}`;
}

// ── search attributes (visibility is not encrypted: none of these identifies a person) ──
export {
  SA_COHORT_YEAR,
  SA_FLAGS,
  SA_NEXT_DEADLINE,
  SA_PHASE,
  SA_PROGRAM,
  SEARCH_ATTRIBUTE_REGISTRATIONS,
} from './search-attributes';

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
