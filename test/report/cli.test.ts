// casc report without a Temporal server: --help, and bad arguments exit 2 with a message.
import { describe, expect, it } from 'vitest';
import { runCli } from '../cli/run-cli';

const OFFLINE = { TEMPORAL_ADDRESS: '127.0.0.1:1' };

describe('casc report (issue 19)', () => {
  it('issue 19: --help prints the usage and exits 0; a bad --format or a missing --cohort exits 2 naming it', async () => {
    const [help, format, cohort] = await Promise.all([
      runCli(['report', '--help'], OFFLINE),
      runCli(['report', '--program', 'rossier', '--cohort', '2026', '--format', 'xml'], OFFLINE),
      runCli(['report', '--program', 'rossier'], OFFLINE),
    ]);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('usage: casc report --program ID --cohort YEAR');
    expect(help.stdout).toContain('--format F        text (default, a summary), csv or json');
    expect(format.code).toBe(2);
    expect(format.stdout).toBe('');
    expect(format.stderr).toContain('format: expected --format text, csv or json');
    expect(cohort.code).toBe(2);
    expect(cohort.stderr).toContain('casc: --cohort YEAR is required');
  });

  it('issue 19: an unreachable Temporal is a failure (exit 1), not a hang', async () => {
    const run = await runCli(['report', '--program', 'rossier', '--cohort', '2026', '--format', 'json'], OFFLINE);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('cannot reach Temporal at 127.0.0.1:1');
  });
});
