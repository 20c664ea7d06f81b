// casc roster import FILE: the same validation and import as POST /roster, straight to Temporal.
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { importRoster } from '../../functions/roster/import';
import {
  ROSTER_COLUMNS,
  rowsFromCsv,
  rowsFromJson,
  validateRoster,
  type TRosterIssue,
} from '../../functions/roster/roster';
import { CliFailure, parse, print, table, UsageError } from './args';
import type { CliContext } from './context';
import { progressBar } from './progress';

export const ROSTER_HELP = `usage: casc roster import FILE [--json] [--concurrency N]

Imports a roster (.csv with a header row, or .json: an array of objects) and starts one workflow
per candidate. Every row is checked first; if any row is bad, every problem is listed by row and
column and nothing is started. Candidates that already exist are skipped, so a re-run is safe.

columns: ${ROSTER_COLUMNS.join(', ')}
  (required: programId, candidateId, cohortStart, assignmentStart, candidateName, candidateEmail, paName, paEmail)

  --json            print the report as JSON
  --concurrency N   workflow starts in flight (default 4, at most 32)
  -h, --help        this text

exit codes: 0 imported · 1 invalid roster or some starts failed · 2 usage`;

const issueLine = (e: TRosterIssue) =>
  `  row ${e.row}${e.line !== undefined ? ` (line ${e.line})` : ''}, ${e.field}: ${e.message}`;

export async function rosterCommand(argv: string[], ctx: CliContext): Promise<void> {
  const { values, positionals } = parse(
    argv,
    { json: { type: 'boolean' }, concurrency: { type: 'string' } },
    ROSTER_HELP,
  );
  if (values.help) return print(false, null, () => ROSTER_HELP);
  const [sub, file, ...extra] = positionals;
  if (sub !== 'import')
    throw new UsageError(sub ? `unknown roster command '${sub}'` : 'missing command: roster import FILE', ROSTER_HELP);
  if (!file) throw new UsageError('missing FILE', ROSTER_HELP);
  if (extra.length) throw new UsageError(`unexpected argument '${extra[0]}'`, ROSTER_HELP);
  const concurrency = values.concurrency === undefined ? 4 : Number(values.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 32)
    throw new UsageError('--concurrency must be a whole number 1–32', ROSTER_HELP);

  const ext = extname(file).toLowerCase();
  if (ext !== '.csv' && ext !== '.json')
    throw new UsageError(`cannot tell the format of ${file}: use a .csv or .json file`, ROSTER_HELP);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new CliFailure(`cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  let read;
  if (ext === '.csv') read = rowsFromCsv(text);
  else {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (err) {
      throw new CliFailure(`${file} is not valid JSON: ${(err as Error).message}`);
    }
    read = rowsFromJson(json);
  }
  const checked = read.ok ? validateRoster(read.rows, ctx.policyProblem) : read;
  if (!checked.ok) {
    if (values.json)
      print(true, { error: 'the roster has errors; nothing was started', errors: checked.errors }, () => '');
    throw new CliFailure(
      `${file}: the roster has ${checked.errors.length} problem(s); nothing was started`,
      checked.errors.map(issueLine),
    );
  }

  const service = await ctx.candidates();
  const bar = progressBar('importing')(checked.rows.length);
  const report = await importRoster(checked.rows, {
    start: service.start,
    concurrency,
    onProgress: (d, t) => bar.update(d, t),
  });
  bar.finish();
  print(values.json, report, () =>
    [
      `${report.total} row(s): ${report.started} started, ${report.skipped} skipped (already exist), ${report.failed} failed`,
      table(
        ['ROW', 'KEY', 'RESULT', 'REASON'],
        report.rows.map((r) => [String(r.row), r.key, r.result, r.reason ?? '']),
      ),
    ].join('\n'),
  );
  if (report.failed > 0)
    throw new CliFailure(
      `${report.failed} start(s) failed; re-running the import is safe (existing candidates are skipped)`,
    );
}
