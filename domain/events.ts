// The event vocabulary (design.md): the public contract for everything that happens to a
// candidate. Add events, never rename them. Every event may carry `date` (the day it happened,
// program time zone; defaults to the day it is recorded) and `by` (who recorded it, for audit).
import { z } from 'zod';
import { ZAssessmentWindow, ZCpselScores, ZCpselStandard, ZRater, ZRubricScore } from './lifecycle/cpsel';
import { ZLocalDate } from './calendar/dates';
import { ZPerson } from './lifecycle/candidate';
import { CONTACT_ROLES, ZRole } from './roles';
import {
  APPEAL_STATEMENT_MAX,
  EMAIL_MAX,
  IIP_GOAL_MAX,
  LABEL_MAX,
  MILESTONE_ID_MAX,
  NOTE_MAX,
  REASON_MAX,
} from './limits';

export const ZActor = z.strictObject({
  // Anyone of domain/roles.ts but a panel reviewer (the PA records panel results), or the system.
  role: z.enum([...ZRole.exclude(['panelReviewer']).options, 'system']),
  id: z.string().min(1).max(120),
});
export type TActor = z.infer<typeof ZActor>;

const common = { date: ZLocalDate.optional(), by: ZActor.optional() };
const hours = z
  .number({ error: 'expected hours as a number' })
  .positive({ error: 'hours must be > 0' })
  .max(24, { error: 'at most 24 hours in one entry' });
const ZIipGoal = z.strictObject({ cpsel: ZCpselStandard, goal: z.string().trim().min(1).max(IIP_GOAL_MAX) });
const programYear = z.union([z.literal(1), z.literal(2)], { error: 'expected program year 1 or 2' });

/** The people of a candidate's record who receive email, by their mail role. */
export const ZContactRole = ZRole.extract(CONTACT_ROLES, {
  error: 'expected candidate, coach, supervisor, pa or director',
});
export type TContactRole = z.infer<typeof ZContactRole>;

const ev = <T extends string, S extends z.ZodRawShape>(type: T, shape: S) =>
  z.strictObject({ type: z.literal(type), ...common, ...shape });

