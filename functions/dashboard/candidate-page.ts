// One candidate: who is involved, what is due (and overdue), the timeline of deadlines and events,
// hours against pace, assessments by CPSEL standard and rater, and the IIP for the roles allowed to
// read it (R-IIP-5; the caller's view is already redacted by redactStatusFor).
import { CPSEL_STANDARDS, ZAssessmentWindow, ZRater } from '../../domain/lifecycle/cpsel';
import { compareDates } from '../../domain/calendar/dates';
import type { TCandidateStatusView } from '../auth/redact';
import { hoursChart } from './hours-chart';
import { html, type Html } from './html';
import { activeFlags, flagBadges, PHASE_LABELS } from './view-data';

const WINDOW_LABELS = {
  pre: 'Pre-assessment (R-ASM-2)',
  endYear1: 'End of year 1 (R-ASM-5)',
  startYear2: 'Start of year 2',
  endYear2: 'End of year 2',
} as const;

const person = (p: { name: string; email: string } | null) =>
  p ? html`${p.name} <a href="mailto:${p.email}">${p.email}</a>` : html`<em>not assigned</em>`;

export function timeline(s: TCandidateStatusView): Html {
  const rows = [
    ...s.timeline.map((t) => ({
      date: t.date,
      what: html`${t.kind}${t.detail ? html` — ${t.detail}` : ''}`,
      kind: 'event' as const,
      overdue: false,
    })),
    ...s.nextDeadlines.map((d) => ({
      date: d.due,
      what: html`${d.label} <small>(${d.owner}, ${d.rule})</small>`,
      kind: 'deadline' as const,
      overdue: d.overdue,
    })),
  ].sort((a, b) => compareDates(a.date, b.date));
  return html`<table data-testid="timeline"><caption>Timeline of events and deadlines</caption>
<thead><tr><th scope="col">Date</th><th scope="col">Type</th><th scope="col">What</th></tr></thead>
<tbody>${rows.map(
    (r) =>
      html`<tr data-kind="${r.kind}"><td>${r.date}</td><td>${r.kind === 'event' ? 'Event' : html`Deadline${r.overdue ? html` <span class="badge overdue">Overdue</span>` : compareDates(r.date, s.asOf) >= 0 ? ' (upcoming)' : ''}`}</td><td>${r.what}</td></tr>`,
  )}</tbody></table>`;
}

export function assessments(s: TCandidateStatusView): Html {
  const windows = ZAssessmentWindow.options.filter((w) => s.assessments.some((a) => a.window === w));
  if (!windows.length)
    return html`<p class="empty">No CPSEL assessment recorded yet (R-ASM-1: candidate, coach and supervisor each score all six standards).</p>`;
  return html`${windows.map((w) => {
    const by = Object.fromEntries(
      ZRater.options.map((r) => [r, s.assessments.find((a) => a.window === w && a.rater === r)]),
    );
    return html`<table data-testid="assessment-${w}"><caption>${WINDOW_LABELS[w]}</caption>
<thead><tr><th scope="col">Standard</th>${ZRater.options.map((r) => html`<th scope="col">${r}${by[r] ? html` <small>(${by[r]!.date})</small>` : ''}</th>`)}</tr></thead>
<tbody>${CPSEL_STANDARDS.map(
      (std) =>
        html`<tr><th scope="row">${std.toUpperCase().replace('CPSEL', 'CPSEL ')}</th>${ZRater.options.map((r) => {
          const score = by[r]?.scores[std];
          return html`<td data-rater="${r}" data-standard="${std}">${score ?? '—'}</td>`;
        })}</tr>`,
    )}</tbody></table>`;
  })}`;
}

export function iip(s: TCandidateStatusView): Html {
  const years = [
    { label: 'Year 1', y: s.iip.year1 },
    { label: 'Year 2', y: s.iip.year2 },
  ];
  return html`${s.iipRedacted ? html`<p class="redacted" data-testid="iip-redacted">IIP content is not shown to your role: the IIP is not used for employment evaluation (R-IIP-5).</p>` : ''}
<table data-testid="iip"><thead><tr><th scope="col">Year</th><th scope="col">Submitted</th><th scope="col">Coach approved</th><th scope="col">Supervisor approved</th><th scope="col">Revisions</th>${s.iipRedacted ? '' : html`<th scope="col">Goals</th>`}</tr></thead>
<tbody>${years.map(
    ({ label, y }) =>
      html`<tr><th scope="row">${label}</th><td>${y.submittedOn ?? '—'}</td><td>${y.coachApprovedOn ?? '—'}</td><td>${y.supervisorApprovedOn ?? '—'}</td><td>${y.revisions}</td>${
        s.iipRedacted
          ? ''
          : html`<td>${y.goals.length ? html`<ul>${y.goals.map((g) => html`<li><strong>${g.cpsel}</strong>: ${g.goal}</li>`)}</ul>` : '—'}</td>`
      }</tr>`,
  )}</tbody></table>`;
}

