// The program's words for each event form: titles, submit buttons and the names of the choices a
// person makes. The field *structure* comes from the zod schemas in domain/events.ts; only wording
// lives here, so a schema change shows up in every form without touching this file.
import type { TEventType } from '../../../domain/events';

export const EVENT_TITLES: Record<TEventType, string> = {
  admitted: 'Admit the candidate',
  coachAssigned: 'Assign a coach',
  supervisorAssigned: 'Assign a site supervisor',
  orientationAttended: 'Record orientation attendance',
  assessmentSubmitted: 'Rate the six CPSEL standards',
  iipSubmitted: 'Submit the Individual Induction Plan (IIP)',
  iipApproved: 'Approve the IIP',
  iipRevised: 'Revise the IIP',
  coachingLogged: 'Log coaching hours',
  learningLogged: 'Log professional learning hours',
  assignmentSubmitted: 'Record a session assignment',
  portfolioReviewed: 'Record the year-1 portfolio review',
  portfolioPresented: 'Record the portfolio panel presentation',
  actionPlanAgreed: 'Record an agreed action plan',
  deferred: 'Defer the candidate',
  extensionGranted: 'Grant a 12-month extension',
  withdrawn: 'Withdraw the candidate',
  experienceVerified: 'Verify administrative experience (HR letter)',
  credentialVerified: 'Verify the PASC or Certificate of Eligibility',
  coachVerified: "Step 1 of the recommendation: the coach's verification",
  candidateDocumentsSubmitted: "Step 2 of the recommendation: the candidate's documents",
  paVerified: "Step 3 of the recommendation: the Program Administrator's verification",
  recommendedToCtc: 'Step 4 of the recommendation: recommend to the CTC',
  ctcStepsCompleted: "Record that the CTC's steps and payment are done",
  interventionNoted: 'Record an intervention step',
  revisedItemCompleted: 'Mark a revised item completed',
  watchClosed: 'Close academic watch',
  watchExtended: 'Extend academic watch with revised deadlines',
  appealFiled: 'File an appeal',
  appealDecided: 'Record an appeal decision',
  milestoneSubmitted: 'Record a program milestone as handed in',
  emailBounced: 'Record an undeliverable email address',
  contactCorrected: 'Correct an email address',
};

export const SUBMIT_TEXT: Record<TEventType, string> = {
  admitted: 'Admit the candidate',
  coachAssigned: 'Assign this coach',
  supervisorAssigned: 'Assign this site supervisor',
  orientationAttended: 'Record orientation attendance',
  assessmentSubmitted: 'Submit the ratings',
  iipSubmitted: 'Submit the IIP',
  iipApproved: 'Approve the IIP',
  iipRevised: 'Submit the revised IIP',
  coachingLogged: 'Record coaching hours',
  learningLogged: 'Record learning hours',
  assignmentSubmitted: 'Record the assignment',
  portfolioReviewed: 'Record the portfolio review',
  portfolioPresented: 'Record the presentation',
  actionPlanAgreed: 'Record the action plan',
  deferred: 'Defer the candidate',
  extensionGranted: 'Grant the extension',
  withdrawn: 'Withdraw the candidate',
  experienceVerified: 'Record the verified experience',
  credentialVerified: 'Record the verified document',
  coachVerified: 'Confirm step 1',
  candidateDocumentsSubmitted: 'Confirm step 2',
  paVerified: 'Confirm step 3: ready to recommend',
  recommendedToCtc: 'Recommend to the CTC',
  ctcStepsCompleted: 'Record the CTC steps as done',
  interventionNoted: 'Record the intervention step',
  revisedItemCompleted: 'Mark the item completed',
  watchClosed: 'Close academic watch',
  watchExtended: 'Extend academic watch',
  appealFiled: 'File the appeal',
  appealDecided: 'Record the decision',
  milestoneSubmitted: 'Record the milestone',
  emailBounced: 'Record the bounce',
  contactCorrected: 'Save the corrected address',
};

