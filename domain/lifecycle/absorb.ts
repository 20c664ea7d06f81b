// The lifecycle core's `absorb`: one message at a time — an event (validated exactly as the update
// validator does), a child's progress signal, or what a send achieved.
import type { TProgramPolicy } from '../policy/policy';
import { idempotencyKeyOf, parseEvent, type TAbsorbed, type TSendResult } from '../engine/commands';
import { computeLifecycleDates } from './dates';
import { applyEvent, rejectEvent, type TEventContext } from './reducer';
import { type TCandidateState } from './state';
import type { TLifecycleCore, TLifecycleMessage, TEventReply } from './core-types';
import { todayOf } from './core-types';

function eventContext(record: TCandidateState, policy: TProgramPolicy, nowMs: number): TEventContext {
  const { keyDates } = computeLifecycleDates(record, policy);
  return {
    today: todayOf(nowMs, policy),
    year2Start: keyDates.programYears.year2.start,
    refundWindowEnds: keyDates.refundWindowEnds,
    policy,
    keyDates,
  };
}

/** Takes in one message. A rejected event leaves the core as it was; the update validator asks this first, so bad input never reaches history. */
export function absorbLifecycle(
  core: TLifecycleCore,
  message: TLifecycleMessage,
  nowMs: number,
  { policy, workflowId }: { policy: TProgramPolicy; workflowId: string },
): TAbsorbed<TLifecycleCore, TEventReply | undefined> {
  const record = core.record;
  const date = todayOf(nowMs, policy);
  switch (message.kind) {
    case 'event': {
      const parsed = parseEvent(message.event);
      if ('rejection' in parsed) return { state: core, rejection: parsed.rejection };
      const ctx = eventContext(record, policy, nowMs);
      const reason = rejectEvent(record, parsed.event, ctx);
      if (reason) return { state: core, rejection: { type: 'EventNotAllowed', message: reason } };
      const next = applyEvent(record, message.event, ctx);
      return {
        state: { ...core, record: next },
        reply: { accepted: true, type: message.event.type, date: message.event.date ?? ctx.today, phase: next.phase },
      };
    }
    case 'watchProgress': {
      const next: TCandidateState = message.closed
        ? {
            ...record,
            flags: { ...record.flags, academicWatch: false, atRisk: false },
            watch: { ...record.watch, open: false },
            timeline: [...record.timeline, { date, kind: 'academicWatchClosed' }],
          }
        : {
            ...record,
            flags: { ...record.flags, atRisk: message.atRisk },
            timeline: [...record.timeline, { date, kind: message.atRisk ? 'atRisk' : 'atRiskCleared' }],
          };
      return { state: { ...core, record: next } };
    }
    case 'recommendationProgress': {
      // R-REC-1…5: the child reports each step; the parent's phase follows (recommended, cleared).
      const p = message;
      const rec = record.recommendation ?? { startedOn: date };
      const kind =
        p.step === 'cleared'
          ? 'cleared'
          : p.step === 'lapsed'
            ? 'ctcWindowLapsed'
            : p.step === 3
              ? 'readyToRecommend'
              : p.step === 4
                ? 'recommendedToCtc'
                : `recommendationStep${p.step}`;
      const next: TCandidateState = {
        ...record,
        phase: p.step === 'cleared' ? 'cleared' : p.step === 4 ? 'recommended' : record.phase,
        recommendation: {
          ...rec,
          ...(p.step === 3 ? { readyOn: p.date, ...(p.packetId ? { packetId: p.packetId } : {}) } : {}),
          ...(p.step === 4 ? { recommendedOn: p.date, lapsedOn: undefined } : {}),
          ...(p.step === 'lapsed' ? { lapsedOn: p.date } : {}),
          ...(p.step === 'cleared' ? { clearedOn: p.date } : {}),
        },
        timeline: [...record.timeline, { date: p.date, kind }],
      };
      return { state: { ...core, record: next } };
    }
    case 'sent':
    case 'sendFailed':
      return { state: { ...core, record: afterSend(record, message, policy, workflowId) } };
  }
}

/** Records what a send achieved: every intent is marked notified (once), failures become delivery problems for the PA. */
function afterSend(
  record: TCandidateState,
  result: TSendResult,
  policy: TProgramPolicy,
  workflowId: string,
): TCandidateState {
  const date = todayOf(result.sentAtMs, policy);
  const due = result.intents;
  const problems: TCandidateState['deliveryProblems'] =
    result.kind === 'sendFailed'
      ? due.map((n) => ({ date, template: n.template, recipientRole: n.to.role, reason: result.reason }))
      : result.results
          .filter((r) => r.status === 'failedPermanently')
          .map((r) => {
            const n = due.find((d) => idempotencyKeyOf(workflowId, d) === r.idempotencyKey);
            return {
              date,
              template: n?.template ?? 'unknown',
              recipientRole: n?.to.role ?? 'unknown',
              reason: [r.reason, r.detail].filter(Boolean).join(': ') || 'rejected by SES',
            };
          });
  const failed = new Set(problems.map((p) => `${p.template}:${p.recipientRole}`));
  return {
    ...record,
    notified: [...record.notified, ...due.map((n) => n.key)],
    deliveryProblems: [...record.deliveryProblems, ...problems],
    timeline: [
      ...record.timeline,
      ...due
        .filter((n) => !failed.has(`${n.template}:${n.to.role}`))
        .map((n) => ({ date, kind: 'emailSent', detail: `${n.template} → ${n.to.role}` })),
    ],
  };
}
