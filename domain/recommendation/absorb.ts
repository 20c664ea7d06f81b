// The recommendation chain core taking in one message: a step event (validated here, so the
// update's validator and handler give the same answer) or the result of one of its commands.
import { idempotencyKeyOf, parseEvent, type TAbsorbed, type TSendResult } from '../engine/commands';
import { advanceRecommendation, applyStep, rejectStep, type TRecommendationEvent } from './steps';
import { recommendationUrls } from './obligations';
import { type TDeliveryProblem } from './status';
import {
  recommendationContext,
  todayOf,
  type TRecommendationCore,
  type TRecommendationEventAccepted,
  type TRecommendationInput,
  type TRecommendationMessage,
} from './core-types';

// ── absorb ──

export function absorbRecommendation(
  core: TRecommendationCore,
  message: TRecommendationMessage,
  nowMs: number,
  input: TRecommendationInput,
): TAbsorbed<TRecommendationCore, TRecommendationEventAccepted> {
  switch (message.kind) {
    case 'event': {
      const parsed = parseEvent(message.event);
      if ('rejection' in parsed) return { state: core, rejection: parsed.rejection };
      const today = todayOf(nowMs, input);
      // The calendar first: a window that ran out yesterday has lapsed, and a renewal applies to that.
      const current = advanceRecommendation(core.state, input.policy, nowMs);
      const reason = rejectStep(current, parsed.event, { today, policy: input.policy, completion: input.completion });
      if (reason) return { state: core, rejection: { type: 'EventNotAllowed', message: reason } };
      const event = parsed.event as TRecommendationEvent;
      const state = applyStep(current, event, today);
      return {
        state: { ...core, state },
        reply: { accepted: true, type: event.type, date: event.date ?? today, step: state.step },
      };
    }
    case 'sent':
    case 'sendFailed':
      return { state: afterSend(core, message, input) };
    case 'handoffStored': {
      const { packetId, jsonPath, htmlPath } = message.packet;
      return {
        state: {
          ...core,
          handoff: {
            packetId,
            jsonPath,
            htmlPath,
            packetUrl: recommendationUrls(recommendationContext(input)).packet(packetId),
          },
        },
      };
    }
    case 'handoffFailed':
      return { state: { ...core, handoffProblem: message.reason } };
    case 'handoffMarked':
      return { state: core.handoff ? { ...core, handoff: { ...core.handoff, recommendedMarked: true } } : core };
    case 'parentSignalled':
    case 'parentSignalFailed':
      // The key went into progressSent when the signal was decided: a lost signal is not repeated.
      return { state: core };
  }
}

/** Every intent is marked notified, merged with what steps changed meanwhile; failures become delivery problems for the PA. */
function afterSend(
  core: TRecommendationCore,
  result: TSendResult & { workflowId: string },
  input: TRecommendationInput,
): TRecommendationCore {
  const date = todayOf(result.sentAtMs, input);
  const due = result.intents;
  const problems: TDeliveryProblem[] =
    result.kind === 'sendFailed'
      ? due.map((n) => ({ date, template: n.template, recipientRole: n.to.role, reason: result.reason }))
      : result.results
          .filter((r) => r.status === 'failedPermanently')
          .map((r) => {
            const n = due.find((d) => idempotencyKeyOf(result.workflowId, d) === r.idempotencyKey);
            const reason = [r.reason, r.detail].filter(Boolean).join(': ') || 'rejected by SES';
            return { date, template: n?.template ?? 'unknown', recipientRole: n?.to.role ?? 'unknown', reason };
          });
  return {
    ...core,
    state: { ...core.state, notified: [...core.state.notified, ...due.map((n) => n.key)] },
    deliveryProblems: [...core.deliveryProblems, ...problems],
  };
}
