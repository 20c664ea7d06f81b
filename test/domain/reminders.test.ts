import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, it, expect } from 'vitest';
import { computeKeyDates } from '../../domain/deadlines';
import { listObligations } from '../../domain/obligations';
import { parsePolicy, rossier } from '../../domain/policy';
import { reminderPlan, reminderSchedule, upcomingReminders } from '../../domain/reminders';
import { candidate2026, iso } from './fixtures';

const ilp = parsePolicy(JSON.parse(readFileSync(fileURLToPath(new URL('../../domain/policies/ilp-example.json', import.meta.url)), 'utf8')));

describe('reminders and obligations', () => {
  it('R-ONB-1: coach-match reminders go out 14 and 3 days before at 08:00 Pacific; escalation the day after', () => {
    const s = reminderSchedule('2026-07-31', 'coachMatch', rossier);
    expect(s.reminders.map((r) => [r.daysBefore, r.on, iso(r.at)])).toEqual([
      [14, '2026-07-17', '2026-07-17T15:00:00.000Z'],
      [3, '2026-07-28', '2026-07-28T15:00:00.000Z'],
    ]);
    expect(s.escalation.on).toBe('2026-08-01');
    expect(iso(s.escalation.at)).toBe('2026-08-01T15:00:00.000Z');
    expect(upcomingReminders(s, '2026-07-20').map((r) => r.on)).toEqual(['2026-07-28']);
  });

  it('R-SES-1: reminder overrides apply by exact obligation id, then by kind, else the default', () => {
    const policy = parsePolicy({
      id: 'x',
      name: 'X',
      reminders: { overrides: { sessionAssignment: { daysBefore: [2] }, 'sessionAssignment:1': { daysBefore: [5, 1], escalateAfterDays: 3 } } },
    });
    expect(reminderPlan('sessionAssignment:1', policy)).toEqual({ daysBefore: [5, 1], escalateAfterDays: 3 });
    expect(reminderPlan('sessionAssignment:4', policy)).toEqual({ daysBefore: [2], escalateAfterDays: 1 });
    expect(reminderPlan('orientation', policy)).toEqual({ daysBefore: [14, 3], escalateAfterDays: 1 });
    expect(reminderPlan('ilp-y1-inquiry-goal', ilp)).toEqual({ daysBefore: [21, 7, 1], escalateAfterDays: 1 });
  });

  it('R-ADM-1: every dated obligation is listed once with a stable id, earliest first', () => {
    const list = listObligations(computeKeyDates(candidate2026, rossier));
    expect(list.slice(0, 6).map((o) => [o.id, o.due])).toEqual([
      ['coachMatch', '2026-07-31'],
      ['orientation', '2026-09-02'],
      ['preAssessment', '2026-09-13'],
      ['sessionAssignment:1', '2026-09-21'],
      ['iipStart:1', '2026-10-02'],
      ['admission', '2026-10-13'],
    ]);
    expect(new Set(list.map((o) => o.id)).size).toBe(list.length);
    expect(list.filter((o) => o.kind === 'sessionAssignment')).toHaveLength(14);
    expect(list.map((o) => o.dueAt)).toEqual([...list.map((o) => o.dueAt)].sort((a, b) => a - b));
    expect(list.find((o) => o.id === 'preAssessment')?.owners).toEqual(['candidate', 'coach', 'supervisor']);
    expect(list.at(-1)?.id).toBe('recommendation');
  });

  it('R-IIP-1: ILP milestones join the obligation list under their own ids', () => {
    const list = listObligations(computeKeyDates(candidate2026, ilp));
    expect(list.find((o) => o.id === 'ilp-y1-inquiry-goal')).toMatchObject({ kind: 'milestone', due: '2026-11-30', owners: ['candidate'], programYear: 1 });
  });
});
