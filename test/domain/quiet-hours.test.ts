// Quiet hours (policy.notifications.quietHours, 20:00–07:00 program time by default): a message an
// event triggers at night waits until the recipient's morning. No rule ID: a notifications policy.
import { describe, expect, it } from 'vitest';
import { zonedInstant } from '../../domain/calendar/dates';
import { quietUntil } from '../../domain/risk/notices';
import { rossier, type TProgramPolicy } from '../../domain/policy/policy';
import { utc } from './fixtures';

const pacific = (date: string, time: string) => zonedInstant(date, time, 'America/Los_Angeles');

describe('Notifications: quiet hours', () => {
  it('Quiet hours: a notice triggered at 22:30 Pacific waits until 07:00 the next morning', () => {
    expect(quietUntil(pacific('2026-09-15', '22:30'), rossier)).toBe(utc('2026-09-16T14:00:00Z')); // 07:00 PDT
    expect(quietUntil(pacific('2026-12-15', '22:30'), rossier)).toBe(utc('2026-12-16T15:00:00Z')); // 07:00 PST
  });

  it('Quiet hours: one triggered after midnight waits for 07:00 the same day; at 07:00 and 19:59 it goes at once', () => {
    expect(quietUntil(pacific('2026-09-16', '05:00'), rossier)).toBe(utc('2026-09-16T14:00:00Z'));
    expect(quietUntil(pacific('2026-09-16', '07:00'), rossier)).toBeUndefined();
    expect(quietUntil(pacific('2026-09-16', '19:59'), rossier)).toBeUndefined();
    expect(quietUntil(pacific('2026-09-16', '20:00'), rossier)).toBe(utc('2026-09-17T14:00:00Z'));
  });

  it('Quiet hours: a notice triggered at 12:00 Pacific goes at once', () => {
    expect(quietUntil(pacific('2026-09-15', '12:00'), rossier)).toBeUndefined();
    expect(quietUntil(pacific('2026-03-08', '12:00'), rossier)).toBeUndefined();
  });

  it('Quiet hours: across the DST change dates the wait ends at 07:00 local time, not a fixed UTC hour', () => {
    // Spring forward (Sun 2026-03-08, 02:00 → 03:00): the night is an hour shorter.
    expect(quietUntil(pacific('2026-03-07', '22:30'), rossier)).toBe(utc('2026-03-08T14:00:00Z')); // 07:00 PDT
    expect(quietUntil(pacific('2026-03-08', '01:30'), rossier)).toBe(utc('2026-03-08T14:00:00Z'));
    // Fall back (Sun 2026-11-01, 02:00 → 01:00): the night is an hour longer.
    expect(quietUntil(pacific('2026-10-31', '22:30'), rossier)).toBe(utc('2026-11-01T15:00:00Z')); // 07:00 PST
    expect(quietUntil(utc('2026-11-01T09:30:00Z'), rossier)).toBe(utc('2026-11-01T15:00:00Z')); // the second 01:30 (PST)
  });

  it('Quiet hours: a program that sets quietHours to null sends at any hour; a daytime window is honoured too', () => {
    const none: TProgramPolicy = { ...rossier, notifications: { ...rossier.notifications, quietHours: null } };
    expect(quietUntil(pacific('2026-09-15', '22:30'), none)).toBeUndefined();
    const east: TProgramPolicy = {
      ...rossier,
      timeZone: 'America/New_York',
      notifications: { ...rossier.notifications, quietHours: { start: '21:00', end: '06:30' } },
    };
    expect(quietUntil(zonedInstant('2026-09-15', '22:30', 'America/New_York'), east)).toBe(utc('2026-09-16T10:30:00Z')); // 06:30 EDT
  });
});
