import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, it, expect } from 'vitest';
import { computeKeyDates } from '../../domain/calendar/deadlines';
import { openObligations } from '../../domain/lifecycle/obligations';
import { initialState, type TCandidateState } from '../../domain/lifecycle/state';
import { jamal } from '../support/fixtures';
import { parsePolicy, rossier } from '../../domain/policy/policy';
import { reminderMoments, reminderPlan } from '../../domain/notifications/reminders';
import { candidate2026, iso } from './fixtures';

const links = { portalUrl: 'https://casc.example.edu' };
const ilp = parsePolicy(
  JSON.parse(
    readFileSync(fileURLToPath(new URL('../../domain/policy/programs/ilp-example.json', import.meta.url)), 'utf8'),
  ),
);

describe('reminders and obligations', () => {
  it('R-ONB-1 R-TIME-2: coach-match reminders go out 14 and 3 days before at 08:00 Pacific; the escalation the day after, or the Monday after when that is a weekend day', () => {
    const plan = reminderPlan('coachMatch', rossier);
    expect(plan).toEqual({ daysBefore: [14, 3], escalateAfterDays: 1 });
    const moments = (due: string, policy = rossier) => {
      const m = reminderMoments(due, plan, policy);
      return {
        reminders: m.reminders.map((r) => [r.lead, iso(r.at)]),
        end: iso(m.deadlineEnd),
        escalation: iso(m.escalateAt),
      };
    };
    // Due Thursday, Jul 30, 2026: Jul 16 (Thu) and Jul 27 (Mon), escalated Friday, Jul 31.
    expect(moments('2026-07-30')).toEqual({
      reminders: [
        [14, '2026-07-16T15:00:00.000Z'],
        [3, '2026-07-27T15:00:00.000Z'],
      ],
      end: '2026-07-31T06:59:59.999Z',
      escalation: '2026-07-31T15:00:00.000Z',
    });
    // Due Friday, Jul 31: the day after is a Saturday, so the escalation goes Monday, Aug 3.
    expect(moments('2026-07-31').escalation).toBe('2026-08-03T15:00:00.000Z');
    // Due Tuesday, Aug 4: 3 days before is Saturday, Aug 1, so that reminder goes Friday, Jul 31.
    expect(moments('2026-08-04').reminders).toEqual([
      [14, '2026-07-21T15:00:00.000Z'],
      [3, '2026-07-31T15:00:00.000Z'],
    ]);
    // A program that sends on the day they fall (and every workflow whose policy predates the setting).
    const anyDay = { ...rossier, notifications: { ...rossier.notifications, remindOnWorkdays: false } };
    expect(moments('2026-07-31', anyDay).escalation).toBe('2026-08-01T15:00:00.000Z');
    expect(moments('2026-08-04', anyDay).reminders[1]).toEqual([3, '2026-08-01T15:00:00.000Z']);
    const { remindOnWorkdays: _absent, ...recorded } = rossier.notifications;
    expect(moments('2026-07-31', { ...rossier, notifications: recorded } as typeof rossier).escalation).toBe(
      '2026-08-01T15:00:00.000Z',
    );
  });

  it('R-SES-1: reminder overrides apply by exact obligation id, then by kind, else the default', () => {
    const policy = parsePolicy({
      id: 'x',
      name: 'X',
      reminders: {
        overrides: {
          sessionAssignment: { daysBefore: [2] },
          'sessionAssignment:1': { daysBefore: [5, 1], escalateAfterDays: 3 },
        },
      },
    });
    expect(reminderPlan('sessionAssignment:1', policy)).toEqual({ daysBefore: [5, 1], escalateAfterDays: 3 });
    expect(reminderPlan('sessionAssignment:4', policy)).toEqual({ daysBefore: [2], escalateAfterDays: 1 });
    expect(reminderPlan('orientation', policy)).toEqual({ daysBefore: [14, 3], escalateAfterDays: 1 });
    expect(reminderPlan('ilp-y1-inquiry-goal', ilp)).toEqual({ daysBefore: [21, 7, 1], escalateAfterDays: 1 });
  });

  it('R-REM-1: every open obligation of a year-1 candidate has a stable id of its own, and its exact override key', () => {
    const state: TCandidateState = {
      ...initialState(jamal({ enrolledOn: '2026-07-01' })),
      phase: 'year1',
      moreReminders: true,
      milestoneReminders: true,
    };
    const list = openObligations(state, ilp, computeKeyDates(candidate2026, ilp), links, '2026-08-03');
    expect(new Set(list.map((o) => o.id)).size).toBe(list.length);
    expect(list.filter((o) => o.overrideId?.startsWith('iipStart:')).map((o) => o.overrideId)).toEqual(['iipStart:1']);
  });

  it('R-REM-1: ILP milestones join the one obligation model under their own ids (seed 004)', () => {
    const state: TCandidateState = {
      ...initialState(jamal({ enrolledOn: '2026-07-01' })),
      phase: 'year1',
      milestoneReminders: true,
    };
    const list = openObligations(state, ilp, computeKeyDates(candidate2026, ilp), links, '2026-08-03');
    expect(list.find((o) => o.id === 'milestone.ilp-y1-inquiry-goal')).toMatchObject({
      kind: 'ilp-y1-inquiry-goal',
      overrideId: 'ilp-y1-inquiry-goal',
      due: '2026-11-30',
      owner: 'candidate',
      rule: 'R-REM-1',
    });
    // Year-2 milestones open with year 2.
    expect(list.filter((o) => o.id.startsWith('milestone.')).map((o) => o.id)).toEqual([
      'milestone.ilp-initial-assessment',
      'milestone.ilp-y1-inquiry-goal',
      'milestone.ilp-y1-action-research',
      'milestone.ilp-y1-reflection',
      'milestone.ilp-y1-application',
    ]);
  });
});
