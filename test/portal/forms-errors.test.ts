// Bad input gives the exact plain-words message under the exact field name, and the re-rendered
// form shows it beside the field (aria-invalid, aria-describedby) and in a linked summary.
import { describe, expect, it } from 'vitest';
import type { TEventType } from '../../domain/events';
import type { TApiRole } from '../../functions/auth/principal';
import { describeEvent, eventTitle, fieldId, parseEventForm, renderEventForm } from '../../functions/portal/forms';

const SCORES = {
  'scores.cpsel1': '3',
  'scores.cpsel2': '3',
  'scores.cpsel3': '3',
  'scores.cpsel4': '3',
  'scores.cpsel5': '3',
  'scores.cpsel6': '3',
};
const IIP = {
  year: '1',
  'goals.0.cpsel': 'cpsel1',
  'goals.0.goal': 'Vision',
  'goals.1.cpsel': 'cpsel2',
  'goals.1.goal': 'Walkthroughs',
  'goals.2.cpsel': 'cpsel3',
  'goals.2.goal': 'Safety',
};
const STEP1 = {
  checklistSigned: 'yes',
  hoursConfirmed: 'yes',
  proficiencyConfirmed: 'yes',
  portfolioScoreConfirmed: 'yes',
};

interface TBad {
  rule: string;
  type: TEventType;
  role: TApiRole;
  body: Record<string, string>;
  errors: Record<string, string>;
}

