// R-REM-1 / R-REM-2 for a program's own milestones (policy.milestones, seed 004's ILP cells): each
// is reminded to whoever owes it on the days the policy says, escalated to the PA once when missed,
// and closed by milestoneSubmitted; a policy override for a milestone's (or an instance's) exact id
// applies. One obligation model: the lifecycle planner (planMoment) plans them with everything else.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { addDays, localDateOf, zonedInstant } from '../../domain/calendar/dates';
import { parsePolicy, rossier, type TProgramPolicy } from '../../domain/policy/policy';
import { planMoment } from '../../domain/lifecycle/planner';
import { computeLifecycleDates } from '../../domain/lifecycle/dates';
import { openObligations } from '../../domain/lifecycle/obligations';
import { planObligationNotices } from '../../domain/notifications/plan';
import { applyEvent, rejectEvent, type TEventContext } from '../../domain/lifecycle/reducer';
import { initialState, type TCandidateState } from '../../domain/lifecycle/state';
import { ZCandidateEvent, type TCandidateEvent } from '../../domain/events';
import { renderTemplate } from '../../domain/notifications';
import { openTasks } from '../../domain/portal/tasks';
import { NOTE_MAX } from '../../domain/limits';
import { GLORIA, jamal } from '../support/fixtures';

const TZ = 'America/Los_Angeles';
const links = { portalUrl: 'https://casc.example.edu' };
const at = (date: string, time = '08:00') => zonedInstant(date, time, TZ);
const ilpJson = JSON.parse(
  readFileSync(fileURLToPath(new URL('../../domain/policy/programs/ilp-example.json', import.meta.url)), 'utf8'),
) as { milestones: object[]; reminders: { overrides: Record<string, object> } } & Record<string, unknown>;
/** Seed 004's ILP program plus one checkpoint due Friday, March 12, 2027, reminded 14, 7 and 1 days before, escalated 3 days after. */
const ilp: TProgramPolicy = parsePolicy({
  ...ilpJson,
  milestones: [
    ...ilpJson.milestones,
    {
      id: 'ilp-y1-checkpoint',
      label: 'Year 1 inquiry checkpoint',
      owner: 'candidate',
      due: { programYear: 1, month: 3, day: 12 },
    },
  ],
  reminders: {
    overrides: {
      ...ilpJson.reminders.overrides,
      'ilp-y1-checkpoint': { daysBefore: [14, 7, 1], escalateAfterDays: 3 },
    },
  },
});
const start = jamal({
  candidateId: 'c001',
  policyId: ilp.id,
  programId: 'ilp',
  enrolledOn: '2026-07-01',
  coach: GLORIA,
});
const year1: TCandidateState = {
  ...initialState(start),
  phase: 'year1',
  coachAssignedOn: '2026-06-25',
  orientationOn: '2026-08-10',
  milestoneReminders: true,
};

/** Runs the planner every morning from `from` to `to` (notified keys kept, as the workflow keeps them); what `prefix` sent, by day. */
function run(state: TCandidateState, policy: TProgramPolicy, from: string, to: string, prefix: string): string[] {
  let s = state;
  const sent: string[] = [];
  for (let day = from; day <= to; day = addDays(day, 1)) {
    const { due } = planMoment(s, policy, at(day), links);
    s = { ...s, notified: [...s.notified, ...due.map((n) => n.key)] };
    for (const n of due) if (n.key.startsWith(prefix)) sent.push(`${day} ${n.key} ${n.template} → ${n.to.email}`);
  }
  return sent;
}

const ctx = (state: TCandidateState, policy: TProgramPolicy, today: string): TEventContext => {
  const { keyDates } = computeLifecycleDates(state, policy);
  return {
    today,
    year2Start: keyDates.programYears.year2.start,
    refundWindowEnds: keyDates.refundWindowEnds,
    policy,
    keyDates,
  };
};
const submitted = (milestoneId: string, date: string): TCandidateEvent =>
  ZCandidateEvent.parse({ type: 'milestoneSubmitted', milestoneId, date });

