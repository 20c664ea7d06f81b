// What the messages say: greetings, names, lists and numbers as a person writes them (issue 16,
// "Wording"). Rendered through the real planners and templates, so a template that drifts is caught.
import { describe, expect, it } from 'vitest';
import { computeKeyDates } from '../../domain/calendar/deadlines';
import { endOfDayInstant } from '../../domain/calendar/dates';
import { getBuiltinPolicy } from '../../domain/policy/policy';
import { initialState, type TCandidateState } from '../../domain/lifecycle/state';
import { firstName } from '../../domain/lifecycle/people';
import { openObligations } from '../../domain/lifecycle/obligations';
import { evaluateRisk } from '../../domain/risk/notices';
import { renderTemplate, type TTemplateId } from '../../domain/notifications';
import { formatHours } from '../../domain/notifications/format';
import { jamal } from '../support/fixtures';

const policy = getBuiltinPolicy('rossier');
const links = { portalUrl: 'https://casc.example.edu' };
const start = jamal({ enrolledOn: '2026-06-15', coach: { name: 'Gloria Sharp', email: 'gloria@example.org' } });
const keyDates = computeKeyDates(
  { assignmentStart: start.assignmentStart, enrolledOn: '2026-06-15', cohortStart: start.cohortStart },
  policy,
);
const year1: TCandidateState = {
  ...initialState(start),
  phase: 'year1',
  coachAssignedOn: '2026-06-20',
  orientationOn: '2026-08-10',
};
const render = (m: { template: TTemplateId; data: Record<string, unknown> }) =>
  renderTemplate(m.template, m.data as never);
const messagesOn = (state: TCandidateState, today: string) =>
  openObligations(state, policy, keyDates, links, today).flatMap((o) => [...o.reminders(7), ...o.escalation(7)]);

describe('Wording: greetings use the name a person is called by', () => {
  it('R-REM-1: "Dana Lee" is greeted "Dana"; "Dr. Tran" and "Dr. Maria Tran" keep their title and name', () => {
    expect(firstName('Dana Lee')).toBe('Dana');
    expect(firstName('  Jamal   Jackson ')).toBe('Jamal');
    expect(firstName('Dr. Tran')).toBe('Dr. Tran');
    expect(firstName('Dr. Maria Tran')).toBe('Dr. Maria Tran');
    expect(firstName('Prof Li')).toBe('Prof Li');
    expect(firstName('Dr.')).toBe('Dr.');
  });

  it('R-IIP-1: the PA "Dr. Tran" is greeted "Hello Dr. Tran," in the IIP escalation, never "Hello Dr.,"', () => {
    const escalation = messagesOn(year1, '2026-09-20').find((m) => m.template === 'iipStart.escalation.pa')!;
    const email = render(escalation);
    expect(email.text.startsWith('Hello Dr. Tran,\n')).toBe(true);
    expect(email.text).not.toContain('Hello Dr.,');
  });
});

describe('Wording: names, lists and numbers', () => {
  it("R-IIP-3: the site supervisor's approval email names the candidate in its subject", () => {
    const submitted: TCandidateState = {
      ...year1,
      iip: {
        ...year1.iip,
        year1: {
          ...year1.iip.year1,
          submittedOn: '2026-09-01',
          standards: ['cpsel1', 'cpsel2', 'cpsel3'],
          goals: [],
          coachApprovedOn: '2026-09-02',
        },
      },
    };
    const toSupervisor = messagesOn(submitted, '2026-09-08').filter(
      (m) => m.template === 'iipApproval.reminder.supervisor',
    );
    expect(toSupervisor.map((m) => m.to.email)).toEqual(['dana.principal@example.org']);
    const email = render(toSupervisor[0]!);
    expect(email.subject).toBe("Jamal's year 1 Individual Induction Plan awaits your approval");
    expect(email.text.startsWith('Hello Dana,\n')).toBe(true);
  });

  it('R-ASM-2: "without scores from the coach and the site supervisor" (a sentence, not a comma list)', () => {
    const email = renderTemplate('assessmentWindow.escalation.pa', {
      firstName: 'Dr. Tran',
      programName: 'Rossier CASC',
      candidateName: 'Jamal Jackson',
      window: 'endYear1',
      closedOn: '2027-06-30',
      missingRaters: ['coach', 'supervisor'],
      candidateUrl: 'https://casc.example.edu/c',
    });
    expect(email.text).toContain(
      'closed on Wednesday, June 30, 2027 without scores from the coach and the site supervisor.',
    );
    const three = renderTemplate('assessmentWindow.escalation.pa', {
      firstName: 'Dr. Tran',
      programName: 'Rossier CASC',
      candidateName: 'Jamal Jackson',
      window: 'pre',
      closedOn: '2026-09-13',
      missingRaters: ['candidate', 'coach', 'supervisor'],
      candidateUrl: 'https://casc.example.edu/c',
    });
    expect(three.text).toContain('without scores from the candidate, the coach and the site supervisor.');
  });

  it('R-SES-1 R-EW-1: a session has one name — the reminder, the early warning and the watch evidence all say "CASC 01: …"', () => {
    // Session 2 is the handbook's "CASC 01: Developing a Shared Vision" (Oct 12, 2026; assignment due Oct 19).
    const reminder = messagesOn(year1, '2026-10-17').find((m) => m.template === 'assignmentDue.reminder.candidate')!;
    expect(reminder.data.assignmentTitle).toBe('CASC 01: Developing a Shared Vision assignment');
    const session3Due = keyDates.sessions.find((s) => s.number === 3)!.assignmentDue;
    const withSession1: TCandidateState = {
      ...year1,
      assignments: [{ session: 1, date: '2026-09-21', late: false, lateAccepted: false, subpar: false }],
    };
    const risk = evaluateRisk(
      withSession1,
      policy,
      endOfDayInstant(session3Due, 'America/Los_Angeles') + 9 * 3_600_000,
      links,
    );
    const warning = risk.notices.find((n) => n.template === 'earlyWarning.notice.candidate')!;
    expect((warning.data.assignments as { item: string }[]).map((a) => a.item)).toEqual([
      'CASC 01: Developing a Shared Vision assignment',
      'CASC 02: Instructional Leadership in Action assignment',
    ]);
    expect(risk.openWatch?.evidence).toEqual([
      'CASC 01: Developing a Shared Vision assignment missing (due 2026-10-19)',
      'CASC 02: Instructional Leadership in Action assignment missing (due 2026-11-16)',
    ]);
  });

  it('R-HRS-3: hours read 12, 12.5 and 13.33 — never 12.00 or 0.30000000000000004', () => {
    expect([12, 12.5, 40 / 3, 0.1 + 0.2, 0].map(formatHours)).toEqual(['12', '12.5', '13.33', '0.3', '0']);
    const email = renderTemplate('hoursPace.notice.candidate', {
      firstName: 'Jamal',
      programName: 'Rossier CASC',
      year: 1,
      category: 'coaching',
      loggedHours: 0.1 + 0.2,
      expectedHours: 40 / 3,
      yearTargetHours: 40,
      asOf: '2026-11-30',
      logUrl: 'https://casc.example.edu/h',
    });
    expect(email.text).toContain(
      '0.3 of the 13.33 coaching hours expected by Monday, November 30, 2026 are logged (year 1 target: 40 hours).',
    );
  });
});