const BAD: TBad[] = [
  {
    rule: 'R-HRS-1: hours "abc"',
    type: 'coachingLogged',
    role: 'coach',
    body: { hours: 'abc' },
    errors: { hours: 'Enter the hours as a number, e.g. 1.5' },
  },
  {
    rule: 'R-HRS-1: hours "30"',
    type: 'coachingLogged',
    role: 'coach',
    body: { hours: '30' },
    errors: { hours: 'Enter at most 24 hours' },
  },
  {
    rule: 'R-HRS-1: hours "0"',
    type: 'coachingLogged',
    role: 'pa',
    body: { hours: '0' },
    errors: { hours: 'Enter more than 0 hours' },
  },
  {
    rule: 'R-HRS-2: learning hours left blank, no category',
    type: 'learningLogged',
    role: 'candidate',
    body: { hours: ' ' },
    errors: { hours: 'Enter the hours', category: 'Choose the kind of learning' },
  },
  {
    rule: 'R-ASM-1: a missing rubric level',
    type: 'assessmentSubmitted',
    role: 'coach',
    body: { ...SCORES, window: 'endYear1', 'scores.cpsel2': '' },
    errors: { 'scores.cpsel2': 'Choose a rubric level for Instructional Leadership' },
  },
  {
    rule: 'R-ASM-1: no window, a level outside the rubric',
    type: 'assessmentSubmitted',
    role: 'supervisor',
    body: { ...SCORES, 'scores.cpsel6': '5' },
    errors: {
      window: 'Choose the assessment window',
      'scores.cpsel6': 'Choose one of the listed options for the External Context and Policy',
    },
  },
  {
    rule: 'R-IIP-2: two goals on the same standard',
    type: 'iipSubmitted',
    role: 'candidate',
    body: { ...IIP, 'goals.2.cpsel': 'cpsel1' },
    errors: { 'goals.2.cpsel': 'Choose a different standard from goal 1: each goal names a different CPSEL standard' },
  },
  {
    rule: 'R-IIP-2: a 2,001-character goal',
    type: 'iipSubmitted',
    role: 'coach',
    body: { ...IIP, 'goals.1.goal': 'x'.repeat(2001) },
    errors: { 'goals.1.goal': 'Shorten the text of goal 2 to 2,000 characters or fewer (it has 2,001)' },
  },
  {
    rule: 'R-IIP-2: a goal row left blank',
    type: 'iipSubmitted',
    role: 'candidate',
    body: { ...IIP, year: '', 'goals.2.cpsel': '', 'goals.2.goal': '' },
    errors: {
      year: 'Choose the program year',
      'goals.2.cpsel': 'Choose the CPSEL standard for goal 3',
      'goals.2.goal': 'Enter the text of goal 3',
    },
  },
  {
    rule: 'R-REC-1: an empty checklist box',
    type: 'coachVerified',
    role: 'coach',
    body: { ...STEP1, checklistSigned: '' },
    errors: {
      checklistSigned:
        'Tick this box once it is done: I signed the IIP checklist and sent it to the Program Administrator',
    },
  },
  {
    rule: 'R-REC-4: both boxes empty',
    type: 'recommendedToCtc',
    role: 'credentialsOffice',
    body: {},
    errors: {
      hrLetterApproved: 'Tick this box once it is done: I verified and approved the HR letter',
      credentialDocumentApproved:
        'Tick this box once it is done: I verified and approved the credential document (PASC or COE)',
    },
  },
  {
    rule: 'R-PF-2: a panel of one',
    type: 'portfolioPresented',
    role: 'pa',
    body: { 'panelScores.1': '3' },
    errors: { panelScores: 'Enter 2 to 3 panel scores (there is 1)' },
  },
  {
    rule: 'R-PF-2: an exemption note without the documented box',
    type: 'portfolioPresented',
    role: 'pa',
    body: { 'medicalExemption.note': 'Surgery in May' },
    errors: { 'medicalExemption.documented': 'Tick this box once it is done: A medical exemption is documented' },
  },
  {
    rule: 'R-PF-1: no review result',
    type: 'portfolioReviewed',
    role: 'supervisor',
    body: {},
    errors: { passed: 'Answer yes or no: Did the portfolio pass the year-1 review?' },
  },
  {
    rule: 'R-INT-2: a nine-month deferral',
    type: 'deferred',
    role: 'pa',
    body: { months: '9' },
    errors: { months: 'Enter 1 to 6 months' },
  },
  {
    rule: 'R-SES-3: session 15',
    type: 'assignmentSubmitted',
    role: 'instructor',
    body: { session: '15' },
    errors: { session: 'Enter a session number from 1 to 14' },
  },
  {
    rule: 'R-SES-3: session 2.5',
    type: 'assignmentSubmitted',
    role: 'instructor',
    body: { session: '2.5' },
    errors: { session: 'Enter the session number as a whole number, e.g. 3' },
  },
  {
    rule: 'R-AW-1: an action plan with no goals, a deadline with no date, and no answer on writing',
    type: 'actionPlanAgreed',
    role: 'pa',
    body: { goals: '\r\n  \r\n', 'revisedDeadlines.2.item': 'Session 4', 'revisedDeadlines.4.due': '2027-13-01' },
    errors: {
      goals: 'Enter at least one goal, one per line',
      'revisedDeadlines.2.due': 'Enter the due date of revised deadline 3 as YYYY-MM-DD, e.g. 2026-12-02',
      'revisedDeadlines.4.item': 'Enter the item of revised deadline 5',
      'revisedDeadlines.4.due': 'Enter the due date of revised deadline 5 as a real date YYYY-MM-DD, e.g. 2026-12-02',
      agreedInWriting: 'Answer yes or no: Was the plan agreed in writing with the candidate and coach?',
    },
  },
  {
    rule: 'R-AW-1: 21 action-plan goals, a goal line too long, every deadline row blank',
    type: 'actionPlanAgreed',
    role: 'pa',
    body: { goals: Array.from({ length: 21 }, (_, i) => `Goal ${i + 1}`).join('\n'), agreedInWriting: 'no' },
    errors: {
      goals: 'Enter at most 20 goals, one per line (there are 21)',
      revisedDeadlines: 'Enter at least one revised deadline',
    },
  },
  {
    rule: 'R-AW-1: one action-plan line over 500 characters',
    type: 'actionPlanAgreed',
    role: 'pa',
    body: {
      goals: `ok\n${'y'.repeat(501)}`,
      'revisedDeadlines.0.item': 'Session 4',
      'revisedDeadlines.0.due': '2027-01-04',
      agreedInWriting: 'yes',
    },
    errors: { goals: 'Shorten line 2 of the goals to 500 characters or fewer (it has 501)' },
  },
  {
    rule: 'R-ONB-1: a coach with no name and a bad email',
    type: 'coachAssigned',
    role: 'pa',
    body: { 'coach.email': 'dana at district' },
    errors: { 'coach.name': "Enter the coach's name", 'coach.email': 'Enter an email address, e.g. name@district.org' },
  },
  {
    rule: 'R-HRS-1: a date that does not exist',
    type: 'coachingLogged',
    role: 'coach',
    body: { hours: '1', date: '2026-02-30' },
    errors: { date: 'Enter the date as a real date YYYY-MM-DD, e.g. 2026-12-02' },
  },
  {
    rule: 'R-INT-1: a withdrawal without a reason',
    type: 'withdrawn',
    role: 'pa',
    body: { reason: '   ' },
    errors: { reason: 'Enter the reason' },
  },
  {
    rule: 'R-APL-1: an appeal longer than 4,000 characters',
    type: 'appealFiled',
    role: 'candidate',
    body: { subject: 'other', statement: 'z'.repeat(4001) },
    errors: { statement: 'Shorten the statement to 4,000 characters or fewer (it has 4,001)' },
  },
  {
    rule: 'R-CMP-2: years of experience "two"',
    type: 'experienceVerified',
    role: 'credentialsOffice',
    body: { hrLetter: 'yes', years: 'two' },
    errors: { years: 'Enter the years as a number, e.g. 1.5' },
  },
];

describe('bad input: the exact message under the exact field', () => {
  it.each(BAD)('$rule', ({ type, role, body, errors }) => {
    expect(parseEventForm(type, role, body)).toEqual({ ok: false, errors });
  });

  it.each(BAD)('$rule: shown beside the field and linked from the summary', ({ type, role, body, errors }) => {
    const markup = renderEventForm({
      type,
      role,
      action: '/x',
      csrfToken: 't',
      idempotencyKey: 'k',
      values: body,
      errors,
    }).value;
    expect(markup).toContain(`<h2 id="${type}-problems">There is a problem</h2>`);
    for (const [name, message] of Object.entries(errors)) {
      const id = fieldId(type, name);
      expect(markup).toContain(
        `<p class="field-error" id="${id}-error"><span class="visually-hidden">Error: </span>${escape(message)}</p>`,
      );
      const target = /^(passed|agreedInWriting)$/.test(name) ? `${id}-yes` : id;
      expect(markup).toContain(`<li><a href="#${target}">${escape(message)}</a></li>`);
      expect(markup).toContain(`id="${target}"`);
      // The control (or its fieldset) points at the message.
      expect(markup).toMatch(new RegExp(`id="${id}"[^>]*aria-describedby="[^"]*${id}-error"`));
    }
  });
});

