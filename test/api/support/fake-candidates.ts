// An in-memory candidate service for HTTP-level tests (role matrix, Lambda adapter): statuses are
// derived by the real domain code; list() honours the caller's scope the way the visibility query
// does, so a test can see which scope the app asked for.
import {
  candidateKey,
  ZCandidateStart,
  type TCandidateStart,
  type TCandidateStartInput,
} from '../../../domain/lifecycle/candidate';
import { getBuiltinPolicy } from '../../../domain/policy/policy';
import { initialState } from '../../../domain/lifecycle/state';
import { deriveStatus, type TCandidateStatus } from '../../../domain/lifecycle/status';
import type { TCandidateEvent } from '../../../domain/events';
import { ServiceError, type AppCandidateService } from '../../../functions/candidates';
import type { TListScope } from '../../../functions/auth/policy';
import type { TCandidateFilter, TCandidateListItem } from '../../../functions/visibility';

export const SECRET_GOAL = 'Rebuild family trust at Lincoln Elementary';
export const NOW = Date.parse('2026-11-20T18:00:00Z');

export function startFor(
  programId: string,
  candidateId: string,
  overrides: Partial<TCandidateStartInput> = {},
): TCandidateStart {
  return ZCandidateStart.parse({
    programId,
    candidateId,
    cohortStart: '2026-08-03',
    assignmentStart: '2026-06-15',
    enrolledOn: '2026-08-03',
    candidate: { name: `Candidate ${candidateId}`, email: `${candidateId}@example.org` },
    programAdministrator: { name: 'Dr. Tran', email: 'pa.tran@example.edu' },
    ...overrides,
  });
}

/** A status as the visibility listing shows it (closed phases are completed workflows). */
export const listItemOf = (s: TCandidateStatus): TCandidateListItem => ({
  key: s.key,
  workflowId: `candidate-${s.key}`,
  programId: s.programId,
  cohortYear: Number(s.cohortStart.slice(0, 4)),
  phase: s.phase,
  flags: [],
  nextDeadline: null,
  overdue: false,
  executionStatus: s.phase === 'cleared' || s.phase === 'withdrawn' ? 'completed' : 'running',
});

export type FakeCandidates = AppCandidateService & {
  events: { key: string; event: TCandidateEvent }[];
  started: TCandidateStart[];
};

export function fakeCandidates(initial: TCandidateStart[] = []): FakeCandidates {
  const statuses = new Map<string, TCandidateStatus>();
  const events: FakeCandidates['events'] = [];
  const started: TCandidateStart[] = [];
  const add = (start: TCandidateStart) => {
    const status = deriveStatus(initialState(start), getBuiltinPolicy(start.policyId), NOW);
    // Every fake candidate has a submitted year-1 IIP, so redaction has something to hide (R-IIP-5).
    status.iip = {
      ...status.iip,
      year1: {
        ...status.iip.year1,
        submittedOn: '2026-09-15',
        standards: ['cpsel1', 'cpsel2', 'cpsel3'],
        goals: [{ cpsel: 'cpsel1', goal: SECRET_GOAL }],
      },
    };
    statuses.set(status.key, status);
  };
  initial.forEach(add);

  const matching = (filter: Partial<TCandidateFilter>, scope: TListScope) =>
    [...statuses.values()].filter(
      (s) =>
        (scope.kind === 'program'
          ? !scope.programId || s.programId === scope.programId
          : scope.candidateKeys.includes(s.key)) &&
        (!filter.program || s.programId === filter.program) &&
        (!filter.phase || filter.phase.includes(s.phase)),
    );

  return {
    events,
    started,
    async start(start) {
      const key = candidateKey(start.programId, start.candidateId);
      if (statuses.has(key)) throw new ServiceError('conflict', `candidate ${key} already exists`);
      add(start);
      started.push(start);
      return { key, workflowId: `candidate-${key}`, runId: 'run-1' };
    },
    async status(key) {
      const s = statuses.get(key);
      if (!s) throw new ServiceError('notFound', `no candidate ${key}`);
      return structuredClone(s);
    },
    async tasks(key) {
      const s = statuses.get(key);
      if (!s) throw new ServiceError('notFound', `no candidate ${key}`);
      return { key, candidateName: s.people.candidate.name, tasks: structuredClone(s.tasks) };
    },
    async recordEvent(key, event) {
      const s = statuses.get(key);
      if (!s) throw new ServiceError('notFound', `no candidate ${key}`);
      if (event.type === 'admitted' && s.phase !== 'applicant')
        throw new ServiceError('conflict', `admission is not allowed in phase '${s.phase}'`);
      events.push({ key, event });
      return { accepted: true, type: event.type, date: event.date ?? '2026-11-20', phase: s.phase };
    },
    async list(filter, scope) {
      return { candidates: matching(filter, scope).map(listItemOf), nextPageToken: null };
    },
    async count(filter, scope) {
      return matching(filter, scope).length;
    },
    policyProblem(policyId) {
      try {
        getBuiltinPolicy(policyId);
        return undefined;
      } catch (err) {
        return (err as Error).message;
      }
    },
  };
}
