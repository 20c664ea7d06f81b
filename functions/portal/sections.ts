// The read-only parts of a task page: what the person needs to see to do the task.
import { compareDates } from '../../domain/calendar/dates';
import type { TCandidateStatusView } from '../auth/redact';
import { assessments, iip, timeline } from '../dashboard/candidate-page';
import { html, type Html } from '../dashboard/html';
import { PHASE_LABELS, flagBadges, activeFlags } from '../dashboard/view-data';
import { roleName } from './layout';
import type { TSection } from './task-views';

const hours = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(1));

function deadlines(s: TCandidateStatusView): Html {
  if (!s.nextDeadlines.length) return html`<p class="empty">Nothing is due right now.</p>`;
  return html`<table><caption>What is due next</caption><thead><tr><th scope="col">Due</th><th scope="col">What</th><th scope="col">Whose</th></tr></thead>
<tbody>${s.nextDeadlines
    .slice(0, 12)
    .map(
      (d) =>
        html`<tr><td>${d.due}${d.overdue ? html` <span class="badge overdue">Overdue</span>` : ''}</td><td>${d.label}</td><td>${roleName(d.owner)}</td></tr>`,
    )}</tbody></table>`;
}

function hoursTable(s: TCandidateStatusView): Html {
  const row = (label: string, y: TCandidateStatusView['hours']['year1']) =>
    html`<tr><th scope="row">${label}</th><td>${hours(y.coaching.logged)} of ${hours(y.coaching.required)}</td><td>${hours(y.learning.logged)} of ${hours(y.learning.required)}</td></tr>`;
  return html`<table data-testid="hours"><caption>Hours logged against the program's requirement</caption>
<thead><tr><th scope="col">Year</th><th scope="col">Coaching</th><th scope="col">Professional learning</th></tr></thead>
<tbody>${row('Year 1', s.hours.year1)}${row('Year 2', s.hours.year2)}</tbody></table>`;
}

function assignmentsList(s: TCandidateStatusView): Html {
  const done = s.assignments.submitted;
  return done.length
    ? html`<p>Assignments recorded for sessions: ${done.map((a) => a.session).join(', ')}.</p>`
    : html`<p class="empty">No assignment recorded yet.</p>`;
}

function portfolio(s: TCandidateStatusView): Html {
  return html`<pre class="muted" data-testid="portfolio">${JSON.stringify(s.portfolio, null, 2)}</pre>`;
}

function completion(s: TCandidateStatusView): Html {
  if (!s.completion) return html`<p class="empty">The completion review opens in year 2.</p>`;
  return html`<ul data-testid="completion">${s.completion.items.map((i) => html`<li>${i.met ? '✔ Done' : '✘ Still needed'}: ${i.label}</li>`)}</ul>`;
}

function recommendation(s: TCandidateStatusView): Html {
  const r = s.recommendation;
  if (!r) return html`<p class="empty">The recommendation chain starts when the completion review is complete.</p>`;
  return html`<dl><dt>Started</dt><dd>${r.startedOn}</dd><dt>Ready to recommend</dt><dd>${r.readyOn ?? '—'}</dd><dt>Recommended to CTC</dt><dd>${r.recommendedOn ?? '—'}</dd><dt>Cleared</dt><dd>${r.clearedOn ?? '—'}</dd></dl>`;
}

function watch(s: TCandidateStatusView): Html {
  return s.flags.academicWatch
    ? html`<p>Academic watch is open.</p>`
    : html`<p class="empty">No academic watch is open.</p>`;
}

export function summary(s: TCandidateStatusView): Html {
  const flags = activeFlags(s.flags);
  return html`<p class="lede">${s.people.candidate.name} · ${PHASE_LABELS[s.phase]}${flags.length ? html` · ${flagBadges(flags)}` : ''}</p>`;
}

export function sectionHtml(section: TSection, s: TCandidateStatusView): Html {
  switch (section) {
    case 'deadlines':
      return deadlines(s);
    case 'hours':
      return hoursTable(s);
    case 'timeline':
      return timeline(s);
    case 'iip':
      return iip(s);
    case 'assignments':
      return assignmentsList(s);
    case 'portfolio':
      return html`${assessments(s)}${portfolio(s)}`;
    case 'completion':
      return completion(s);
    case 'recommendation':
      return recommendation(s);
    case 'watch':
      return watch(s);
  }
}

export const byDue = <T extends { due: string; overdue: boolean }>(a: T, b: T) =>
  Number(b.overdue) - Number(a.overdue) || compareDates(a.due, b.due);