export const ZCandidateEvent = z.discriminatedUnion('type', [
  ev('admitted', { enrolledOn: ZLocalDate.optional() }),
  ev('coachAssigned', { coach: ZPerson }),
  ev('supervisorAssigned', { supervisor: ZPerson }),
  ev('orientationAttended', {}),
  ev('assessmentSubmitted', {
    window: ZAssessmentWindow,
    rater: ZRater,
    scores: ZCpselScores,
    reflectionSubmitted: z.boolean().optional(),
  }),
  ev('iipSubmitted', {
    year: programYear,
    goals: z
      .array(ZIipGoal)
      .length(3, { error: 'an IIP year has exactly three CPSEL goals (R-IIP-2)' })
      .refine((g) => new Set(g.map((x) => x.cpsel)).size === g.length, {
        error: 'each goal must name a different CPSEL standard (R-IIP-2)',
      }),
  }),
  ev('iipApproved', { year: programYear, approver: z.enum(['coach', 'supervisor']) }),
  ev('iipRevised', {
    year: programYear,
    goals: z.array(ZIipGoal).length(3).optional(),
    reason: z.string().trim().min(1).max(REASON_MAX),
  }),
  ev('coachingLogged', { hours }),
  ev('learningLogged', { hours, category: z.enum(['cpselSession', 'jobAligned', 'plc', 'district']) }),
  ev('assignmentSubmitted', {
    session: z.int().min(1).max(14),
    subpar: z.boolean().optional(),
    /** R-SES-3: a late submission counts only when the instructor accepts it. */
    lateAccepted: z.boolean().optional(),
  }),
  ev('portfolioReviewed', { year: z.literal(1), passed: z.boolean() }),
  ev('portfolioPresented', {
    panelScores: z
      .array(ZRubricScore)
      .min(2, { error: 'a panel has 2–3 reviewers (R-PF-2)' })
      .max(3, { error: 'a panel has 2–3 reviewers (R-PF-2)' })
      .optional(),
    medicalExemption: z
      .strictObject({ documented: z.literal(true), note: z.string().max(REASON_MAX).optional() })
      .optional(),
  }),
  ev('actionPlanAgreed', {
    goals: z.array(z.string().trim().min(1).max(REASON_MAX)).min(1).max(20),
    revisedDeadlines: z
      .array(z.strictObject({ item: z.string().trim().min(1).max(LABEL_MAX), due: ZLocalDate }))
      .min(1)
      .max(30),
    agreedInWriting: z.boolean(),
  }),
  ev('deferred', {
    months: z
      .int()
      .min(1, { error: 'defer at least 1 month' })
      .max(6, { error: 'a deferral is at most six months (R-INT-2)' }),
    reason: z.string().max(REASON_MAX).optional(),
  }),
  ev('extensionGranted', { months: z.literal(12), appealId: z.string().max(60).optional() }),
  ev('withdrawn', {
    reason: z.string().trim().min(1).max(REASON_MAX),
    /** R-ADM-5, R-INT-1: the program dropped the candidate for missing work (no refund), rather than the candidate leaving. */
    droppedForMissingWork: z.boolean().optional(),
  }),
  ev('experienceVerified', { hrLetter: z.literal(true), years: z.number().min(0).max(50) }),
  ev('credentialVerified', { document: z.enum(['pasc', 'coe']) }),
  ev('coachVerified', {
    checklistSigned: z.literal(true),
    hoursConfirmed: z.literal(true),
    proficiencyConfirmed: z.literal(true),
    portfolioScoreConfirmed: z.literal(true),
  }),
  ev('candidateDocumentsSubmitted', {
    coachingLogs: z.literal(true),
    learningLogs: z.literal(true),
    programEvaluation: z.literal(true),
    portalAccount: z.literal(true),
    pascOrCoe: z.literal(true),
    hrLetter: z.literal(true),
    checklistSigned: z.literal(true),
    crrSent: z.literal(true),
  }),
  ev('paVerified', {
    finalChecklistSigned: z.literal(true),
    hrLetterVerified: z.literal(true),
    pascVerified: z.literal(true),
    crrCompleted: z.literal(true),
  }),
  ev('recommendedToCtc', { hrLetterApproved: z.literal(true), credentialDocumentApproved: z.literal(true) }),
  ev('ctcStepsCompleted', {}),
  // Intervention and support (R-INT-1), academic watch outcomes (R-AW-1/2), appeals (R-APL-1).
  ev('interventionNoted', {
    step: z.enum(['informationGathered', 'resubmissionInvited']),
    note: z.string().trim().min(1).max(NOTE_MAX),
  }),
  ev('revisedItemCompleted', { item: z.string().trim().min(1).max(LABEL_MAX) }),
  ev('watchClosed', { note: z.string().max(NOTE_MAX).optional() }),
  ev('watchExtended', {
    revisedDeadlines: z
      .array(z.strictObject({ item: z.string().trim().min(1).max(LABEL_MAX), due: ZLocalDate }))
      .min(1)
      .max(30),
  }),
  ev('appealFiled', {
    subject: z.enum(['extension', 'withdrawal', 'academicAction', 'other']),
    statement: z.string().trim().min(1).max(APPEAL_STATEMENT_MAX),
  }),
  ev('appealDecided', {
    level: z.enum(['coachAndCandidate', 'pa', 'director', 'associateDean']),
    decision: z.enum(['granted', 'denied', 'escalated']),
    note: z.string().max(NOTE_MAX).optional(),
  }),
  // R-NOT (delivery; not in domain.md): SES reported that mail to one person of the record can't be
  // delivered. Recorded by the SES-events consumer only (functions/ses-events/), never by a person.
  // No address: the role names whose address it was (resolved against the record when recorded).
  ev('emailBounced', {
    role: ZContactRole,
    bounce: z.enum(['bounce', 'complaint']),
    /** SES's id of the message that bounced (not personal data): for the audit trail. */
    sesMessageId: z
      .string()
      .trim()
      .min(1)
      .max(120)
      .regex(/^[A-Za-z0-9._@-]+$/),
  }),
  // R-NOT (delivery): the PA or director corrects a person's email address; sends to them resume.
  ev('contactCorrected', { role: ZContactRole, email: z.email({ error: 'expected an email address' }).max(EMAIL_MAX) }),
  // R-REM-1: a program milestone of the policy (seed 004's ILP cells) handed in. The id must be one of
  // the policy's milestones; the reducer checks it against the policy when the event is recorded.
  ev('milestoneSubmitted', {
    milestoneId: z
      .string({ error: 'expected a milestone id' })
      .trim()
      .min(1, { error: 'a milestone is required' })
      .max(MILESTONE_ID_MAX)
      .regex(/^[A-Za-z0-9][A-Za-z0-9_-]*$/, { error: 'expected a milestone id of letters, digits, "-" or "_"' }),
    note: z.string().trim().max(NOTE_MAX).optional(),
  }),
]);
export type TCandidateEvent = z.infer<typeof ZCandidateEvent>;
export type TEventType = TCandidateEvent['type'];
export const EVENT_TYPES = ZCandidateEvent.options.map((o) => o.shape.type.value) as TEventType[];
/** Event types only the system records (no person's role may; functions/auth/policy.ts). */
export const SYSTEM_EVENT_TYPES: readonly TEventType[] = ['emailBounced'];
