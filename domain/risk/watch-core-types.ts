// The academic watch core's vocabulary (see watch-core.ts for the contract): what the watch starts
// from, its commands and messages, the state it keeps between decisions, and what its status query
// and event update answer.
import { localDateOf } from '../calendar/dates';
import type { TSendCommand, TSendResult } from '../engine/commands';
import type { TRecipient } from '../notifications/recipients';
import type { TProgramPolicy } from '../policy/policy';
import { openWatch, type TWatchState } from './watch';

export interface TWatchInput {
  candidateKey: string;
  parentWorkflowId: string;
  policy: TProgramPolicy;
  portalUrl: string;
  people: { candidate: TRecipient; coach?: TRecipient; pa: TRecipient };
  evidence: string[];
  missingCount: number;
  lateCount: number;
}

/** Child → parent (watchProgressSignal): R-AW-2 at-risk changed, or the PA closed the watch. */
export interface TWatchProgress {
  atRisk: boolean;
  closed: boolean;
}

export interface TWatchResult {
  outcome: 'closed';
  watch: TWatchState;
}

/** Tell the parent; the decision's later commands do not wait for it (see the contract above). */
export interface TSignalParentCommand {
  kind: 'signalParent';
  progress: TWatchProgress;
}

export type TWatchCommand =
  | TSendCommand
  | TSignalParentCommand
  /** Sleep until then, whatever arrives meanwhile (R-TIME-3: a notice due at night waits for the morning). */
  | { kind: 'sleep'; untilMs: number }
  | { kind: 'complete'; result: TWatchResult };

export type TWatchMessage =
  /** A watch event from a client (validated here: the update's validator and handler both ask). */
  | { kind: 'event'; event: unknown }
  | TSendResult
  | { kind: 'parentSignalled'; progress: TWatchProgress }
  | { kind: 'parentSignalFailed'; progress: TWatchProgress; reason: string };

export type TWatchStage =
  | 'opening'
  | 'openingNotice'
  | 'top'
  | 'plan'
  | 'reminders'
  | 'missed'
  | 'atRisk'
  | 'escalation'
  | 'wait'
  | 'closing'
  | 'complete'
  | 'done';

export type TRevisedItem = TWatchState['items'][number];

export interface TDeliveryProblem {
  date: string;
  template: string;
  recipientRole: string;
  reason: string;
}

export interface TWatchCore {
  watch: TWatchState;
  /** Where this wake-up stands. */
  stage: TWatchStage;
  /** Keys of the notices handed to the email activity (each goes out once, whatever the answer). */
  sent: string[];
  /** At-risk changes an event made, told to the parent at the next decision. */
  pendingSignals: TWatchProgress[];
  /** Signals to the parent started and not yet answered. */
  signalsInFlight: number;
  /** How many of those answers this wake-up waits for before going on (its own signal and any before it). */
  parentAnswersAwaited: number;
  /** R-AW-2: the missed revised deadlines being escalated this wake-up. */
  missed?: TRevisedItem[];
  /** Notices the email activity could not deliver (shown in the status). */
  deliveryProblems: TDeliveryProblem[];
  /** The last signal the parent did not receive (shown in the status; the parent's flags may be stale). */
  parentSignalProblem?: { date: string; progress: TWatchProgress; reason: string };
}

/** What the watchStatus query answers: the watch, plus what did not reach its recipient. */
export type TWatchStatus = TWatchState & Pick<TWatchCore, 'deliveryProblems' | 'parentSignalProblem'>;

export const today = (nowMs: number, policy: TProgramPolicy) => localDateOf(nowMs, policy.timeZone);

export function initialWatchCore(input: TWatchInput, nowMs: number): TWatchCore {
  const watch = openWatch(today(nowMs, input.policy), input.evidence);
  return {
    watch,
    stage: 'opening',
    sent: [],
    pendingSignals: [],
    signalsInFlight: 0,
    parentAnswersAwaited: 0,
    deliveryProblems: [],
  };
}

export function watchStatus(core: TWatchCore): TWatchStatus {
  return {
    ...core.watch,
    deliveryProblems: core.deliveryProblems,
    ...(core.parentSignalProblem ? { parentSignalProblem: core.parentSignalProblem } : {}),
  };
}

/** What an accepted watch event answers (the watchEventUpdate's result). */
export interface TWatchEventReply {
  accepted: true;
  stage: TWatchState['stage'];
}
