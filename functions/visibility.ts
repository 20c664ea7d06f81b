// Listing candidates through Temporal visibility: filters are parsed with zod into whitelisted
// values, and only those values (never raw input) are written into the query. Visibility holds no
// personal data (search-attributes.ts), so a list row is a key, phase, flags and next deadline.
import { createHash } from 'node:crypto';
import type { temporal } from '@temporalio/proto';
import { z } from 'zod';
import { ZPhase, type TFlag, type TPhase } from '../domain/lifecycle/state';
import type { TListScope } from './auth/policy';
import { ZProgramId } from '../domain/lifecycle/candidate';
import {
  CANDIDATE_WORKFLOW_TYPE,
  SA_COHORT_YEAR,
  SA_FLAGS,
  SA_NEXT_DEADLINE,
  SA_PHASE,
  SA_PROGRAM,
  workflowIdFor,
} from '../workflows/contract';

export const ZFlagName = z.enum(['earlyWarning', 'academicWatch', 'atRisk', 'deferred']);
export const ATTENTION_FLAGS: readonly TFlag[] = ['earlyWarning', 'academicWatch', 'atRisk'];

const commaList = <T extends z.ZodType<string, string>>(item: T, max: number) =>
  z
    .string()
    .max(400)
    .transform((s) =>
      s
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean),
    )
    .pipe(z.array(item).min(1).max(max));
const bool = z.enum(['true', 'false'], { error: "expected 'true' or 'false'" }).transform((v) => v === 'true');

/** The list filters as query-string parameters (GET /candidates, the dashboard, the CLI). */
export const ZCandidateFilter = z.strictObject({
  program: ZProgramId.optional().describe('program id (CascProgram)'),
  cohort: z
    .string()
    .regex(/^(19|20|21)\d{2}$/, { error: 'expected a cohort year like 2026' })
    .transform(Number)
    .optional()
    .describe('cohort year (CascCohortYear)'),
  phase: commaList(ZPhase, ZPhase.options.length).optional().describe('one phase or a comma list (any of)'),
  flag: commaList(ZFlagName, 4).optional().describe('one flag or a comma list (any of)'),
  overdue: bool.optional().describe('true: only candidates whose next deadline has passed (CascNextDeadline < now)'),
  needsAttention: bool.optional().describe('true: flagged earlyWarning/academicWatch/atRisk, or overdue'),
  pageSize: z
    .string()
    .regex(/^\d{1,3}$/, { error: 'expected a page size 1–100' })
    .transform(Number)
    .pipe(z.int().min(1).max(100))
    .optional(),
  pageToken: z
    .string()
    .max(4096)
    .regex(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/, { error: 'expected an opaque page token from nextPageToken' })
    .optional(),
});
export type TCandidateFilter = z.output<typeof ZCandidateFilter>;

export const DEFAULT_PAGE_SIZE = 25;

export interface TCandidateListItem {
  key: string;
  workflowId: string;
  programId: string | null;
  cohortYear: number | null;
  phase: TPhase | null;
  flags: TFlag[];
  /** End of the day of the earliest obligation still owed once its day passes (ISO instant; patch deadlines-owed), or null when none is open. */
  nextDeadline: string | null;
  overdue: boolean;
  executionStatus: string;
}

export interface TCandidatePage {
  candidates: TCandidateListItem[];
  nextPageToken: string | null;
}

const quote = (value: string): string => {
  // Every value is whitelisted by zod before it gets here; this is the last line of defence.
  if (!/^[A-Za-z0-9_.:-]+$/.test(value))
    throw new Error(`refusing to put ${JSON.stringify(value)} into a visibility query`);
  return `'${value}'`;
};
const inList = (values: readonly string[]) => `(${values.map(quote).join(', ')})`;