export const CPSEL_STANDARD_NAMES: Record<string, string> = {
  cpsel1: 'Development and Implementation of a Shared Vision',
  cpsel2: 'Instructional Leadership',
  cpsel3: 'Management and Learning Environment',
  cpsel4: 'Family and Community Engagement',
  cpsel5: 'Ethics and Integrity',
  cpsel6: 'External Context and Policy',
};
const cpselOption = (k: string): string => `CPSEL ${k.slice(-1)}: ${CPSEL_STANDARD_NAMES[k] ?? k}`;

/** The Descriptions of Practice rubric (handbook: "practice that is directed toward the standard" …). */
export const RUBRIC_LEVEL_NAMES: Record<string, string> = {
  '1': '1 – Directed toward the standard',
  '2': '2 – Approaching the standard',
  '3': '3 – Meets the standard',
  '4': '4 – Exemplifies the standard',
};

/** Names of the values of each enum-like field, keyed by the field's path without row numbers. */
export const OPTION_NAMES: Record<string, Record<string, string>> = {
  window: {
    pre: 'Pre-assessment (start of year 1)',
    endYear1: 'End of year 1',
    startYear2: 'Start of year 2',
    endYear2: 'End of year 2',
  },
  rater: { candidate: 'The candidate (self-assessment)', coach: 'The coach', supervisor: 'The site supervisor' },
  approver: { coach: 'The coach', supervisor: 'The site supervisor' },
  year: { '1': 'Year 1', '2': 'Year 2' },
  category: {
    cpselSession: 'CPSEL-aligned session',
    jobAligned: 'Job-aligned workshop',
    plc: 'Cohort PLC',
    district: 'District-approved professional learning',
  },
  document: { pasc: 'Preliminary Administrative Services Credential (PASC)', coe: 'Certificate of Eligibility (COE)' },
  step: { informationGathered: 'Information gathered', resubmissionInvited: 'Invited to revise and resubmit' },
  subject: {
    extension: 'An extension',
    withdrawal: 'A withdrawal',
    academicAction: 'An academic action (e.g. academic watch)',
    other: 'Something else',
  },
  level: {
    coachAndCandidate: 'Step 1: coach and candidate',
    pa: 'Step 2: Program Administrator',
    director: 'Step 3: Director',
    associateDean: 'Step 4: Associate Dean',
  },
  decision: { granted: 'Granted', denied: 'Denied', escalated: 'Escalated to the next step' },
  role: {
    candidate: 'The candidate',
    coach: 'The coach',
    supervisor: 'The site supervisor',
    pa: 'The Program Administrator',
    director: 'The director',
  },
  bounce: { bounce: 'Undeliverable (bounced)', complaint: 'Marked as spam (complaint)' },
  'goals.cpsel': Object.fromEntries(Object.keys(CPSEL_STANDARD_NAMES).map((k) => [k, cpselOption(k)])),
  rubric: RUBRIC_LEVEL_NAMES,
};

/**
 * A field's words. `label` is shown beside the control; `noun` finishes sentences such as "Enter
 * the …" (`{n}` is the row number in a list); `unit` follows numbers in messages; `hint` is
 * shown under the label.
 */
export interface TFieldWords {
  label: string;
  noun?: string;
  unit?: string;
  hint?: string;
}

