// The "cron job per candidate" design issue #18 measures the real one against, on the same decision
// core: the lifecycle ignores the moment its core computed and wakes every day at the policy's send
// time (08:00 local), looking at everything then. Everything else is as in the real workflow (an
// event is taken in, and decided on, when it is recorded; one timer per moment). Only for the
// benchmark (bench/simulate-memory.ts): createMemoryEngine({ ..., options: dailyPoll(policy) }).
import { addDays, localDateOf, zonedInstant } from '../../domain/calendar/dates';
import type { TProgramPolicy } from '../../domain/policy/policy';
import type { TMemoryEngineOptions } from './engine';

/** The next send time strictly after `nowMs`, in the policy's time zone. */
export function nextDailyCheck(nowMs: number, policy: TProgramPolicy): number {
  const today = localDateOf(nowMs, policy.timeZone);
  const todays = zonedInstant(today, policy.notifications.sendAt, policy.timeZone);
  return todays > nowMs ? todays : zonedInstant(addDays(today, 1), policy.notifications.sendAt, policy.timeZone);
}

/** Engine options that make the lifecycle poll daily instead of sleeping until its computed moment. */
export function dailyPoll(policy: TProgramPolicy): TMemoryEngineOptions {
  return { wakeAt: (_computed, nowMs) => nextDailyCheck(nowMs, policy) };
}
