// The academic watch for one candidate (R-AW-1, R-AW-2, R-INT-1, R-TIME-3), a child of
// candidateLifecycle. Every rule is in the decision core (domain/risk/watch-core.ts); this file only
// carries out its commands: it reads the clock once per decision, sends, tells the parent, sleeps
// until the moment the core names and wakes early when a watch event arrives.
import {
  ActivityFailure,
  allHandlersFinished,
  ApplicationFailure,
  condition,
  getExternalWorkflowHandle,
  patched,
  setHandler,
  sleep,
  workflowInfo,
} from '@temporalio/workflow';
import { sendBatch } from '../domain/engine/commands';
import {
  absorbWatch,
  decideWatch,
  initialWatchCore,
  parentSignalsNow,
  watchStatus,
  type TWatchCommand,
  type TWatchCore,
  type TWatchInput,
  type TWatchMessage,
  type TWatchProgress,
  type TWatchResult,
} from '../domain/risk/watch-core';
import { emailActivities, type TEmailBatch } from './proxies';
import { watchEventUpdate, watchProgressSignal, watchStatusQuery } from './watch-messages';

export type { TWatchInput } from '../domain/risk/watch-core';

const now = () => Date.now();

export async function academicWatch(input: TWatchInput): Promise<TWatchResult> {
  const { sendNotifications } = emailActivities();
  const { workflowId, firstExecutionRunId } = workflowInfo();
  // A later watch for the same candidate reuses the workflow id: its notices are keyed by this run.
  const keyScope = `${workflowId}:${firstExecutionRunId}`;
  let core: TWatchCore = initialWatchCore(input, now());
  let changed = false;
  /** Signals to the parent still on their way; each feeds its outcome to the core when it lands. */
  const deliveries = new Set<Promise<void>>();

  const take = (message: TWatchMessage) => {
    const absorbed = absorbWatch(core, message, now(), input);
    if (absorbed.rejection) throw ApplicationFailure.nonRetryable(absorbed.rejection.message, absorbed.rejection.type);
    core = absorbed.state;
    changed = true;
    return absorbed.reply;
  };
  setHandler(watchStatusQuery, () => watchStatus(core));
  setHandler(
    watchEventUpdate,
    (event) => {
      const reply = take({ kind: 'event', event })!;
      // An at-risk change reaches the parent as the event is recorded, before the update is answered.
      const urgent = parentSignalsNow(core);
      core = urgent.state;
      for (const { progress } of urgent.commands) tellParent(progress);
      return reply;
    },
    {
      // Rejects before history: the same check the handler makes, on the same watch.
      validator: (event) => {
        const { rejection } = absorbWatch(core, { kind: 'event', event }, now(), input);
        if (rejection) throw ApplicationFailure.nonRetryable(rejection.message, rejection.type);
      },
    },
  );

  for (;;) {
    const nowMs = now();
    const decision = decideWatch(core, nowMs, input, patched);
    core = decision.state;
    for (const command of decision.commands) {
      const result = await carryOut(command, nowMs);
      if (result) return result;
    }
    if (!decision.wait) continue;
    changed = false;
    if (decision.wakeAt !== undefined) await condition(() => changed, Math.max(1, decision.wakeAt - nowMs));
    else await condition(() => changed);
  }

  async function carryOut(command: TWatchCommand, nowMs: number): Promise<TWatchResult | undefined> {
    switch (command.kind) {
      case 'send': {
        const { intents } = command;
        try {
          const results = await sendNotifications(sendBatch(keyScope, intents) as TEmailBatch);
          take({ kind: 'sent', intents, results, sentAtMs: nowMs });
        } catch (err) {
          // Only non-retryable failures reach here (a batch that can never render); the core records them.
          if (!(err instanceof ActivityFailure)) throw err;
          const reason =
            err.cause instanceof ApplicationFailure
              ? `${err.cause.type ?? 'error'}: ${err.cause.message}`
              : err.message;
          take({ kind: 'sendFailed', intents, reason, sentAtMs: nowMs });
        }
        return;
      }
      case 'signalParent':
        // Started now; its outcome comes back through the core, which waits for it where the parent must hear first.
        tellParent(command.progress);
        return;
      case 'sleep':
        await sleep(Math.max(1, command.untilMs - nowMs));
        return;
      case 'complete':
        await Promise.all(deliveries);
        await condition(allHandlersFinished);
        return command.result;
    }
  }

  // The parent may have continued-as-new since it started us: signal its latest run by id.
  function tellParent(progress: TWatchProgress) {
    const delivery = getExternalWorkflowHandle(input.parentWorkflowId)
      .signal(watchProgressSignal, progress)
      .then(
        () => {
          take({ kind: 'parentSignalled', progress });
        },
        (err: unknown) => {
          take({ kind: 'parentSignalFailed', progress, reason: err instanceof Error ? err.message : String(err) });
        },
      )
      .finally(() => deliveries.delete(delivery));
    deliveries.add(delivery);
  }
}
