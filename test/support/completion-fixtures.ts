// A candidate record that meets every completion item (R-CMP-1…3) on the Rossier policy, for the
// completion, recommendation and handoff tests; each test breaks one thing. IIP goals carry a
// marker so tests can prove goal text never leaves the record (R-IIP-5).
import { ZCandidateStart } from '../../domain/lifecycle/candidate';
import type { TCpselScores } from '../../domain/lifecycle/cpsel';
import { completionReview, type TCompletionReview } from '../../domain/lifecycle/completion';
import { rossier } from '../../domain/policy/policy';
import { initialState, type TCandidateState } from '../../domain/lifecycle/state';
import type { TRecommendationInput } from '../../workflows/recommendation-messages';

export const GOAL_MARKER = 'SECRET-IIP-GOAL';
export const MEETS: TCpselScores = { cpsel1: 3, cpsel2: 3, cpsel3: 4, cpsel4: 3, cpsel5: 3, cpsel6: 3 };

const goals = (standards: ('cpsel1' | 'cpsel2' | 'cpsel3' | 'cpsel4' | 'cpsel5' | 'cpsel6')[]) =>
  standards.map((cpsel) => ({ cpsel, goal: `${GOAL_MARKER} ${cpsel}` }));
const yearHours = { coaching: 42, learning: { cpselSession: 14, jobAligned: 18, plc: 10, district: 21 } };

export function completeState(candidateId = 'jamal1'): TCandidateState {
  const start = ZCandidateStart.parse({
    programId: 'rossier',
    candidateId,
    cohortStart: '2026-08-03',
    assignmentStart: '2026-06-15',
    enrolledOn: '2026-06-20',
    candidate: { name: 'Jamal <b>Jackson</b>', email: 'jamal.jackson@example.org' },
    coach: { name: 'Gloria Sharp', email: 'gloria.sharp@example.org' },
    supervisor: { name: 'Dana Principal', email: 'dana.principal@example.org' },
    programAdministrator: { name: 'Dr. Tran', email: 'pa.tran@example.edu' },
    director: { name: 'Director Lee', email: 'director.lee@example.edu' },
  });
  const base = initialState(start);
  return {
    ...base,
    phase: 'completionReview',
    iip: {
      year1: {
        submittedOn: '2026-09-18',
        standards: ['cpsel1', 'cpsel2', 'cpsel3'],
        goals: goals(['cpsel1', 'cpsel2', 'cpsel3']),
        coachApprovedOn: '2026-09-25',
        supervisorApprovedOn: '2026-09-26',
        revisions: 0,
      },
      year2: {
        submittedOn: '2027-09-15',
        standards: ['cpsel4', 'cpsel5', 'cpsel6'],
        goals: goals(['cpsel4', 'cpsel5', 'cpsel6']),
        coachApprovedOn: '2027-09-22',
        supervisorApprovedOn: '2027-09-23',
        revisions: 0,
      },
    },
    assessments: (['candidate', 'coach', 'supervisor'] as const).flatMap((rater) => [
      { window: 'pre' as const, rater, scores: { ...MEETS, cpsel2: 2, cpsel5: 2 }, date: '2026-07-10' },
      { window: 'endYear1' as const, rater, scores: { ...MEETS, cpsel2: 2 }, date: '2027-05-12' },
      { window: 'startYear2' as const, rater, scores: MEETS, date: '2027-08-20' },
      { window: 'endYear2' as const, rater, scores: MEETS, date: '2028-05-10' },
    ]),
    hours: { year1: structuredClone(yearHours), year2: structuredClone(yearHours) },
    portfolio: {
      year1Review: { date: '2027-06-10', passed: true },
      presentations: [{ date: '2028-05-15', panelScores: [3, 4, 3], medicalExemption: false, passed: true }],
    },
    verification: {
      experience: { date: '2028-05-20', years: 2 },
      credential: { date: '2026-06-20', document: 'pasc' },
    },
  };
}

export const readyReview = (): TCompletionReview => completionReview(completeState(), rossier);

export const CREDENTIALS_OFFICE = { name: 'Rossier Credentials Office', email: 'credentials@example.edu' };

/** The child's input for the complete record (the parent builds the same from its state). */
export function recommendationInput(
  candidateId: string,
  completion: TCompletionReview = readyReview(),
): TRecommendationInput {
  const s = completeState(candidateId).start;
  return {
    candidateKey: `${s.programId}-${candidateId}`,
    people: {
      candidate: s.candidate,
      coach: s.coach,
      supervisor: s.supervisor,
      programAdministrator: s.programAdministrator,
      director: s.director,
    },
    policy: rossier,
    links: { portalUrl: 'http://127.0.0.1:8787' },
    completion,
    credentialsOffice: CREDENTIALS_OFFICE,
  };
}
