// What the recommendation chain is waiting for, as obligations the shared planner turns into
// reminders and escalations (notifications/plan.ts): the current step (R-REC-1…4) with its owner's
// reminder and an escalation when it stalls, or the candidate's 90-day CTC window (R-REC-5), whose
// "escalation" is the lapse notice to the candidate and the PA. Messages use the catalogue's
// existing templates; none carries IIP content (the credentials office is an R-IIP-5 role).
import type { TPerson } from '../lifecycle/candidate';
import { daysBetween, type TLocalDate } from '../calendar/dates';
import type { TProgramPolicy } from '../policy/policy';
import type { TTemplateId } from '../notifications/catalogue';
import type { TRecipient, TRecipientRole } from '../notifications/recipients';
import { personInRole } from '../roles';
import type { TObligation, TPlannedMessage } from '../lifecycle/obligations';
import { firstName } from '../lifecycle/people';
import {
  DEFAULT_CTC_REMINDER_DAYS,
  DEFAULT_STEP_DAYS,
  RECOMMENDATION_STEPS,
  ctcWindowEndsOn,
  stepDueOn,
  stepOpenedOn,
  type TRecommendationState,
  type TStepNumber,
} from './steps';

export interface TRecommendationPeople {
  candidate: TPerson;
  coach?: TPerson;
  supervisor?: TPerson;
  programAdministrator: TPerson;
  director?: TPerson;
}

export interface TRecommendationLinks {
  portalUrl: string;
  /** The Commission's educator portal, where the candidate completes the state's steps. */
  ctcUrl?: string;
}

/** Default for `links.ctcUrl`: the CTC's online educator services. */
export const CTC_PORTAL_URL = 'https://educator.ctc.ca.gov/';

export interface TRecommendationContext {
  candidateKey: string;
  people: TRecommendationPeople;
  credentialsOffice: TPerson;
  policy: TProgramPolicy;
  links: TRecommendationLinks;
  stepDays?: Readonly<Record<TStepNumber, number>>;
}

export function recommendationRecipient(ctx: TRecommendationContext, role: TRecipientRole): TRecipient | undefined {
  const person = role === 'credentialsOffice' ? ctx.credentialsOffice : personInRole(ctx.people, role);
  return person ? { role, name: person.name, email: person.email } : undefined;
}

export function recommendationMessage(
  ctx: TRecommendationContext,
  role: TRecipientRole,
  template: TTemplateId,
  data: Record<string, unknown>,
): TPlannedMessage[] {
  const to = recommendationRecipient(ctx, role);
  return to ? [{ template, to, data: { firstName: firstName(to.name), programName: ctx.policy.name, ...data } }] : [];
}

export const recommendationUrls = (ctx: TRecommendationContext) => ({
  step: (n: TStepNumber) => `${ctx.links.portalUrl}/portal/${ctx.candidateKey}/recommendation/step-${n}`,
  candidate: `${ctx.links.portalUrl}/dashboard/candidates/${ctx.candidateKey}`,
  packet: (packetId: string) => `${ctx.links.portalUrl}/dashboard/handoffs/${ctx.candidateKey}/${packetId}`,
  ctc: ctx.links.ctcUrl ?? CTC_PORTAL_URL,
  help: `${ctx.links.portalUrl}/portal/${ctx.candidateKey}`,
});

const REMINDER_TEMPLATE: Record<TStepNumber, TTemplateId> = {
  1: 'recommendationStep.reminder.coach',
  2: 'recommendationStep.reminder.candidate',
  3: 'recommendationStep.reminder.pa',
  4: 'recommendationStep.reminder.credentialsOffice',
};

function stepObligation(state: TRecommendationState, step: TStepNumber, ctx: TRecommendationContext): TObligation {
  const def = RECOMMENDATION_STEPS[step];
  const days = (ctx.stepDays ?? DEFAULT_STEP_DAYS)[step];
  const due = stepDueOn(state, step, ctx.stepDays);
  const urls = recommendationUrls(ctx);
  const candidateName = ctx.people.candidate.name;
  // The candidate's own template has no candidateName (it is addressed to them).
  const reminderData =
    step === 2 ? { dueBy: due, stepUrl: urls.step(step) } : { candidateName, dueBy: due, stepUrl: urls.step(step) };
  return {
    // Keyed by the day the step opened as well, so a renewed chain would never reuse old keys.
    id: `rec.step${step}.${stepOpenedOn(state, step)}`,
    kind: `recommendation:step${step}`,
    rule: def.rule,
    label: `Step ${step}: ${def.ownerLabel} — ${def.tasks}`,
    due,
    owner: def.owner,
    // First reminder the day the step opens (the owner learns it is their turn), then 2 days before.
    defaultDaysBefore: [days, 2],
    reminders: () => recommendationMessage(ctx, def.owner, REMINDER_TEMPLATE[step], reminderData),
    escalation: (overdue) =>
      recommendationMessage(ctx, def.escalateTo, `recommendationStep.escalation.${def.escalateTo}`, {
        candidateName,
        step,
        dueBy: due,
        daysOverdue: overdue,
        candidateUrl: urls.candidate,
      }),
  };
}

function ctcWindowObligation(state: TRecommendationState, ctx: TRecommendationContext): TObligation | undefined {
  const recommendedOn = state.recommendedOn;
  const ends = ctcWindowEndsOn(state, ctx.policy);
  if (!recommendedOn || !ends) return undefined;
  const urls = recommendationUrls(ctx);
  return {
    id: `rec.ctcWindow.w${state.renewals}`,
    kind: 'ctcSteps',
    rule: 'R-REC-5',
    label: `The candidate completes the CTC's steps and payment by ${ends} (90 days)`,
    due: ends,
    owner: 'candidate',
    defaultDaysBefore: [...DEFAULT_CTC_REMINDER_DAYS],
    reminders: () =>
      recommendationMessage(ctx, 'candidate', 'ctcWindow.reminder.candidate', {
        recommendedOn,
        completeBy: ends,
        ctcUrl: urls.ctc,
      }),
    // The lapse notice: the morning after the window's last day (policy escalateAfterDays).
    escalation: () => [
      ...recommendationMessage(ctx, 'candidate', 'ctcWindow.notice.candidate', { lapsedOn: ends, helpUrl: urls.help }),
      ...recommendationMessage(ctx, 'pa', 'ctcWindow.notice.pa', {
        candidateName: ctx.people.candidate.name,
        recommendedOn,
        lapsedOn: ends,
        candidateUrl: urls.candidate,
      }),
    ],
  };
}

/** The chain's open obligation: the current step, or the CTC window (also while lapsed, for its notice). */
export function recommendationObligations(state: TRecommendationState, ctx: TRecommendationContext): TObligation[] {
  if (typeof state.step === 'number') return [stepObligation(state, state.step, ctx)];
  if (state.step === 'recommended' || state.step === 'lapsed') {
    const o = ctcWindowObligation(state, ctx);
    return o ? [o] : [];
  }
  return [];
}

/** For the status query: who owes what now, by when. */
export function currentDue(state: TRecommendationState, ctx: TRecommendationContext, today: TLocalDate) {
  const o = recommendationObligations(state, ctx)[0];
  if (!o || state.step === 'lapsed') return null;
  return {
    rule: o.rule,
    label: o.label,
    owner: o.owner,
    due: o.due,
    overdueDays: Math.max(0, daysBetween(o.due, today)),
  };
}
