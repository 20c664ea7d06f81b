// One limit per field (issue 16 item 3): whatever the candidate record and the event schemas accept
// reaches every message it is quoted in. Driven through the real reducer and planners.
import { describe, expect, it } from 'vitest';
import { ZCandidateEvent } from '../../domain/events';
import { ZCandidateStart } from '../../domain/lifecycle/candidate';
import { IIP_GOAL_MAX, PERSON_NAME_MAX } from '../../domain/limits';
import { getBuiltinPolicy } from '../../domain/policy/policy';
import { initialState, type TCandidateState } from '../../domain/lifecycle/state';
import { applyEvent, type TEventContext } from '../../domain/lifecycle/reducer';
import { computeLifecycleDates } from '../../domain/lifecycle/dates';
import { openObligations } from '../../domain/lifecycle/obligations';
import { renderTemplate, type TTemplateId } from '../../domain/notifications';
import { jamal } from '../support/fixtures';

const policy = getBuiltinPolicy('rossier');
const links = { portalUrl: 'https://casc.example.edu' };
const longName = 'N'.repeat(PERSON_NAME_MAX); // one token: the greeting is the whole of it
const ctx = (state: TCandidateState, today: string): TEventContext => {
  const { keyDates } = computeLifecycleDates(state, policy);
  return {
    today,
    year2Start: keyDates.programYears.year2.start,
    refundWindowEnds: keyDates.refundWindowEnds,
    policy,
    keyDates,
  };
};
const record = (state: TCandidateState, raw: unknown, today: string) =>
  applyEvent(state, ZCandidateEvent.parse(raw), ctx(state, today));

describe('one limit per field', () => {
  it('R-IIP-3: a 2,000-character IIP goal and 120-character names reach the coach, supervisor and PA emails', () => {
    const person = (tag: string) => ({ name: longName, email: `${tag}@example.org` });
    const start = ZCandidateStart.parse({
      ...jamal({ enrolledOn: '2026-06-15' }),
      candidate: person('cand'),
      coach: person('coach'),
      supervisor: person('sup'),
      programAdministrator: person('pa'),
    });
    let state: TCandidateState = {
      ...initialState(start),
      phase: 'year1',
      coachAssignedOn: '2026-06-20',
      orientationOn: '2026-08-10',
    };
    const goal = (cpsel: string) => ({ cpsel, goal: `${cpsel} `.padEnd(IIP_GOAL_MAX, 'g') });
    state = record(
      state,
      { type: 'iipSubmitted', year: 1, goals: [goal('cpsel1'), goal('cpsel2'), goal('cpsel3')] },
      '2026-09-01',
    );
    const { keyDates } = computeLifecycleDates(state, policy);
    const sent: TTemplateId[] = [];
    for (const today of ['2026-09-10', '2026-09-20', '2026-10-20']) {
      for (const o of openObligations(state, policy, keyDates, links, today)) {
        for (const m of [...o.reminders(7), ...o.escalation(7)]) {
          const email = renderTemplate(m.template, m.data as never);
          expect(email.text.startsWith(`Hello ${longName},`)).toBe(true);
          sent.push(m.template);
        }
      }
    }
    expect([...new Set(sent)].sort()).toEqual([
      'assessmentWindow.escalation.pa',
      'assessmentWindow.reminder.candidate',
      'assessmentWindow.reminder.coach',
      'assessmentWindow.reminder.supervisor',
      'assignmentDue.reminder.candidate',
      'cpselSession.reminder.candidate',
      'iipApproval.escalation.pa',
      'iipApproval.reminder.coach',
      'iipApproval.reminder.supervisor',
      'workshop.reminder.candidate',
    ]);
    const coach = openObligations(state, policy, keyDates, links, '2026-09-10')
      .flatMap((o) => o.reminders(7))
      .find((m) => m.template === 'iipApproval.reminder.coach')!;
    expect(renderTemplate(coach.template, coach.data as never).text).toContain(goal('cpsel2').goal);
  });
});
