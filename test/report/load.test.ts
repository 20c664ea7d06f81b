// The report's loader never forgets anyone: closed workflows are queried like running ones, and a
// candidate whose workflow is past retention is read back from the archive its workflow wrote.
import { describe, expect, it } from 'vitest';
import { getBuiltinPolicy } from '../../domain/policy/policy';
import { loadReportStatuses } from '../../functions/reports/load';
import { buildReport } from '../../functions/reports/service';
import { AS_OF_MS, cohortStatuses, SPECS, stateOf } from './cohort';
import { fakeReportService, memoryArchives } from './support/fake-service';

const resolvePolicy = (id: string) => getBuiltinPolicy(id);
const SCOPE = { programId: 'rossier', cohortYear: 2026 };
const spec = (id: string) => SPECS.find((s) => s.id === id)!;

describe('report loader (issue 19)', () => {
  it('issue 19: every page of the listing is read, closed workflows included, other cohorts and programs not', async () => {
    const service = fakeReportService(cohortStatuses());
    const { statuses, sources } = await loadReportStatuses(
      { candidates: service, resolvePolicy, now: () => AS_OF_MS },
      SCOPE,
      { kind: 'program', programId: 'rossier' },
    );
    expect(statuses.map((s) => s.candidateId)).toEqual(['c0', 'c1', 'c2', 'c3', 'c4', 'c5', 'c6', 'c7', 'c8', 'c9']);
    expect(sources).toEqual({ workflows: 10, closedWorkflows: 6, archives: 0, unreadable: [] });
  });

  it('R-ADM-5: a withdrawn candidate past retention (not listed, or listed but gone) is read from the archive and counted', async () => {
    // c6 is no longer listed at all; c7 is listed but its query fails; both were archived.
    const live = cohortStatuses().filter((s) => s.candidateId !== 'c6');
    const service = fakeReportService(live, { gone: ['rossier-c7'] });
    const archives = memoryArchives([
      { key: 'rossier-c6', date: '2026-08-05', record: stateOf(spec('c6')) },
      { key: 'rossier-c7', date: '2027-01-10', record: stateOf(spec('c7')) },
      // The recommendation child's archive and another program's are not candidates of this report.
      { key: 'rossier-c7', date: '2027-01-10', source: 'recommendation', record: { outcome: 'x' } },
      { key: 'csula-z1', date: '2027-01-10', record: stateOf({ ...spec('c7'), program: 'csula', id: 'z1' }) },
    ]);
    const { statuses, sources } = await loadReportStatuses(
      { candidates: service, archives, resolvePolicy, now: () => AS_OF_MS },
      SCOPE,
      { kind: 'program', programId: 'rossier' },
    );
    expect(statuses.map((s) => s.candidateId).sort()).toEqual([
      'c0',
      'c1',
      'c2',
      'c3',
      'c4',
      'c5',
      'c6',
      'c7',
      'c8',
      'c9',
    ]);
    expect(sources).toEqual({ workflows: 8, closedWorkflows: 5, archives: 2, unreadable: [] });
    const { report } = await buildReport({ candidates: service, archives, resolvePolicy, now: () => AS_OF_MS }, SCOPE, {
      kind: 'program',
      programId: 'rossier',
    });
    expect(report.withdrawals).toMatchObject({ total: 2, refundEligible: 1, noRefund: 1 });
    expect(report.candidates.total).toBe(10);
  });

  it('issue 19: a listed candidate with neither an answer nor an archive is named as unreadable, not silently dropped', async () => {
    const service = fakeReportService(cohortStatuses(), { gone: ['rossier-c9'] });
    const { sources } = await loadReportStatuses({ candidates: service, resolvePolicy, now: () => AS_OF_MS }, SCOPE, {
      kind: 'program',
      programId: 'rossier',
    });
    expect(sources.unreadable).toEqual(['rossier-c9']);
  });
});

describe('report loader retries (issue 19)', () => {
  it('issue 19: a status query that fails for another reason than "not found" is asked again before the candidate is given up', async () => {
    const statuses = cohortStatuses();
    const service = fakeReportService(statuses);
    let asked = 0;
    const flaky = {
      ...service,
      status: async (key: string) =>
        key === 'rossier-c4' && ++asked <= 2 ? Promise.reject(new Error('query timed out')) : service.status(key),
    };
    const { statuses: loaded, sources } = await loadReportStatuses(
      { candidates: flaky, resolvePolicy, now: () => AS_OF_MS },
      SCOPE,
      { kind: 'program', programId: 'rossier' },
    );
    expect(loaded).toHaveLength(10);
    expect(sources.unreadable).toEqual([]);
    expect(asked).toBe(3); // two timeouts, then the answer
  });
});
