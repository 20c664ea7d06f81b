// Completion documents (R-CMP-1..3), the four-step recommendation chain (R-REC-1..4), the handoff
// to the credentials office and the state's 90-day window (R-REC-5). Messages to the credentials
// office and the supervisor name documents, never their IIP content (R-IIP-5).
import { z } from 'zod';
import { list, paragraph } from '../content';
import { baseFields, ZCandidateName, ZDate, ZDaysOverdue, ZFirstName, ZLink } from '../fields';
import { describeOverdue, formatDate, plural } from '../format';
import { defineTemplate } from '../template';

const ITEM_NAMES = {
  iipChecklist: 'IIP checklist, signed',
  proficiencyRatings: 'progress-to-proficiency ratings (every CPSEL at 3 or above)',
  portfolioPresentation: 'portfolio presentation score',
  iipGoalsConfirmation: 'confirmation of the IIP goals document',
  hoursConfirmation: 'confirmation of coaching and professional-learning hours',
  hrExperienceLetter: 'HR letter verifying two years of full-time administrative experience',
  credentialDocument: 'Preliminary credential (PASC) or certificate of eligibility',
  coachingLogs: 'coaching logs',
  learningLogs: 'professional learning logs',
  programEvaluation: 'program evaluation',
  // R-CMP-4: no recommendation while academic watch is open or status is at risk; the PA closes it.
  academicWatchClosure:
    'closing the academic watch (or deciding the at-risk status): nothing is recommended while it is open',
} as const;
const ZCompletionItem = z.enum(Object.keys(ITEM_NAMES) as [keyof typeof ITEM_NAMES, ...(keyof typeof ITEM_NAMES)[]]);
const owed = (items: readonly (keyof typeof ITEM_NAMES)[]) =>
  z
    .array(ZCompletionItem.extract(items as [keyof typeof ITEM_NAMES]))
    .min(1)
    .max(10);

const STEP = {
  1: {
    who: 'the coach',
    tasks: [
      'Sign the IIP checklist and send it to the program administrator',
      'Confirm hours, proficiency and the portfolio score',
    ],
  },
  2: {
    who: 'the candidate',
    tasks: [
      'Upload coaching logs, learning logs and the program evaluation',
      'Open a credential-portal account and upload your PASC or certificate of eligibility and HR letter',
      "Sign the checklist's final section and send the Credential Recommendation Request to the program administrator",
    ],
  },
  3: {
    who: 'the program administrator',
    tasks: [
      'Sign the final checklist',
      'Verify the HR letter and PASC',
      'Complete the CRR and mark READY TO RECOMMEND',
    ],
  },
  4: { who: 'the credentials office', tasks: ['Verify the HR letter and credential document', 'RECOMMEND TO CTC'] },
} as const;
const ZStep = z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]);

