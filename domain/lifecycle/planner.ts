// Decides, at one moment, which messages are due now and when the workflow must next wake up.
// All of a day's messages go out at the policy's send time (08:00 local by default, outside quiet
// hours), so a candidate's reminders of one day share a single wake-up and a single activity call:
// fewer history events per candidate.
import { addDays, daysBetween, endOfDayInstant, localDateOf, zonedInstant } from '../dates';
import type { TProgramPolicy } from '../policy';
import type { TRecipient } from '../notifications/recipients';
import type { TLinks } from './input';
import { reminderPlan } from '../reminders';
import { digestFilter } from '../digest';
import { openObligations, type TPlannedMessage } from './obligations';
import { computeLifecycleDates } from './dates';
import type { TCandidateState } from './state';

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

export function planMoment(state: TCandidateState, policy: TProgramPolicy, nowMs: number, links: TLinks): TPlan {
  const tz = policy.timeZone;
  const sendAt = policy.notifications.sendAt;
  const today = localDateOf(nowMs, tz);
  const { keyDates } = computeLifecycleDates(state, policy);
  const notified = new Set(state.notified);
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

  for (const o of openObligations(state, policy, keyDates, links, today)) {
    const { daysBefore, escalateAfterDays } = reminderPlan(o.kind, policy, { daysBefore: o.defaultDaysBefore });
    const deadlineEnd = endOfDayInstant(o.due, tz);
    const reminders = daysBefore
      .map((lead) => ({ lead, at: zonedInstant(addDays(o.due, -lead), sendAt, tz) }))
      .sort((a, b) => a.at - b.at);
    // Only the latest reminder already due is sent: one that was missed (the workflow started late,
    // or a worker was down) is superseded by the next, never sent as a stale burst.
    const latestDue = reminders.filter((r) => r.at <= nowMs).pop();
    if (latestDue && nowMs <= deadlineEnd) emit(`${o.id}:r${latestDue.lead}`, o.reminders(escalateAfterDays));
    for (const r of reminders) if (r.at < deadlineEnd) wakeAt(r.at);

    const escalation = o.escalation(escalateAfterDays);
    if (escalation.length > 0) {
      const escalateAt = zonedInstant(addDays(o.due, escalateAfterDays), sendAt, tz);
      if (escalateAt <= nowMs) emit(`${o.id}:escalation`, o.escalation(Math.max(escalateAfterDays, daysBetween(o.due, today))));
      else wakeAt(escalateAt);
    }
  }
  // With the weekly digest on, coach/PA reminders travel in the digest instead (R-… notifications policy).
  return { due: digestFilter(due, policy), nextWakeAt };
}
