// The child workflows on the in-memory engine: the academic watch and the credential-recommendation
// chain, each run by its own decision core (domain/risk/watch-core.ts, domain/recommendation/core.ts)
// exactly as their Temporal interpreters carry it out.
import type { TSendResult } from '../../domain/engine/commands';
import type { TLifecycleMessage } from '../../domain/lifecycle/core';
import type { TNotificationIntent } from '../../domain/lifecycle/planner';
import type { TCandidateEvent } from '../../domain/events';
import type { TProgramPolicy } from '../../domain/policy/policy';
import type { createRecordActivities } from '../../activities/records';
import {
  absorbRecommendation,
  decideRecommendation,
  initialRecommendationCore,
  type TRecommendationCommand,
  type TRecommendationCore,
  type TRecommendationInput,
  type TRecommendationMessage,
} from '../../domain/recommendation/core';
import {
  absorbWatch,
  decideWatch,
  initialWatchCore,
  parentSignalsNow,
  type TWatchCore,
  type TWatchInput,
  type TWatchProgress,
} from '../../domain/risk/watch-core';
import { recommendationWorkflowId, watchWorkflowId } from '../../workflows/contract';
import type { TMemoryCandidate, TWorkflowType } from './engine';

type TRecords = ReturnType<typeof createRecordActivities>;

/** What the engine offers a child: the real activities, the parent, the agenda. */
export interface TChildHost {
  policy: TProgramPolicy;
  /** The real email activity; `keyScope` prefixes the idempotency keys (default: the workflow id). */
  send(workflowId: string, intents: TNotificationIntent[], now: number, keyScope?: string): Promise<TSendResult>;
  records(
    workflowId: string,
    now: number,
  ): Pick<TRecords, 'createHandoffPacket' | 'markHandoffRecommended' | 'archiveCandidateRecord'>;
  /** Delivers a signal to the candidate's lifecycle; the reason when it could not (the run has closed). */
  signalParent(candidate: TMemoryCandidate, message: TLifecycleMessage, now: number): Promise<string | undefined>;
  wake(candidate: TMemoryCandidate, type: TWorkflowType, at: number, token: number): void;
  /** Counts one billable command of a child (and traces it, as the engine does the lifecycle's). */
  count(candidate: TMemoryCandidate, kind: 'activities', at: number, type: TWorkflowType): void;
}

export interface TChildInstance {
  workflowId: string;
  closed: boolean;
  wakeToken: number;
  /** Decide until the core waits, carrying out its commands. */
  turn(now: number): Promise<void>;
  /** An event routed to this child: the rejection's message, or undefined when accepted (then it decides at once). */
  receive(event: TCandidateEvent, now: number): Promise<string | undefined>;
  /** The parent cancelled it (withdrawal). */
  cancel(now: number): void;
}

type TDriver<I> = (host: TChildHost, candidate: TMemoryCandidate, input: I, now: number) => TChildInstance;

