// The report pages' markup: the same sections for the PA's program report, the district view and
// the director's page, and a one-page accreditation summary for print. Everything shown comes from
// a ZProgramReport, which holds no names and no IIP content (R-IIP-5).
import { href, html, trusted, type Html } from '../dashboard/html';
import type { TProgramReport } from '../../domain/report/schema';
import { barChart, boxPlots, describeDistribution } from './charts';

export const REPORT_STYLE = trusted(`<style>
figure.chart { display: flex; flex-wrap: wrap; gap: 16px; align-items: flex-start; margin: 8px 0 16px; }
.downloads a { margin-right: 12px; }
section { break-inside: avoid; }
@media print {
  header, nav, .skip, .downloads, .no-print { display: none !important; }
  main { max-width: none; padding: 0; } body { font-size: 11pt; }
  a { color: inherit; text-decoration: none; }
  table { page-break-inside: avoid; }
}
</style>`);

const pct = (r: number | null) => (r === null ? '–' : `${Math.round(r * 1000) / 10} %`);
const LABELS: Record<string, string> = {
  cpselSession: 'CPSEL sessions',
  jobAligned: 'Job-aligned workshops',
  plc: 'Cohort PLC',
  district: 'District-approved',
};

function scopeLine(r: TProgramReport): Html {
  return html`<p>Program <strong>${r.programId}</strong>, cohort <strong>${r.cohortYear}</strong>${r.districtId ? html`, district <strong>${r.districtId}</strong>` : ''} · as of ${r.asOf} · policy ${r.policyId} · ${r.candidates.total} candidates (${r.candidates.closed} closed, included)</p>`;
}

export function downloadLinks(path: string, params: Record<string, string | number | undefined>): Html {
  return html`<p class="downloads">Download: <a href="${href(path, { ...params, format: 'csv' })}" download>CSV</a>
<a href="${href(path, { ...params, format: 'json' })}" download>JSON</a>
<a href="${href('/reports/summary', { program: params.program, cohort: params.cohort, district: params.district })}">Printable accreditation summary</a></p>`;
}

function cards(items: [string, string | number][]): Html {
  return html`<div class="cards">${items.map(([label, n]) => html`<div class="card"><div class="n">${n}</div>${label}</div>`)}</div>`;
}

function hoursSection(r: TProgramReport, id: string): Html {
  return html`${(['year1', 'year2'] as const).map((y) => {
    const h = r.hours[y];
    const rows = [
      { label: 'Coaching', d: h.coaching },
      { label: 'Professional learning', d: h.learning },
      ...Object.entries(h.byCategory).map(([c, d]) => ({ label: LABELS[c] ?? c, d })),
    ];
    const year = y === 'year1' ? 'Year 1' : 'Year 2';
    return boxPlots({
      id: `${id}-hours-${y}`,
      title: `${year} hours against the requirement`,
      desc: rows.map((x) => describeDistribution(x.label, x.d)).join(' '),
      rows,
    });
  })}`;
}

