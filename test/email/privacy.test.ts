// R-IIP-5: IIP content never reaches an employer or district role. Enforced structurally (those
// templates have no field that could hold it, and strict schemas reject extra fields) and by the
// addressing check (a template written for the coach cannot be sent to a supervisor).
import type { SESClient } from '@aws-sdk/client-ses';
import { describe, expect, it, vi } from 'vitest';
import type { z } from 'zod';
import { createEmailActivities, createMemoryLedger } from '../../activities/email';
import {
  IIP_RESTRICTED_ROLES,
  renderTemplate,
  TEMPLATE_IDS,
  templateDefinition,
  TemplateDataError,
  type TOutgoingEmail,
  type TTemplateId,
} from '../../domain/notifications';
import { IIP_GOAL_TEXT, samples } from './fixtures/samples';

const reachesRestrictedRole = (id: TTemplateId): boolean => {
  const d = templateDefinition(id);
  return [d.recipientRole, ...(d.ccRoles ?? [])].some((r) => IIP_RESTRICTED_ROLES.includes(r));
};
const restricted = TEMPLATE_IDS.filter(reachesRestrictedRole);

/** Every field name a schema accepts, however deeply nested. */
function fieldNames(schema: z.ZodType): string[] {
  const def = (schema as unknown as { _zod: { def: Record<string, unknown> } })._zod.def;
  switch (def.type) {
    case 'object':
      return Object.entries(def.shape as Record<string, z.ZodType>).flatMap(([k, v]) => [k, ...fieldNames(v)]);
    case 'array':
      return fieldNames(def.element as z.ZodType);
    case 'optional':
    case 'nullable':
    case 'default':
      return fieldNames(def.innerType as z.ZodType);
    case 'union':
      return (def.options as z.ZodType[]).flatMap(fieldNames);
    case 'pipe':
      return [...fieldNames(def.in as z.ZodType), ...fieldNames(def.out as z.ZodType)];
    default:
      return [];
  }
}

const IIP_SMUGGLING = {
  goals: [{ standard: 'cpsel2', goal: IIP_GOAL_TEXT }],
  iipGoals: IIP_GOAL_TEXT,
  goalText: IIP_GOAL_TEXT,
  iip: { goals: [IIP_GOAL_TEXT] },
};

describe('R-IIP-5: no IIP content to supervisor, district coordinator or credentials office', () => {
  it('R-IIP-5: the restricted templates are the supervisor, district and credentials-office ones', () => {
    expect(restricted.sort()).toEqual(
      [
        'assessmentWindow.reminder.supervisor',
        'completionMissing.reminder.supervisor',
        'handoff.notice.credentialsOffice',
        'iipApproval.reminder.supervisor',
        'milestone.reminder.supervisor',
        'portfolioPanel.reminder.districtCoordinator',
        'portfolioReview.reminder.supervisor',
        'recommendationStep.reminder.credentialsOffice',
      ].sort(),
    );
  });

  it.each(restricted)('R-IIP-5: %s has no field that could carry IIP goals', (id) => {
    const names = fieldNames(templateDefinition(id).schema);
    expect(names.length).toBeGreaterThan(0);
    expect(names.filter((n) => /goal|iip|plan|reflection/i.test(n))).toEqual([]);
  });

  it.each(restricted)('R-IIP-5: %s rejects data that includes IIP goal text', (id) => {
    const attempt = () => renderTemplate(id, { ...samples[id], ...IIP_SMUGGLING });
    expect(attempt).toThrow(TemplateDataError);
    expect(attempt).toThrow(new RegExp(`"${id.replace(/\./g, '\\.')}".*not allowed.*goals.*iipGoals.*goalText.*iip`));
  });

  it.each(restricted)('R-IIP-5: %s renders without the goal text the coach sees', (id) => {
    const email = renderTemplate(id, samples[id]);
    for (const body of [email.subject, email.text, email.html]) expect(body).not.toContain(IIP_GOAL_TEXT);
  });

  it('R-IIP-5: the coach approval reminder does carry the goals (so the restriction is doing work)', () => {
    expect(renderTemplate('iipApproval.reminder.coach', samples['iipApproval.reminder.coach']).text).toContain(
      IIP_GOAL_TEXT,
    );
  });

  it('R-IIP-3 / R-IIP-5: the supervisor approval reminder says only that an IIP awaits approval, with a link', () => {
    const email = renderTemplate('iipApproval.reminder.supervisor', samples['iipApproval.reminder.supervisor']);
    expect(email.subject).toBe("Ana's year 1 Individual Induction Plan awaits your approval");
    expect(email.text).toContain('https://casc.example.edu/iip/approve');
    expect(email.text).not.toMatch(/CPSEL \d/);
  });

  it('R-IIP-5: a coach template addressed to a supervisor is refused before anything is sent', async () => {
    const ses = { send: vi.fn() } as unknown as SESClient;
    const { sendNotifications } = createEmailActivities({
      ses,
      from: 'casc@example.edu',
      ledger: createMemoryLedger(),
    });
    const misaddressed: TOutgoingEmail = {
      idempotencyKey: 'wf-1:iipApproval:2026-12-01:supervisor',
      template: 'iipApproval.reminder.coach',
      data: samples['iipApproval.reminder.coach'],
      to: { role: 'supervisor', name: 'Sam Principal', email: 'sam@district.example.org' },
    };
    const [result] = await sendNotifications([misaddressed]);
    expect(result).toMatchObject({ status: 'failedPermanently', reason: 'invalidMessage' });
    expect(result?.detail).toMatch(/written for the coach, not the supervisor/);
    expect(ses.send).not.toHaveBeenCalled();
  });

  it('R-IIP-5: a district coordinator cannot be copied on a candidate message', async () => {
    const ses = { send: vi.fn() } as unknown as SESClient;
    const { sendNotifications } = createEmailActivities({
      ses,
      from: 'casc@example.edu',
      ledger: createMemoryLedger(),
    });
    const [result] = await sendNotifications([
      {
        idempotencyKey: 'wf-1:earlyWarning:2026-11-02',
        template: 'earlyWarning.notice.candidate',
        data: samples['earlyWarning.notice.candidate'],
        to: { role: 'candidate', name: 'Ana Díaz', email: 'ana@example.edu' },
        cc: [{ role: 'districtCoordinator', name: 'Dee', email: 'dee@district.example.org' }],
      },
    ]);
    expect(result).toMatchObject({ status: 'failedPermanently', reason: 'invalidMessage' });
    expect(ses.send).not.toHaveBeenCalled();
  });
});
