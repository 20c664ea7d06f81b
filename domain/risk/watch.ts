// Academic watch (R-AW-1, R-AW-2) and the intervention action plan (R-INT-1) as a small state
// machine the `academicWatch` child workflow runs: the PA is told with the evidence, a remediation
// plan with revised deadlines is agreed in writing and shared with candidate and coach, each
// revised deadline is monitored, and a missed one puts the candidate at risk.
import { z } from 'zod';
import { addDays, compareDates, endOfDayInstant, localDateOf, type TLocalDate } from '../calendar/dates';
import { ZLocalDate } from '../calendar/dates';
import type { TCandidateEvent } from '../events';
import type { TProgramPolicy } from '../policy/policy';
import { reminderAt } from '../notifications/reminders';

/**
 * R-INT-1: the candidate is reminded 3 days before a revised deadline (the Friday before when that is
 * a weekend day, as every deadline's reminder). Missing one is told at once, whatever the day (R-AW-2:
 * at risk is a status, not a reminder).
 */
const REVISED_DEADLINE_LEAD_DAYS = 3;

export const WATCH_EVENT_TYPES = [
  'actionPlanAgreed',
  'interventionNoted',
  'revisedItemCompleted',
  'watchClosed',
  'watchExtended',
] as const;
export type TWatchEvent = Extract<TCandidateEvent, { type: (typeof WATCH_EVENT_TYPES)[number] }>;

export const ZWatchState = z.strictObject({
  stage: z.enum(['planning', 'monitoring', 'closed']),
  openedOn: ZLocalDate,
  evidence: z.array(z.string()),
  agreedOn: ZLocalDate.optional(),
  goals: z.array(z.string()),
  items: z.array(z.strictObject({ item: z.string(), due: ZLocalDate, completedOn: ZLocalDate.optional() })),
  atRisk: z.boolean(),
  notes: z.array(z.strictObject({ date: ZLocalDate, step: z.string(), note: z.string() })),
});
export type TWatchState = z.infer<typeof ZWatchState>;

export function openWatch(openedOn: TLocalDate, evidence: string[]): TWatchState {
  return { stage: 'planning', openedOn, evidence, goals: [], items: [], atRisk: false, notes: [] };
}

export function rejectWatchEvent(w: TWatchState, e: TWatchEvent, today: TLocalDate): string | undefined {
  if (w.stage === 'closed') return 'the academic watch is closed';
  const date = e.date ?? today;
  if (compareDates(date, today) > 0) return `date ${date} is in the future (today is ${today})`;
  switch (e.type) {
    case 'actionPlanAgreed':
      if (w.stage !== 'planning')
        return 'a remediation plan was already agreed; use watchExtended to revise its deadlines';
      if (!e.agreedInWriting) return 'the remediation plan must be agreed in writing (R-AW-1)';
      return e.revisedDeadlines.some((d) => compareDates(d.due, date) < 0)
        ? 'revised deadlines must not be in the past'
        : undefined;
    case 'revisedItemCompleted':
      if (w.stage !== 'monitoring') return 'there is no agreed plan yet';
      if (!w.items.some((i) => i.item === e.item))
        return `no revised deadline named "${e.item}"; known: ${w.items.map((i) => i.item).join(', ')}`;
      return w.items.some((i) => i.item === e.item && i.completedOn) ? `"${e.item}" is already complete` : undefined;
    case 'watchExtended':
      if (w.stage !== 'monitoring') return 'there is no agreed plan to extend';
      return e.revisedDeadlines.some((d) => compareDates(d.due, date) < 0)
        ? 'revised deadlines must not be in the past'
        : undefined;
    case 'watchClosed':
    case 'interventionNoted':
      return undefined;
  }
}

export function applyWatchEvent(w: TWatchState, e: TWatchEvent, today: TLocalDate): TWatchState {
  const date = e.date ?? today;
  switch (e.type) {
    case 'actionPlanAgreed':
      return {
        ...w,
        stage: 'monitoring',
        agreedOn: date,
        goals: e.goals,
        items: e.revisedDeadlines.map((d) => ({ item: d.item, due: d.due })),
      };
    case 'revisedItemCompleted':
      return { ...w, items: w.items.map((i) => (i.item === e.item ? { ...i, completedOn: date } : i)) };
    case 'watchExtended': {
      // New dates replace the old for the same item; an extension lifts the at-risk status (R-INT-2).
      const byItem = new Map(w.items.map((i) => [i.item, i]));
      for (const d of e.revisedDeadlines) byItem.set(d.item, { item: d.item, due: d.due });
      return { ...w, items: [...byItem.values()], atRisk: false };
    }
    case 'interventionNoted':
      return { ...w, notes: [...w.notes, { date, step: e.step, note: e.note }] };
    case 'watchClosed':
      return { ...w, stage: 'closed', notes: [...w.notes, { date, step: 'closed', note: e.note ?? '' }] };
  }
}

/** R-AW-2: revised deadlines whose day has ended without completion. */
export function missedItems(w: TWatchState, nowMs: number, policy: TProgramPolicy) {
  return w.items.filter(
    (i) =>
      !i.completedOn && endOfDayInstant(addDays(i.due, policy.risk.revisedDeadlineGraceDays), policy.timeZone) < nowMs,
  );
}

/** The next moment the watch must act: a reminder (3 days before a revised deadline) or a deadline passing. */
export function nextWatchMoment(w: TWatchState, nowMs: number, policy: TProgramPolicy): number | undefined {
  if (w.stage !== 'monitoring') return undefined;
  const tz = policy.timeZone;
  const times = w.items
    .filter((i) => !i.completedOn)
    .flatMap((i) => [
      reminderAt(i.due, REVISED_DEADLINE_LEAD_DAYS, policy),
      endOfDayInstant(addDays(i.due, policy.risk.revisedDeadlineGraceDays), tz) + 1,
    ])
    .filter((t) => t > nowMs);
  return times.length ? Math.min(...times) : undefined;
}

export function remindersDue(w: TWatchState, nowMs: number, policy: TProgramPolicy) {
  const today = localDateOf(nowMs, policy.timeZone);
  return w.items.filter(
    (i) =>
      !i.completedOn &&
      compareDates(today, i.due) <= 0 &&
      reminderAt(i.due, REVISED_DEADLINE_LEAD_DAYS, policy) <= nowMs,
  );
}
