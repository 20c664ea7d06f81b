// What the `recommendationStatus` query answers: where the chain stands, who owes the next step and
// by when, every step's date and actor, the CTC window, and the handoff packet. Derived on every call.
import { localDateOf } from '../calendar/dates';
import { ctcProcessingExpectedBy } from '../calendar/deadlines';
import type { TCompletionReview } from '../lifecycle/completion';
import { RECOMMENDATION_STEPS, advanceRecommendation, ctcWindowEndsOn, type TRecommendationState } from './steps';
import { currentDue, recommendationUrls, type TRecommendationContext } from './obligations';

export interface THandoffRecord {
  packetId: string;
  jsonPath: string;
  htmlPath: string;
  packetUrl: string;
  /** Step 4 was recorded on the packet (it left the office's queue). */
  recommendedMarked?: boolean;
}

export interface TDeliveryProblem {
  date: string;
  template: string;
  recipientRole: string;
  reason: string;
}

export interface TRecommendationExtras {
  completion: TCompletionReview;
  handoff?: THandoffRecord;
  handoffProblem?: string;
  deliveryProblems: TDeliveryProblem[];
}

export function deriveRecommendationStatus(
  state: TRecommendationState,
  ctx: TRecommendationContext,
  extras: TRecommendationExtras,
  nowMs: number,
) {
  const { policy } = ctx;
  const today = localDateOf(nowMs, policy.timeZone);
  const s = advanceRecommendation(state, policy, nowMs);
  return {
    candidateKey: ctx.candidateKey,
    asOf: today,
    step: s.step,
    readyToRecommend: s.completed.step3 !== undefined,
    due: currentDue(s, ctx, today),
    steps: ([1, 2, 3, 4] as const).map((n) => {
      const def = RECOMMENDATION_STEPS[n];
      const done = s.completed[`step${n}`];
      return {
        step: n,
        rule: def.rule,
        event: def.event,
        owner: def.owner,
        tasks: def.tasks,
        completedOn: done?.date ?? null,
        by: done?.by ?? null,
      };
    }),
    startedOn: s.startedOn,
    recommendedOn: s.recommendedOn ?? null,
    ctcWindowEndsOn: ctcWindowEndsOn(s, policy) ?? null,
    renewals: s.renewals,
    lapsedOn: s.lapsedOn ?? null,
    clearedOn: s.clearedOn ?? null,
    ctcProcessingExpectedBy: s.clearedOn ? ctcProcessingExpectedBy(s.clearedOn, policy) : null,
    handoff: extras.handoff ?? null,
    handoffProblem: extras.handoffProblem ?? null,
    completion: { ready: extras.completion.ready, missing: extras.completion.items.filter((i) => !i.met) },
    candidateUrl: recommendationUrls(ctx).candidate,
    deliveryProblems: extras.deliveryProblems,
  };
}

export type TRecommendationStatus = ReturnType<typeof deriveRecommendationStatus>;
