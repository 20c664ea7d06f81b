// R-REM-1: every deadline has a lead-time reminder to whoever owes it and an escalation when missed —
// the year-1 portfolio review (R-PF-1), the year-2 panel (R-PF-2), the IIP revision after the
// benchmark (R-IIP-4, R-ASM-5) — and a candidate with no site supervisor on file is a PA task.
import { describe, expect, it } from 'vitest';
import { zonedInstant } from '../../domain/calendar/dates';
import { rossier } from '../../domain/policy/policy';
import { planMoment } from '../../domain/lifecycle/planner';
import { initialState, type TCandidateState } from '../../domain/lifecycle/state';
import { renderTemplate } from '../../domain/notifications';
import { jamal } from '../support/fixtures';

const links = { portalUrl: 'https://casc.example.edu' };
const at = (date: string) => zonedInstant(date, '08:00', 'America/Los_Angeles');
const start = jamal({ enrolledOn: '2026-06-20', coach: { name: 'Gloria Sharp', email: 'gloria.sharp@example.org' } });
const year1: TCandidateState = {
  ...initialState(start),
  phase: 'year1',
  coachAssignedOn: '2026-06-25',
  orientationOn: '2026-08-10',
  moreReminders: true,
  hoursReminders: true,
};
const due = (s: TCandidateState, date: string, prefix: string) =>
  planMoment(s, rossier, at(date), links)
    .due.filter((n) => n.key.startsWith(prefix))
    .map((n) => `${n.key} ${n.template} → ${n.to.email}`);

