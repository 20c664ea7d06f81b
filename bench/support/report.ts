// What every benchmark prints and records: a plain table on stdout and a dated section, with the
// machine it ran on, appended to bench/RESULTS.md.
import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, totalmem } from 'node:os';
import { resolve } from 'node:path';

export const RESULTS_FILE = resolve(__dirname, '../RESULTS.md');

export type TRow = [label: string, value: string | number];

export function machine(): string {
  const cpu = cpus()[0]?.model?.trim() ?? 'unknown CPU';
  const load = loadavg()
    .map((l) => l.toFixed(1))
    .join(' / ');
  // The machine is shared (other test runs): the load says how much of it the benchmark had.
  return `${availableParallelism()} CPUs (nproc; ${cpu}), ${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM, Node ${process.version}, ${process.platform}/${process.arch}; load average 1/5/15 min at the end: ${load}`;
}

export function table(rows: TRow[]): string {
  const width = Math.max(...rows.map(([l]) => l.length));
  return rows.map(([l, v]) => `${l.padEnd(width)}  ${v}`).join('\n');
}

export function markdownTable(rows: TRow[]): string {
  return [
    '| measure | value |',
    '|---|---|',
    ...rows.map(([l, v]) => `| ${l} | ${String(v).replace(/\|/g, '\\|')} |`),
  ].join('\n');
}

/** Prints the figures and appends `## <title> — <date>` with the machine and the table to RESULTS.md. */
export function report(title: string, rows: TRow[], notes: string[] = []): void {
  const stamp = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  console.log(`\n${title}\n${'='.repeat(title.length)}\n${table(rows)}\n${notes.map((n) => `- ${n}`).join('\n')}\n`);
  // A trial run (BENCH_DRY_RUN=1) prints but does not record.
  if (process.env.BENCH_DRY_RUN === '1') return;
  if (!existsSync(RESULTS_FILE))
    writeFileSync(
      RESULTS_FILE,
      '# Benchmark results\n\nEach section is appended by the script named in its title (`npm run bench` runs them all).\n',
    );
  const section = [
    `\n## ${title} — ${stamp}`,
    '',
    `Machine: ${machine()}`,
    '',
    markdownTable(rows),
    '',
    ...notes.map((n) => `- ${n}`),
    '',
  ].join('\n');
  const current = readFileSync(RESULTS_FILE, 'utf8');
  appendFileSync(RESULTS_FILE, current.endsWith('\n') ? section : `\n${section}`);
}

export const round = (n: number, digits = 1): number => Math.round(n * 10 ** digits) / 10 ** digits;

/** p-th percentile (nearest rank) of a list of numbers. */
export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/** The 1/5/15-minute load averages now, for a run's notes (captured when it starts). */
export const loadNow = (): string =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(' / ');
