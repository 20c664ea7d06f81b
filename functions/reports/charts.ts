// Server-rendered, accessible SVG charts for the report pages: each is an <svg role="img"> named by
// its <title> and described by a <desc> that states the numbers, with the same numbers in a
// <table> beside it for screen readers and print. Labels pass through `html` (escaped).
import { html, trusted, type Html } from '../dashboard/html';
import type { THoursDistribution } from '../../domain/report/schema';

const W = 520;
const ROW = 26;
const LEFT = 170;
const RIGHT = 60;
const fmt = (n: number | null) => (n === null ? '–' : String(n));

export interface TBar {
  label: string;
  value: number;
}

/** Horizontal bars, one per label, scaled to the largest value (or `max`). */
export function barChart({
  id,
  title,
  desc,
  bars,
  max,
  unit = '',
}: {
  id: string;
  title: string;
  desc: string;
  bars: TBar[];
  max?: number;
  unit?: string;
}): Html {
  const top = Math.max(max ?? 0, ...bars.map((b) => b.value), 1);
  const h = bars.length * ROW + 10;
  const scale = (v: number) => ((W - LEFT - RIGHT) * v) / top;
  const rows = bars.map(
    (b, i) => html`<g transform="translate(0 ${i * ROW + 5})">
  <text x="${LEFT - 8}" y="16" text-anchor="end" font-size="13">${b.label}</text>
  <rect x="${LEFT}" y="3" width="${Math.max(0, scale(b.value)).toFixed(1)}" height="${ROW - 8}" fill="#1f5fa8"></rect>
  <text x="${(LEFT + scale(b.value) + 6).toFixed(1)}" y="16" font-size="13">${fmt(b.value)}${unit}</text>
</g>`,
  );
  return html`<figure class="chart">
<svg role="img" aria-labelledby="${id}-t ${id}-d" viewBox="0 0 ${W} ${h}" width="${W}" height="${h}" xmlns="http://www.w3.org/2000/svg">
<title id="${id}-t">${title}</title><desc id="${id}-d">${desc}</desc>
${rows}
</svg>
<table><caption>${title}</caption><thead><tr><th scope="col">Group</th><th scope="col">Value</th></tr></thead>
<tbody>${bars.map((b) => html`<tr><th scope="row">${b.label}</th><td>${fmt(b.value)}${unit}</td></tr>`)}</tbody></table>
</figure>`;
}

/** Box plots (min, quartiles, max) per row, with each row's requirement as a red tick. */
export function boxPlots({
  id,
  title,
  desc,
  rows,
}: {
  id: string;
  title: string;
  desc: string;
  rows: { label: string; d: THoursDistribution }[];
}): Html {
  const top = Math.max(1, ...rows.flatMap((r) => [r.d.max ?? 0, r.d.required]));
  const h = rows.length * ROW * 1.4 + 24;
  const x = (v: number) => (LEFT + ((W - LEFT - RIGHT) * v) / top).toFixed(1);
  const plots = rows.map((r, i) => {
    const { min, q1, median, q3, max, required } = r.d;
    const y = i * ROW * 1.4 + 8;
    const box =
      min === null || q1 === null || median === null || q3 === null || max === null
        ? html`<text x="${LEFT}" y="${y + 15}" font-size="12">no candidates yet</text>`
        : html`<line x1="${x(min)}" x2="${x(max)}" y1="${y + 10}" y2="${y + 10}" stroke="#333"></line>
  <rect x="${x(q1)}" y="${y + 2}" width="${(Number(x(q3)) - Number(x(q1))).toFixed(1)}" height="16" fill="#cfe0f5" stroke="#1f5fa8"></rect>
  <line x1="${x(median)}" x2="${x(median)}" y1="${y + 2}" y2="${y + 18}" stroke="#1f5fa8" stroke-width="3"></line>`;
    return html`<g><text x="${LEFT - 8}" y="${y + 14}" text-anchor="end" font-size="13">${r.label}</text>${box}
  <line x1="${x(required)}" x2="${x(required)}" y1="${y - 2}" y2="${y + 22}" stroke="#b50909" stroke-width="2" stroke-dasharray="4 2"></line></g>`;
  });
  return html`<figure class="chart">
<svg role="img" aria-labelledby="${id}-t ${id}-d" viewBox="0 0 ${W} ${h}" width="${W}" height="${h}" xmlns="http://www.w3.org/2000/svg">
<title id="${id}-t">${title}</title><desc id="${id}-d">${desc}</desc>
${plots}
${trusted(`<text x="${LEFT}" y="${h - 4}" font-size="11">0</text><text x="${W - RIGHT}" y="${h - 4}" font-size="11" text-anchor="end">${top} h</text>`)}
</svg>
<table><caption>${title}</caption>
<thead><tr><th scope="col">Hours</th><th scope="col">Required</th><th scope="col">Candidates</th><th scope="col">Min</th><th scope="col">Q1</th><th scope="col">Median</th><th scope="col">Q3</th><th scope="col">Max</th><th scope="col">Mean</th><th scope="col">Below requirement</th></tr></thead>
<tbody>${rows.map(({ label, d }) => html`<tr><th scope="row">${label}</th><td>${d.required}</td><td>${d.count}</td><td>${fmt(d.min)}</td><td>${fmt(d.q1)}</td><td>${fmt(d.median)}</td><td>${fmt(d.q3)}</td><td>${fmt(d.max)}</td><td>${fmt(d.mean)}</td><td>${d.belowRequirement}</td></tr>`)}</tbody></table>
</figure>`;
}

/** The numbers of a distribution in words, for a chart's <desc>. */
export const describeDistribution = (label: string, d: THoursDistribution): string =>
  d.count === 0
    ? `${label}: no candidates yet.`
    : `${label}: ${d.count} candidates, min ${d.min}, quartiles ${d.q1}, ${d.median}, ${d.q3}, max ${d.max}; ${d.belowRequirement} below the ${d.required} h required.`;
