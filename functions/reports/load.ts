// The report's data loader: every candidate of a program and cohort, so a report never forgets
// anyone. Running and recently closed workflows come from visibility (the listing keeps closed
// runs for the namespace's retention period) and their `status` query (a closed workflow answers it
// from its final state while a worker serves the queue). Past retention the workflow is gone, but
// its last act was to archive the whole record (activities/archive.ts), which is read back here and
// turned into the same status by the same domain code.
import { z } from 'zod';
import type { ObjectStore } from '../../activities/object-store';
import { ZCandidateState } from '../../domain/lifecycle/state';
import { deriveStatus, type TCandidateStatus } from '../../domain/lifecycle/status';
import type { TProgramPolicy } from '../../domain/policy/policy';
import { inReportScope, type TReportScope } from '../../domain/report/program-report';
import type { TListScope } from '../auth/policy';
import { ServiceError, type CandidateService } from '../candidates';

export interface ReportLoaderDeps {
  candidates: Pick<CandidateService, 'list' | 'status'>;
  /** The archive store (local folder or S3 prefix) the worker's archive activity writes to; optional. */
  archives?: Pick<ObjectStore, 'get' | 'list'>;
  resolvePolicy: (policyId: string) => TProgramPolicy;
  now?: () => number;
  /** Status queries in flight at once (default 16: 32 halved a 500-candidate load on the dev server, bench/RESULTS.md, but each holds one of the worker's ~40 workflow-task slots). */
  concurrency?: number;
}

export interface TLoadedStatuses {
  statuses: TCandidateStatus[];
  /** Where they came from: live or closed workflows (query) and archives past retention. */
  sources: { workflows: number; closedWorkflows: number; archives: number; unreadable: string[] };
}

const ZArchive = z.object({
  schema: z.literal('casc.archive/v1'),
  candidateKey: z.string(),
  source: z.string().optional(),
  record: ZCandidateState,
});

/** The latest candidate archive of each key under `<programId>-` (not the recommendation child's). */
async function readArchives(
  store: Pick<ObjectStore, 'get' | 'list'>,
  programId: string,
): Promise<Map<string, z.infer<typeof ZCandidateState>>> {
  const latest = new Map<string, string>();
  for (const path of await store.list(`${programId}-`)) {
    const m = /^([^/]+)\/(\d{4}-\d{2}-\d{2})\.json$/.exec(path);
    if (m && (latest.get(m[1]!) ?? '') < path) latest.set(m[1]!, path);
  }
  const out = new Map<string, z.infer<typeof ZCandidateState>>();
  for (const [key, path] of latest) {
    const body = await store.get(path);
    const parsed = body === undefined ? undefined : ZArchive.safeParse(JSON.parse(body));
    if (parsed?.success) out.set(key, parsed.data.record);
  }
  return out;
}

async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/**
 * A query that times out on a busy worker is asked again (twice); "not found" is final — the
 * workflow is past retention and its archive stands in.
 */
async function statusWithRetry(
  candidates: ReportLoaderDeps['candidates'],
  key: string,
  attempts = 3,
): Promise<TCandidateStatus> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await candidates.status(key);
    } catch (err) {
      if (attempt >= attempts || (err instanceof ServiceError && err.kind === 'notFound')) throw err;
    }
  }
}

export async function loadReportStatuses(
  deps: ReportLoaderDeps,
  scope: TReportScope,
  listScope: TListScope,
): Promise<TLoadedStatuses> {
  const now = deps.now ?? Date.now;
  const keys: { key: string; closed: boolean }[] = [];
  let pageToken: string | undefined;
  do {
    const page = await deps.candidates.list(
      { program: scope.programId, cohort: scope.cohortYear, pageSize: 100, ...(pageToken ? { pageToken } : {}) },
      listScope,
      now(),
    );
    keys.push(...page.candidates.map((c) => ({ key: c.key, closed: c.executionStatus !== 'running' })));
    pageToken = page.nextPageToken ?? undefined;
  } while (pageToken);

  const archived = deps.archives
    ? await readArchives(deps.archives, scope.programId)
    : new Map<string, z.infer<typeof ZCandidateState>>();
  const fromArchive = (record: z.infer<typeof ZCandidateState>): TCandidateStatus | undefined => {
    try {
      return deriveStatus(record, deps.resolvePolicy(record.start.policyId), now());
    } catch {
      return undefined;
    }
  };

  const unreadable: string[] = [];
  let fallbacks = 0;
  const live = await mapLimit(keys, deps.concurrency ?? 16, async ({ key }) => {
    try {
      return await statusWithRetry(deps.candidates, key);
    } catch {
      // A closed workflow whose history is gone (or no worker to answer): its archive stands in.
      const record = archived.get(key);
      const status = record ? fromArchive(record) : undefined;
      if (status) fallbacks++;
      else unreadable.push(key);
      return status;
    }
  });
  const statuses = live.filter((s): s is TCandidateStatus => s !== undefined);
  let archives = fallbacks;
  const seen = new Set(statuses.map((s) => s.key));
  // Archived candidates visibility no longer lists (past retention), in the caller's scope.
  for (const [key, record] of archived) {
    if (seen.has(key)) continue;
    if (listScope.kind === 'candidates' && !listScope.candidateKeys.includes(key)) continue;
    if (
      listScope.kind === 'program' &&
      listScope.programId !== undefined &&
      listScope.programId !== record.start.programId
    )
      continue;
    const status = fromArchive(record);
    if (status && inReportScope(status, scope)) {
      statuses.push(status);
      archives++;
    }
  }
  return {
    statuses,
    sources: {
      workflows: keys.length - unreadable.length - fallbacks,
      closedWorkflows: keys.filter((k) => k.closed).length,
      archives,
      unreadable,
    },
  };
}
