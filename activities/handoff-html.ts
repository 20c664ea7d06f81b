// The human-readable side of a handoff packet: one self-contained HTML page (no scripts, no remote
// assets) the credentials office can read, print or save as PDF. Every value is escaped — names and
// details come from people, and this page is opened in a browser.
import type { THandoffPacket } from '../domain/recommendation/handoff';

export function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );
}

const row = (cells: unknown[], tag = 'td') =>
  `<tr>${cells.map((c) => `<${tag}>${escapeHtml(c)}</${tag}>`).join('')}</tr>`;
const table = (head: string[], rows: unknown[][]) =>
  `<table><thead>${row(head, 'th')}</thead><tbody>${rows.map((r) => row(r)).join('')}</tbody></table>`;

export function renderHandoffHtml(p: THandoffPacket): string {
  const doc =
    p.credentialDocument === 'pasc'
      ? 'Preliminary Administrative Services Credential (PASC)'
      : 'Certificate of eligibility';
  const pres = p.portfolio.presentation;
  const presentation = !pres
    ? '—'
    : pres.medicalExemption
      ? `Medical exemption (${pres.date})`
      : `Panel scores ${pres.panelScores.join(', ')} (${pres.date})`;
  const measure =
    p.proficiency.rule === 'everyStandard'
      ? `every CPSEL ≥ ${p.proficiency.threshold}`
      : `CPSEL average ≥ ${p.proficiency.threshold}`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>READY TO RECOMMEND: ${escapeHtml(p.candidate.name)}</title>
<meta name="robots" content="noindex">
<style>body{font:14px/1.4 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}table{border-collapse:collapse;width:100%;margin:.5rem 0 1.5rem}th,td{border:1px solid #ccc;padding:.3rem .5rem;text-align:left;vertical-align:top}th{background:#f4f4f4}</style>
</head><body>
<h1>Credential recommendation packet</h1>
<p><strong>${escapeHtml(p.candidate.name)}</strong> &lt;${escapeHtml(p.candidate.email)}&gt; · candidate ${escapeHtml(p.candidateKey)}<br>
${escapeHtml(p.program.name)} (policy ${escapeHtml(p.program.policyId)}) · READY TO RECOMMEND on ${escapeHtml(p.readyOn)} · packet ${escapeHtml(p.packetId)}</p>
<h2>Verification items</h2>
${table(
  ['Rule', 'Item', 'Verified on', 'Verified by', 'Detail'],
  p.verification.map((v) => [v.rule, v.label, v.verifiedOn ?? '', v.verifiedBy ?? '', v.detail ?? '']),
)}
<h2>Hours</h2>
${table(
  ['', 'Coaching (h)', 'Professional learning (h)'],
  [
    ['Year 1', p.hours.year1.coaching, p.hours.year1.learning],
    ['Year 2', p.hours.year2.coaching, p.hours.year2.learning],
    ['Required per year', p.hours.requiredPerYear.coaching, p.hours.requiredPerYear.learning],
  ],
)}
<h2>Proficiency (${escapeHtml(measure)})</h2>
${table(
  ['Rater', 'Assessed on', 'Lowest', 'Average', 'Proficient'],
  Object.entries(p.proficiency.byRater).map(([rater, r]) => [
    rater,
    r.date,
    r.lowest,
    r.average,
    r.proficient ? 'yes' : 'no',
  ]),
)}
<h2>Portfolio, experience, credential</h2>
${table(
  ['Item', 'Result'],
  [
    [
      'Year-1 portfolio review',
      p.portfolio.year1Review
        ? `${p.portfolio.year1Review.passed ? 'passed' : 'not passed'} (${p.portfolio.year1Review.date})`
        : '—',
    ],
    [
      'Portfolio presentation',
      `${presentation}${p.portfolio.attempts > 1 ? ` after ${p.portfolio.attempts} presentations` : ''}`,
    ],
    ['Administrative experience (HR letter)', `${p.experienceYears} years`],
    ['Credential document', doc],
  ],
)}
<h2>Recommendation steps</h2>
${table(
  ['Step', 'Rule', 'Completed on', 'By', 'Tasks'],
  p.recommendationSteps.map((s) => [s.step, s.rule, s.date, s.by.role, s.label]),
)}
</body></html>
`;
}
