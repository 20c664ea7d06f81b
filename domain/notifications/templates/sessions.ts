// CPSEL sessions and assignments (R-SES-1), job-aligned workshops (R-SES-2), hours pace (R-HRS-3).
import { z } from 'zod';
import { paragraph, type AttachmentOut } from '../content';
import {
  baseFields,
  ZDate,
  ZFirstName,
  ZLabel,
  ZLink,
  ZProgramYear,
  ZScheduledEvent,
  type TScheduledEvent,
} from '../fields';
import { formatDate, formatHours, formatZonedDateTime, formatZonedTime, PROGRAM_TIME_ZONE } from '../format';
import { buildIcsEvent } from '../ics';
import { defineTemplate, type RenderContext } from '../template';

function invite(event: TScheduledEvent, description: string, context: RenderContext, filename: string): AttachmentOut {
  const content = buildIcsEvent({
    uid: event.uid,
    startUtcMs: event.startUtcMs,
    endUtcMs: event.endUtcMs,
    summary: event.title,
    description,
    url: event.joinUrl,
    timeZone: event.timeZone ?? PROGRAM_TIME_ZONE,
    method: 'REQUEST',
    ...(event.sequence === undefined ? {} : { sequence: event.sequence }),
    ...(context.organizer ? { organizer: context.organizer } : {}),
    ...(context.recipient ? { attendee: { name: context.recipient.name, email: context.recipient.email } } : {}),
  });
  return { filename, contentType: 'text/calendar; charset=UTF-8; method=REQUEST', content };
}

const zoneOf = (e: TScheduledEvent): string => e.timeZone ?? PROGRAM_TIME_ZONE;
const when = (e: TScheduledEvent): string =>
  `${formatZonedDateTime(e.startUtcMs, zoneOf(e))} to ${formatZonedTime(e.endUtcMs, zoneOf(e))}`;

const ZHoursCategory = z.enum(['coaching', 'professionalLearning']);
const CATEGORY_NAMES = { coaching: 'coaching', professionalLearning: 'professional learning' } as const;
const hoursFields = {
  year: ZProgramYear,
  category: ZHoursCategory,
  loggedHours: z.number().min(0).max(1000),
  expectedHours: z.number().min(0).max(1000),
  yearTargetHours: z.number().min(0).max(1000),
  asOf: ZDate,
  logUrl: ZLink,
};
const hoursLine = (d: {
  year: number;
  category: z.infer<typeof ZHoursCategory>;
  loggedHours: number;
  expectedHours: number;
  yearTargetHours: number;
  asOf: string;
}): string =>
  `${formatHours(d.loggedHours)} of the ${formatHours(d.expectedHours)} ${CATEGORY_NAMES[d.category]} hours expected by ${formatDate(d.asOf)} are logged (year ${d.year} target: ${formatHours(d.yearTargetHours)} hours).`;

export const sessionTemplates = {
  'cpselSession.reminder.candidate': defineTemplate({
    rule: 'R-SES-1',
    kind: 'reminder',
    recipientRole: 'candidate',
    schema: z.strictObject({ ...baseFields, session: ZScheduledEvent, assignmentDueDate: ZDate.optional() }),
    compose: (d, context) => ({
      subject: `CPSEL session: ${d.session.title}, ${formatZonedDateTime(d.session.startUtcMs, zoneOf(d.session))}`,
      blocks: [
        paragraph(
          `Your next CPSEL session, "${d.session.title}", meets online ${when(d.session)}. A calendar invitation is attached.`,
        ),
        ...(d.assignmentDueDate
          ? [paragraph(`The assignment that follows it is due ${formatDate(d.assignmentDueDate)}.`)]
          : []),
      ],
      action: { label: 'Join the session', url: d.session.joinUrl },
      attachments: [invite(d.session, `${d.programName} CPSEL session (online).`, context, 'cpsel-session.ics')],
    }),
  }),
  'workshop.reminder.candidate': defineTemplate({
    rule: 'R-SES-2',
    kind: 'reminder',
    recipientRole: 'candidate',
    schema: z.strictObject({ ...baseFields, workshop: ZScheduledEvent, part: z.union([z.literal(1), z.literal(2)]) }),
    compose: (d, context) => ({
      subject: `Workshop: ${d.workshop.title} (part ${d.part}), ${formatZonedDateTime(d.workshop.startUtcMs, zoneOf(d.workshop))}`,
      blocks: [
        paragraph(
          `Part ${d.part} of the job-aligned workshop "${d.workshop.title}" meets ${when(d.workshop)}. A calendar invitation is attached.`,
        ),
      ],
      action: { label: 'Join the workshop', url: d.workshop.joinUrl },
      attachments: [
        invite(d.workshop, `${d.programName} job-aligned workshop, part ${d.part}.`, context, 'workshop.ics'),
      ],
    }),
  }),
  'assignmentDue.reminder.candidate': defineTemplate({
    rule: 'R-SES-1',
    kind: 'reminder',
    recipientRole: 'candidate',
    schema: z.strictObject({ ...baseFields, assignmentTitle: ZLabel, dueDate: ZDate, submitUrl: ZLink }),
    compose: (d) => ({
      subject: `Assignment due ${formatDate(d.dueDate)}: ${d.assignmentTitle}`,
      blocks: [
        paragraph(
          `"${d.assignmentTitle}" is due ${formatDate(d.dueDate)}. Late work is accepted only at the instructor's discretion.`,
        ),
      ],
      action: { label: 'Submit the assignment', url: d.submitUrl },
    }),
  }),
  'hoursPace.notice.candidate': defineTemplate({
    rule: 'R-HRS-3',
    kind: 'notice',
    recipientRole: 'candidate',
    schema: z.strictObject({ ...baseFields, ...hoursFields }),
    compose: (d) => ({
      subject: `Your ${CATEGORY_NAMES[d.category]} hours are behind pace`,
      blocks: [
        paragraph(hoursLine(d)),
        paragraph('Catching up now is easier than at year end; please log any hours you have not yet recorded.'),
      ],
      action: { label: 'Open your hours log', url: d.logUrl },
    }),
  }),
  'hoursPace.notice.coach': defineTemplate({
    rule: 'R-HRS-3',
    kind: 'notice',
    recipientRole: 'coach',
    schema: z.strictObject({ ...baseFields, candidateFirstName: ZFirstName, ...hoursFields }),
    compose: (d) => ({
      subject: `${d.candidateFirstName}'s ${CATEGORY_NAMES[d.category]} hours are behind pace`,
      blocks: [paragraph(`For ${d.candidateFirstName}: ${hoursLine(d)}`)],
      action: { label: 'Open the hours log', url: d.logUrl },
    }),
  }),
};
