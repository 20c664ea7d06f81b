// Confirmations of status changes the candidate asked for or must know about: deferral (R-INT-2),
// extension by appeal (R-EXT-1), withdrawal with its refund statement (R-ADM-5), and clearance.
import { z } from 'zod';
import { listIfAny, paragraph } from '../content';
import { baseFields, ZDate, ZDatedItem, ZLink } from '../fields';
import { formatDate, formatUsd, plural } from '../format';
import { defineTemplate } from '../template';

const ZCents = z.int().min(0).max(10_000_000);
// Amounts when the sender knows them (the workflow does not hold fees: the program office confirms them).
const ZRefund = z.discriminatedUnion('eligible', [
  z.strictObject({
    eligible: z.literal(true),
    amounts: z.strictObject({ refundCents: ZCents, depositCents: ZCents }).optional(),
  }),
  z.strictObject({ eligible: z.literal(false), reason: z.enum(['afterFirstWeek', 'droppedForMissingWork']) }),
]);

function refundStatement(refund: z.output<typeof ZRefund>): string {
  if (refund.eligible && refund.amounts) {
    return `Because you withdrew within the first week of the program, you will be refunded ${formatUsd(refund.amounts.refundCents)}; the ${formatUsd(refund.amounts.depositCents)} deposit is non-refundable.`;
  }
  if (refund.eligible) {
    return 'Because you withdrew within the first week of the program, the fees you paid will be refunded except the non-refundable deposit; the program office will confirm the amount.';
  }
  return refund.reason === 'afterFirstWeek'
    ? 'Because the withdrawal came after the first week of the program, no refund is due.'
    : 'Because the withdrawal follows a drop for missing work, no refund is due.';
}

export const statusTemplates = {
  'deferral.confirmation.candidate': defineTemplate({
    rule: 'R-INT-2',
    kind: 'confirmation',
    recipientRole: 'candidate',
    ccRoles: ['coach'],
    schema: z.strictObject({
      ...baseFields,
      months: z.int().min(1).max(6),
      resumesOn: ZDate,
      shiftedDeadlines: z.array(ZDatedItem).max(30).optional(),
      statusUrl: ZLink,
    }),
    compose: (d) => ({
      subject: `Your ${d.months}-month deferral is confirmed`,
      blocks: [
        paragraph(
          `Your deferral of ${plural(d.months, 'month')} is confirmed, at no cost. The program resumes for you on ${formatDate(d.resumesOn)} and every later deadline moves with it.`,
        ),
        ...listIfAny(
          'Your next deadlines:',
          d.shiftedDeadlines?.map((i) => `${i.item}: due ${formatDate(i.dueDate)}`),
        ),
      ],
      action: { label: 'See your timeline', url: d.statusUrl },
    }),
  }),
  'extension.confirmation.candidate': defineTemplate({
    rule: 'R-EXT-1',
    kind: 'confirmation',
    recipientRole: 'candidate',
    ccRoles: ['coach', 'pa'],
    schema: z.strictObject({ ...baseFields, approvedOn: ZDate, newCompletionDate: ZDate, statusUrl: ZLink }),
    compose: (d) => ({
      subject: 'Your one-year extension is approved',
      blocks: [
        paragraph(
          `Your appeal for a one-year extension was approved on ${formatDate(d.approvedOn)}. Your new completion date is ${formatDate(d.newCompletionDate)}.`,
        ),
      ],
      action: { label: 'See your timeline', url: d.statusUrl },
    }),
  }),
  'withdrawal.confirmation.candidate': defineTemplate({
    rule: 'R-ADM-5',
    kind: 'confirmation',
    recipientRole: 'candidate',
    ccRoles: ['coach', 'pa'],
    schema: z.strictObject({ ...baseFields, effectiveOn: ZDate, refund: ZRefund }),
    compose: (d) => ({
      subject: `Your withdrawal from ${d.programName} is confirmed`,
      blocks: [
        paragraph(`Your withdrawal from ${d.programName} took effect on ${formatDate(d.effectiveOn)}.`),
        paragraph(refundStatement(d.refund)),
      ],
    }),
  }),
  'cleared.notice.candidate': defineTemplate({
    rule: 'R-REC-5',
    kind: 'notice',
    recipientRole: 'candidate',
    schema: z.strictObject({ ...baseFields, clearedOn: ZDate }),
    compose: (d) => ({
      subject: 'Congratulations: your Clear Administrative Services Credential',
      blocks: [
        paragraph(
          `Your Clear Administrative Services Credential was issued on ${formatDate(d.clearedOn)}. Congratulations on completing ${d.programName}.`,
        ),
      ],
    }),
  }),
};
