// The five recommendation steps (R-REC-1…5), each with every field its owner confirms: the events
// the recommendation tests record, in order.
import type { TCandidateEvent } from '../../domain/events';

export const RECOMMENDATION_STEPS = {
  coachVerified: {
    type: 'coachVerified',
    checklistSigned: true,
    hoursConfirmed: true,
    proficiencyConfirmed: true,
    portfolioScoreConfirmed: true,
  },
  candidateDocumentsSubmitted: {
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
  paVerified: {
    type: 'paVerified',
    finalChecklistSigned: true,
    hrLetterVerified: true,
    pascVerified: true,
    crrCompleted: true,
  },
  recommendedToCtc: { type: 'recommendedToCtc', hrLetterApproved: true, credentialDocumentApproved: true },
  ctcStepsCompleted: { type: 'ctcStepsCompleted' },
} satisfies Record<string, TCandidateEvent>;
