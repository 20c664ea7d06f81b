// The in-memory engine (issue #18): the same decision cores the Temporal workflows interpret, run on
// a virtual clock in this process. No server, no history: a two-year lifecycle is a few hundred
// decisions, so a cohort answers in milliseconds. The email and record activities are the real
// activity functions, run in the SDK's activity Context (activity-context.ts: the workflow id and
// schedule time they would see on a worker), so the report is built from the same mailbox as on `--engine temporal`.
import { candidateKey, workflowIdFor } from '../../domain/lifecycle/candidate';
import type { TCandidateEvent } from '../../domain/events';
import type { TSendResult } from '../../domain/engine/commands';
import { sendBatch } from '../../domain/engine/commands';
import {
  absorbLifecycle,
  decideLifecycle,
  initialLifecycleCore,
  type TLifecycleCommand,
  type TLifecycleMessage,
} from '../../domain/lifecycle/core';
import type { TLifecycleInput } from '../../domain/lifecycle/input';
import { deriveStatus } from '../../domain/lifecycle/status';
import type { TProgramPolicy } from '../../domain/policy/policy';
import { isRecommendationEvent } from '../../domain/recommendation/steps';
import { WATCH_EVENT_TYPES } from '../../domain/risk/watch';
import type { createRecordActivities } from '../../activities/records';
import type { TMailbox } from '../mailbox';
import { Agenda } from './clock';
import type {
  TMemoryCandidate,
  TMemoryEngine,
  TMemoryEngineOptions,
  TEngineTrace,
  TWorkflowType,
} from './engine-types';
import { childDrivers, type TChildHost } from './children';
import { runActivity } from './activity-context';

export type {
  TActionCounts,
  TEngineTrace,
  TMemoryCandidate,
  TMemoryEngine,
  TMemoryEngineOptions,
  TWorkflowType,
} from './engine-types';

type TAgendaEntry =
  | { kind: 'wake'; candidate: TMemoryCandidate; type: TWorkflowType; token: number }
  | { kind: 'do'; run: () => Promise<void> };

