// R-REM-1: deadlines that had no message of their own — the IIP revision after the benchmark
// (R-IIP-4, R-ASM-5), the year-2 panel (R-PF-2), policy milestones — and the PA's task when a
// deadline is missed or a candidate has no site supervisor on file. One reminder and one escalation
// shape, named by the obligation's label, so a new program deadline needs no new template.
import { z } from 'zod';
import { ZRole } from '../../roles';
import { paragraph } from '../content';
import { baseFields, ZCandidateName, ZDate, ZDaysOverdue, ZLabel, ZLink } from '../fields';
import { describeOverdue, formatDate } from '../format';
import { defineTemplate } from '../template';

const ZOwner = ZRole.extract(['candidate', 'coach', 'supervisor', 'pa']);
const OWNER_NAMES = {
  candidate: 'the candidate',
  coach: 'the coach',
  supervisor: 'the site supervisor',
  pa: 'you (program administrator)',
} as const;

export const deadlineTemplates = {
  'deadline.reminder.candidate': defineTemplate({
    rule: 'R-REM-1',
    kind: 'reminder',
    recipientRole: 'candidate',
    schema: z.strictObject({
      ...baseFields,
      item: ZLabel,
      dueDate: ZDate,
      detail: ZLabel.optional(),
      actionUrl: ZLink,
    }),
    compose: (d) => ({
      subject: `Due ${formatDate(d.dueDate)}: ${d.item}`,
      blocks: [paragraph(`${d.item} is due by ${formatDate(d.dueDate)}.`), ...(d.detail ? [paragraph(d.detail)] : [])],
      action: { label: 'Open it in the portal', url: d.actionUrl },
    }),
  }),
  'deadline.escalation.pa': defineTemplate({
    rule: 'R-REM-1',
    kind: 'escalation',
    recipientRole: 'pa',
    schema: z.strictObject({
      ...baseFields,
      candidateName: ZCandidateName,
      item: ZLabel,
      dueDate: ZDate,
      daysOverdue: ZDaysOverdue,
      owner: ZOwner,
      candidateUrl: ZLink,
    }),
    compose: (d) => ({
      subject: `Overdue: ${d.item} — ${d.candidateName}`,
      blocks: [
        paragraph(
          `${d.item} for ${d.candidateName} was due by ${formatDate(d.dueDate)} (${describeOverdue(d.daysOverdue)}) and is not recorded. It is owed by ${OWNER_NAMES[d.owner]}.`,
        ),
      ],
      action: { label: 'Open the candidate record', url: d.candidateUrl },
    }),
  }),
};
