// One workflow per candidate, from the first day of the administrative assignment to a cleared
// credential. Every rule is in the decision core (domain/lifecycle/core.ts); this file only carries
// out its commands: it reads the clock once per decision, starts children, sends, upserts search
// attributes, sleeps until the moment the core names — never a daily poll — and wakes early when a
// message arrives.
import {
  allHandlersFinished,
  CancellationScope,
  isCancellation,
  condition,
  continueAsNew,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
  ActivityFailure,
  ApplicationFailure,
  getExternalWorkflowHandle,
  ParentClosePolicy,
  patched,
  sleep,
  startChild,
  WorkflowIdReusePolicy,
} from '@temporalio/workflow';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import { candidateKey } from '../domain/lifecycle/candidate';
import {
  absorbLifecycle,
  decideLifecycle,
  initialLifecycleCore,
  type TLifecycleCommand,
  type TLifecycleCore,
  type TLifecycleMessage,
} from '../domain/lifecycle/core';
import type { TLifecycleInput, TLifecycleOutcome } from '../domain/lifecycle/input';
import { deriveStatus } from '../domain/lifecycle/status';
import { taskSummary } from '../domain/portal/tasks';
import { sendBatch } from '../domain/engine/commands';
import { academicWatch } from './academicWatch';
import { credentialRecommendation } from './credentialRecommendation';
import { recordEventUpdate, statusQuery, tasksQuery } from './messages';
import { REUSE_WAKE_TIMER, WAKE_ON_MESSAGE_DURING_TURN, WATCH_RESTART_WAITS } from './patches';
import { emailActivities, recordActivities, type TEmailBatch } from './proxies';
import { recommendationProgressSignal, recommendationWorkflowId } from './recommendation-messages';
import { searchAttributePairs } from './search-attribute-values';
import { watchProgressSignal, watchWorkflowId } from './watch-messages';

const now = () => Date.now();

