// The credential-recommendation chain as a step machine (R-REC-1…5). Each step belongs to one role
// and is recorded by one event; a step is accepted only when it is the one due, so the chain can
// never skip ahead. After Step 4 the candidate has the state's 90-day window (R-REC-5).
//
// Lapse (decided here): when the window passes without `ctcStepsCompleted` the chain becomes
// `lapsed`, the candidate and the PA are told, and the chain keeps waiting DEFAULT_LAPSED_WAIT_DAYS:
// the candidate may still report completion (the Commission sometimes accepts late payment), or the
// credentials office may renew the recommendation (`recommendedToCtc` again), which opens a new
// 90-day window. Only when the wait ends with neither does the chain end as `lapsed`.
import { z } from 'zod';
import { ZLocalDate, addDays, compareDates, localDateOf, startOfDayInstant, type TLocalDate } from '../calendar/dates';
import { ctcStepsDeadline } from '../calendar/deadlines';
import { nextWorkday } from '../calendar/dates';
import type { TCandidateEvent } from '../events';
import type { TProgramPolicy } from '../policy/policy';
import type { TRecipientRole } from '../notifications/recipients';
import type { TCompletionReview } from '../lifecycle/completion';

export type TStepNumber = 1 | 2 | 3 | 4;
export const RECOMMENDATION_EVENT_TYPES = [
  'coachVerified',
  'candidateDocumentsSubmitted',
  'paVerified',
  'recommendedToCtc',
  'ctcStepsCompleted',
] as const;
export type TRecommendationEventType = (typeof RECOMMENDATION_EVENT_TYPES)[number];
export type TRecommendationEvent = Extract<TCandidateEvent, { type: TRecommendationEventType }>;

export function isRecommendationEvent(event: TCandidateEvent): event is TRecommendationEvent {
  return (RECOMMENDATION_EVENT_TYPES as readonly string[]).includes(event.type);
}

/**
 * Days each step may take from the day it opens (the previous step's date). Defaults until the
 * policy has `recommendation.stepDays`: the chain fits inside the target month (R-REC-6, June).
 */
export const DEFAULT_STEP_DAYS: Readonly<Record<TStepNumber, number>> = { 1: 14, 2: 21, 3: 7, 4: 14 };
/** Reminder lead times for the CTC window (days before its end); until `reminders.overrides.ctcSteps`. */
export const DEFAULT_CTC_REMINDER_DAYS: readonly number[] = [60, 30, 7];
/** How long a lapsed chain waits for a late completion or a renewal before it ends (see above). */
export const DEFAULT_LAPSED_WAIT_DAYS = 365;

type TActorRole = NonNullable<TCandidateEvent['by']>['role'];

export interface TStepDefinition {
  step: TStepNumber;
  event: Exclude<TRecommendationEventType, 'ctcStepsCompleted'>;
  rule: string;
  owner: Extract<TRecipientRole, 'coach' | 'candidate' | 'pa' | 'credentialsOffice'>;
  ownerLabel: string;
  /** Who hears about a stalled step: the PA, or the director when the stalled step is the PA's own. */
  escalateTo: Extract<TRecipientRole, 'pa' | 'director'>;
  tasks: string;
}

export const RECOMMENDATION_STEPS: Readonly<Record<TStepNumber, TStepDefinition>> = {
  1: {
    step: 1,
    event: 'coachVerified',
    rule: 'R-REC-1',
    owner: 'coach',
    ownerLabel: 'the coach',
    escalateTo: 'pa',
    tasks: 'sign the IIP checklist and send it to the PA; confirm hours, proficiency and the portfolio score',
  },
  2: {
    step: 2,
    event: 'candidateDocumentsSubmitted',
    rule: 'R-REC-2',
    owner: 'candidate',
    ownerLabel: 'the candidate',
    escalateTo: 'pa',
    tasks: 'upload logs and program evaluation, PASC/COE and HR letter; sign the checklist; send the CRR to the PA',
  },
  3: {
    step: 3,
    event: 'paVerified',
    rule: 'R-REC-3',
    owner: 'pa',
    ownerLabel: 'the program administrator',
    escalateTo: 'director',
    tasks: 'sign the final checklist, verify HR letter and PASC, complete the CRR, mark READY TO RECOMMEND',
  },
  4: {
    step: 4,
    event: 'recommendedToCtc',
    rule: 'R-REC-4',
    owner: 'credentialsOffice',
    ownerLabel: 'the credentials office',
    escalateTo: 'pa',
    tasks: 'verify HR letter and credential document, RECOMMEND TO CTC',
  },
};

/** Roles that may record each event (`by`); 'system' is an import or an integration. */
const ALLOWED_ACTORS: Readonly<Record<TRecommendationEventType, readonly TActorRole[]>> = {
  coachVerified: ['coach', 'system'],
  candidateDocumentsSubmitted: ['candidate', 'system'],
  paVerified: ['pa', 'system'],
  recommendedToCtc: ['credentialsOffice', 'system'],
  ctcStepsCompleted: ['candidate', 'pa', 'credentialsOffice', 'system'],
};