/** The visibility query for a filter within a scope, or undefined when the scope is empty. */
export function buildVisibilityQuery(
  filter: Omit<TCandidateFilter, 'pageSize' | 'pageToken'>,
  scope: TListScope,
  nowMs: number,
): string | undefined {
  const now = quote(new Date(nowMs).toISOString());
  const clauses = [`WorkflowType = ${quote(CANDIDATE_WORKFLOW_TYPE)}`, `ExecutionStatus != 'ContinuedAsNew'`];
  if (scope.kind === 'program' && scope.programId) clauses.push(`${SA_PROGRAM.name} = ${quote(scope.programId)}`);
  if (scope.kind === 'candidates') {
    if (scope.candidateKeys.length === 0) return undefined;
    clauses.push(`WorkflowId IN ${inList(scope.candidateKeys.map(workflowIdFor))}`);
  }
  if (filter.program) clauses.push(`${SA_PROGRAM.name} = ${quote(filter.program)}`);
  if (filter.cohort !== undefined) clauses.push(`${SA_COHORT_YEAR.name} = ${Number(filter.cohort)}`);
  if (filter.phase) clauses.push(`${SA_PHASE.name} IN ${inList(filter.phase)}`);
  if (filter.flag) clauses.push(`${SA_FLAGS.name} IN ${inList(filter.flag)}`);
  if (filter.overdue === true) clauses.push(`${SA_NEXT_DEADLINE.name} < ${now}`);
  if (filter.overdue === false)
    clauses.push(`(${SA_NEXT_DEADLINE.name} >= ${now} OR ${SA_NEXT_DEADLINE.name} IS NULL)`);
  if (filter.needsAttention)
    clauses.push(`(${SA_FLAGS.name} IN ${inList(ATTENTION_FLAGS)} OR ${SA_NEXT_DEADLINE.name} < ${now})`);
  return clauses.join(' AND ');
}

/**
 * Page tokens are Temporal's own, base64url, with a short checksum of the listing they belong to
 * (filters and scope, not the clock). A token from another listing, or a corrupted one, is a 400
 * here instead of an opaque error (and retries) inside the visibility store.
 */
function pageTokenCheck(tokenBytes: Uint8Array, listing: string): string {
  return createHash('sha256').update(listing).update(tokenBytes).digest('base64url').slice(0, 16);
}

export function listingOf(filter: TCandidateFilter, scope: TListScope): string {
  const { pageSize: _size, pageToken: _token, ...rest } = filter;
  return JSON.stringify([rest, scope]);
}

export function encodePageToken(bytes: Uint8Array | null | undefined, listing: string): string | null {
  if (!bytes || bytes.length === 0) return null;
  return `${Buffer.from(bytes).toString('base64url')}.${pageTokenCheck(bytes, listing)}`;
}

/** Temporal's token bytes, undefined for the first page, or 'invalid'. */
export function decodePageToken(token: string | undefined, listing: string): Buffer | undefined | 'invalid' {
  if (!token) return undefined;
  const [body = '', check] = token.split('.');
  const bytes = Buffer.from(body, 'base64url');
  return bytes.length > 0 && check === pageTokenCheck(bytes, listing) ? bytes : 'invalid';
}

const STATUS_NAMES: Record<number, string> = {
  1: 'running',
  2: 'completed',
  3: 'failed',
  4: 'canceled',
  5: 'terminated',
  6: 'continuedAsNew',
  7: 'timedOut',
};

export function listItemFromRaw(
  raw: temporal.api.workflow.v1.IWorkflowExecutionInfo,
  nowMs: number,
): TCandidateListItem {
  const fields = raw.searchAttributes?.indexedFields ?? {};
  const read = (name: string): unknown => {
    const payload = fields[name];
    if (!payload) return undefined;
    // Search attribute values are always plain JSON payloads (never run through a codec).
    if (!payload.data) return undefined;
    try {
      return JSON.parse(Buffer.from(payload.data).toString('utf8')) as unknown;
    } catch {
      return undefined;
    }
  };
  const workflowId = raw.execution?.workflowId ?? '';
  const phase = ZPhase.safeParse(read(SA_PHASE.name));
  const flags = z.array(ZFlagName).safeParse(read(SA_FLAGS.name));
  const deadline = read(SA_NEXT_DEADLINE.name);
  const nextDeadline =
    typeof deadline === 'string' && !Number.isNaN(Date.parse(deadline)) ? new Date(deadline).toISOString() : null;
  const program = read(SA_PROGRAM.name);
  const cohort = read(SA_COHORT_YEAR.name);
  return {
    key: workflowId.replace(/^candidate-/, ''),
    workflowId,
    programId: typeof program === 'string' ? program : null,
    cohortYear: typeof cohort === 'number' ? cohort : null,
    phase: phase.success ? phase.data : null,
    flags: flags.success ? flags.data : [],
    nextDeadline,
    overdue: nextDeadline !== null && Date.parse(nextDeadline) < nowMs,
    executionStatus: STATUS_NAMES[Number(raw.status ?? 0)] ?? 'unknown',
  };
}