/** Every figure of one report, as sections with charts and tables. */
export function reportSections(r: TProgramReport, id = 'r'): Html {
  const phases = Object.entries(r.candidates.byPhase)
    .filter(([, n]) => n > 0)
    .map(([label, value]) => ({ label, value }));
  const c = r.completion;
  const g = r.cpselGrowth;
  return html`${scopeLine(r)}
<section aria-labelledby="${id}-cand"><h2 id="${id}-cand">Candidates and completion</h2>
${cards([
  ['candidates', r.candidates.total],
  ['completed on time', c.onTime],
  ['completed late', c.late],
  ['on-time rate', pct(c.onTimeRate)],
  ['past the target, not completed', c.pastTarget],
  ['extensions', r.extensions.candidates],
  ['deferrals', `${r.deferrals.candidates} (${r.deferrals.months} mo)`],
])}
${barChart({ id: `${id}-phase`, title: 'Candidates by phase', desc: phases.map((p) => `${p.label} ${p.value}`).join(', ') || 'no candidates', bars: phases })}
</section>
<section aria-labelledby="${id}-wd"><h2 id="${id}-wd">Withdrawals</h2>
<p>${r.withdrawals.total} withdrawn (${pct(r.withdrawals.rate)}): ${r.withdrawals.refundEligible} refund-eligible, ${r.withdrawals.noRefund} without refund.</p>
${r.withdrawals.byReason.length ? html`<table><caption>Withdrawals by reason</caption><thead><tr><th scope="col">Reason</th><th scope="col">Candidates</th></tr></thead><tbody>${r.withdrawals.byReason.map((x) => html`<tr><td>${x.label}</td><td>${x.count}</td></tr>`)}</tbody></table>` : ''}
</section>
<section aria-labelledby="${id}-risk"><h2 id="${id}-risk">Early warning and academic watch</h2>
<table><caption>Flags and outcomes</caption><thead><tr><th scope="col">Flag</th><th scope="col">Candidates</th><th scope="col">Rate</th><th scope="col">Completed</th><th scope="col">Withdrawn</th><th scope="col">In progress</th></tr></thead><tbody>
<tr><th scope="row">Early warning</th><td>${r.earlyWarning.candidates}</td><td>${pct(r.earlyWarning.rate)}</td><td>${r.earlyWarning.outcomes.completed}</td><td>${r.earlyWarning.outcomes.withdrawn}</td><td>${r.earlyWarning.outcomes.inProgress}</td></tr>
<tr><th scope="row">Academic watch</th><td>${r.academicWatch.candidates}</td><td>${pct(r.academicWatch.rate)}</td><td>${r.academicWatch.outcomes.completed}</td><td>${r.academicWatch.outcomes.withdrawn}</td><td>${r.academicWatch.outcomes.inProgress}</td></tr>
</tbody></table>
<p>${r.earlyWarning.escalatedToWatch} early warnings led to a watch; ${r.academicWatch.watchesOpened} watches opened, ${r.academicWatch.open} open now, ${r.academicWatch.closed} closed with the candidate still in the program, ${r.academicWatch.atRisk} at risk.</p>
</section>
<section aria-labelledby="${id}-hours"><h2 id="${id}-hours">Coaching and learning hours</h2>
<p>Each row: the spread of hours logged by the candidates who reached that year (box: middle half, thick line: median, whiskers: min and max; dashed red: the requirement).</p>
${hoursSection(r, id)}
</section>
<section aria-labelledby="${id}-cpsel"><h2 id="${id}-cpsel">CPSEL growth (pre-assessment → end of year 2)</h2>
${barChart({ id: `${id}-growth`, title: 'Mean growth by rater (rubric points)', desc: g.byRater.map((x) => `${x.rater}: ${x.meanGrowth ?? 'no pairs'} over ${x.pairs}`).join('; '), bars: g.byRater.map((x) => ({ label: x.rater, value: x.meanGrowth ?? 0 })), max: 3 })}
<table><caption>Growth by standard</caption><thead><tr><th scope="col">Standard</th><th scope="col">Pairs</th><th scope="col">Pre mean</th><th scope="col">End of year 2 mean</th><th scope="col">Growth</th></tr></thead>
<tbody>${g.byStandard.map((x) => html`<tr><th scope="row">${x.standard.toUpperCase()}</th><td>${x.pairs}</td><td>${x.preMean ?? '–'}</td><td>${x.endMean ?? '–'}</td><td>${x.meanGrowth ?? '–'}</td></tr>`)}</tbody></table>
</section>
<section aria-labelledby="${id}-rec"><h2 id="${id}-rec">Portfolio panel and recommendation</h2>
${cards([
  ['presented to the panel', r.portfolioPanel.presented],
  ['passed first time', `${r.portfolioPanel.firstAttemptPassed} (${pct(r.portfolioPanel.firstAttemptPassRate)})`],
  ['median days panel → recommendation', r.panelToRecommendationDays.median ?? '–'],
  ['recommended', r.ctcLapses.recommended],
  ['CTC 90-day lapses', r.ctcLapses.lapses],
])}
</section>
<section aria-labelledby="${id}-mail"><h2 id="${id}-mail">Email delivery problems</h2>
<p>${r.emailDelivery.problems} problems affecting ${r.emailDelivery.candidatesAffected} candidates.</p>
${r.emailDelivery.byReason.length ? html`<table><caption>By reason</caption><thead><tr><th scope="col">Reason</th><th scope="col">Problems</th></tr></thead><tbody>${r.emailDelivery.byReason.map((x) => html`<tr><td>${x.label}</td><td>${x.count}</td></tr>`)}</tbody></table>` : ''}
</section>`;
}