type MissingData = {
  candidateFirstName?: string;
  candidateName?: string;
  items: readonly (keyof typeof ITEM_NAMES)[];
  dueBy: string;
  completionUrl: string;
};
const missingCompose = (d: MissingData) => {
  const candidate = d.candidateName ?? d.candidateFirstName;
  return {
    subject: `Completion: ${plural(d.items.length, 'item')} ${candidate ? `for ${candidate} ` : ''}due ${formatDate(d.dueBy)}`,
    blocks: [
      paragraph(
        `To complete ${candidate ? `${candidate}'s` : 'your'} induction, these are still needed from you by ${formatDate(d.dueBy)}:`,
      ),
      list(d.items.map((i) => ITEM_NAMES[i])),
    ],
    action: { label: 'Open the completion checklist', url: d.completionUrl },
  };
};
const forOthers = { candidateFirstName: ZFirstName, dueBy: ZDate, completionUrl: ZLink };
const stepSchema = z.strictObject({ ...baseFields, candidateName: ZCandidateName, dueBy: ZDate, stepUrl: ZLink });
const stepCompose = (step: keyof typeof STEP) => (d: { candidateName?: string; dueBy: string; stepUrl: string }) => ({
  subject: `Credential recommendation step ${step}${d.candidateName ? ` for ${d.candidateName}` : ''}: due ${formatDate(d.dueBy)}`,
  blocks: [
    paragraph(
      `Step ${step} of the credential recommendation${d.candidateName ? ` for ${d.candidateName}` : ''} is yours, due ${formatDate(d.dueBy)}:`,
    ),
    list(STEP[step].tasks),
  ],
  action: { label: 'Open this step', url: d.stepUrl },
});
const escalationSchema = z.strictObject({
  ...baseFields,
  candidateName: ZCandidateName,
  step: ZStep,
  dueBy: ZDate,
  daysOverdue: ZDaysOverdue,
  candidateUrl: ZLink,
});
const escalationCompose = (d: z.output<typeof escalationSchema>) => ({
  subject: `Recommendation step ${d.step} overdue: ${d.candidateName}`,
  blocks: [
    paragraph(
      `Step ${d.step} of ${d.candidateName}'s credential recommendation, owed by ${STEP[d.step].who}, was due ${formatDate(d.dueBy)} (${describeOverdue(d.daysOverdue)}).`,
    ),
  ],
  action: { label: 'Open the candidate record', url: d.candidateUrl },
});

