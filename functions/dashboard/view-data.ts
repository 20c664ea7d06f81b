// Shared pieces of the dashboard pages: labels in the domain's words, flag badges, dates, and
// status look-ups for the rows of a list (names come only from status queries, never visibility).
import type { TCandidateStatus } from '../../domain/lifecycle/status';
import type { TFlag, TPhase } from '../../domain/lifecycle/state';
import type { AppCandidateService } from '../candidates';
import type { TCandidateListItem } from '../visibility';
import { html, type Html } from './html';

export const PHASE_LABELS: Record<TPhase, string> = {
  applicant: 'Applicant',
  enrolled: 'Enrolled',
  year1: 'Year 1',
  year2: 'Year 2',
  completionReview: 'Completion review',
  recommendation: 'Recommendation',
  recommended: 'Recommended to CTC',
  cleared: 'Cleared',
  withdrawn: 'Withdrawn',
};

export const FLAG_LABELS: Record<TFlag, string> = {
  earlyWarning: 'Early warning',
  academicWatch: 'Academic watch',
  atRisk: 'At risk',
  deferred: 'Deferred',
};

export function flagBadges(flags: readonly TFlag[]): Html {
  return html`${flags.map((f) => html`<span class="badge flag-${f}">${FLAG_LABELS[f]}</span>`)}`;
}

export function activeFlags(flags: TCandidateStatus['flags']): TFlag[] {
  return (Object.keys(flags) as TFlag[]).filter((f) => flags[f]);
}

/** The program's calendar day of a deadline instant (California programs: Pacific time). */
export function deadlineDay(iso: string | null): string {
  if (!iso) return '—';
  return new Date(iso).toLocaleDateString('en-CA', { timeZone: 'America/Los_Angeles' });
}

export type TStatusLookup = Map<string, TCandidateStatus | undefined>;

/** Status of each listed candidate, a few at a time; a failed look-up just shows the key. */
export async function statusesOf(
  candidates: AppCandidateService,
  items: readonly Pick<TCandidateListItem, 'key'>[],
  concurrency = 6,
): Promise<TStatusLookup> {
  const out: TStatusLookup = new Map();
  const keys = [...new Set(items.map((i) => i.key))];
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < keys.length; i = next++) {
      const key = keys[i]!;
      out.set(key, await candidates.status(key).catch(() => undefined));
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, keys.length) }, worker));
  return out;
}

export function candidateLink(key: string, status: TCandidateStatus | undefined): Html {
  const name = status?.people.candidate.name;
  return html`<a href="/dashboard/candidates/${encodeURIComponent(key)}">${name ?? key}</a>${name ? html` <small>(${key})</small>` : ''}`;
}

export function overdueItems(status: TCandidateStatus | undefined): Html {
  const items = status?.nextDeadlines.filter((d) => d.overdue) ?? [];
  if (!items.length) return html``;
  return html`<ul>${items.map((d) => html`<li><span class="badge overdue">Overdue</span> ${d.label} — due ${d.due} (${d.owner}, ${d.rule})</li>`)}</ul>`;
}

export function pager(
  basePath: string,
  params: Record<string, string | undefined>,
  nextPageToken: string | null,
): Html {
  if (!nextPageToken) return html``;
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v) q.set(k, v);
  q.set('pageToken', nextPageToken);
  return html`<p><a href="${basePath}?${q.toString()}" rel="next">Next page</a></p>`;
}
