// Written only for bench/naive-daily-poll.ts, never registered by the real worker: the candidate
// workflow as it would look without computed wake-ups. The same record, the same events (the real
// update and query), the same rules and messages — but it wakes every day at the send time,
// re-checks everything and sends what is due (events wait for the next check), the "cron job per candidate" design the real workflow avoids. (It opens no
// academic watch: the benchmark's on-track script never needs one.)
import {
  ActivityFailure,
  ApplicationFailure,
  allHandlersFinished,
  condition,
  continueAsNew,
  proxyActivities,
  setHandler,
  sleep,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { createEmailActivities } from '../../activities/email';
import { addDays, localDateOf, zonedInstant } from '../../domain/calendar/dates';
import { ZCandidateEvent, type TCandidateEvent } from '../../domain/events';
import { computeLifecycleDates } from '../../domain/lifecycle/dates';
import type { TLifecycleInput, TLifecycleOutcome } from '../../domain/lifecycle/input';
import { advanceByTime } from '../../domain/lifecycle/phases';
import { planMoment, type TNotificationIntent } from '../../domain/lifecycle/planner';
import { applyEvent, rejectEvent, type TEventContext } from '../../domain/lifecycle/reducer';
import { evaluateRisk } from '../../domain/risk/notices';
import { initialState, TERMINAL_PHASES, upgradeState, type TCandidateState } from '../../domain/lifecycle/state';
import { deriveStatus } from '../../domain/lifecycle/status';
import { recordEventUpdate, statusQuery } from '../../workflows/messages';
import { searchAttributePairs } from '../../workflows/search-attribute-values';
import { searchAttributeValues } from '../../domain/lifecycle/core';

type EmailActivities = ReturnType<typeof createEmailActivities>;

const { sendNotifications } = proxyActivities<EmailActivities>({
  taskQueue: `${workflowInfo().taskQueue}-email`,
  startToCloseTimeout: '2 minutes',
  retry: {
    initialInterval: '5s',
    backoffCoefficient: 2,
    maximumInterval: '30 minutes',
    nonRetryableErrorTypes: ['EmailInvalidBatch'],
  },
});

export async function dailyPollLifecycle(input: TLifecycleInput): Promise<TLifecycleOutcome> {
  const { policy } = input;
  let state: TCandidateState = input.carried ? upgradeState(input.carried) : initialState(input.start);
  const today = () => localDateOf(Date.now(), policy.timeZone);
  const eventContext = (): TEventContext => {
    const { keyDates } = computeLifecycleDates(state, policy);
    return {
      today: today(),
      year2Start: keyDates.programYears.year2.start,
      refundWindowEnds: keyDates.refundWindowEnds,
      policy,
      keyDates,
    };
  };

  setHandler(statusQuery, () => deriveStatus(state, policy, Date.now()));
  setHandler(
    recordEventUpdate,
    (event: TCandidateEvent) => {
      const ctx = eventContext();
      state = applyEvent(state, event, ctx);
      return { accepted: true as const, type: event.type, date: event.date ?? ctx.today, phase: state.phase };
    },
    {
      validator: (raw: TCandidateEvent) => {
        const parsed = ZCandidateEvent.safeParse(raw);
        if (!parsed.success) throw ApplicationFailure.nonRetryable('invalid event', 'InvalidEvent');
        const reason = rejectEvent(state, parsed.data, eventContext());
        if (reason) throw ApplicationFailure.nonRetryable(reason, 'EventNotAllowed');
      },
    },
  );

  let lastSearchAttributes = '';
  const startedIn = state.phase;
  while (!TERMINAL_PHASES.includes(state.phase)) {
    // The daily check: every rule, every day.
    state = advanceByTime(state, policy, Date.now());
    const risk = evaluateRisk(state, policy, Date.now(), input.links, {
      deferralPausesPace: true,
      paceFollowsCalendar: true,
    });
    state = risk.state;
    const values = searchAttributePairs(searchAttributeValues(state, policy, Date.now()));
    if (JSON.stringify(values) !== lastSearchAttributes) {
      upsertSearchAttributes(values);
      lastSearchAttributes = JSON.stringify(values);
    }
    const due = [...risk.notices, ...planMoment(state, policy, Date.now(), input.links).due];
    if (due.length > 0) state = await deliver(due);
    const crossedYear = startedIn !== state.phase && (state.phase === 'year2' || state.phase === 'completionReview');
    if (crossedYear || workflowInfo().continueAsNewSuggested) {
      await condition(allHandlersFinished);
      await continueAsNew<typeof dailyPollLifecycle>({ ...input, carried: state });
    }
    // Once a day at the policy's send time (08:00 local), so it sends what the real one sends.
    const todaysCheck = zonedInstant(today(), policy.notifications.sendAt, policy.timeZone);
    const next =
      todaysCheck > Date.now()
        ? todaysCheck
        : zonedInstant(addDays(today(), 1), policy.notifications.sendAt, policy.timeZone);
    await sleep(next - Date.now());
  }
  await condition(allHandlersFinished);
  return { phase: state.phase, withdrawal: state.withdrawal };

  async function deliver(due: TNotificationIntent[]): Promise<TCandidateState> {
    const { workflowId } = workflowInfo();
    const batch = due.map((n) => ({
      idempotencyKey: `${workflowId}:${n.key}`,
      template: n.template,
      data: n.data,
      to: n.to,
      cc: n.cc,
    })) as Parameters<EmailActivities['sendNotifications']>[0];
    try {
      await sendNotifications(batch);
    } catch (err) {
      if (!(err instanceof ActivityFailure)) throw err;
    }
    const date = today();
    return {
      ...state,
      notified: [...state.notified, ...due.map((n) => n.key)],
      timeline: [
        ...state.timeline,
        ...due.map((n) => ({ date, kind: 'emailSent', detail: `${n.template} → ${n.to.role}` })),
      ],
    };
  }
}
