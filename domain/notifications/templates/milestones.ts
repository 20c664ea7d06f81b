// R-REM-1: a program's own milestones (policy.milestones, e.g. seed 004's ILP cells) — a reminder
// to whoever owes one before its due date, the PA's escalation once it is missed — and R-HRS-1's
// monthly coaching cadence: a program-year month with no coaching logged is told to the candidate
// and the coach, and a second month in a row goes to the PA.
import { z } from 'zod';
import { paragraph } from '../content';
import { baseFields, ZCandidateName, ZDate, ZDaysOverdue, ZFirstName, ZLabel, ZLink } from '../fields';
import { describeOverdue, formatDate } from '../format';
import { defineTemplate } from '../template';

/** Submissions the milestone needs ("three to four action-research entries"): how many so far, how many in all. */
const ZProgress = z.strictObject({ recorded: z.int().min(0).max(100), needed: z.int().min(1).max(100) });
type TProgress = z.infer<typeof ZProgress>;
const progress = (p: TProgress | undefined) =>
  p ? [paragraph(`${p.recorded} of the ${p.needed} needed ${p.needed === 1 ? 'is' : 'are'} recorded so far.`)] : [];

const monthFormat = new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', month: 'long', year: 'numeric' });
/** '2027-03-01' → 'March 2027'. */
export function formatMonth(firstOfMonth: string): string {
  const [y, m] = firstOfMonth.split('-').map(Number) as [number, number];
  return monthFormat.format(Date.UTC(y, m - 1, 1));
}

const reminderFields = {
  ...baseFields,
  milestone: ZLabel,
  dueDate: ZDate,
  progress: ZProgress.optional(),
  milestoneUrl: ZLink,
};

export const milestoneTemplates = {
  'milestone.reminder.candidate': defineTemplate({
    rule: 'R-REM-1',
    kind: 'reminder',
    recipientRole: 'candidate',
    schema: z.strictObject(reminderFields),
    compose: (d) => ({
      subject: `Due ${formatDate(d.dueDate)}: ${d.milestone}`,
      blocks: [
        paragraph(`Your program milestone “${d.milestone}” is due by ${formatDate(d.dueDate)}.`),
        ...progress(d.progress),
        paragraph('When it is done, record it in the portal (or ask your coach to).'),
      ],
      action: { label: 'Record the milestone', url: d.milestoneUrl },
    }),
  }),
  'milestone.reminder.coach': defineTemplate({
    rule: 'R-REM-1',
    kind: 'reminder',
    recipientRole: 'coach',
    schema: z.strictObject({ ...reminderFields, candidateFirstName: ZFirstName }),
    compose: (d) => ({
      subject: `Due ${formatDate(d.dueDate)}: ${d.milestone} (${d.candidateFirstName})`,
      blocks: [
        paragraph(`The milestone “${d.milestone}” for ${d.candidateFirstName} is due by ${formatDate(d.dueDate)}.`),
        ...progress(d.progress),
      ],
      action: { label: 'Record the milestone', url: d.milestoneUrl },
    }),
  }),
  'milestone.reminder.supervisor': defineTemplate({
    rule: 'R-REM-1',
    kind: 'reminder',
    recipientRole: 'supervisor',
    schema: z.strictObject({ ...reminderFields, candidateFirstName: ZFirstName }),
    compose: (d) => ({
      subject: `Due ${formatDate(d.dueDate)}: ${d.milestone} (${d.candidateFirstName})`,
      blocks: [
        paragraph(
          `The milestone “${d.milestone}” for ${d.candidateFirstName} is yours to complete by ${formatDate(d.dueDate)}.`,
        ),
        ...progress(d.progress),
      ],
      action: { label: 'Open the milestone', url: d.milestoneUrl },
    }),
  }),
  'milestone.escalation.pa': defineTemplate({
    rule: 'R-REM-1',
    kind: 'escalation',
    recipientRole: 'pa',
    schema: z.strictObject({
      ...baseFields,
      candidateName: ZCandidateName,
      milestone: ZLabel,
      dueDate: ZDate,
      daysOverdue: ZDaysOverdue,
      progress: ZProgress.optional(),
      candidateUrl: ZLink,
    }),
    compose: (d) => ({
      subject: `Overdue milestone: ${d.milestone} — ${d.candidateName}`,
      blocks: [
        paragraph(
          `The program milestone “${d.milestone}” for ${d.candidateName} was due by ${formatDate(d.dueDate)} (${describeOverdue(d.daysOverdue)}) and is not recorded.`,
        ),
        ...progress(d.progress),
      ],
      action: { label: 'Open the candidate record', url: d.candidateUrl },
    }),
  }),

  'coachingCadence.notice.candidate': defineTemplate({
    rule: 'R-HRS-1',
    kind: 'notice',
    recipientRole: 'candidate',
    schema: z.strictObject({ ...baseFields, month: ZDate, coachFirstName: ZFirstName, logUrl: ZLink }),
    compose: (d) => ({
      subject: `No coaching logged for ${formatMonth(d.month)}`,
      blocks: [
        paragraph(
          `No coaching session is logged for ${formatMonth(d.month)}. The program expects you and your coach to meet every month (R-HRS-1).`,
        ),
        paragraph(
          `If you met, ${d.coachFirstName} can still log it with its date; otherwise, please set up this month's meeting.`,
        ),
      ],
      action: { label: 'See your hours', url: d.logUrl },
    }),
  }),
  'coachingCadence.notice.coach': defineTemplate({
    rule: 'R-HRS-1',
    kind: 'notice',
    recipientRole: 'coach',
    schema: z.strictObject({ ...baseFields, month: ZDate, candidateFirstName: ZFirstName, logUrl: ZLink }),
    compose: (d) => ({
      subject: `No coaching logged for ${d.candidateFirstName} in ${formatMonth(d.month)}`,
      blocks: [
        paragraph(
          `No coaching with ${d.candidateFirstName} is logged for ${formatMonth(d.month)}; coaches meet their candidates monthly (R-HRS-1).`,
        ),
        paragraph('If you met, log the session with its date; otherwise, please meet this month.'),
      ],
      action: { label: 'Log coaching', url: d.logUrl },
    }),
  }),
  'coachingCadence.escalation.pa': defineTemplate({
    rule: 'R-HRS-1',
    kind: 'escalation',
    recipientRole: 'pa',
    schema: z.strictObject({
      ...baseFields,
      candidateName: ZCandidateName,
      firstMonth: ZDate,
      lastMonth: ZDate,
      candidateUrl: ZLink,
    }),
    compose: (d) => ({
      subject: `No coaching for two months: ${d.candidateName}`,
      blocks: [
        paragraph(
          `No coaching is logged for ${d.candidateName} in ${formatMonth(d.firstMonth)} or ${formatMonth(d.lastMonth)}, two months in a row; the coach meets the candidate monthly (R-HRS-1). Candidate and coach were told each month.`,
        ),
      ],
      action: { label: 'Open the candidate record', url: d.candidateUrl },
    }),
  }),
};
