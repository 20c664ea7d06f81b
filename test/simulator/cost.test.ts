// Issue #18.6/7: what Jamal's two years would bill, with computed wake-ups and with a daily poll on
// the same core (simulator/memory/daily-poll.ts), and that the next deadline the PA dashboard
// filters on (`CascNextDeadline < now`, functions/visibility.ts) never lags behind the record.
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { addDays, localDateOf, weekdayOf, zonedInstant, type TLocalDate } from '../../domain/calendar/dates';
import { searchAttributeValues, type TLifecycleAttributes } from '../../domain/lifecycle/core';
import { dailyPoll } from '../../simulator/memory/daily-poll';
import type { TEngineTrace } from '../../simulator/memory/engine';
import type { TProgramPolicy } from '../../domain/policy/policy';
import { loadScenario } from '../../simulator/scenario';
import { billable, costByCause, costOf, HOUR_EVENTS } from '../../bench/support/memory-cost';

const FILE = resolve(__dirname, '../../scenarios/jamal-on-track.json');
/** The policy with reminders on the day they fall, as every workflow started before remindOnWorkdays. */
const sendingAnyDay = (p: TProgramPolicy): TProgramPolicy => ({
  ...p,
  notifications: { ...p.notifications, remindOnWorkdays: false },
});

describe('billable commands of the on-track script (issue #18.7)', () => {
  it('computed wake-ups: 315 a candidate, of which 134 updates (344 when reminders may fall on weekends); a daily poll on the same core: 980, the same 67 emails', async () => {
    const { scenario, policy } = loadScenario(FILE);
    const computed = await costOf(scenario, policy);
    expect(computed.actions).toEqual([
      {
        workflowStarts: 1,
        continueAsNew: 2,
        childStarts: 1,
        timers: 84,
        activities: 51,
        signals: 5,
        upserts: 37,
        updates: 134,
      },
    ]);
    const daily = await costOf(scenario, policy, dailyPoll(policy));
    expect(daily.actions[0]).toEqual({ ...computed.actions[0], timers: 749 });
    expect([computed.emails, daily.emails, computed.rejected, daily.rejected]).toEqual([67, 67, 0, 0]);
    expect([...computed.phases, ...daily.phases]).toEqual(['cleared', 'cleared']);
    // The same script with reminders on the day they fall (remindOnWorkdays: false, as every workflow
    // started before the setting): 38 sending days fall on a weekend; moved, 18 of them join another
    // day's send, so 18 more activities and 11 more timers.
    const anyDay = sendingAnyDay(policy);
    const before = await costOf(scenario, anyDay);
    expect(before.actions[0]).toEqual({ ...computed.actions[0], timers: 95, activities: 69 });
    expect(before.emails).toBe(67);
  }, 60_000);

  it('by cause: the 87 hour entries set going 97 commands (their updates and 10 re-armed timers and upserts); without them 218 would still pass 200', async () => {
    const { scenario, policy } = loadScenario(FILE);
    const hourEntries = scenario.events.filter((e) => HOUR_EVENTS.includes(e.type)).length;
    const [byCause] = await costByCause(scenario, policy);
    expect([hourEntries, byCause]).toEqual([87, { hourEntries: 97, otherEvents: 122, wakeUps: 93, start: 3 }]);
    // Every counted command has exactly one cause: the four add up to the run's billable total.
    const [total] = (await costOf(scenario, policy)).actions.map(billable);
    expect(byCause!.hourEntries + byCause!.otherEvents + byCause!.wakeUps + byCause!.start).toBe(total);
    expect(total! - byCause!.hourEntries).toBe(218);
  }, 60_000);

  it('R-TIME-2 R-REM-1: no reminder or escalation goes out on a Saturday or Sunday (the Friday before, the Monday after); with remindOnWorkdays false, 38 days of them do', async () => {
    const { scenario, policy } = loadScenario(FILE);
    const weekendSends = async (p: typeof policy) => {
      const days: string[] = [];
      await costOf(scenario, p, {
        trace: (_c, e: TEngineTrace) => {
          if (e.kind !== 'activities' || !Array.isArray(e.detail)) return;
          const scheduled = (e.detail as string[]).filter((t) => /\.(reminder|escalation)\./.test(t));
          const day = localDateOf(e.at, p.timeZone);
          if (scheduled.length > 0 && [0, 6].includes(weekdayOf(day))) days.push(day);
        },
      });
      return days;
    };
    expect(await weekendSends(policy)).toEqual([]);
    const anyDay = await weekendSends(sendingAnyDay(policy));
    expect(anyDay.length).toBe(38);
    expect(anyDay.slice(0, 3)).toEqual(['2026-09-19', '2026-10-17', '2026-11-14']);
  }, 60_000);

  it('R-DASH: the published next deadline is never in the past while the record owes nothing overdue (patch deadlines-owed)', async () => {
    const { scenario, policy } = loadScenario(FILE);
    let published: TLifecycleAttributes | undefined;
    const falseOverdue: string[] = [];
    // Every day just after midnight and at noon: what the dashboard filter says against the record as it is.
    const probes: { at: number; date: TLocalDate }[] = [];
    for (let d = '2026-06-16' as TLocalDate; d <= '2028-06-30'; d = addDays(d, 1))
      for (const time of ['00:00', '12:00'] as const)
        probes.push({ at: zonedInstant(d, time, policy.timeZone) + 1, date: d });
    await costOf(scenario, policy, {
      trace: (_c, e: TEngineTrace) => {
        if (e.kind === 'upserts') published = e.detail as TLifecycleAttributes;
      },
      probe: {
        at: probes.map((p) => p.at),
        look: (candidate, at) => {
          if (!published || published.nextDeadline === null || published.nextDeadline >= at) return;
          const fresh = searchAttributeValues(candidate.lifecycle.core.record, policy, at, { portalUrl: '' }, 'owed');
          if (fresh.nextDeadline === null || fresh.nextDeadline >= at) falseOverdue.push(new Date(at).toISOString());
        },
      },
    });
    expect(falseOverdue).toEqual([]);
  }, 60_000);
});
