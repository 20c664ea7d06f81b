// The credentials office's queue: candidates the PA marked ready to recommend (R-REC-3) waiting for
// the office's verification and recommendation to the CTC (R-REC-4), and those recommended who
// still have the state's steps to finish (R-REC-5).
import type { TPrincipal } from '../auth/principal';
import { listScope } from '../auth/policy';
import type { TCandidateFilter } from '../visibility';
import { html, type Html } from './html';
import type { TPageDeps } from './overview';
import { candidateLink, deadlineDay, pager, PHASE_LABELS, statusesOf } from './view-data';

export async function queueBody(
  { candidates, now }: TPageDeps,
  principal: TPrincipal,
  filter: TCandidateFilter,
): Promise<Html> {
  const page = await candidates.list(
    { program: filter.program, phase: ['recommendation', 'recommended'], pageSize: 25, pageToken: filter.pageToken },
    listScope(principal),
    now(),
  );
  if (page.candidates.length === 0) {
    return html`<div class="empty" role="status" data-testid="queue-empty"><p><strong>The queue is empty.</strong></p>
<p>Candidates appear here when the program administrator marks them ready to recommend (R-REC-3), and stay until the state's steps are complete (R-REC-5).</p></div>`;
  }
  const statuses = await statusesOf(candidates, page.candidates);
  return html`
<table data-testid="queue">
  <thead><tr><th scope="col">Candidate</th><th scope="col">Stage</th><th scope="col">Next deadline</th></tr></thead>
  <tbody>${page.candidates.map(
    (c) =>
      html`<tr><td>${candidateLink(c.key, statuses.get(c.key))}</td><td>${c.phase === 'recommendation' ? 'Verify and recommend to CTC (R-REC-4)' : c.phase ? PHASE_LABELS[c.phase] : '—'}</td><td>${deadlineDay(c.nextDeadline)}</td></tr>`,
  )}</tbody>
</table>
${pager('/dashboard/queue', { program: filter.program }, page.nextPageToken)}`;
}
