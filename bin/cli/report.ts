// casc report --program P --cohort Y: the program report (issue 19) as a summary, CSV or JSON,
// computed by the same function as the portal's pages, over every candidate including closed and
// archived ones.
import { join } from 'node:path';
import { z } from 'zod';
import { ZProgramId } from '../../domain/lifecycle/candidate';
import type { TProgramReport } from '../../domain/report/schema';
import { parse, print, UsageError, validate } from './args';
import type { CliContext } from './context';

export const REPORT_HELP = `usage: casc report --program ID --cohort YEAR [--district ID] [--format text|csv|json]

The program report: candidates by phase, completion on time and late, extensions, deferrals,
withdrawals, early warning and academic watch, hours (distribution against the requirement), CPSEL
growth, panel pass rate, panel-to-recommendation days, CTC lapses, email delivery problems.
Closed and archived candidates are included (archives are read from CASC_DATA_DIR/archives).

  --program ID      program id (required)
  --cohort YEAR     cohort year, e.g. 2026 (required)
  --district ID     only this partner district's candidates
  --format F        text (default, a summary), csv or json
  -h, --help        this text

exit codes: 0 ok · 1 Temporal unreachable · 2 usage`;

const ZReportArgs = z.strictObject({
  program: ZProgramId,
  cohort: z
    .string({ error: 'expected --cohort YEAR' })
    .regex(/^(19|20|21)\d{2}$/, { error: 'expected a cohort year like 2026' })
    .transform(Number),
  district: z
    .string()
    .regex(/^[a-z0-9_-]{1,40}$/, { error: 'expected a district id: lowercase letters, digits, _ or -' })
    .optional(),
  format: z.enum(['text', 'csv', 'json'], { error: 'expected --format text, csv or json' }).default('text'),
});

const pct = (r: number | null) => (r === null ? '-' : `${Math.round(r * 1000) / 10} %`);

export function reportSummary(r: TProgramReport): string {
  const h = r.hours;
  const dist = (d: TProgramReport['hours']['year1']['coaching']) =>
    d.count
      ? `min ${d.min} · q1 ${d.q1} · median ${d.median} · q3 ${d.q3} · max ${d.max} (${d.belowRequirement} of ${d.count} below ${d.required})`
      : 'nobody yet';
  return [
    `${r.programId} cohort ${r.cohortYear}${r.districtId ? `, district ${r.districtId}` : ''} — as of ${r.asOf} (policy ${r.policyId})`,
    `candidates: ${r.candidates.total} (${
      Object.entries(r.candidates.byPhase)
        .filter(([, n]) => n > 0)
        .map(([p, n]) => `${p} ${n}`)
        .join(', ') || 'none'
    }); closed ${r.candidates.closed}`,
    `completion: ${r.completion.completed} (on time ${r.completion.onTime}, late ${r.completion.late}; on-time rate ${pct(r.completion.onTimeRate)}); past target ${r.completion.pastTarget}`,
    `extensions ${r.extensions.candidates} · deferrals ${r.deferrals.candidates} (${r.deferrals.months} months) · withdrawals ${r.withdrawals.total} (refund ${r.withdrawals.refundEligible})`,
    `early warning ${r.earlyWarning.candidates} (${pct(r.earlyWarning.rate)}) · academic watch ${r.academicWatch.candidates} (${pct(r.academicWatch.rate)}), open ${r.academicWatch.open}`,
    `coaching hours y1: ${dist(h.year1.coaching)}`,
    `learning hours y1: ${dist(h.year1.learning)}`,
    `coaching hours y2: ${dist(h.year2.coaching)}`,
    `learning hours y2: ${dist(h.year2.learning)}`,
    `panel first-attempt pass: ${r.portfolioPanel.firstAttemptPassed}/${r.portfolioPanel.presented} (${pct(r.portfolioPanel.firstAttemptPassRate)}) · panel → recommendation median ${r.panelToRecommendationDays.median ?? '-'} days`,
    `CTC 90-day lapses: ${r.ctcLapses.lapses} · email delivery problems: ${r.emailDelivery.problems} (${r.emailDelivery.candidatesAffected} candidates)`,
  ].join('\n');
}

/** Resolves once stdout has flushed what was written (a pipe to a slow reader included). */
const drained = () => new Promise<void>((ok) => process.stdout.write('', () => ok()));

export async function reportCommand(argv: string[], ctx: CliContext): Promise<void> {
  const opts = {
    program: { type: 'string' },
    cohort: { type: 'string' },
    district: { type: 'string' },
    format: { type: 'string' },
  } as const;
  const { values, positionals } = parse(argv, opts, REPORT_HELP);
  if (values.help) return print(false, null, () => REPORT_HELP);
  if (positionals.length) throw new UsageError(`unexpected argument '${positionals[0]}'`, REPORT_HELP);
  if (!values.program) throw new UsageError('--program ID is required', REPORT_HELP);
  if (!values.cohort) throw new UsageError('--cohort YEAR is required', REPORT_HELP);
  const args = validate(
    ZReportArgs,
    Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined)),
    'arguments',
    REPORT_HELP,
  );

  const [{ buildReport }, { reportToCsv }, { createLocalObjectStore }, { readApiConfig }, { createPolicyResolver }] =
    await Promise.all([
      import('../../functions/reports/service'),
      import('../../functions/reports/export'),
      import('../../activities/object-store'),
      import('../../functions/config'),
      import('../../functions/policies'),
    ]);
  const { report } = await buildReport(
    {
      candidates: await ctx.candidates(),
      archives: createLocalObjectStore(join(readApiConfig(process.env).dataDir, 'archives')),
      resolvePolicy: createPolicyResolver(process.env.CASC_POLICY_DIR),
    },
    { programId: args.program, cohortYear: args.cohort, ...(args.district ? { districtId: args.district } : {}) },
    { kind: 'program', programId: args.program },
  );
  if (args.format === 'csv') process.stdout.write(reportToCsv(report));
  else print(args.format === 'json', report, () => reportSummary(report));
  await drained();
}
