// Early warning (R-EW-1), academic watch and its remediation plan (R-AW-1, R-INT-1), revised
// deadlines and at-risk status (R-AW-2).
import { z } from 'zod';
import { list, listIfAny, paragraph } from '../content';
import { baseFields, ZCandidateName, ZDate, ZDatedItem, ZFirstName, ZLabel, ZLink, type TDatedItem } from '../fields';
import { formatDate, plural } from '../format';
import { defineTemplate } from '../template';

const dated = (items: readonly TDatedItem[]): string[] => items.map((i) => `${i.item}: due ${formatDate(i.dueDate)}`);
const ZReporter = z.enum(['coach', 'instructor']);

export const interventionTemplates = {
  // The PA is copied (R-EW-1), so the message speaks to the candidate and says what the PA will see.
  'earlyWarning.notice.candidate': defineTemplate({
    rule: 'R-EW-1',
    kind: 'notice',
    recipientRole: 'candidate',
    ccRoles: ['pa'],
    schema: z.strictObject({
      ...baseFields,
      reason: z.enum(['missingAssignments', 'subparWork']),
      assignments: z.array(ZDatedItem).min(1).max(20),
      detailsUrl: ZLink,
    }),
    compose: (d) => ({
      subject: 'Early warning: assignments need your attention',
      blocks: [
        paragraph(
          d.reason === 'missingAssignments'
            ? `${plural(d.assignments.length, 'assignment')} from your ${d.programName} sessions ${d.assignments.length === 1 ? 'has' : 'have'} not been submitted:`
            : 'Recent work has not yet reached the expected standard and needs revision:',
        ),
        list(dated(d.assignments)),
        paragraph('Your program administrator is copied on this message and can help you plan how to catch up.'),
      ],
      action: { label: 'See your assignments', url: d.detailsUrl },
    }),
  }),
  'academicWatch.notice.pa': defineTemplate({
    rule: 'R-AW-1',
    kind: 'notice',
    recipientRole: 'pa',
    schema: z.strictObject({
      ...baseFields,
      candidateName: ZCandidateName,
      reportedBy: z.array(ZReporter).min(1).max(2),
      evidence: z.array(ZLabel).min(1).max(30),
      planDueBy: ZDate,
      candidateUrl: ZLink,
    }),
    compose: (d) => ({
      subject: `Academic watch: ${d.candidateName}`,
      blocks: [
        paragraph(
          `${d.candidateName} is on academic watch, reported by ${d.reportedBy.map((r) => `the ${r}`).join(' and ')}. The evidence:`,
        ),
        list(d.evidence),
        paragraph(
          `Please coordinate a remediation plan with revised deadlines, agreed in writing, by ${formatDate(d.planDueBy)}.`,
        ),
      ],
      action: { label: 'Open the candidate record', url: d.candidateUrl },
    }),
  }),
  'academicWatch.notice.candidate': defineTemplate({
    rule: 'R-AW-1',
    kind: 'notice',
    recipientRole: 'candidate',
    schema: z.strictObject({
      ...baseFields,
      missingCount: z.int().min(0).max(50),
      lateCount: z.int().min(0).max(50),
      meetingUrl: ZLink,
    }),
    compose: (d) => ({
      subject: `You are on academic watch in ${d.programName}`,
      blocks: [
        paragraph(
          `You have ${plural(d.missingCount, 'missing assignment')} and ${plural(d.lateCount, 'late submission')}, which places you on academic watch.`,
        ),
        paragraph(
          'Your program administrator will work out a remediation plan with you and your coach, with revised deadlines agreed in writing.',
        ),
      ],
      action: { label: 'Schedule the planning meeting', url: d.meetingUrl },
    }),
  }),
  'remediationPlan.notice.candidate': defineTemplate({
    rule: 'R-AW-1',
    kind: 'notice',
    recipientRole: 'candidate',
    schema: z.strictObject({
      ...baseFields,
      agreedOn: ZDate,
      revisedDeadlines: z.array(ZDatedItem).min(1).max(30),
      planUrl: ZLink,
    }),
    compose: (d) => ({
      subject: 'Your remediation plan and revised deadlines',
      blocks: [
        paragraph(`Your remediation plan was agreed on ${formatDate(d.agreedOn)}. The revised deadlines are:`),
        list(dated(d.revisedDeadlines)),
        paragraph('Missing a revised deadline puts your program status at risk.'),
      ],
      action: { label: 'Open the plan', url: d.planUrl },
    }),
  }),
  'remediationPlan.notice.coach': defineTemplate({
    rule: 'R-AW-1',
    kind: 'notice',
    recipientRole: 'coach',
    schema: z.strictObject({
      ...baseFields,
      candidateFirstName: ZFirstName,
      agreedOn: ZDate,
      revisedDeadlines: z.array(ZDatedItem).min(1).max(30),
      planUrl: ZLink,
    }),
    compose: (d) => ({
      subject: `${d.candidateFirstName}'s remediation plan and revised deadlines`,
      blocks: [
        paragraph(
          `${d.candidateFirstName}'s remediation plan was agreed on ${formatDate(d.agreedOn)}. Please support these revised deadlines:`,
        ),
        list(dated(d.revisedDeadlines)),
      ],
      action: { label: 'Open the plan', url: d.planUrl },
    }),
  }),
  'revisedDeadline.reminder.candidate': defineTemplate({
    rule: 'R-AW-2',
    kind: 'reminder',
    recipientRole: 'candidate',
    schema: z.strictObject({ ...baseFields, item: ZLabel, dueDate: ZDate, planUrl: ZLink }),
    compose: (d) => ({
      subject: `Revised deadline ${formatDate(d.dueDate)}: ${d.item}`,
      blocks: [
        paragraph(
          `"${d.item}" is due ${formatDate(d.dueDate)} under your remediation plan. Missing a revised deadline puts your program status at risk.`,
        ),
      ],
      action: { label: 'Open the plan', url: d.planUrl },
    }),
  }),
  // R-AW-2: the candidate hears of the at-risk status too, with the coach copied (the PA has the escalation).
  'atRisk.notice.candidate': defineTemplate({
    rule: 'R-AW-2',
    kind: 'notice',
    recipientRole: 'candidate',
    ccRoles: ['coach'],
    schema: z.strictObject({ ...baseFields, missed: z.array(ZDatedItem).min(1).max(30), planUrl: ZLink }),
    compose: (d) => ({
      subject: 'Your program status is at risk',
      blocks: [
        paragraph(
          `${plural(d.missed.length, 'revised deadline')} in your remediation plan passed without the work, so your program status is now at risk:`,
        ),
        list(dated(d.missed)),
        paragraph(
          'Your coach is copied on this message. Your program administrator will meet with you and your coach to agree on the next steps; please finish the outstanding work as soon as you can.',
        ),
      ],
      action: { label: 'Open the plan', url: d.planUrl },
    }),
  }),
  'revisedDeadline.escalation.pa': defineTemplate({
    rule: 'R-AW-2',
    kind: 'escalation',
    recipientRole: 'pa',
    schema: z.strictObject({
      ...baseFields,
      candidateName: ZCandidateName,
      missed: z.array(ZDatedItem).min(1).max(30),
      candidateUrl: ZLink,
    }),
    compose: (d) => ({
      subject: `At risk: ${d.candidateName} missed revised deadlines`,
      blocks: [
        paragraph(`${d.candidateName} missed remediation-plan deadlines, so program status is now at risk:`),
        list(dated(d.missed)),
        ...listIfAny('Next steps under the intervention process:', [
          'Meet with the candidate and coach',
          'Decide on a written action plan or withdrawal',
        ]),
      ],
      action: { label: 'Open the candidate record', url: d.candidateUrl },
    }),
  }),
};