export async function candidateLifecycle(input: TLifecycleInput): Promise<TLifecycleOutcome> {
  const { policy } = input;
  const { sendNotifications } = emailActivities();
  const { archiveCandidateRecord } = recordActivities();
  const { workflowId } = workflowInfo();
  const key = candidateKey(input.start.programId, input.start.candidateId);
  let core: TLifecycleCore = initialLifecycleCore(input);
  let changed = false;

  const take = (message: TLifecycleMessage) => {
    const absorbed = absorbLifecycle(core, message, now(), { policy, workflowId });
    if (absorbed.rejection) throw ApplicationFailure.nonRetryable(absorbed.rejection.message, absorbed.rejection.type);
    core = absorbed.state;
    changed = true;
    return absorbed.reply;
  };
  setHandler(statusQuery, () => deriveStatus(core.record, policy, now()));
  setHandler(tasksQuery, () => taskSummary(core.record, policy, now()));
  setHandler(watchProgressSignal, (p) => void take({ kind: 'watchProgress', ...p }));
  setHandler(recommendationProgressSignal, (p) => void take({ kind: 'recommendationProgress', ...p }));
  setHandler(recordEventUpdate, (event) => take({ kind: 'event', event })!, {
    // Rejects before history: the same check the handler makes, on the same record.
    validator: (event) => {
      const { rejection } = absorbLifecycle(core, { kind: 'event', event }, now(), { policy, workflowId });
      if (rejection) throw ApplicationFailure.nonRetryable(rejection.message, rejection.type);
    },
  });

  let wake: { at: number; fired: boolean; scope: CancellationScope } | undefined;
  // Whether this turn began with the wake timer firing and no message (the core asks some patches only then).
  let timerWake = false;
  for (;;) {
    const nowMs = now();
    const decision = decideLifecycle(core, nowMs, {
      input,
      workflowId,
      patched,
      continueAsNewSuggested: workflowInfo().continueAsNewSuggested,
      timerWake,
    });
    core = decision.state;
    for (const command of decision.commands) {
      const outcome = await carryOut(command, nowMs);
      if (outcome) return outcome;
    }
    if (!decision.wait) continue;
    // A message that arrived while this turn's commands ran is looked at now (patched: runs recorded
    // before waited for the next timer).
    if (changed && patched(WAKE_ON_MESSAGE_DURING_TURN)) {
      changed = false;
      timerWake = false;
      continue;
    }
    changed = false;
    if (patched(REUSE_WAKE_TIMER)) {
      // One timer per moment to wake at: an event that leaves the moment unchanged keeps the timer
      // (before, every event cancelled it and started another — a billable action each).
      if (wake && (wake.fired || wake.at !== decision.wakeAt)) {
        if (!wake.fired) wake.scope.cancel();
        wake = undefined;
      }
      if (!wake && decision.wakeAt !== undefined) wake = wakeTimer(decision.wakeAt, nowMs);
      await condition(() => changed || wake?.fired === true);
    } else if (decision.wakeAt !== undefined) await condition(() => changed, Math.max(1, decision.wakeAt - nowMs));
    else await condition(() => changed);
    timerWake = !changed;
    // The message that woke this turn is in the core already; only later ones count as arriving during it.
    changed = false;
  }

  async function carryOut(command: TLifecycleCommand, nowMs: number): Promise<TLifecycleOutcome | undefined> {
    switch (command.kind) {
      case 'upsertSearchAttributes':
        upsertSearchAttributes(searchAttributePairs(command.values));
        return;
      case 'startRecommendation':
        await startOnce(() =>
          startChild(credentialRecommendation, {
            workflowId: recommendationWorkflowId(key),
            args: [{ ...command.args, parentWorkflowId: workflowId, policy, links: input.links }],
            // Outlives the parent's continue-as-new; it reports back by signal, not by result.
            parentClosePolicy: ParentClosePolicy.ABANDON,
            workflowIdReusePolicy: WorkflowIdReusePolicy.ALLOW_DUPLICATE_FAILED_ONLY,
          }),
        );
        return;
      case 'startAcademicWatch': {
        const start = () =>
          startOnce(() =>
            startChild(academicWatch, {
              workflowId: watchWorkflowId(key),
              args: [{ ...command.args, parentWorkflowId: workflowId, policy }],
              parentClosePolicy: ParentClosePolicy.ABANDON,
              workflowIdReusePolicy: WorkflowIdReusePolicy.ALLOW_DUPLICATE,
            }),
          );
        // A watch the PA has just closed may still be finishing its last task when the next one is
        // due (its "closed" signal arrives first): wait for it to end rather than lose the new watch
        // (patched: runs recorded before kept the old watch and sent no notice).
        for (
          let attempt = 1;
          !(await start()) && attempt <= WATCH_RESTART_ATTEMPTS && patched(WATCH_RESTART_WAITS);
          attempt++
        )
          await sleep(100);
        return;
      }
      case 'send': {
        const { intents } = command;
        try {
          const results = await sendNotifications(sendBatch(workflowId, intents) as TEmailBatch);
          core = absorbLifecycle(core, { kind: 'sent', intents, results, sentAtMs: nowMs }, nowMs, {
            policy,
            workflowId,
          }).state;
        } catch (err) {
          // Only non-retryable failures reach here (a message that can never render); transient SES
          // errors are retried by Temporal. The core records them for the PA.
          if (!(err instanceof ActivityFailure)) throw err;
          const reason =
            err.cause instanceof ApplicationFailure
              ? `${err.cause.type ?? 'error'}: ${err.cause.message}`
              : err.message;
          core = absorbLifecycle(core, { kind: 'sendFailed', intents, reason, sentAtMs: nowMs }, nowMs, {
            policy,
            workflowId,
          }).state;
        }
        return;
      }
      case 'cancelWatch':
        await getExternalWorkflowHandle(watchWorkflowId(key)).cancel();
        return;
      case 'cancelRecommendation':
        await getExternalWorkflowHandle(recommendationWorkflowId(key))
          .cancel()
          .catch(() => undefined);
        return;
      case 'sleep':
        await sleep(Math.max(1, command.untilMs - nowMs));
        return;
      case 'drainHandlers':
        await condition(allHandlersFinished);
        return;
      case 'continueAsNew':
        return await continueAsNew<typeof candidateLifecycle>({ ...input, carried: command.carried });
      case 'archive':
        await archiveCandidateRecord({ key: command.key, record: command.record, archivedOn: command.archivedOn });
        return;
      case 'complete':
        return command.outcome;
    }
  }
}

/** A timer for the moment `at`, cancellable when the moment changes. */
function wakeTimer(at: number, nowMs: number): { at: number; fired: boolean; scope: CancellationScope } {
  const scope = new CancellationScope();
  const timer = { at, fired: false, scope };
  // Cancelled when the moment changes; any other failure fails the workflow task, as an await would.
  void scope
    .run(() => sleep(Math.max(1, at - nowMs)))
    .then(
      () => (timer.fired = true),
      (err: unknown) => {
        if (!isCancellation(err)) throw err;
      },
    );
  return timer;
}

/** How often a new watch waits 100 ms for the closing one to end. */
const WATCH_RESTART_ATTEMPTS = 50;

/** False when a child of that id is still running (e.g. started just before a continue-as-new: the one we want). */
async function startOnce(start: () => Promise<unknown>): Promise<boolean> {
  try {
    await start();
    return true;
  } catch (err) {
    if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
    return false;
  }
}