export const completionTemplates = {
  'completionMissing.reminder.candidate': defineTemplate({
    rule: 'R-CMP-1',
    kind: 'reminder',
    recipientRole: 'candidate',
    schema: z.strictObject({
      ...baseFields,
      items: owed([
        'iipChecklist',
        'proficiencyRatings',
        'portfolioPresentation',
        'iipGoalsConfirmation',
        'hrExperienceLetter',
        'credentialDocument',
        'coachingLogs',
        'learningLogs',
        'programEvaluation',
      ]),
      dueBy: ZDate,
      completionUrl: ZLink,
    }),
    compose: missingCompose,
  }),
  'completionMissing.reminder.coach': defineTemplate({
    rule: 'R-CMP-1',
    kind: 'reminder',
    recipientRole: 'coach',
    schema: z.strictObject({
      ...baseFields,
      ...forOthers,
      items: owed([
        'iipChecklist',
        'proficiencyRatings',
        'iipGoalsConfirmation',
        'hoursConfirmation',
        'portfolioPresentation',
      ]),
    }),
    compose: missingCompose,
  }),
  'completionMissing.reminder.supervisor': defineTemplate({
    rule: 'R-CMP-1',
    kind: 'reminder',
    recipientRole: 'supervisor',
    schema: z.strictObject({
      ...baseFields,
      ...forOthers,
      items: owed(['proficiencyRatings', 'iipGoalsConfirmation']),
    }),
    compose: missingCompose,
  }),
  'completionMissing.reminder.pa': defineTemplate({
    rule: 'R-CMP-2',
    kind: 'reminder',
    recipientRole: 'pa',
    schema: z.strictObject({
      ...baseFields,
      candidateName: ZCandidateName,
      dueBy: ZDate,
      completionUrl: ZLink,
      items: owed(['iipChecklist', 'hrExperienceLetter', 'credentialDocument', 'academicWatchClosure']),
    }),
    compose: missingCompose,
  }),
  'recommendationStep.reminder.coach': defineTemplate({
    rule: 'R-REC-1',
    kind: 'reminder',
    recipientRole: 'coach',
    schema: stepSchema,
    compose: stepCompose(1),
  }),
  'recommendationStep.reminder.candidate': defineTemplate({
    rule: 'R-REC-2',
    kind: 'reminder',
    recipientRole: 'candidate',
    schema: z.strictObject({ ...baseFields, dueBy: ZDate, stepUrl: ZLink }),
    compose: stepCompose(2),
  }),
  'recommendationStep.reminder.pa': defineTemplate({
    rule: 'R-REC-3',
    kind: 'reminder',
    recipientRole: 'pa',
    schema: stepSchema,
    compose: stepCompose(3),
  }),
  'recommendationStep.reminder.credentialsOffice': defineTemplate({
    rule: 'R-REC-4',
    kind: 'reminder',
    recipientRole: 'credentialsOffice',
    schema: stepSchema,
    compose: stepCompose(4),
  }),
  'recommendationStep.escalation.pa': defineTemplate({
    rule: 'R-REC-1',
    kind: 'escalation',
    recipientRole: 'pa',
    schema: escalationSchema,
    compose: escalationCompose,
  }),
  'recommendationStep.escalation.director': defineTemplate({
    rule: 'R-REC-3',
    kind: 'escalation',
    recipientRole: 'director',
    schema: escalationSchema,
    compose: escalationCompose,
  }),
  'handoff.notice.credentialsOffice': defineTemplate({
    rule: 'R-REC-3',
    kind: 'notice',
    recipientRole: 'credentialsOffice',
    schema: z.strictObject({ ...baseFields, candidateName: ZCandidateName, readyOn: ZDate, packetUrl: ZLink }),
    compose: (d) => ({
      subject: `READY TO RECOMMEND: ${d.candidateName}`,
      blocks: [
        paragraph(
          `The program administrator marked ${d.candidateName} READY TO RECOMMEND on ${formatDate(d.readyOn)}. The recommendation packet (checklist, CRR, HR letter, credential document) is ready for step 4.`,
        ),
        list(STEP[4].tasks),
      ],
      action: { label: 'Open the recommendation packet', url: d.packetUrl },
    }),
  }),
  'ctcWindow.reminder.candidate': defineTemplate({
    rule: 'R-REC-5',
    kind: 'reminder',
    recipientRole: 'candidate',
    schema: z.strictObject({ ...baseFields, recommendedOn: ZDate, completeBy: ZDate, ctcUrl: ZLink }),
    compose: (d) => ({
      subject: `Complete your CTC steps by ${formatDate(d.completeBy)}`,
      blocks: [
        paragraph(
          `${d.programName} recommended you to the Commission on Teacher Credentialing on ${formatDate(d.recommendedOn)}. Please complete the Commission's steps and payment by ${formatDate(d.completeBy)} (90 days).`,
        ),
        paragraph('The Commission usually processes a completed application in about 10 business days.'),
      ],
      action: { label: 'Go to the CTC portal', url: d.ctcUrl },
    }),
  }),
  'ctcWindow.notice.candidate': defineTemplate({
    rule: 'R-REC-5',
    kind: 'notice',
    recipientRole: 'candidate',
    schema: z.strictObject({ ...baseFields, lapsedOn: ZDate, helpUrl: ZLink }),
    compose: (d) => ({
      subject: 'Your CTC recommendation window has lapsed',
      blocks: [
        paragraph(
          `The 90-day window to complete your Commission steps ended on ${formatDate(d.lapsedOn)}. Please contact your program administrator about renewing the recommendation.`,
        ),
      ],
      action: { label: 'Get help', url: d.helpUrl },
    }),
  }),
  'ctcWindow.notice.pa': defineTemplate({
    rule: 'R-REC-5',
    kind: 'notice',
    recipientRole: 'pa',
    schema: z.strictObject({
      ...baseFields,
      candidateName: ZCandidateName,
      recommendedOn: ZDate,
      lapsedOn: ZDate,
      candidateUrl: ZLink,
    }),
    compose: (d) => ({
      subject: `CTC window lapsed: ${d.candidateName}`,
      blocks: [
        paragraph(
          `${d.candidateName} was recommended on ${formatDate(d.recommendedOn)} and did not complete the Commission's steps by ${formatDate(d.lapsedOn)}.`,
        ),
      ],
      action: { label: 'Open the candidate record', url: d.candidateUrl },
    }),
  }),
};
