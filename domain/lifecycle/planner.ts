// Decides, at one moment, which messages are due now and when the workflow must next wake up: the
// candidate's open obligations (lifecycle/obligations.ts, policy milestones and the coaching cadence
// included) through the one planning rule (notifications/plan.ts). All of a day's messages go out at
// the policy's send time (08:00 local by default, outside quiet hours), so a candidate's reminders of
// one day share a single wake-up and a single activity call: fewer history events per candidate.
import { localDateOf } from '../calendar/dates';
import type { TProgramPolicy } from '../policy/policy';
import type { TLinks } from './input';
import { digestFilter } from '../notifications/digest';
import { planObligationNotices, type TPlan } from '../notifications/plan';
import { openObligations } from './obligations';
import { computeLifecycleDates } from './dates';
import type { TCandidateState } from './state';

export type { TNotificationIntent, TPlan } from '../notifications/plan';

export function planMoment(state: TCandidateState, policy: TProgramPolicy, nowMs: number, links: TLinks): TPlan {
  const today = localDateOf(nowMs, policy.timeZone);
  const { keyDates } = computeLifecycleDates(state, policy);
  const obligations = openObligations(state, policy, keyDates, links, today);
  // R-REM-1: exact-id overrides (a milestone id, 'sessionAssignment:3') for runs that took patch 'reminders-2026-12'.
  const { due, nextWakeAt } = planObligationNotices(obligations, policy, nowMs, state.notified, {
    exactOverrides: state.milestoneReminders === true,
  });
  // With the weekly digest on, coach/PA reminders travel in the digest instead (R-… notifications policy).
  return { due: digestFilter(due, policy), nextWakeAt };
}
