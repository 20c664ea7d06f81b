// Roster import: the flat rows programs keep in a spreadsheet (CSV) or export as JSON. Every row is
// validated first and every problem reported by row and column; if any row is bad, nothing is
// started. Then each candidate is started; one that already exists is skipped, not an error, so an
// import can be re-run safely after a partial failure.
import { z } from 'zod';
import { candidateKey, ZCandidateStart, type TCandidateStart } from '../../domain/lifecycle/candidate';
import { parseCsv, CsvError } from './csv';

export const ROSTER_COLUMNS = [
  'programId',
  'candidateId',
  'policyId',
  'cohortStart',
  'assignmentStart',
  'enrolledOn',
  'candidateName',
  'candidateEmail',
  'coachName',
  'coachEmail',
  'supervisorName',
  'supervisorEmail',
  'paName',
  'paEmail',
  'districtId',
] as const;
export type TRosterColumn = (typeof ROSTER_COLUMNS)[number];
const REQUIRED: readonly TRosterColumn[] = [
  'programId',
  'candidateId',
  'cohortStart',
  'assignmentStart',
  'candidateName',
  'candidateEmail',
  'paName',
  'paEmail',
];

/** One roster row as JSON (for the OpenAPI document); optional columns may be blank. */
export const ZRosterRow = z.strictObject(
  Object.fromEntries(
    ROSTER_COLUMNS.map((c) => [c, REQUIRED.includes(c) ? z.string() : z.string().optional()]),
  ) as Record<TRosterColumn, z.ZodString>,
);

export interface TRosterIssue {
  /** 1-based position among the data rows (the first candidate is row 1); 0 for the header. */
  row: number;
  /** CSV only: the line the row starts on. */
  line?: number;
  field: string;
  message: string;
}

export interface TRawRosterRow {
  row: number;
  line?: number;
  values: Partial<Record<TRosterColumn, string>>;
}
export interface TValidRosterRow {
  row: number;
  line?: number;
  start: TCandidateStart;
}

export type TRosterRead<T> = { ok: true; rows: T[] } | { ok: false; errors: TRosterIssue[] };

export function rowsFromCsv(text: string): TRosterRead<TRawRosterRow> {
  let records;
  try {
    records = parseCsv(text);
  } catch (err) {
    if (err instanceof CsvError)
      return { ok: false, errors: [{ row: 0, line: err.line, field: '(csv)', message: err.message }] };
    throw err;
  }
  const [header, ...data] = records;
  if (!header) return { ok: false, errors: [{ row: 0, line: 1, field: '(csv)', message: 'the roster is empty' }] };
  const names = header.fields.map((f) => f.trim());
  const errors: TRosterIssue[] = [];
  names.forEach((n, i) => {
    if (!(ROSTER_COLUMNS as readonly string[]).includes(n))
      errors.push({
        row: 0,
        line: header.line,
        field: n || `(column ${i + 1})`,
        message: `unknown column; expected: ${ROSTER_COLUMNS.join(', ')}`,
      });
    else if (names.indexOf(n) !== i)
      errors.push({ row: 0, line: header.line, field: n, message: 'column appears twice' });
  });
  for (const c of REQUIRED)
    if (!names.includes(c)) errors.push({ row: 0, line: header.line, field: c, message: 'required column is missing' });
  const rows = data.map((r, i) => {
    if (r.fields.length !== names.length)
      errors.push({
        row: i + 1,
        line: r.line,
        field: '(row)',
        message: `has ${r.fields.length} fields; the header has ${names.length}`,
      });
    const values = Object.fromEntries(names.map((n, j) => [n, r.fields[j] ?? ''])) as TRawRosterRow['values'];
    return { row: i + 1, line: r.line, values };
  });
  if (rows.length === 0)
    errors.push({ row: 0, line: header.line, field: '(csv)', message: 'the roster has a header but no candidates' });
  return errors.length ? { ok: false, errors } : { ok: true, rows };
}

