import { describe, expect, it } from 'vitest';
import {
  addressingProblem,
  outgoingEmail,
  renderTemplate,
  TEMPLATE_IDS,
  templateDefinition,
  TemplateDataError,
  type TTemplateId,
} from '../../domain/notifications';
import { PROGRAM, samples } from './fixtures/samples';
import { ZCandidateEvent } from '../../domain/events';
import { FIRST_NAME_MAX, IIP_GOAL_MAX } from '../../domain/limits';

const ESCAPED_PROGRAM = 'Rossier CASC &lt;Induction&gt; &amp; &quot;Clear&quot;';
const title = (id: TTemplateId) => `${templateDefinition(id).rule ?? 'catalogue'}: ${id} renders`;

describe('template catalogue', () => {
  it.each(TEMPLATE_IDS.map((id) => [title(id), id] as const))('%s', (_title, id) => {
    const email = renderTemplate(id, samples[id]);
    expect(email.subject.trim()).not.toBe('');
    expect(email.subject).not.toMatch(/[\r\n]/);
    expect(email.text).toContain('Hello ');
    expect(email.text).toContain(PROGRAM);
    expect(email.html).toContain(ESCAPED_PROGRAM);
    expect(email.html).not.toContain('<Induction>');
    expect(email.html.startsWith('<!doctype html>')).toBe(true);
    // Keys are '<topic>.<kind>.<role>' and the role matches whom the template is written for.
    const [, kind, role] = id.split('.');
    expect(templateDefinition(id).kind).toBe(kind);
    expect(templateDefinition(id).recipientRole).toBe(role);
  });

  it('covers every reminder, escalation and notice the brief names, per recipient role', () => {
    const required = [
      'admission.reminder.candidate',
      'admission.escalation.pa',
      'coachMatch.reminder.pa',
      'coachMatch.escalation.director',
      'orientation.reminder.candidate',
      'orientation.escalation.pa',
      'iipStart.reminder.candidate',
      'iipStart.reminder.coach',
      'iipStart.escalation.pa',
      'iipApproval.reminder.coach',
      'iipApproval.reminder.supervisor',
      'assessmentWindow.reminder.candidate',
      'assessmentWindow.reminder.coach',
      'assessmentWindow.reminder.supervisor',
      'assessmentWindow.escalation.pa',
      'cpselSession.reminder.candidate',
      'workshop.reminder.candidate',
      'assignmentDue.reminder.candidate',
      'hoursPace.notice.candidate',
      'hoursPace.notice.coach',
      'earlyWarning.notice.candidate',
      'academicWatch.notice.pa',
      'academicWatch.notice.candidate',
      'remediationPlan.notice.candidate',
      'remediationPlan.notice.coach',
      'revisedDeadline.reminder.candidate',
      'revisedDeadline.escalation.pa',
      'atRisk.notice.candidate',
      'deferral.confirmation.candidate',
      'extension.confirmation.candidate',
      'withdrawal.confirmation.candidate',
      'portfolioReview.reminder.coach',
      'portfolioReview.reminder.supervisor',
      'portfolioPanel.reminder.candidate',
      'completionMissing.reminder.candidate',
      'completionMissing.reminder.coach',
      'completionMissing.reminder.supervisor',
      'completionMissing.reminder.pa',
      'recommendationStep.reminder.coach',
      'recommendationStep.reminder.candidate',
      'recommendationStep.reminder.pa',
      'recommendationStep.reminder.credentialsOffice',
      'recommendationStep.escalation.pa',
      'recommendationStep.escalation.director',
      'handoff.notice.credentialsOffice',
      'ctcWindow.reminder.candidate',
      'ctcWindow.notice.candidate',
      'ctcWindow.notice.pa',
      'cleared.notice.candidate',
      'weeklyDigest.notice.coach',
      'weeklyDigest.notice.pa',
      'emailBounced.notice.pa',
    ];
    expect(TEMPLATE_IDS).toEqual(expect.arrayContaining(required));
  });

  it('escapes every interpolated value in HTML, not only the program name', () => {
    const email = renderTemplate('admission.escalation.pa', {
      ...samples['admission.escalation.pa'],
      candidateName: '<script>alert(1)</script>',
    });
    expect(email.html).not.toContain('<script>');
    expect(email.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(email.text).toContain('<script>alert(1)</script>');
  });

  it('rejects bad data with an error naming the template and each bad field', () => {
    const bad = {
      ...samples['assignmentDue.reminder.candidate'],
      dueDate: '2026-02-30',
      submitUrl: 'javascript:alert(1)',
    };
    let error: unknown;
    try {
      renderTemplate('assignmentDue.reminder.candidate', bad);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(TemplateDataError);
    const message = (error as Error).message;
    expect(message).toContain('"assignmentDue.reminder.candidate"');
    expect(message).toContain('dueDate');
    expect(message).toContain('submitUrl');
  });

  it('rejects an unknown template id', () => {
    expect(() => renderTemplate('nope.reminder.candidate', {})).toThrow(/"nope.reminder.candidate".*unknown template/);
  });

  it('R-SES-1 / R-SES-2: session and workshop reminders carry a calendar invite', () => {
    for (const id of ['cpselSession.reminder.candidate', 'workshop.reminder.candidate'] as const) {
      const [invite] = renderTemplate(id, samples[id]).attachments ?? [];
      expect(invite?.contentType).toBe('text/calendar; charset=UTF-8; method=REQUEST');
      expect(invite?.filename).toMatch(/\.ics$/);
      expect(invite?.content).toContain('BEGIN:VEVENT');
    }
    expect(
      renderTemplate('assignmentDue.reminder.candidate', samples['assignmentDue.reminder.candidate']).attachments,
    ).toBeUndefined();
  });

  it('R-SES-1: session reminder states the Pacific time', () => {
    const email = renderTemplate('cpselSession.reminder.candidate', samples['cpselSession.reminder.candidate']);
    expect(email.text).toContain('Monday, November 9, 2026 at 5:30 PM PST to 7:30 PM');
  });

  it('R-ADM-5: withdrawal states the refund minus the deposit within week one, and no refund later', () => {
    const early = renderTemplate('withdrawal.confirmation.candidate', samples['withdrawal.confirmation.candidate']);
    expect(early.text).toContain('refunded $2,450.00');
    expect(early.text).toContain('$500.00 deposit is non-refundable');
    const late = renderTemplate('withdrawal.confirmation.candidate', {
      ...samples['withdrawal.confirmation.candidate'],
      refund: { eligible: false, reason: 'afterFirstWeek' },
    });
    expect(late.text).toContain('no refund is due');
  });

  it('R-EW-1: the early warning may copy the PA and nobody else', () => {
    const envelope = {
      template: 'earlyWarning.notice.candidate' as const,
      to: { role: 'candidate' as const, name: 'Ana Díaz', email: 'ana@example.edu' },
    };
    expect(
      addressingProblem({ ...envelope, cc: [{ role: 'pa', name: 'Pat', email: 'pa@example.edu' }] }),
    ).toBeUndefined();
    expect(
      addressingProblem({ ...envelope, cc: [{ role: 'supervisor', name: 'Sam', email: 'sam@district.example.org' }] }),
    ).toMatch(/may not copy: supervisor/);
  });

  it('R-AW-1: the PA notice lists the evidence and the revised-deadline plan goes to candidate and coach', () => {
    const pa = renderTemplate('academicWatch.notice.pa', samples['academicWatch.notice.pa']);
    expect(pa.text).toContain('  - Session 3 reflection missing');
    expect(pa.html).toContain('<li>Four late submissions since September</li>');
    for (const id of ['remediationPlan.notice.candidate', 'remediationPlan.notice.coach'] as const) {
      expect(renderTemplate(id, samples[id]).text).toContain('Session 2 reflection: due Friday, December 18, 2026');
    }
  });

  it('keeps personal data minimal: candidate-facing messages greet by first name and carry no scores', () => {
    for (const id of TEMPLATE_IDS) {
      const shapeKeys = Object.keys(templateDefinition(id).schema.shape);
      expect(shapeKeys.filter((k) => /score|address|phone|birth|ssn/i.test(k) && k !== 'undeliveredAddress')).toEqual(
        [],
      );
    }
  });

  it('outgoingEmail ties data to its template at compile time', () => {
    const email = outgoingEmail({
      idempotencyKey: 'k',
      template: 'cleared.notice.candidate',
      data: samples['cleared.notice.candidate'],
      to: { role: 'candidate', name: 'Ana', email: 'ana@example.edu' },
    });
    expect(email.template).toBe('cleared.notice.candidate');
    outgoingEmail({
      idempotencyKey: 'k',
      template: 'cleared.notice.candidate',
      // @ts-expect-error: the data of another template does not fit
      data: samples['ctcWindow.notice.candidate'],
      to: { role: 'candidate', name: 'Ana', email: 'ana@example.edu' },
    });
  });
});

// Every string and list a template accepts, filled to its maximum: the sample's value with each
// plain text field at its maxLength and each list repeated to its max items (dates, links, enums
// and ids keep their sample values, which are already valid).
type ZNode = { _zod: { def: Record<string, unknown> & { type: string } } } & {
  maxLength?: number | null;
  format?: string | null;
};
const maxItems = (s: ZNode): number | undefined =>
  ((s._zod.def.checks as ZNode[] | undefined) ?? []).map((c) => c._zod.def).find((d) => d.check === 'max_length')
    ?.maximum as number | undefined;
function atMaximum(schema: ZNode, value: unknown): unknown {
  const def = schema._zod.def;
  if (value === undefined) return value;
  if (def.type === 'optional' || def.type === 'default' || def.type === 'prefault')
    return atMaximum(def.innerType as ZNode, value);
  if (def.type === 'pipe') return atMaximum(def.in as ZNode, value);
  if (def.type === 'object' && value && typeof value === 'object') {
    const shape = def.shape as Record<string, ZNode>;
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, shape[k] ? atMaximum(shape[k], v) : v]));
  }
  if (def.type === 'array' && Array.isArray(value) && value.length > 0) {
    const n = maxItems(schema) ?? value.length;
    return Array.from({ length: n }, (_, i) => atMaximum(def.element as ZNode, value[i % value.length]));
  }
  if (def.type === 'string' && !schema.format && typeof schema.maxLength === 'number')
    return 'Ñ'.repeat(schema.maxLength);
  return value;
}

