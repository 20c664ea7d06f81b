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

/**
 * Reminder and escalation instants for a deadline due on `due`, at the policy's send time. R-TIME-2
 * (policy notifications.remindOnWorkdays): a reminder that falls on a Saturday or Sunday goes the
 * Friday before, never later than its lead; an escalation the Monday after, once the deadline has
 * passed. The planner (plan.ts) and the academic watch (risk/watch.ts) call it.
 */
export function reminderMoments(
  due: TLocalDate,
  { daysBefore, escalateAfterDays }: { daysBefore: readonly number[]; escalateAfterDays: number },
  policy: TProgramPolicy,
): TReminderMoments {
  const tz = policy.timeZone;
  const sendAt = policy.notifications.sendAt;
  // Strictly `true`: a policy recorded in a workflow's input before the setting existed lacks it.
  const workdays = policy.notifications.remindOnWorkdays === true;
  const remindOn = (d: TLocalDate) => (workdays ? previousWorkday(d) : d);
  const escalateOn = (d: TLocalDate) => (workdays ? nextWorkday(d) : d);
  return {
    reminders: daysBefore
      .map((lead) => ({ lead, at: zonedInstant(remindOn(addDays(due, -lead)), sendAt, tz) }))
      .sort((a, b) => a.at - b.at),
    deadlineEnd: endOfDayInstant(due, tz),
    escalateAt: zonedInstant(escalateOn(addDays(due, escalateAfterDays)), sendAt, tz),
  };
}
