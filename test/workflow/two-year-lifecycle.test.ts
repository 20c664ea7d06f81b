// An on-track candidate (modelled on Jamal, seed 001) driven through both program years on the
// time-skipping server, from the first day of the assignment to completion review.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { TCandidateEvent } from '../../domain/events';
import type { TCpselScores } from '../../domain/lifecycle/cpsel';
import { candidateKey, workflowIdFor } from '../../domain/lifecycle/candidate';
import { recordEventUpdate, statusQuery } from '../../workflows/messages';
import { createTimeSkippingEnv } from '../support/time-skipping';
import { withWorkers } from '../support/harness';
import { GLORIA, jamal } from '../support/fixtures';
import { skipTo } from '../support/clock';
import { computeKeyDates } from '../../domain/calendar/deadlines';
import { addDays } from '../../domain/calendar/dates';
import { getBuiltinPolicy } from '../../domain/policy/policy';

let env: TestWorkflowEnvironment;
beforeAll(async () => {
  env = await createTimeSkippingEnv('2026-06-15T15:00:00Z');
});
afterAll(async () => {
  await env?.teardown();
});

const meets: TCpselScores = { cpsel1: 3, cpsel2: 3, cpsel3: 4, cpsel4: 3, cpsel5: 3, cpsel6: 3 };
const byAllRaters = (window: 'pre' | 'endYear1' | 'startYear2' | 'endYear2'): TCandidateEvent[] =>
  (['candidate', 'coach', 'supervisor'] as const).map((rater) => ({
    type: 'assessmentSubmitted',
    window,
    rater,
    scores: meets,
    reflectionSubmitted: true,
  }));
const goals = (standards: ('cpsel1' | 'cpsel2' | 'cpsel3' | 'cpsel4' | 'cpsel5' | 'cpsel6')[]) =>
  standards.map((cpsel) => ({ cpsel, goal: `Lead growth in ${cpsel}` }));

/** A program year's hours: monthly coaching and learning across the categories the policy requires. */
function monthlyHours(year: number, firstMonth: number): [string, TCandidateEvent[]][] {
  const months = [8, 9, 10, 11, 12, 1, 2, 3, 4, 5].slice(firstMonth === 8 ? 0 : 1);
  return months.map((m, i) => {
    const y = m >= 8 ? year : year + 1;
    const date = `${y}-${String(m).padStart(2, '0')}-20`;
    const events: TCandidateEvent[] = [
      { type: 'coachingLogged', hours: 4.5 },
      { type: 'learningLogged', hours: 2, category: 'cpselSession' },
      { type: 'learningLogged', hours: 2, category: 'jobAligned' },
      { type: 'learningLogged', hours: 1.25, category: 'plc' },
      { type: 'learningLogged', hours: 2.5, category: 'district' },
    ];
    return [date, i < 9 ? events : events.slice(0, 1)];
  });
}

