// The CSV export: one row per figure, and text a spreadsheet would run as a formula neutralised.
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { programReport } from '../../domain/report/program-report';
import { CSV_HEADER, escapeFormula, reportToCsv, reportToJson } from '../../functions/reports/export';
import { cohortStatuses, POLICY } from './cohort';

const REASONS = [
  '=HYPERLINK("http://evil.example","x")',
  '+1+1',
  '-2+3',
  '@SUM(A1:A2)',
  '\tTabbed',
  '\rReturn',
  'Moved, "far" away',
];

function reportWithReasons() {
  const statuses = cohortStatuses()
    .slice(0, REASONS.length)
    .map((s, i) => ({
      ...s,
      phase: 'withdrawn' as const,
      withdrawal: { date: '2027-01-10', reason: REASONS[i]!, refundEligible: false },
    }));
  return programReport(statuses, POLICY, { programId: 'rossier', cohortYear: 2026 }, '2028-12-01');
}

describe('report CSV export (issue 19)', () => {
  it('issue 19: a cell starting with =, +, -, @, tab or carriage return gets a leading apostrophe', () => {
    expect(REASONS.map(escapeFormula)).toEqual([
      `'=HYPERLINK("http://evil.example","x")`,
      "'+1+1",
      "'-2+3",
      "'@SUM(A1:A2)",
      "'\tTabbed",
      "'\rReturn",
      'Moved, "far" away',
    ]);
  });

  it('issue 19: withdrawal reasons typed by people are escaped in the file; quoting survives a round trip', () => {
    const csv = reportToCsv(reportWithReasons());
    const rows = parse(csv, { relax_column_count: false }) as string[][];
    expect(rows[0]).toEqual([...CSV_HEADER]);
    const reasons = rows.filter((r) => r[4] === 'withdrawals' && r[5] === 'byReason.count').map((r) => [r[6], r[7]]);
    expect(reasons).toEqual([
      ["'\tTabbed", '1'],
      ["'\rReturn", '1'],
      ["'+1+1", '1'],
      ["'-2+3", '1'],
      [`'=HYPERLINK("http://evil.example","x")`, '1'],
      ["'@SUM(A1:A2)", '1'],
      ['Moved, "far" away', '1'],
    ]);
    // No cell of any row starts with a formula character unescaped.
    expect(rows.flat().filter((c) => /^[=+\-@\t\r]/.test(c))).toEqual([]);
  });

  it('issue 19: one row per figure with program, cohort and the figure path; JSON is the whole report', () => {
    const report = programReport(cohortStatuses(), POLICY, { programId: 'rossier', cohortYear: 2026 }, '2028-12-01');
    const rows = parse(reportToCsv(report)) as string[][];
    const find = (section: string, figure: string, group = '') =>
      rows.find((r) => r[4] === section && r[5] === figure && r[6] === group)?.[7];
    expect(rows[1]).toEqual(['rossier', '2026', '', '2028-12-01', 'report', 'policyId', '', 'rossier']);
    expect(find('candidates', 'total')).toBe('10');
    expect(find('completion', 'onTimeRate')).toBe('0.5');
    expect(find('hours', 'year1.coaching.q1')).toBe('30');
    expect(find('cpselGrowth', 'byRater.meanGrowth', 'coach')).toBe('2');
    expect(find('cpselGrowth', 'byRater.meanGrowth', 'supervisor')).toBe('');
    expect(JSON.parse(reportToJson(report))).toEqual(report);
  });
});