describe('R-REM-1: policy milestones remind and escalate', () => {
  it('R-REM-1 R-REM-2: a milestone due Fri 2027-03-12 is reminded Feb 26, Mar 5 and Mar 11 to the candidate and escalated once, Mon Mar 15, to the PA', () => {
    expect(run(year1, ilp, '2027-02-01', '2027-04-30', 'milestone.ilp-y1-checkpoint')).toEqual([
      '2027-02-26 milestone.ilp-y1-checkpoint:r14:candidate milestone.reminder.candidate → jamal.jackson@example.org',
      '2027-03-05 milestone.ilp-y1-checkpoint:r7:candidate milestone.reminder.candidate → jamal.jackson@example.org',
      '2027-03-11 milestone.ilp-y1-checkpoint:r1:candidate milestone.reminder.candidate → jamal.jackson@example.org',
      '2027-03-15 milestone.ilp-y1-checkpoint:escalation:pa milestone.escalation.pa → pa.tran@example.edu',
    ]);
  });

  it('R-REM-1: the messages name the milestone, its date and the page that records it; the PA hears how late it is', () => {
    const [reminder] = planMoment(year1, ilp, at('2027-03-11'), links).due.filter((n) =>
      n.key.startsWith('milestone.ilp-y1-checkpoint'),
    );
    expect(reminder?.data).toMatchObject({
      milestone: 'Year 1 inquiry checkpoint',
      dueDate: '2027-03-12',
      milestoneUrl: 'https://casc.example.edu/portal/ilp-c001/milestones/ilp-y1-checkpoint',
    });
    expect(renderTemplate(reminder!.template, reminder!.data as never).subject).toBe(
      'Due Friday, March 12, 2027: Year 1 inquiry checkpoint',
    );
    const [escalation] = planMoment(year1, ilp, at('2027-03-15'), links).due.filter((n) =>
      n.key.startsWith('milestone.ilp-y1-checkpoint'),
    );
    const email = renderTemplate(escalation!.template, escalation!.data as never);
    expect(email.subject).toBe('Overdue milestone: Year 1 inquiry checkpoint — Jamal Jackson');
    expect(email.text).toContain('was due by Friday, March 12, 2027 (3 days ago) and is not recorded.');
  });

  it('R-REM-1: the workflow sleeps until the next moment: after the last reminder (Mar 11) it wakes on Mar 15 at 08:00 for the escalation', () => {
    const { keyDates } = computeLifecycleDates(year1, ilp);
    const only = openObligations(year1, ilp, keyDates, links, '2027-03-11').filter(
      (o) => o.id === 'milestone.ilp-y1-checkpoint',
    );
    const plan = planObligationNotices(
      only,
      ilp,
      at('2027-03-11', '09:00'),
      ['milestone.ilp-y1-checkpoint:r1:candidate'],
      { exactOverrides: true },
    );
    expect(plan).toEqual({ due: [], nextWakeAt: at('2027-03-15') });
  });

  it('R-REM-1: milestoneSubmitted (Mar 10) closes it: no reminder on Mar 11, no escalation', () => {
    const event = submitted('ilp-y1-checkpoint', '2027-03-10');
    expect(rejectEvent(year1, event, ctx(year1, ilp, '2027-03-10'))).toBeUndefined();
    const done = applyEvent(year1, event, ctx(year1, ilp, '2027-03-10'));
    expect(done.milestones).toEqual([{ id: 'ilp-y1-checkpoint', date: '2027-03-10' }]);
    expect(done.timeline.at(-1)).toEqual({
      date: '2027-03-10',
      kind: 'milestoneSubmitted',
      detail: 'ilp-y1-checkpoint',
    });
    expect(run(done, ilp, '2027-03-11', '2027-04-30', 'milestone.ilp-y1-checkpoint')).toEqual([]);
  });

  it('R-REM-1: a counted milestone (3–4 action-research entries, due Apr 30, 2027) stays open until the third entry, and its reminder says how many are in', () => {
    let s = year1;
    for (const date of ['2027-02-01', '2027-03-01'])
      s = applyEvent(s, submitted('ilp-y1-action-research', date), ctx(s, ilp, date));
    const [reminder] = planMoment(s, ilp, at('2027-04-16'), links).due.filter((n) =>
      n.key.startsWith('milestone.ilp-y1-action-research'),
    );
    expect(reminder?.key).toBe('milestone.ilp-y1-action-research:r14:candidate');
    expect(renderTemplate(reminder!.template, reminder!.data as never).text).toContain(
      '2 of the 3 needed are recorded so far.',
    );
    const third = applyEvent(s, submitted('ilp-y1-action-research', '2027-04-20'), ctx(s, ilp, '2027-04-20'));
    expect(
      openObligations(third, ilp, computeLifecycleDates(third, ilp).keyDates, links, '2027-04-20').map((o) => o.id),
    ).not.toContain('milestone.ilp-y1-action-research');
    // A fourth is accepted (max 4), a fifth is not.
    const fourth = applyEvent(third, submitted('ilp-y1-action-research', '2027-04-21'), ctx(third, ilp, '2027-04-21'));
    expect(rejectEvent(fourth, submitted('ilp-y1-action-research', '2027-04-22'), ctx(fourth, ilp, '2027-04-22'))).toBe(
      "'ilp-y1-action-research' was already recorded 4 times (at most 4)",
    );
  });

  it("R-REM-1: milestoneSubmitted names one of the policy's milestones, once, while in the program; the note has the shared limit", () => {
    const c = ctx(year1, ilp, '2027-03-10');
    expect(rejectEvent(year1, submitted('ilp-y3-nothing', '2027-03-10'), c)).toBe(
      "the program has no milestone 'ilp-y3-nothing'; its milestones are: ilp-initial-assessment, ilp-y1-inquiry-goal, ilp-y1-action-research, ilp-y1-reflection, ilp-y1-application, ilp-y2-inquiry-goal, ilp-y2-action-research, ilp-y2-reflection, ilp-y2-application, ilp-y1-checkpoint",
    );
    const rossierYear1 = { ...year1, start: { ...year1.start, policyId: 'rossier' } };
    expect(
      rejectEvent(rossierYear1, submitted('ilp-y1-checkpoint', '2027-03-10'), ctx(rossierYear1, rossier, '2027-03-10')),
    ).toBe("the program has no milestones ('ilp-y1-checkpoint')");
    const once = applyEvent(year1, submitted('ilp-y1-checkpoint', '2027-03-09'), c);
    expect(rejectEvent(once, submitted('ilp-y1-checkpoint', '2027-03-10'), c)).toBe(
      "'ilp-y1-checkpoint' was already recorded on 2027-03-09",
    );
    expect(rejectEvent({ ...year1, phase: 'applicant' }, submitted('ilp-y1-checkpoint', '2027-03-10'), c)).toBe(
      "a milestone submission is not allowed in phase 'applicant' (allowed in: enrolled, year1, year2, completionReview)",
    );
    expect(
      ZCandidateEvent.safeParse({
        type: 'milestoneSubmitted',
        milestoneId: 'ilp-y1-checkpoint',
        note: 'n'.repeat(NOTE_MAX),
      }).success,
    ).toBe(true);
    expect(
      ZCandidateEvent.safeParse({
        type: 'milestoneSubmitted',
        milestoneId: 'ilp-y1-checkpoint',
        note: 'n'.repeat(NOTE_MAX + 1),
      }).success,
    ).toBe(false);
    expect(ZCandidateEvent.safeParse({ type: 'milestoneSubmitted', milestoneId: 'no spaces' }).success).toBe(false);
  });

  it("R-REM-1: the ILP's November milestone follows its exact-id override (21, 7 and 1 days before Nov 30, 2026; the last, a Sunday, the Friday before)", () => {
    expect(
      run(year1, ilp, '2026-11-01', '2026-12-05', 'milestone.ilp-y1-inquiry-goal').map((l) =>
        l.split(' ').slice(0, 2).join(' '),
      ),
    ).toEqual([
      '2026-11-09 milestone.ilp-y1-inquiry-goal:r21:candidate',
      '2026-11-23 milestone.ilp-y1-inquiry-goal:r7:candidate',
      '2026-11-27 milestone.ilp-y1-inquiry-goal:r1:candidate',
      '2026-12-01 milestone.ilp-y1-inquiry-goal:escalation:pa',
    ]);
  });

  it('R-REM-1: an exact-id override of one instance ("sessionAssignment:3") applies to that assignment only', () => {
    const policy = parsePolicy({
      id: 'x',
      name: 'X',
      reminders: { overrides: { 'sessionAssignment:3': { daysBefore: [5] } } },
    });
    const s: TCandidateState = { ...year1, start: { ...year1.start, policyId: 'x' } };
    const { keyDates } = computeLifecycleDates(s, policy);
    const [s2, s3] = [2, 3].map((n) => keyDates.sessions.find((x) => x.number === n)!.assignmentDue);
    const firstReminder = (state: TCandidateState, n: number, due: string) =>
      run(state, policy, addDays(due, -10), due, `assignment.${n}:`).map((l) => l.split(' ').slice(0, 2).join(' '));
    expect(firstReminder(s, 3, s3!)).toEqual([`${addDays(s3!, -5)} assignment.3:r5:candidate`]);
    // Session 2's falls on Saturday, Oct 17 (due Monday, Oct 19): it goes the Friday before.
    expect(s2).toBe('2026-10-19');
    expect(firstReminder(s, 2, s2!)).toEqual(['2026-10-16 assignment.2:r2:candidate']);
    // A run recorded before the patch keeps the kind's plan (2 days before: Saturday, Nov 14, so
    // Friday, Nov 13) for session 3 too.
    expect(s3).toBe('2026-11-16');
    expect(firstReminder({ ...s, milestoneReminders: false }, 3, s3!)).toEqual([
      '2026-11-13 assignment.3:r2:candidate',
    ]);
  });

  it('R-REM-1: My tasks lists the milestone for the candidate, linking to the page that records it', () => {
    const { keyDates } = computeLifecycleDates(year1, ilp);
    const tasks = openTasks(year1, ilp, keyDates, '2027-03-01').filter((t) => t.id === 'milestone.ilp-y1-checkpoint');
    expect(tasks).toEqual([
      {
        id: 'milestone.ilp-y1-checkpoint',
        rule: 'R-REM-1',
        label: 'Year 1 inquiry checkpoint',
        due: '2027-03-12',
        overdue: false,
        role: 'candidate',
        path: '/portal/ilp-c001/milestones/ilp-y1-checkpoint',
      },
    ]);
    const late = openTasks(year1, ilp, keyDates, '2027-03-13').filter((t) => t.id === 'milestone.ilp-y1-checkpoint');
    expect(late.map((t) => `${t.role} ${t.label} ${t.path}`)).toEqual([
      'pa Follow up: Year 1 inquiry checkpoint /dashboard/candidates/ilp-c001',
      'candidate Year 1 inquiry checkpoint /portal/ilp-c001/milestones/ilp-y1-checkpoint',
    ]);
  });

  it('R-TIME-1: a late enrollee (Oct 1) owes the initial assessment (cohort start + 45 days) 45 days after enrolling: Nov 15, 2026', () => {
    const late: TCandidateState = {
      ...year1,
      enrolledOn: '2026-10-01',
      admittedOn: '2026-10-01',
      owedFromEnrollment: true,
    };
    const { keyDates } = computeLifecycleDates(late, ilp);
    const o = openObligations(late, ilp, keyDates, links, '2026-10-01').find(
      (x) => x.id === 'milestone.ilp-initial-assessment',
    );
    expect(o?.due).toBe('2026-11-15');
  });

  it('R-REM-1 R-REC-6: the year-2 application (due Thu Jun 15, 2028) is still reminded and escalated once completion review has opened (Jun 1)', () => {
    const inReview: TCandidateState = { ...year1, phase: 'completionReview' };
    expect(
      run(inReview, ilp, '2028-06-01', '2028-06-30', 'milestone.ilp-y2-application').map((l) =>
        l.split(' ').slice(0, 2).join(' '),
      ),
    ).toEqual([
      '2028-06-01 milestone.ilp-y2-application:r14:candidate',
      '2028-06-12 milestone.ilp-y2-application:r3:candidate',
      '2028-06-16 milestone.ilp-y2-application:escalation:pa',
    ]);
  });

  it('R-REM-2: a run recorded before the rule (milestoneReminders absent or false) plans no milestone', () => {
    for (const flag of [undefined, false]) {
      const old: TCandidateState = { ...year1, milestoneReminders: flag };
      expect(run(old, ilp, '2027-02-20', '2027-03-20', 'milestone.')).toEqual([]);
    }
    expect(localDateOf(at('2027-03-15'), TZ)).toBe('2027-03-15');
  });
});
