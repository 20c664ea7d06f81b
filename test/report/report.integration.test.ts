// Through the real pieces (dev server, local SES, the project's worker): candidates are started, one
// withdraws and its workflow closes, and the report — from the loader, and from the spawned CLI
// through a pipe — still counts them; once archived, the record alone is enough.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalObjectStore } from '../../activities/object-store';
import { addDays, localDateOf } from '../../domain/calendar/dates';
import { getBuiltinPolicy } from '../../domain/policy/policy';
import { ZProgramReport } from '../../domain/report/schema';
import { createCandidateService, ServiceError, type CandidateService } from '../../functions/candidates';
import { buildReport } from '../../functions/reports/service';
import { runCli } from '../cli/run-cli';
import { startDevStack, type DevStack } from '../support/dev-stack';
import { eventually } from '../support/eventually';
import { uniqueId } from '../support/fixtures';

// Without quiet hours the withdrawal's confirmation goes out at once, so the workflow closes at any time of day.
const resolvePolicy = (id: string) => ({
  ...getBuiltinPolicy(id),
  notifications: { ...getBuiltinPolicy(id).notifications, quietHours: null },
});
const PROGRAM = uniqueId('rpt').toLowerCase();
const today = () => localDateOf(Date.now(), 'America/Los_Angeles');
let stack: DevStack;
let service: CandidateService;

beforeAll(async () => {
  stack = await startDevStack();
  service = createCandidateService({
    client: stack.env.client,
    taskQueue: stack.taskQueue,
    portalUrl: 'http://127.0.0.1:8787',
    resolvePolicy,
  });
  for (const id of ['ana', 'ben', 'cy']) {
    await service.start({
      programId: PROGRAM,
      candidateId: id,
      policyId: 'rossier',
      cohortStart: '2026-08-03',
      assignmentStart: addDays(today(), -20),
      enrolledOn: addDays(today(), -10),
      districtId: 'lausd',
      candidate: { name: `Candidate ${id}`, email: `${id}@example.org` },
      programAdministrator: { name: 'Dr. Tran', email: 'pa.tran@example.edu' },
    });
  }
  await service.recordEvent(`${PROGRAM}-cy`, { type: 'withdrawn', reason: 'Took a position out of state' });
});
afterAll(async () => {
  await stack?.stop();
});

describe('program report on the dev server (issue 19)', () => {
  it('R-ADM-5: a withdrawn candidate whose workflow has closed is counted, from its final state and later from its archive', async () => {
    const closed = await eventually(
      async () => ((await service.handle(`${PROGRAM}-cy`).describe()).status.name === 'COMPLETED' ? true : undefined),
      45_000,
    );
    expect(closed).toBe(true);
    const deps = {
      candidates: service,
      archives: createLocalObjectStore(join(stack.dataDir, 'archives')),
      resolvePolicy,
    };
    const scope = { programId: PROGRAM, cohortYear: 2026 };
    // Visibility is eventually consistent: wait until it lists the closed run too.
    const { report, sources } = await eventually(async () => {
      const built = await buildReport(deps, scope, { kind: 'program', programId: PROGRAM });
      return built.sources.closedWorkflows === 1 && built.report.candidates.total === 3 ? built : undefined;
    }, 45_000);
    expect(sources).toEqual({ workflows: 3, closedWorkflows: 1, archives: 0, unreadable: [] });
    // The cohort started on 2026-08-03, so the two who stay are in year 1.
    expect(report.candidates.byPhase).toMatchObject({ year1: 2, withdrawn: 1 });
    expect(report.withdrawals).toEqual({
      total: 1,
      refundEligible: 0,
      noRefund: 1,
      byReason: [{ label: 'Took a position out of state', count: 1 }],
      rate: 0.3333,
    });

    // Past retention the query fails; the archive the workflow wrote stands in for it.
    const forgetful = {
      ...service,
      status: async (key: string) =>
        key === `${PROGRAM}-cy` ? Promise.reject(new ServiceError('notFound', 'gone')) : service.status(key),
    };
    const later = await buildReport({ ...deps, candidates: forgetful }, scope, { kind: 'program', programId: PROGRAM });
    expect(later.sources).toEqual({ workflows: 2, closedWorkflows: 1, archives: 1, unreadable: [] });
    expect(later.report.withdrawals.byReason).toEqual([{ label: 'Took a position out of state', count: 1 }]);
  });

  it('issue 19: casc report --format json through a pipe prints the whole report, then exits 0; csv too', async () => {
    const env = {
      TEMPORAL_ADDRESS: stack.env.address,
      TEMPORAL_NAMESPACE: 'default',
      CASC_TASK_QUEUE: stack.taskQueue,
      CASC_DATA_DIR: stack.dataDir,
    };
    const [json, csv] = await Promise.all([
      runCli(['report', '--program', PROGRAM, '--cohort', '2026', '--format', 'json'], env),
      runCli(['report', '--program', PROGRAM, '--cohort', '2026', '--format', 'csv'], env),
    ]);
    expect([json.code, json.stderr]).toEqual([0, '']);
    const report = ZProgramReport.parse(JSON.parse(json.stdout));
    expect(report.candidates.total).toBe(3);
    expect(report.withdrawals.total).toBe(1);
    expect(csv.code).toBe(0);
    expect(csv.stdout.split('\r\n')[0]).toBe('program,cohort,district,asOf,section,figure,group,value');
    expect(csv.stdout).toContain(`${PROGRAM},2026,,${report.asOf},withdrawals,total,,1`);
  });
});
