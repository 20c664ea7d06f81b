// The cohort overview: how many candidates are in each phase and carry each flag, who is overdue
// (and on what), and every candidate in the caller's scope with phase, flags and next deadline.
import { ZPhase } from '../../domain/lifecycle/state';
import type { TPrincipal } from '../auth/principal';
import { listScope } from '../auth/policy';
import type { AppCandidateService } from '../candidates';
import { ZFlagName, type TCandidateFilter } from '../visibility';
import { html, href, type Html } from './html';
import {
  candidateLink,
  deadlineDay,
  FLAG_LABELS,
  flagBadges,
  overdueItems,
  pager,
  PHASE_LABELS,
  statusesOf,
} from './view-data';

export interface TPageDeps {
  candidates: AppCandidateService;
  now: () => number;
}

type TBase = Pick<TCandidateFilter, 'program' | 'cohort'>;

export async function overviewBody(
  { candidates, now }: TPageDeps,
  principal: TPrincipal,
  filter: TCandidateFilter,
): Promise<Html> {
  const scope = listScope(principal);
  const at = now();
  const base: TBase = { program: filter.program, cohort: filter.cohort };
  const [total, phaseCounts, flagCounts, overdueCount, page, overdue] = await Promise.all([
    candidates.count(base, scope, at),
    Promise.all(
      ZPhase.options.map(async (phase) => ({
        phase,
        n: await candidates.count({ ...base, phase: [phase] }, scope, at),
      })),
    ),
    Promise.all(
      ZFlagName.options.map(async (flag) => ({
        flag,
        n: await candidates.count({ ...base, flag: [flag] }, scope, at),
      })),
    ),
    candidates.count({ ...base, overdue: true }, scope, at),
    candidates.list({ ...base, pageSize: 25, pageToken: filter.pageToken }, scope, at),
    candidates.list({ ...base, overdue: true, pageSize: 25 }, scope, at),
  ]);
  const statuses = await statusesOf(candidates, [...page.candidates, ...overdue.candidates]);
  const params = { program: base.program, cohort: base.cohort?.toString() };

  return html`
<form class="filters" method="get" action="/dashboard/overview" aria-label="Filter the overview">
  <label>Program <input name="program" value="${base.program ?? ''}" pattern="[a-z0-9_]+" size="12"></label>
  <label>Cohort year <input name="cohort" value="${base.cohort ?? ''}" inputmode="numeric" pattern="[0-9]{4}" size="6"></label>
  <button type="submit">Apply</button>
</form>
<section aria-labelledby="counts-h">
  <h2 id="counts-h">At a glance</h2>
  <div class="cards">
    <div class="card"><div class="n" data-testid="count-total">${total}</div>candidates</div>
    <div class="card"><div class="n" data-testid="count-overdue">${overdueCount}</div><a href="${href('/dashboard/at-risk', params)}">overdue</a></div>
  </div>
  <table data-testid="phase-counts"><caption>Candidates by phase</caption>
    <thead><tr><th scope="col">Phase</th><th scope="col">Candidates</th></tr></thead>
    <tbody>${phaseCounts.map(({ phase, n }) => html`<tr><th scope="row">${PHASE_LABELS[phase]}</th><td data-phase="${phase}">${n}</td></tr>`)}</tbody>
  </table>
  <table data-testid="flag-counts"><caption>Candidates by flag</caption>
    <thead><tr><th scope="col">Flag</th><th scope="col">Candidates</th></tr></thead>
    <tbody>${flagCounts.map(({ flag, n }) => html`<tr><th scope="row">${FLAG_LABELS[flag]}</th><td data-flag="${flag}">${n}</td></tr>`)}</tbody>
  </table>
</section>
<section aria-labelledby="overdue-h">
  <h2 id="overdue-h">Overdue items</h2>
  ${
    overdue.candidates.length === 0
      ? html`<p class="empty">Nothing is overdue.</p>`
      : html`<table data-testid="overdue"><thead><tr><th scope="col">Candidate</th><th scope="col">Phase</th><th scope="col">Overdue</th></tr></thead><tbody>
      ${overdue.candidates.map((c) => html`<tr><td>${candidateLink(c.key, statuses.get(c.key))}</td><td>${c.phase ? PHASE_LABELS[c.phase] : '—'}</td><td>${overdueItems(statuses.get(c.key))}${statuses.get(c.key) ? '' : html`since ${deadlineDay(c.nextDeadline)}`}</td></tr>`)}
    </tbody></table>`
  }
</section>
<section aria-labelledby="all-h">
  <h2 id="all-h">Candidates</h2>
  ${
    page.candidates.length === 0
      ? html`<p class="empty">No candidates match.</p>`
      : html`<table data-testid="candidates"><thead><tr><th scope="col">Candidate</th><th scope="col">Cohort</th><th scope="col">Phase</th><th scope="col">Flags</th><th scope="col">Next deadline</th></tr></thead><tbody>
      ${page.candidates.map((c) => html`<tr><td>${candidateLink(c.key, statuses.get(c.key))}</td><td>${c.cohortYear ?? '—'}</td><td>${c.phase ? PHASE_LABELS[c.phase] : '—'}</td><td>${flagBadges(c.flags)}</td><td>${deadlineDay(c.nextDeadline)}${c.overdue ? html` <span class="badge overdue">Overdue</span>` : ''}</td></tr>`)}
    </tbody></table>`
  }
  ${pager('/dashboard/overview', params, page.nextPageToken)}
</section>`;
}
