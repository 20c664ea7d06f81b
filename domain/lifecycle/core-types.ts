// The lifecycle core's vocabulary: its state, the commands it issues, the messages it takes in and
// what an interpreter tells it (domain/lifecycle/core.ts decides, absorb.ts takes messages in).
import { localDateOf } from '../calendar/dates';
import type { TCandidateEvent } from '../events';
import { type TCompletionReview } from './completion';
import type { TProgramPolicy } from '../policy/policy';
import { type TPatchOracle, type TSendCommand, type TSendResult } from '../engine/commands';
import type { TLifecycleInput, TLifecycleOutcome } from './input';
import { recipient } from './people';
import { type TNotificationIntent } from './planner';
import { initialState, upgradeState, type TCandidateState, type TFlag, type TPhase } from './state';

/** What a watch child needs (the interpreter adds the workflow ids). */
export interface TWatchStart {
  candidateKey: string;
  portalUrl: string;
  people: {
    candidate: NonNullable<ReturnType<typeof recipient>>;
    pa: NonNullable<ReturnType<typeof recipient>>;
    coach?: NonNullable<ReturnType<typeof recipient>>;
  };
  evidence: string[];
  missing: number;
  late: number;
  missingCount: number;
  lateCount: number;
}

/** What the recommendation child needs (the interpreter adds the parent's workflow id). */
export interface TRecommendationStart {
  candidateKey: string;
  people: Pick<TCandidateState['start'], 'candidate' | 'coach' | 'supervisor' | 'programAdministrator' | 'director'>;
  completion: TCompletionReview;
  credentialsOffice: { name: string; email: string };
}

/** Search attribute values as plain data: program, cohort year, phase, flags, next deadline. No person in them. */
export interface TLifecycleAttributes {
  program: string;
  cohortYear: number;
  phase: TPhase;
  flags: TFlag[];
  /** End of the next open obligation's due day (epoch ms), if any. */
  nextDeadline: number | null;
}

export type TLifecycleCommand =
  | TSendCommand
  /** End the academic watch (it outlives continue-as-new, so it must be told). */
  | { kind: 'cancelWatch' }
  | { kind: 'upsertSearchAttributes'; values: TLifecycleAttributes }
  | { kind: 'startAcademicWatch'; args: TWatchStart }
  | { kind: 'startRecommendation'; args: TRecommendationStart }
  /** Cancel the recommendation chain; it may have ended already, so a failure is ignored. */
  | { kind: 'cancelRecommendation' }
  /** Sleep until then, whatever arrives meanwhile (the withdrawn record waits out quiet hours). */
  | { kind: 'sleep'; untilMs: number }
  /** Let message handlers still running finish before the run ends. */
  | { kind: 'drainHandlers' }
  | { kind: 'continueAsNew'; carried: TCandidateState }
  | { kind: 'archive'; key: string; record: TCandidateState; archivedOn: string }
  | { kind: 'complete'; outcome: TLifecycleOutcome };

export type TStage =
  | 'top'
  | 'published'
  | 'recommendationStarted'
  | 'risk'
  | 'watchStarted'
  | 'plan'
  | 'planPublished'
  | 'sent'
  | 'end'
  | 'continueAsNew'
  | 'farewell'
  | 'farewellPublished'
  | 'farewellAwake'
  | 'finish'
  | 'archive'
  | 'done';

export interface TLifecycleCore {
  record: TCandidateState;
  /** Where this wake-up stands. Not carried across continue-as-new: every run starts at 'top'. */
  stage: TStage;
  /** The phase this run started in: crossing into year 2 or completion review starts a fresh run. */
  runStartPhase: TPhase;
  /** The last search attributes upserted in this run (upsert only on change). */
  lastAttributes?: string;
  /** The record and day those values were last worked out for (they depend on nothing else). */
  attributesOf?: { record: TCandidateState; day: string };
  /** Risk notices and wake-ups computed before a watch started, sent after it started. */
  pending?: { notices: TNotificationIntent[]; wakeAts: (number | undefined)[]; watchEvidence?: string[] };
}

/** What the interpreter knows that the core cannot: the workflow's id, its patches, Temporal's hint. */
export interface TLifecycleEnv {
  input: TLifecycleInput;
  workflowId: string;
  patched: TPatchOracle;
  /** Temporal's continue-as-new suggestion (history long); the in-memory engine passes false. */
  continueAsNewSuggested: boolean;
  /**
   * The turn began when the wake timer fired, with no message: the quietest workflow task, where a
   * new patch question may be asked without a task writing more than 10 events (README, "Changing
   * a workflow safely"). Absent: false.
   */
  timerWake?: boolean;
}

export type TLifecycleMessage =
  | { kind: 'event'; event: TCandidateEvent }
  | { kind: 'watchProgress'; atRisk: boolean; closed?: boolean }
  | {
      kind: 'recommendationProgress';
      step: 1 | 2 | 3 | 4 | 'lapsed' | 'cleared';
      date: string;
      packetId?: string;
      renewal?: number;
    }
  | TSendResult;

export interface TEventReply {
  accepted: true;
  type: TCandidateEvent['type'];
  date: string;
  phase: TPhase;
}

export function initialLifecycleCore(input: TLifecycleInput): TLifecycleCore {
  const record = input.carried ? upgradeState(input.carried) : initialState(input.start);
  return { record, stage: 'top', runStartPhase: record.phase };
}

/** The program day of an instant. */
export const todayOf = (nowMs: number, policy: TProgramPolicy) => localDateOf(nowMs, policy.timeZone);
