// Load and compute in one call, for the CLI, the API and the portal: the statuses of a scope, the
// program's policy (the one most of its candidates run under), and the one report function.
import { localDateOf } from '../../domain/calendar/dates';
import type { TCandidateStatus } from '../../domain/lifecycle/status';
import type { TProgramPolicy } from '../../domain/policy/policy';
import { programReport, type TProgramReport, type TReportScope } from '../../domain/report/program-report';
import type { TListScope } from '../auth/policy';
import { loadReportStatuses, type ReportLoaderDeps, type TLoadedStatuses } from './load';

/** The policy most of the cohort runs under (a cohort normally has one); the default when empty. */
export function cohortPolicy(
  statuses: readonly TCandidateStatus[],
  resolvePolicy: (id: string) => TProgramPolicy,
  fallbackId = 'rossier',
): TProgramPolicy {
  const counts = new Map<string, number>();
  for (const s of statuses) counts.set(s.policyId, (counts.get(s.policyId) ?? 0) + 1);
  const [id] = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0] ?? [fallbackId];
  return resolvePolicy(id);
}

export async function buildReport(
  deps: ReportLoaderDeps,
  scope: TReportScope,
  listScope: TListScope,
): Promise<{ report: TProgramReport; sources: TLoadedStatuses['sources'] }> {
  const { statuses, sources } = await loadReportStatuses(deps, scope, listScope);
  const policy = cohortPolicy(statuses, deps.resolvePolicy);
  const asOf = localDateOf((deps.now ?? Date.now)(), policy.timeZone);
  return { report: programReport(statuses, policy, scope, asOf), sources };
}
