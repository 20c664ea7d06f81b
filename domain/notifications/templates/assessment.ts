// CPSEL assessment windows (R-ASM-2, each rater separately) and the portfolio (R-PF-1, R-PF-2).
// No template here carries scores: raters enter them in the portal and results are reviewed there.
import { z } from 'zod';
import { ZAssessmentWindow, ZRater, type TAssessmentWindow } from '../../lifecycle/cpsel';
import { paragraph } from '../content';
import { baseFields, ZCandidateName, ZDate, ZFirstName, ZLink, ZUtcMs } from '../fields';
import { formatDate, formatPacificDateTime, joinWords } from '../format';
import { defineTemplate } from '../template';

const WINDOW_NAMES: Record<TAssessmentWindow, string> = {
  pre: 'pre-assessment',
  endYear1: 'end-of-year-1 (mid-program benchmark) assessment',
  startYear2: 'start-of-year-2 assessment',
  endYear2: 'end-of-year-2 assessment',
};
const RATER_NAMES = { candidate: 'the candidate', coach: 'the coach', supervisor: 'the site supervisor' } as const;

const raterSchema = z.strictObject({
  ...baseFields,
  candidateFirstName: ZFirstName,
  window: ZAssessmentWindow,
  closesOn: ZDate,
  assessmentUrl: ZLink,
});
const raterCompose = (role: string) => (d: z.output<typeof raterSchema>) => ({
  subject: `Rate ${d.candidateFirstName} on the CPSEL ${WINDOW_NAMES[d.window]} by ${formatDate(d.closesOn)}`,
  blocks: [
    paragraph(
      `As ${d.candidateFirstName}'s ${role}, please score all six CPSEL standards (1–4) for the ${WINDOW_NAMES[d.window]}. The window closes on ${formatDate(d.closesOn)}.`,
    ),
  ],
  action: { label: 'Open the assessment', url: d.assessmentUrl },
});

const reviewerSchema = z.strictObject({
  ...baseFields,
  candidateFirstName: ZFirstName,
  reviewBy: ZDate,
  portfolioUrl: ZLink,
});
const reviewerCompose = (role: string) => (d: z.output<typeof reviewerSchema>) => ({
  subject: `Year 1 portfolio review for ${d.candidateFirstName} by ${formatDate(d.reviewBy)}`,
  blocks: [
    paragraph(
      `As ${d.candidateFirstName}'s ${role}, please complete the formal end-of-year-1 portfolio review by ${formatDate(d.reviewBy)}.`,
    ),
  ],
  action: { label: 'Open the portfolio review', url: d.portfolioUrl },
});

