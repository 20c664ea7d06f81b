// The one planning rule over a list of obligations, for every workflow: the candidate's lifecycle
// (lifecycle/planner.ts planMoment) and the credentialRecommendation child, so both remind alike.
// Messages go out at the policy's send time; only the latest reminder already due is sent (a missed
// one is superseded, never sent as a stale burst); one escalation the policy's escalateAfterDays
// after the due date; the next wake-up is the earliest future moment.
import { addDays, daysBetween, endOfDayInstant, localDateOf, zonedInstant } from '../calendar/dates';
import type { TProgramPolicy } from '../policy/policy';
import { reminderPlan } from './reminders';
import type { TRecipient } from './recipients';
import type { TObligation, TPlannedMessage } from '../lifecycle/obligation';

export interface TNotificationIntent {
  /** Unique per (obligation, reminder or escalation, recipient role): the idempotency key's tail. */
  key: string;
  template: TPlannedMessage['template'];
  to: TRecipient;
  data: Record<string, unknown>;
  cc?: TRecipient[];
}

export interface TPlan {
  due: TNotificationIntent[];
  nextWakeAt: number | undefined;
}

export interface TPlanOptions {
  /**
   * R-REM-1: a policy override for an obligation's exact id ('sessionAssignment:3', a milestone id)
   * wins over its kind's. Off for runs recorded before patch 'reminders-2026-12', whose reminders
   * followed the kind only.
   */
  exactOverrides?: boolean;
}

export function planObligationNotices(
  obligations: readonly TObligation[],
  policy: TProgramPolicy,
  nowMs: number,
  alreadyNotified: readonly string[],
  options: TPlanOptions = {},
): TPlan {
  const tz = policy.timeZone;
  const sendAt = policy.notifications.sendAt;
  const today = localDateOf(nowMs, tz);
  const notified = new Set(alreadyNotified);
  const due: TNotificationIntent[] = [];
  let nextWakeAt: number | undefined;
  const wakeAt = (t: number) => {
    if (t > nowMs && (nextWakeAt === undefined || t < nextWakeAt)) nextWakeAt = t;
  };
  const emit = (baseKey: string, messages: TPlannedMessage[]) => {
    for (const m of messages) {
      const key = `${baseKey}:${m.to.role}`;
      if (!notified.has(key)) due.push({ key, ...m });
    }
  };

  for (const o of obligations) {
    const planKey = options.exactOverrides === true && o.overrideId !== undefined ? o.overrideId : o.kind;
    const { daysBefore, escalateAfterDays } =
      o.plan ?? reminderPlan(planKey, policy, { daysBefore: o.defaultDaysBefore });
    const deadlineEnd = endOfDayInstant(o.due, tz);
    const reminders = daysBefore
      .map((lead) => ({ lead, at: zonedInstant(addDays(o.due, -lead), sendAt, tz) }))
      .sort((a, b) => a.at - b.at);
    const latestDue = reminders.filter((r) => r.at <= nowMs).pop();
    if (latestDue && nowMs <= deadlineEnd) emit(`${o.id}:r${latestDue.lead}`, o.reminders(escalateAfterDays));
    for (const r of reminders) if (r.at < deadlineEnd) wakeAt(r.at);

    if (o.escalation(escalateAfterDays).length > 0) {
      const escalateAt = zonedInstant(addDays(o.due, escalateAfterDays), sendAt, tz);
      if (escalateAt <= nowMs)
        emit(`${o.id}:escalation`, o.escalation(Math.max(escalateAfterDays, daysBetween(o.due, today))));
      else wakeAt(escalateAt);
    }
  }
  return { due, nextWakeAt };
}