const escape = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

describe('rendering', () => {
  it('marks an invalid control with aria-invalid and keeps what was typed, escaped', () => {
    const markup = renderEventForm({
      type: 'coachingLogged',
      role: 'coach',
      action: '/portal/rossier-c001/events/coachingLogged',
      csrfToken: 'c',
      idempotencyKey: 'k',
      values: { hours: '"><script>x</script>' },
      errors: { hours: 'Enter the hours as a number, e.g. 1.5' },
    }).value;
    expect(markup).toContain(
      '<input type="text" inputmode="decimal" id="coachingLogged-hours" name="hours" value="&quot;&gt;&lt;script&gt;x&lt;/script&gt;" class="short" required aria-invalid="true" aria-describedby="coachingLogged-hours-hint coachingLogged-hours-error">',
    );
    expect(markup).not.toContain('<script>');
  });

  it("shows the workflow's refusal (409) in words at the top", () => {
    const markup = renderEventForm({
      type: 'iipApproved',
      role: 'supervisor',
      action: '/x',
      csrfToken: 'c',
      idempotencyKey: 'k',
      formError: 'The IIP for year 1 is already approved.',
    }).value;
    expect(markup).toContain(
      '<h2 id="iipApproved-problems">This could not be recorded</h2>\n<p>The IIP for year 1 is already approved.</p>',
    );
  });

  it('a preset from the task link is shown, sent as a hidden field, and not editable', () => {
    const markup = renderEventForm({
      type: 'assessmentSubmitted',
      role: 'coach',
      action: '/x',
      csrfToken: 'c',
      idempotencyKey: 'k',
      preset: { window: 'endYear1' },
    }).value;
    expect(markup).not.toContain('<select id="assessmentSubmitted-window"');
    expect(markup).toContain(
      '<span class="fixed-label">Assessment window:</span> <strong>End of year 1</strong><input type="hidden" name="window" value="endYear1">',
    );
  });

  it('names the people the form is about and says what the button does', () => {
    const markup = renderEventForm({
      type: 'coachingLogged',
      role: 'coach',
      action: '/x',
      csrfToken: 'c',
      idempotencyKey: 'k',
      values: { hours: '1.5' },
      people: { candidateName: 'Avery Lin', coachName: 'Dana Ruiz' },
    }).value;
    expect(markup).toContain('<p class="about">Candidate: Avery Lin · Coach: Dana Ruiz</p>');
    expect(markup).toContain('<button type="submit">Record 1.5 coaching hours</button>');
    expect(
      renderEventForm({ type: 'coachingLogged', role: 'coach', action: '/x', csrfToken: 'c', idempotencyKey: 'k' })
        .value,
    ).toContain('<button type="submit">Record coaching hours</button>');
  });

  it('titles in plain words', () => {
    expect(eventTitle('coachingLogged')).toBe('Log coaching hours');
    expect(eventTitle('assessmentSubmitted')).toBe('Rate the six CPSEL standards');
    expect(eventTitle('recommendedToCtc')).toBe('Step 4 of the recommendation: recommend to the CTC');
  });
});

describe('describeEvent (the success page)', () => {
  it.each([
    [{ type: 'coachingLogged', hours: 1.5, date: '2026-12-02' }, '1.5 hours of coaching recorded for 2026-12-02.'],
    [{ type: 'learningLogged', hours: 1, category: 'plc' }, '1 hour of professional learning (Cohort PLC) recorded.'],
    [
      {
        type: 'assessmentSubmitted',
        window: 'endYear1',
        rater: 'coach',
        scores: { cpsel1: 3, cpsel2: 3, cpsel3: 3, cpsel4: 3, cpsel5: 3, cpsel6: 3 },
      },
      'End of year 1 ratings of the six CPSEL standards recorded (rater: the coach).',
    ],
    [
      { type: 'iipApproved', year: 1, approver: 'supervisor', date: '2026-10-01' },
      'Year 1 IIP approved by the site supervisor for 2026-10-01.',
    ],
    [{ type: 'coachAssigned', coach: { name: 'Dana Ruiz', email: 'd@x.org' } }, 'Dana Ruiz assigned as coach.'],
    [
      {
        type: 'paVerified',
        finalChecklistSigned: true,
        hrLetterVerified: true,
        pascVerified: true,
        crrCompleted: true,
      },
      'Step 3 (the Program Administrator’s verification: ready to recommend to the CTC) recorded.',
    ],
  ] as const)('%j → %s', (event, text) => {
    expect(describeEvent(event)).toBe(text);
  });
});
