// Messages about the program itself rather than one deadline: the weekly digest for coaches and
// PAs, and the notice that an email could not be delivered.
import { z } from 'zod';
import { list, paragraph, type TBlock } from '../content';
import { baseFields, ZCandidateName, ZDate, ZDatedItem, ZLabel, ZLink } from '../fields';
import { formatDate } from '../format';
import { ZRecipientRole } from '../recipients';
import { defineTemplate } from '../template';

const RISK_NAMES = {
  earlyWarning: 'early warning',
  academicWatch: 'academic watch',
  atRisk: 'at risk',
  deferred: 'deferred',
  hoursBehind: 'hours behind pace',
  emailUndeliverable: 'email undeliverable',
} as const;
const ZRisk = z.enum(Object.keys(RISK_NAMES) as [keyof typeof RISK_NAMES, ...(keyof typeof RISK_NAMES)[]]);
const ZDigestEntry = z.strictObject({
  candidateName: ZCandidateName,
  upcoming: z.array(ZDatedItem).max(20),
  risks: z.array(ZRisk).max(6),
});
const digestSchema = z.strictObject({
  ...baseFields,
  weekOf: ZDate,
  candidates: z.array(ZDigestEntry).max(500),
  dashboardUrl: ZLink,
});

function digestBlocks(d: z.output<typeof digestSchema>): TBlock[] {
  if (d.candidates.length === 0) return [paragraph('No deadlines or risks this week.')];
  return d.candidates.flatMap((c) => [
    paragraph(`${c.candidateName}${c.risks.length > 0 ? `: ${c.risks.map((r) => RISK_NAMES[r]).join(', ')}` : ''}`),
    list(
      c.upcoming.length > 0
        ? c.upcoming.map((u) => `${u.item}: due ${formatDate(u.dueDate)}`)
        : ['no upcoming deadlines'],
    ),
  ]);
}
const digestCompose = (audience: string) => (d: z.output<typeof digestSchema>) => ({
  subject: `Deadlines and risks for the week of ${formatDate(d.weekOf)}`,
  blocks: [paragraph(`Upcoming deadlines and risks for ${audience} in ${d.programName}:`), ...digestBlocks(d)],
  action: { label: 'Open the dashboard', url: d.dashboardUrl },
});

export const digestTemplates = {
  'weeklyDigest.notice.coach': defineTemplate({
    kind: 'notice',
    recipientRole: 'coach',
    schema: digestSchema,
    compose: digestCompose('your candidates'),
  }),
  'weeklyDigest.notice.pa': defineTemplate({
    kind: 'notice',
    recipientRole: 'pa',
    schema: digestSchema,
    compose: digestCompose('the cohort'),
  }),
  'emailBounced.notice.pa': defineTemplate({
    kind: 'notice',
    recipientRole: 'pa',
    schema: z.strictObject({
      ...baseFields,
      candidateName: ZCandidateName,
      recipientRole: ZRecipientRole,
      undeliveredAddress: z.email().max(254),
      messageTopic: ZLabel,
      reason: ZLabel,
      failedOn: ZDate,
      candidateUrl: ZLink,
    }),
    compose: (d) => ({
      subject: `Email could not be delivered: ${d.candidateName}`,
      blocks: [
        paragraph(
          `A message about "${d.messageTopic}" for ${d.candidateName} (to the ${d.recipientRole}, ${d.undeliveredAddress}) could not be delivered on ${formatDate(d.failedOn)}.`,
        ),
        paragraph(`Reason: ${d.reason}. Please correct the address so that reminders reach them.`),
      ],
      action: { label: 'Open the candidate record', url: d.candidateUrl },
    }),
  }),
};
