// One workflow per candidate, from the first day of the administrative assignment to a cleared
// credential. It sleeps until the next moment it has computed (a reminder, an escalation, a phase
// change) — never a daily poll — and wakes early only when an event arrives.
import {
  allHandlersFinished,
  condition,
  continueAsNew,
  proxyActivities,
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
import type { createEmailActivities } from '../activities/email';
import { ZCandidateEvent, type TCandidateEvent } from '../domain/events';
import { localDateOf } from '../domain/dates';
import { computeLifecycleDates } from '../domain/lifecycle/dates';
import { applyEvent, rejectEvent, type TEventContext } from '../domain/lifecycle/reducer';
import { advanceByTime, nextPhaseChangeAt } from '../domain/lifecycle/phases';
import { planMoment, type TNotificationIntent } from '../domain/lifecycle/planner';
import { deriveStatus } from '../domain/lifecycle/status';
import { enrolledLate, initialState, standingInQuestion, TERMINAL_PHASES, upgradeState, type TCandidateState } from '../domain/lifecycle/state';
import type { TLifecycleInput, TLifecycleOutcome } from '../domain/lifecycle/input';
import { recordEventUpdate, statusQuery, tasksQuery } from './messages';
import { taskSummary } from '../domain/portal/tasks';
import { academicWatch } from './academicWatch';
import { watchProgressSignal, watchWorkflowId } from './watch-messages';
import { evaluateRisk } from '../domain/lifecycle/risk-notices';
import { hasDeferralBy } from '../domain/deferral';
import { COMPLETION_WAITS_FOR_STANDING, DEFERRAL_PAUSES_PACE, HOURS_REMINDERS, MORE_REMINDERS, OWED_FROM_ENROLLMENT, EVENT_CONFIRMATIONS, PACE_FOLLOWS_CALENDAR, STATUS_CONFIRMATIONS, WORKING_DAYS } from './patches';
import { eventConfirmations, statusConfirmations, type TConfirmations } from '../domain/lifecycle/confirmations';
import { recipient } from '../domain/lifecycle/people';
import { candidateKey } from '../domain/candidate';
import { searchAttributesFor } from './search-attribute-values';
import { completionReview } from '../domain/completion';
import type { createArchiveActivities } from '../activities/archive';
import { credentialRecommendation } from './credentialRecommendation';
import { recommendationProgressSignal, recommendationWorkflowId } from './recommendation-messages';

type EmailActivities = ReturnType<typeof createEmailActivities>;
const { archiveCandidateRecord } = proxyActivities<ReturnType<typeof createArchiveActivities>>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '5s', backoffCoefficient: 2, maximumInterval: '10 minutes', nonRetryableErrorTypes: ['ArchiveInvalid'] },
});

// Email goes to its own task queue so its worker can be rate limited to the SES send rate.
// Timeouts and non-retryable error types are declared here, once.
const emailActivities = () =>
  proxyActivities<EmailActivities>({
    taskQueue: `${workflowInfo().taskQueue}-email`,
    startToCloseTimeout: '2 minutes',
    retry: { initialInterval: '5s', backoffCoefficient: 2, maximumInterval: '30 minutes', nonRetryableErrorTypes: ['EmailInvalidBatch'] },
  });