describe('R-REM-1: reminders for every deadline', () => {
  it('R-REM-1 R-PF-1: the year-1 portfolio review (due Jun 30, 2027) reminds coach and supervisor Jun 16 and Friday Jun 25 (3 days before is a Sunday), escalates to the PA Jul 1', () => {
    expect(due(year1, '2027-06-15', 'portfolio.')).toEqual([]);
    expect(due(year1, '2027-06-16', 'portfolio.')).toEqual([
      'portfolio.year1Review:r14:coach portfolioReview.reminder.coach → gloria.sharp@example.org',
      'portfolio.year1Review:r14:supervisor portfolioReview.reminder.supervisor → dana.principal@example.org',
    ]);
    expect(due(year1, '2027-06-24', 'portfolio.').map((l) => l.split(' ')[0])).toEqual([
      'portfolio.year1Review:r14:coach',
      'portfolio.year1Review:r14:supervisor',
    ]);
    expect(due(year1, '2027-06-25', 'portfolio.').map((l) => l.split(' ')[0])).toEqual([
      'portfolio.year1Review:r3:coach',
      'portfolio.year1Review:r3:supervisor',
    ]);
    expect(due(year1, '2027-07-01', 'portfolio.')).toEqual([
      'portfolio.year1Review:escalation:pa deadline.escalation.pa → pa.tran@example.edu',
    ]);
    const passed = { ...year1, portfolio: { ...year1.portfolio, year1Review: { date: '2027-06-10', passed: true } } };
    expect(due(passed, '2027-07-01', 'portfolio.')).toEqual([]);
  });

  it('R-REM-1 R-PF-2: the year-2 panel (due May 31, 2028) reminds the candidate May 17 and Friday May 26 (3 days before is a Sunday), escalates to the PA Jun 1', () => {
    const year2: TCandidateState = {
      ...year1,
      phase: 'year2',
      portfolio: { year1Review: { date: '2027-06-10', passed: true }, presentations: [] },
    };
    expect(due(year2, '2028-05-17', 'portfolio.')).toEqual([
      'portfolio.presentation:r14:candidate deadline.reminder.candidate → jamal.jackson@example.org',
    ]);
    const [reminder] = planMoment(year2, rossier, at('2028-05-26'), links).due.filter((n) =>
      n.key.startsWith('portfolio.presentation'),
    );
    expect(renderTemplate(reminder!.template, reminder!.data as never).subject).toBe(
      'Due Wednesday, May 31, 2028: Portfolio presentation to the panel (each reviewer ≥ 3)',
    );
    expect(due(year2, '2028-06-01', 'portfolio.')).toEqual([
      'portfolio.presentation:escalation:pa deadline.escalation.pa → pa.tran@example.edu',
    ]);
  });

  it('R-REM-1 R-IIP-4 R-ASM-5: after the last benchmark rating (May 20, 2027) the IIP revision is due Saturday, Jun 19; reminded, escalated the Monday after (Jun 21), silenced by the revision', () => {
    const scores = { cpsel1: 3, cpsel2: 3, cpsel3: 3, cpsel4: 3, cpsel5: 3, cpsel6: 3 } as const;
    const rated: TCandidateState = {
      ...year1,
      portfolio: { year1Review: { date: '2027-06-10', passed: true }, presentations: [] },
      iip: {
        ...year1.iip,
        year1: {
          ...year1.iip.year1,
          submittedOn: '2026-09-10',
          coachApprovedOn: '2026-09-12',
          supervisorApprovedOn: '2026-09-14',
        },
      },
      assessments: (['candidate', 'coach', 'supervisor'] as const).map((rater, i) => ({
        window: 'endYear1' as const,
        rater,
        scores,
        date: `2027-05-${18 + i}`,
      })),
    };
    expect(due(rated, '2027-06-05', 'iip1.revision')).toEqual([
      'iip1.revision:r14:candidate deadline.reminder.candidate → jamal.jackson@example.org',
    ]);
    expect(due(rated, '2027-06-20', 'iip1.revision')).toEqual([]);
    expect(due(rated, '2027-06-21', 'iip1.revision')).toEqual([
      'iip1.revision:escalation:pa deadline.escalation.pa → pa.tran@example.edu',
    ]);
    const revised = {
      ...rated,
      iip: { ...rated.iip, year1: { ...rated.iip.year1, revisedOn: '2027-06-01', revisions: 1 } },
    };
    expect(due(revised, '2027-06-21', 'iip1.revision')).toEqual([]);
  });

  it('R-REM-1: no site supervisor on file 30 days after enrollment (Jul 20, 2026) is a PA task on Jul 21', () => {
    const none: TCandidateState = { ...year1, phase: 'enrolled', start: { ...year1.start, supervisor: undefined } };
    expect(due(none, '2026-07-20', 'supervisorOnFile')).toEqual([]);
    const [task] = planMoment(none, rossier, at('2026-07-21'), links).due.filter((n) =>
      n.key.startsWith('supervisorOnFile'),
    );
    expect(`${task?.key} ${task?.to.email}`).toBe('supervisorOnFile:escalation:pa pa.tran@example.edu');
    expect(renderTemplate(task!.template, task!.data as never).subject).toBe(
      'Overdue: Site supervisor on file (needed for IIP approvals and CPSEL ratings) — Jamal Jackson',
    );
  });

  it('R-REM-2: a run recorded before the rule (moreReminders false) plans none of these', () => {
    const old = { ...year1, moreReminders: false };
    expect(due(old, '2027-06-16', 'portfolio.')).toEqual([]);
  });

  it('R-REM-1 R-HRS-1 R-HRS-2: year-1 hours still short two weeks before year 2 begins (Aug 1, 2027; due Fri Jul 30) are reminded Jul 16 and 27 with the shortfall per category', () => {
    const short: TCandidateState = {
      ...year1,
      hours: {
        ...year1.hours,
        year1: { coaching: 36, learning: { cpselSession: 12, jobAligned: 18, plc: 6, district: 20 } },
      },
    };
    expect(due(short, '2027-07-15', 'hours.y1')).toEqual([]);
    const [reminder] = planMoment(short, rossier, at('2027-07-16'), links).due.filter((n) =>
      n.key.startsWith('hours.y1'),
    );
    expect(`${reminder?.key} → ${reminder?.to.email}`).toBe('hours.y1:r14:candidate → jamal.jackson@example.org');
    expect(reminder?.data).toMatchObject({
      dueDate: '2027-07-30',
      detail: 'Still to log: coaching 4 h; professional learning 4 h; cohort PLC 4 h.',
    });
    expect(due(short, '2027-07-27', 'hours.y1')).toEqual([
      'hours.y1:r3:candidate deadline.reminder.candidate → jamal.jackson@example.org',
    ]);
    const met: TCandidateState = {
      ...short,
      hours: {
        ...short.hours,
        year1: { coaching: 40, learning: { cpselSession: 12, jobAligned: 18, plc: 10, district: 20 } },
      },
    };
    expect(due(met, '2027-07-27', 'hours.y1')).toEqual([]);
  });
});
