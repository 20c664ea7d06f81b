// When to remind about an obligation and when to escalate a missed one. Reminders go out at the
// policy's send time on local dates, so "3 days before" means the morning three calendar days
// before in the program's zone, whatever the server's clock zone.
import { addDays, compareDates, zonedInstant, type TLocalDate } from '../calendar/dates';
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

export interface TScheduledNotice {
  on: TLocalDate;
  at: number;
}

export interface TReminderSchedule {
  reminders: (TScheduledNotice & { daysBefore: number })[];
  escalation: TScheduledNotice;
}

/** Reminder and escalation moments for an obligation due on `due`, earliest first. */
export function reminderSchedule(due: TLocalDate, obligationId: string, policy: TProgramPolicy): TReminderSchedule {
  const plan = reminderPlan(obligationId, policy);
  const notice = (on: TLocalDate): TScheduledNotice => ({
    on,
    at: zonedInstant(on, policy.notifications.sendAt, policy.timeZone),
  });
  return {
    reminders: plan.daysBefore.map((days) => ({ ...notice(addDays(due, -days)), daysBefore: days })),
    escalation: notice(addDays(due, plan.escalateAfterDays)),
  };
}

/** Reminders still ahead of `today` (local date), for a workflow planning its next wake-up. */
export function upcomingReminders(schedule: TReminderSchedule, today: TLocalDate): TReminderSchedule['reminders'] {
  return schedule.reminders.filter((r) => compareDates(r.on, today) >= 0);
}
