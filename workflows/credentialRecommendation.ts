// The credential-recommendation chain (R-REC-1…5), a child of the candidate's workflow. Steps arrive
// as one validated update, in order only; the workflow sleeps until the next reminder, escalation
// or calendar change it has computed. Side effects follow from the state, never from the update
// handler, so each happens once even across retries and continue-as-new: at READY TO RECOMMEND the
// handoff packet is stored and the credentials office emailed its link; after Step 4 the packet
// leaves the office's queue and the 90-day window runs; each change is signalled to the parent.
import {
  ActivityFailure,
  ApplicationFailure,
  allHandlersFinished,
  condition,
  continueAsNew,
  getExternalWorkflowHandle,
  log,
  proxyActivities,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import type { createEmailActivities } from '../activities/email';
import type { createHandoffActivities } from '../activities/handoff';
import type { createArchiveActivities } from '../activities/archive';
import { localDateOf } from '../domain/dates';
import { ZCandidateEvent } from '../domain/events';
import { handoffInput } from '../domain/handoff';
import type { TNotificationIntent } from '../domain/lifecycle/planner';
import { planObligationNotices } from '../domain/notification-plan';
import { advanceRecommendation, applyStep, initialRecommendationState, lapsedWaitOver, nextRecommendationChangeAt, rejectStep, type TRecommendationEvent, type TRecommendationState } from '../domain/recommendation';
import { recommendationMessage, recommendationObligations, recommendationUrls, type TRecommendationContext } from '../domain/recommendation-obligations';
import { deriveRecommendationStatus, type TDeliveryProblem, type THandoffRecord } from '../domain/recommendation-status';
import {
  recommendationProgressSignal,
  recommendationStatusQuery,
  recordRecommendationEventUpdate,
  type TRecommendationInput,
  type TRecommendationOutcome,
  type TRecommendationProgress,
} from './recommendation-messages';

type EmailActivities = ReturnType<typeof createEmailActivities>;
type RecordActivities = ReturnType<typeof createHandoffActivities> & ReturnType<typeof createArchiveActivities>;

// Same email queue and retry as the parent (rate-limited SES worker); records go to the main queue.
const emailActivities = () =>
  proxyActivities<EmailActivities>({
    taskQueue: `${workflowInfo().taskQueue}-email`,
    startToCloseTimeout: '2 minutes',
    retry: { initialInterval: '5s', backoffCoefficient: 2, maximumInterval: '30 minutes', nonRetryableErrorTypes: ['EmailInvalidBatch'] },
  });
const recordActivities = () =>
  proxyActivities<RecordActivities>({
    startToCloseTimeout: '1 minute',
    retry: { initialInterval: '5s', backoffCoefficient: 2, maximumInterval: '10 minutes', nonRetryableErrorTypes: ['HandoffInvalid', 'ArchiveInvalid'] },
  });

export async function credentialRecommendation(input: TRecommendationInput): Promise<TRecommendationOutcome> {
  const { policy, completion } = input;
  const { sendNotifications } = emailActivities();
  const records = recordActivities();
  const today = () => localDateOf(Date.now(), policy.timeZone);
  const ctx: TRecommendationContext = { candidateKey: input.candidateKey, people: input.people, credentialsOffice: input.credentialsOffice, policy, links: input.links };
  const parentId = input.parentWorkflowId ?? workflowInfo().parent?.workflowId;

  let state: TRecommendationState = input.carried?.state ?? initialRecommendationState(today());
  let handoff: THandoffRecord | undefined = input.carried?.handoff;
  let handoffProblem: string | undefined = input.carried?.handoffProblem;
  let progressSent: string[] = input.carried?.progressSent ?? [];
  let deliveryProblems: TDeliveryProblem[] = input.carried?.deliveryProblems ?? [];
  let changed = false;
  const now = () => advanceRecommendation(state, policy, Date.now());

  setHandler(recommendationStatusQuery, () => deriveRecommendationStatus(state, ctx, { completion, handoff, handoffProblem, deliveryProblems }, Date.now()));
  setHandler(
    recordRecommendationEventUpdate,
    (raw) => {
      const event = ZCandidateEvent.parse(raw) as TRecommendationEvent;
      state = applyStep(now(), event, today());
      changed = true;
      return { accepted: true as const, type: event.type, date: event.date ?? today(), step: state.step };
    },
    {
      validator: (raw) => {
        const parsed = ZCandidateEvent.safeParse(raw);
        if (!parsed.success) {
          const detail = parsed.error.issues.map((i) => `${i.path.join('.') || '(event)'}: ${i.message}`).join('; ');
          throw ApplicationFailure.nonRetryable(`invalid event: ${detail}`, 'InvalidEvent');
        }
        const reason = rejectStep(now(), parsed.data, { today: today(), policy, completion });
        if (reason) throw ApplicationFailure.nonRetryable(reason, 'EventNotAllowed');
      },
    },
  );

  for (;;) {
    changed = false; // anything arriving during this turn's awaits wakes the next one at once
    state = now();
    await catchUp();
    if (state.step === 'cleared' || lapsedWaitOver(state, policy, Date.now())) break;

    const plan = planObligationNotices(recommendationObligations(state, ctx), policy, Date.now(), state.notified);
    if (plan.due.length > 0) await deliver(plan.due);

    if (workflowInfo().continueAsNewSuggested) {
      await condition(allHandlersFinished);
      await continueAsNew<typeof credentialRecommendation>({ ...input, parentWorkflowId: parentId, carried: { state, handoff, handoffProblem, progressSent, deliveryProblems } });
    }
    const wakeAt = Math.min(plan.nextWakeAt ?? Infinity, nextRecommendationChangeAt(state, policy, Date.now()) ?? Infinity);
    if (Number.isFinite(wakeAt)) await condition(() => changed, Math.max(1, wakeAt - Date.now()));
    else await condition(() => changed);
  }

  await condition(allHandlersFinished);
  const outcome: TRecommendationOutcome = {
    outcome: state.step === 'cleared' ? 'cleared' : 'lapsed',
    recommendedOn: state.recommendedOn ?? today(),
    ...(state.clearedOn ? { clearedOn: state.clearedOn } : {}),
    ...(state.lapsedOn ? { lapsedOn: state.lapsedOn } : {}),
  };
  // Temporal keeps a closed history only for the namespace's retention period: keep our own copy.
  const { carried: _carried, ...started } = input;
  await records.archiveCandidateRecord({ key: input.candidateKey, source: 'recommendation', archivedOn: today(), record: { input: started, state, handoff, handoffProblem, deliveryProblems, outcome } });
  return outcome;

  /** Effects the state calls for that have not happened yet (each at most once). */
  async function catchUp(): Promise<void> {
    const step3 = state.completed.step3;
    if (step3 && !handoff && !handoffProblem) {
      try {
        const packet = await records.createHandoffPacket(
          handoffInput({ candidateKey: input.candidateKey, candidate: input.people.candidate, programName: policy.name, policyId: policy.id, completion, state }),
        );
        handoff = { packetId: packet.packetId, jsonPath: packet.jsonPath, htmlPath: packet.htmlPath, packetUrl: recommendationUrls(ctx).packet(packet.packetId) };
      } catch (err) {
        // Only a non-retryable failure (a packet that can never validate) lands here: show it to the PA.
        if (!(err instanceof ActivityFailure)) throw err;
        handoffProblem = err.cause instanceof ApplicationFailure ? err.cause.message : err.message;
      }
      if (handoff) {
        const notice = recommendationMessage(ctx, 'credentialsOffice', 'handoff.notice.credentialsOffice', { candidateName: input.people.candidate.name, readyOn: step3.date, packetUrl: handoff.packetUrl });
        await deliver(notice.map((m) => ({ key: `handoff.${handoff!.packetId}:${m.to.role}`, ...m })));
      }
    }
    if (state.completed.step4 && handoff && !handoff.recommendedMarked) {
      await records.markHandoffRecommended({ candidateKey: input.candidateKey, packetId: handoff.packetId, recommendedOn: state.completed.step4.date });
      handoff = { ...handoff, recommendedMarked: true };
    }
    if (state.step === 'cleared' && state.clearedOn) {
      const notice = recommendationMessage(ctx, 'candidate', 'cleared.notice.candidate', { clearedOn: state.clearedOn });
      await deliver(notice.map((m) => ({ key: `cleared:${m.to.role}`, ...m })).filter((n) => !state.notified.includes(n.key)));
    }
    for (const [key, progress] of progressDue()) {
      progressSent = [...progressSent, key];
      if (!parentId) continue;
      try {
        await getExternalWorkflowHandle(parentId).signal(recommendationProgressSignal, progress);
      } catch (err) {
        // The parent may have closed (withdrawn, or a test without one); the chain goes on regardless.
        log.warn('recommendation progress not delivered to the parent', { key, error: String(err) });
      }
    }
  }

  function progressDue(): [string, TRecommendationProgress][] {
    const out: [string, TRecommendationProgress][] = [];
    for (const n of [1, 2, 3, 4] as const) {
      const done = state.completed[`step${n}`];
      if (done) out.push([`step${n}`, { step: n, date: done.date, ...(n === 3 && handoff ? { packetId: handoff.packetId } : {}) }]);
    }
    if (state.renewals > 0 && state.recommendedOn) out.push([`step4.r${state.renewals}`, { step: 4, date: state.recommendedOn, renewal: state.renewals }]);
    if (state.lapsedOn) out.push([`lapsed.w${state.renewals}`, { step: 'lapsed', date: state.lapsedOn }]);
    if (state.clearedOn) out.push(['cleared', { step: 'cleared', date: state.clearedOn }]);
    // Step 3 waits for its packet (the parent records the packet id), unless the packet failed.
    return out.filter(([key]) => !progressSent.includes(key) && (key !== 'step3' || handoff !== undefined || handoffProblem !== undefined));
  }

  async function deliver(due: TNotificationIntent[]): Promise<void> {
    if (due.length === 0) return;
    const { workflowId } = workflowInfo();
    const keyOf = (n: TNotificationIntent) => `${workflowId}:${n.key}`;
    const date = today();
    let problems: TDeliveryProblem[] = [];
    try {
      const batch = due.map((n) => ({ idempotencyKey: keyOf(n), template: n.template, data: n.data, to: n.to, cc: n.cc })) as Parameters<EmailActivities['sendNotifications']>[0];
      const results = await sendNotifications(batch);
      problems = results
        .filter((r) => r.status === 'failedPermanently')
        .map((r) => {
          const n = due.find((d) => keyOf(d) === r.idempotencyKey);
          return { date, template: n?.template ?? 'unknown', recipientRole: n?.to.role ?? 'unknown', reason: [r.reason, r.detail].filter(Boolean).join(': ') || 'rejected by SES' };
        });
    } catch (err) {
      // As in the parent: only a message that can never render lands here; record it for the PA.
      if (!(err instanceof ActivityFailure)) throw err;
      const reason = err.cause instanceof ApplicationFailure ? `${err.cause.type ?? 'error'}: ${err.cause.message}` : err.message;
      problems = due.map((n) => ({ date, template: n.template, recipientRole: n.to.role, reason }));
    }
    // An update may have moved the state on while the activity ran: merge, don't overwrite.
    state = { ...state, notified: [...state.notified, ...due.map((n) => n.key)] };
    deliveryProblems = [...deliveryProblems, ...problems];
  }
}