const ZStepRecord = z.strictObject({
  date: ZLocalDate,
  by: z.strictObject({ role: z.string(), id: z.string().optional() }),
});
export type TStepRecord = z.infer<typeof ZStepRecord>;

export const ZRecommendationState = z.strictObject({
  step: z.union([
    z.literal(1),
    z.literal(2),
    z.literal(3),
    z.literal(4),
    z.literal('recommended'),
    z.literal('cleared'),
    z.literal('lapsed'),
  ]),
  /** Step 1 opened on this day (the child started). */
  startedOn: ZLocalDate,
  completed: z.strictObject({
    step1: ZStepRecord.optional(),
    step2: ZStepRecord.optional(),
    step3: ZStepRecord.optional(),
    step4: ZStepRecord.optional(),
  }),
  /** The latest recommendation to the CTC; a renewal after a lapse replaces it. */
  recommendedOn: ZLocalDate.optional(),
  renewals: z.int().min(0),
  lapsedOn: ZLocalDate.optional(),
  clearedOn: ZLocalDate.optional(),
  /** Notification keys already handed to the mail activity (never planned twice). */
  notified: z.array(z.string()),
  /**
   * R-TIME-2: step deadlines and the CTC window fall on working days. Decided at the chain's first
   * decision (patch 'recommendation-weekend-deadlines'); false for chains recorded before. Absent: off.
   */
  weekendDeadlines: z.boolean().optional(),
});
export type TRecommendationState = z.infer<typeof ZRecommendationState>;
export type TRecommendationStep = TRecommendationState['step'];

export function initialRecommendationState(startedOn: TLocalDate): TRecommendationState {
  return { step: 1, startedOn, completed: {}, renewals: 0, notified: [] };
}

export interface TStepContext {
  today: TLocalDate;
  policy: TProgramPolicy;
  /** The completion snapshot the chain was started with (R-CMP-1…3). */
  completion: Pick<TCompletionReview, 'ready' | 'items'>;
}

const stepOf = (type: TRecommendationEventType): TStepNumber | undefined =>
  ([1, 2, 3, 4] as const).find((n) => RECOMMENDATION_STEPS[n].event === type);

/** The day the current step opened: Step 1 when the chain started, later steps on the previous step's date. */
export function stepOpenedOn(state: TRecommendationState, step: TStepNumber): TLocalDate {
  if (step === 1) return state.startedOn;
  return state.completed[`step${(step - 1) as TStepNumber}`]?.date ?? state.startedOn;
}

/** R-TIME-2 (state.weekendDeadlines): a step due on a weekend is due the Monday after. */
export function stepDueOn(
  state: TRecommendationState,
  step: TStepNumber,
  stepDays: Readonly<Record<TStepNumber, number>> = DEFAULT_STEP_DAYS,
): TLocalDate {
  const due = addDays(stepOpenedOn(state, step), stepDays[step]);
  return state.weekendDeadlines === true ? nextWorkday(due) : due;
}

/** R-REC-5: the end of the current 90-day window, once recommended. */
export function ctcWindowEndsOn(state: TRecommendationState, policy: TProgramPolicy): TLocalDate | undefined {
  return state.recommendedOn
    ? ctcStepsDeadline(state.recommendedOn, policy, { weekendDeadlines: state.weekendDeadlines === true })
    : undefined;
}

function whatIsDue(state: TRecommendationState, policy: TProgramPolicy): string {
  if (typeof state.step === 'number') {
    const s = RECOMMENDATION_STEPS[state.step];
    return `step ${s.step} (${s.rule}) is due: ${s.ownerLabel} owes '${s.event}' (${s.tasks}) by ${stepDueOn(state, s.step)}`;
  }
  if (state.step === 'recommended')
    return `the candidate owes 'ctcStepsCompleted' by ${ctcWindowEndsOn(state, policy)} (R-REC-5)`;
  if (state.step === 'lapsed')
    return `the CTC window lapsed on ${state.lapsedOn}: the candidate may still report 'ctcStepsCompleted' or the credentials office renew with 'recommendedToCtc'`;
  return `the credential was cleared on ${state.clearedOn}`;
}