export function rowsFromJson(body: unknown): TRosterRead<TRawRosterRow> {
  if (!Array.isArray(body))
    return { ok: false, errors: [{ row: 0, field: '(body)', message: 'expected a JSON array of roster rows' }] };
  if (body.length === 0)
    return { ok: false, errors: [{ row: 0, field: '(body)', message: 'the roster has no candidates' }] };
  const errors: TRosterIssue[] = [];
  const rows = body.map((item: unknown, i): TRawRosterRow => {
    const row = i + 1;
    if (typeof item !== 'object' || item === null || Array.isArray(item)) {
      errors.push({ row, field: '(row)', message: 'expected an object of roster columns' });
      return { row, values: {} };
    }
    const values: TRawRosterRow['values'] = {};
    for (const [k, v] of Object.entries(item)) {
      if (!(ROSTER_COLUMNS as readonly string[]).includes(k))
        errors.push({ row, field: k, message: `unknown column; expected: ${ROSTER_COLUMNS.join(', ')}` });
      else if (typeof v === 'string' || typeof v === 'number') values[k as TRosterColumn] = String(v);
      else if (v !== null && v !== undefined) errors.push({ row, field: k, message: 'expected text' });
    }
    return { row, values };
  });
  return errors.length ? { ok: false, errors } : { ok: true, rows };
}

const PERSON_COLUMNS = {
  candidate: ['candidateName', 'candidateEmail'],
  coach: ['coachName', 'coachEmail'],
  supervisor: ['supervisorName', 'supervisorEmail'],
  programAdministrator: ['paName', 'paEmail'],
} as const;

function columnOf(path: PropertyKey[]): string {
  const [head, leaf] = path;
  if (typeof head === 'string' && head in PERSON_COLUMNS) {
    const [nameCol, emailCol] = PERSON_COLUMNS[head as keyof typeof PERSON_COLUMNS];
    return leaf === 'email' ? emailCol : nameCol;
  }
  return typeof head === 'string' ? head : '(row)';
}

/** Checks every row (shape, dates, emails, policy, duplicates) and says what is wrong where. */
export function validateRoster(
  raw: TRawRosterRow[],
  policyProblem: (policyId: string) => string | undefined,
  maxRows = Infinity,
): TRosterRead<TValidRosterRow> {
  if (raw.length > maxRows)
    return {
      ok: false,
      errors: [{ row: 0, field: '(roster)', message: `at most ${maxRows} rows per import; split the roster` }],
    };
  const errors: TRosterIssue[] = [];
  const seen = new Map<string, number>();
  const valid: TValidRosterRow[] = [];
  for (const { row, line, values } of raw) {
    const at = (field: string, message: string) =>
      errors.push({ row, ...(line !== undefined ? { line } : {}), field, message });
    const v = (c: TRosterColumn) => {
      const s = values[c]?.trim();
      return s ? s : undefined;
    };
    const missing = REQUIRED.filter((c) => v(c) === undefined);
    missing.forEach((c) => at(c, 'required'));
    const person = (name?: string, email?: string) =>
      name === undefined && email === undefined ? undefined : { name: name ?? '', email: email ?? '' };
    const parsed = ZCandidateStart.safeParse({
      programId: v('programId') ?? '',
      candidateId: v('candidateId') ?? '',
      policyId: v('policyId'),
      cohortStart: v('cohortStart') ?? '',
      assignmentStart: v('assignmentStart') ?? '',
      enrolledOn: v('enrolledOn'),
      candidate: person(v('candidateName'), v('candidateEmail')) ?? { name: '', email: '' },
      coach: person(v('coachName'), v('coachEmail')),
      supervisor: person(v('supervisorName'), v('supervisorEmail')),
      programAdministrator: person(v('paName'), v('paEmail')) ?? { name: '', email: '' },
      districtId: v('districtId'),
    });
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = columnOf(issue.path);
        if (!missing.includes(field as TRosterColumn) && !errors.some((e) => e.row === row && e.field === field))
          at(field, issue.message);
      }
      continue;
    }
    const problem = policyProblem(parsed.data.policyId);
    if (problem) at('policyId', problem);
    const key = candidateKey(parsed.data.programId, parsed.data.candidateId);
    const first = seen.get(key);
    if (first !== undefined) at('candidateId', `${key} already appears in row ${first}`);
    else seen.set(key, row);
    if (!problem && first === undefined)
      valid.push({ row, ...(line !== undefined ? { line } : {}), start: parsed.data });
  }
  return errors.length ? { ok: false, errors } : { ok: true, rows: valid };
}
