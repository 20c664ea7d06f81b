// Moves a time-skipping environment to a local date and time in the program's zone.
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { zonedInstant, type TLocalDate } from '../../domain/calendar/dates';

export async function skipTo(
  env: TestWorkflowEnvironment,
  date: TLocalDate,
  time = '09:00',
  timeZone = 'America/Los_Angeles',
): Promise<void> {
  const target = zonedInstant(date, time, timeZone);
  const now = await env.currentTimeMs();
  if (target <= now)
    throw new Error(`cannot skip back to ${date} ${time}: the clock is already at ${new Date(now).toISOString()}`);
  await env.sleep(target - now);
}
