// Who needs attention today: candidates on early warning (R-EW-1), academic watch (R-AW-1) or at
// risk (R-AW-2), and anyone with an overdue obligation — with what is overdue and whether their
// hours are well behind pace (R-HRS-3).
import type { TCandidateStatus } from '../../domain/lifecycle/status';
import type { TPrincipal } from '../auth/principal';
import { listScope } from '../auth/policy';
import type { TCandidateFilter } from '../visibility';
import { html, type Html } from './html';
import type { TPageDeps } from './overview';
import { candidateLink, flagBadges, overdueItems, pager, PHASE_LABELS, statusesOf } from './view-data';

function paceNote(status: TCandidateStatus | undefined): Html {
  const pace = status?.hours.pace;
  if (!pace) return html``;
  const behind = (['coaching', 'learning'] as const).filter((k) => pace[k].behind);
  if (!behind.length) return html``;
  return html`<p>Behind pace (R-HRS-3): ${behind.map((k) => `${k} ${status.hours[pace.year === 1 ? 'year1' : 'year2'][k].logged} h of ${pace[k].expected} h expected`).join('; ')}</p>`;
}

export async function atRiskBody(
  { candidates, now }: TPageDeps,
  principal: TPrincipal,
  filter: TCandidateFilter,
): Promise<Html> {
  const at = now();
  const page = await candidates.list(
    { program: filter.program, cohort: filter.cohort, needsAttention: true, pageSize: 25, pageToken: filter.pageToken },
    listScope(principal),
    at,
  );
  const statuses = await statusesOf(candidates, page.candidates);
  if (page.candidates.length === 0)
    return html`<p class="empty" data-testid="at-risk-empty">No candidate is flagged or overdue. 🎉</p>`;
  return html`
<p>Flagged early warning, academic watch or at risk, or with an overdue obligation.</p>
<table data-testid="at-risk">
  <thead><tr><th scope="col">Candidate</th><th scope="col">Phase</th><th scope="col">Flags</th><th scope="col">Why</th></tr></thead>
  <tbody>${page.candidates.map((c) => {
    const s = statuses.get(c.key);
    return html`<tr><td>${candidateLink(c.key, s)}</td><td>${c.phase ? PHASE_LABELS[c.phase] : '—'}</td><td>${flagBadges(c.flags)}</td><td>${overdueItems(s)}${paceNote(s)}</td></tr>`;
  })}</tbody>
</table>
${pager('/dashboard/at-risk', { program: filter.program, cohort: filter.cohort?.toString() }, page.nextPageToken)}`;
}