/** Generic words by path (row numbers removed); `${type}.${path}` entries win for one event. */
export const FIELD_WORDS: Record<string, TFieldWords> = {
  date: { label: 'The day it happened', noun: 'date', hint: 'Leave blank for today.' },
  enrolledOn: { label: 'Enrolled on', noun: 'enrolment date', hint: 'Leave blank to use the day of admission.' },
  'coach.name': { label: "Coach's name", noun: "coach's name" },
  'coach.email': { label: "Coach's email address", noun: "coach's email address" },
  'supervisor.name': { label: "Site supervisor's name", noun: "site supervisor's name" },
  'supervisor.email': { label: "Site supervisor's email address", noun: "site supervisor's email address" },
  coach: { label: 'The coach' },
  supervisor: { label: 'The site supervisor' },
  window: { label: 'Assessment window', noun: 'assessment window' },
  rater: { label: 'Who is rating', noun: 'rater' },
  scores: { label: 'Rubric level for each CPSEL standard', hint: 'Use the Descriptions of Practice rubric.' },
  reflectionSubmitted: { label: 'The self-assessment reflection protocol is uploaded to the portfolio' },
  year: { label: 'Program year', noun: 'program year' },
  goals: { label: 'Three CPSEL goals', noun: 'goals', hint: 'Each goal names a different standard.' },
  'goals.cpsel': { label: 'CPSEL standard', noun: 'CPSEL standard for goal {n}' },
  'goals.goal': { label: 'Goal', noun: 'text of goal {n}' },
  'iipRevised.goals': { label: 'Revised goals', hint: 'Leave all three blank to keep the approved goals.' },
  reason: { label: 'Reason', noun: 'reason' },
  approver: { label: 'Approving as', noun: 'approver' },
  hours: { label: 'Hours', noun: 'hours', unit: 'hours', hint: 'e.g. 1.5 for an hour and a half.' },
  'coachingLogged.hours': {
    label: 'Coaching hours',
    noun: 'hours',
    unit: 'hours',
    hint: 'e.g. 1.5 for an hour and a half.',
  },
  'learningLogged.hours': {
    label: 'Professional learning hours',
    noun: 'hours',
    unit: 'hours',
    hint: 'e.g. 2 for a two-hour session.',
  },
  category: { label: 'Kind of learning', noun: 'kind of learning' },
  session: { label: 'Session number (1–14)', noun: 'session number' },
  subpar: { label: 'The work is below standard (subpar)' },
  lateAccepted: { label: 'Submitted late, and the instructor accepts it' },
  passed: { label: 'Did the portfolio pass the year-1 review?', noun: 'review result' },
  panelScores: {
    label: 'Panel scores',
    noun: 'panel scores',
    hint: 'One per reviewer; a panel has 2–3 reviewers. Leave a row blank if there was no third reviewer.',
  },
  medicalExemption: { label: 'Medical exemption (only with documented medical reasons)' },
  'medicalExemption.documented': { label: 'A medical exemption is documented' },
  'medicalExemption.note': { label: 'Note about the exemption', noun: 'note' },
  'actionPlanAgreed.goals': { label: 'Goals of the action plan', noun: 'goals', hint: 'One goal per line.' },
  revisedDeadlines: {
    label: 'Revised deadlines',
    noun: 'revised deadlines',
    hint: 'At least one. Give an item and its due date on each row you use; blank rows are ignored.',
  },
  'revisedDeadlines.item': { label: 'Item', noun: 'item of revised deadline {n}' },
  'revisedDeadlines.due': { label: 'Due date', noun: 'due date of revised deadline {n}' },
  agreedInWriting: { label: 'Was the plan agreed in writing with the candidate and coach?', noun: 'answer' },
  months: { label: 'Months', noun: 'months', unit: 'months' },
  'deferred.months': { label: 'Months of deferral (1–6)', noun: 'months', unit: 'months' },
  'extensionGranted.months': { label: 'Length of the extension', unit: 'months' },
  appealId: { label: 'Appeal reference (if any)', noun: 'appeal reference' },
  years: { label: 'Years of administrative experience', noun: 'years', unit: 'years' },
  document: { label: 'Credential document', noun: 'credential document' },
  step: { label: 'Step of the intervention', noun: 'step' },
  note: { label: 'Note', noun: 'note' },
  item: { label: 'Revised item', noun: 'item' },
  subject: { label: 'What the appeal is about', noun: 'subject of the appeal' },
  statement: { label: 'The appeal, in writing', noun: 'statement' },
  level: { label: 'Step of the appeal', noun: 'step of the appeal' },
  decision: { label: 'Decision', noun: 'decision' },
  'interventionNoted.note': { label: 'What was done', noun: 'note' },
  'withdrawn.reason': { label: 'Reason for withdrawal', noun: 'reason' },
  droppedForMissingWork: {
    label: 'The program drops the candidate for missing work (no refund), rather than the candidate leaving',
  },
  'deferred.reason': { label: 'Reason for the deferral', noun: 'reason' },
  'iipRevised.reason': { label: 'Why the IIP is revised', noun: 'reason' },
  milestoneId: {
    label: 'Milestone',
    noun: 'milestone',
    hint: 'The milestone id from the reminder, e.g. ilp-y1-inquiry-goal.',
  },
  'milestoneSubmitted.note': { label: 'Note (optional)', noun: 'note' },
  'contactCorrected.role': { label: 'Whose address', noun: 'person whose address it is' },
  'contactCorrected.email': {
    label: 'The correct email address',
    noun: 'email address',
    hint: 'Emails held while the old address bounced go out to this one.',
  },
};

