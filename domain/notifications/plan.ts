// The one planning rule over a list of obligations, for every workflow: the candidate's lifecycle
// (lifecycle/planner.ts planMoment) and the credentialRecommendation child, so both remind alike.
// Messages go out at the policy's send time; only the latest reminder already due is sent (a missed
// one is superseded, never sent as a stale burst); one escalation the policy's escalateAfterDays
// after the due date; the next wake-up is the earliest future moment.
import { daysBetween, localDateOf } from '../calendar/dates';
import type { TProgramPolicy } from '../policy/policy';
import { reminderMoments, reminderPlan, type TReminderMoments } from './reminders';
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
  const today = localDateOf(nowMs, tz);
  // Built at the first message due: most decisions have none, and `notified` grows to hundreds of keys.
  let notified: ReadonlySet<string> | undefined;
  const due: TNotificationIntent[] = [];
  let nextWakeAt: number | undefined;
  const wakeAt = (t: number) => {
    if (t > nowMs && (nextWakeAt === undefined || t < nextWakeAt)) nextWakeAt = t;
  };
  const emit = (baseKey: string, messages: TPlannedMessage[]) => {
    for (const m of messages) {
      const key = `${baseKey}:${m.to.role}`;
      notified ??= new Set(alreadyNotified);
      if (!notified.has(key)) due.push({ key, ...m });
    }
  };

  for (const o of obligations) {
    const planKey = options.exactOverrides === true && o.overrideId !== undefined ? o.overrideId : o.kind;
    const { reminders, escalateAfterDays, deadlineEnd, escalateAt } = scheduleOf(o, planKey, policy);
    let latestDue: TReminderMoments['reminders'][number] | undefined;
    for (const r of reminders) if (r.at <= nowMs) latestDue = r;
    if (latestDue && nowMs <= deadlineEnd) emit(`${o.id}:r${latestDue.lead}`, o.reminders(escalateAfterDays));
    for (const r of reminders) if (r.at < deadlineEnd) wakeAt(r.at);

    // One call: whether an obligation escalates at all (to a recipient on file) does not depend on the
    // days overdue, which only the message that goes out needs.
    const escalating = escalateAt <= nowMs;
    const escalation = o.escalation(
      escalating ? Math.max(escalateAfterDays, daysBetween(o.due, today)) : escalateAfterDays,
    );
    if (escalation.length > 0) {
      if (escalating) emit(`${o.id}:escalation`, escalation);
      else wakeAt(escalateAt);
    }
  }
  return { due, nextWakeAt };
}

interface TSchedule extends TReminderMoments {
  escalateAfterDays: number;
}

// An obligation's reminder moments depend only on its due date, its plan and the policy, and every
// decision of a candidate's two years plans the same obligations again (issue #18): the schedules
// are remembered per policy (bounded; a pure function of the key).
const REMEMBERED_SCHEDULES = 20_000;
let schedules = new WeakMap<TProgramPolicy, Map<string, Map<string, TSchedule>>>();
let remembered = 0;

function scheduleOf(o: TObligation, planKey: string, policy: TProgramPolicy): TSchedule {
  if (remembered >= REMEMBERED_SCHEDULES) {
    schedules = new WeakMap();
    remembered = 0;
  }
  let byPlan = schedules.get(policy);
  if (!byPlan) schedules.set(policy, (byPlan = new Map()));
  // Keyed by strings the obligation already holds (their hashes are cached), not a joined key; an
  // obligation's own plan (the coaching cadence's) by its figures.
  const planId = o.plan
    ? `\u0001${o.plan.daysBefore.join(',')}\u0000${o.plan.escalateAfterDays}`
    : o.defaultDaysBefore === undefined
      ? planKey
      : `${planKey}\u0000${o.defaultDaysBefore.join(',')}`;
  let byDue = byPlan.get(planId);
  if (!byDue) byPlan.set(planId, (byDue = new Map()));
  let schedule = byDue.get(o.due);
  if (!schedule) {
    const plan = o.plan ?? reminderPlan(planKey, policy, { daysBefore: o.defaultDaysBefore });
    schedule = { ...reminderMoments(o.due, plan, policy), escalateAfterDays: plan.escalateAfterDays };
    byDue.set(o.due, schedule);
    remembered++;
  }
  return schedule;
}
