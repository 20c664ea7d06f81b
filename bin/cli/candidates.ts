// casc candidates list|show: visibility listing (no personal data) and one candidate's status.
// The CLI is an operator's tool with Temporal credentials, so `show` prints the whole status and
// records the IIP read in the audit log (R-IIP-5).
import { ZCandidateKey } from '../../functions/auth/principal';
import { ZCandidateFilter, type TCandidateListItem } from '../../functions/visibility';
import type { TCandidateStatus } from '../../domain/lifecycle/status';
import { parse, print, table, UsageError, validate } from './args';
import type { CliContext } from './context';

export const CANDIDATES_HELP = `usage: casc candidates list [filters] [--json]
       casc candidates show KEY [--json]

list filters (all optional, combined with AND; comma lists mean "any of"):
  --program ID         program id
  --cohort YEAR        cohort year, e.g. 2026
  --phase P[,P…]       applicant, enrolled, year1, year2, completionReview, recommendation, recommended, cleared, withdrawn
  --flag F[,F…]        earlyWarning, academicWatch, atRisk, deferred
  --overdue            only candidates whose next deadline has passed
  --needs-attention    flagged (early warning, academic watch, at risk) or overdue
  --page-size N        rows per page (1–100, default 25)
  --page-token T       continue from a previous page's nextPageToken
  --all                follow every page

  --json               print JSON
  -h, --help           this text

exit codes: 0 ok · 1 not found or Temporal unreachable · 2 usage`;

const listOptions = {
  program: { type: 'string' },
  cohort: { type: 'string' },
  phase: { type: 'string' },
  flag: { type: 'string' },
  overdue: { type: 'boolean' },
  'needs-attention': { type: 'boolean' },
  'page-size': { type: 'string' },
  'page-token': { type: 'string' },
  all: { type: 'boolean' },
  json: { type: 'boolean' },
} as const;

const day = (iso: string | null) =>
  iso ? new Date(iso).toLocaleDateString('en-CA', { timeZone: 'America/Los_Angeles' }) : '-';

export async function candidatesCommand(argv: string[], ctx: CliContext): Promise<void> {
  const { values, positionals } = parse(argv, listOptions, CANDIDATES_HELP);
  if (values.help) return print(false, null, () => CANDIDATES_HELP);
  const [sub, ...rest] = positionals;
  if (sub === 'list') {
    if (rest.length) throw new UsageError(`unexpected argument '${rest[0]}'`, CANDIDATES_HELP);
    const filter = validate(
      ZCandidateFilter,
      Object.fromEntries(
        Object.entries({
          program: values.program,
          cohort: values.cohort,
          phase: values.phase,
          flag: values.flag,
          overdue: values.overdue ? 'true' : undefined,
          needsAttention: values['needs-attention'] ? 'true' : undefined,
          pageSize: values['page-size'],
          pageToken: values['page-token'],
        }).filter(([, v]) => v !== undefined),
      ),
      'filter',
      CANDIDATES_HELP,
    );
    const service = await ctx.candidates();
    const rows: TCandidateListItem[] = [];
    let page = await service.list(filter, { kind: 'program' });
    rows.push(...page.candidates);
    while (values.all && page.nextPageToken) {
      page = await service.list({ ...filter, pageToken: page.nextPageToken }, { kind: 'program' });
      rows.push(...page.candidates);
    }
    const nextPageToken = values.all ? null : page.nextPageToken;
    return print(values.json, { candidates: rows, nextPageToken }, () =>
      [
        table(
          ['KEY', 'COHORT', 'PHASE', 'FLAGS', 'NEXT DEADLINE', ''],
          rows.map((r) => [
            r.key,
            String(r.cohortYear ?? '-'),
            r.phase ?? '-',
            r.flags.join(',') || '-',
            day(r.nextDeadline),
            r.overdue ? 'OVERDUE' : '',
          ]),
        ),
        `${rows.length} candidate(s)${nextPageToken ? `; more: --page-token ${nextPageToken}` : ''}`,
      ].join('\n'),
    );
  }
  if (sub === 'show') {
    const [key, ...extra] = rest;
    if (!key) throw new UsageError('missing KEY (<programId>-<candidateId>)', CANDIDATES_HELP);
    if (extra.length) throw new UsageError(`unexpected argument '${extra[0]}'`, CANDIDATES_HELP);
    validate(ZCandidateKey, key, 'candidate key', CANDIDATES_HELP);
    const status = await (await ctx.candidates()).status(key);
    await ctx.audit.record({
      at: new Date().toISOString(),
      action: 'iip.read',
      role: 'operator',
      sub: ctx.operator,
      candidateKey: key,
      via: 'cli',
    });
    return print(values.json, status, () => describe(status));
  }
  throw new UsageError(
    sub ? `unknown candidates command '${sub}'` : 'missing command: candidates list | candidates show KEY',
    CANDIDATES_HELP,
  );
}

function describe(s: TCandidateStatus): string {
  const flags = Object.entries(s.flags)
    .filter(([, on]) => on)
    .map(([f]) => f);
  const y = s.hours.pace?.year === 2 ? s.hours.year2 : s.hours.year1;
  return [
    `${s.people.candidate.name} (${s.key}) — ${s.phase}${flags.length ? ` [${flags.join(', ')}]` : ''}, as of ${s.asOf}`,
    `coach: ${s.people.coach?.name ?? '-'} · supervisor: ${s.people.supervisor?.name ?? '-'} · PA: ${s.people.programAdministrator.name}`,
    `hours this year: coaching ${y.coaching.logged}/${y.coaching.required}, learning ${y.learning.logged}/${y.learning.required}`,
    '',
    s.nextDeadlines.length
      ? table(
          ['DUE', 'WHAT', 'OWNER', 'RULE', ''],
          s.nextDeadlines.map((d) => [d.due, d.label, d.owner, d.rule, d.overdue ? 'OVERDUE' : '']),
        )
      : 'nothing open',
  ].join('\n');
}
