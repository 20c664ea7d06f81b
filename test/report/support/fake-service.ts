// A candidate service over fixed statuses for the report tests: list() pages like visibility
// (program, cohort; closed runs included), status() answers like the `status` query, and keys in
// `gone` are listed but their query fails the way a workflow past retention does.
import type { TCandidateStatus } from '../../../domain/lifecycle/status';
import type { TCandidateFilter, TCandidatePage } from '../../../functions/visibility';
import type { TListScope } from '../../../functions/auth/policy';
import { ServiceError } from '../../../functions/candidates';
import { listItemOf } from '../../api/support/fake-candidates';

export function fakeReportService(statuses: TCandidateStatus[], { gone = [] as string[], pageSize = 4 } = {}) {
  const calls = { list: [] as TListScope[], status: [] as string[] };
  const byKey = new Map(statuses.map((s) => [s.key, s]));
  return {
    calls,
    async list(filter: TCandidateFilter, scope: TListScope): Promise<TCandidatePage> {
      calls.list.push(scope);
      const rows = statuses.filter(
        (s) =>
          (!filter.program || s.programId === filter.program) &&
          (filter.cohort === undefined || Number(s.cohortStart.slice(0, 4)) === filter.cohort) &&
          (scope.kind === 'program'
            ? !scope.programId || scope.programId === s.programId
            : scope.candidateKeys.includes(s.key)),
      );
      const start = Number(filter.pageToken ?? 0);
      const page = rows.slice(start, start + pageSize);
      return {
        candidates: page.map(listItemOf),
        nextPageToken: start + pageSize < rows.length ? String(start + pageSize) : null,
      };
    },
    async status(key: string): Promise<TCandidateStatus> {
      calls.status.push(key);
      const s = byKey.get(key);
      if (!s || gone.includes(key)) throw new ServiceError('notFound', `no candidate ${key}`);
      return s;
    },
  };
}

/** An in-memory archive store with the layout activities/archive.ts writes. */
export function memoryArchives(records: { key: string; date: string; record: unknown; source?: string }[]) {
  const files = new Map(
    records.map((r) => [
      `${r.key}/${r.date}${r.source ? `.${r.source}` : ''}.json`,
      JSON.stringify({
        schema: 'casc.archive/v1',
        candidateKey: r.key,
        source: r.source ?? 'candidate',
        archivedOn: r.date,
        record: r.record,
      }),
    ]),
  );
  return {
    async get(path: string) {
      return files.get(path);
    },
    async list(prefix = '') {
      return [...files.keys()].filter((p) => p.startsWith(prefix)).sort();
    },
  };
}
