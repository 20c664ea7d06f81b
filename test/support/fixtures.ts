// Sample people and candidates for tests. Names are fictional (from the seed scenarios).
import type { TCandidateStart, TCandidateStartInput } from '../../domain/lifecycle/candidate';
import { ZCandidateStart } from '../../domain/lifecycle/candidate';

let counter = 0;
export function uniqueId(prefix = 'c'): string {
  counter += 1;
  return `${prefix}${Date.now().toString(36)}${counter}`;
}

export function jamal(overrides: Partial<TCandidateStartInput> = {}): TCandidateStart {
  return ZCandidateStart.parse({
    programId: 'rossier',
    candidateId: uniqueId('jamal'),
    policyId: 'rossier',
    cohortStart: '2026-08-03',
    assignmentStart: '2026-06-15',
    candidate: { name: 'Jamal Jackson', email: 'jamal.jackson@example.org' },
    supervisor: { name: 'Dana Principal', email: 'dana.principal@example.org' },
    programAdministrator: { name: 'Dr. Tran', email: 'pa.tran@example.edu' },
    ...overrides,
  });
}

export const GLORIA = { name: 'Gloria Sharp', email: 'gloria.sharp@example.org' };