/** Emails SES will never deliver (bad address, rejected message): the PA must fix the record. */
function deliveryProblems(s: TCandidateStatusView): Html {
  if (!s.deliveryProblems.length) return html``;
  return html`<section aria-labelledby="mail-h" data-testid="delivery-problems"><h2 id="mail-h">Emails that could not be delivered</h2>
<table><thead><tr><th scope="col">Date</th><th scope="col">To</th><th scope="col">Message</th><th scope="col">Why</th></tr></thead>
<tbody>${s.deliveryProblems.map((p) => html`<tr><td>${p.date}</td><td>${p.recipientRole}</td><td>${p.template}</td><td>${p.reason}</td></tr>`)}</tbody></table></section>`;
}

/** R-NOT (delivery): addresses SES reports undeliverable; their mail waits for the correction (the PA's task). */
function undeliverable(s: TCandidateStatusView): Html {
  if (!s.undeliverable.length) return html``;
  return html`<section aria-labelledby="bounce-h" data-testid="undeliverable"><h2 id="bounce-h">Email addresses that do not work</h2>
<p>Emails to them are held until the address is corrected; then they go out.</p>
<table><thead><tr><th scope="col">Since</th><th scope="col">Whose</th><th scope="col">What SES reported</th><th scope="col">Fix</th></tr></thead>
<tbody>${s.undeliverable.map((u) => html`<tr><td>${u.date}</td><td>${u.role}</td><td>${u.bounce === 'complaint' ? 'marked our email as spam' : 'the address bounces'}</td><td><a href="/portal/${s.key}/contacts/${u.role}">Correct the address</a></td></tr>`)}</tbody></table></section>`;
}

export function candidateBody(s: TCandidateStatusView): Html {
  const flags = activeFlags(s.flags);
  return html`
<section aria-labelledby="summary-h">
  <h2 id="summary-h">Summary</h2>
  <dl>
    <dt>Key</dt><dd>${s.key}</dd>
    <dt>Phase</dt><dd data-testid="phase">${PHASE_LABELS[s.phase]}</dd>
    <dt>Flags</dt><dd>${flags.length ? flagBadges(flags) : 'none'}</dd>
    <dt>Program · policy · cohort</dt><dd>${s.programId} · ${s.policyId} · ${s.cohortStart}</dd>
    <dt>Coach</dt><dd>${person(s.people.coach)}</dd>
    <dt>Site supervisor</dt><dd>${person(s.people.supervisor)}</dd>
    <dt>Program administrator</dt><dd>${person(s.people.programAdministrator)}</dd>
    <dt>As of</dt><dd>${s.asOf}</dd>
  </dl>
</section>
<section aria-labelledby="due-h">
  <h2 id="due-h">Next deadlines</h2>
  ${
    s.nextDeadlines.length
      ? html`<table data-testid="deadlines"><thead><tr><th scope="col">Due</th><th scope="col">What</th><th scope="col">Whose</th><th scope="col">Rule</th></tr></thead><tbody>${s.nextDeadlines.map(
          (d) =>
            html`<tr><td>${d.due}${d.overdue ? html` <span class="badge overdue">Overdue</span>` : ''}</td><td>${d.label}</td><td>${d.owner}</td><td>${d.rule}</td></tr>`,
        )}</tbody></table>`
      : html`<p class="empty">Nothing open.</p>`
  }
</section>
${undeliverable(s)}
${deliveryProblems(s)}
<section aria-labelledby="hours-h"><h2 id="hours-h">Hours vs. pace</h2>${hoursChart(s)}</section>
<section aria-labelledby="asm-h"><h2 id="asm-h">CPSEL assessments</h2>${assessments(s)}</section>
<section aria-labelledby="iip-h"><h2 id="iip-h">Individual Induction Plan</h2>${iip(s)}</section>
<section aria-labelledby="tl-h"><h2 id="tl-h">Timeline</h2>${timeline(s)}</section>`;
}