/** The accreditation summary: the figures a review asks for, on one printed page. */
export function summarySection(r: TProgramReport): Html {
  const h1 = r.hours.year1;
  const h2 = r.hours.year2;
  const row = (label: string, value: string | number) => html`<tr><th scope="row">${label}</th><td>${value}</td></tr>`;
  const dist = (d: TProgramReport['hours']['year1']['coaching']) =>
    d.count ? `median ${d.median} (IQR ${d.q1}–${d.q3}); ${d.belowRequirement} of ${d.count} below ${d.required}` : '–';
  return html`${scopeLine(r)}
<p class="no-print"><a href="${href('/reports/program', { program: r.programId, cohort: r.cohortYear, district: r.districtId ?? undefined })}">Full report</a> · use your browser's Print command for a paper copy.</p>
<table><caption>Accreditation summary</caption><tbody>
${row('Candidates (closed included)', r.candidates.total)}
${row('Completed on time / late', `${r.completion.onTime} / ${r.completion.late} (on-time rate ${pct(r.completion.onTimeRate)})`)}
${row('Extensions / deferrals', `${r.extensions.candidates} / ${r.deferrals.candidates}`)}
${row('Withdrawals (refund-eligible)', `${r.withdrawals.total} (${r.withdrawals.refundEligible})`)}
${row('Early warning / academic watch', `${pct(r.earlyWarning.rate)} / ${pct(r.academicWatch.rate)}`)}
${row('Coaching hours, year 1', dist(h1.coaching))}
${row('Learning hours, year 1', dist(h1.learning))}
${row('Coaching hours, year 2', dist(h2.coaching))}
${row('Learning hours, year 2', dist(h2.learning))}
${row('CPSEL growth by rater', r.cpselGrowth.byRater.map((x) => `${x.rater} ${x.meanGrowth ?? '–'}`).join(', '))}
${row('Panel first-attempt pass rate', pct(r.portfolioPanel.firstAttemptPassRate))}
${row('Days panel → recommendation (median)', r.panelToRecommendationDays.median ?? '–')}
${row('CTC 90-day lapses', r.ctcLapses.lapses)}
${row('Email delivery problems', r.emailDelivery.problems)}
</tbody></table>`;
}

/** The director's page: one row per program, then each program's sections. */
export function directorSections(reports: TProgramReport[], cohortYear: number): Html {
  if (reports.length === 0) return html`<p class="empty">No candidates in cohort ${cohortYear} in any program.</p>`;
  return html`<table><caption>Programs, cohort ${cohortYear}</caption><thead><tr><th scope="col">Program</th><th scope="col">Candidates</th><th scope="col">On time</th><th scope="col">Late</th><th scope="col">Withdrawn</th><th scope="col">Academic watch</th><th scope="col">Panel first-attempt pass</th><th scope="col">Report</th></tr></thead>
<tbody>${reports.map((r) => html`<tr><th scope="row">${r.programId}</th><td>${r.candidates.total}</td><td>${r.completion.onTime}</td><td>${r.completion.late}</td><td>${r.withdrawals.total}</td><td>${pct(r.academicWatch.rate)}</td><td>${pct(r.portfolioPanel.firstAttemptPassRate)}</td><td><a href="${href('/reports/program', { program: r.programId, cohort: r.cohortYear })}">${r.programId} report</a></td></tr>`)}</tbody></table>
${barChart({ id: 'dir-ontime', title: 'On-time completion rate by program (%)', desc: reports.map((r) => `${r.programId} ${pct(r.completion.onTimeRate)}`).join(', '), bars: reports.map((r) => ({ label: r.programId, value: Math.round((r.completion.onTimeRate ?? 0) * 1000) / 10 })), max: 100, unit: ' %' })}`;
}
