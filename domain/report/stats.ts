// Small numeric helpers for the program report: rounded rates, quartiles, day spans and tallies.
import type { THoursDistribution } from './schema';

export const round = (n: number, digits = 2): number => Math.round(n * 10 ** digits) / 10 ** digits;

/** A share rounded to 4 decimals; null when nobody is in the denominator (0/0 is not 0 %). */
export const rate = (part: number, whole: number): number | null => (whole === 0 ? null : round(part / whole, 4));

export const mean = (values: readonly number[]): number | null =>
  values.length === 0 ? null : round(values.reduce((a, b) => a + b, 0) / values.length);

/** Quantile by linear interpolation between closest ranks (R-7, spreadsheet QUARTILE.INC). */
export function quantile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(sorted.length - 1, lo + 1);
  return round(sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!));
}

/** min, quartiles, max, mean and how many are below the requirement: the spread, not only the mean. */
export function distribution(values: readonly number[], required: number): THoursDistribution {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    required,
    count: sorted.length,
    min: sorted.length ? round(sorted[0]!) : null,
    q1: quantile(sorted, 0.25),
    median: quantile(sorted, 0.5),
    q3: quantile(sorted, 0.75),
    max: sorted.length ? round(sorted[sorted.length - 1]!) : null,
    mean: mean(sorted),
    belowRequirement: sorted.filter((v) => v < required).length,
  };
}

export function daySpans(values: readonly number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    count: sorted.length,
    min: sorted[0] ?? null,
    median: quantile(sorted, 0.5),
    max: sorted[sorted.length - 1] ?? null,
    mean: mean(sorted),
  };
}

/** Counts by label, most frequent first, then by code point (not locale: the same order on every machine). */
export function tally(labels: readonly string[]): { label: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const l of labels) counts.set(l, (counts.get(l) ?? 0) + 1);
  return [...counts]
    .map(([label, count]) => ({ label, count }))
    .sort((a, b) => b.count - a.count || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
}
