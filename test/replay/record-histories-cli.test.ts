// scripts/record-histories.ts refuses what it cannot do before touching the corpus: an unknown
// --only name or option is a usage error (exit 2) that names the entries it knows, and no history,
// archive or stamp changes.
import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runScript } from '../cli/run-cli';

const HISTORIES = resolve(__dirname, 'histories');
/** Every file of the corpus with its modification time. */
const snapshot = () => Object.fromEntries(readdirSync(HISTORIES).map((f) => [f, statSync(join(HISTORIES, f)).mtimeMs]));

describe('record-histories usage', () => {
  it('an unknown --only name exits 2, names the known entries and changes no file', async () => {
    const before = snapshot();
    const run = await runScript('scripts/record-histories.ts', ['--only', 'deferral,no-such-entry']);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr.split('\n')[0]).toBe('record-histories: no corpus entry named no-such-entry');
    expect(run.stderr).toContain('Names: on-track, late-admission, withdrawal,');
    expect(run.stderr).toContain('race-watch-due-as-it-closes');
    expect(snapshot()).toEqual(before);
  });

  it('an unknown option exits 2 with the usage', async () => {
    const run = await runScript('scripts/record-histories.ts', ['--everything']);
    expect(run.code).toBe(2);
    expect(run.stderr.split('\n')[0]).toBe("record-histories: Unknown option '--everything'");
    expect(run.stderr).toContain('usage: npx tsx scripts/record-histories.ts [--only NAME[,NAME…]]');
  });
});
