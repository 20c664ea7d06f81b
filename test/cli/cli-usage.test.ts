// The CLI without a Temporal server: help on every command, usage errors (exit 2) naming what is
// wrong, failures (exit 1) that never reach Temporal, dev tokens, and the progress bar. A few runs
// spawn the real `tsx bin/casc.ts` (exit codes, stdout/stderr); the many argument cases run the
// same dispatcher in-process, which is what keeps this file fast on a 2-core machine.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jwtVerify } from 'jose';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { runCli as dispatch } from '../../bin/cli/main';
import { progressBar } from '../../bin/cli/progress';
import { runCli, type TCliRun } from './run-cli';

async function inProcess(args: string[]): Promise<TCliRun> {
  let stdout = '';
  let stderr = '';
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((stdout += String(chunk)), true));
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((stderr += String(chunk)), true));
  try {
    return { code: await dispatch(args), stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

// Nothing listens here: a command that tried to reach Temporal would fail, not hang.
const OFFLINE = { TEMPORAL_ADDRESS: '127.0.0.1:1', AUTH_DEV_SECRET: 'cli-test-secret-0123456789abcdefghijk' };
const dir = mkdtempSync(join(tmpdir(), 'casc-cli-'));

describe('casc CLI usage', () => {
  beforeEach(() => {
    for (const [k, v] of Object.entries(OFFLINE)) vi.stubEnv(k, v);
  });
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it('spawned: --help exits 0, a usage error exits 2, a failure exits 1 — each on the right stream', async () => {
    const [help, usage, failure] = await Promise.all([
      runCli(['--help']),
      runCli(['candidates', 'list', '--bogus'], OFFLINE),
      runCli(['roster', 'import', join(dir, 'no-such-roster.csv')], OFFLINE),
    ]);
    expect([help.code, help.stderr]).toEqual([0, '']);
    for (const c of [
      'roster import',
      'candidates list',
      'candidates show',
      'event KEY',
      'simulate --scenario',
      'token --role',
    ])
      expect(help.stdout).toContain(c);
    expect([usage.code, usage.stdout]).toEqual([2, '']);
    expect(usage.stderr).toMatch(/^casc: Unknown option '--bogus'\n\nusage: casc candidates list/);
    expect([failure.code, failure.stdout, failure.stderr]).toEqual([
      1,
      '',
      expect.stringMatching(/^casc: cannot read .*no-such-roster\.csv: ENOENT/),
    ]);
  });

  it('prints help for every command (exit 0); no command at all is a usage error (exit 2)', async () => {
    const none = await inProcess([]);
    expect(none.code).toBe(2);
    expect(none.stdout).toContain('usage: casc <command>');
    for (const name of ['roster', 'candidates', 'event', 'simulate', 'token']) {
      const run = await inProcess([name, '--help']);
      expect([name, run.code, run.stdout.startsWith(`usage: casc ${name}`)]).toEqual([name, 0, true]);
    }
    expect((await inProcess(['event', '--help'])).stdout).toContain('coachingLogged');
  });

  it('usage errors exit 2 with a message naming the problem, then the command’s usage', async () => {
    const cases: [string[], RegExp][] = [
      [['frobnicate'], /unknown command 'frobnicate'/],
      [['candidates', 'list', '--bogus'], /Unknown option '--bogus'/],
      [
        ['candidates', 'list', '--phase', 'year3', '--cohort', '26'],
        /invalid filter:\n {2}- cohort: expected a cohort year like 2026\n {2}- phase\.0: Invalid option/,
      ],
      [['candidates', 'show'], /missing KEY/],
      [['candidates', 'show', 'not a key'], /invalid candidate key/],
      [['event', 'rossier-c1'], /--type is required/],
      [
        ['event', 'rossier-c1', '--type', 'coachingLogged', '--data', '{"hours":"lots"}'],
        /invalid event:\n {2}- hours: expected hours as a number/,
      ],
      [['event', 'rossier-c1', '--type', 'teleported'], /invalid event:\n {2}- type: /],
      [['event', 'rossier-c1', '--type', 'coachingLogged', '--data', '{nope'], /not valid JSON/],
      [['roster', 'import'], /missing FILE/],
      [['roster', 'import', 'roster.txt'], /use a \.csv or \.json file/],
      [['token', '--role', 'superuser'], /invalid role/],
      [['simulate'], /--scenario FILE is required/],
    ];
    for (const [args, message] of cases) {
      const run = await inProcess(args);
      expect([args.join(' '), run.code]).toEqual([args.join(' '), 2]);
      expect(run.stderr).toMatch(message);
      expect(run.stderr).toContain('usage: casc');
      expect(run.stdout).toBe('');
    }
  });

  it('failures exit 1 with a clear message: a roster with bad rows (nothing started), a missing scenario', async () => {
    const roster = join(dir, 'roster.csv');
    writeFileSync(
      roster,
      'programId,candidateId,cohortStart,assignmentStart,candidateName,candidateEmail,paName,paEmail\nrossier,c1,2026-08-03,June 15,Ana,ana@example.org,Dr. Tran,pa@example.edu\nrossier,c2,2026-08-03,2026-06-15,Bo,bo@,Dr. Tran,pa@example.edu\n',
    );
    const bad = await inProcess(['roster', 'import', roster]);
    const scenario = await inProcess(['simulate', '--scenario', join(dir, 'missing.json')]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(
      /the roster has 2 problem\(s\); nothing was started\n {2}row 1 \(line 2\), assignmentStart: .+\n {2}row 2 \(line 3\), candidateEmail: /,
    );
    expect(scenario.code).toBe(1);
    expect(scenario.stderr).toMatch(/missing\.json.*\n.*ENOENT/);
  });

  it('mints a dev token the API accepts (HS256, issuer/audience, the claims asked for)', async () => {
    const run = await runCli(
      ['token', '--role', 'coach', '--candidate', 'rossier-c1', '--candidate', 'rossier-c2', '--ttl', '30m', '--json'],
      OFFLINE,
    );
    expect(run.code).toBe(0);
    const { token } = JSON.parse(run.stdout) as { token: string };
    const { payload } = await jwtVerify(token, new TextEncoder().encode(OFFLINE.AUTH_DEV_SECRET), {
      issuer: 'casc-local',
      audience: 'casc-api',
    });
    expect(payload).toMatchObject({ sub: 'coach-dev', role: 'coach', candidateKeys: ['rossier-c1', 'rossier-c2'] });
    expect(payload.exp! - payload.iat!).toBe(1800);
  });
});

describe('progress bar', () => {
  const stream = (isTTY: boolean) => {
    const out: string[] = [];
    return { out, s: { isTTY, write: (t: string) => out.push(t) } as unknown as NodeJS.WriteStream };
  };

  it('draws on a terminal for long imports only, and ends with a newline', () => {
    const tty = stream(true);
    const bar = progressBar('importing', tty.s)(40);
    for (let i = 1; i <= 40; i++) bar.update(i, 40);
    bar.finish();
    expect(tty.out.at(-2)).toBe(`\rimporting [${'#'.repeat(30)}] 40/40`);
    expect(tty.out.at(-1)).toBe('\n');
    expect(tty.out.length).toBeLessThan(40);
    const pipe = stream(false);
    progressBar('importing', pipe.s)(40).update(1, 40);
    const short = stream(true);
    progressBar('importing', short.s)(3).update(1, 3);
    expect([...pipe.out, ...short.out]).toEqual([]);
  });
});
