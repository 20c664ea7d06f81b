// The academic watch core taking in one message: a watch event (validated here, so the update's
// validator and handler give the same answer), an email batch's result, or the outcome of a signal
// to the parent. Also the signals an absorbed event made due (see watch-core.ts for the contract).
import { ZCandidateEvent } from '../events';
import type { TAbsorbed } from '../engine/commands';
import type { TNotificationIntent } from '../lifecycle/planner';
import { applyWatchEvent, rejectWatchEvent, WATCH_EVENT_TYPES, type TWatchEvent } from './watch';
import {
  today,
  type TDeliveryProblem,
  type TSignalParentCommand,
  type TWatchCore,
  type TWatchEventReply,
  type TWatchInput,
  type TWatchMessage,
} from './watch-core-types';

export function absorbWatch(
  core: TWatchCore,
  message: TWatchMessage,
  nowMs: number,
  input: TWatchInput,
): TAbsorbed<TWatchCore, TWatchEventReply> {
  const date = today(nowMs, input.policy);
  switch (message.kind) {
    case 'event': {
      const parsed = ZCandidateEvent.safeParse(message.event);
      if (!parsed.success || !(WATCH_EVENT_TYPES as readonly string[]).includes(parsed.data.type)) {
        const detail = parsed.success
          ? `'${parsed.data.type}' is not an academic-watch event`
          : parsed.error.issues.map((i) => `${i.path.join('.') || '(event)'}: ${i.message}`).join('; ');
        return { state: core, rejection: { type: 'InvalidEvent', message: `invalid event: ${detail}` } };
      }
      const event = parsed.data as TWatchEvent;
      const reason = rejectWatchEvent(core.watch, event, date);
      if (reason) return { state: core, rejection: { type: 'EventNotAllowed', message: reason } };
      const watch = applyWatchEvent(core.watch, event, date);
      // R-INT-2: an extension lifts at-risk; the parent is told at once (parentSignalsNow).
      const pendingSignals =
        watch.atRisk !== core.watch.atRisk
          ? [...core.pendingSignals, { atRisk: watch.atRisk, closed: false }]
          : core.pendingSignals;
      return { state: { ...core, watch, pendingSignals }, reply: { accepted: true, stage: watch.stage } };
    }
    case 'sent':
    case 'sendFailed': {
      const sentOn = today(message.sentAtMs, input.policy);
      const problem = (n: TNotificationIntent, reason: string): TDeliveryProblem => ({
        date: sentOn,
        template: n.template,
        recipientRole: n.to.role,
        reason,
      });
      // The email activity answers one result per notice, in the batch's order.
      const problems =
        message.kind === 'sendFailed'
          ? message.intents.map((n) => problem(n, message.reason))
          : message.intents.flatMap((n, i) => {
              const r = message.results[i];
              return r?.status === 'failedPermanently'
                ? [problem(n, [r.reason, r.detail].filter(Boolean).join(': ') || 'rejected by SES')]
                : [];
            });
      return { state: problems.length ? { ...core, deliveryProblems: [...core.deliveryProblems, ...problems] } : core };
    }
    case 'parentSignalled':
    case 'parentSignalFailed': {
      // Signals are answered in the order they were sent.
      const answered = {
        ...core,
        signalsInFlight: Math.max(0, core.signalsInFlight - 1),
        parentAnswersAwaited: Math.max(0, core.parentAnswersAwaited - 1),
      };
      if (message.kind === 'parentSignalled') return { state: answered };
      return {
        state: { ...answered, parentSignalProblem: { date, progress: message.progress, reason: message.reason } },
      };
    }
  }
}

/** The parent signals an absorbed event made due: carry them out at once (R-AW-2, R-INT-2: the parent's at-risk flag follows the watch). */
export function parentSignalsNow(core: TWatchCore): { state: TWatchCore; commands: TSignalParentCommand[] } {
  if (!core.pendingSignals.length) return { state: core, commands: [] };
  const commands = core.pendingSignals.map((progress): TSignalParentCommand => ({ kind: 'signalParent', progress }));
  return { state: { ...core, pendingSignals: [], signalsInFlight: core.signalsInFlight + commands.length }, commands };
}
