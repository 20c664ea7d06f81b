// Issue #18: a program that prints JSON writes it whole before exiting, also through a pipe to a
// slow reader. The CLI's own exit path (bin/cli/main.ts runAndExit, which bin/casc.ts and
// bin/simulate.ts call) is run with a command that prints 1 MiB of JSON (with the old immediate
// process.exit, about 200 KB arrived).
import { spawn } from 'node:child_process';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '../..');

describe('JSON through a pipe', () => {
  it('bin/casc.ts exits only after stdout has drained: 1 MiB of JSON arrives whole at a slow reader', async () => {
    // The same exit path as bin/casc.ts, with a command that prints a large report.
    const dir = mkdtempSync(join(tmpdir(), 'casc-pipe-'));
    const entry = join(dir, 'big.ts');
    const source = [
      `import { runAndExit } from ${JSON.stringify(join(ROOT, 'bin/cli/main'))};`,
      `runAndExit([], async () => { process.stdout.write(JSON.stringify({ rows: Array.from({ length: 20000 }, (_, i) => ({ i, text: 'x'.repeat(40) })) }) + '\\n'); return 0; });`,
    ].join('\n');
    writeFileSync(entry, source);
    const child = spawn(join(ROOT, 'node_modules/.bin/tsx'), [entry], { stdio: ['ignore', 'pipe', 'inherit'] });
    const chunks: Buffer[] = [];
    // A slow reader: pause after each chunk so the pipe fills and Node must buffer.
    child.stdout.on('data', (c: Buffer) => {
      chunks.push(c);
      child.stdout.pause();
      setImmediate(() => child.stdout.resume());
    });
    const code = await new Promise<number | null>((ok) => child.on('close', ok));
    const text = Buffer.concat(chunks).toString('utf8');
    expect(code).toBe(0);
    expect(text.length).toBeGreaterThan(1_000_000);
    expect((JSON.parse(text) as { rows: unknown[] }).rows.length).toBe(20000);
  }, 60_000);
});
