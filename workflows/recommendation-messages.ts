// The credentialRecommendation child's public contract: its input and result, the update every
// recommendation event arrives through, its status query, and the progress signal it sends the
// parent candidateLifecycle workflow. Clients (API, CLI, the parent) import these constants.
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { TPerson } from '../domain/candidate';
import type { TCompletionReview } from '../domain/completion';
import type { TLocalDate } from '../domain/dates';
import type { TCandidateEvent } from '../domain/events';
import type { TProgramPolicy } from '../domain/policy';
import type { TRecommendationState, TRecommendationStep } from '../domain/recommendation';
import type { TRecommendationLinks, TRecommendationPeople } from '../domain/recommendation-obligations';
import type { TDeliveryProblem, THandoffRecord, TRecommendationStatus } from '../domain/recommendation-status';

/** The child's workflow id: one chain per candidate. */
export const recommendationWorkflowId = (candidateKey: string) => `recommendation-${candidateKey}`;

export interface TRecommendationInput {
  candidateKey: string;
  people: TRecommendationPeople;
  policy: TProgramPolicy;
  links: TRecommendationLinks;
  /** The completion review (R-CMP-1…3) that let the chain start; Step 1 is refused unless ready. */
  completion: TCompletionReview;
  credentialsOffice: TPerson;
  /** Where progress signals go; the parent workflow when started as a child. */
  parentWorkflowId?: string;
  /** Carried across continue-as-new. */
  carried?: {
    state: TRecommendationState;
    handoff?: THandoffRecord;
    handoffProblem?: string;
    progressSent: string[];
    deliveryProblems: TDeliveryProblem[];
  };
}

export interface TRecommendationOutcome {
  outcome: 'cleared' | 'lapsed';
  recommendedOn: TLocalDate;
  clearedOn?: TLocalDate;
  lapsedOn?: TLocalDate;
}

export interface TRecommendationEventAccepted {
  accepted: true;
  type: TCandidateEvent['type'];
  date: TLocalDate;
  step: TRecommendationStep;
}

/**
 * What the parent hears on each change: steps 1–4 (3 = READY TO RECOMMEND, with the packet id;
 * 4 = RECOMMENDED TO CTC, `renewal` > 0 when a lapsed recommendation was renewed), the lapse of
 * the CTC window, and `cleared`.
 */
export interface TRecommendationProgress {
  step: 1 | 2 | 3 | 4 | 'lapsed' | 'cleared';
  date: TLocalDate;
  packetId?: string;
  renewal?: number;
}

/** coachVerified · candidateDocumentsSubmitted · paVerified · recommendedToCtc · ctcStepsCompleted; rejected before history when out of order. */
export const recordRecommendationEventUpdate = defineUpdate<TRecommendationEventAccepted, [TCandidateEvent]>('recordRecommendationEvent');
export const recommendationStatusQuery = defineQuery<TRecommendationStatus>('recommendationStatus');
export const recommendationProgressSignal = defineSignal<[TRecommendationProgress]>('recommendationProgress');