/** Why this event cannot be accepted now (a message naming the step that is due and who owes it), or undefined. */
export function rejectStep(state: TRecommendationState, event: TCandidateEvent, ctx: TStepContext): string | undefined {
  if (!isRecommendationEvent(event))
    return `'${event.type}' is not a recommendation event; record it on the candidate's workflow`;
  const date = event.date ?? ctx.today;
  if (compareDates(date, ctx.today) > 0) return `date ${date} is in the future (today is ${ctx.today})`;
  if (state.step === 'cleared')
    return `the credential was already cleared on ${state.clearedOn}; no further recommendation events are accepted`;
  const actor = event.by?.role;
  if (actor && !ALLOWED_ACTORS[event.type].includes(actor)) {
    return `'${event.type}' is recorded by ${ALLOWED_ACTORS[event.type].filter((r) => r !== 'system').join(' or ')}, not by '${actor}'`;
  }

  if (event.type === 'ctcStepsCompleted') {
    if (state.step !== 'recommended' && state.step !== 'lapsed')
      return `'ctcStepsCompleted' comes after the recommendation to the CTC (R-REC-5); ${whatIsDue(state, ctx.policy)}`;
    return before(date, state.recommendedOn, 'the recommendation');
  }
  const step = stepOf(event.type)!;
  if (event.type === 'recommendedToCtc' && state.step === 'lapsed')
    return before(date, state.lapsedOn, 'the lapse it renews');
  if (typeof state.step !== 'number' || step < state.step) {
    const done = state.completed[`step${step}`];
    return `step ${step} (${RECOMMENDATION_STEPS[step].rule}) was already completed on ${done?.date} by ${done?.by.role}; ${whatIsDue(state, ctx.policy)}`;
  }
  if (step > state.step)
    return `'${event.type}' is step ${step} (${RECOMMENDATION_STEPS[step].rule}) and cannot come before step ${state.step}: ${whatIsDue(state, ctx.policy)}`;
  if (step === 1 && !ctx.completion.ready) {
    const missing = ctx.completion.items.filter((i) => !i.met).map((i) => `${i.label} (${i.rule}, owed by ${i.owner})`);
    return `completion review is not complete, so the recommendation cannot begin: missing ${missing.join('; ')}`;
  }
  return step === 1
    ? undefined
    : before(date, state.completed[`step${(step - 1) as TStepNumber}`]?.date, `step ${step - 1}`);
}

function before(date: TLocalDate, earlier: TLocalDate | undefined, what: string): string | undefined {
  return earlier && compareDates(date, earlier) < 0 ? `date ${date} is before ${what} (${earlier})` : undefined;
}

/** The state after an event `rejectStep` accepted (inputs are never mutated). */
export function applyStep(
  state: TRecommendationState,
  event: TRecommendationEvent,
  today: TLocalDate,
): TRecommendationState {
  const date = event.date ?? today;
  if (event.type === 'ctcStepsCompleted') return { ...state, step: 'cleared', clearedOn: date };
  if (event.type === 'recommendedToCtc' && state.step === 'lapsed') {
    const { lapsedOn: _lapsed, ...rest } = state;
    return { ...rest, step: 'recommended', recommendedOn: date, renewals: state.renewals + 1 };
  }
  const step = stepOf(event.type)!;
  const record: TStepRecord = {
    date,
    by: event.by ? { role: event.by.role, id: event.by.id } : { role: RECOMMENDATION_STEPS[step].owner },
  };
  const completed = { ...state.completed, [`step${step}`]: record };
  if (step === 4) return { ...state, completed, step: 'recommended', recommendedOn: date };
  return { ...state, completed, step: (step + 1) as TStepNumber };
}

/** Changes by the calendar: the window lapses the day after it ends (its last day counts). */
export function advanceRecommendation(
  state: TRecommendationState,
  policy: TProgramPolicy,
  nowMs: number,
): TRecommendationState {
  const ends = ctcWindowEndsOn(state, policy);
  if (state.step !== 'recommended' || !ends) return state;
  return compareDates(localDateOf(nowMs, policy.timeZone), ends) > 0
    ? { ...state, step: 'lapsed', lapsedOn: ends }
    : state;
}

/** The day a lapsed chain stops waiting. */
export function lapsedWaitEndsOn(state: TRecommendationState, days = DEFAULT_LAPSED_WAIT_DAYS): TLocalDate | undefined {
  return state.step === 'lapsed' && state.lapsedOn ? addDays(state.lapsedOn, days) : undefined;
}

/** The next calendar change (epoch ms): the lapse, or the end of the lapsed wait. */
export function nextRecommendationChangeAt(
  state: TRecommendationState,
  policy: TProgramPolicy,
  nowMs: number,
): number | undefined {
  const ends = state.step === 'recommended' ? ctcWindowEndsOn(state, policy) : undefined;
  const on = ends ? addDays(ends, 1) : lapsedWaitEndsOn(state);
  if (!on) return undefined;
  const at = startOfDayInstant(on, policy.timeZone);
  return at > nowMs ? at : undefined;
}

/** A lapsed chain whose wait is over ends with outcome 'lapsed'. */
export function lapsedWaitOver(state: TRecommendationState, policy: TProgramPolicy, nowMs: number): boolean {
  const ends = lapsedWaitEndsOn(state);
  return ends !== undefined && compareDates(localDateOf(nowMs, policy.timeZone), ends) >= 0;
}
