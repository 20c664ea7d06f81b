// The report's exports: JSON (the ZProgramReport document as is) and CSV, one row per figure, for
// spreadsheets. A text cell a spreadsheet would read as a formula (=, +, -, @, tab, carriage
// return first) gets a leading apostrophe: withdrawal reasons are typed by people (OWASP "CSV
// injection"). Numbers stay numbers.
import { stringify } from 'csv-stringify/sync';
import type { TProgramReport } from '../../domain/report/schema';

export const CSV_HEADER = ['program', 'cohort', 'district', 'asOf', 'section', 'figure', 'group', 'value'] as const;

/** Neutralises a cell a spreadsheet would evaluate. */
export function escapeFormula(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}

type TRow = [section: string, figure: string, group: string, value: number | string | null];

/** Arrays of labelled items become one row per item, grouped by their label, standard or rater. */
function rows(section: string, value: unknown, path: string[] = [], group = ''): TRow[] {
  if (value === null || typeof value !== 'object')
    return [[section, path.join('.'), group, value as number | string | null]];
  if (Array.isArray(value)) {
    return value.flatMap((item: Record<string, unknown>) => {
      const id = String(item.label ?? item.standard ?? item.rater ?? '');
      const rest = Object.fromEntries(
        Object.entries(item).filter(([k]) => !['label', 'standard', 'rater'].includes(k)),
      );
      return rows(section, rest, path, id);
    });
  }
  return Object.entries(value).flatMap(([k, v]) => rows(section, v, [...path, k], group));
}

export function reportRows(report: TProgramReport): TRow[] {
  const { schema: _s, programId: _p, cohortYear: _c, districtId: _d, asOf: _a, policyId, ...figures } = report;
  return [['report', 'policyId', '', policyId], ...Object.entries(figures).flatMap(([section, v]) => rows(section, v))];
}

export function reportToCsv(report: TProgramReport): string {
  const meta = [report.programId, report.cohortYear, report.districtId ?? '', report.asOf];
  const records = reportRows(report).map((r) =>
    [...meta, ...r].map((cell) => (typeof cell === 'string' ? escapeFormula(cell) : (cell ?? ''))),
  );
  return stringify([[...CSV_HEADER], ...records], { record_delimiter: '\r\n' });
}

export function reportToJson(report: TProgramReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

export const reportFileName = (report: TProgramReport, ext: 'csv' | 'json'): string =>
  `casc-report-${report.programId}-${report.cohortYear}${report.districtId ? `-${report.districtId}` : ''}-${report.asOf}.${ext}`;
