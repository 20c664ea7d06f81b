// Command-line plumbing for bin/casc.ts: strict flag parsing, usage errors (exit 2) versus
// failures (exit 1), and zod issues printed one per line.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { z } from 'zod';

export class UsageError extends Error {
  constructor(
    message: string,
    readonly help?: string,
  ) {
    super(message);
  }
}

/** A failure the user can act on (bad roster, rejected event): message printed, exit 1. */
export class CliFailure extends Error {
  constructor(
    message: string,
    readonly details: string[] = [],
  ) {
    super(message);
  }
}

export type TOptions = NonNullable<ParseArgsConfig['options']>;

export function parse<O extends TOptions>(argv: string[], options: O, help: string) {
  try {
    return parseArgs({
      args: argv,
      options: { ...options, help: { type: 'boolean', short: 'h' } },
      strict: true,
      allowPositionals: true,
    });
  } catch (err) {
    throw new UsageError((err as Error).message.replace(/\. To specify a positional argument.*$/s, ''), help);
  }
}

export function issuesToLines(error: z.ZodError): string[] {
  return error.issues.map((i) => `${i.path.join('.') || '(value)'}: ${i.message}`);
}

/** Parses with zod; on failure a usage error that lists every bad value. */
export function validate<T extends z.ZodType>(schema: T, value: unknown, what: string, help: string): z.output<T> {
  const parsed = schema.safeParse(value);
  if (!parsed.success)
    throw new UsageError(
      `invalid ${what}:\n${issuesToLines(parsed.error)
        .map((l) => `  - ${l}`)
        .join('\n')}`,
      help,
    );
  return parsed.data;
}

export function print(json: boolean | undefined, value: unknown, human: () => string): void {
  process.stdout.write((json ? JSON.stringify(value, null, 2) : human()) + '\n');
}

/** Fixed-width columns for terminal tables. */
export function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)].join('\n');
}
