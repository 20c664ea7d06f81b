// Hours against pace (R-HRS-1/2/3) as an inline SVG: cumulative coaching and learning hours logged
// in the program year (from the dated timeline) against the pace line the policy expects, and the
// year's requirement. A data table beside it carries the same numbers for screen readers.
import { addDays, compareDates, daysBetween, type TLocalDate } from '../../domain/calendar/dates';
import type { TCandidateStatus } from '../../domain/lifecycle/status';
import { html, trusted, type Html } from './html';

type TKind = 'coaching' | 'learning';
const COLORS: Record<TKind, string> = { coaching: '#1f5fa8', learning: '#1b7f3b' };
const W = 640;
const H = 260;
const M = { left: 44, right: 16, top: 16, bottom: 36 };

interface TSeries {
  kind: TKind;
  logged: { date: TLocalDate; total: number }[];
  pace: { date: TLocalDate; hours: number }[];
  required: number;
  expected: number | null;
  loggedTotal: number;
  behind: boolean;
}

/** Cumulative hours of one kind logged in the year's span, from timeline entries like "2 h coaching". */
function cumulative(status: TCandidateStatus, kind: TKind, start: TLocalDate, end: TLocalDate, total: number) {
  const points: { date: TLocalDate; total: number }[] = [{ date: start, total: 0 }];
  let sum = 0;
  const entries = status.timeline
    .filter(
      (t) =>
        t.kind === (kind === 'coaching' ? 'coachingLogged' : 'learningLogged') &&
        compareDates(t.date, start) >= 0 &&
        compareDates(t.date, end) <= 0,
    )
    .sort((a, b) => compareDates(a.date, b.date));
  for (const e of entries) {
    const hours = Number(/^(\d+(?:\.\d+)?) h\b/.exec(e.detail ?? '')?.[1] ?? NaN);
    if (Number.isFinite(hours)) {
      sum += hours;
      points.push({ date: e.date, total: sum });
    }
  }
  // The status totals are the truth; the timeline only shapes the curve.
  const asOf = compareDates(status.asOf, end) > 0 ? end : status.asOf;
  if (compareDates(asOf, start) >= 0) points.push({ date: asOf, total: Math.max(sum, total) });
  return points;
}

/** The expected ramp: linear from the year's start to the requirement, flat after (R-HRS-3). */
function paceLine(start: TLocalDate, end: TLocalDate, asOf: TLocalDate, expected: number | null, required: number) {
  const daysIn = daysBetween(start, asOf);
  if (expected !== null && expected > 0 && expected < required && daysIn > 0) {
    const dueBy = addDays(start, Math.round((daysIn * required) / expected));
    if (compareDates(dueBy, end) < 0)
      return [
        { date: start, hours: 0 },
        { date: dueBy, hours: required },
        { date: end, hours: required },
      ];
    return [
      { date: start, hours: 0 },
      { date: end, hours: (required * daysBetween(start, end)) / daysBetween(start, dueBy) },
    ];
  }
  return [
    { date: start, hours: 0 },
    { date: end, hours: required },
  ];
}

export function hoursSeries(status: TCandidateStatus): {
  year: 1 | 2;
  start: TLocalDate;
  end: TLocalDate;
  series: TSeries[];
} {
  const year: 1 | 2 =
    status.hours.pace?.year === 2
      ? 2
      : status.hours.pace
        ? 1
        : status.phase === 'year2' || status.phase === 'completionReview'
          ? 2
          : 1;
  const span = status.keyDates.programYears[year === 1 ? 'year1' : 'year2'];
  const hours = status.hours[year === 1 ? 'year1' : 'year2'];
  const series = (['coaching', 'learning'] as const).map((kind): TSeries => {
    const pace = status.hours.pace?.[kind];
    const expected = pace?.expected ?? null;
    return {
      kind,
      logged: cumulative(status, kind, span.start, span.end, hours[kind].logged),
      pace: paceLine(span.start, span.end, status.asOf, expected, hours[kind].required),
      required: hours[kind].required,
      expected,
      loggedTotal: hours[kind].logged,
      behind: pace?.behind ?? false,
    };
  });
  return { year, start: span.start, end: span.end, series };
}