export const assessmentTemplates = {
  'assessmentWindow.reminder.candidate': defineTemplate({
    rule: 'R-ASM-2',
    kind: 'reminder',
    recipientRole: 'candidate',
    schema: z.strictObject({ ...baseFields, window: ZAssessmentWindow, closesOn: ZDate, assessmentUrl: ZLink }),
    compose: (d) => ({
      subject: `Your CPSEL ${WINDOW_NAMES[d.window]} closes ${formatDate(d.closesOn)}`,
      blocks: [
        paragraph(
          `Please score yourself on all six CPSEL standards (1–4) for the ${WINDOW_NAMES[d.window]} by ${formatDate(d.closesOn)}.`,
        ),
        paragraph('A short self-assessment reflection follows each assessment.'),
      ],
      action: { label: 'Open the assessment', url: d.assessmentUrl },
    }),
  }),
  'assessmentWindow.reminder.coach': defineTemplate({
    rule: 'R-ASM-2',
    kind: 'reminder',
    recipientRole: 'coach',
    schema: raterSchema,
    compose: raterCompose('induction coach'),
  }),
  'assessmentWindow.reminder.supervisor': defineTemplate({
    rule: 'R-ASM-2',
    kind: 'reminder',
    recipientRole: 'supervisor',
    schema: raterSchema,
    compose: raterCompose('site supervisor'),
  }),
  'assessmentWindow.escalation.pa': defineTemplate({
    rule: 'R-ASM-2',
    kind: 'escalation',
    recipientRole: 'pa',
    schema: z.strictObject({
      ...baseFields,
      candidateName: ZCandidateName,
      window: ZAssessmentWindow,
      closedOn: ZDate,
      missingRaters: z.array(ZRater).min(1).max(3),
      candidateUrl: ZLink,
    }),
    compose: (d) => ({
      subject: `CPSEL ${WINDOW_NAMES[d.window]} incomplete: ${d.candidateName}`,
      blocks: [
        paragraph(
          `The ${WINDOW_NAMES[d.window]} window for ${d.candidateName} closed on ${formatDate(d.closedOn)} without scores from ${joinWords(d.missingRaters.map((r) => RATER_NAMES[r]))}.`,
        ),
      ],
      action: { label: 'Open the candidate record', url: d.candidateUrl },
    }),
  }),
  'portfolioReview.reminder.coach': defineTemplate({
    rule: 'R-PF-1',
    kind: 'reminder',
    recipientRole: 'coach',
    schema: reviewerSchema,
    compose: reviewerCompose('induction coach'),
  }),
  'portfolioReview.reminder.supervisor': defineTemplate({
    rule: 'R-PF-1',
    kind: 'reminder',
    recipientRole: 'supervisor',
    schema: reviewerSchema,
    compose: reviewerCompose('site supervisor'),
  }),
  'portfolioPanel.reminder.candidate': defineTemplate({
    rule: 'R-PF-2',
    kind: 'reminder',
    recipientRole: 'candidate',
    schema: z.strictObject({
      ...baseFields,
      presentationStartUtcMs: ZUtcMs,
      panelSize: z.int().min(2).max(3),
      presentationUrl: ZLink,
    }),
    compose: (d) => ({
      subject: `Your portfolio presentation: ${formatPacificDateTime(d.presentationStartUtcMs)}`,
      blocks: [
        paragraph(
          `You present your portfolio to a panel of ${d.panelSize} reviewers on ${formatPacificDateTime(d.presentationStartUtcMs)}.`,
        ),
        paragraph(
          'Each reviewer scores the presentation; every score must reach 3 (meets the standard) to complete the program.',
        ),
      ],
      action: { label: 'Presentation details', url: d.presentationUrl },
    }),
  }),
  // R-PF-2 / R-PF-3: a presentation a reviewer scored below 3. No scores in the email (they are in
  // the portal); coach and PA are copied so the re-presentation is planned together.
  'portfolioPanel.notice.candidate': defineTemplate({
    rule: 'R-PF-2',
    kind: 'notice',
    recipientRole: 'candidate',
    ccRoles: ['coach', 'pa'],
    schema: z.strictObject({ ...baseFields, presentedOn: ZDate, resultsUrl: ZLink }),
    compose: (d) => ({
      subject: 'Your portfolio presentation: next steps',
      blocks: [
        paragraph(
          `Your portfolio presentation on ${formatDate(d.presentedOn)} did not yet meet the standard: every reviewer's score must reach 3 (meets the standard) to complete the program.`,
        ),
        paragraph(
          "You may present again. Your coach and program administrator are copied and will help you prepare and schedule the new presentation. The reviewers' feedback is in the portal.",
        ),
      ],
      action: { label: 'See the panel feedback', url: d.resultsUrl },
    }),
  }),
  // Partner districts attend the final presentation (seed 002); the invitation carries no scores and no IIP content.
  'portfolioPanel.reminder.districtCoordinator': defineTemplate({
    rule: 'R-PF-2',
    kind: 'reminder',
    recipientRole: 'districtCoordinator',
    schema: z.strictObject({
      ...baseFields,
      candidateFirstName: ZFirstName,
      presentationStartUtcMs: ZUtcMs,
      presentationUrl: ZLink,
    }),
    compose: (d) => ({
      subject: `Invitation: ${d.candidateFirstName}'s portfolio presentation`,
      blocks: [
        paragraph(
          `${d.candidateFirstName} presents a final induction portfolio on ${formatPacificDateTime(d.presentationStartUtcMs)}. As the partner district's coordinator you are welcome to attend.`,
        ),
      ],
      action: { label: 'Presentation details', url: d.presentationUrl },
    }),
  }),
};
