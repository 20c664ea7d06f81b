import { appendFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createFileLedger, createMemoryLedger } from '../../activities/email';

describe('sent ledger', () => {
  const dirs: string[] = [];
  const tempDir = async () => {
    const dir = await mkdtemp(join(tmpdir(), 'casc-ledger-'));
    dirs.push(dir);
    return dir;
  };
  afterEach(async () => {
    await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
  });

  it('memory ledger remembers what was put', async () => {
    const ledger = createMemoryLedger();
    expect(await ledger.get('k')).toBeUndefined();
    await ledger.put('k', 'm1');
    expect(await ledger.get('k')).toEqual({ messageId: 'm1' });
  });

  it('file ledger survives a restart (a new instance reads the JSON lines back)', async () => {
    const dir = join(await tempDir(), 'nested');
    const first = createFileLedger(dir);
    await Promise.all([first.put('a', 'm-a'), first.put('b', 'm-b'), first.put('c', 'm-c')]);
    const second = createFileLedger(dir);
    expect(await second.get('b')).toEqual({ messageId: 'm-b' });
    expect(await second.get('zzz')).toBeUndefined();
    const lines = (await readFile(join(dir, 'email-ledger.jsonl'), 'utf8')).trim().split('\n');
    expect(lines.map((l) => (JSON.parse(l) as { key: string }).key).sort()).toEqual(['a', 'b', 'c']);
  });

  it('file ledger skips a torn last line left by a crash', async () => {
    const dir = await tempDir();
    await createFileLedger(dir).put('a', 'm-a');
    await appendFile(join(dir, 'email-ledger.jsonl'), '{"key":"b","mess');
    const reopened = createFileLedger(dir);
    expect(await reopened.get('a')).toEqual({ messageId: 'm-a' });
    expect(await reopened.get('b')).toBeUndefined();
  });
});
