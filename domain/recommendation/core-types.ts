// The recommendation chain core's vocabulary (see core.ts for the contract): its input, what
// continue-as-new carries, its commands and messages, and the status query's answer.
import type { TPerson } from '../lifecycle/candidate';
import type { TCompletionReview } from '../lifecycle/completion';
import { localDateOf, type TLocalDate } from '../calendar/dates';
import type { TCandidateEvent } from '../events';
import { type TSendCommand, type TSendResult } from '../engine/commands';
import { type THandoffInput } from './handoff';
import type { TProgramPolicy } from '../policy/policy';
import { initialRecommendationState, type TRecommendationState, type TRecommendationStep } from './steps';
import { type TRecommendationContext, type TRecommendationLinks, type TRecommendationPeople } from './obligations';
import {
  deriveRecommendationStatus,
  type TDeliveryProblem,
  type THandoffRecord,
  type TRecommendationStatus,
} from './status';

// ── The child's input, result and messages (re-exported by workflows/recommendation-messages.ts) ──

/** What the chain keeps across continue-as-new (the shape recorded histories carry). */
export interface TRecommendationCarried {
  state: TRecommendationState;
  handoff?: THandoffRecord;
  handoffProblem?: string;
  progressSent: string[];
  deliveryProblems: TDeliveryProblem[];
}

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
  carried?: TRecommendationCarried;
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

// ── The core ──

/** Where a turn stands: the next check to make. Every turn starts (and, when quiet, ends) at 'top'. */
export type TRecommendationStage =
  | 'top'
  | 'handoffPacket'
  | 'handoffNotice'
  | 'handoffRecommended'
  | 'clearedNotice'
  | 'progress'
  | 'end'
  | 'plan'
  | 'sent'
  | 'done';

export interface TRecommendationCore extends TRecommendationCarried {
  stage: TRecommendationStage;
  /** The turn's reminder plan's next moment, kept from its send to the turn's last decision. */
  planWakeAt?: number;
}

/** What the stored packet's activity answered (`createHandoffActivities(...).createHandoffPacket`). */
export interface TStoredPacket {
  packetId: string;
  jsonPath: string;
  htmlPath: string;
}

export type TRecommendationMessage =
  /** A step (the update's argument, unchecked): R-REC-1…5. */
  | { kind: 'event'; event: unknown }
  /** The result of a `send` command; the workflow id names the idempotency keys' prefix. */
  | (TSendResult & { workflowId: string })
  | { kind: 'handoffStored'; packet: TStoredPacket }
  /** The packet can never validate (a non-retryable failure): shown to the PA instead. */
  | { kind: 'handoffFailed'; reason: string }
  | { kind: 'handoffMarked' }
  | { kind: 'parentSignalled'; key: string }
  /** The parent may have closed (withdrawn, or a test without one); the chain goes on regardless. */
  | { kind: 'parentSignalFailed'; key: string; error: string };

export type TRecommendationCommand =
  | TSendCommand
  /** `createHandoffPacket(packetInput)`; answer with `handoffStored` or `handoffFailed`. */
  | { kind: 'createHandoffPacket'; packetInput: THandoffInput }
  /** `markHandoffRecommended(args)`; answer with `handoffMarked`. */
  | { kind: 'markHandoffRecommended'; args: { candidateKey: string; packetId: string; recommendedOn: TLocalDate } }
  /** Signal `recommendationProgress` to the parent; answer with `parentSignalled` or `parentSignalFailed`. */
  | { kind: 'signalParent'; parentWorkflowId: string; key: string; progress: TRecommendationProgress }
  /** `archiveCandidateRecord(args)`: Temporal keeps a closed history only for the retention period. */
  | {
      kind: 'archive';
      args: { key: string; source: 'recommendation'; archivedOn: TLocalDate; record: TRecommendationArchive };
    }
  /** The run ends with this outcome (after its message handlers have finished). */
  | { kind: 'complete'; outcome: TRecommendationOutcome };

export interface TRecommendationArchive {
  input: Omit<TRecommendationInput, 'carried'>;
  state: TRecommendationState;
  handoff?: THandoffRecord;
  handoffProblem?: string;
  deliveryProblems: TDeliveryProblem[];
  outcome: TRecommendationOutcome;
}

export const recommendationContext = (input: TRecommendationInput): TRecommendationContext => ({
  candidateKey: input.candidateKey,
  people: input.people,
  credentialsOffice: input.credentialsOffice,
  policy: input.policy,
  links: input.links,
});

export const todayOf = (nowMs: number, input: TRecommendationInput) => localDateOf(nowMs, input.policy.timeZone);

export function initialRecommendationCore(input: TRecommendationInput, nowMs: number): TRecommendationCore {
  const c = input.carried;
  return {
    state: c?.state ?? initialRecommendationState(todayOf(nowMs, input)),
    ...(c?.handoff ? { handoff: c.handoff } : {}),
    ...(c?.handoffProblem !== undefined ? { handoffProblem: c.handoffProblem } : {}),
    progressSent: c?.progressSent ?? [],
    deliveryProblems: c?.deliveryProblems ?? [],
    stage: 'top',
  };
}

/** What continue-as-new carries (the turn's place is not carried: every run starts at 'top'). */
export function carriedOf(core: TRecommendationCore): TRecommendationCarried {
  const { state, handoff, handoffProblem, progressSent, deliveryProblems } = core;
  return { state, handoff, handoffProblem, progressSent, deliveryProblems };
}

/** The `recommendationStatus` query's answer. */
export function recommendationStatus(
  core: TRecommendationCore,
  input: TRecommendationInput,
  nowMs: number,
): TRecommendationStatus {
  const { handoff, handoffProblem, deliveryProblems } = core;
  const extras = { completion: input.completion, handoff, handoffProblem, deliveryProblems };
  return deriveRecommendationStatus(core.state, recommendationContext(input), extras, nowMs);
}