/** The words of each recommendation-checklist item (handbook "Program completion verification"). */
export const CHECKLIST_WORDS: Record<string, string> = {
  'experienceVerified.hrLetter': 'The HR letter verifies at least two years in an administrative position',
  'coachVerified.checklistSigned': 'I signed the IIP checklist and sent it to the Program Administrator',
  'coachVerified.hoursConfirmed': 'I confirm the coaching and professional learning hours',
  'coachVerified.proficiencyConfirmed':
    'I confirm progress towards proficiency in the CPSELs (candidate, coach and site supervisor assessments)',
  'coachVerified.portfolioScoreConfirmed': 'I confirm the Digital Portfolio presentation earned a score of 3 or above',
  'candidateDocumentsSubmitted.coachingLogs': 'I uploaded my coaching logs to the Digital Portfolio',
  'candidateDocumentsSubmitted.learningLogs': 'I uploaded my professional learning logs to the Digital Portfolio',
  'candidateDocumentsSubmitted.programEvaluation': 'I uploaded the program evaluation to the Digital Portfolio',
  'candidateDocumentsSubmitted.portalAccount': 'I created my account on the Rossier Credential Portal',
  'candidateDocumentsSubmitted.pascOrCoe': 'I uploaded my PASC or Certificate of Eligibility',
  'candidateDocumentsSubmitted.hrLetter': 'I uploaded the HR letter verifying two years in an administrative position',
  'candidateDocumentsSubmitted.checklistSigned': 'I signed the final section of the IIP checklist',
  'candidateDocumentsSubmitted.crrSent':
    'I sent the Credential Recommendation Request (CRR) form to the Program Administrator',
  'paVerified.finalChecklistSigned':
    'I confirmed and signed the Final Checklist and uploaded it to the Credential Portal',
  'paVerified.hrLetterVerified': 'I verified the HR letter for administrative experience is signed and uploaded',
  'paVerified.pascVerified': 'I verified the PASC or Certificate of Eligibility is uploaded',
  'paVerified.crrCompleted': 'I completed the Credential Recommendation Request (CRR) form: READY to RECOMMEND to CTC',
  'recommendedToCtc.hrLetterApproved': 'I verified and approved the HR letter',
  'recommendedToCtc.credentialDocumentApproved': 'I verified and approved the credential document (PASC or COE)',
};

/** Legend of a checklist group (all the event's `z.literal(true)` items). */
export const CHECKLIST_LEGENDS: Partial<Record<TEventType, string>> = {
  coachVerified: 'Step 1 checklist (coach)',
  candidateDocumentsSubmitted: 'Step 2 checklist (candidate)',
  paVerified: 'Step 3 checklist (Program Administrator)',
  recommendedToCtc: 'Step 4 checklist (credentials office)',
};
