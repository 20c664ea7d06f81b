// The in-memory engine's vocabulary (simulator/memory/engine.ts): what it counts and traces, its
// options, a candidate's workflows as the engine holds them, and the engine's surface.
import type { TCandidateEvent } from '../../domain/events';
import type { TLifecycleCore } from '../../domain/lifecycle/core';
import type { TLifecycleInput } from '../../domain/lifecycle/input';
import type { TCandidateStatus } from '../../domain/lifecycle/status';
import type { TChildInstance } from './children';

export type TWorkflowType = 'candidateLifecycle' | 'academicWatch' | 'credentialRecommendation';

/** What a billable-actions estimate counts: the commands Temporal would have charged for. */
export interface TActionCounts {
  workflowStarts: number;
  timers: number;
  activities: number;
  signals: number;
  upserts: number;
  updates: number;
  childStarts: number;
  continueAsNew: number;
}

/** One command the engine counted (or a timer of any of the workflows firing), for a cost breakdown (bench/simulate-memory.ts). */
export interface TEngineTrace {
  kind: keyof TActionCounts | 'timerFired';
  at: number;
  workflow: TWorkflowType;
  /** The upsert's values, the timer's moment, the send's templates. */
  detail?: unknown;
}

export interface TMemoryEngineOptions {
  /**
   * When the lifecycle sets its wake timer, given the moment its core computed: that moment by default;
   * a daily poll instead (simulator/memory/daily-poll.ts). The children keep their own moments.
   */
  wakeAt?: (computed: number | undefined, now: number) => number | undefined;
  /** Told of every billable command counted, and of every lifecycle timer that fires. */
  trace?: (candidate: TMemoryCandidate, entry: TEngineTrace) => void;
}

export interface TMemoryCandidate {
  candidateId: string;
  workflowId: string;
  lifecycle: TLifecycleInstance;
  children: Map<TWorkflowType, TChildInstance>;
  actions: TActionCounts;
}

export interface TLifecycleInstance {
  core: TLifecycleCore;
  input: TLifecycleInput;
  runs: number;
  closed: boolean;
  closedAt?: number;
  /** Sleeping through quiet hours before the farewell: messages are taken in but do not wake it. */
  sleeping: boolean;
  /** The clock of its last activation: what `Date.now()` reads in a query answered by a worker. */
  lastActivationAt: number;
  /** The moment its wake timer is set for (one timer per moment; workflows/candidateLifecycle.ts). */
  timerAt?: number;
  wakeToken: number;
  /** The current turn began with its wake timer firing (kept through a quiet-hours sleep, as the workflow's turn is). */
  timerWake: boolean;
}

export interface TMemoryEngine {
  /** Starts a candidate's lifecycle now (the workflow's first decision runs at once). */
  start(input: TLifecycleInput, now: number): Promise<void>;
  /** Routes an event as the API's candidate service does: the watch's events to the watch, steps to the chain. */
  recordEvent(candidateId: string, event: TCandidateEvent, now: number): Promise<string | undefined>;
  /** Schedules an action at an instant (the scenario's steps). */
  at(when: number, run: () => Promise<void>): void;
  /** Runs the agenda until `until` (inclusive) or until nothing is left. Returns the last instant reached. */
  runUntil(until: number): Promise<number>;
  candidates: Map<string, TMemoryCandidate>;
  /** Status as the `status` query answers it: as of the workflow's last activation (or its close). */
  status(candidateId: string): TCandidateStatus;
}
