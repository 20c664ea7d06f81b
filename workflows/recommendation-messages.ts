// The credentialRecommendation child's public contract: its input and result, the update every
// recommendation event arrives through, its status query, and the progress signal it sends the
// parent candidateLifecycle workflow. Clients (API, CLI, the parent) import these constants. The
// types live with the chain's decision core (domain/recommendation/core.ts) and are re-exported here.
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { TCandidateEvent } from '../domain/events';
import type { TRecommendationEventAccepted, TRecommendationProgress } from '../domain/recommendation/core';
import type { TRecommendationStatus } from '../domain/recommendation/status';

export type {
  TRecommendationCarried,
  TRecommendationEventAccepted,
  TRecommendationInput,
  TRecommendationOutcome,
  TRecommendationProgress,
} from '../domain/recommendation/core';

/** The child's workflow id: one chain per candidate. */
export const recommendationWorkflowId = (candidateKey: string) => `recommendation-${candidateKey}`;

/** coachVerified · candidateDocumentsSubmitted · paVerified · recommendedToCtc · ctcStepsCompleted; rejected before history when out of order. */
export const recordRecommendationEventUpdate = defineUpdate<TRecommendationEventAccepted, [TCandidateEvent]>(
  'recordRecommendationEvent',
);
export const recommendationStatusQuery = defineQuery<TRecommendationStatus>('recommendationStatus');
export const recommendationProgressSignal = defineSignal<[TRecommendationProgress]>('recommendationProgress');