describe('the two-year lifecycle (time-skipping)', () => {
  it('R-ADM-1 R-ONB-1 R-ONB-2 R-IIP-1 R-IIP-2 R-IIP-3 R-ASM-1 R-ASM-2 R-HRS-1 R-HRS-2: an on-track candidate reaches completionReview with no escalation, state intact across continue-as-new', async () => {
    await withWorkers(env, async ({ start, sent }) => {
      const candidate = jamal();
      await start(candidate);
      const handle = env.client.workflow.getHandle(
        workflowIdFor(candidateKey(candidate.programId, candidate.candidateId)),
      );
      const send = (e: TCandidateEvent) => handle.executeUpdate(recordEventUpdate, { args: [e] });
      const script: [string, TCandidateEvent[]][] = [
        ['2026-06-20', [{ type: 'admitted' }]],
        ['2026-06-25', [{ type: 'coachAssigned', coach: GLORIA }]],
        ['2026-07-10', byAllRaters('pre')],
        ['2026-08-10', [{ type: 'orientationAttended' }]],
        ['2026-09-18', [{ type: 'iipSubmitted', year: 1, goals: goals(['cpsel1', 'cpsel2', 'cpsel3']) }]],
        [
          '2026-09-25',
          [
            { type: 'iipApproved', year: 1, approver: 'coach' },
            { type: 'iipApproved', year: 1, approver: 'supervisor' },
          ],
        ],
        ...monthlyHours(2026, 9).slice(0, 4),
        ['2027-05-12', byAllRaters('endYear1')],
        // R-IIP-4 / R-ASM-5: the IIP revised after the benchmark, approved again (R-IIP-3); R-PF-1: the year-1 review.
        [
          '2027-05-26',
          [
            { type: 'iipRevised', year: 1, reason: 'After the end-of-year-1 benchmark' },
            { type: 'iipApproved', year: 1, approver: 'coach' },
            { type: 'iipApproved', year: 1, approver: 'supervisor' },
          ],
        ],
        ['2027-06-10', [{ type: 'portfolioReviewed', year: 1, passed: true }]],
        ...monthlyHours(2026, 9).slice(4),
        ['2027-08-20', byAllRaters('startYear2')],
        ['2027-09-15', [{ type: 'iipSubmitted', year: 2, goals: goals(['cpsel4', 'cpsel5', 'cpsel6']) }]],
        [
          '2027-09-22',
          [
            { type: 'iipApproved', year: 2, approver: 'coach' },
            { type: 'iipApproved', year: 2, approver: 'supervisor' },
          ],
        ],
        ...monthlyHours(2027, 9).slice(0, 8),
        ['2028-05-10', byAllRaters('endYear2')],
        ['2028-05-15', [{ type: 'portfolioPresented', panelScores: [3, 4, 3] }]], // R-PF-2
        ...monthlyHours(2027, 9).slice(8),
        // R-HRS-1: the coach meets the candidate every month, the summer and August included.
        ['2027-06-21', [{ type: 'coachingLogged', hours: 1.5 }]],
        ['2027-07-21', [{ type: 'coachingLogged', hours: 1.5 }]],
        ['2027-08-21', [{ type: 'coachingLogged', hours: 1.5 }]],
      ];
      // Every session's assignment handed in two days after the session (R-SES-1).
      const { sessions } = computeKeyDates(
        { assignmentStart: candidate.assignmentStart, enrolledOn: '2026-06-20', cohortStart: candidate.cohortStart },
        getBuiltinPolicy('rossier'),
      );
      for (const s of sessions) script.push([addDays(s.date, 2), [{ type: 'assignmentSubmitted', session: s.number }]]);
      script.sort((a, b) => a[0].localeCompare(b[0]));
      let firstRun: string | undefined;
      let clock = '';
      for (const [date, events] of script) {
        if (date !== clock) await skipTo(env, date);
        clock = date;
        for (const e of events) await send(e);
        if (date === '2026-06-20') firstRun = (await handle.describe()).runId;
      }

      // Year 1 → year 2 continued the workflow as new; the record came along intact.
      expect((await handle.describe()).runId).not.toBe(firstRun);
      await skipTo(env, '2028-06-02');
      const status = await handle.query(statusQuery);
      expect(status.phase).toBe('completionReview');
      expect(status.flags).toEqual({ earlyWarning: false, academicWatch: false, atRisk: false, deferred: false });
      expect(status.milestones).toMatchObject({
        admittedOn: '2026-06-20',
        coachAssignedOn: '2026-06-25',
        orientationOn: '2026-08-10',
      });
      expect(status.iip.year1.standards).toEqual(['cpsel1', 'cpsel2', 'cpsel3']);
      expect(status.iip.year2.standards).toEqual(['cpsel4', 'cpsel5', 'cpsel6']);
      expect(status.iip.year2.supervisorApprovedOn).toBe('2027-09-22');
      expect(status.assessments).toHaveLength(12);
      for (const year of [status.hours.year1, status.hours.year2]) {
        expect(year.coaching.short).toBe(0);
        expect(year.learning.short).toBe(0);
        expect(year.coaching.logged).toBeGreaterThanOrEqual(40);
      }

      // Reminders went out before deadlines (sessions with invitations among them); nothing escalated.
      const templates = sent.map((e) => e.template);
      expect(templates.filter((t) => t.includes('.escalation.'))).toEqual([]);
      expect(templates.filter((t) => t === 'cpselSession.reminder.candidate').length).toBeGreaterThanOrEqual(12);
      expect(templates).toContain('workshop.reminder.candidate');
      expect(new Set(sent.map((e) => e.idempotencyKey)).size).toBe(sent.length);
    });
  }, 240_000);
});
