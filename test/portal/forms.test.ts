// Every cell of the role table (eventTypesFor): the form renders with every control labelled and
// the hidden CSRF / idempotency fields, and a valid submission parses to exactly the event the
// API accepts and authorize() allows for that role.
import { describe, expect, it } from 'vitest';
import {
  EVENT_TYPES,
  SYSTEM_EVENT_TYPES,
  ZCandidateEvent,
  type TCandidateEvent,
  type TEventType,
} from '../../domain/events';
import { API_ROLES, type TApiRole, type TPrincipal } from '../../functions/auth/principal';
import { authorize, eventTypesFor } from '../../functions/auth/policy';
import { describeEvent, eventFormFields, parseEventForm, renderEventForm } from '../../functions/portal/forms';
import { VALID } from '../support/valid-events';

const KEY = 'rossier-c001';

/** What the event is when `role` submits VALID's body: role-fixed rater/approver become the role's own. */
function expectedFor(type: TEventType, role: TApiRole): TCandidateEvent {
  const { event } = VALID[type];
  if (role !== 'pa' && event.type === 'assessmentSubmitted')
    return { ...event, rater: role as 'candidate' | 'coach' | 'supervisor' };
  if (role !== 'pa' && event.type === 'iipApproved') return { ...event, approver: role as 'coach' | 'supervisor' };
  return event;
}

const principal = (role: TApiRole): TPrincipal => ({
  sub: `${role}-1`,
  role,
  programId: 'rossier',
  candidateKeys: [KEY],
});

function render(type: TEventType, role: TApiRole): string {
  return renderEventForm({
    type,
    role,
    action: `/portal/${KEY}/events/${type}`,
    csrfToken: 'csrf-tok',
    idempotencyKey: 'idem-key',
  }).value;
}

/** The ids of every visible control, and the `for` of every label. */
function controls(markup: string): { ids: string[]; labelFors: string[] } {
  const tags = [...markup.matchAll(/<(input|select|textarea)\b([^>]*)>/g)].filter(
    ([, , attrs]) => !/type="hidden"/.test(attrs!),
  );
  const ids = tags.map(([tag, , attrs]) => /\bid="([^"]+)"/.exec(attrs!)?.[1] ?? `missing id: ${tag}`);
  const labelFors = [...markup.matchAll(/<label for="([^"]+)"/g)].map((m) => m[1]!);
  return { ids, labelFors };
}

const CELLS = API_ROLES.flatMap((role) => eventTypesFor(role).map((type) => ({ role, type })));

describe('the role table', () => {
  it('has a form for every event type some role may record (all 33 in domain/events.ts but the system-only emailBounced)', () => {
    expect(new Set(CELLS.map((c) => c.type)).size).toBe(EVENT_TYPES.length - SYSTEM_EVENT_TYPES.length);
    expect(SYSTEM_EVENT_TYPES).toEqual(['emailBounced']);
    expect(CELLS.filter((c) => SYSTEM_EVENT_TYPES.includes(c.type))).toEqual([]);
    expect(EVENT_TYPES.length).toBe(33);
    expect(Object.keys(VALID).sort()).toEqual([...EVENT_TYPES].sort());
  });
});

