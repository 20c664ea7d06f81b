// bin/simulate.ts as a user meets it: usage errors exit 2, a bad scenario exits 1 naming each
// problem, before any server starts (so these stay fast).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '../..');
const simulate = (...args: string[]) =>
  spawnSync(join(ROOT, 'node_modules/.bin/tsx'), [join(ROOT, 'bin/simulate.ts'), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 30_000,
  });

describe('bin/simulate.ts', () => {
  it('exits 2 with the usage on a missing --scenario or an unknown flag; --help exits 0', () => {
    const missing = simulate();
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/--scenario FILE is required[\s\S]*usage: casc simulate/);
    expect(simulate('--scenario', 'x.json', '--verbose').status).toBe(2);
    const help = simulate('--help');
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/exit codes: 0 done · 1 invalid scenario or --policy file, or failed run · 2 usage/);
  });

  it('exits 1 and names every problem of an invalid scenario, printing nothing on stdout', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'casc-cli-')), 'bad.json');
    writeFileSync(
      file,
      JSON.stringify({
        program: 'rossier',
        cohortStart: '2026-08-03',
        until: '2027-08-01',
        candidates: [],
        events: [{ candidate: 'x', day: 1, type: 'admitted' }],
      }),
    );
    const run = simulate('--scenario', file, '--json');
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('candidates: a scenario needs at least one candidate');
  });
});
