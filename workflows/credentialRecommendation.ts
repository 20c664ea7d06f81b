// The credential-recommendation chain (R-REC-1…5), a child of the candidate's workflow, as a thin
// interpreter of its decision core (domain/recommendation/core.ts): every rule is there. Each turn
// the workflow reads the clock, asks the core what to do, carries the commands out in order and
// feeds their results back, and asks again until the core is quiet ("decide until quiet"); then it
// sleeps until the core's wakeAt or until a step arrives through the update. Steps are validated
// and applied by the core too, so a rejected step never reaches the history.
import {
  ActivityFailure,
  ApplicationFailure,
  allHandlersFinished,
  condition,
  continueAsNew,
  getExternalWorkflowHandle,
  log,
  patched,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import { sendBatch } from '../domain/engine/commands';
import {
  absorbRecommendation,
  carriedOf,
  decideRecommendation,
  initialRecommendationCore,
  recommendationStatus,
  type TRecommendationCommand,
  type TRecommendationInput,
  type TRecommendationMessage,
  type TRecommendationOutcome,
} from '../domain/recommendation/core';
import { emailActivities, recordActivities, type TEmailBatch } from './proxies';
import {
  recommendationProgressSignal,
  recommendationStatusQuery,
  recordRecommendationEventUpdate,
} from './recommendation-messages';

const now = () => Date.now();

export async function credentialRecommendation(input: TRecommendationInput): Promise<TRecommendationOutcome> {
  const { sendNotifications } = emailActivities();
  const records = recordActivities();
  const { workflowId } = workflowInfo();
  const run: TRecommendationInput = {
    ...input,
    parentWorkflowId: input.parentWorkflowId ?? workflowInfo().parent?.workflowId,
  };

  let core = initialRecommendationCore(run, now());
  let changed = false;
  const absorb = (message: TRecommendationMessage, nowMs: number) => {
    const absorbed = absorbRecommendation(core, message, nowMs, run);
    if (absorbed.rejection) throw ApplicationFailure.nonRetryable(absorbed.rejection.message, absorbed.rejection.type);
    core = absorbed.state;
    return absorbed.reply;
  };

  setHandler(recommendationStatusQuery, () => recommendationStatus(core, run, now()));
  setHandler(
    recordRecommendationEventUpdate,
    (event) => {
      const reply = absorb({ kind: 'event', event }, now())!;
      changed = true;
      return reply;
    },
    {
      validator: (event) => {
        const { rejection } = absorbRecommendation(core, { kind: 'event', event }, now(), run);
        if (rejection) throw ApplicationFailure.nonRetryable(rejection.message, rejection.type);
      },
    },
  );

  for (;;) {
    changed = false; // a step arriving during this turn wakes the next one at once
    let nowMs = now();
    let decision = decideRecommendation(core, nowMs, run, patched);
    core = decision.state;
    while (decision.commands.length > 0) {
      for (const command of decision.commands) {
        const outcome = await carryOut(command, nowMs);
        if (outcome) return outcome;
      }
      nowMs = now();
      decision = decideRecommendation(core, nowMs, run, patched);
      core = decision.state;
    }

    if (workflowInfo().continueAsNewSuggested) {
      await condition(allHandlersFinished);
      await continueAsNew<typeof credentialRecommendation>({
        ...input,
        parentWorkflowId: run.parentWorkflowId,
        carried: carriedOf(core),
      });
    }
    if (decision.wakeAt !== undefined) await condition(() => changed, Math.max(1, decision.wakeAt - nowMs));
    else await condition(() => changed);
  }

  /** Carries out one command and absorbs its result; returns the outcome when the run completes. */
  async function carryOut(command: TRecommendationCommand, nowMs: number): Promise<TRecommendationOutcome | undefined> {
    switch (command.kind) {
      case 'send': {
        const { intents } = command;
        try {
          const results = await sendNotifications(sendBatch(workflowId, intents) as TEmailBatch);
          absorb({ kind: 'sent', intents, results, sentAtMs: nowMs, workflowId }, nowMs);
        } catch (err) {
          // Only a message that can never render lands here: the core records it for the PA.
          if (!(err instanceof ActivityFailure)) throw err;
          const reason =
            err.cause instanceof ApplicationFailure
              ? `${err.cause.type ?? 'error'}: ${err.cause.message}`
              : err.message;
          absorb({ kind: 'sendFailed', intents, reason, sentAtMs: nowMs, workflowId }, nowMs);
        }
        return undefined;
      }
      case 'createHandoffPacket':
        try {
          absorb({ kind: 'handoffStored', packet: await records.createHandoffPacket(command.packetInput) }, nowMs);
        } catch (err) {
          // Only a non-retryable failure (a packet that can never validate) lands here.
          if (!(err instanceof ActivityFailure)) throw err;
          absorb(
            {
              kind: 'handoffFailed',
              reason: err.cause instanceof ApplicationFailure ? err.cause.message : err.message,
            },
            nowMs,
          );
        }
        return undefined;
      case 'markHandoffRecommended':
        await records.markHandoffRecommended(command.args);
        absorb({ kind: 'handoffMarked' }, nowMs);
        return undefined;
      case 'signalParent':
        try {
          await getExternalWorkflowHandle(command.parentWorkflowId).signal(
            recommendationProgressSignal,
            command.progress,
          );
          absorb({ kind: 'parentSignalled', key: command.key }, nowMs);
        } catch (err) {
          log.warn('recommendation progress not delivered to the parent', { key: command.key, error: String(err) });
          absorb({ kind: 'parentSignalFailed', key: command.key, error: String(err) }, nowMs);
        }
        return undefined;
      case 'archive':
        await condition(allHandlersFinished);
        await records.archiveCandidateRecord(command.args);
        return undefined;
      case 'complete':
        await condition(allHandlersFinished);
        return command.outcome;
    }
  }
}