export async function candidateLifecycle(input: TLifecycleInput): Promise<TLifecycleOutcome> {
  const { policy } = input;
  const { sendNotifications } = emailActivities();
  let state: TCandidateState = input.carried ? upgradeState(input.carried) : initialState(input.start);
  let changed = false;

  const today = () => localDateOf(Date.now(), policy.timeZone);
  const eventContext = (): TEventContext => {
    const dates = computeLifecycleDates(state, policy);
    return { today: today(), year2Start: dates.keyDates.programYears.year2.start, refundWindowEnds: dates.keyDates.refundWindowEnds, policy, keyDates: dates.keyDates };
  };

  setHandler(statusQuery, () => deriveStatus(state, policy, Date.now()));
  setHandler(tasksQuery, () => taskSummary(state, policy, Date.now()));
  setHandler(watchProgressSignal, ({ atRisk, closed }) => {
    state = closed
      ? { ...state, flags: { ...state.flags, academicWatch: false, atRisk: false }, watch: { ...state.watch, open: false }, timeline: [...state.timeline, { date: today(), kind: 'academicWatchClosed' }] }
      : { ...state, flags: { ...state.flags, atRisk }, timeline: [...state.timeline, { date: today(), kind: atRisk ? 'atRisk' : 'atRiskCleared' }] };
    changed = true;
  });
  // R-REC-1…5: the child reports each step; the parent's phase follows (recommended, cleared).
  setHandler(recommendationProgressSignal, (p) => {
    const rec = state.recommendation ?? { startedOn: today() };
    const kind = p.step === 'cleared' ? 'cleared' : p.step === 'lapsed' ? 'ctcWindowLapsed' : p.step === 3 ? 'readyToRecommend' : p.step === 4 ? 'recommendedToCtc' : `recommendationStep${p.step}`;
    state = {
      ...state,
      phase: p.step === 'cleared' ? 'cleared' : p.step === 4 ? 'recommended' : state.phase,
      recommendation: {
        ...rec,
        ...(p.step === 3 ? { readyOn: p.date, ...(p.packetId ? { packetId: p.packetId } : {}) } : {}),
        ...(p.step === 4 ? { recommendedOn: p.date, lapsedOn: undefined } : {}),
        ...(p.step === 'lapsed' ? { lapsedOn: p.date } : {}),
        ...(p.step === 'cleared' ? { clearedOn: p.date } : {}),
      },
      timeline: [...state.timeline, { date: p.date, kind }],
    };
    changed = true;
  });
  setHandler(
    recordEventUpdate,
    (event: TCandidateEvent) => {
      const ctx = eventContext();
      state = applyEvent(state, event, ctx);
      changed = true;
      return { accepted: true as const, type: event.type, date: event.date ?? ctx.today, phase: state.phase };
    },
    {
      validator: (raw: TCandidateEvent) => {
        const parsed = ZCandidateEvent.safeParse(raw);
        if (!parsed.success) {
          const detail = parsed.error.issues.map((i) => `${i.path.join('.') || '(event)'}: ${i.message}`).join('; ');
          throw ApplicationFailure.nonRetryable(`invalid event: ${detail}`, 'InvalidEvent');
        }
        const reason = rejectEvent(state, parsed.data, eventContext());
        if (reason) throw ApplicationFailure.nonRetryable(reason, 'EventNotAllowed');
      },
    },
  );

  let lastSearchAttributes = '';
  const publishSearchAttributes = () => {
    const values = searchAttributesFor(state, policy, Date.now());
    const key = JSON.stringify(values);
    if (key !== lastSearchAttributes) {
      upsertSearchAttributes(values);
      lastSearchAttributes = key;
    }
  };

  const startedInYear = state.phase;
  while (!TERMINAL_PHASES.includes(state.phase)) {
    state = advanceByTime(state, policy, Date.now());
    // R-TIME-1 (patched): decided once, for late enrollees only, and carried in the record.
    if (state.owedFromEnrollment === undefined && enrolledLate(state, policy)) state = { ...state, owedFromEnrollment: patched(OWED_FROM_ENROLLMENT) };
    // R-REM-1 (patched): decided once, at the first wake.
    if (state.moreReminders === undefined) state = { ...state, moreReminders: patched(MORE_REMINDERS) };
    if (state.hoursReminders === undefined) state = { ...state, hoursReminders: patched(HOURS_REMINDERS) };
    // R-TIME-2 (patched): decided at the first deferral or extension.
    if (state.workingDayShifts === undefined && state.shifts.length > 0) state = { ...state, workingDayShifts: patched(WORKING_DAYS) };
    // R-CMP-4 (patched): decided the first time a watch or at-risk status meets completion review.
    if (state.standingHoldsCompletion === undefined && standingInQuestion(state)) state = { ...state, standingHoldsCompletion: patched(COMPLETION_WAITS_FOR_STANDING) };
    publishSearchAttributes();
    if (TERMINAL_PHASES.includes(state.phase)) break;

    // R-CMP-1…3: completion review passes → the recommendation chain starts (once; it survives continue-as-new).
    if (state.phase === 'completionReview') {
      const review = completionReview(state, policy);
      if (review.ready) await startRecommendation(review);
    }

    // patched() only once a deferral has begun: a candidate who never defers keeps the same history.
    const deferralPausesPace = hasDeferralBy(state.shifts, today()) && patched(DEFERRAL_PAUSES_PACE);
    // Only where pace is evaluated (the program years): applicants' histories stay as they were.
    const paceFollowsCalendar = (state.phase === 'year1' || state.phase === 'year2') && patched(PACE_FOLLOWS_CALENDAR);
    const risk = evaluateRisk(state, policy, Date.now(), input.links, { deferralPausesPace, paceFollowsCalendar });
    state = risk.state;
    if (risk.openWatch) await startAcademicWatch(risk.openWatch);
    publishSearchAttributes();
    const plan = planMoment(state, policy, Date.now(), input.links);
    const confirmations = confirmationsBehind(EVENT_CONFIRMATIONS, eventConfirmations(state, policy, Date.now(), input.links));
    const statusChanges = confirmationsBehind(STATUS_CONFIRMATIONS, statusConfirmations(state, policy, Date.now(), input.links));
    const due = [...risk.notices, ...confirmations.notices, ...statusChanges.notices, ...plan.due];
    if (due.length > 0) state = await deliver(due);

    // A new program year, or a long history, starts a fresh run with the record intact.
    const crossedYear = startedInYear !== state.phase && (state.phase === 'year2' || state.phase === 'completionReview');
    if (crossedYear || workflowInfo().continueAsNewSuggested) {
      await condition(allHandlersFinished);
      await continueAsNew<typeof candidateLifecycle>({ ...input, carried: state });
    }

    changed = false;
    const wakeAt = Math.min(plan.nextWakeAt ?? Infinity, risk.wakeAt ?? Infinity, confirmations.wakeAt ?? Infinity, statusChanges.wakeAt ?? Infinity, nextPhaseChangeAt(state, policy, Date.now()) ?? Infinity);
    if (Number.isFinite(wakeAt)) await condition(() => changed, Math.max(1, wakeAt - Date.now()));
    else await condition(() => changed);
  }

  publishSearchAttributes();
  // R-ADM-5: a withdrawal is confirmed, with its refund statement, before the record closes (after
  // quiet hours if it was recorded at night: nothing else can happen to a withdrawn record).
  let farewell = confirmationsBehind(STATUS_CONFIRMATIONS, statusConfirmations(state, policy, Date.now(), input.links));
  if (farewell.wakeAt !== undefined) {
    await sleep(Math.max(1, farewell.wakeAt - Date.now()));
    farewell = statusConfirmations(state, policy, Date.now(), input.links);
  }
  if (farewell.notices.length > 0) state = await deliver(farewell.notices);
  // An academic watch outlives continue-as-new (ABANDON); when the candidate leaves, it ends too.
  if (state.watch.open) await getExternalWorkflowHandle(watchWorkflowId(candidateKey(input.start.programId, input.start.candidateId))).cancel();
  const key = candidateKey(input.start.programId, input.start.candidateId);
  // A withdrawal during the chain ends the chain too (it was started with ABANDON).
  if (state.phase === 'withdrawn' && state.recommendation && !state.recommendation.clearedOn) {
    await getExternalWorkflowHandle(recommendationWorkflowId(key)).cancel().catch(() => undefined);
  }
  await condition(allHandlersFinished);
  // Temporal keeps a closed history only for the namespace's retention period: archive the record.
  await archiveCandidateRecord({ key, record: state, archivedOn: today() });
  return { phase: state.phase, withdrawal: state.withdrawal };

  async function startAcademicWatch(openWatch: NonNullable<ReturnType<typeof evaluateRisk>['openWatch']>) {
    const key = candidateKey(input.start.programId, input.start.candidateId);
    const people = { candidate: recipient(state, 'candidate')!, pa: recipient(state, 'pa')!, ...(state.start.coach ? { coach: recipient(state, 'coach')! } : {}) };
    try {
      await startChild(academicWatch, {
      workflowId: watchWorkflowId(key),
      args: [{ candidateKey: key, parentWorkflowId: workflowInfo().workflowId, policy, portalUrl: input.links.portalUrl, people, ...openWatch, evidence: openWatch.evidence, missingCount: openWatch.missing, lateCount: openWatch.late }],
      // Survives the parent's continue-as-new; it reports back by signal, not by result.
      parentClosePolicy: ParentClosePolicy.ABANDON,
      workflowIdReusePolicy: WorkflowIdReusePolicy.ALLOW_DUPLICATE,
      });
    } catch (err) {
      // A watch already running (e.g. started just before a continue-as-new) is the one we want.
      if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
    }
    state = { ...state, timeline: [...state.timeline, { date: today(), kind: 'academicWatchOpened', detail: openWatch.evidence.join('; ') }] };
  }

  async function startRecommendation(completion: ReturnType<typeof completionReview>) {
    const key = candidateKey(input.start.programId, input.start.candidateId);
    const s = state.start;
    try {
      await startChild(credentialRecommendation, {
        workflowId: recommendationWorkflowId(key),
        args: [{
          candidateKey: key,
          parentWorkflowId: workflowInfo().workflowId,
          people: { candidate: s.candidate, coach: s.coach, supervisor: s.supervisor, programAdministrator: s.programAdministrator, director: s.director },
          policy,
          links: input.links,
          completion,
          credentialsOffice: input.credentialsOffice ?? s.programAdministrator,
        }],
        // Outlives the parent's continue-as-new; it reports back by signal, not by result.
        parentClosePolicy: ParentClosePolicy.ABANDON,
        workflowIdReusePolicy: WorkflowIdReusePolicy.ALLOW_DUPLICATE_FAILED_ONLY,
      });
    } catch (err) {
      if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
    }
    state = { ...state, phase: 'recommendation', recommendation: { startedOn: today() }, timeline: [...state.timeline, { date: today(), kind: 'phaseChanged', detail: 'recommendation' }] };
  }

  /** Confirmations a patch introduced: patched() is asked only when one is due, so other histories keep their commands. */
  function confirmationsBehind(patchId: string, found: TConfirmations): TConfirmations {
    return (found.notices.length > 0 || found.wakeAt !== undefined) && patched(patchId) ? found : { notices: [] };
  }

  async function deliver(due: TNotificationIntent[]): Promise<TCandidateState> {
    const { workflowId } = workflowInfo();
    const keyOf = (n: TNotificationIntent) => `${workflowId}:${n.key}`;
    const date = today();
    let problems: TCandidateState['deliveryProblems'] = [];
    try {
      // Data is checked against each template's schema by the activity (an activity input from outside).
      const batch = due.map((n) => ({ idempotencyKey: keyOf(n), template: n.template, data: n.data, to: n.to, cc: n.cc })) as Parameters<EmailActivities['sendNotifications']>[0];
      const results = await sendNotifications(batch);
      problems = results
        .filter((r) => r.status === 'failedPermanently')
        .map((r) => {
          const n = due.find((d) => keyOf(d) === r.idempotencyKey);
          return { date, template: n?.template ?? 'unknown', recipientRole: n?.to.role ?? 'unknown', reason: [r.reason, r.detail].filter(Boolean).join(': ') || 'rejected by SES' };
        });
    } catch (err) {
      // Only non-retryable failures reach here (a message that can never render); transient SES
      // errors are retried by Temporal. Record them for the PA rather than failing the candidate.
      if (!(err instanceof ActivityFailure)) throw err;
      const reason = err.cause instanceof ApplicationFailure ? `${err.cause.type ?? 'error'}: ${err.cause.message}` : err.message;
      problems = due.map((n) => ({ date, template: n.template, recipientRole: n.to.role, reason }));
    }
    const failed = new Set(problems.map((p) => `${p.template}:${p.recipientRole}`));
    // The state may have moved on while the activity ran (an update arrived): merge, don't overwrite.
    return {
      ...state,
      notified: [...state.notified, ...due.map((n) => n.key)],
      deliveryProblems: [...state.deliveryProblems, ...problems],
      timeline: [
        ...state.timeline,
        ...due.filter((n) => !failed.has(`${n.template}:${n.to.role}`)).map((n) => ({ date, kind: 'emailSent', detail: `${n.template} → ${n.to.role}` })),
      ],
    };
  }
}
