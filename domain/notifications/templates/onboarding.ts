// Admission (R-ADM-1), coach match (R-ONB-1) and orientation (R-ONB-2).
import { z } from 'zod';
import { list, listIfAny, paragraph } from '../content';
import { baseFields, ZCandidateName, ZDate, ZDaysOverdue, ZFirstName, ZLabel, ZLink } from '../fields';
import { describeOverdue as overdue, formatDate } from '../format';
import { defineTemplate } from '../template';

export const onboardingTemplates = {
  'admission.reminder.candidate': defineTemplate({
    rule: 'R-ADM-1',
    kind: 'reminder',
    recipientRole: 'candidate',
    schema: z.strictObject({
      ...baseFields,
      assignmentStartDate: ZDate,
      admissionDeadline: ZDate,
      missingItems: z.array(ZLabel).max(20).optional(),
      applicationUrl: ZLink,
    }),
    compose: (d) => ({
      subject: `Reminder: complete your admission by ${formatDate(d.admissionDeadline)}`,
      blocks: [
        paragraph(
          `Admission to ${d.programName} must be complete by ${formatDate(d.admissionDeadline)}, 120 days after your administrative assignment began on ${formatDate(d.assignmentStartDate)}.`,
        ),
        paragraph('Your CPSEL self-assessment with your coach also belongs in this period.'),
        ...listIfAny('Still missing from your application packet:', d.missingItems),
      ],
      action: { label: 'Open your application', url: d.applicationUrl },
    }),
  }),
  'admission.escalation.pa': defineTemplate({
    rule: 'R-ADM-1',
    kind: 'escalation',
    recipientRole: 'pa',
    schema: z.strictObject({
      ...baseFields,
      candidateName: ZCandidateName,
      admissionDeadline: ZDate,
      daysOverdue: ZDaysOverdue,
      missingItems: z.array(ZLabel).max(20).optional(),
      candidateUrl: ZLink,
    }),
    compose: (d) => ({
      subject: `Admission deadline missed: ${d.candidateName}`,
      blocks: [
        paragraph(
          `${d.candidateName} was due to be admitted by ${formatDate(d.admissionDeadline)} (${overdue(d.daysOverdue)}) and admission is not complete.`,
        ),
        ...listIfAny('Outstanding items:', d.missingItems),
      ],
      action: { label: 'Open the candidate record', url: d.candidateUrl },
    }),
  }),
  'coachMatch.reminder.pa': defineTemplate({
    rule: 'R-ONB-1',
    kind: 'reminder',
    recipientRole: 'pa',
    schema: z.strictObject({
      ...baseFields,
      candidateName: ZCandidateName,
      enrolledOn: ZDate,
      matchDeadline: ZDate,
      districtInputReceived: z.boolean().optional(),
      candidateUrl: ZLink,
    }),
    compose: (d) => ({
      subject: `Pair ${d.candidateName} with a coach by ${formatDate(d.matchDeadline)}`,
      blocks: [
        paragraph(
          `${d.candidateName} enrolled on ${formatDate(d.enrolledOn)} and needs an induction coach by ${formatDate(d.matchDeadline)} (30 days after enrollment).`,
        ),
        ...(d.districtInputReceived === undefined
          ? []
          : [
              paragraph(
                d.districtInputReceived
                  ? 'The partner district has sent its input on the match.'
                  : 'The partner district has not yet sent input on the match.',
              ),
            ]),
      ],
      action: { label: 'Match a coach', url: d.candidateUrl },
    }),
  }),
  'coachMatch.escalation.director': defineTemplate({
    rule: 'R-ONB-1',
    kind: 'escalation',
    recipientRole: 'director',
    schema: z.strictObject({
      ...baseFields,
      candidateName: ZCandidateName,
      matchDeadline: ZDate,
      daysOverdue: ZDaysOverdue,
      candidateUrl: ZLink,
    }),
    compose: (d) => ({
      subject: `No coach yet: ${d.candidateName}`,
      blocks: [
        paragraph(
          `${d.candidateName} should have been paired with an induction coach by ${formatDate(d.matchDeadline)} (${overdue(d.daysOverdue)}). The program administrator has been reminded; the match is still open.`,
        ),
      ],
      action: { label: 'Open the candidate record', url: d.candidateUrl },
    }),
  }),
  'orientation.reminder.candidate': defineTemplate({
    rule: 'R-ONB-2',
    kind: 'reminder',
    recipientRole: 'candidate',
    schema: z.strictObject({
      ...baseFields,
      orientationDeadline: ZDate,
      coachFirstName: ZFirstName.optional(),
      orientationUrl: ZLink,
    }),
    compose: (d) => ({
      subject: `Attend orientation by ${formatDate(d.orientationDeadline)}`,
      blocks: [
        paragraph(
          `Orientation to ${d.programName} takes place in your first month; please attend by ${formatDate(d.orientationDeadline)}.`,
        ),
        ...(d.coachFirstName
          ? [paragraph(`Your coach, ${d.coachFirstName}, will build on it in your first coaching meetings.`)]
          : []),
      ],
      action: { label: 'Orientation details', url: d.orientationUrl },
    }),
  }),
  'orientation.escalation.pa': defineTemplate({
    rule: 'R-ONB-2',
    kind: 'escalation',
    recipientRole: 'pa',
    schema: z.strictObject({
      ...baseFields,
      candidateName: ZCandidateName,
      orientationDeadline: ZDate,
      daysOverdue: ZDaysOverdue,
      candidateUrl: ZLink,
    }),
    compose: (d) => ({
      subject: `Orientation missed: ${d.candidateName}`,
      blocks: [
        paragraph(
          `${d.candidateName} has not attended orientation, due by ${formatDate(d.orientationDeadline)} (${overdue(d.daysOverdue)}).`,
        ),
        list(['Offer a make-up orientation or record attendance if it happened.']),
      ],
      action: { label: 'Open the candidate record', url: d.candidateUrl },
    }),
  }),
};
