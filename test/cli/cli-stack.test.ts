// The real CLI (spawned tsx bin/casc.ts) against the dev server + worker: roster import, list,
// show (audited IIP read), events with their exit codes. One dev stack for the file.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, localDateOf } from '../../domain/calendar/dates';
import type { TRosterReport } from '../../functions/roster/import';
import type { TCandidatePage } from '../../functions/visibility';
import { startDevStack, type DevStack } from '../support/dev-stack';
import { eventually } from '../support/eventually';
import { uniqueId } from '../support/fixtures';
import { runCli } from './run-cli';

const today = () => localDateOf(Date.now(), 'America/Los_Angeles');
const PROGRAM = uniqueId('cli').toLowerCase();
let stack: DevStack;
let env: Record<string, string>;
let roster: string;

beforeAll(async () => {
  stack = await startDevStack();
  env = {
    TEMPORAL_ADDRESS: stack.env.address,
    TEMPORAL_NAMESPACE: 'default',
    CASC_TASK_QUEUE: stack.taskQueue,
    CASC_DATA_DIR: stack.dataDir,
  };
  roster = join(mkdtempSync(join(tmpdir(), 'casc-cli-')), 'roster.json');
  const row = (id: string, name: string) => ({
    programId: PROGRAM,
    candidateId: id,
    cohortStart: '2027-08-02',
    assignmentStart: addDays(today(), -30),
    candidateName: name,
    candidateEmail: `${id}@example.org`,
    paName: 'Dr. Tran',
    paEmail: 'pa.tran@example.edu',
  });
  writeFileSync(roster, JSON.stringify([row('ana', 'Ana Lopez'), row('ben', 'Ben Okafor')]));
});
afterAll(async () => {
  await stack?.stop();
});

describe('casc CLI on the dev server', () => {
  it('R-ADM-1: roster import starts every candidate (--json report); a second import skips them', async () => {
    const first = await runCli(['roster', 'import', roster, '--json'], env);
    expect([first.code, first.stderr]).toEqual([0, '']);
    expect(JSON.parse(first.stdout) as TRosterReport).toMatchObject({ total: 2, started: 2, skipped: 0, failed: 0 });
    const again = await runCli(['roster', 'import', roster], env);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/^2 row\(s\): 0 started, 2 skipped \(already exist\), 0 failed/);
  });

  it('lists by program and shows one candidate; the IIP read is audited as the operator’s', async () => {
    const list = await eventually(async () => {
      const run = await runCli(['candidates', 'list', '--program', PROGRAM, '--phase', 'applicant', '--json'], env);
      const page = JSON.parse(run.stdout) as TCandidatePage;
      return run.code === 0 && page.candidates.length === 2 ? page : undefined;
    }, 45_000);
    expect(list.candidates.map((c) => c.key).sort()).toEqual([`${PROGRAM}-ana`, `${PROGRAM}-ben`]);
    const show = await runCli(['candidates', 'show', `${PROGRAM}-ana`], env);
    expect(show.code).toBe(0);
    expect(show.stdout).toMatch(new RegExp(`^Ana Lopez \\(${PROGRAM}-ana\\) — applicant`));
    expect(readFileSync(join(stack.dataDir, 'audit.jsonl'), 'utf8')).toContain(`"role":"operator","sub":"cli:`);
  });

  it('records an event (exit 0); out of phase or unknown candidate exit 1 and change nothing', async () => {
    const key = `${PROGRAM}-ben`;
    const ok = await runCli(['event', key, '--type', 'admitted', '--json'], env);
    expect([ok.code, JSON.parse(ok.stdout || '{}')]).toEqual([
      0,
      expect.objectContaining({ accepted: true, type: 'admitted', phase: 'enrolled' }),
    ]);
    const [twice, nobody] = await Promise.all([
      runCli(['event', key, '--type', 'admitted'], env),
      runCli(['event', `${PROGRAM}-nobody`, '--type', 'admitted'], env),
    ]);
    expect([twice.code, twice.stderr]).toEqual([
      1,
      expect.stringMatching(/^casc: not allowed now \(nothing changed\): admission is not allowed in phase 'enrolled'/),
    ]);
    expect([nobody.code, nobody.stderr]).toEqual([1, expect.stringMatching(/^casc: not found: no candidate/)]);
    expect((await stack.candidates.status(key)).phase).toBe('enrolled');
  });
});