describe.each(CELLS)('$role records $type', ({ role, type }) => {
  it('renders one post form with _csrf/_idem, every control labelled once, no positive tabindex', () => {
    const markup = render(type, role);
    expect(markup.match(/<form /g)).toHaveLength(1);
    expect(markup).toContain(`<form method="post" action="/portal/${KEY}/events/${type}"`);
    expect(markup).toContain('<input type="hidden" name="_csrf" value="csrf-tok">');
    expect(markup).toContain('<input type="hidden" name="_idem" value="idem-key">');
    const { ids, labelFors } = controls(markup);
    expect(ids.length).toBeGreaterThanOrEqual(type === 'ctcStepsCompleted' || type === 'orientationAttended' ? 1 : 2);
    for (const id of ids) expect(labelFors.filter((f) => f === id)).toEqual([id]);
    expect(new Set(ids).size).toBe(ids.length);
    expect(markup.match(/<fieldset/g)?.length ?? 0).toBe(markup.match(/<legend>/g)?.length ?? 0);
    expect(markup).not.toMatch(/tabindex="[1-9]/);
    expect(markup).not.toMatch(/name="by/);
    expect(markup).toMatch(/<button type="submit">[^<]+<\/button>/);
  });

  it('a valid submission parses to exactly the event ZCandidateEvent accepts and authorize allows', () => {
    const body = { ...VALID[type].body, _csrf: 'csrf-tok', _idem: 'idem-key', by: 'someone-else', 'by.role': 'pa' };
    const result = parseEventForm(type, role, body);
    const expected = expectedFor(type, role);
    expect(result).toEqual({ ok: true, event: expected });
    expect(ZCandidateEvent.parse(expected)).toEqual(expected);
    if (result.ok)
      expect(authorize(principal(role), { kind: 'candidate.event', candidateKey: KEY, event: result.event })).toEqual({
        allow: true,
      });
  });
});

describe('several forms on one page (a task page offers more than one)', () => {
  it('share no id, so every label and error link finds its own control', () => {
    const forms = eventTypesFor('pa').map(
      (t) =>
        renderEventForm({
          type: t,
          role: 'pa',
          action: '/x',
          csrfToken: 'c',
          idempotencyKey: 'k',
          errors: { date: 'x' },
        }).value,
    );
    const idsOf = (markup: string) => [...markup.matchAll(/\bid="([^"]+)"/g)].map((m) => m[1]!);
    const ids = idsOf(forms.join(''));
    expect(ids.length).toBe(forms.reduce((n, f) => n + idsOf(f).length, 0));
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
  });
});

describe('describeEvent', () => {
  it('says in words what each recorded event changed (no event falls back to its form title)', () => {
    const said = Object.fromEntries(EVENT_TYPES.map((t) => [t, describeEvent(VALID[t].event)]));
    expect(said).toEqual({
      admitted: 'Candidate admitted (enrolled on 2026-08-17).',
      coachAssigned: 'Dana Ruiz assigned as coach.',
      supervisorAssigned: 'Lee Park assigned as site supervisor.',
      orientationAttended: 'Orientation attendance recorded for 2026-09-03.',
      assessmentSubmitted: 'End of year 1 ratings of the six CPSEL standards recorded (rater: the coach).',
      iipSubmitted:
        'Year 1 IIP submitted with goals on Instructional Leadership, Family and Community Engagement, External Context and Policy.',
      iipApproved: 'Year 2 IIP approved by the site supervisor.',
      iipRevised: 'Year 1 IIP revision recorded.',
      coachingLogged: '1.5 hours of coaching recorded for 2026-12-02.',
      learningLogged: '2 hours of professional learning (Job-aligned workshop) recorded.',
      milestoneSubmitted: 'Milestone “ilp-y1-inquiry-goal” recorded as handed in.',
      assignmentSubmitted: 'Session 3 assignment recorded.',
      portfolioReviewed: 'Year-1 portfolio review recorded: passed.',
      portfolioPresented: 'Portfolio presentation recorded with panel scores 3, 4.',
      actionPlanAgreed: 'Action plan recorded with 1 revised deadline.',
      deferred: 'Deferral of 3 months recorded.',
      extensionGranted: 'Extension of 12 months granted.',
      withdrawn: 'Withdrawal recorded.',
      experienceVerified: '2.5 years of administrative experience verified (HR letter).',
      credentialVerified: 'Certificate of Eligibility (COE) verified.',
      coachVerified: "Step 1 (the coach's verification) recorded.",
      candidateDocumentsSubmitted: "Step 2 (the candidate's documents) recorded.",
      paVerified: 'Step 3 (the Program Administrator’s verification: ready to recommend to the CTC) recorded.',
      recommendedToCtc: 'Recommended to the CTC.',
      ctcStepsCompleted: "The CTC's steps and payment recorded as done.",
      interventionNoted: 'Intervention step recorded: invited to revise and resubmit.',
      revisedItemCompleted: '“Session 4 assignment” marked completed.',
      watchClosed: 'Academic watch closed.',
      watchExtended: 'Academic watch extension recorded with 2 revised deadlines.',
      appealFiled: 'Appeal about extension filed.',
      appealDecided: 'Appeal decision recorded at Director: escalated to the next step.',
      emailBounced: 'The coach’s email address marked undeliverable.',
      contactCorrected: 'The coach’s email address corrected; held emails go out to it.',
    });
  });
});

describe('role-fixed values (authorize: R-ASM-1, R-IIP-3)', () => {
  it.each(['candidate', 'coach', 'supervisor'] as const)(
    'R-ASM-1: a %s rates only as themselves; a posted rater is ignored and no rater control is shown',
    (role) => {
      const markup = render('assessmentSubmitted', role);
      expect(markup).not.toContain('name="rater"');
      const names = {
        candidate: 'The candidate (self-assessment)',
        coach: 'The coach',
        supervisor: 'The site supervisor',
      };
      expect(markup).toContain(`<span class="fixed-label">Who is rating:</span> <strong>${names[role]}</strong>`);
      for (const posted of ['candidate', 'coach', 'supervisor', 'pa']) {
        const r = parseEventForm('assessmentSubmitted', role, { ...VALID.assessmentSubmitted.body, rater: posted });
        expect(r.ok && r.event.type === 'assessmentSubmitted' && r.event.rater).toBe(role);
      }
    },
  );

  it.each(['coach', 'supervisor'] as const)(
    'R-IIP-3: a %s approves only as themselves; a posted approver is ignored',
    (role) => {
      expect(render('iipApproved', role)).not.toContain('name="approver"');
      const r = parseEventForm('iipApproved', role, { year: '1', approver: role === 'coach' ? 'supervisor' : 'coach' });
      expect(r).toEqual({ ok: true, event: { type: 'iipApproved', year: 1, approver: role } });
    },
  );

  it('R-ASM-1: the PA chooses the rater and the approver', () => {
    expect(render('assessmentSubmitted', 'pa')).toContain(
      '<select id="assessmentSubmitted-rater" name="rater" required>',
    );
    expect(render('iipApproved', 'pa')).toContain('<select id="iipApproved-approver" name="approver" required>');
    expect(
      parseEventForm('assessmentSubmitted', 'pa', { ...VALID.assessmentSubmitted.body, rater: 'supervisor' }),
    ).toEqual({
      ok: true,
      event: { ...VALID.assessmentSubmitted.event, rater: 'supervisor' },
    });
  });
});

describe('fields derived from the schemas', () => {
  const leafOf = (type: TEventType, name: string) =>
    JSON.stringify(eventFormFields(type, 'pa')).includes(`"name":"${name}"`);

  it('limits come from the zod schemas: maxlength, choices, row counts', () => {
    expect(render('iipSubmitted', 'candidate')).toContain(
      '<textarea id="iipSubmitted-goals-0-goal" name="goals.0.goal" rows="4" maxlength="2000" required>',
    );
    expect(render('withdrawn', 'pa')).toContain('maxlength="500"');
    expect(render('coachAssigned', 'pa')).toContain(
      '<input type="email" id="coachAssigned-coach-email" name="coach.email" value="" maxlength="254"',
    );
    const learning = render('learningLogged', 'instructor');
    for (const option of [
      'CPSEL-aligned session',
      'Job-aligned workshop',
      'Cohort PLC',
      'District-approved professional learning',
    ])
      expect(learning).toContain(`>${option}</option>`);
    expect(render('assignmentSubmitted', 'instructor')).toContain('A whole number from 1 to 14.');
    expect(render('portfolioPresented', 'pa').match(/name="panelScores\.\d"/g)).toEqual([
      'name="panelScores.0"',
      'name="panelScores.1"',
      'name="panelScores.2"',
    ]);
    expect(render('iipSubmitted', 'pa').match(/name="goals\.\d\.cpsel"/g)).toHaveLength(3);
    expect(render('watchExtended', 'pa').match(/name="revisedDeadlines\.\d\.due"/g)).toHaveLength(6);
    expect(leafOf('coachingLogged', 'by')).toBe(false);
    // Rows of an open list may stay blank: no row claims to be required; the list's legend does.
    const extended = render('watchExtended', 'pa');
    expect(extended).toContain('<legend>Revised deadlines <span class="need">(required)</span></legend>');
    expect(extended).toContain('<legend>Revised deadline 2</legend>');
    expect(extended).toContain('<label for="watchExtended-revisedDeadlines-1-item">Item</label>');
    expect(render('portfolioPresented', 'pa')).toContain(
      '<label for="portfolioPresented-panelScores-2">Reviewer 3&#39;s score</label>',
    );
    expect(render('portfolioPresented', 'pa')).toContain(
      '<select id="portfolioPresented-panelScores-2" name="panelScores.2">\n<option value="">None</option>',
    );
  });

  it('R-ASM-1: the six CPSEL standards and the four rubric levels by name', () => {
    const markup = render('assessmentSubmitted', 'coach');
    const standards = [
      'CPSEL 1: Development and Implementation of a Shared Vision',
      'CPSEL 2: Instructional Leadership',
      'CPSEL 3: Management and Learning Environment',
      'CPSEL 4: Family and Community Engagement',
      'CPSEL 5: Ethics and Integrity',
      'CPSEL 6: External Context and Policy',
    ];
    standards.forEach((s, i) =>
      expect(markup).toContain(
        `<label for="assessmentSubmitted-scores-cpsel${i + 1}">${s} <span class="need">(required)</span></label>`,
      ),
    );
    for (const level of [
      '1 – Directed toward the standard',
      '2 – Approaching the standard',
      '3 – Meets the standard',
      '4 – Exemplifies the standard',
    ])
      expect(markup.split(`>${level}</option>`)).toHaveLength(7);
    for (const w of ['Pre-assessment (start of year 1)', 'End of year 1', 'Start of year 2', 'End of year 2'])
      expect(markup).toContain(`>${w}</option>`);
  });

  it('R-REC-1…4: the recommendation steps are checklists of the handbook items', () => {
    const step1 = render('coachVerified', 'coach');
    expect(step1).toContain('<legend>Step 1 checklist (coach)</legend>');
    expect(step1).toContain(
      '<input type="checkbox" id="coachVerified-checklistSigned" name="checklistSigned" value="yes" required> <label for="coachVerified-checklistSigned">I signed the IIP checklist and sent it to the Program Administrator <span class="need">(required)</span></label>',
    );
    expect(render('candidateDocumentsSubmitted', 'candidate').match(/type="checkbox"/g)).toHaveLength(8);
    expect(render('paVerified', 'pa')).toContain(
      'I completed the Credential Recommendation Request (CRR) form: READY to RECOMMEND to CTC',
    );
    expect(render('recommendedToCtc', 'credentialsOffice')).toContain('I verified and approved the HR letter');
  });

  it('R-APL-1: the appeal levels are the four steps by name', () => {
    const markup = render('appealDecided', 'pa');
    for (const l of [
      'Step 1: coach and candidate',
      'Step 2: Program Administrator',
      'Step 3: Director',
      'Step 4: Associate Dean',
    ])
      expect(markup).toContain(`>${l}</option>`);
  });

  it('the optional date is a date input, blank for today', () => {
    expect(render('coachingLogged', 'coach')).toContain(
      '<input type="date" id="coachingLogged-date" name="date" value="" aria-describedby="coachingLogged-date-hint">',
    );
    expect(parseEventForm('coachingLogged', 'coach', { hours: '1', date: '' })).toEqual({
      ok: true,
      event: { type: 'coachingLogged', hours: 1 },
    });
  });
});
