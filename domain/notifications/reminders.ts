// When to remind about an obligation and when to escalate a missed one. Reminders go out at the
// policy's send time on local dates, so "3 days before" means the morning three calendar days
// before in the program's zone, whatever the server's clock zone.
import {
  addDays,
  endOfDayInstant,
  nextWorkday,
  previousWorkday,
  zonedInstant,
  type TLocalDate,
} from '../calendar/dates';
import type { TProgramPolicy } from '../policy/policy';

export interface TReminderPlan {
  daysBefore: number[];
  escalateAfterDays: number;
}

/**
 * The plan for an obligation id: an override for the exact id ('sessionAssignment:3'), else for
 * its kind ('sessionAssignment'), else the policy default; fields not overridden fall back.
 */
export function reminderPlan(
  obligationId: string,
  policy: TProgramPolicy,
  obligationDefault?: { daysBefore?: number[] },
): TReminderPlan {
  const { daysBefore, escalateAfterDays, overrides } = policy.reminders;
  const kind = obligationId.split(':')[0] ?? obligationId;
  const override = overrides[obligationId] ?? overrides[kind] ?? {};
  return {
    // Precedence: the program's override, then the obligation's own default (e.g. session invites
    // go out 3 days ahead), then the policy-wide lead times.
    daysBefore: [...new Set(override.daysBefore ?? obligationDefault?.daysBefore ?? daysBefore)].sort((a, b) => b - a),
    escalateAfterDays: override.escalateAfterDays ?? escalateAfterDays,
  };
}

export interface TReminderMoments {
  /** Earliest first; `lead` is the plan's days before. */
  reminders: { lead: number; at: number }[];
  /** The deadline's last instant (the end of its day). */
  deadlineEnd: number;
  escalateAt: number;
}

// Strictly `true`: a policy recorded in a workflow's input before the setting existed lacks it.
const onWorkdays = (policy: TProgramPolicy) => policy.notifications.remindOnWorkdays === true;

/**
 * The reminder `lead` days before a deadline due on `due`, at the policy's send time. R-TIME-2
 * (policy notifications.remindOnWorkdays): one that falls on a Saturday or Sunday goes the Friday
 * before, never later than its lead. The academic watch's revised deadlines use it too (risk/watch.ts).
 */
export function reminderAt(due: TLocalDate, lead: number, policy: TProgramPolicy): number {
  const on = addDays(due, -lead);
  return zonedInstant(onWorkdays(policy) ? previousWorkday(on) : on, policy.notifications.sendAt, policy.timeZone);
}

/**
 * Reminder and escalation instants for a deadline due on `due` (the planner's, plan.ts): each
 * reminder as reminderAt() gives it; the escalation at the send time, the Monday after when it falls
 * on a weekend day (R-TIME-2), so the deadline has passed.
 */
export function reminderMoments(
  due: TLocalDate,
  { daysBefore, escalateAfterDays }: { daysBefore: readonly number[]; escalateAfterDays: number },
  policy: TProgramPolicy,
): TReminderMoments {
  const tz = policy.timeZone;
  const escalateOn = addDays(due, escalateAfterDays);
  return {
    reminders: daysBefore.map((lead) => ({ lead, at: reminderAt(due, lead, policy) })).sort((a, b) => a.at - b.at),
    deadlineEnd: endOfDayInstant(due, tz),
    escalateAt: zonedInstant(
      onWorkdays(policy) ? nextWorkday(escalateOn) : escalateOn,
      policy.notifications.sendAt,
      tz,
    ),
  };
}
