// A valid event of every type, as a portal form body and as the exact event it must give: shared by
// the forms tests and the API's role × event-type matrix.
import type { TCandidateEvent, TEventType } from '../../domain/events';
import type { TCpselStandard } from '../../domain/lifecycle/cpsel';

const goal = (cpsel: TCpselStandard, text: string) => ({ cpsel, goal: text });

/** A valid urlencoded body per event type (as the PA submits it) and the exact event it must give. */
export const VALID: Record<TEventType, { body: Record<string, string>; event: TCandidateEvent }> = {
  admitted: { body: { enrolledOn: '2026-08-17' }, event: { type: 'admitted', enrolledOn: '2026-08-17' } },
  coachAssigned: {
    body: { 'coach.name': 'Dana Ruiz', 'coach.email': 'dana.ruiz@district.org' },
    event: { type: 'coachAssigned', coach: { name: 'Dana Ruiz', email: 'dana.ruiz@district.org' } },
  },
  supervisorAssigned: {
    body: { 'supervisor.name': ' Lee Park ', 'supervisor.email': ' lee.park@school.org ' },
    event: { type: 'supervisorAssigned', supervisor: { name: 'Lee Park', email: 'lee.park@school.org' } },
  },
  orientationAttended: { body: { date: '2026-09-03' }, event: { type: 'orientationAttended', date: '2026-09-03' } },
  assessmentSubmitted: {
    body: {
      window: 'endYear1',
      rater: 'coach',
      'scores.cpsel1': '3',
      'scores.cpsel2': '2',
      'scores.cpsel3': '4',
      'scores.cpsel4': '1',
      'scores.cpsel5': '3',
      'scores.cpsel6': '3',
      reflectionSubmitted: 'yes',
    },
    event: {
      type: 'assessmentSubmitted',
      window: 'endYear1',
      rater: 'coach',
      scores: { cpsel1: 3, cpsel2: 2, cpsel3: 4, cpsel4: 1, cpsel5: 3, cpsel6: 3 },
      reflectionSubmitted: true,
    },
  },
  iipSubmitted: {
    body: {
      year: '1',
      'goals.0.cpsel': 'cpsel2',
      'goals.0.goal': 'Weekly walkthroughs',
      'goals.1.cpsel': 'cpsel4',
      'goals.1.goal': 'Family nights',
      'goals.2.cpsel': 'cpsel6',
      'goals.2.goal': 'Board policy brief',
    },
    event: {
      type: 'iipSubmitted',
      year: 1,
      goals: [
        goal('cpsel2', 'Weekly walkthroughs'),
        goal('cpsel4', 'Family nights'),
        goal('cpsel6', 'Board policy brief'),
      ],
    },
  },
  iipApproved: {
    body: { year: '2', approver: 'supervisor' },
    event: { type: 'iipApproved', year: 2, approver: 'supervisor' },
  },
  iipRevised: {
    body: { year: '1', reason: 'Benchmark results', 'goals.0.goal': '', 'goals.1.cpsel': '' },
    event: { type: 'iipRevised', year: 1, reason: 'Benchmark results' },
  },
  coachingLogged: {
    body: { hours: '1.5', date: '2026-12-02' },
    event: { type: 'coachingLogged', hours: 1.5, date: '2026-12-02' },
  },
  learningLogged: {
    body: { hours: '2', category: 'jobAligned' },
    event: { type: 'learningLogged', hours: 2, category: 'jobAligned' },
  },
  assignmentSubmitted: {
    body: { session: '3', lateAccepted: 'yes' },
    event: { type: 'assignmentSubmitted', session: 3, lateAccepted: true },
  },
  portfolioReviewed: { body: { passed: 'yes' }, event: { type: 'portfolioReviewed', year: 1, passed: true } },
  portfolioPresented: {
    body: { 'panelScores.0': '3', 'panelScores.1': '', 'panelScores.2': '4' },
    event: { type: 'portfolioPresented', panelScores: [3, 4] },
  },
  actionPlanAgreed: {
    body: {
      goals: 'Submit session 4 work\r\n\r\n  Meet the coach weekly  \r\n',
      'revisedDeadlines.0.item': '',
      'revisedDeadlines.0.due': '',
      'revisedDeadlines.1.item': 'Session 4 assignment',
      'revisedDeadlines.1.due': '2027-01-15',
      agreedInWriting: 'yes',
    },
    event: {
      type: 'actionPlanAgreed',
      goals: ['Submit session 4 work', 'Meet the coach weekly'],
      revisedDeadlines: [{ item: 'Session 4 assignment', due: '2027-01-15' }],
      agreedInWriting: true,
    },
  },
  deferred: {
    body: { months: '3', reason: 'Family leave' },
    event: { type: 'deferred', months: 3, reason: 'Family leave' },
  },
  extensionGranted: {
    body: { months: '6', appealId: 'APL-7' },
    event: { type: 'extensionGranted', months: 12, appealId: 'APL-7' },
  },
  withdrawn: { body: { reason: 'Moved out of state' }, event: { type: 'withdrawn', reason: 'Moved out of state' } },
  experienceVerified: {
    body: { hrLetter: 'yes', years: '2.5' },
    event: { type: 'experienceVerified', hrLetter: true, years: 2.5 },
  },
  credentialVerified: { body: { document: 'coe' }, event: { type: 'credentialVerified', document: 'coe' } },
  coachVerified: {
    body: {
      checklistSigned: 'yes',
      hoursConfirmed: 'yes',
      proficiencyConfirmed: 'yes',
      portfolioScoreConfirmed: 'yes',
    },
    event: {
      type: 'coachVerified',
      checklistSigned: true,
      hoursConfirmed: true,
      proficiencyConfirmed: true,
      portfolioScoreConfirmed: true,
    },
  },
  candidateDocumentsSubmitted: {
    body: {
      coachingLogs: 'yes',
      learningLogs: 'yes',
      programEvaluation: 'yes',
      portalAccount: 'yes',
      pascOrCoe: 'yes',
      hrLetter: 'yes',
      checklistSigned: 'yes',
      crrSent: 'yes',
    },
    event: {
      type: 'candidateDocumentsSubmitted',
      coachingLogs: true,
      learningLogs: true,
      programEvaluation: true,
      portalAccount: true,
      pascOrCoe: true,
      hrLetter: true,
      checklistSigned: true,
      crrSent: true,
    },
  },
  paVerified: {
    body: { finalChecklistSigned: 'yes', hrLetterVerified: 'yes', pascVerified: 'yes', crrCompleted: 'yes' },
    event: {
      type: 'paVerified',
      finalChecklistSigned: true,
      hrLetterVerified: true,
      pascVerified: true,
      crrCompleted: true,
    },
  },
  recommendedToCtc: {
    body: { hrLetterApproved: 'yes', credentialDocumentApproved: 'yes' },
    event: { type: 'recommendedToCtc', hrLetterApproved: true, credentialDocumentApproved: true },
  },
  ctcStepsCompleted: { body: {}, event: { type: 'ctcStepsCompleted' } },
  interventionNoted: {
    body: { step: 'resubmissionInvited', note: 'Invited to redo session 2' },
    event: { type: 'interventionNoted', step: 'resubmissionInvited', note: 'Invited to redo session 2' },
  },
  revisedItemCompleted: {
    body: { item: 'Session 4 assignment' },
    event: { type: 'revisedItemCompleted', item: 'Session 4 assignment' },
  },
  watchClosed: { body: { note: '' }, event: { type: 'watchClosed' } },
  watchExtended: {
    body: {
      'revisedDeadlines.0.item': 'Session 5 assignment',
      'revisedDeadlines.0.due': '2027-02-01',
      'revisedDeadlines.3.item': 'Session 6 assignment',
      'revisedDeadlines.3.due': '2027-03-01',
    },
    event: {
      type: 'watchExtended',
      revisedDeadlines: [
        { item: 'Session 5 assignment', due: '2027-02-01' },
        { item: 'Session 6 assignment', due: '2027-03-01' },
      ],
    },
  },
  appealFiled: {
    body: { subject: 'extension', statement: 'I ask for more time.' },
    event: { type: 'appealFiled', subject: 'extension', statement: 'I ask for more time.' },
  },
  appealDecided: {
    body: { level: 'director', decision: 'escalated' },
    event: { type: 'appealDecided', level: 'director', decision: 'escalated' },
  },
  milestoneSubmitted: {
    body: { milestoneId: ' ilp-y1-inquiry-goal ', note: 'Cells 1–4 reviewed with the coach' },
    event: {
      type: 'milestoneSubmitted',
      milestoneId: 'ilp-y1-inquiry-goal',
      note: 'Cells 1–4 reviewed with the coach',
    },
  },
  emailBounced: {
    body: { role: 'coach', bounce: 'bounce', sesMessageId: '0100018c-bounce-1' },
    event: { type: 'emailBounced', role: 'coach', bounce: 'bounce', sesMessageId: '0100018c-bounce-1' },
  },
  contactCorrected: {
    body: { role: 'coach', email: ' dana.ruiz@district.org ' },
    event: { type: 'contactCorrected', role: 'coach', email: 'dana.ruiz@district.org' },
  },
};