export function hoursChart(status: TCandidateStatus): Html {
  const { year, start, end, series } = hoursSeries(status);
  const days = Math.max(1, daysBetween(start, end));
  const top = Math.max(1, ...series.flatMap((s) => [s.required, s.loggedTotal])) * 1.1;
  const x = (d: TLocalDate) =>
    (M.left + (Math.min(days, Math.max(0, daysBetween(start, d))) / days) * (W - M.left - M.right)).toFixed(1);
  const y = (h: number) => (H - M.bottom - (h / top) * (H - M.top - M.bottom)).toFixed(1);
  const poly = (pts: string[], color: string, dash: string, label: string) =>
    `<polyline fill="none" stroke="${color}" stroke-width="2.5"${dash ? ` stroke-dasharray="${dash}"` : ''} points="${pts.join(' ')}" data-series="${label}"/>`;
  const lines = series.flatMap((s) => [
    poly(
      s.pace.map((p) => `${x(p.date)},${y(p.hours)}`),
      COLORS[s.kind],
      '6 4',
      `${s.kind}-pace`,
    ),
    // Steps: hours stay level between log entries.
    poly(
      s.logged.flatMap((p, i) =>
        i === 0
          ? [`${x(p.date)},${y(p.total)}`]
          : [`${x(p.date)},${y(s.logged[i - 1]!.total)}`, `${x(p.date)},${y(p.total)}`],
      ),
      COLORS[s.kind],
      '',
      `${s.kind}-logged`,
    ),
  ]);
  const ticks = [0, top / 2 / 1.1, top / 1.1].map(
    (h) =>
      `<text x="${M.left - 6}" y="${y(h)}" text-anchor="end" dominant-baseline="middle" font-size="11">${Math.round(h)}</text>`,
  );
  const today =
    compareDates(status.asOf, start) >= 0 && compareDates(status.asOf, end) <= 0
      ? `<line x1="${x(status.asOf)}" x2="${x(status.asOf)}" y1="${M.top}" y2="${H - M.bottom}" stroke="#888" stroke-dasharray="2 3"/><text x="${x(status.asOf)}" y="${M.top - 4}" font-size="11" text-anchor="middle">today</text>`
      : '';
  const svg = trusted(
    `<svg width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" role="img" aria-labelledby="hours-title hours-desc" data-testid="hours-chart">` +
      `<title id="hours-title">Hours logged vs. pace, program year ${year}</title>` +
      `<desc id="hours-desc">${series.map((s) => `${s.kind}: ${s.loggedTotal} h logged, ${s.expected ?? 'no'} h expected by today, ${s.required} h required`).join('; ')}</desc>` +
      `<line x1="${M.left}" y1="${H - M.bottom}" x2="${W - M.right}" y2="${H - M.bottom}" stroke="#333"/><line x1="${M.left}" y1="${M.top}" x2="${M.left}" y2="${H - M.bottom}" stroke="#333"/>` +
      ticks.join('') +
      `<text x="${M.left}" y="${H - 12}" font-size="11">${start}</text><text x="${W - M.right}" y="${H - 12}" font-size="11" text-anchor="end">${end}</text>` +
      today +
      lines.join('') +
      `</svg>`,
  );
  return html`<figure>
${svg}
<figcaption>Solid: hours logged · dashed: pace · <span style="color:${COLORS.coaching}">coaching</span> · <span style="color:${COLORS.learning}">professional learning</span></figcaption>
</figure>
<table data-testid="hours-table"><caption>Hours, program year ${year}</caption>
<thead><tr><th scope="col">Kind</th><th scope="col">Logged</th><th scope="col">Expected by today</th><th scope="col">Required this year</th><th scope="col">Pace</th></tr></thead>
<tbody>${series.map(
    (s) =>
      html`<tr><th scope="row">${s.kind === 'coaching' ? 'Coaching (R-HRS-1)' : 'Professional learning (R-HRS-2)'}</th><td>${s.loggedTotal} h</td><td>${s.expected === null ? '—' : `${s.expected} h`}</td><td>${s.required} h</td><td>${s.behind ? html`<span class="badge overdue">Well behind (R-HRS-3)</span>` : s.expected === null ? 'not started' : 'on pace'}</td></tr>`,
  )}</tbody></table>`;
}