describe('one limit per field (issue 16 item 3)', () => {
  it.each(TEMPLATE_IDS.map((id) => [id] as const))(
    'R-REM-1: %s renders with every field at the maximum its schema accepts',
    (id) => {
      const data = atMaximum(templateDefinition(id).schema as unknown as ZNode, samples[id]) as Record<string, unknown>;
      const email = renderTemplate(id, data as never);
      expect(email.text).toContain(`Hello ${'Ñ'.repeat(FIRST_NAME_MAX)},`);
      expect(email.subject).not.toMatch(/[\r\n]/);
    },
  );

  it("R-IIP-3: the coach's approval email takes goals as long as the IIP event accepts (2,000 characters)", () => {
    const goalLimit = (
      ZCandidateEvent.options.find((o) => o.shape.type.value === 'iipSubmitted')!.shape as {
        goals: { element: { shape: { goal: { maxLength: number } } } };
      }
    ).goals.element.shape.goal.maxLength;
    expect(goalLimit).toBe(IIP_GOAL_MAX);
    const goals = [{ standard: 'cpsel1' as const, goal: 'g'.repeat(IIP_GOAL_MAX) }];
    expect(
      renderTemplate('iipApproval.reminder.coach', { ...samples['iipApproval.reminder.coach'], goals }).text,
    ).toContain('g'.repeat(IIP_GOAL_MAX));
  });
});
