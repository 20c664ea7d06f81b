// The parent's planning rule (lifecycle/planner.ts) over any list of obligations, for workflows
// whose state is not a candidate record (the credentialRecommendation child). Same semantics, so
// both workflows remind alike: messages go out at the policy's send time; only the latest reminder
// already due is sent (a missed one is superseded, never sent as a stale burst); one escalation the
// policy's escalateAfterDays after the due date; the next wake-up is the earliest future moment.
import { addDays, daysBetween, endOfDayInstant, localDateOf, zonedInstant } from './dates';
import type { TProgramPolicy } from './policy';
import { reminderPlan } from './reminders';
import type { TObligation, TPlannedMessage } from './lifecycle/obligations';
import type { TNotificationIntent, TPlan } from './lifecycle/planner';

export function planObligationNotices(obligations: readonly TObligation[], policy: TProgramPolicy, nowMs: number, alreadyNotified: readonly string[]): TPlan {
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
    const { daysBefore, escalateAfterDays } = reminderPlan(o.kind, policy, { daysBefore: o.defaultDaysBefore });
    const deadlineEnd = endOfDayInstant(o.due, tz);
    const reminders = daysBefore.map((lead) => ({ lead, at: zonedInstant(addDays(o.due, -lead), sendAt, tz) })).sort((a, b) => a.at - b.at);
    const latestDue = reminders.filter((r) => r.at <= nowMs).pop();
    if (latestDue && nowMs <= deadlineEnd) emit(`${o.id}:r${latestDue.lead}`, o.reminders(escalateAfterDays));
    for (const r of reminders) if (r.at < deadlineEnd) wakeAt(r.at);

    if (o.escalation(escalateAfterDays).length > 0) {
      const escalateAt = zonedInstant(addDays(o.due, escalateAfterDays), sendAt, tz);
      if (escalateAt <= nowMs) emit(`${o.id}:escalation`, o.escalation(Math.max(escalateAfterDays, daysBetween(o.due, today))));
      else wakeAt(escalateAt);
    }
  }
  return { due, nextWakeAt };
}