/** The chain R-REC-1…5, as workflows/credentialRecommendation.ts carries it out. */
const credentialRecommendation: TDriver<TRecommendationInput> = (host, candidate, input, startedAt) => {
  const workflowId = recommendationWorkflowId(input.candidateKey);
  let core: TRecommendationCore = initialRecommendationCore(input, startedAt);
  const absorb = (message: TRecommendationMessage, now: number) => {
    core = absorbRecommendation(core, message, now, input).state;
  };
  const self: TChildInstance = {
    workflowId,
    closed: false,
    wakeToken: 0,
    async turn(now) {
      for (;;) {
        const decision = decideRecommendation(core, now, input, () => true);
        core = decision.state;
        if (decision.commands.length === 0) {
          const token = ++self.wakeToken;
          if (decision.wakeAt !== undefined)
            host.wake(candidate, 'credentialRecommendation', Math.max(decision.wakeAt, now + 1), token);
          return;
        }
        for (const command of decision.commands) {
          if (await carryOut(command, now)) return;
        }
      }
    },
    async receive(event, now) {
      const absorbed = absorbRecommendation(core, { kind: 'event', event }, now, input);
      if (absorbed.rejection) return absorbed.rejection.message;
      core = absorbed.state;
      await self.turn(now);
      return undefined;
    },
    cancel() {
      self.closed = true;
    },
  };

  async function carryOut(command: TRecommendationCommand, now: number): Promise<boolean> {
    const records = host.records(workflowId, now);
    switch (command.kind) {
      case 'send':
        host.count(candidate, 'activities', now, 'credentialRecommendation');
        absorb({ ...(await host.send(workflowId, command.intents, now)), workflowId }, now);
        return false;
      case 'createHandoffPacket':
        host.count(candidate, 'activities', now, 'credentialRecommendation');
        try {
          absorb({ kind: 'handoffStored', packet: await records.createHandoffPacket(command.packetInput) }, now);
        } catch (err) {
          absorb({ kind: 'handoffFailed', reason: (err as Error).message }, now);
        }
        return false;
      case 'markHandoffRecommended':
        host.count(candidate, 'activities', now, 'credentialRecommendation');
        await records.markHandoffRecommended(command.args);
        absorb({ kind: 'handoffMarked' }, now);
        return false;
      case 'signalParent': {
        const refused = await host.signalParent(
          candidate,
          { kind: 'recommendationProgress', ...command.progress },
          now,
        );
        absorb(
          refused
            ? { kind: 'parentSignalFailed', key: command.key, error: refused }
            : { kind: 'parentSignalled', key: command.key },
          now,
        );
        return false;
      }
      case 'archive':
        host.count(candidate, 'activities', now, 'credentialRecommendation');
        await records.archiveCandidateRecord(command.args as never);
        return false;
      case 'complete':
        self.closed = true;
        return true;
    }
  }
  return self;
};

/** The academic watch R-AW-1, R-AW-2, R-INT-1, as workflows/academicWatch.ts carries it out. */
let watchRuns = 0;
const academicWatch: TDriver<TWatchInput> = (host, candidate, input, startedAt) => {
  const workflowId = watchWorkflowId(input.candidateKey);
  // A second watch for the same candidate reuses the workflow id; its notices are keyed by its run.
  const keyScope = `${workflowId}:memory-${++watchRuns}`;
  let core: TWatchCore = initialWatchCore(input, startedAt);
  let sleeping = false;
  const tellParent = async (progress: TWatchProgress, now: number) => {
    const refused = await host.signalParent(candidate, { kind: 'watchProgress', ...progress }, now);
    core = absorbWatch(
      core,
      refused ? { kind: 'parentSignalFailed', progress, reason: refused } : { kind: 'parentSignalled', progress },
      now,
      input,
    ).state;
  };
  const self: TChildInstance = {
    workflowId,
    closed: false,
    wakeToken: 0,
    async turn(now) {
      sleeping = false;
      for (;;) {
        const decision = decideWatch(core, now, input, () => true);
        core = decision.state;
        for (const command of decision.commands) {
          switch (command.kind) {
            case 'send':
              host.count(candidate, 'activities', now, 'academicWatch');
              core = absorbWatch(core, await host.send(workflowId, command.intents, now, keyScope), now, input).state;
              break;
            case 'signalParent':
              await tellParent(command.progress, now);
              break;
            case 'sleep':
              sleeping = true;
              host.wake(candidate, 'academicWatch', Math.max(command.untilMs, now + 1), ++self.wakeToken);
              return;
            case 'complete':
              self.closed = true;
              return;
          }
        }
        if (!decision.wait) continue;
        const token = ++self.wakeToken;
        if (decision.wakeAt !== undefined)
          host.wake(candidate, 'academicWatch', Math.max(decision.wakeAt, now + 1), token);
        return;
      }
    },
    async receive(event, now) {
      const absorbed = absorbWatch(core, { kind: 'event', event }, now, input);
      if (absorbed.rejection) return absorbed.rejection.message;
      // The parent hears of an at-risk change the moment the event is recorded.
      const signals = parentSignalsNow(absorbed.state);
      core = signals.state;
      for (const command of signals.commands) await tellParent(command.progress, now);
      if (!sleeping) await self.turn(now);
      return undefined;
    },
    cancel() {
      self.closed = true;
    },
  };
  return self;
};

export const childDrivers = { academicWatch, credentialRecommendation };