export function createMemoryEngine(deps: {
  policy: TProgramPolicy;
  mailbox: TMailbox;
  records: ReturnType<typeof createRecordActivities>;
  options?: TMemoryEngineOptions;
}): TMemoryEngine {
  const { policy, mailbox, records } = deps;
  const wakeAtOf = deps.options?.wakeAt ?? ((computed: number | undefined) => computed);
  const traceTo = deps.options?.trace;
  const trace = (
    candidate: TMemoryCandidate,
    kind: TEngineTrace['kind'],
    at: number,
    detail?: unknown,
    workflow: TWorkflowType = 'candidateLifecycle',
  ) => traceTo?.(candidate, { kind, at, workflow, ...(detail !== undefined ? { detail } : {}) });
  const agenda = new Agenda<TAgendaEntry>();
  const candidates = new Map<string, TMemoryCandidate>();
  let clock = 0;

  /** The real activity function, with the activity info a worker would give it. */
  const activity = <A extends unknown[], R>(
    workflowId: string,
    at: number,
    fn: (...args: A) => Promise<R>,
    ...args: A
  ): Promise<R> =>
    runActivity(
      {
        workflowExecution: { workflowId, runId: 'memory' },
        currentAttemptScheduledTimestampMs: at,
        scheduledTimestampMs: at,
      },
      fn,
      ...args,
    );

  const host: TChildHost = {
    policy,
    send: async (workflowId, intents, now, keyScope = workflowId): Promise<TSendResult> => {
      try {
        const results = await activity(
          workflowId,
          now,
          mailbox.activities.sendNotifications,
          sendBatch(keyScope, intents) as never,
        );
        return { kind: 'sent', intents, results, sentAtMs: now };
      } catch (err) {
        return { kind: 'sendFailed', intents, reason: (err as Error).message, sentAtMs: now };
      }
    },
    records: (workflowId, now) => ({
      createHandoffPacket: (input) => activity(workflowId, now, records.createHandoffPacket, input),
      markHandoffRecommended: (input) => activity(workflowId, now, records.markHandoffRecommended, input),
      archiveCandidateRecord: (input) => activity(workflowId, now, records.archiveCandidateRecord, input),
    }),
    signalParent: async (candidate, message, now) => {
      candidate.actions.signals++;
      trace(candidate, 'signals', now, message.kind);
      if (candidate.lifecycle.closed) return 'the parent workflow has closed';
      // As on a server: the parent takes the signal in its own next activation (at this instant),
      // never inside the child's turn.
      agenda.push(now, { kind: 'do', run: async () => void (await deliverToLifecycle(candidate, message, now)) });
      return undefined;
    },
    count: (candidate, kind, at, type) => {
      candidate.actions[kind]++;
      trace(candidate, kind, at, undefined, type);
    },
    wake: (candidate, type, at, token) => {
      candidate.actions.timers++;
      trace(candidate, 'timers', at, undefined, type);
      agenda.push(at, { kind: 'wake', candidate, type, token });
    },
  };

  async function start(input: TLifecycleInput, now: number): Promise<void> {
    const key = candidateKey(input.start.programId, input.start.candidateId);
    const workflowId = workflowIdFor(key);
    const candidate: TMemoryCandidate = {
      candidateId: input.start.candidateId,
      workflowId,
      lifecycle: {
        core: initialLifecycleCore(input),
        input,
        runs: 1,
        closed: false,
        sleeping: false,
        wakeToken: 0,
        timerWake: false,
        lastActivationAt: now,
      },
      children: new Map(),
      actions: {
        workflowStarts: 1,
        timers: 0,
        activities: 0,
        signals: 0,
        upserts: 0,
        updates: 0,
        childStarts: 0,
        continueAsNew: 0,
      },
    };
    candidates.set(input.start.candidateId, candidate);
    await lifecycleTurn(candidate, now);
  }

  async function deliverToLifecycle(
    candidate: TMemoryCandidate,
    message: TLifecycleMessage,
    now: number,
  ): Promise<string | undefined> {
    const life = candidate.lifecycle;
    if (life.closed) return 'the workflow has finished (COMPLETED); no further events are accepted';
    life.lastActivationAt = now;
    const absorbed = absorbLifecycle(life.core, message, now, { policy, workflowId: candidate.workflowId });
    if (absorbed.rejection) return absorbed.rejection.message;
    life.core = absorbed.state;
    if (!life.sleeping) await lifecycleTurn(candidate, now);
    return undefined;
  }

  async function recordEvent(candidateId: string, event: TCandidateEvent, now: number): Promise<string | undefined> {
    const candidate = candidates.get(candidateId);
    if (!candidate) throw new Error(`candidate ${candidateId} was never started`);
    candidate.actions.updates++;
    trace(candidate, 'updates', now, event.type);
    if (candidate.lifecycle.closed) return 'the workflow has finished (COMPLETED); no further events are accepted';
    const key = candidateKey(candidate.lifecycle.input.start.programId, candidateId);
    if ((WATCH_EVENT_TYPES as readonly string[]).includes(event.type)) {
      const watch = candidate.children.get('academicWatch');
      if (!watch || watch.closed) return `no academic watch is open for ${key}`;
      return watch.receive(event, now);
    }
    if (isRecommendationEvent(event)) {
      const chain = candidate.children.get('credentialRecommendation');
      if (!chain || chain.closed) {
        const phase = deriveStatus(candidate.lifecycle.core.record, policy, now).phase;
        return `the recommendation chain is not open for ${key} (phase '${phase}'); it starts when the completion review is complete`;
      }
      return chain.receive(event, now);
    }
    return deliverToLifecycle(candidate, { kind: 'event', event }, now);
  }

  /** Decides until the core waits, carrying out every command, as workflows/candidateLifecycle.ts does. */
  async function lifecycleTurn(candidate: TMemoryCandidate, now: number, timerWake = false): Promise<void> {
    const life = candidate.lifecycle;
    life.timerWake = timerWake;
    life.sleeping = false;
    life.lastActivationAt = now;
    const workflowId = candidate.workflowId;
    for (;;) {
      const decision = decideLifecycle(life.core, now, {
        input: life.input,
        workflowId,
        patched: () => true,
        continueAsNewSuggested: false,
        timerWake: life.timerWake,
      });
      life.core = decision.state;
      let restarted = false;
      for (const command of decision.commands) {
        const after = await carryOut(candidate, command, now);
        if (after === 'stop') return;
        // A new run starts at once, as Temporal starts it: its first decision is now.
        if (after === 'newRun') {
          restarted = true;
          life.timerWake = false;
        }
      }
      if (!decision.wait || restarted) continue;
      const token = ++life.wakeToken;
      const wakeAt = wakeAtOf(decision.wakeAt, now);
      if (wakeAt !== undefined) {
        // As the workflow does: a new timer only when the moment to wake at changed (or the last one fired).
        if (life.timerAt !== wakeAt) {
          candidate.actions.timers++;
          trace(candidate, 'timers', now, wakeAt);
        }
        life.timerAt = wakeAt;
        agenda.push(Math.max(wakeAt, now + 1), { kind: 'wake', candidate, type: 'candidateLifecycle', token });
      } else life.timerAt = undefined;
      return;
    }
  }

  async function carryOut(
    candidate: TMemoryCandidate,
    command: TLifecycleCommand,
    now: number,
  ): Promise<'stop' | 'newRun' | undefined> {
    const life = candidate.lifecycle;
    const workflowId = candidate.workflowId;
    switch (command.kind) {
      case 'upsertSearchAttributes':
        candidate.actions.upserts++;
        trace(candidate, 'upserts', now, command.values);
        return;
      case 'startRecommendation':
      case 'startAcademicWatch': {
        const type = command.kind === 'startRecommendation' ? 'credentialRecommendation' : 'academicWatch';
        const running = candidate.children.get(type);
        if (running && !running.closed) return; // already running: the one we want
        candidate.actions.childStarts++;
        trace(candidate, 'childStarts', now, type);
        const child =
          command.kind === 'startRecommendation'
            ? childDrivers.credentialRecommendation(
                host,
                candidate,
                { ...command.args, parentWorkflowId: workflowId, policy, links: life.input.links },
                now,
              )
            : childDrivers.academicWatch(
                host,
                candidate,
                { ...command.args, parentWorkflowId: workflowId, policy },
                now,
              );
        candidate.children.set(type, child);
        // The child's first workflow task runs after the parent's, at the same instant.
        agenda.push(now, { kind: 'do', run: () => child.turn(now) });
        return;
      }
      case 'send': {
        candidate.actions.activities++;
        trace(
          candidate,
          'activities',
          now,
          command.intents.map((n) => n.template),
        );
        const result = await host.send(workflowId, command.intents, now);
        life.core = absorbLifecycle(life.core, result, now, { policy, workflowId }).state;
        return;
      }
      case 'cancelWatch':
        candidate.children.get('academicWatch')?.cancel(now);
        return;
      case 'cancelRecommendation':
        candidate.children.get('credentialRecommendation')?.cancel(now);
        return;
      case 'sleep': {
        candidate.actions.timers++;
        trace(candidate, 'timers', now, command.untilMs);
        life.sleeping = true;
        const token = ++life.wakeToken;
        agenda.push(Math.max(command.untilMs, now + 1), { kind: 'wake', candidate, type: 'candidateLifecycle', token });
        return 'stop';
      }
      case 'drainHandlers':
        return;
      case 'continueAsNew':
        candidate.actions.continueAsNew++;
        trace(candidate, 'continueAsNew', now);
        life.core = initialLifecycleCore({ ...life.input, carried: command.carried });
        life.runs++;
        return 'newRun';
      case 'archive':
        candidate.actions.activities++;
        trace(candidate, 'activities', now, 'archive');
        await host
          .records(workflowId, now)
          .archiveCandidateRecord({ key: command.key, record: command.record, archivedOn: command.archivedOn });
        return;
      case 'complete':
        life.closed = true;
        life.closedAt = now;
        return 'stop';
    }
  }

  async function runUntil(until: number): Promise<number> {
    for (let next = agenda.peek(); next && next.at <= until; next = agenda.peek()) {
      agenda.pop();
      clock = Math.max(clock, next.at);
      const entry = next.item;
      if (entry.kind === 'do') {
        await entry.run();
        continue;
      }
      const { candidate, type, token } = entry;
      if (type === 'candidateLifecycle') {
        if (candidate.lifecycle.closed || token !== candidate.lifecycle.wakeToken) continue;
        candidate.lifecycle.timerAt = undefined; // it fired
        trace(candidate, 'timerFired', clock);
        // A quiet-hours sleep ends inside the turn that began it (the workflow's turn goes on).
        await lifecycleTurn(candidate, clock, candidate.lifecycle.sleeping ? candidate.lifecycle.timerWake : true);
      } else {
        const child = candidate.children.get(type);
        if (!child || child.closed || child.wakeToken !== token) continue;
        trace(candidate, 'timerFired', clock, undefined, type);
        await child.turn(clock);
      }
    }
    return clock;
  }

  return {
    start,
    recordEvent,
    at: (when, run) => agenda.push(when, { kind: 'do', run }),
    runUntil,
    candidates,
    status(candidateId) {
      const c = candidates.get(candidateId);
      if (!c) throw new Error(`candidate ${candidateId} was never started`);
      return deriveStatus(c.lifecycle.core.record, policy, c.lifecycle.closedAt ?? c.lifecycle.lastActivationAt);
    },
  };
}
