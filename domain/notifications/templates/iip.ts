// Individual Induction Plan: starting it (R-IIP-1) and approving it (R-IIP-3).
// R-IIP-5: only the coach's message may carry goal text; the supervisor's schema has no field for it.
import { z } from 'zod';
import { ZCpselStandard } from '../../lifecycle/cpsel';
import { listIfAny, paragraph } from '../content';
import { baseFields, ZCandidateName, ZDate, ZDaysOverdue, ZFirstName, ZLink, ZProgramYear } from '../fields';
import { cpselName, describeOverdue, formatDate, joinWords } from '../format';
import { defineTemplate } from '../template';
import { IIP_GOAL_MAX } from '../../limits';

const ZIipGoal = z.strictObject({ standard: ZCpselStandard, goal: z.string().trim().min(1).max(IIP_GOAL_MAX) });
const ZApprover = z.enum(['coach', 'supervisor']);

export const iipTemplates = {
  'iipStart.reminder.candidate': defineTemplate({
    rule: 'R-IIP-1',
    kind: 'reminder',
    recipientRole: 'candidate',
    schema: z.strictObject({
      ...baseFields,
      year: ZProgramYear,
      startBy: ZDate,
      coachFirstName: ZFirstName,
      focusStandards: z.array(ZCpselStandard).max(6).optional(),
      iipUrl: ZLink,
    }),
    compose: (d) => ({
      subject: `Start your year ${d.year} Individual Induction Plan by ${formatDate(d.startBy)}`,
      blocks: [
        paragraph(
          `Please begin drafting your year ${d.year} Individual Induction Plan (IIP) with your coach, ${d.coachFirstName}, by ${formatDate(d.startBy)}.`,
        ),
        ...listIfAny(`This year's goals cover these standards:`, d.focusStandards?.map(cpselName)),
      ],
      action: { label: 'Open your IIP', url: d.iipUrl },
    }),
  }),
  'iipStart.reminder.coach': defineTemplate({
    rule: 'R-IIP-1',
    kind: 'reminder',
    recipientRole: 'coach',
    schema: z.strictObject({
      ...baseFields,
      candidateFirstName: ZFirstName,
      year: ZProgramYear,
      startBy: ZDate,
      iipUrl: ZLink,
    }),
    compose: (d) => ({
      subject: `IIP drafting with ${d.candidateFirstName} starts by ${formatDate(d.startBy)}`,
      blocks: [
        paragraph(
          `${d.candidateFirstName}'s year ${d.year} Individual Induction Plan should be under way with you by ${formatDate(d.startBy)}.`,
        ),
      ],
      action: { label: 'Open the IIP', url: d.iipUrl },
    }),
  }),
  'iipStart.escalation.pa': defineTemplate({
    rule: 'R-IIP-1',
    kind: 'escalation',
    recipientRole: 'pa',
    schema: z.strictObject({
      ...baseFields,
      candidateName: ZCandidateName,
      year: ZProgramYear,
      startBy: ZDate,
      daysOverdue: ZDaysOverdue,
      candidateUrl: ZLink,
    }),
    compose: (d) => ({
      subject: `IIP not started: ${d.candidateName}`,
      blocks: [
        paragraph(
          `${d.candidateName}'s year ${d.year} IIP was due to start by ${formatDate(d.startBy)} (${describeOverdue(d.daysOverdue)}) and no draft exists yet.`,
        ),
      ],
      action: { label: 'Open the candidate record', url: d.candidateUrl },
    }),
  }),
  'iipApproval.reminder.coach': defineTemplate({
    rule: 'R-IIP-3',
    kind: 'reminder',
    recipientRole: 'coach',
    schema: z.strictObject({
      ...baseFields,
      candidateFirstName: ZFirstName,
      year: ZProgramYear,
      isRevision: z.boolean(),
      approveBy: ZDate,
      goals: z.array(ZIipGoal).max(12),
      approvalUrl: ZLink,
    }),
    compose: (d) => ({
      subject: `Approve ${d.candidateFirstName}'s IIP ${d.isRevision ? 'revision' : 'goals'} by ${formatDate(d.approveBy)}`,
      blocks: [
        paragraph(
          `${d.candidateFirstName} has submitted ${d.isRevision ? 'a revision of the' : 'the'} year ${d.year} IIP goals for your approval, due by ${formatDate(d.approveBy)}.`,
        ),
        ...listIfAny(
          'Goals submitted:',
          d.goals.map((g) => `${cpselName(g.standard)}: ${g.goal}`),
        ),
      ],
      action: { label: 'Review and approve', url: d.approvalUrl },
    }),
  }),
  'iipApproval.reminder.supervisor': defineTemplate({
    rule: 'R-IIP-3',
    kind: 'reminder',
    recipientRole: 'supervisor',
    schema: z.strictObject({
      ...baseFields,
      candidateFirstName: ZFirstName,
      year: ZProgramYear,
      approveBy: ZDate,
      approvalUrl: ZLink,
    }),
    compose: (d) => ({
      subject: `${d.candidateFirstName}'s year ${d.year} Individual Induction Plan awaits your approval`,
      blocks: [
        paragraph(
          `An Individual Induction Plan (year ${d.year}) for ${d.candidateFirstName} awaits your approval as site supervisor, by ${formatDate(d.approveBy)}.`,
        ),
        paragraph(
          'The plan is a development document, not an evaluation; you can read and approve it in the program portal.',
        ),
      ],
      action: { label: 'Open the approval page', url: d.approvalUrl },
    }),
  }),
  'iipApproval.escalation.pa': defineTemplate({
    rule: 'R-IIP-3',
    kind: 'escalation',
    recipientRole: 'pa',
    schema: z.strictObject({
      ...baseFields,
      candidateName: ZCandidateName,
      year: ZProgramYear,
      awaiting: z.array(ZApprover).min(1).max(2),
      approveBy: ZDate,
      daysOverdue: ZDaysOverdue,
      candidateUrl: ZLink,
      /** A revised IIP awaits approval again (absent in messages planned before it was added). */
      isRevision: z.boolean().optional(),
    }),
    compose: (d) => ({
      subject: `Year ${d.year} IIP ${d.isRevision ? 'revision ' : ''}approval overdue: ${d.candidateName}`,
      blocks: [
        paragraph(
          `${d.candidateName}'s year ${d.year} IIP was due for approval by ${formatDate(d.approveBy)} (${describeOverdue(d.daysOverdue)}).`,
        ),
        paragraph(
          `Still awaiting: ${joinWords(d.awaiting.map((a) => (a === 'coach' ? 'the coach' : 'the site supervisor')))}.`,
        ),
      ],
      action: { label: 'Open the candidate record', url: d.candidateUrl },
    }),
  }),
};
